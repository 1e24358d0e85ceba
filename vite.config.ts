import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

const MODELS_DIR = resolve(import.meta.dirname, 'models');
const OUT_DIR = resolve(import.meta.dirname, 'dist');
/** Files under models/ that the app serves; float exports and notes stay out of the bundle. */
const SERVED_MODEL_FILE = /(manifest\.json|\.int8\.onnx)$/;

/** Cross-origin isolation lets onnxruntime-web use WASM threads (SharedArrayBuffer). */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Serves models/<name>/ in dev and preview, and copies the shipped files into the build. */
function modelFiles(): Plugin {
  const servedFiles = () =>
    readdirSync(MODELS_DIR, { recursive: true, encoding: 'utf8' })
      .filter((file) => SERVED_MODEL_FILE.test(file) && statSync(resolve(MODELS_DIR, file)).isFile());

  return {
    name: 'net-chu-model-files',
    configureServer(server) {
      server.middlewares.use('/models', (request, response, next) => {
        const file = decodeURIComponent((request.url ?? '').split('?')[0]!).replace(/^\/+/, '');
        const path = resolve(MODELS_DIR, file);
        if (!SERVED_MODEL_FILE.test(file) || !path.startsWith(MODELS_DIR) || !existsSync(path)) return next();
        response.setHeader('Content-Type', file.endsWith('.json') ? 'application/json' : 'application/octet-stream');
        createReadStream(path).pipe(response);
      });
    },
    generateBundle() {
      for (const file of servedFiles()) {
        this.emitFile({ type: 'asset', fileName: `models/${file}`, source: readFileSync(resolve(MODELS_DIR, file)) });
      }
    },
  };
}

export default defineConfig({
  plugins: [
    svelte(),
    modelFiles(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      // The glob below already precaches the icons.
      includeManifestIcons: false,
      manifest: {
        name: 'Nét Chữ — Đọc chữ viết tay tiếng Việt',
        short_name: 'Nét Chữ',
        description: 'Đọc chữ viết tay tiếng Việt ngay trên thiết bị, không cần mạng.',
        lang: 'vi',
        start_url: './#/write',
        scope: './',
        display: 'standalone',
        background_color: '#f6f1e7',
        theme_color: '#9b2226',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,mjs,css,html,png,svg,wasm,onnx,json}'],
        // The model and onnxruntime-web's WASM file are far above Workbox's 2 MiB default.
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
        navigateFallback: 'index.html',
        // The first installed worker takes control at once, so the first visit is already offline-ready.
        // Later versions still wait for the user's "reload" (no skipWaiting).
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        // With a subresource-integrity hash per entry, Workbox puts a file that went missing from
        // the precache (for example, evicted by the browser) back when it is next fetched online.
        manifestTransforms: [
          (entries) => ({
            manifest: entries.map((entry) => ({
              ...entry,
              integrity: `sha384-${createHash('sha384').update(readFileSync(resolve(OUT_DIR, entry.url))).digest('base64')}`,
            })),
            warnings: [],
          }),
        ],
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: OUT_DIR },
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  test: {
    globalSetup: ['tests/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'model', include: ['tests/model/**/*.test.ts'], testTimeout: 600_000 } },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          testTimeout: 900_000,
          hookTimeout: 300_000,
          // One Chromium at a time: the suite runs on 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
