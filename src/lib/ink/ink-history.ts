/**
 * The strokes on the pad with per-action undo and redo. Every change (a stroke added, strokes
 * scratched out, the pad cleared) is one undo step. A new change after an undo drops the redo
 * steps, as editors do.
 */
import { findScratchedStrokes } from './scratch-out.ts';
import type { Stroke } from './types.ts';

export type InkChange = 'added' | 'scratched' | 'cleared' | 'undone' | 'redone' | 'restored';

export class InkHistory {
  private past: Stroke[][] = [];
  private future: Stroke[][] = [];

  constructor(private current: Stroke[] = []) {}

  get strokes(): readonly Stroke[] {
    return this.current;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Adds a finished stroke, or erases the strokes it scratches out. Returns what happened. */
  commit(stroke: Stroke): InkChange {
    const scratched = findScratchedStrokes(this.current, stroke);
    if (scratched.length > 0) {
      const erased = new Set(scratched);
      this.apply(this.current.filter((_, index) => !erased.has(index)));
      return 'scratched';
    }
    this.apply([...this.current, stroke]);
    return 'added';
  }

  clear(): InkChange | undefined {
    if (this.current.length === 0) return undefined;
    this.apply([]);
    return 'cleared';
  }

  undo(): InkChange | undefined {
    const previous = this.past.pop();
    if (!previous) return undefined;
    this.future.push(this.current);
    this.current = previous;
    return 'undone';
  }

  redo(): InkChange | undefined {
    const next = this.future.pop();
    if (!next) return undefined;
    this.past.push(this.current);
    this.current = next;
    return 'redone';
  }

  /** Replaces the strokes without an undo step, as when a saved drawing is reloaded. */
  restore(strokes: Stroke[]): InkChange {
    this.past = [];
    this.future = [];
    this.current = strokes;
    return 'restored';
  }

  private apply(next: Stroke[]): void {
    this.past.push(this.current);
    this.future = [];
    this.current = next;
  }
}
