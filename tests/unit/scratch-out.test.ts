import { describe, expect, it } from 'vitest';
import { InkHistory } from '../../src/lib/ink/ink-history.ts';
import { findScratchedStrokes, isZigZag } from '../../src/lib/ink/scratch-out.ts';
import type { Stroke } from '../../src/lib/ink/types.ts';
import { strokesFromFlat } from '../../src/runtime/preprocess.ts';
import { readSamples, vnondbFile } from '../../tools/dataset.ts';

function stroke(points: { x: number; y: number }[]): Stroke {
  return { pointerType: 'pen', points: points.map((p, i) => ({ ...p, pressure: 0.5, time: i * 8 })) };
}

const diagonal = stroke([{ x: 0, y: 0 }, { x: 80, y: 100 }]);
const far = stroke([{ x: 300, y: 0 }, { x: 300, y: 100 }]);
const zigzag = stroke(Array.from({ length: 7 }, (_, i) => ({ x: i % 2 === 0 ? 0 : 90, y: 30 + i * 6 })));

describe('scratch-out', () => {
  it('recognises a zig-zag', () => {
    expect(isZigZag(zigzag.points)).toBe(true);
  });

  it('erases only the strokes the zig-zag crosses', () => {
    expect(findScratchedStrokes([diagonal, far], zigzag)).toEqual([0]);
  });

  it('does nothing on an empty pad', () => {
    expect(findScratchedStrokes([], zigzag)).toEqual([]);
  });

  it('is one undo step in the ink history', () => {
    const history = new InkHistory();
    history.commit(diagonal);
    history.commit(far);
    expect(history.commit(zigzag)).toBe('scratched');
    expect(history.strokes).toEqual([far]);
    history.undo();
    expect(history.strokes).toEqual([diagonal, far]);
  });

  it('never fires while replaying every VNOnDB test word', async () => {
    const samples = await readSamples(vnondbFile('test.jsonl.gz'));
    let fired = 0;
    for (const sample of samples) {
      const strokes = strokesFromFlat(sample.strokes).map(stroke);
      strokes.forEach((candidate, k) => {
        if (findScratchedStrokes(strokes.slice(0, k), candidate).length > 0) fired++;
      });
    }
    expect(fired).toBe(0);
  }, 120_000);
});
