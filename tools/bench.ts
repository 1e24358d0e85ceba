/**
 * `npm run bench`: accuracy, speed and size of the shipped model beside Tesseract's Vietnamese
 * model, on VNOnDB's test set. Writes benchmarks.md, benchmarks.json and two SVG charts (to docs/,
 * or to bench-quick/ with --quick). Refuses to measure while other processes keep the CPU busy.
 *
 * Usage: npm run bench [-- --quick] [--out DIR] [--force]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { modelBytes } from '../src/runtime/manifest.ts';
import { evenlySpaced, readSamples, runDatasetTool, vnondbFile } from './dataset.ts';
import { measureBrowser } from './bench/browser.ts';
import { describeLoad, measureCpuLoad } from './bench/busy.ts';
import type { EngineMeasurement } from './bench/measure.ts';
import { writeReport, type BenchResults } from './bench/report.ts';
import { tessdataFolder } from './bench/tesseract.ts';
import { measureDownload } from './download-size.ts';
import { readManifest } from './node-model.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
/** Other processes may use this many cores before the machine counts as busy. */
const BUSY_CORES = 0.5;

/** Sample counts: the full run uses the whole test set; --quick is a smoke check of about 2.5 minutes on 2 cores. */
const SIZES = {
  full: { words: 'all', phrases: 'all', twoThreads: 1000, browserWords: 100, webgpuWords: 5, coldStarts: 5 },
  quick: { words: '150', phrases: '50', twoThreads: 100, browserWords: 10, webgpuWords: 2, coldStarts: 1 },
};

const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});

const started = Date.now();

/** Prints a progress line with the minutes since the start. */
function progress(message: string): void {
  console.log(`[${((Date.now() - started) / 60_000).toFixed(1)} min] ${message}`);
}

async function main(): Promise<void> {
  const mode = options.quick ? 'quick' : 'full';
  const sizes = SIZES[mode];
  const outDir = resolve(options.out ?? (options.quick ? 'bench-quick' : 'docs'));

  // Step 1: refuse to measure on a busy machine.
  const loadBefore = await measureCpuLoad();
  progress(`CPU load before the run: ${describeLoad(loadBefore)}`);
  if (loadBefore.cores > BUSY_CORES && !options.force) {
    console.error(
      `The machine is busy (${describeLoad(loadBefore)}). Speed figures would measure the contention. ` +
        'Wait until those processes finish (a training run, for instance), or pass --force to measure anyway.',
    );
    process.exit(3);
  }
  tessdataFolder();

  // Step 2: build the app, so the download size and the browser figures are this checkout's.
  progress('Building the app');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });

  // Step 3: each engine in its own process, one after the other, so peak memory is per engine.
  const scratch = mkdtempSync(join(tmpdir(), 'net-chu-bench-'));
  const measureEngine = (engine: 'ours' | 'tesseract'): EngineMeasurement => {
    progress(`Measuring ${engine}`);
    const out = join(scratch, `${engine}.json`);
    const args = ['tsx', 'tools/bench/measure.ts', engine, '--words', sizes.words, '--phrases', sizes.phrases, '--out', out];
    if (engine === 'ours') args.push('--two-threads', String(sizes.twoThreads));
    execFileSync('npx', args, { cwd: ROOT, stdio: 'inherit' });
    return JSON.parse(readFileSync(out, 'utf8')) as EngineMeasurement;
  };
  const engines = { ours: measureEngine('ours'), tesseract: measureEngine('tesseract') };
  rmSync(scratch, { recursive: true, force: true });

  // Step 4: the app in Chromium.
  progress('Measuring the app in Chromium');
  const testWords = await readSamples(vnondbFile('test.jsonl.gz'));
  const browserWords = evenlySpaced(testWords, sizes.browserWords);
  const browser = await measureBrowser(browserWords, browserWords.slice(0, sizes.webgpuWords), sizes.coldStarts);

  // Step 5: sizes, and the labels that tell which test words never occur in train.
  progress('Reading the training labels and sizes');
  const manifestPath = resolve(ROOT, 'models/net-chu-v1/manifest.json');
  const manifest = readManifest(manifestPath);
  const trainLabels = new Set((await readSamples(vnondbFile('train.jsonl.gz'))).map((sample) => sample.label));
  const loadAfter = await measureCpuLoad();

  const download = measureDownload();
  const results: BenchResults = {
    mode,
    date: new Date().toISOString(),
    durationMinutes: (Date.now() - started) / 60_000,
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: totalmem() / 2 ** 30,
      node: process.version,
      chromium: browser.chromium,
      loadBefore: describeLoad(loadBefore),
      loadAfter: describeLoad(loadAfter),
      busyAfter: loadAfter.cores > BUSY_CORES,
    },
    model: {
      name: manifest.name,
      files: Object.values(manifest.files).map((file) => ({ path: file.path, bytes: file.bytes })),
      bytes: modelBytes(manifest),
    },
    tesseractDataBytes: statSync(join(tessdataFolder(), 'vie.traineddata')).size,
    download,
    engines,
    browser,
    trainLabels,
  };
  mkdirSync(outDir, { recursive: true });
  writeReport(results, outDir);
  progress(`Wrote ${join(outDir, 'benchmarks.md')}`);
}

await runDatasetTool(main);
