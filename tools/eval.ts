/**
 * Evaluates the shipped quantised model on a VNOnDB-format file through the recognition runtime
 * (onnxruntime-web WASM in Node). The last line printed is one JSON object with the results.
 *
 * Usage: npm run eval -- FILE [--limit N] [--phrases] [--train TRAIN_FILE] [--beam N] [--length-penalty A] [--ctc-weight W]
 *                              [--threads N] [--model MANIFEST] [--lexicon] [--validation] [--out RESULTS.json]
 *
 * --ctc-weight sets how much the encoder's CTC head counts in the beam ranking, from 0 (the
 * decoder alone) to 1. Models exported without the CTC output ignore it.
 * --lexicon ranks candidates made of Vietnamese syllables first (src/runtime/lexicon.ts).
 * --validation keeps only the held-out training writers listed in training/data/meta.json, for
 * tuning decoding options on train.jsonl.gz without looking at the test set.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Lexicon } from '../src/runtime/lexicon.ts';
import { modelBytes } from '../src/runtime/manifest.ts';
import { DEFAULT_BEAM_WIDTH, DEFAULT_CTC_WEIGHT, DEFAULT_LENGTH_PENALTY } from '../src/runtime/recognizer.ts';
import { buildPhrases, evenlySpaced, readSamples, runDatasetTool } from './dataset.ts';
import { readWith, recognizeSamples, scoreRun } from './evaluation.ts';
import { DEFAULT_MANIFEST, loadNodeRecognizer } from './node-model.ts';

const USAGE = 'Usage: npm run eval -- FILE [--limit N] [--phrases] [--train TRAIN_FILE] [--beam N] [--length-penalty A] [--ctc-weight W] [--threads N] [--model MANIFEST] [--lexicon] [--validation] [--out RESULTS.json]';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    limit: { type: 'string' },
    phrases: { type: 'boolean', default: false },
    train: { type: 'string' },
    beam: { type: 'string', default: String(DEFAULT_BEAM_WIDTH) },
    'length-penalty': { type: 'string', default: String(DEFAULT_LENGTH_PENALTY) },
    'ctc-weight': { type: 'string', default: String(DEFAULT_CTC_WEIGHT) },
    threads: { type: 'string', default: '1' },
    model: { type: 'string', default: DEFAULT_MANIFEST },
    lexicon: { type: 'boolean', default: false },
    validation: { type: 'boolean', default: false },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    console.error(`Invalid --${name} ${JSON.stringify(value)}: expected a positive integer.\n${USAGE}`);
    process.exit(2);
  }
  return number;
}

/** Reads the held-out writers that training/render/render-dataset.ts chose. */
function validationWriters(): string[] {
  const meta = resolve(fileURLToPath(import.meta.url), '../../training/data/meta.json');
  if (!existsSync(meta)) {
    console.error(`--validation needs ${meta}; render the training data first: npx tsx training/render/render-dataset.ts`);
    process.exit(2);
  }
  return (JSON.parse(readFileSync(meta, 'utf8')) as { validationWriters: string[] }).validationWriters;
}

async function main(): Promise<void> {
  if (options.help || positionals.length !== 1) {
    console.error(USAGE);
    process.exit(options.help ? 0 : 2);
  }
  const limit = positiveInteger('limit', options.limit);
  const beamWidth = positiveInteger('beam', options.beam)!;
  const threads = positiveInteger('threads', options.threads)!;
  const lengthPenalty = Number(options['length-penalty']);
  if (!Number.isFinite(lengthPenalty) || lengthPenalty < 0) {
    console.error(`Invalid --length-penalty ${JSON.stringify(options['length-penalty'])}: expected a number >= 0.\n${USAGE}`);
    process.exit(2);
  }
  const ctcWeight = Number(options['ctc-weight']);
  if (options['ctc-weight']!.trim() === '' || !Number.isFinite(ctcWeight) || ctcWeight < 0 || ctcWeight > 1) {
    console.error(`Invalid --ctc-weight ${JSON.stringify(options['ctc-weight'])}: expected a number from 0 to 1.\n${USAGE}`);
    process.exit(2);
  }

  let words = await readSamples(positionals[0]!);
  if (options.validation) {
    const writers = new Set(validationWriters());
    words = words.filter((word) => writers.has(word.writer));
  }
  const samples = evenlySpaced(options.phrases ? buildPhrases(words) : words, limit);
  const trainLabels = options.train ? new Set((await readSamples(options.train)).map((s) => s.label)) : undefined;
  const recognizer = await loadNodeRecognizer(options.model, threads);

  const lexicon = options.lexicon ? Lexicon.vietnamese() : undefined;
  const run = await recognizeSamples(readWith(recognizer, { beamWidth, lengthPenalty, ctcWeight, lexicon }), samples);
  const summary = {
    file: positionals[0]!,
    phrases: options.phrases,
    ...scoreRun(run, trainLabels),
    model_bytes: modelBytes(recognizer.manifest),
    beam: beamWidth,
    length_penalty: lengthPenalty,
    ctc_weight: recognizer.hasCtc ? ctcWeight : 0,
    lexicon: options.lexicon,
    validation: options.validation,
    threads,
  };
  if (options.out) {
    writeFileSync(options.out, JSON.stringify({ summary, ...run }, null, 1));
  }
  console.log(`CER ${(100 * summary.cer).toFixed(2)}%  WER ${(100 * summary.wer).toFixed(2)}%  exact ${(100 * summary.exact).toFixed(2)}%  p50 ${summary.latency_ms_p50.toFixed(1)} ms`);
  console.log(JSON.stringify(summary));
  await recognizer.release();
}

await runDatasetTool(main);
