/**
 * Types shared by the UI and the recognizer worker. The UI talks to the worker only through
 * these, so it never imports onnxruntime-web.
 */
import type { Backend, Recognition } from '../../runtime/recognizer.ts';

export type { Backend, Recognition };
export type BackendRequest = Backend | 'auto';

/** Model loading progress; byte counts are summed over files in `loaded`/`total`. */
export interface LoadProgress {
  status: 'download' | 'verify' | 'initialize' | 'ready';
  file?: string;
  fileLoaded?: number;
  fileTotal?: number;
  loaded: number;
  total: number;
}

export interface LoadOptions {
  manifestUrl: string;
  /** 'auto' measures WebGPU against WASM unless `rememberedBackend` already decided. */
  backend: BackendRequest;
  rememberedBackend?: Backend;
}

/** Reason code for the chosen backend. The UI shows each one in Vietnamese. */
export type BackendReason =
  | 'forced'
  | 'remembered'
  | 'safari'
  | 'no-webgpu'
  | 'no-adapter'
  | 'fallback-adapter'
  | 'webgpu-faster'
  | 'wasm-faster'
  | 'webgpu-failed';

export interface LoadResult {
  backend: Backend;
  reason: BackendReason;
  /** The reason in English with measured times or the error, for logs. */
  detail: string;
  modelName: string;
  modelVersion: string;
  dataTerms: string;
  /** Set when this load measured the backends, so the UI can remember the choice. */
  measured: boolean;
}

export interface PlainPoint {
  x: number;
  y: number;
}

export interface RecognizerWorkerApi {
  load(options: LoadOptions, onProgress: (progress: LoadProgress) => void): Promise<LoadResult>;
  recognize(strokes: PlainPoint[][], options?: { beamWidth?: number; maxCandidates?: number }): Promise<Recognition>;
}

/** Error names the worker raises; the UI maps each to a Vietnamese message. */
export const WORKER_ERRORS = {
  modelOffline: 'ModelOfflineError',
  modelCorrupt: 'ModelCorruptError',
  modelDownload: 'ModelDownloadError',
  notLoaded: 'ModelNotLoadedError',
} as const;
