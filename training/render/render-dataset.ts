/**
 * Renders VNOnDB strokes into the model's input images with the app's own preprocessing, so
 * the training set equals what the app computes. Writes to training/data/:
 *   meta.json           input spec, vocabulary tokens, validation writers
 *   <set>.bin           uint8 pixels of every image, concatenated row-major (255 is ink)
 *   <set>.json          [byteOffset, width, label] per image
 * Sets: train-words, train-phrases (training writers), val-words, val-phrases (held-out writers).
 *
 * --synth FILE adds synthetic handwriting in VNOnDB's format (training/synth/font_strokes.py) to
 * the training sets. --mixed-phrases N adds N phrases made of random words of one writer.
 *
 * Usage: tsx training/render/render-dataset.ts [--copies N] [--seed S] [--val-writers N] [--synth FILE] [--mixed-phrases N]
 */
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_INPUT_SPEC, preprocessStrokes, strokesFromFlat, type InkPoint } from '../../src/runtime/preprocess.ts';
import { Vocabulary } from '../../src/runtime/vocabulary.ts';
import { buildPhrases, readSamples, runDatasetTool, vnondbFile, type InkSample } from '../../tools/dataset.ts';
import { augmentStrokes, seededRandom } from './augment.ts';
import { mixedPhrases } from './mixed-phrases.ts';

const { values: options } = parseArgs({
  options: {
    copies: { type: 'string', default: '2' },
    'phrase-copies': { type: 'string', default: '1' },
    seed: { type: 'string', default: '1234' },
    'val-writers': { type: 'string', default: '8' },
    synth: { type: 'string' },
    'mixed-phrases': { type: 'string', default: '0' },
    out: { type: 'string', default: resolve(fileURLToPath(import.meta.url), '../../data') },
  },
});

const augmentedCopies = Number(options.copies);
const phraseCopies = Number(options['phrase-copies']);
const seed = Number(options.seed);
const vocabulary = new Vocabulary();

/** Picks the validation writers with a seeded shuffle of the sorted writer ids. */
function pickValidationWriters(samples: readonly InkSample[], count: number): Set<string> {
  const writers = [...new Set(samples.map((s) => s.writer))].sort();
  const random = seededRandom(seed);
  for (let i = writers.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [writers[i], writers[j]] = [writers[j]!, writers[i]!];
  }
  return new Set(writers.slice(0, count));
}

/** Renders the samples (plus `copies` augmented versions of each) into one image set. */
async function writeSet(name: string, samples: readonly InkSample[], copies: number, random: () => number): Promise<void> {
  const pixels = createWriteStream(resolve(options.out, `${name}.bin`));
  const index: [number, number, string][] = [];
  let offset = 0;
  const started = Date.now();

  for (const sample of samples) {
    const strokes = strokesFromFlat(sample.strokes);
    const versions: InkPoint[][][] = [strokes];
    for (let copy = 0; copy < copies; copy++) versions.push(augmentStrokes(strokes, random));

    for (const version of versions) {
      const image = preprocessStrokes(version, DEFAULT_INPUT_SPEC);
      const bytes = Buffer.alloc(image.data.length);
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.round(image.data[i]! * 255);
      if (!pixels.write(bytes)) await new Promise<void>((done) => pixels.once('drain', () => done()));
      index.push([offset, image.width, sample.label]);
      offset += bytes.length;
    }
  }

  await new Promise<void>((done, fail) => pixels.end((error?: Error | null) => (error ? fail(error) : done())));
  writeFileSync(resolve(options.out, `${name}.json`), JSON.stringify(index));
  const seconds = (Date.now() - started) / 1000;
  console.log(`${name}: ${index.length} images, ${(offset / 2 ** 20).toFixed(0)} MiB, ${seconds.toFixed(0)} s`);
}

async function main(): Promise<void> {
  mkdirSync(options.out, { recursive: true });
  const all = await readSamples(vnondbFile('train.jsonl.gz'));
  const samples = all.filter((s) => vocabulary.covers(s.label));
  console.log(`read ${all.length} training words, ${all.length - samples.length} dropped for characters outside the vocabulary`);

  const validationWriters = pickValidationWriters(samples, Number(options['val-writers']));
  const training = samples.filter((s) => !validationWriters.has(s.writer));
  const validation = samples.filter((s) => validationWriters.has(s.writer));

  writeFileSync(
    resolve(options.out, 'meta.json'),
    JSON.stringify({ inputSpec: DEFAULT_INPUT_SPEC, tokens: vocabulary.tokens, validationWriters: [...validationWriters], seed }, null, 2),
  );

  const random = seededRandom(seed + 1);
  await writeSet('val-words', validation, 0, random);
  await writeSet('val-phrases', buildPhrases(validation), 0, random);

  // Synthetic samples join the training sets only: validation stays real handwriting.
  const synthetic = options.synth ? (await readSamples(options.synth)).filter((s) => vocabulary.covers(s.label)) : [];
  if (options.synth) console.log(`read ${synthetic.length} synthetic samples from ${options.synth}`);
  const syntheticWords = synthetic.filter((s) => !s.label.includes(' '));
  const syntheticPhrases = synthetic.filter((s) => s.label.includes(' '));
  const mixed = mixedPhrases(training, Number(options['mixed-phrases']), random);
  await writeSet('train-words', [...training, ...syntheticWords], augmentedCopies, random);
  await writeSet('train-phrases', [...buildPhrases(training), ...syntheticPhrases, ...mixed], phraseCopies, random);
}

await runDatasetTool(main);
