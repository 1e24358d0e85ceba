/**
 * Ink editing on the writing pad, driven by trusted pointer input through the DevTools protocol.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { PALM_WINDOW_MS } from '../../src/lib/ink/pointer.ts';
import { closeBrowsers, launchBrowser, openPad, startServer, strokeCount, waitForModel, writeWithPen, type Browser, type ReplayPoint } from './harness.ts';

const LINE: ReplayPoint[][] = [[{ x: 0, y: 0 }, { x: 40, y: 50 }, { x: 80, y: 100 }]];
const WORD: ReplayPoint[][] = [
  [{ x: 0, y: 100 }, { x: 20, y: 0 }, { x: 40, y: 100 }],
  [{ x: 60, y: 100 }, { x: 60, y: 30 }],
  [{ x: 80, y: 100 }, { x: 95, y: 40 }, { x: 110, y: 100 }],
];

describe('ink editing', () => {
  let server: PreviewServer;
  let url: string;
  let browser: Browser;
  let page: Page;
  let session: CDPSession;

  beforeAll(async () => {
    ({ url, server } = await startServer());
    browser = await launchBrowser();
    page = await browser.context.newPage();
    session = await browser.context.newCDPSession(page);
    await openPad(page, url, '?backend=wasm');
  });

  afterAll(async () => {
    if (browser) await closeBrowsers([browser]);
    await server?.close();
  });

  beforeEach(async () => {
    if ((await strokeCount(page)) > 0) await page.getByTestId('clear-ink').click();
  });

  it('undo removes the last stroke', async () => {
    await writeWithPen(page, session, WORD);
    expect(await strokeCount(page)).toBe(3);
    await page.getByTestId('undo-ink').click();
    expect(await strokeCount(page)).toBe(2);
  });

  it('redo brings an undone stroke back', async () => {
    await writeWithPen(page, session, WORD);
    await page.getByTestId('undo-ink').click();
    await page.getByTestId('undo-ink').click();
    expect(await strokeCount(page)).toBe(1);
    await page.getByTestId('redo-ink').click();
    expect(await strokeCount(page)).toBe(2);
  });

  it('clear removes every stroke and can be undone', async () => {
    await writeWithPen(page, session, WORD);
    await page.getByTestId('clear-ink').click();
    expect(await strokeCount(page)).toBe(0);
    await page.getByTestId('undo-ink').click();
    expect(await strokeCount(page)).toBe(3);
  });

  it('scratch-out erases the strokes it crosses', async () => {
    const kept: ReplayPoint[] = [{ x: 300, y: 0 }, { x: 300, y: 100 }];
    // A quick zig-zag across the diagonal line only.
    const zigzag: ReplayPoint[] = [];
    for (let i = 0; i < 7; i++) zigzag.push({ x: i % 2 === 0 ? 0 : 90, y: 30 + i * 6 });
    const frame = [...LINE, kept, zigzag];
    await writeWithPen(page, session, [...LINE, kept], 'pen', frame);
    expect(await strokeCount(page)).toBe(2);
    await writeWithPen(page, session, [zigzag], 'pen', frame);
    expect(await strokeCount(page)).toBe(1);
  });

  it('scratch-out never fires on a written word', async () => {
    await writeWithPen(page, session, WORD);
    await writeWithPen(page, session, [[{ x: 20, y: -30 }, { x: 30, y: -40 }]], 'pen', [...WORD, [{ x: 20, y: -30 }]]);
    expect(await strokeCount(page)).toBe(4);
  });

  it('ignores touches while the pen is writing', async () => {
    const box = (await page.getByTestId('ink-canvas').boundingBox())!;
    const at = (dx: number, dy: number) => ({ x: box.x + dx, y: box.y + dy });
    await session.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...at(100, 100), button: 'left', buttons: 1, clickCount: 1, pointerType: 'pen' });
    await session.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...at(150, 150), button: 'left', buttons: 1, pointerType: 'pen' });
    // The palm lands while the pen is down.
    await session.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ ...at(400, 200), id: 1 }] });
    await session.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ ...at(450, 220), id: 1 }] });
    await session.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await session.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...at(160, 160), button: 'left', buttons: 0, clickCount: 1, pointerType: 'pen' });
    expect(await strokeCount(page)).toBe(1);

    // Once the pen has been away for a while, a finger writes again.
    await page.waitForTimeout(PALM_WINDOW_MS + 200);
    await session.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ ...at(400, 200), id: 2 }] });
    await session.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ ...at(450, 220), id: 2 }] });
    await session.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    expect(await strokeCount(page)).toBe(2);
  });

  it('keeps the ink after a reload', async () => {
    await writeWithPen(page, session, WORD);
    await page.waitForTimeout(300);
    await page.reload();
    await waitForModel(page);
    await expect.poll(() => strokeCount(page)).toBe(3);
  });
});
