/**
 * The shipped quantised model, run through the same runtime as the app, on real VNOnDB test words
 * read from ../shared/data at run time.
 */
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { exactMatchRate } from '../../src/runtime/metrics.ts';
import { strokesFromFlat } from '../../src/runtime/preprocess.ts';
import type { Recognizer } from '../../src/runtime/recognizer.ts';
import { evenlySpaced, readSamples, vnondbFile, type InkSample } from '../../tools/dataset.ts';
import { loadNodeRecognizer, readManifest } from '../../tools/node-model.ts';
import { ROOT } from '../browser/harness.ts';

const WORDS = 50;

describe('shipped model', () => {
  let recognizer: Recognizer;
  let words: InkSample[];
  let exact: number;

  beforeAll(async () => {
    words = evenlySpaced(await readSamples(vnondbFile('test.jsonl.gz')), WORDS);
    recognizer = await loadNodeRecognizer();
    const hypotheses: string[] = [];
    for (const word of words) hypotheses.push((await recognizer.recognize(strokesFromFlat(word.strokes))).text);
    exact = exactMatchRate(words.map((w) => w.label), hypotheses);
  });

  it('reads real test words within 5 points of npm run eval', async () => {

    const output = execFileSync('npx', ['tsx', 'tools/eval.ts', vnondbFile('test.jsonl.gz'), '--limit', String(WORDS)], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const summary = JSON.parse(output.trim().split('\n').pop()!) as { n: number; exact: number };
    expect(summary.n).toBe(WORDS);
    expect(Math.abs(exact - summary.exact)).toBeLessThanOrEqual(0.05);
  });

  it('reads most real test words exactly', () => {
    // The model card reports about 80% on the whole test set. A broken model or preprocessing
    // change falls far below this floor.
    expect(exact).toBeGreaterThanOrEqual(0.4);
  });

  it('returns ranked distinct candidates with timings', async () => {
    const result = await recognizer.recognize(strokesFromFlat(words[0]!.strokes), { beamWidth: 4, maxCandidates: 4 });
    expect(result.candidates.length).toBeGreaterThan(1);
    expect(result.candidates.length).toBeLessThanOrEqual(4);
    expect(new Set(result.candidates.map((c) => c.text)).size).toBe(result.candidates.length);
    const scores = result.candidates.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(result.text).toBe(result.candidates[0]!.text);
    expect(result.timings.totalMs).toBeGreaterThan(0);
    expect(result.backend).toBe('wasm');
  });

  it('ranks candidates with CTC head', async () => {
    expect(recognizer.hasCtc).toBe(true);
    const strokes = strokesFromFlat(words[1]!.strokes);
    const joint = await recognizer.recognize(strokes, { ctcWeight: 0.5 });
    expect(joint.candidates.every((c) => Number.isFinite(c.score) && c.score !== c.logProb)).toBe(true);
    const decoderOnly = await recognizer.recognize(strokes, { ctcWeight: 0 });
    expect(decoderOnly.candidates.every((c) => c.score === c.logProb)).toBe(true);
  });

  it('returns an empty text for an empty pad', async () => {
    const result = await recognizer.recognize([]);
    expect(typeof result.text).toBe('string');
  });

  it('lists every shipped file with its size in the manifest', () => {
    const manifest = readManifest();
    expect(manifest.files.encoder.bytes + manifest.files.decoder.bytes).toBeLessThanOrEqual(10_000_000);
    expect(manifest.dataTerms).toMatch(/research/);
  });
});
