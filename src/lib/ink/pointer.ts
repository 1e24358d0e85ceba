/**
 * Pointer handling for the pad, apart from any rendering: turns pointer events into pen points
 * once, at the edge, and decides which pointers may draw.
 */
import type { PenPoint, PointerKind } from './types.ts';

/** Touches within this many milliseconds after pen activity are taken for the writer's palm. */
export const PALM_WINDOW_MS = 1500;

export function pointerKind(event: PointerEvent): PointerKind {
  return event.pointerType === 'pen' || event.pointerType === 'touch' ? event.pointerType : 'mouse';
}

/** Converts an event into a point in the element's CSS pixels. Mouse and touch get pressure 0.5. */
export function toPenPoint(event: PointerEvent, rect: DOMRect): PenPoint {
  const pressure = event.pointerType === 'pen' && event.pressure > 0 ? event.pressure : 0.5;
  return { x: event.clientX - rect.left, y: event.clientY - rect.top, pressure, time: event.timeStamp };
}

/** Returns every sample the browser merged into the event, or the event itself when there are none. */
export function samples(event: PointerEvent): PointerEvent[] {
  const coalesced = typeof event.getCoalescedEvents === 'function' ? event.getCoalescedEvents() : [];
  return coalesced.length > 0 ? coalesced : [event];
}

/**
 * Palm rejection: while a pen is down or was used within PALM_WINDOW_MS, touches do not draw,
 * because the hand holding the stylus rests on the screen.
 */
export class PalmRejection {
  private penDown = false;
  private lastPenTime = -Infinity;

  notePen(event: PointerEvent, down?: boolean): void {
    if (event.pointerType !== 'pen') return;
    this.lastPenTime = event.timeStamp;
    if (down !== undefined) this.penDown = down;
  }

  rejects(event: PointerEvent): boolean {
    if (event.pointerType !== 'touch') return false;
    return this.penDown || event.timeStamp - this.lastPenTime < PALM_WINDOW_MS;
  }
}
