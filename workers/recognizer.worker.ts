/**
 * The recognizer web worker: a thin Comlink API over the DOM-free runtime. It loads the model
 * (with progress and sha256 checks), picks the backend, and falls back to WASM when a WebGPU
 * run fails, rerunning the same strokes.
 */
import * as Comlink from 'comlink';
import * as ort from 'onnxruntime-web/webgpu';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { parseManifest, type ModelManifest } from '../src/runtime/manifest.ts';
import { Recognizer, type Backend } from '../src/runtime/recognizer.ts';
import {
  WORKER_ERRORS,
  type LoadOptions,
  type LoadProgress,
  type LoadResult,
  type PlainPoint,
  type RecognizerWorkerApi,
} from '../src/lib/recognition/protocol.ts';
import { fetchModelFiles, ModelFileError } from './model-files.ts';
import { chooseBackend } from './backend.ts';

// One build of onnxruntime-web serves both backends: its asyncify WASM file runs the CPU kernels
// and WebGPU, so the app ships and precaches that single WASM file.
ort.env.wasm.wasmPaths = { wasm: new URL(wasmUrl, self.location.href).href };
ort.env.logLevel = 'error';
ort.env.wasm.numThreads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;

let manifest: ModelManifest | undefined;
let weights: { encoder: Uint8Array; decoder: Uint8Array } | undefined;
let recognizer: Recognizer | undefined;

async function createRecognizer(backend: Backend): Promise<Recognizer> {
  return Recognizer.create(ort, manifest!, weights!, backend);
}

/** Falls back from WebGPU to WASM for the rest of this session, keeping the user's ink. */
async function fallBackToWasm(reason: unknown): Promise<Recognizer> {
  console.warn('WebGPU failed, switching to WASM:', reason);
  const previous = recognizer;
  recognizer = await createRecognizer('wasm');
  previous?.release().catch(() => undefined);
  return recognizer;
}

const api: RecognizerWorkerApi = {
  async load(options: LoadOptions, onProgress: (progress: LoadProgress) => void): Promise<LoadResult> {
    const manifestUrl = new URL(options.manifestUrl, self.location.href).href;
    let response: Response;
    try {
      response = await fetch(manifestUrl);
    } catch (error) {
      throw new ModelFileError(WORKER_ERRORS.modelOffline, `Could not download the model manifest: ${(error as Error).message}`);
    }
    if (!response.ok) throw new ModelFileError(WORKER_ERRORS.modelDownload, `Model manifest returned HTTP ${response.status}`);
    manifest = parseManifest(await response.json());

    const files = await fetchModelFiles(manifestUrl, { ...manifest.files }, onProgress);
    weights = { encoder: files.encoder!, decoder: files.decoder! };

    const total = manifest.files.encoder.bytes + manifest.files.decoder.bytes;
    onProgress({ status: 'initialize', loaded: total, total });
    const choice = await chooseBackend(options, createRecognizer);
    recognizer?.release().catch(() => undefined);
    recognizer = choice.recognizer;
    console.info(`Recognizer ready on ${recognizer.backend}: ${choice.detail}`);
    onProgress({ status: 'ready', loaded: total, total });
    return {
      backend: recognizer.backend,
      reason: choice.reason,
      detail: choice.detail,
      measured: choice.measured,
      modelName: manifest.name,
      modelVersion: manifest.version,
      dataTerms: manifest.dataTerms,
    };
  },

  async recognize(strokes: PlainPoint[][], options = {}) {
    if (!recognizer) throw new ModelFileError(WORKER_ERRORS.notLoaded, 'recognize() was called before load() finished');
    try {
      return await recognizer.recognize(strokes, options);
    } catch (error) {
      if (recognizer.backend !== 'webgpu') throw error;
      const wasm = await fallBackToWasm(error);
      return wasm.recognize(strokes, options);
    }
  },
};

Comlink.expose(api);
