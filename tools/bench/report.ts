/**
 * Turns the benchmark figures into docs: benchmarks.md (tables a reader can scan), benchmarks.json
 * (every figure, for tools) and two SVG charts (accuracy by word length, speed per engine).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { characterErrorRate, quantile } from '../../src/runtime/metrics.ts';
import { DEFAULT_BEAM_WIDTH, DEFAULT_CTC_WEIGHT } from '../../src/runtime/recognizer.ts';
import type { DownloadSize } from '../download-size.ts';
import { scoreRun, type Scores } from '../evaluation.ts';
import type { BrowserMeasurement, PageRun } from './browser.ts';
import { groupedBarChart } from './chart.ts';
import type { EngineMeasurement } from './measure.ts';

export interface BenchResults {
  mode: 'full' | 'quick';
  date: string;
  durationMinutes: number;
  machine: {
    cpu: string;
    cores: number;
    memoryGiB: number;
    node: string;
    chromium: string;
    loadBefore: string;
    loadAfter: string;
    busyAfter: boolean;
  };
  model: { name: string; files: { path: string; bytes: number }[]; bytes: number };
  tesseractDataBytes: number;
  download: DownloadSize;
  engines: Record<'ours' | 'tesseract', EngineMeasurement>;
  browser: BrowserMeasurement;
  trainLabels: ReadonlySet<string>;
}

/** Word-length buckets in characters; the last one is open-ended. */
const LENGTH_BUCKETS = [1, 2, 3, 4, 5, 6, 7];

interface SpeedRow {
  engine: string;
  where: string;
  /** Two-line label for the chart. */
  short: string;
  n: number;
  p50: number;
  p95: number;
  note?: string;
}

function cerByLength(references: string[], hypotheses: string[]): { bucket: string; n: number; cer: number }[] {
  return LENGTH_BUCKETS.map((length, i) => {
    const last = i === LENGTH_BUCKETS.length - 1;
    const indexes = references.flatMap((reference, j) => {
      const size = [...reference].length;
      return size === length || (last && size > length) ? [j] : [];
    });
    return {
      bucket: last ? `${length}+` : String(length),
      n: indexes.length,
      cer: characterErrorRate(
        indexes.map((j) => references[j]!),
        indexes.map((j) => hypotheses[j]!),
      ),
    };
  });
}

const percent = (value: number | undefined) => (value === undefined ? 'n/a' : `${(100 * value).toFixed(1)}%`);
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

function speedRows(results: BenchResults): SpeedRow[] {
  const { ours, tesseract } = results.engines;
  const row = (engine: string, where: string, short: string, latencies: number[], note?: string): SpeedRow => ({
    engine,
    where,
    short,
    n: latencies.length,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    note,
  });
  const rows = [
    row('Nét Chữ', 'Node, onnxruntime-web WASM, 1 thread', 'Nét Chữ\nNode WASM 1 thread', ours.words.latencies),
    ...(ours.twoThreads ? [row('Nét Chữ', 'Node, onnxruntime-web WASM, 2 threads', 'Nét Chữ\nNode WASM 2 threads', ours.twoThreads)] : []),
    row('Nét Chữ', `Chromium, app worker, ${results.browser.wasm.backend.toUpperCase()}`, 'Nét Chữ\nChromium WASM', results.browser.wasm.latencies),
  ];
  const webgpu = results.browser.webgpu;
  if ('latencies' in webgpu) {
    const note = 'software adapter here: a correctness check, not a speed figure';
    rows.push(row('Nét Chữ', 'Chromium, app worker, WebGPU', 'Nét Chữ\nChromium WebGPU', webgpu.latencies, note));
  }
  rows.push(row('Tesseract', 'Node, tesseract.js WASM, 1 thread', 'Tesseract\nNode WASM 1 thread', tesseract.words.latencies));
  return rows;
}

function agreement(wasm: PageRun, webgpu: BrowserMeasurement['webgpu']): string {
  if (!('texts' in webgpu)) return `WebGPU could not run: ${webgpu.error}`;
  const same = webgpu.texts.filter((text, i) => text === wasm.texts[i]).length;
  return `WebGPU read ${same} of ${webgpu.texts.length} words exactly as WASM did.`;
}

