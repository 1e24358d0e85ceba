import { describe, expect, it } from 'vitest';
import { characterErrorRate, editDistance, exactMatchRate, quantile, wordErrorRate } from '../../src/runtime/metrics.ts';

describe('error rates', () => {
  it('computes the edit distance', () => {
    expect(editDistance([...'kitten'], [...'sitting'])).toBe(3);
    expect(editDistance([], [...'abc'])).toBe(3);
  });

  it('computes corpus-level CER over summed reference lengths', () => {
    // One substitution in "nhà" and two deletions in "cá", over 3 + 1 + 2 reference characters.
    expect(characterErrorRate(['nhà', 'ở', 'cá'], ['nhá', 'ở', ''])).toBeCloseTo(3 / 6);
    expect(characterErrorRate(['abcd', 'ef'], ['abcx', ''])).toBeCloseTo(3 / 6);
  });

  it('counts NFD and NFC forms as equal', () => {
    expect(characterErrorRate(['Việt'], ['Việt'.normalize('NFD')])).toBe(0);
  });

  it('computes WER on whitespace-split words', () => {
    expect(wordErrorRate(['con mèo đen', 'trời'], ['con meo  đen', 'trời'])).toBeCloseTo(1 / 4);
  });

  it('computes the exact-match rate', () => {
    expect(exactMatchRate(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd'])).toBe(0.75);
  });

  it('interpolates quantiles', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([10], 0.95)).toBe(10);
  });
});
