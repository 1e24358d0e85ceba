import { describe, expect, it } from 'vitest';
import { gradeAnswer } from '../../src/lib/quiz/grading.ts';

describe('gradeAnswer', () => {
  const cases: { name: string; written: string; answers: string[]; result: string; syllables?: number[] }[] = [
    { name: 'correct', written: 'nguồn', answers: ['nguồn'], result: 'correct' },
    { name: 'uppercase', written: 'NGUỒN', answers: ['nguồn'], result: 'correct' },
    { name: 'NFD input', written: 'nguồn'.normalize('NFD'), answers: ['nguồn'], result: 'correct' },
    { name: 'extra spaces', written: '  tay   quen ', answers: ['tay quen'], result: 'correct' },
    { name: 'punctuation', written: 'tay quen!', answers: ['tay quen'], result: 'correct' },
    { name: 'accepted variant', written: 'sáng', answers: ['rạng', 'sáng'], result: 'correct' },
    { name: 'wrong tone', written: 'nguôn', answers: ['nguồn'], result: 'wrong-diacritics', syllables: [0] },
    { name: 'missing diacritics', written: 'tam long son', answers: ['tấm lòng son'], result: 'wrong-diacritics', syllables: [0, 1] },
    { name: 'different letters', written: 'nguồn', answers: ['người'], result: 'wrong' },
    { name: 'ơ written as o', written: 'sang xuân cho', answers: ['sang xuân chờ'], result: 'wrong-diacritics', syllables: [2] },
    { name: 'đ written as d', written: 'dau đớn lòng', answers: ['đau đớn lòng'], result: 'wrong-diacritics', syllables: [0] },
    { name: 'ư written as u', written: 'nhung', answers: ['những'], result: 'wrong-diacritics', syllables: [0] },
    { name: 'wrong word', written: 'sông', answers: ['nguồn'], result: 'wrong' },
    { name: 'empty answer', written: '   ', answers: ['nguồn'], result: 'empty' },
  ];

  for (const testCase of cases) {
    it(testCase.name, () => {
      const grade = gradeAnswer(testCase.written, testCase.answers);
      expect(grade.result).toBe(testCase.result);
      if (testCase.syllables) expect(grade.result === 'wrong-diacritics' && grade.syllables).toEqual(testCase.syllables);
    });
  }

  it('shows the first accepted answer when wrong', () => {
    expect(gradeAnswer('sông', ['rạng', 'sáng']).expected).toBe('rạng');
  });
});
