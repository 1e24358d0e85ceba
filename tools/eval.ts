/**
 * Evaluates the shipped quantised model on a VNOnDB-format file through the recognition runtime
 * (onnxruntime-web WASM in Node). The last line printed is one JSON object with the results.
 *
 * Usage: npm run eval -- FILE [--limit N] [--phrases] [--train TRAIN_FILE] [--beam N] [--length-penalty A] [--threads N]
 *                              [--model MANIFEST] [--out RESULTS.json]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { modelBytes } from '../src/runtime/manifest.ts';
import { characterErrorRate, exactMatchRate, quantile, wordErrorRate } from '../src/runtime/metrics.ts';
import { strokesFromFlat } from '../src/runtime/preprocess.ts';
import { DEFAULT_BEAM_WIDTH, DEFAULT_LENGTH_PENALTY } from '../src/runtime/recognizer.ts';
import { buildPhrases, evenlySpaced, readSamples } from './dataset.ts';
import { DEFAULT_MANIFEST, loadNodeRecognizer } from './node-model.ts';

const USAGE = 'Usage: npm run eval -- FILE [--limit N] [--phrases] [--train TRAIN_FILE] [--beam N] [--length-penalty A] [--threads N] [--model MANIFEST] [--out RESULTS.json]';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    limit: { type: 'string' },
    phrases: { type: 'boolean', default: false },
    train: { type: 'string' },
    beam: { type: 'string', default: String(DEFAULT_BEAM_WIDTH) },
    'length-penalty': { type: 'string', default: String(DEFAULT_LENGTH_PENALTY) },
    threads: { type: 'string', default: '1' },
    model: { type: 'string', default: DEFAULT_MANIFEST },
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

  const words = await readSamples(positionals[0]!);
  const samples = evenlySpaced(options.phrases ? buildPhrases(words) : words, limit);
  const trainLabels = options.train ? new Set((await readSamples(options.train)).map((s) => s.label)) : undefined;
  const recognizer = await loadNodeRecognizer(options.model, threads);

  // Warm up once so the first sample's latency does not include session initialisation.
  if (samples[0]) await recognizer.recognize(strokesFromFlat(samples[0].strokes), { beamWidth, lengthPenalty });

  const references: string[] = [];
  const hypotheses: string[] = [];
  const latencies: number[] = [];
  const started = Date.now();
  for (const [i, sample] of samples.entries()) {
    const strokes = strokesFromFlat(sample.strokes);
    const startedAt = performance.now();
    const result = await recognizer.recognize(strokes, { beamWidth, lengthPenalty });
    latencies.push(performance.now() - startedAt);
    references.push(sample.label);
    hypotheses.push(result.text);
    if ((i + 1) % 500 === 0) {
      const rate = (i + 1) / ((Date.now() - started) / 1000);
      console.error(`${i + 1}/${samples.length} samples, CER so far ${characterErrorRate(references, hypotheses).toFixed(4)}, ${rate.toFixed(1)} samples/s`);
    }
  }

  const summary: Record<string, number | string | boolean> = {
    file: positionals[0]!,
    phrases: options.phrases,
    n: samples.length,
    cer: characterErrorRate(references, hypotheses),
    wer: wordErrorRate(references, hypotheses),
    exact: exactMatchRate(references, hypotheses),
    latency_ms_p50: quantile(latencies, 0.5),
    latency_ms_p95: quantile(latencies, 0.95),
    model_bytes: modelBytes(recognizer.manifest),
    beam: beamWidth,
    length_penalty: lengthPenalty,
    threads,
  };
  if (trainLabels) {
    const unseen = references.flatMap((reference, i) => (trainLabels.has(reference) ? [] : [i]));
    summary.n_unseen = unseen.length;
    summary.cer_unseen = characterErrorRate(
      unseen.map((i) => references[i]!),
      unseen.map((i) => hypotheses[i]!),
    );
  }
  if (options.out) {
    writeFileSync(options.out, JSON.stringify({ summary, references, hypotheses, latencies }, null, 1));
  }
  console.log(`CER ${(100 * (summary.cer as number)).toFixed(2)}%  WER ${(100 * (summary.wer as number)).toFixed(2)}%  exact ${(100 * (summary.exact as number)).toFixed(2)}%  p50 ${(summary.latency_ms_p50 as number).toFixed(1)} ms`);
  console.log(JSON.stringify(summary));
  await recognizer.release();
}

await main();
