import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUT_SPEC, preprocessStrokes, strokesFromFlat, type InkPoint } from '../../src/runtime/preprocess.ts';

const spec = DEFAULT_INPUT_SPEC;

function expectValidImage(strokes: InkPoint[][]): Float32Array {
  const image = preprocessStrokes(strokes);
  expect(image.height).toBe(spec.height);
  expect(image.width % spec.widthMultiple).toBe(0);
  expect(image.width).toBeGreaterThanOrEqual(spec.widthMultiple);
  expect(image.width).toBeLessThanOrEqual(spec.maxWidth);
  expect(image.data.length).toBe(image.height * image.width);
  for (const value of image.data) {
    expect(Number.isNaN(value)).toBe(false);
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(1);
  }
  return image.data;
}

function inkSum(data: Float32Array): number {
  return data.reduce((sum, value) => sum + value, 0);
}

describe('preprocessStrokes', () => {
  const word = strokesFromFlat([
    [100, 400, 120, 300, 140, 220, 160, 300, 180, 400],
    [130, 320, 170, 320],
    [220, 260, 230, 400],
    [225, 200, 226, 202],
  ]);

  it('is deterministic', () => {
    const first = preprocessStrokes(word);
    const second = preprocessStrokes(word);
    expect(second.width).toBe(first.width);
    expect(Array.from(second.data)).toEqual(Array.from(first.data));
  });

  it('draws ink for a normal word', () => {
    expect(inkSum(expectValidImage(word))).toBeGreaterThan(20);
  });

  it('ignores where the word sits on the page', () => {
    const moved = word.map((stroke) => stroke.map((p) => ({ x: p.x + 5000, y: p.y - 3000 })));
    expect(Array.from(preprocessStrokes(moved).data)).toEqual(Array.from(preprocessStrokes(word).data));
  });

  it('gives a blank image for no ink', () => {
    expect(inkSum(expectValidImage([]))).toBe(0);
    expect(inkSum(expectValidImage([[], []]))).toBe(0);
  });

  it('handles a single point', () => {
    expect(inkSum(expectValidImage([[{ x: 5, y: 5 }]]))).toBeGreaterThan(0);
  });

  it('handles repeated identical points', () => {
    expect(inkSum(expectValidImage([Array.from({ length: 50 }, () => ({ x: 7, y: 9 }))]))).toBeGreaterThan(0);
  });

  it('handles a horizontal line of zero height', () => {
    expectValidImage([[{ x: 0, y: 10 }, { x: 900, y: 10 }]]);
  });

  it('fits one very long stroke into the widest image', () => {
    const stroke = Array.from({ length: 5000 }, (_, i) => ({ x: i * 10, y: 100 * Math.sin(i / 5) }));
    const data = expectValidImage([stroke]);
    expect(data.length).toBe(spec.height * spec.maxWidth);
  });

  it('handles huge and negative coordinates', () => {
    expectValidImage([[{ x: -1e12, y: -1e12 }, { x: 1e12, y: 3e12 }]]);
    expectValidImage([[{ x: -5, y: -7 }, { x: -3, y: -100 }]]);
  });

  it('skips non-finite points', () => {
    const data = expectValidImage([[{ x: NaN, y: 1 }, { x: 1, y: Infinity }, { x: 0, y: 0 }, { x: 10, y: 10 }]]);
    expect(inkSum(data)).toBeGreaterThan(0);
  });
});
