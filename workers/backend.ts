/**
 * Picks the inference backend once per device: WebGPU only when a real (not fallback) adapter
 * exists, the model runs on it, and a warm run is no slower than on WASM. Safari and iOS stay on
 * WASM, because their WebGPU has crashed onnxruntime-web.
 */
import type { Backend, Recognizer } from '../src/runtime/recognizer.ts';
import type { BackendReason, LoadOptions } from '../src/lib/recognition/protocol.ts';

export interface BackendChoice {
  recognizer: Recognizer;
  reason: BackendReason;
  detail: string;
  measured: boolean;
}

/** A short pen trace, enough to run every part of the model once. */
const WARM_UP_INK = [
  [{ x: 0, y: 0 }, { x: 10, y: 40 }, { x: 20, y: 0 }],
  [{ x: 30, y: 10 }, { x: 45, y: 40 }],
];

function isSafari(): boolean {
  const agent = navigator.userAgent;
  return /Safari\//.test(agent) && !/(Chrome|Chromium|CriOS|Edg|Android)\//.test(agent);
}

interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: { isFallbackAdapter?: boolean };
}

/** Returns why WebGPU cannot be used, or undefined when a real adapter exists. */
async function missingGpu(): Promise<BackendReason | undefined> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<AdapterLike | null> } }).gpu;
  if (!gpu) return 'no-webgpu';
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return 'no-adapter';
  if (adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter) return 'fallback-adapter';
  return undefined;
}

async function warmTime(recognizer: Recognizer): Promise<number> {
  await recognizer.recognize(WARM_UP_INK, { beamWidth: 1 });
  const started = performance.now();
  await recognizer.recognize(WARM_UP_INK, { beamWidth: 1 });
  return performance.now() - started;
}

export async function chooseBackend(
  options: LoadOptions,
  create: (backend: Backend) => Promise<Recognizer>,
): Promise<BackendChoice> {
  if (options.backend !== 'auto') {
    const detail = `forced by setting: ${options.backend}`;
    return { recognizer: await create(options.backend), reason: 'forced', detail, measured: false };
  }
  if (options.rememberedBackend) {
    const detail = `chosen earlier on this device: ${options.rememberedBackend}`;
    return { recognizer: await create(options.rememberedBackend), reason: 'remembered', detail, measured: false };
  }
  if (isSafari()) return { recognizer: await create('wasm'), reason: 'safari', detail: 'Safari: WebGPU is not used', measured: true };

  const wasm = await create('wasm');
  const missing = await missingGpu();
  if (missing) return { recognizer: wasm, reason: missing, detail: `WebGPU unavailable: ${missing}`, measured: true };

  let webgpu: Recognizer | undefined;
  try {
    webgpu = await create('webgpu');
    const [gpuMs, wasmMs] = [await warmTime(webgpu), await warmTime(wasm)];
    if (gpuMs <= wasmMs) {
      await wasm.release();
      const detail = `WebGPU ${gpuMs.toFixed(0)} ms vs WASM ${wasmMs.toFixed(0)} ms`;
      return { recognizer: webgpu, reason: 'webgpu-faster', detail, measured: true };
    }
    await webgpu.release();
    const detail = `WASM ${wasmMs.toFixed(0)} ms vs WebGPU ${gpuMs.toFixed(0)} ms`;
    return { recognizer: wasm, reason: 'wasm-faster', detail, measured: true };
  } catch (error) {
    console.warn('WebGPU failed during the backend check:', error);
    await webgpu?.release().catch(() => undefined);
    return { recognizer: wasm, reason: 'webgpu-failed', detail: `WebGPU failed: ${(error as Error).message}`, measured: true };
  }
}
