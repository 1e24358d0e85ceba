import { describe, expect, it } from 'vitest';
import { parseQuestionFile, QuestionFileError, questionsToCsv, questionsToJson, resultsToCsv } from '../../src/lib/quiz/question-files.ts';
import type { Question } from '../../src/lib/quiz/questions.ts';
import { answerCurrent, createSession } from '../../src/lib/quiz/session.ts';

const QUESTIONS: Question[] = [
  { id: 't-1', genre: 'tục ngữ', source: 'Tục ngữ', text: 'Uống nước nhớ ___', answers: ['nguồn'], difficulty: 1 },
  { id: 't-2', genre: 'ca dao', source: 'Ca dao', text: 'Công cha như núi ___', answers: ['Thái Sơn', 'thái sơn'], difficulty: 2 },
  { id: 't-3', genre: 'thơ', source: '=HYPERLINK("x"), Truyện Kiều', text: '-___ người đến thế thì thôi', answers: ['Thúy Kiều'], difficulty: 3 },
];

describe('CSV question files', () => {
  it('report invalid rows by line', () => {
    const csv = [
      'id,genre,source,text,answers,difficulty',
      'a-1,tục ngữ,Tục ngữ,Uống nước nhớ ___,nguồn,1',
      'a-2,truyện,Tục ngữ,Ăn quả nhớ kẻ ___ cây,trồng,1',
      '"a-3",ca dao,Ca dao,"Bầu ơi thương lấy bí cùng,',
      'Tuy rằng khác giống nhưng chung một ___",giàn,2',
      '',
      'a-4,thơ,"Nguyễn Du, Truyện Kiều",Trăm năm trong cõi người ta,,2',
      'a-5,thơ,"Nguyễn Du, Truyện Kiều",Chữ tài chữ ___ khéo là ghét nhau,mệnh,2',
    ].join('\r\n');
    const parsed = parseQuestionFile('lop-5a.csv', csv);
    expect(parsed.format).toBe('csv');
    expect(parsed.questions.map((q) => q.id)).toEqual(['a-1', 'a-3', 'a-5']);
    expect(parsed.problems.map((p) => [p.index, p.issues.map((issue) => issue.code)])).toEqual([
      [3, ['bad-genre']],
      [7, ['gap-count', 'missing-answers']],
    ]);
  });

  it('report rows with extra cells or broken quotes', () => {
    const csv = [
      'id;genre;source;text;answers;difficulty'.replaceAll(';', ','),
      'b-1,thơ,Nguyễn Du, Truyện Kiều,Trăm năm trong cõi ___ ta,người,1',
      ',,,,,',
      'b-2,tục ngữ,Tục ngữ,Uống nước nhớ ___,nguồn,1',
      'b-3,tục ngữ,Tục ngữ,"Ăn quả nhớ kẻ ___ cây,trồng,1',
    ].join('\n');
    const parsed = parseQuestionFile('b.csv', csv);
    expect(parsed.questions.map((q) => q.id)).toEqual(['b-2']);
    expect(parsed.problems.map((p) => [p.index, p.issues[0]!.code])).toEqual([
      [2, 'extra-cells'],
      [5, 'bad-quotes'],
    ]);
  });

  it('accept decomposed Unicode and semicolons', () => {
    const csv = ['id;genre;source;text;answers;difficulty', 'c-1;tục ngữ;Tục ngữ;Uống nước nhớ ___;nguồn;1'].join('\r\n');
    const parsed = parseQuestionFile('c.csv', csv.normalize('NFD'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.questions[0]?.answers).toEqual(['nguồn']);
  });

  it('reject text that is not UTF-8', () => {
    const windows1258 = new TextDecoder('utf-8').decode(new Uint8Array([0x69, 0x64, 0x2c, 0xe2, 0xd2, 0x0a]));
    expect(() => parseQuestionFile('d.csv', windows1258)).toThrow(/not UTF-8/);
  });

  it('reject missing columns', () => {
    expect(() => parseQuestionFile('x.csv', 'id,text\n1,a ___')).toThrow(QuestionFileError);
  });

  it('escape formula cells and round-trip', () => {
    const csv = questionsToCsv(QUESTIONS);
    expect(csv).toContain(`"'=HYPERLINK(""x""), Truyện Kiều"`);
    expect(csv).toContain(`'-___ người đến thế thì thôi`);
    expect(csv.split('\r\n').some((line) => /(^|,)[=+\-@]/.test(line))).toBe(false);
    expect(parseQuestionFile('back.csv', csv)).toEqual({ format: 'csv', questions: QUESTIONS, problems: [] });
  });
});

describe('JSON question files', () => {
  it('report invalid entries by index', () => {
    const json = JSON.stringify({ questions: [QUESTIONS[0], { ...QUESTIONS[1], difficulty: 5 }, 'text', QUESTIONS[2], QUESTIONS[0]] });
    const parsed = parseQuestionFile('set.json', json);
    expect(parsed.questions.map((q) => q.id)).toEqual(['t-1', 't-3']);
    expect(parsed.problems.map((p) => [p.index, p.issues.map((issue) => issue.code)])).toEqual([
      [1, ['bad-difficulty']],
      [2, ['not-object']],
      [4, ['duplicate-id', 'duplicate-question']],
    ]);
  });

  it('round-trip an export', () => {
    expect(parseQuestionFile('set.json', questionsToJson(QUESTIONS)).questions).toEqual(QUESTIONS);
  });

  it('say when the file is not JSON', () => {
    expect(() => parseQuestionFile('set.json', '{"questions": [')).toThrow(/not valid JSON/);
  });
});

describe('result export', () => {
  it('writes one escaped row per answer', () => {
    let session = createSession({ kind: 'imported', setId: 's', name: 'Lớp 5A' }, QUESTIONS, 3, 0, () => 0.5);
    session = answerCurrent(session, 'nguồn', 'ink', ['nguồn', 'nguôn']);
    session = answerCurrent(session, '=1+1', 'typed', []);
    const lines = resultsToCsv([session]).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/,nguồn,nguồn,ink,correct$/);
    expect(lines[2]).toContain(`"'=1+1",typed,wrong`);
  });
});
