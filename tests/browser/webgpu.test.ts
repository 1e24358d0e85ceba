/**
 * WebGPU correctness on Chromium's software adapter (--enable-unsafe-webgpu): forced WebGPU
 * returns the same text as WASM, and a lost GPU device hands the work to WASM. This adapter is
 * 50-100x slower than WASM, so nothing is timed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewServer } from 'vite';
import { evenlySpaced, readSamples, vnondbFile, type InkSample } from '../../tools/dataset.ts';
import { closeBrowsers, launchBrowser, openPad, readSamplesOnPad, startServer, type Browser } from './harness.ts';

const WORDS = 5;

describe('WebGPU backend', () => {
  let server: PreviewServer;
  let url: string;
  let browser: Browser;
  let words: InkSample[];

  beforeAll(async () => {
    words = evenlySpaced(await readSamples(vnondbFile('test.jsonl.gz')), WORDS);
    ({ url, server } = await startServer());
    browser = await launchBrowser({ webgpu: true });
  });

  afterAll(async () => {
    if (browser) await closeBrowsers([browser]);
    await server?.close();
  });

  async function readAll(backend: 'webgpu' | 'wasm'): Promise<string[]> {
    const page = await browser.context.newPage();
    const session = await browser.context.newCDPSession(page);
    await openPad(page, url, `?backend=${backend}`);
    expect(await page.getByTestId('backend').getAttribute('data-backend')).toBe(backend);
    const texts = await readSamplesOnPad(page, session, words);
    expect(await page.getByTestId('backend').getAttribute('data-backend')).toBe(backend);
    await page.close();
    return texts;
  }

  it('returns the same text as WASM', async () => {
    const gpu = await readAll('webgpu');
    const wasm = await readAll('wasm');
    expect(gpu).toEqual(wasm);
  });

  it('falls back to WASM after GPU crash', async () => {
    const wasm = await readAll('wasm');
    const page = await browser.context.newPage();
    const session = await browser.context.newCDPSession(page);
    await openPad(page, url, '?backend=webgpu');
    expect(await readSamplesOnPad(page, session, words.slice(0, 1))).toEqual(wasm.slice(0, 1));
    expect(await page.getByTestId('backend').getAttribute('data-backend')).toBe('webgpu');

    // Killing Chromium's GPU process loses every WebGPU device, as a GPU driver reset does.
    await session.send('Browser.crashGpuProcess');

    expect(await readSamplesOnPad(page, session, words)).toEqual(wasm);
    expect(await page.getByTestId('backend').getAttribute('data-backend')).toBe('wasm');
    await page.close();
  });
});
