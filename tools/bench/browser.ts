/**
 * The app's own figures in headless Chromium: per-word recognition time on WASM and on WebGPU,
 * and the cold start from navigation to the first recognised word with every file cached.
 * Without a GPU, Chromium's WebGPU runs on a software adapter, so its figure is a correctness
 * check only.
 */
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { strokesFromFlat } from '../../src/runtime/preprocess.ts';
import type { InkSample } from '../dataset.ts';
import {
  closeBrowsers,
  launchBrowser,
  openPad,
  recognizeNow,
  startServer,
  strokeCount,
  waitForServiceWorker,
  writeWithPen,
} from '../../tests/browser/harness.ts';

export interface PageRun {
  backend: string;
  texts: string[];
  /** The worker's strokes-to-text time per word, in milliseconds. */
  latencies: number[];
}

export interface BrowserMeasurement {
  chromium: string;
  wasm: PageRun;
  webgpu: PageRun | { error: string };
  /** Milliseconds from navigation to the first recognised word, one per browser start. */
  coldStartMs: number[];
}

async function readOnPad(page: Page, words: readonly InkSample[]): Promise<PageRun> {
  const session = await page.context().newCDPSession(page);
  const run: PageRun = { backend: (await page.getByTestId('backend').getAttribute('data-backend')) ?? '', texts: [], latencies: [] };
  for (const word of words) {
    if ((await strokeCount(page)) > 0) await page.getByTestId('clear-ink').click();
    await writeWithPen(page, session, strokesFromFlat(word.strokes));
    run.texts.push(await recognizeNow(page));
    run.latencies.push(Number(await page.getByTestId('recognition-time').getAttribute('data-ms')));
  }
  return run;
}

export async function measureBrowser(words: readonly InkSample[], webgpuWords: readonly InkSample[], coldStarts: number): Promise<BrowserMeasurement> {
  const { url, server } = await startServer();
  try {
    // WASM, the path phones without WebGPU take. The first visit also fills the caches.
    const browser = await launchBrowser();
    const page = await browser.context.newPage();
    await openPad(page, url, '?backend=wasm');
    await waitForServiceWorker(page);
    const wasm = await readOnPad(page, words);
    await browser.close();

    // Cold starts: a fresh browser process on the same profile, so every file comes from the
    // service worker's cache. The pad's saved ink is recognised as soon as the model is ready.
    const coldStartMs: number[] = [];
    for (let i = 0; i < coldStarts; i++) {
      const restarted = await launchBrowser({ userDataDir: browser.userDataDir });
      const fresh = await restarted.context.newPage();
      await fresh.goto(`${url}?backend=wasm#/write`);
      await fresh.waitForFunction(() => performance.getEntriesByName('net-chu:first-recognition').length > 0, undefined, { timeout: 120_000 });
      coldStartMs.push(await fresh.evaluate(() => performance.getEntriesByName('net-chu:first-recognition')[0]!.startTime));
      await restarted.close();
    }
    await closeBrowsers([browser]);

    let webgpu: PageRun | { error: string };
    const gpuBrowser = await launchBrowser({ webgpu: true });
    try {
      const gpuPage = await gpuBrowser.context.newPage();
      await openPad(gpuPage, url, '?backend=webgpu');
      webgpu = await readOnPad(gpuPage, webgpuWords);
    } catch (error) {
      webgpu = { error: (error as Error).message.split('\n')[0]! };
    } finally {
      await closeBrowsers([gpuBrowser]);
    }

    const chromium = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { chromium, wasm, webgpu, coldStartMs };
  } finally {
    await server.close();
  }
}
