/** User settings kept in IndexedDB: the backend request and the backend measured on this device. */
import type { Backend, BackendRequest } from '../recognition/protocol.ts';
import { loadValue, saveValue } from '../utils/storage.ts';

interface SavedSettings {
  backend: BackendRequest;
  rememberedBackend?: Backend;
}

const KEY = 'settings';
const BACKEND_REQUESTS: BackendRequest[] = ['auto', 'webgpu', 'wasm'];

class Settings {
  backend = $state<BackendRequest>('auto');
  rememberedBackend = $state<Backend | undefined>(undefined);

  async load(): Promise<void> {
    const saved = await loadValue<SavedSettings>(KEY);
    if (saved && BACKEND_REQUESTS.includes(saved.backend)) {
      this.backend = saved.backend;
      this.rememberedBackend = saved.rememberedBackend;
    }
  }

  async save(): Promise<void> {
    await saveValue<SavedSettings>(KEY, { backend: this.backend, rememberedBackend: this.rememberedBackend });
  }

  /** Returns the backend forced by the URL query `?backend=webgpu|wasm` (used by tests), else undefined. */
  queryBackend(): Backend | undefined {
    const value = new URLSearchParams(location.search).get('backend');
    return value === 'webgpu' || value === 'wasm' ? value : undefined;
  }
}

export const settings = new Settings();
