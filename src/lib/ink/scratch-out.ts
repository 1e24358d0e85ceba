/**
 * Scratch-out: a quick zig-zag drawn over ink erases the strokes it crosses, as handwriting
 * keyboards do. Ordinary writing, tone marks included, must never look like one, so every test
 * below has to pass: several wide back-and-forth swings, a long path for its width, and earlier
 * ink underneath.
 */
import type { Stroke } from './types.ts';

interface Point {
  x: number;
  y: number;
}

/** Minimum number of direction reversals along the zig-zag's main axis. */
const MIN_REVERSALS = 4;
/** A swing counts when it spans at least this share of the stroke's extent on that axis. */
const MIN_SWING = 0.6;
/** Path length over the extent on the main axis; a zig-zag goes back and forth at least 4 times. */
const MIN_PATH_RATIO = 4;

/** Returns the indexes of the earlier strokes that `candidate` scratches out; empty when it is not a scratch-out. */
export function findScratchedStrokes(strokes: readonly Stroke[], candidate: Stroke): number[] {
  const points = candidate.points;
  if (points.length < 6 || strokes.length === 0) return [];
  if (!isZigZag(points)) return [];

  const crossed: number[] = [];
  strokes.forEach((stroke, index) => {
    if (crosses(points, stroke.points)) crossed.push(index);
  });
  return crossed;
}

/** True when the path swings back and forth along its longer axis, with wide swings. */
export function isZigZag(points: readonly Point[]): boolean {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const width = Math.max(...xs) - Math.min(...xs);
  const height = Math.max(...ys) - Math.min(...ys);
  const along = width >= height ? xs : ys;
  const extent = Math.max(width, height);
  if (extent <= 0) return false;

  let pathLength = 0;
  for (let i = 1; i < points.length; i++) {
    pathLength += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  }
  if (pathLength < MIN_PATH_RATIO * extent) return false;

  return countWideReversals(along, MIN_SWING * extent) >= MIN_REVERSALS;
}

/** Counts turning points of a 1-D track, ignoring wiggles smaller than `minSwing`. */
function countWideReversals(track: readonly number[], minSwing: number): number {
  let reversals = 0;
  // +1 while the track rises, -1 while it falls, 0 until it first moves by `minSwing`.
  let direction = 0;
  const start = track[0]!;
  let extreme = start;
  for (const value of track) {
    if (direction === 0) {
      if (Math.abs(value - start) >= minSwing) {
        direction = Math.sign(value - start);
        extreme = value;
      }
      continue;
    }
    if ((value - extreme) * direction > 0) {
      extreme = value;
    } else if (Math.abs(extreme - value) >= minSwing) {
      reversals++;
      direction = -direction;
      extreme = value;
    }
  }
  return reversals;
}

function crosses(path: readonly Point[], other: readonly Point[]): boolean {
  if (other.length === 1) return other.some((p) => nearPath(path, p));
  for (let i = 1; i < path.length; i++) {
    for (let j = 1; j < other.length; j++) {
      if (segmentsIntersect(path[i - 1]!, path[i]!, other[j - 1]!, other[j]!)) return true;
    }
  }
  return false;
}

function nearPath(path: readonly Point[], point: Point): boolean {
  const xs = path.map((p) => p.x);
  const ys = path.map((p) => p.y);
  return point.x >= Math.min(...xs) && point.x <= Math.max(...xs) && point.y >= Math.min(...ys) && point.y <= Math.max(...ys);
}

function orientation(a: Point, b: Point, c: Point): number {
  return Math.sign((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x));
}

function segmentsIntersect(a: Point, b: Point, c: Point, d: Point): boolean {
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  return o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0;
}