export function writeReport(results: BenchResults, outDir: string): void {
  const { ours, tesseract } = results.engines;
  const scores: Record<'ours' | 'tesseract', { words: Scores; phrases: Scores }> = {
    ours: { words: scoreRun(ours.words, results.trainLabels), phrases: scoreRun(ours.phrases) },
    tesseract: { words: scoreRun(tesseract.words, results.trainLabels), phrases: scoreRun(tesseract.phrases) },
  };
  const lengths = {
    ours: cerByLength(ours.words.references, ours.words.hypotheses),
    tesseract: cerByLength(tesseract.words.references, tesseract.words.hypotheses),
  };
  const speed = speedRows(results);
  const tesseractP50 = quantile(tesseract.words.latencies, 0.5);
  const coldStart = quantile(results.browser.coldStartMs, 0.5);
  const { machine } = results;

  // The charts.
  writeFileSync(
    join(outDir, 'benchmarks-accuracy.svg'),
    groupedBarChart({
      title: 'Character error rate on VNOnDB test words, by word length (lower is better)',
      yLabel: 'CER',
      series: ['Nét Chữ', 'Tesseract (vie)'],
      groups: [
        ...lengths.ours.map((bucket, i) => ({
          label: `${bucket.bucket} letter${bucket.bucket === '1' ? '' : 's'}\n${bucket.n} words`,
          values: bucket.n === 0 ? [null, null] : [bucket.cer, lengths.tesseract[i]!.cer],
        })),
        { label: 'phrases', values: [scores.ours.phrases.cer, scores.tesseract.phrases.cer] },
      ],
      format: (value) => `${Math.round(100 * value)}%`,
    }),
  );
  const timed = speed.filter((row) => !row.note);
  writeFileSync(
    join(outDir, 'benchmarks-speed.svg'),
    groupedBarChart({
      title: `Time per word, ${machine.cores}-core ${machine.cpu.replace(/\s+/g, ' ')} (lower is better)`,
      yLabel: 'milliseconds',
      series: ['median', '95th percentile'],
      groups: timed.map((row) => ({ label: row.short, values: [row.p50, row.p95] })),
      format: (value) => `${Math.round(value)}`,
    }),
  );

  // The raw figures.
  const json = {
    mode: results.mode,
    date: results.date,
    durationMinutes: results.durationMinutes,
    machine,
    accuracy: scores,
    cerByLength: lengths,
    speed: speed.map(({ short: _short, ...row }) => ({ ...row, ratioToTesseract: tesseractP50 / row.p50 })),
    webgpuAgreement: agreement(results.browser.wasm, results.browser.webgpu),
    size: { model: results.model, tesseractDataBytes: results.tesseractDataBytes, firstDownload: results.download },
    peakRssBytes: { ours: ours.peakRssBytes, tesseract: tesseract.peakRssBytes },
    loadMs: { ours: ours.loadMs, tesseract: tesseract.loadMs },
    coldStartMs: results.browser.coldStartMs,
  };
  writeFileSync(join(outDir, 'benchmarks.json'), `${JSON.stringify(json, null, 1)}\n`);

  // The report.
  const accuracyRow = (label: string, pick: (s: Scores) => number | undefined, group: 'words' | 'phrases') =>
    `| ${label} | ${percent(pick(scores.ours[group]))} | ${percent(pick(scores.tesseract[group]))} |`;
  const lines = [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench${results.mode === 'quick' ? ' -- --quick' : ''}\` on ${results.date.slice(0, 16).replace('T', ' ')} UTC;`,
    `the run took ${results.durationMinutes.toFixed(1)} minutes. Machine: ${machine.cpu.replace(/\s+/g, ' ')}, ${machine.cores} cores,`,
    `${machine.memoryGiB.toFixed(0)} GiB memory, no GPU use; Node ${machine.node}; ${machine.chromium}.`,
    `CPU load before the run: ${machine.loadBefore}. After: ${machine.loadAfter}.`,
    ...(machine.busyAfter ? ['', '**Warning: other processes used the CPU at the end of the run; the speed figures may be too slow.**'] : []),
    ...(results.mode === 'quick' ? ['', '**Quick mode: a smoke check on a small sample, not figures to quote.**'] : []),
    '',
    'Tesseract reads printed text, not handwriting; it is here because it is what an offline web',
    'app would otherwise use for Vietnamese OCR. It reads the same strokes, drawn as dark ink on',
    'white at our model\'s input scale: 32 pixels high, slant corrected, with an 8-pixel white',
    'border. Tesseract runs through tesseract.js with the Vietnamese model of Debian\'s',
    'tesseract-ocr-vie, set to read one line of text.',
    '',
    '## Accuracy',
    '',
    `VNOnDB test set (writers never seen in training): ${scores.ours.words.n} words and ${scores.ours.phrases.n}`,
    'phrases of 2 to 4 words. CER and WER are corpus-level edit-distance rates on NFC text.',
    `Nét Chữ decodes as the app does: beam width ${DEFAULT_BEAM_WIDTH}, the encoder's CTC head weighted ${DEFAULT_CTC_WEIGHT} in the ranking.`,
    '',
    '| | Nét Chữ | Tesseract (vie) |',
    '| --- | --- | --- |',
    accuracyRow('words: CER', (s) => s.cer, 'words'),
    accuracyRow('words: WER', (s) => s.wer, 'words'),
    accuracyRow('words: exact match', (s) => s.exact, 'words'),
    accuracyRow(`words never in train (${scores.ours.words.n_unseen}): CER`, (s) => s.cer_unseen, 'words'),
    accuracyRow('phrases: CER', (s) => s.cer, 'phrases'),
    accuracyRow('phrases: WER', (s) => s.wer, 'phrases'),
    accuracyRow('phrases: exact match', (s) => s.exact, 'phrases'),
    '',
    '![CER by word length](benchmarks-accuracy.svg)',
    '',
    '| word length (letters) | words | Nét Chữ CER | Tesseract CER |',
    '| --- | --- | --- | --- |',
    ...lengths.ours.map((bucket, i) => `| ${bucket.bucket} | ${bucket.n} | ${percent(bucket.cer)} | ${percent(lengths.tesseract[i]!.cer)} |`),
    '',
    '## Speed',
    '',
    'Time per word from strokes to text, rendering included, one word at a time after a warm-up.',
    'The ratio is Tesseract\'s median time divided by the row\'s: above 1 is faster than Tesseract.',
    '',
    '| engine | where | words | median | 95th percentile | vs Tesseract |',
    '| --- | --- | --- | --- | --- | --- |',
    ...speed.map(
      (row) =>
        `| ${row.engine} | ${row.where}${row.note ? ` (${row.note})` : ''} | ${row.n} | ${ms(row.p50)} ms | ${ms(row.p95)} ms | ${(tesseractP50 / row.p50).toFixed(2)}x |`,
    ),
    '',
    agreement(results.browser.wasm, results.browser.webgpu),
    '',
    '![Time per word](benchmarks-speed.svg)',
    '',
    '## Size, memory and start-up',
    '',
    '| | figure |',
    '| --- | --- |',
    ...results.model.files.map((file) => `| model file \`${file.path}\` | ${file.bytes.toLocaleString('en')} bytes |`),
    `| all model files | ${mb(results.model.bytes)} |`,
    `| Tesseract's vie.traineddata, for comparison | ${mb(results.tesseractDataBytes)} |`,
    `| first download of the app (every precached file) | ${mb(results.download.raw)} raw, ${mb(results.download.gzip)} gzip, ${mb(results.download.brotli)} brotli |`,
    `| peak memory (RSS) of the Node process, Nét Chữ | ${mb(ours.peakRssBytes)} |`,
    `| peak memory (RSS) of the Node process, Tesseract | ${mb(tesseract.peakRssBytes)} |`,
    `| model load in Node, Nét Chữ / Tesseract | ${ms(ours.loadMs)} ms / ${ms(tesseract.loadMs)} ms |`,
    `| cold start in Chromium, median of ${results.browser.coldStartMs.length} | ${ms(coldStart)} ms |`,
    '',
    'Cold start runs from navigation to the first recognised word in a freshly started Chromium',
    'whose profile already holds every file in the service worker\'s cache. In that time the page',
    'loads, the worker reads and checks the model from the cache, creates the WASM sessions, and',
    'reads the word left on the pad. The backend is fixed to WASM (`?backend=wasm`), as after the first visit',
    'where the choice is remembered. Peak memory is each engine\'s own process, test data included.',
    '',
  ];
  writeFileSync(join(outDir, 'benchmarks.md'), lines.join('\n'));
}
