import { describe, expect, it } from 'vitest';
import { buildPhrases, evenlySpaced, type InkSample } from '../../tools/dataset.ts';

function word(line: string, index: number): InkSample {
  return { id: `${line}/${index}`, label: `w${index}`, writer: 'w1', line, word: index, strokes: [[index, 0, index + 1, 1]] };
}

describe('buildPhrases', () => {
  it('cuts runs into 2-3-4 windows', () => {
    const words = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => word('L', i));
    expect(buildPhrases(words).map((p) => p.label)).toEqual(['w0 w1', 'w2 w3 w4', 'w5 w6 w7 w8']);
  });

  it('starts a new run where a word number is missing', () => {
    const words = [0, 1, 2, 4, 5, 6, 7, 8].map((i) => word('L', i));
    expect(buildPhrases(words).map((p) => p.label)).toEqual(['w0 w1', 'w4 w5', 'w6 w7 w8']);
  });

  it('never joins words of different lines and sorts by word number', () => {
    const words = [word('B', 1), word('A', 0), word('B', 0), word('A', 1)];
    expect(buildPhrases(words).map((p) => p.label).sort()).toEqual(['w0 w1', 'w0 w1']);
  });

  it('keeps every word stroke in page coordinates', () => {
    const [phrase] = buildPhrases([word('L', 0), word('L', 1)]);
    expect(phrase!.strokes).toEqual([[0, 0, 1, 1], [1, 0, 2, 1]]);
  });
});

describe('evenlySpaced', () => {
  it('picks evenly spaced items in order', () => {
    expect(evenlySpaced([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).toEqual([0, 2, 4, 6, 8]);
    expect(evenlySpaced([1, 2], 5)).toEqual([1, 2]);
    expect(evenlySpaced([1, 2], undefined)).toEqual([1, 2]);
  });
});
