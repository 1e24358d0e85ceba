/**
 * The literature quiz in real Chromium: a teacher's set is imported, answered by writing real
 * VNOnDB strokes of the answer words and by typing, interrupted by a reload, and reviewed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { baseLetters, gradeAnswer } from '../../src/lib/quiz/grading.ts';
import type { Question } from '../../src/lib/quiz/questions.ts';
import { strokesFromFlat } from '../../src/runtime/preprocess.ts';
import { readSamples, vnondbFile, type InkSample } from '../../tools/dataset.ts';
import { loadNodeRecognizer } from '../../tools/node-model.ts';
import bundled from '../../src/lib/quiz/data/questions.json';
import { closeBrowsers, launchBrowser, recognizeNow, startServer, strokeCount, waitForModel, writeWithPen, type Browser } from './harness.ts';

/** Questions answered by handwriting; the last one is interrupted by a reload. */
const WRITTEN = 3;

interface WrittenQuestion {
  question: Question;
  sample: InkSample;
}

/**
 * Picks bundled questions whose one-word answer a test writer wrote, using
 * for each a sample that the shipped model reads right in Node, so the page is expected to read
 * it right too.
 */
async function pickWrittenQuestions(words: InkSample[]): Promise<WrittenQuestion[]> {
  const recognizer = await loadNodeRecognizer();
  const byLabel = new Map<string, InkSample[]>();
  for (const word of words) {
    const samples = byLabel.get(word.label) ?? [];
    samples.push(word);
    byLabel.set(word.label, samples);
  }
  const picked: WrittenQuestion[] = [];
  for (const question of bundled.questions as Question[]) {
    if (picked.length === WRITTEN) break;
    const answer = question.answers[0]!;
    if (answer.includes(' ')) continue;
    for (const sample of (byLabel.get(answer) ?? []).slice(0, 5)) {
      if ((await recognizer.recognize(strokesFromFlat(sample.strokes))).text === answer) {
        picked.push({ question, sample });
        break;
      }
    }
  }
  if (picked.length < WRITTEN) throw new Error(`Only ${picked.length} quiz answers found among the test words`);
  return picked;
}

/** Reads the quiz session saved in the page's IndexedDB (idb-keyval's default store). */
async function savedSession(page: Page): Promise<{ answers: unknown[]; draft: { strokes: unknown[] } | null } | undefined> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('keyval-store');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('keyval').objectStore('keyval').get('quiz-session');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/**
 * Recognises the whole ink with the pad's button and returns the answer shown for confirming.
 * An automatic run may have read only the first strokes if the replay paused between them.
 */
async function recognizedAnswer(page: Page): Promise<string> {
  await recognizeNow(page);
  return (await page.getByTestId('quiz-answer').textContent())?.trim() ?? '';
}

/** Records, after every pointer lift, whether the quiz's confirm button is disabled. */
async function recordConfirmStateAfterLifts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const states: boolean[] = [];
    (window as unknown as { confirmStates: boolean[] }).confirmStates = states;
    const read = () => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid="quiz-confirm"]');
      states.push(button?.disabled ?? true);
    };
    window.addEventListener('pointerup', () => setTimeout(read, 0), true);
  });
}

async function confirmStatesAfterLifts(page: Page): Promise<boolean[]> {
  return page.evaluate(() => (window as unknown as { confirmStates: boolean[] }).confirmStates);
}

async function confirmAndReadResult(page: Page): Promise<string | null> {
  await page.getByTestId('quiz-confirm').click();
  const feedback = page.getByTestId('quiz-feedback');
  await feedback.waitFor();
  const result = await feedback.getAttribute('data-result');
  await page.getByTestId('quiz-next').click();
  return result;
}

