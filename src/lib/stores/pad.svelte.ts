/**
 * The writing pad's ink, saved to IndexedDB after every change so a reload or crash loses
 * nothing, and the history of saved drawings (strokes plus the chosen text).
 */
import type { Stroke } from '../ink/types.ts';
import { loadValue, saveValue } from '../utils/storage.ts';

export interface SavedDrawing {
  id: string;
  strokes: Stroke[];
  text: string;
  savedAt: number;
}

const INK_KEY = 'pad-ink';
const DRAWINGS_KEY = 'drawings';
/** Oldest drawings are dropped past this count to bound storage. */
const MAX_DRAWINGS = 200;

class PadStore {
  drawings = $state<SavedDrawing[]>([]);

  async loadInk(): Promise<Stroke[]> {
    return (await loadValue<Stroke[]>(INK_KEY)) ?? [];
  }

  async saveInk(strokes: readonly Stroke[]): Promise<void> {
    await saveValue(INK_KEY, $state.snapshot(strokes) as Stroke[]);
  }

  async loadDrawings(): Promise<void> {
    this.drawings = (await loadValue<SavedDrawing[]>(DRAWINGS_KEY)) ?? [];
  }

  async addDrawing(strokes: readonly Stroke[], text: string): Promise<void> {
    const drawing: SavedDrawing = {
      id: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
      strokes: $state.snapshot(strokes) as Stroke[],
      text,
      savedAt: Date.now(),
    };
    const next = [drawing, ...this.drawings].slice(0, MAX_DRAWINGS);
    await saveValue(DRAWINGS_KEY, $state.snapshot(next));
    this.drawings = next;
  }
}

export const pad = new PadStore();
