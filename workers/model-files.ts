/**
 * Downloads the model files named in the manifest with byte progress and checks each one
 * against its sha256. A file that fails the check is downloaded again past the service worker's
 * cache and written over every cached copy. Offline, that download fails with ModelOfflineError.
 */
import type { ModelFileEntry } from '../src/runtime/manifest.ts';
import { WORKER_ERRORS, type LoadProgress } from '../src/lib/recognition/protocol.ts';

export class ModelFileError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Reads a response body while reporting the bytes received so far. */
async function readWithProgress(response: Response, onBytes: (loaded: number) => void): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onBytes(loaded);
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

async function download(url: string, onBytes: (loaded: number) => void, init?: RequestInit): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ModelFileError(WORKER_ERRORS.modelOffline, `Could not download ${url}: ${(error as Error).message}`);
  }
  if (!response.ok) {
    throw new ModelFileError(WORKER_ERRORS.modelDownload, `Downloading ${url} failed with HTTP ${response.status}`);
  }
  return readWithProgress(response, onBytes);
}

/** Returns true when `bytes` have the size and sha256 the manifest gives. */
async function matches(bytes: Uint8Array, entry: ModelFileEntry): Promise<boolean> {
  return bytes.length === entry.bytes && (await sha256Hex(bytes)) === entry.sha256;
}

interface CachedCopy {
  cache: Cache;
  request: Request;
}

/** Finds every cached copy of `url`, whatever revision query the service worker added to its key. */
async function findCachedCopies(url: string): Promise<CachedCopy[]> {
  if (typeof caches === 'undefined') return [];
  const path = new URL(url).pathname;
  const copies: CachedCopy[] = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      if (new URL(request.url).pathname === path) copies.push({ cache, request });
    }
  }
  return copies;
}

/**
 * Fetches and verifies every file. `entries` maps a role (encoder, decoder) to its manifest entry;
 * relative paths resolve against `baseUrl`.
 */
export async function fetchModelFiles(
  baseUrl: string,
  entries: Record<string, ModelFileEntry>,
  onProgress: (progress: LoadProgress) => void,
): Promise<Record<string, Uint8Array>> {
  const total = Object.values(entries).reduce((sum, entry) => sum + entry.bytes, 0);
  let done = 0;
  const files: Record<string, Uint8Array> = {};

  for (const [role, entry] of Object.entries(entries)) {
    const url = new URL(entry.path, baseUrl).href;
    const report = (loaded: number) =>
      onProgress({ status: 'download', file: entry.path, fileLoaded: loaded, fileTotal: entry.bytes, loaded: done + loaded, total });

    let bytes = await download(url, report);
    onProgress({ status: 'verify', file: entry.path, loaded: done + entry.bytes, total });
    if (!(await matches(bytes, entry))) {
      // The cached copy is damaged. Fetch a fresh one from a URL the service worker's precache does
      // not know, then overwrite the cached copies. A repair cut short leaves the damaged copy in
      // place for the next start to repair, so the cache never loses the file.
      console.warn(`Model file ${entry.path} failed its sha256 check; downloading it again`);
      const fresh = new URL(url);
      fresh.searchParams.set('repair', String(Date.now()));
      bytes = await download(fresh.href, report, { cache: 'no-store' });
      if (!(await matches(bytes, entry))) {
        throw new ModelFileError(WORKER_ERRORS.modelCorrupt, `Model file ${entry.path} is still corrupt after downloading it again`);
      }
      for (const { cache, request } of await findCachedCopies(url)) {
        await cache.put(request, new Response(bytes as Uint8Array<ArrayBuffer>));
      }
    }
    files[role] = bytes;
    done += entry.bytes;
  }
  return files;
}
