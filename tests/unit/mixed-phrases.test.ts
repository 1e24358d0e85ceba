import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../training/render/augment.ts';
import { mixedPhrases } from '../../training/render/mixed-phrases.ts';
import type { InkSample } from '../../tools/dataset.ts';

/** Builds a word written as one stroke at page position (x, y). */
function word(label: string, writer: string, x: number, y: number): InkSample {
  return { id: label, label, writer, line: 'l', word: 0, strokes: [[x, y, x + 50, y + 20, x + 100, y]] };
}

describe('mixed-writer phrases', () => {
  const words = [word('một', 'a', 0, 500), word('hai', 'a', 900, 100), word('ba', 'b', 300, 300)];

  it('uses words of one writer, joined by single spaces', () => {
    for (const phrase of mixedPhrases(words, 20, seededRandom(1))) {
      const labels = phrase.label.split(' ');
      expect(labels.length).toBeGreaterThanOrEqual(2);
      expect(labels.length).toBeLessThanOrEqual(4);
      const writers = new Set(labels.map((label) => words.find((w) => w.label === label)!.writer));
      expect(writers.size).toBe(1);
    }
  });

  it('lays words left to right with a gap', () => {
    const [phrase] = mixedPhrases(words, 1, seededRandom(2));
    const spans = phrase!.strokes.map((stroke) => ({ left: stroke[0]!, right: stroke[stroke.length - 2]! }));
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.left).toBeGreaterThan(spans[i - 1]!.right);
    const middles = phrase!.strokes.map((stroke) => stroke[3]!);
    expect(new Set(middles).size).toBe(1);
  });

  it('is reproducible from the seed', () => {
    expect(mixedPhrases(words, 5, seededRandom(3))).toEqual(mixedPhrases(words, 5, seededRandom(3)));
  });
});
