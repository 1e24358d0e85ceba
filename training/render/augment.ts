/**
 * Random stroke distortions for training: the same word as another writer might have written it.
 */
import type { InkPoint } from '../../src/runtime/preprocess.ts';

/** Mulberry32: a small seeded generator, so every rendered data set can be reproduced. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uniform(random: () => number, low: number, high: number): number {
  return low + (high - low) * random();
}

/**
 * Applies a random affine map (aspect, shear, rotation) to the whole ink, then moves each stroke
 * a little on its own, as diacritics and tone marks land in slightly different places.
 */
export function augmentStrokes(strokes: readonly (readonly InkPoint[])[], random: () => number): InkPoint[][] {
  const all = strokes.flat();
  if (all.length === 0) return [];
  const ys = all.map((p) => p.y);
  const size = Math.max(1, Math.max(...ys) - Math.min(...ys));

  const aspect = uniform(random, 0.8, 1.2);
  const shear = uniform(random, -0.25, 0.25);
  const angle = uniform(random, -0.06, 0.06);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const strokeShift = 0.03 * size;
  const pointNoise = 0.006 * size;

  return strokes.map((stroke) => {
    const shiftX = uniform(random, -strokeShift, strokeShift);
    const shiftY = uniform(random, -strokeShift, strokeShift);
    return stroke.map((p) => {
      const x = (p.x + shear * p.y) * aspect;
      const y = p.y;
      return {
        x: cos * x - sin * y + shiftX + uniform(random, -pointNoise, pointNoise),
        y: sin * x + cos * y + shiftY + uniform(random, -pointNoise, pointNoise),
      };
    });
  });
}
