/**
 * The built service worker precaches every model file, the manifest and the onnxruntime-web WASM
 * file: Workbox skips files over 2 MiB unless configured, and a missing one breaks offline use.
 * Each entry carries the integrity hash of the built file, which lets Workbox put a file that went
 * missing from the cache back.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../tools/node-model.ts';
import { ROOT } from '../browser/harness.ts';

describe('service worker precache', () => {
  let serviceWorker: string;

  beforeAll(() => {
    // tests/global-setup.ts has built dist/ for this run.
    serviceWorker = readFileSync(resolve(ROOT, 'dist/sw.js'), 'utf8');
  });

  it('lists every model file', () => {
    const manifest = readManifest();
    expect(serviceWorker).toContain('models/net-chu-v1/manifest.json');
    for (const entry of Object.values(manifest.files)) expect(serviceWorker).toContain(`models/net-chu-v1/${entry.path}`);
  });

  it('lists each shipped onnxruntime-web WASM file and no other', () => {
    const wasmFiles = readdirSync(resolve(ROOT, 'dist/assets')).filter((file) => file.endsWith('.wasm'));
    expect(wasmFiles).toHaveLength(1);
    for (const file of wasmFiles) expect(serviceWorker).toContain(`assets/${file}`);
  });

  it('lists the app shell and the web app manifest', () => {
    expect(serviceWorker).toContain('"index.html"');
    expect(serviceWorker).toContain('manifest.webmanifest');
  });

  it('matches integrity hashes to built files', () => {
    // Entries look like {url:"…",revision:"…",integrity:"…"}, minified or not.
    const entry = /\{\s*"?url"?:\s*"([^"]+)",\s*"?revision"?:\s*(?:"[^"]*"|null)(?:,\s*"?integrity"?:\s*"([^"]+)")?\s*\}/g;
    const entries = [...serviceWorker.matchAll(entry)];
    expect(entries.length).toBeGreaterThan(10);
    // The web app manifest entry, which vite-plugin-pwa adds itself, has no integrity hash.
    for (const [, url, integrity] of entries.filter(([, url]) => url !== 'manifest.webmanifest')) {
      const hash = createHash('sha384').update(readFileSync(resolve(ROOT, 'dist', url!))).digest('base64');
      expect(integrity, url).toBe(`sha384-${hash}`);
    }
  });
});
