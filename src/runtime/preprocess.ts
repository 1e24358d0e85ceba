/**
 * The one definition of how pen strokes become the model's input tensor.
 *
 * The app, the eval CLI and the training data renderer all call `preprocessStrokes`, so the
 * model sees in training exactly what the app feeds it. Only x, y and writing order are used:
 * pressure and time change the ink drawn on screen, never the input.
 */

export interface InkPoint {
  x: number;
  y: number;
}

export type InkStroke = readonly InkPoint[];

/** Geometry of the input image; the shipped manifest stores the values the model was trained on. */
export interface InputSpec {
  /** Image height in pixels; the written text is scaled to fill it. */
  height: number;
  /** Widest image in pixels; longer phrases are scaled down to fit. */
  maxWidth: number;
  /** Image widths are rounded up to a multiple of this, in pixels, for the encoder's windows. */
  widthMultiple: number;
  /** Empty border in pixels on each side. */
  margin: number;
  /** Diameter of the rasterised pen in pixels. */
  lineWidth: number;
  /** Largest slant correction, as |dx/dy|, that the normaliser applies. */
  maxSlant: number;
}

export const DEFAULT_INPUT_SPEC: Readonly<InputSpec> = {
  height: 32,
  maxWidth: 512,
  widthMultiple: 32,
  margin: 2,
  lineWidth: 1.6,
  maxSlant: 0.6,
};

/** A rendered image: `data` is row-major, `height * width` values in [0, 1], 1 is ink. */
export interface InputImage {
  data: Float32Array;
  width: number;
  height: number;
}

/** Converts VNOnDB-style flat strokes `[x0, y0, x1, y1, ...]` into point lists. */
export function strokesFromFlat(flat: readonly (readonly number[])[]): InkPoint[][] {
  return flat.map((coordinates) => {
    const points: InkPoint[] = [];
    for (let i = 0; i + 1 < coordinates.length; i += 2) points.push({ x: coordinates[i]!, y: coordinates[i + 1]! });
    return points;
  });
}

/** Renders strokes into the model's input image; empty or degenerate ink gives a valid image. */
export function preprocessStrokes(strokes: readonly InkStroke[], spec: Readonly<InputSpec> = DEFAULT_INPUT_SPEC): InputImage {
  const cleaned = cleanStrokes(strokes);

  // Undo the writer's slant so upright and slanted writing look alike.
  const slant = clamp(estimateSlant(cleaned), -spec.maxSlant, spec.maxSlant);
  const upright = cleaned.map((stroke) => stroke.map((p) => ({ x: p.x - slant * p.y, y: p.y })));

  // Scale the ink to fill the height, unless that makes it wider than the widest image.
  const box = boundingBox(upright);
  const inner = spec.height - 2 * spec.margin;
  const scale = fitScale(box, inner, spec.maxWidth - 2 * spec.margin);
  const contentWidth = box.width * scale;
  const width = clamp(roundUp(contentWidth + 2 * spec.margin, spec.widthMultiple), spec.widthMultiple, spec.maxWidth);
  const offsetX = spec.margin - box.minX * scale;
  const offsetY = (spec.height - box.height * scale) / 2 - box.minY * scale;
  const pixels = upright.map((stroke) => stroke.map((p) => ({ x: p.x * scale + offsetX, y: p.y * scale + offsetY })));

  const data = new Float32Array(spec.height * width);
  for (const stroke of pixels) drawStroke(data, width, spec.height, stroke, spec.lineWidth / 2);

  // Quantise to 1/255 steps so the training set, stored as bytes, equals what the app computes.
  for (let i = 0; i < data.length; i++) data[i] = Math.round(data[i]! * 255) / 255;
  return { data, width, height: spec.height };
}

