/**
 * Real VNOnDB test words, replayed as trusted pen input, are read in the page as well as the
 * eval CLI's code path reads the same words in Node.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewServer } from 'vite';
import { exactMatchRate } from '../../src/runtime/metrics.ts';
import { strokesFromFlat } from '../../src/runtime/preprocess.ts';
import { evenlySpaced, readSamples, vnondbFile, type InkSample } from '../../tools/dataset.ts';
import { loadNodeRecognizer } from '../../tools/node-model.ts';
import { closeBrowsers, launchBrowser, openPad, readSamplesOnPad, startServer, type Browser } from './harness.ts';

const WORDS = 30;

describe('pen replay of real words', () => {
  let server: PreviewServer;
  let url: string;
  let browser: Browser;
  let words: InkSample[];

  beforeAll(async () => {
    words = evenlySpaced(await readSamples(vnondbFile('test.jsonl.gz')), WORDS);
    ({ url, server } = await startServer());
    browser = await launchBrowser();
  });

  afterAll(async () => {
    if (browser) await closeBrowsers([browser]);
    await server?.close();
  });

  it('matches the eval exact-match rate within 5 points', async () => {
    const page = await browser.context.newPage();
    const session = await browser.context.newCDPSession(page);
    await openPad(page, url, '?backend=wasm');

    const inPage = await readSamplesOnPad(page, session, words);

    const recognizer = await loadNodeRecognizer();
    const inNode: string[] = [];
    for (const word of words) inNode.push((await recognizer.recognize(strokesFromFlat(word.strokes))).text);

    const labels = words.map((w) => w.label);
    const pageRate = exactMatchRate(labels, inPage);
    const nodeRate = exactMatchRate(labels, inNode);
    console.info(`exact match: page ${(100 * pageRate).toFixed(1)}%, eval path ${(100 * nodeRate).toFixed(1)}%`);
    expect(Math.abs(pageRate - nodeRate)).toBeLessThanOrEqual(0.05);
    expect(pageRate).toBeGreaterThan(0.3);
  });
});
