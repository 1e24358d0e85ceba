/**
 * One engine's part of `npm run bench`, run in its own process so that its peak memory is its
 * own: our model (onnxruntime-web WASM in Node) or Tesseract (tesseract.js with Debian's
 * Vietnamese data), on the same evenly spaced test words and phrases. Writes JSON to --out.
 *
 * Usage: tsx tools/bench/measure.ts ours|tesseract --words N --phrases N [--two-threads N] --out FILE
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { InkPoint } from '../../src/runtime/preprocess.ts';
import { buildPhrases, evenlySpaced, readSamples, vnondbFile } from '../dataset.ts';
import { readWith, recognizeSamples, type RecognitionRun } from '../evaluation.ts';
import { loadNodeRecognizer } from '../node-model.ts';
import { loadTesseract } from './tesseract.ts';

export interface EngineMeasurement {
  engine: 'ours' | 'tesseract';
  words: RecognitionRun;
  phrases: RecognitionRun;
  /** Per-word latencies with two WASM threads (our model only). */
  twoThreads?: number[];
  /** Milliseconds to load the engine and its model. */
  loadMs: number;
  /** Peak resident memory of this process, in bytes. */
  peakRssBytes: number;
}

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    words: { type: 'string' },
    phrases: { type: 'string' },
    'two-threads': { type: 'string', default: '0' },
    out: { type: 'string' },
  },
});
const engine = positionals[0];
if ((engine !== 'ours' && engine !== 'tesseract') || !options.out) {
  console.error('Usage: tsx tools/bench/measure.ts ours|tesseract --words N --phrases N [--two-threads N] --out FILE');
  process.exit(2);
}
const count = (value: string | undefined) => (value === undefined || value === 'all' ? undefined : Number(value));

const testWords = await readSamples(vnondbFile('test.jsonl.gz'));
const words = evenlySpaced(testWords, count(options.words));
const phrases = evenlySpaced(buildPhrases(testWords), count(options.phrases));

let measurement: EngineMeasurement;
if (engine === 'ours') {
  const loadStarted = performance.now();
  const recognizer = await loadNodeRecognizer(undefined, 1);
  const loadMs = performance.now() - loadStarted;
  console.error(`ours: ${words.length} words`);
  const wordRun = await recognizeSamples(readWith(recognizer), words);
  console.error(`ours: ${phrases.length} phrases`);
  const phraseRun = await recognizeSamples(readWith(recognizer), phrases);
  await recognizer.release();

  let twoThreads: number[] | undefined;
  const twoThreadWords = Number(options['two-threads']);
  if (twoThreadWords > 0) {
    console.error(`ours: ${twoThreadWords} words with 2 threads`);
    const threaded = await loadNodeRecognizer(undefined, 2);
    twoThreads = (await recognizeSamples(readWith(threaded), evenlySpaced(testWords, twoThreadWords))).latencies;
    await threaded.release();
  }
  measurement = { engine, words: wordRun, phrases: phraseRun, twoThreads, loadMs, peakRssBytes: 0 };
} else {
  const loadStarted = performance.now();
  const tesseract = await loadTesseract();
  const loadMs = performance.now() - loadStarted;
  const read = (strokes: InkPoint[][]) => tesseract.read(strokes);
  console.error(`tesseract: ${words.length} words`);
  const wordRun = await recognizeSamples(read, words);
  console.error(`tesseract: ${phrases.length} phrases`);
  const phraseRun = await recognizeSamples(read, phrases);
  await tesseract.close();
  measurement = { engine, words: wordRun, phrases: phraseRun, loadMs, peakRssBytes: 0 };
}

// maxRSS is in kilobytes; it covers worker threads too, since they share the process.
measurement.peakRssBytes = process.resourceUsage().maxRSS * 1024;
writeFileSync(options.out, JSON.stringify(measurement));
