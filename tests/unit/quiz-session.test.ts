import { describe, expect, it } from 'vitest';
import { accuracyByGenre, streakDays } from '../../src/lib/quiz/journey.ts';
import type { Question } from '../../src/lib/quiz/questions.ts';
import { answerCurrent, correctCount, createSession, currentQuestion, type QuizSession } from '../../src/lib/quiz/session.ts';

const QUESTIONS: Question[] = [
  { id: 'q-1', genre: 'tục ngữ', source: 'Tục ngữ', text: 'Uống nước nhớ ___', answers: ['nguồn'], difficulty: 1 },
  { id: 'q-2', genre: 'thơ', source: 'Nguyễn Du, Truyện Kiều', text: 'Trăm năm trong cõi ___ ta', answers: ['người'], difficulty: 1 },
  { id: 'q-3', genre: 'ca dao', source: 'Ca dao', text: 'Công cha như núi ___', answers: ['Thái Sơn'], difficulty: 2 },
];
const DAY = 86_400_000;

function finishedOn(time: number, written: string[]): QuizSession {
  let session = createSession({ kind: 'imported', setId: 's', name: 's' }, QUESTIONS, 3, time);
  for (const text of written) session = answerCurrent(session, text, 'typed', [], time);
  return session;
}

describe('quiz session', () => {
  it('keeps teacher order, shuffles bundled', () => {
    const imported = createSession({ kind: 'imported', setId: 's', name: 's' }, QUESTIONS, 3);
    expect(imported.questions.map((q) => q.id)).toEqual(['q-1', 'q-2', 'q-3']);
    const bundled = createSession({ kind: 'bundled', genre: 'all', difficulty: 'all' }, QUESTIONS, 2, 0, () => 0);
    expect(bundled.questions.map((q) => q.id)).toEqual(['q-2', 'q-3']);
  });

  it('advances per answer and finishes', () => {
    let session = createSession({ kind: 'imported', setId: 's', name: 's' }, QUESTIONS, 3, 1000);
    session = { ...session, draft: { questionId: 'q-1', mode: 'ink', strokes: [], typed: '' } };
    session = answerCurrent(session, 'Nguồn', 'ink', ['Nguồn'], 2000);
    expect(session.draft).toBeNull();
    expect(currentQuestion(session)?.id).toBe('q-2');
    session = answerCurrent(session, 'nguoi', 'typed', [], 3000);
    expect(session.answers[1]?.grade).toEqual({ result: 'wrong-diacritics', expected: 'người', syllables: [0] });
    expect(session.finishedAt).toBeNull();
    session = answerCurrent(session, 'Thái Sơn', 'typed', [], 4000);
    expect(session.finishedAt).toBe(4000);
    expect(currentQuestion(session)).toBeNull();
    expect(correctCount(session)).toBe(2);
    expect(() => answerCurrent(session, 'x', 'typed', [])).toThrow(/no question left/);
  });
});

describe('journey', () => {
  it('counts accuracy per genre over finished quizzes', () => {
    const history = [finishedOn(0, ['nguồn', 'người', 'sai']), finishedOn(0, ['sai', 'người', 'Thái Sơn'])];
    expect(accuracyByGenre(history)).toEqual([
      { genre: 'tục ngữ', correct: 1, answered: 2 },
      { genre: 'ca dao', correct: 1, answered: 2 },
      { genre: 'thơ', correct: 2, answered: 2 },
    ]);
  });

  it('counts streaks ending today or yesterday', () => {
    const now = new Date(2026, 11, 5, 20, 0).getTime();
    const days = (...offsets: number[]) => offsets.map((offset) => finishedOn(now - offset * DAY, ['nguồn', 'người', 'Thái Sơn']));
    expect(streakDays([], now)).toBe(0);
    expect(streakDays(days(0, 1, 2, 4), now)).toBe(3);
    expect(streakDays(days(1, 2), now)).toBe(2);
    expect(streakDays(days(2, 3), now)).toBe(0);
    expect(streakDays(days(0, 0, 0), now)).toBe(1);
  });
});
