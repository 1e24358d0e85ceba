/** A sampled pen position: page pixels, pressure in [0, 1], time in milliseconds. */
export interface PenPoint {
  x: number;
  y: number;
  pressure: number;
  time: number;
}

export type PointerKind = 'pen' | 'touch' | 'mouse';

export interface Stroke {
  points: PenPoint[];
  pointerType: PointerKind;
}
