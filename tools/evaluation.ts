/**
 * The measurement shared by `npm run eval` and `npm run bench`: recognise samples one at a time
 * through the runtime, then score the texts with corpus-level CER, WER and exact-match rate.
 */
import { characterErrorRate, exactMatchRate, quantile, wordErrorRate } from '../src/runtime/metrics.ts';
import { strokesFromFlat, type InkPoint } from '../src/runtime/preprocess.ts';
import type { Recognizer, RecognizerOptions } from '../src/runtime/recognizer.ts';
import type { InkSample } from './dataset.ts';

export interface RecognitionRun {
  references: string[];
  hypotheses: string[];
  /** Milliseconds from strokes to the best text, preprocessing included, one per sample. */
  latencies: number[];
}

export interface Scores {
  n: number;
  cer: number;
  wer: number;
  exact: number;
  latency_ms_p50: number;
  latency_ms_p95: number;
  n_unseen?: number;
  cer_unseen?: number;
}

/** Reads strokes into text: our recognizer, or another engine such as Tesseract. */
export type ReadStrokes = (strokes: InkPoint[][]) => Promise<string>;

/** Wraps a recognizer, with its decoding options, as a ReadStrokes function. */
export function readWith(recognizer: Recognizer, options: RecognizerOptions = {}): ReadStrokes {
  return async (strokes) => (await recognizer.recognize(strokes, options)).text;
}

/** Reads every sample after one warm-up read, logging progress to stderr every 500 samples. */
export async function recognizeSamples(read: ReadStrokes, samples: readonly InkSample[]): Promise<RecognitionRun> {
  // Warm up once so the first sample's latency does not include session initialisation.
  if (samples[0]) await read(strokesFromFlat(samples[0].strokes));

  const run: RecognitionRun = { references: [], hypotheses: [], latencies: [] };
  const started = Date.now();
  for (const [i, sample] of samples.entries()) {
    const strokes = strokesFromFlat(sample.strokes);
    const startedAt = performance.now();
    const text = await read(strokes);
    run.latencies.push(performance.now() - startedAt);
    run.references.push(sample.label);
    run.hypotheses.push(text);
    if ((i + 1) % 500 === 0) {
      const rate = (i + 1) / ((Date.now() - started) / 1000);
      const cer = characterErrorRate(run.references, run.hypotheses);
      console.error(`${i + 1}/${samples.length} samples, CER so far ${cer.toFixed(4)}, ${rate.toFixed(1)} samples/s`);
    }
  }
  return run;
}

/** Scores a run; with `trainLabels`, also the CER on samples whose label never occurs in train. */
export function scoreRun(run: RecognitionRun, trainLabels?: ReadonlySet<string>): Scores {
  const { references, hypotheses, latencies } = run;
  const scores: Scores = {
    n: references.length,
    cer: characterErrorRate(references, hypotheses),
    wer: wordErrorRate(references, hypotheses),
    exact: exactMatchRate(references, hypotheses),
    latency_ms_p50: quantile(latencies, 0.5),
    latency_ms_p95: quantile(latencies, 0.95),
  };
  if (trainLabels) {
    const unseen = references.flatMap((reference, i) => (trainLabels.has(reference) ? [] : [i]));
    scores.n_unseen = unseen.length;
    scores.cer_unseen = characterErrorRate(
      unseen.map((i) => references[i]!),
      unseen.map((i) => hypotheses[i]!),
    );
  }
  return scores;
}
