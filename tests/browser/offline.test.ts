/**
 * Offline use: after one visit with the server up, the app loads and recognises with the server
 * stopped, also after a browser restart. A corrupt cached model file is detected and replaced.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { evenlySpaced, readSamples, vnondbFile, type InkSample } from '../../tools/dataset.ts';
import { closeBrowsers, launchBrowser, openPad, readSamplesOnPad, startServer, waitForModel, waitForServiceWorker, type Browser } from './harness.ts';

/**
 * Changes the cached copies of the files whose paths end with one of `suffixes`: overwrites them
 * with bytes that fail the sha256 check, or deletes them. Returns how many copies it changed.
 */
async function damageCached(page: Page, suffixes: string[], damage: 'corrupt' | 'delete'): Promise<number> {
  return page.evaluate(
    async ({ suffixes, damage }) => {
      let changed = 0;
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          const path = new URL(request.url).pathname;
          if (!suffixes.some((suffix) => path.endsWith(suffix))) continue;
          if (damage === 'delete') await cache.delete(request);
          else await cache.put(request, new Response(new Uint8Array(1000).fill(7)));
          changed++;
        }
      }
      return changed;
    },
    { suffixes, damage },
  );
}

/** Returns true when every one of `paths` (relative to the app) has a cached copy. */
async function allCached(page: Page, paths: string[]): Promise<boolean> {
  return page.evaluate(async (paths) => {
    for (const path of paths) {
      if (!(await caches.match(new URL(path, location.href).href, { ignoreSearch: true }))) return false;
    }
    return true;
  }, paths);
}

describe('offline', () => {
  let word: InkSample;
  let port: number;
  const servers: PreviewServer[] = [];
  const browsers: Browser[] = [];

  afterEach(async () => {
    await closeBrowsers(browsers.splice(0));
    for (const server of servers.splice(0)) await server.close().catch(() => undefined);
  });

  beforeAll(async () => {
    word = evenlySpaced(await readSamples(vnondbFile('test.jsonl.gz')), 1)[0]!;
    const { server } = await startServer();
    port = (server.httpServer.address() as { port: number }).port;
    await server.close();
  });

  async function visitOnline(browser: Browser): Promise<{ server: PreviewServer; url: string; text: string }> {
    const { server, url } = await startServer(port);
    servers.push(server);
    const page = await browser.context.newPage();
    await openPad(page, url, '?backend=wasm');
    await waitForServiceWorker(page);
    const session = await browser.context.newCDPSession(page);
    const [text] = await readSamplesOnPad(page, session, [word]);
    await page.close();
    return { server, url, text: text! };
  }

  it('recognises with the server stopped, also after a browser restart', async () => {
    const browser = await launchBrowser();
    browsers.push(browser);
    const { server, url, text } = await visitOnline(browser);
    expect(text.length).toBeGreaterThan(0);
    await server.close();

    const page = await browser.context.newPage();
    await openPad(page, url, '?backend=wasm');
    const session = await browser.context.newCDPSession(page);
    expect(await readSamplesOnPad(page, session, [word])).toEqual([text]);
    await browser.close();

    const restarted = await launchBrowser({ userDataDir: browser.userDataDir });
    browsers.push(restarted);
    const again = await restarted.context.newPage();
    await openPad(again, url, '?backend=wasm');
    const againSession = await restarted.context.newCDPSession(again);
    expect(await readSamplesOnPad(again, againSession, [word])).toEqual([text]);
  });

  it('downloads a corrupt cached model file again when online', async () => {
    const browser = await launchBrowser();
    browsers.push(browser);
    const { server, url, text } = await visitOnline(browser);
    const page = await browser.context.newPage();
    await page.goto(`${url}?backend=wasm#/write`);
    expect(await damageCached(page, ['encoder.int8.onnx'], 'corrupt')).toBeGreaterThan(0);
    await page.reload();
    await waitForModel(page);
    const session = await browser.context.newCDPSession(page);
    expect(await readSamplesOnPad(page, session, [word])).toEqual([text]);

    // The repaired file was put back in the cache, so the app still works offline.
    await server.close();
    await page.reload();
    await waitForModel(page);
  });

  it('restores files missing from the cache', async () => {
    const browser = await launchBrowser();
    browsers.push(browser);
    const { server, url } = await visitOnline(browser);
    const page = await browser.context.newPage();
    await openPad(page, url, '?backend=wasm');
    const evicted = ['models/net-chu-v1/encoder.int8.onnx', 'index.html'];
    expect(await damageCached(page, evicted, 'delete')).toBe(2);
    expect(await allCached(page, evicted)).toBe(false);

    // One online start puts both back, so the next start works offline.
    await page.reload();
    await waitForModel(page);
    await expect.poll(() => allCached(page, evicted), { timeout: 60_000, interval: 500 }).toBe(true);
    await server.close();
    await page.reload();
    await waitForModel(page);
  });

  it('tells the user when a corrupt model file cannot be downloaded offline', async () => {
    const browser = await launchBrowser();
    browsers.push(browser);
    const { server, url } = await visitOnline(browser);
    await server.close();
    const page = await browser.context.newPage();
    await page.goto(`${url}?backend=wasm#/write`);
    expect(await damageCached(page, ['encoder.int8.onnx'], 'corrupt')).toBeGreaterThan(0);
    await page.reload();
    const notice = page.getByTestId('notice');
    await notice.waitFor({ timeout: 120_000 });
    expect(await notice.textContent()).toContain('mất mạng');
  });
});
