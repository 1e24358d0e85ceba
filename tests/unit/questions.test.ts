import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GAP_MARKER, questionProblems, validateQuestions } from '../../src/lib/quiz/questions.ts';
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

  it('accepts a valid question', () => {
    expect(questionProblems(valid)).toEqual([]);
  });

  it('rejects a text without a gap or with two', () => {
    expect(questionProblems({ ...valid, text: 'Uống nước nhớ nguồn' }).join()).toMatch(/exactly once/);
    expect(questionProblems({ ...valid, text: '___ nước nhớ ___' }).join()).toMatch(/exactly once/);
  });

  it('rejects NFD text', () => {
    expect(questionProblems({ ...valid, text: 'Uống nước nhớ ___'.normalize('NFD') }).join()).toMatch(/NFC/);
  });

  it('rejects missing or too long answers', () => {
    expect(questionProblems({ ...valid, answers: [] }).join()).toMatch(/missing answers/);
    expect(questionProblems({ ...valid, answers: ['một hai ba bốn'] }).join()).toMatch(/1 to 3 words/);
  });

  it('reports duplicates by array index and keeps the first', () => {
    const { questions, problems } = validateQuestions([valid, { ...valid }, { ...valid, id: 'x-2' }]);
    expect(questions).toHaveLength(1);
    expect(problems.map((p) => p.index)).toEqual([1, 2]);
  });
});