/** Drops non-finite points and consecutive duplicates; drops strokes left empty. */
function cleanStrokes(strokes: readonly InkStroke[]): InkPoint[][] {
  const cleaned: InkPoint[][] = [];
  for (const stroke of strokes) {
    const points: InkPoint[] = [];
    for (const point of stroke) {
      if (!Number.isFinite(point.x) || !Number.isFinite(point.y)) continue;
      const last = points[points.length - 1];
      if (last && last.x === point.x && last.y === point.y) continue;
      points.push({ x: point.x, y: point.y });
    }
    if (points.length > 0) cleaned.push(points);
  }
  return cleaned;
}

/**
 * Estimates the dominant slant as dx/dy over the near-vertical pen movements, weighted by their
 * vertical length. Returns 0 when there are none.
 */
function estimateSlant(strokes: readonly InkPoint[][]): number {
  let sumDx = 0;
  let sumDy = 0;
  for (const stroke of strokes) {
    for (let i = 1; i < stroke.length; i++) {
      const dx = stroke[i]!.x - stroke[i - 1]!.x;
      const dy = stroke[i]!.y - stroke[i - 1]!.y;
      if (Math.abs(dy) <= 2 * Math.abs(dx)) continue;
      sumDx += dy > 0 ? dx : -dx;
      sumDy += Math.abs(dy);
    }
  }
  return sumDy > 0 ? sumDx / sumDy : 0;
}

interface Box {
  minX: number;
  minY: number;
  width: number;
  height: number;
}

function boundingBox(strokes: readonly InkPoint[][]): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const stroke of strokes) {
    for (const p of stroke) {
      minX = Math.min(minX, p.x);
      minY = Math.min(minY, p.y);
      maxX = Math.max(maxX, p.x);
      maxY = Math.max(maxY, p.y);
    }
  }
  if (minX === Infinity) return { minX: 0, minY: 0, width: 0, height: 0 };
  return { minX, minY, width: maxX - minX, height: maxY - minY };
}

/** Picks the scale that fills `innerHeight` without exceeding `innerWidth`; a lone dot keeps scale 1. */
function fitScale(box: Box, innerHeight: number, innerWidth: number): number {
  const byHeight = box.height > 0 ? innerHeight / box.height : Infinity;
  const byWidth = box.width > 0 ? innerWidth / box.width : Infinity;
  const scale = Math.min(byHeight, byWidth);
  return Number.isFinite(scale) ? scale : 1;
}

/** Draws an anti-aliased polyline of the given pen radius, keeping the darkest value per pixel. */
function drawStroke(data: Float32Array, width: number, height: number, stroke: readonly InkPoint[], radius: number): void {
  if (stroke.length === 1) {
    drawSegment(data, width, height, stroke[0]!, stroke[0]!, radius);
    return;
  }
  for (let i = 1; i < stroke.length; i++) drawSegment(data, width, height, stroke[i - 1]!, stroke[i]!, radius);
}

function drawSegment(data: Float32Array, width: number, height: number, a: InkPoint, b: InkPoint, radius: number): void {
  // Pixel (column, row) covers [column, column + 1) x [row, row + 1); its centre is at +0.5.
  const reach = radius + 1;
  const x0 = Math.max(0, Math.floor(Math.min(a.x, b.x) - reach));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(a.x, b.x) + reach));
  const y0 = Math.max(0, Math.floor(Math.min(a.y, b.y) - reach));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(a.y, b.y) + reach));
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;

  for (let row = y0; row <= y1; row++) {
    const cy = row + 0.5;
    for (let column = x0; column <= x1; column++) {
      const cx = column + 0.5;
      const t = lengthSquared > 0 ? clamp(((cx - a.x) * dx + (cy - a.y) * dy) / lengthSquared, 0, 1) : 0;
      const distance = Math.hypot(cx - (a.x + t * dx), cy - (a.y + t * dy));
      const coverage = clamp(radius + 0.5 - distance, 0, 1);
      const index = row * width + column;
      if (coverage > data[index]!) data[index] = coverage;
    }
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}