describe('literature quiz', () => {
  let server: PreviewServer;
  let url: string;
  let browser: Browser;
  let page: Page;
  let session: CDPSession;
  let written: WrittenQuestion[];
  let typed: Question[];
  /** Uncaught errors in the page; the quiz should raise none. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    written = await pickWrittenQuestions(await readSamples(vnondbFile('test.jsonl.gz')));
    const used = new Set(written.map((w) => w.question.id));
    // Two-word answers with marks, so that dropping the marks is a diacritics mistake.
    typed = (bundled.questions as Question[])
      .filter((q) => !used.has(q.id) && q.answers[0]!.includes(' ') && baseLetters(q.answers[0]!) !== q.answers[0])
      .slice(0, 2);
    ({ url, server } = await startServer());
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    session = await browser.context.newCDPSession(page);
    await page.goto(`${url}?backend=wasm#/quiz`);
  });

  afterAll(async () => {
    if (browser) await closeBrowsers([browser]);
    await server?.close();
  });

  it('imports a teacher CSV with invalid rows', async () => {
    const csv = [
      'id,genre,source,text,answers,difficulty',
      'gv-1,tục ngữ,Tục ngữ,Uống nước nhớ ___,nguồn,1',
      'gv-2,tục ngữ,Tục ngữ,Ăn quả nhớ kẻ trồng cây,trồng,1',
      'gv-3,ca dao,Ca dao,Công cha như núi ___,,2',
      'gv-4,thơ,"Nguyễn Du, Truyện Kiều",Trăm năm trong cõi ___ ta,người,1',
    ].join('\n');
    await page.getByTestId('quiz-import').setInputFiles({ name: 'lop-5a.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

    const problems = page.getByTestId('quiz-import-problem');
    await problems.first().waitFor();
    expect(await problems.evaluateAll((items) => items.map((item) => item.getAttribute('data-position')))).toEqual(['3', '4']);
    expect(await problems.first().textContent()).toContain('Dòng 3');
    expect(await problems.nth(1).textContent()).toContain('thiếu đáp án');
    expect(await page.getByTestId('quiz-import-report').textContent()).toContain('Đã nhập 2 câu hỏi');
    await expect.poll(() => page.getByTestId('quiz-set').count()).toBe(1);
  });

  it('finishes a written and typed quiz', async () => {
    const questions = [...written.map((w) => w.question), ...typed];
    const file = JSON.stringify({ version: 1, questions: [...questions, { id: 'broken', genre: 'thơ' }] });
    await page.getByTestId('quiz-import').setInputFiles({ name: 'on-tap.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await expect.poll(() => page.getByTestId('quiz-set').count()).toBe(2);
    expect(await page.getByTestId('quiz-import-problem').getAttribute('data-position')).toBe('5');
    await page.getByTestId('quiz-start-set').nth(1).click();

    // Written answers: real strokes of the answer word, graded on what the page recognised.
    for (const [index, { question, sample }] of written.entries()) {
      await waitForModel(page);
      expect(await page.getByTestId('quiz-progress').textContent()).toBe(`Câu ${index + 1} / 5`);
      expect(await page.getByTestId('quiz-question').getAttribute('data-question-id')).toBe(question.id);
      const strokes = strokesFromFlat(sample.strokes);
      // Recognition starts 700 ms after the pen lifts; until it has read all the ink, the
      // answer cannot be confirmed. The button's state is read in a zero-delay timer after each
      // lift, which always runs before that 700 ms timer, however busy the machine is.
      if (index === 0) await recordConfirmStateAfterLifts(page);
      await writeWithPen(page, session, strokes);
      if (index === 0) {
        await expect.poll(async () => (await confirmStatesAfterLifts(page)).length).toBe(strokes.length);
        expect(await confirmStatesAfterLifts(page)).toEqual(strokes.map(() => true));
      }

      if (index === WRITTEN - 1) {
        // Reload mid-question once the ink is saved: the same question comes back with the same ink.
        await expect.poll(async () => (await savedSession(page))?.draft?.strokes.length).toBe(strokes.length);
        await page.reload();
        await waitForModel(page);
        expect(await page.getByTestId('quiz-progress').textContent()).toBe(`Câu ${index + 1} / 5`);
        expect(await strokeCount(page)).toBe(strokes.length);
      }

      const answer = await recognizedAnswer(page);
      expect(answer).toBe(question.answers[0]);
      expect(await confirmAndReadResult(page)).toBe(gradeAnswer(answer, question.answers).result);
      expect((await savedSession(page))?.answers).toHaveLength(index + 1);
    }

    // Typed answers: one right in capitals without extra spaces, one with a tone mark missing.
    await page.getByTestId('quiz-mode-typed').click();
    await page.getByTestId('quiz-typed').fill(`  ${typed[0]!.answers[0]!.toLocaleUpperCase('vi')}  `);
    expect(await confirmAndReadResult(page)).toBe('correct');
    await page.getByTestId('quiz-mode-typed').click();
    await page.getByTestId('quiz-typed').fill(baseLetters(typed[1]!.answers[0]!));
    expect(await confirmAndReadResult(page)).toBe('wrong-diacritics');

    const summary = page.getByTestId('quiz-summary');
    await summary.waitFor();
    expect(await summary.getAttribute('data-total')).toBe('5');
    expect(await summary.getAttribute('data-correct')).toBe(String(WRITTEN + 1));
    expect(await page.getByTestId('quiz-review-item').evaluateAll((items) => items.map((item) => item.dataset.result))).toEqual([
      ...written.map(() => 'correct'),
      'correct',
      'wrong-diacritics',
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('lists the quiz in the journey', async () => {
    await page.goto(`${url}?backend=wasm#/journey`);
    await page.reload();
    await expect.poll(() => page.getByTestId('journey-quiz').count()).toBe(1);
    expect(await page.getByTestId('journey-streak').getAttribute('data-days')).toBe('1');
    const answered = await page
      .getByTestId('journey-genre')
      .evaluateAll((rows) => rows.reduce((sum, row) => sum + Number(row.getAttribute('data-answered')), 0));
    expect(answered).toBe(5);
  });
});
