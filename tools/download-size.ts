/**
 * Sizes of the first download: every file the service worker precaches (read from dist/sw.js),
 * raw and as a server would send it with gzip (level 9) or brotli (quality 11) compression.
 *
 * Usage: tsx tools/download-size.ts   (after `vite build`)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dist = resolve(fileURLToPath(import.meta.url), '../../dist');

export interface DownloadSize {
  files: { path: string; raw: number; gzip: number; brotli: number }[];
  raw: number;
  gzip: number;
  brotli: number;
}

export function measureDownload(): DownloadSize {
  const serviceWorker = readFileSync(resolve(dist, 'sw.js'), 'utf8');
  const paths = [...new Set([...serviceWorker.matchAll(/"?url"?:\s*"([^"]+)"/g)].map((match) => match[1]!))];
  const files = paths.map((path) => {
    const bytes = readFileSync(resolve(dist, path));
    return {
      path,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
  // The service worker and the Workbox runtime it loads are downloaded too, outside the precache list.
  const workerFiles = ['sw.js', ...readdirSync(dist).filter((file) => /^workbox-.*\.js$/.test(file))];
  for (const path of workerFiles) {
    const bytes = readFileSync(resolve(dist, path));
    files.push({ path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotliCompressSync(bytes).length });
  }
  const sum = (key: 'raw' | 'gzip' | 'brotli') => files.reduce((total, file) => total + file[key], 0);
  return { files, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const size = measureDownload();
  for (const file of size.files) console.log(`${file.path}\t${file.raw}\t${file.gzip}\t${file.brotli}`);
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
  console.log(`total: raw ${mb(size.raw)}, gzip ${mb(size.gzip)}, brotli ${mb(size.brotli)}`);
  console.log(JSON.stringify({ raw: size.raw, gzip: size.gzip, brotli: size.brotli, files: size.files.length }));
}
