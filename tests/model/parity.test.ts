/**
 * Export parity: PyTorch outputs saved by training/netchu/export.py for a fixed synthetic image
 * equal what onnxruntime-web (WASM, in Node) computes from the float export and, within a looser
 * bound, from the shipped int8 files.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../browser/harness.ts';

interface Fixture {
  image: { dims: number[]; data: number[] };
  cross_keys: { dims: number[]; data: number[] };
  ctc_log_probs: { dims: number[]; data: number[] };
  steps: { tokens: number[]; logits: number[] }[];
}

const fixture = JSON.parse(readFileSync(resolve(ROOT, 'tests/fixtures/net-chu-v1-parity.json'), 'utf8')) as Fixture;

/** Float export: only rounding differences between PyTorch and onnxruntime kernels. */
const FLOAT_TOLERANCE = 1e-3;
/** int8 weights: the logits move by at most this much, in logit units. */
const INT8_LOGIT_TOLERANCE = 0.6;
/** int8 weights: CTC log-probabilities above log(1%) in PyTorch move by at most this much. */
const INT8_CTC_TOLERANCE = 0.6;

function maxDifference(actual: ArrayLike<number>, expected: readonly number[]): number {
  expect(actual.length).toBe(expected.length);
  let max = 0;
  for (let i = 0; i < expected.length; i++) max = Math.max(max, Math.abs(actual[i]! - expected[i]!));
  return max;
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

async function runModel(encoderPath: string, decoderPath: string) {
  ort.env.wasm.numThreads = 1;
  const options = { graphOptimizationLevel: 'all' as const, extra: { session: { disable_quant_qdq: '1' } } };
  const encoder = await ort.InferenceSession.create(readFileSync(encoderPath), options);
  const decoder = await ort.InferenceSession.create(readFileSync(decoderPath), options);
  const image = new ort.Tensor('float32', Float32Array.from(fixture.image.data), fixture.image.dims);
  const { cross_keys: crossKeys, cross_values: crossValues, ctc_log_probs: ctcLogProbs } = await encoder.run({ image });
  const [layers, , heads, , headDim] = crossKeys!.dims as number[];
  let pastKeys: ort.Tensor = new ort.Tensor('float32', new Float32Array(0), [layers!, 1, heads!, 0, headDim!]);
  let pastValues: ort.Tensor = pastKeys;
  const logits: Float32Array[] = [];
  for (const step of fixture.steps) {
    const output = await decoder.run({
      tokens: new ort.Tensor('int64', BigInt64Array.from(step.tokens, BigInt), [1, step.tokens.length]),
      cross_keys: crossKeys!,
      cross_values: crossValues!,
      past_keys: pastKeys,
      past_values: pastValues,
    });
    pastKeys = output.present_keys!;
    pastValues = output.present_values!;
    logits.push(output.logits!.data as Float32Array);
  }
  expect(ctcLogProbs?.dims).toEqual(fixture.ctc_log_probs.dims);
  return { crossKeys: crossKeys!.data as Float32Array, ctcLogProbs: ctcLogProbs!.data as Float32Array, logits };
}

describe('export parity', () => {
  it('float ONNX matches PyTorch', async () => {
    const { crossKeys, ctcLogProbs, logits } = await runModel(
      resolve(ROOT, 'training/export/net-chu-v1/encoder.onnx'),
      resolve(ROOT, 'training/export/net-chu-v1/decoder.onnx'),
    );
    expect(maxDifference(crossKeys, fixture.cross_keys.data)).toBeLessThan(FLOAT_TOLERANCE);
    expect(maxDifference(ctcLogProbs, fixture.ctc_log_probs.data)).toBeLessThan(FLOAT_TOLERANCE);
    fixture.steps.forEach((step, i) => expect(maxDifference(logits[i]!, step.logits)).toBeLessThan(FLOAT_TOLERANCE));
  });

  it('int8 ONNX stays close to PyTorch', async () => {
    const { ctcLogProbs, logits } = await runModel(
      resolve(ROOT, 'models/net-chu-v1/encoder.int8.onnx'),
      resolve(ROOT, 'models/net-chu-v1/decoder.int8.onnx'),
    );
    const [, frames, size] = fixture.ctc_log_probs.dims as [number, number, number];
    for (let frame = 0; frame < frames; frame++) {
      const expected = fixture.ctc_log_probs.data.slice(frame * size, (frame + 1) * size);
      const actual = ctcLogProbs.subarray(frame * size, (frame + 1) * size);
      expect(argmax(actual)).toBe(argmax(expected));
      expected.forEach((value, token) => {
        if (value > Math.log(0.01)) expect(Math.abs(actual[token]! - value)).toBeLessThan(INT8_CTC_TOLERANCE);
      });
    }
    fixture.steps.forEach((step, i) => {
      expect(maxDifference(logits[i]!, step.logits)).toBeLessThan(INT8_LOGIT_TOLERANCE);
      expect(argmax(logits[i]!)).toBe(argmax(step.logits));
    });
  });
});
