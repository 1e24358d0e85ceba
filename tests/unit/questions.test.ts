import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GAP_MARKER, questionProblems, validateQuestions, type QuestionIssue } from '../../src/lib/quiz/questions.ts';
import { ROOT } from '../browser/harness.ts';

const bundled = JSON.parse(readFileSync(resolve(ROOT, 'src/lib/quiz/data/questions.json'), 'utf8')) as {
  gap: string;
  questions: unknown[];
};

describe('bundled quiz questions', () => {
  it('are all valid', () => {
    const { problems } = validateQuestions(bundled.questions);
    expect(problems).toEqual([]);
  });

  it('number at least 150 across the three genres', () => {
    const { questions } = validateQuestions(bundled.questions);
    expect(questions.length).toBeGreaterThanOrEqual(150);
    for (const genre of ['tục ngữ', 'ca dao', 'thơ']) {
      expect(questions.filter((q) => q.genre === genre).length, genre).toBeGreaterThan(20);
    }
  });

  it('use the documented gap marker', () => {
    expect(bundled.gap).toBe(GAP_MARKER);
  });
});

describe('question validation', () => {
  const valid = { id: 'x-1', genre: 'tục ngữ', source: 'Tục ngữ', text: 'Uống nước nhớ ___', answers: ['nguồn'], difficulty: 1 };

  const codes = (issues: QuestionIssue[]) => issues.map((issue) => issue.code);

  it('accepts a valid question', () => {
    expect(questionProblems(valid)).toEqual([]);
  });

  it('rejects a text without a gap or with two', () => {
    expect(questionProblems({ ...valid, text: 'Uống nước nhớ nguồn' })).toEqual([{ code: 'gap-count', value: '0' }]);
    expect(questionProblems({ ...valid, text: '___ nước nhớ ___' })).toEqual([{ code: 'gap-count', value: '2' }]);
  });

  it('rejects NFD text', () => {
    expect(codes(questionProblems({ ...valid, text: 'Uống nước nhớ ___'.normalize('NFD') }))).toEqual(['text-not-nfc']);
  });

  it('rejects missing or too long answers', () => {
    expect(codes(questionProblems({ ...valid, answers: [] }))).toEqual(['missing-answers']);
    expect(codes(questionProblems({ ...valid, answers: ['một hai ba bốn'] }))).toEqual(['answer-length']);
    expect(codes(questionProblems({ ...valid, answers: ['  '] }))).toEqual(['empty-answer']);
  });

  it('reports duplicates by array index and keeps the first', () => {
    const { questions, problems } = validateQuestions([valid, { ...valid }, { ...valid, id: 'x-2' }]);
    expect(questions).toHaveLength(1);
    expect(problems.map((p) => p.index)).toEqual([1, 2]);
    expect(problems.map((p) => codes(p.issues))).toEqual([['duplicate-id', 'duplicate-question'], ['duplicate-question']]);
  });
});
