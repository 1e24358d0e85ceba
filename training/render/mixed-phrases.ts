import type { InkSample } from '../../tools/dataset.ts';

/**
 * Builds phrases of 2 to 4 random words of one writer, laid side by side on a common middle line
 * with a gap of a third to two thirds of the word height. Unlike the lines of VNOnDB's news texts,
 * these word sequences cannot be guessed from the first word, so the decoder has to read them all.
 */
export function mixedPhrases(samples: readonly InkSample[], count: number, random: () => number): InkSample[] {
  const byWriter = new Map<string, InkSample[]>();
  for (const sample of samples) {
    const words = byWriter.get(sample.writer) ?? [];
    words.push(sample);
    byWriter.set(sample.writer, words);
  }
  const writers = [...byWriter.keys()].sort();
  const phrases: InkSample[] = [];
  for (let i = 0; i < count && writers.length > 0; i++) {
    const words = byWriter.get(writers[Math.floor(random() * writers.length)]!)!;
    const length = 2 + Math.floor(random() * 3);
    const picked = Array.from({ length }, () => words[Math.floor(random() * words.length)]!);
    const strokes: number[][] = [];
    let cursor = 0;
    for (const word of picked) {
      const xs = word.strokes.flatMap((stroke) => stroke.filter((_, j) => j % 2 === 0));
      const ys = word.strokes.flatMap((stroke) => stroke.filter((_, j) => j % 2 === 1)).sort((a, b) => a - b);
      if (xs.length === 0) continue;
      const minX = Math.min(...xs);
      const middle = ys[Math.floor(ys.length / 2)]!;
      const height = Math.max(1, ys[ys.length - 1]! - ys[0]!);
      for (const stroke of word.strokes) strokes.push(stroke.map((value, j) => (j % 2 === 0 ? value - minX + cursor : value - middle)));
      cursor += Math.max(...xs) - minX + height * (0.33 + 0.33 * random());
    }
    phrases.push({ ...picked[0]!, id: `mixed-${i}`, label: picked.map((word) => word.label).join(' '), strokes });
  }
  return phrases;
}
