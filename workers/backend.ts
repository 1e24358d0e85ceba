/**
 * Picks the inference backend once per device: WebGPU only when a real (not fallback) adapter
 * exists, the model runs on it, and a warm run is no slower than on WASM. Safari and iOS stay on
 * WASM, because their WebGPU has crashed onnxruntime-web.
 */
import type { Backend, Recognizer } from '../src/runtime/recognizer.ts';
import type { LoadOptions } from '../src/lib/recognition/protocol.ts';

export interface BackendChoice {
  recognizer: Recognizer;
  reason: string;
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

async function realGpuAdapter(): Promise<string | undefined> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<AdapterLike | null> } }).gpu;
  if (!gpu) return 'this browser has no WebGPU';
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return 'no WebGPU adapter';
  if (adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter) return 'the WebGPU adapter is a software fallback';
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
    return { recognizer: await create(options.backend), reason: `forced by setting: ${options.backend}`, measured: false };
  }
  if (options.rememberedBackend) {
    return { recognizer: await create(options.rememberedBackend), reason: 'chosen earlier on this device', measured: false };
  }
  if (isSafari()) return { recognizer: await create('wasm'), reason: 'Safari: WebGPU is not used', measured: true };

  const wasm = await create('wasm');
  const missing = await realGpuAdapter();
  if (missing) return { recognizer: wasm, reason: missing, measured: true };

  let webgpu: Recognizer | undefined;
  try {
    webgpu = await create('webgpu');
    const [gpuMs, wasmMs] = [await warmTime(webgpu), await warmTime(wasm)];
    if (gpuMs <= wasmMs) {
      await wasm.release();
      return { recognizer: webgpu, reason: `WebGPU ${gpuMs.toFixed(0)} ms vs WASM ${wasmMs.toFixed(0)} ms`, measured: true };
    }
    await webgpu.release();
    return { recognizer: wasm, reason: `WASM ${wasmMs.toFixed(0)} ms vs WebGPU ${gpuMs.toFixed(0)} ms`, measured: true };
  } catch (error) {
    await webgpu?.release().catch(() => undefined);
    return { recognizer: wasm, reason: `WebGPU failed: ${(error as Error).message}`, measured: true };
  }
}
