/**
 * The UI's handle on the recognizer worker: load state and progress as runes, and recognize().
 * Only protocol types cross into the UI; onnxruntime-web stays inside the worker.
 */
import * as Comlink from 'comlink';
import type { Backend, BackendReason, BackendRequest, LoadProgress, LoadResult, PlainPoint, Recognition, RecognizerWorkerApi } from './protocol.ts';

class RecognizerClient {
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  progress = $state<LoadProgress | null>(null);
  backend = $state<Backend | null>(null);
  reason = $state<BackendReason | null>(null);
  lastError = $state<unknown>(null);
  private api: Comlink.Remote<RecognizerWorkerApi> | undefined;

  private worker(): Comlink.Remote<RecognizerWorkerApi> {
    if (!this.api) {
      const worker = new Worker(new URL('../../../workers/recognizer.worker.ts', import.meta.url), { type: 'module' });
      this.api = Comlink.wrap<RecognizerWorkerApi>(worker);
    }
    return this.api;
  }

  async load(manifestUrl: string, backend: BackendRequest, rememberedBackend?: Backend): Promise<LoadResult> {
    this.status = 'loading';
    this.lastError = null;
    try {
      const result = await this.worker().load(
        { manifestUrl, backend, rememberedBackend },
        Comlink.proxy((progress: LoadProgress) => (this.progress = progress)),
      );
      this.backend = result.backend;
      this.reason = result.reason;
      this.status = 'ready';
      return result;
    } catch (error) {
      this.status = 'error';
      this.lastError = error;
      throw error;
    }
  }

  async recognize(strokes: PlainPoint[][]): Promise<Recognition> {
    const result = await this.worker().recognize(strokes);
    this.backend = result.backend;
    return result;
  }
}

export const recognizer = new RecognizerClient();
