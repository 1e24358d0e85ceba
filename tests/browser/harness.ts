/**
 * Browser test harness: serves dist/ (built by tests/global-setup.ts) with `vite preview` on
 * 127.0.0.1, and drives Debian's Chromium through playwright-core (never a downloaded browser).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { strokesFromFlat } from '../../src/runtime/preprocess.ts';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium from reaching any host besides the local test server. */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
];

export async function startServer(port = 0): Promise<{ url: string; server: PreviewServer }> {
  const server = await preview({ root: ROOT, logLevel: 'warn', preview: { host: '127.0.0.1', port, strictPort: port !== 0 } });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('Preview server has no TCP address');
  return { url: `http://127.0.0.1:${address.port}/`, server };
}

export interface Browser {
  context: BrowserContext;
  userDataDir: string;
  close(): Promise<void>;
}

/** Starts Chromium with a persistent profile, so service worker and caches survive a restart. */
export async function launchBrowser(options: { userDataDir?: string; webgpu?: boolean } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}; run: apt-get install -y chromium`);
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'net-chu-chromium-'));
  const args = [...CHROMIUM_FLAGS];
  if (options.webgpu) args.push('--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-angle=swiftshader');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    viewport: { width: 900, height: 900 },
  });
  return {
    context,
    userDataDir,
    async close() {
      await context.close();
    },
  };
}

/**
 * Closes every browser, then deletes their profile folders. Closing all of them first matters:
 * a restarted browser shares its profile folder with the one it replaced, and deleting a folder
 * that a running Chromium still writes into fails with ENOTEMPTY.
 */
export async function closeBrowsers(browsers: Browser[]): Promise<void> {
  for (const browser of browsers) await browser.close().catch(() => undefined);
  for (const folder of new Set(browsers.map((browser) => browser.userDataDir))) {
    rmSync(folder, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

/**
 * Waits until the model is loaded. On a timeout the error includes the notice the app shows, if
 * any, because that notice gives the reason the model did not load.
 */
export async function waitForModel(page: Page): Promise<void> {
  try {
    await page.getByTestId('model-ready').waitFor({ timeout: 120_000 });
  } catch (error) {
    const notice = await page.getByTestId('notice').textContent({ timeout: 1000 }).catch(() => null);
    const reason = notice ? ` The app shows: ${notice.trim()}` : ' The app shows no notice.';
    throw new Error(`Timed out after 120 s waiting for the model to load.${reason}`, { cause: error });
  }
}

/** Opens the writing pad and waits until the model is loaded. */
export async function openPad(page: Page, url: string, query = ''): Promise<void> {
  await page.goto(`${url}${query}#/write`);
  await waitForModel(page);
}

/** Waits until the service worker has precached everything and controls the page. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
}

export interface ReplayPoint {
  x: number;
  y: number;
}

/**
 * Writes strokes on the canvas as trusted pen input (the DevTools protocol's mouse events with
 * pointerType "pen"), scaled to fit the canvas with a margin. `frame` sets the strokes whose
 * bounding box is fitted, so later strokes can land relative to earlier ones.
 */
export async function writeWithPen(
  page: Page,
  session: CDPSession,
  strokes: ReplayPoint[][],
  pointerType: 'pen' | 'mouse' = 'pen',
  frame: ReplayPoint[][] = strokes,
): Promise<void> {
  const box = await page.getByTestId('ink-canvas').boundingBox();
  if (!box) throw new Error('ink canvas is not visible');
  const points = frame.flat();
  const minX = Math.min(...points.map((p) => p.x));
  const maxX = Math.max(...points.map((p) => p.x));
  const minY = Math.min(...points.map((p) => p.y));
  const maxY = Math.max(...points.map((p) => p.y));
  const scale = Math.min((box.width * 0.85) / Math.max(1, maxX - minX), (box.height * 0.7) / Math.max(1, maxY - minY));
  const left = box.x + (box.width - (maxX - minX) * scale) / 2;
  const top = box.y + (box.height - (maxY - minY) * scale) / 2;
  const place = (p: ReplayPoint) => ({ x: left + (p.x - minX) * scale, y: top + (p.y - minY) * scale });

  for (const stroke of strokes) {
    if (stroke.length === 0) continue;
    const first = place(stroke[0]!);
    await session.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...first, button: 'left', buttons: 1, clickCount: 1, pointerType, force: 0.6 });
    for (const point of stroke.slice(1)) {
      await session.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...place(point), button: 'left', buttons: 1, pointerType, force: 0.6 });
    }
    const last = place(stroke[stroke.length - 1]!);
    await session.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...last, button: 'left', buttons: 0, clickCount: 1, pointerType });
  }
}

/** Presses the recognise button and returns the recognised text once that recognition finished. */
export async function recognizeNow(page: Page): Promise<string> {
  const text = page.getByTestId('recognition-text');
  const before = Number(await text.getAttribute('data-completed'));
  await page.getByTestId('recognize').click();
  // The count rises for the click's own run, also when an automatic run was still busy.
  await page.waitForFunction(
    (previous) => {
      const element = document.querySelector('[data-testid="recognition-text"]');
      return element?.getAttribute('data-busy') === 'false' && Number(element.getAttribute('data-completed')) > previous;
    },
    before,
    { timeout: 60_000 },
  );
  return (await text.textContent())?.trim() ?? '';
}

export async function strokeCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('ink-canvas').getAttribute('data-stroke-count'));
}

/** Writes each sample on a cleared pad and returns the recognised texts, in order. */
export async function readSamplesOnPad(page: Page, session: CDPSession, samples: { strokes: number[][] }[]): Promise<string[]> {
  const texts: string[] = [];
  for (const sample of samples) {
    if ((await strokeCount(page)) > 0) await page.getByTestId('clear-ink').click();
    await writeWithPen(page, session, strokesFromFlat(sample.strokes));
    texts.push(await recognizeNow(page));
  }
  return texts;
}
