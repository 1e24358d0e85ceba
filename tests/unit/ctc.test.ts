/**
 * CTC prefix scores against brute force: every frame alignment of a small random output is
 * enumerated, collapsed, and its probability added to the texts it starts with or equals.
 */
import { describe, expect, it } from 'vitest';
import { beamSearch, type PrefixScorer } from '../../src/runtime/beam.ts';
import { CtcPrefixScorer, logAdd, type CtcPrefix } from '../../src/runtime/ctc.ts';

const BLANK = 0;

/** Seeded random log-probabilities, row-major (frames, size), each row normalised. */
function randomLogProbs(frames: number, size: number, seed: number): Float32Array {
  let state = seed;
  const random = () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
  const values = new Float32Array(frames * size);
  for (let t = 0; t < frames; t++) {
    const row = Array.from({ length: size }, () => 0.05 + random());
    const sum = row.reduce((a, b) => a + b, 0);
    row.forEach((p, c) => (values[t * size + c] = Math.log(p / sum)));
  }
  return values;
}

/** Probability of each collapsed output, summed over all size^frames alignments. */
function outputProbabilities(logProbs: Float32Array, frames: number, size: number): Map<string, number> {
  const outputs = new Map<string, number>();
  const path = new Array<number>(frames).fill(0);
  for (let index = 0; index < size ** frames; index++) {
    let rest = index;
    let logP = 0;
    for (let t = 0; t < frames; t++) {
      path[t] = rest % size;
      rest = Math.floor(rest / size);
      logP += logProbs[t * size + path[t]!]!;
    }
    const collapsed = path.filter((c, t) => c !== BLANK && c !== path[t - 1]);
    const key = collapsed.join(',');
    outputs.set(key, (outputs.get(key) ?? 0) + Math.exp(logP));
  }
  return outputs;
}

function prefixOf(scorer: CtcPrefixScorer, tokens: number[]): CtcPrefix {
  return tokens.reduce((prefix, token) => scorer.extend(prefix, token), scorer.empty());
}

describe('CTC prefix scores', () => {
  const frames = 5;
  const size = 4;
  const logProbs = randomLogProbs(frames, size, 7);
  const scorer = new CtcPrefixScorer(logProbs, frames, size, BLANK);
  const outputs = outputProbabilities(logProbs, frames, size);
  const texts = [[], [1], [2], [1, 1], [1, 2], [2, 1, 3], [3, 3, 3], [1, 2, 1, 2], [1, 2, 3, 1, 2]];

  it('scores whole texts like brute force', () => {
    for (const text of texts) {
      const expected = outputs.get(text.join(',')) ?? 0;
      const actual = Math.exp(scorer.completeScore(prefixOf(scorer, text)));
      expect(actual).toBeCloseTo(expected, 10);
    }
  });

  it('scores prefixes like brute force', () => {
    for (const text of texts.filter((t) => t.length > 0)) {
      let expected = 0;
      for (const [key, p] of outputs) {
        const output = key === '' ? [] : key.split(',').map(Number);
        if (text.every((token, i) => output[i] === token)) expected += p;
      }
      const actual = Math.exp(scorer.prefixScore(prefixOf(scorer, text)));
      // The recursion assumes each frame's probabilities sum to 1, which float32 rows hold only
      // to about 1e-7; brute force sums the rows as stored.
      expect(actual).toBeCloseTo(expected, 6);
    }
  });

  it('rules out texts longer than frames', () => {
    const tooLong = [1, 2, 1, 2, 1, 2];
    expect(scorer.completeScore(prefixOf(scorer, tooLong))).toBe(-Infinity);
  });

  it('rules out prefixes containing blank', () => {
    const withBlank = prefixOf(scorer, [1, BLANK]);
    expect(scorer.prefixScore(withBlank)).toBe(-Infinity);
    expect(scorer.completeScore(scorer.extend(withBlank, 2))).toBe(-Infinity);
  });

  it('adds log-probabilities without overflow', () => {
    expect(logAdd(Math.log(0.25), Math.log(0.5))).toBeCloseTo(Math.log(0.75), 12);
    expect(logAdd(-Infinity, -3)).toBe(-3);
    expect(logAdd(-1000, -1000)).toBeCloseTo(-1000 + Math.log(2), 9);
  });

  it('rejects log-probabilities of the wrong size', () => {
    expect(() => new CtcPrefixScorer(new Float32Array(7), 2, 4, BLANK)).toThrow(RangeError);
  });
});

describe('joint beam search', () => {
  const EOS = 9;
  const SIZE = 10;
  /** A decoder that always prefers token 1, then token 2 a little less, then EOS. */
  const decoderRows = (count: number) =>
    Array.from({ length: count }, () => {
      const row = new Float32Array(SIZE).fill(Math.log(0.01));
      row[1] = Math.log(0.5);
      row[2] = Math.log(0.3);
      row[EOS] = Math.log(0.12);
      return row;
    });

  /** A prefix scorer that only accepts prefixes of [2, 2]. */
  const likesTwoTwo: PrefixScorer<number[]> = {
    empty: () => [],
    extend: (tokens, token) => [...tokens, token],
    prefixScore: (tokens) => (tokens.every((t, i) => [2, 2][i] === t) ? 0 : -Infinity),
    completeScore: (tokens) => (tokens.length === 2 && tokens.every((t) => t === 2) ? 0 : -Infinity),
  };

  const search = (weight: number, scorer?: PrefixScorer<number[]>) =>
    beamSearch(
      0,
      { beamWidth: 2, maxLength: 4, eosId: EOS, prefixScorer: scorer as PrefixScorer<unknown>, prefixWeight: weight },
      async (lastTokens) => decoderRows(lastTokens.length),
    );

  it('ranks by decoder without scorer', async () => {
    const [best] = await search(0);
    expect(best!.tokens[0]).toBe(1);
    expect(best!.score).toBe(best!.logProb);
  });

  it('keeps scores numeric at weight 1', async () => {
    // Tokens the decoder rules out (log-probability -Infinity) still reach the ranking.
    const results = await beamSearch(
      0,
      { beamWidth: 2, maxLength: 4, eosId: EOS, prefixScorer: likesTwoTwo as PrefixScorer<unknown>, prefixWeight: 1 },
      async (lastTokens) =>
        lastTokens.map(() => {
          const row = new Float32Array(SIZE).fill(-Infinity);
          row[2] = Math.log(0.6);
          row[EOS] = Math.log(0.4);
          return row;
        }),
    );
    expect(results.every((h) => !Number.isNaN(h.score))).toBe(true);
    expect(results[0]!.tokens).toEqual([2, 2]);
  });

  it('lets the scorer overrule the decoder', async () => {
    const [best] = await search(0.5, likesTwoTwo);
    expect(best!.tokens).toEqual([2, 2]);
    expect(best!.score).toBeCloseTo(0.5 * best!.logProb, 9);
  });
});
