/**
 * Teachers' question files in and out: JSON and CSV as docs/quiz-format.md describes, and quiz
 * results as CSV and JSON. Invalid entries are reported by JSON array index or CSV line number
 * and every valid one is kept. Exported CSV cells that a spreadsheet would run as a formula
 * (starting with =, +, - or @) are prefixed with an apostrophe; import removes that prefix again.
 */
import Papa from 'papaparse';
import { GAP_MARKER, validateQuestions, type Question, type QuestionProblem } from './questions.ts';
import type { QuizSession } from './session.ts';

export const CSV_COLUMNS = ['id', 'genre', 'source', 'text', 'answers', 'difficulty'] as const;
/** Separates accepted answers inside the CSV `answers` cell. */
export const ANSWER_SEPARATOR = '|';

/** A file that cannot be read as a question set at all; `code` picks the Vietnamese message. */
export class QuestionFileError extends Error {
  constructor(
    readonly code: 'bad-json' | 'bad-json-shape' | 'missing-columns' | 'empty' | 'not-utf8',
    message: string,
    readonly detail = '',
  ) {
    super(message);
    this.name = 'QuestionFileError';
  }
}

export interface ParsedQuestionFile {
  format: 'json' | 'csv';
  questions: Question[];
  /** JSON: array index from 0. CSV: line number from 1, the header being line 1. */
  problems: QuestionProblem[];
}

/** Reads a JSON or CSV question set; the format is taken from the file name, else from the text. */
export function parseQuestionFile(fileName: string, content: string): ParsedQuestionFile {
  const text = content.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new QuestionFileError('empty', `${fileName} is empty`);
  // File.text() decodes UTF-8; a file saved in another encoding (Excel's Windows-1258) turns into U+FFFD.
  if (text.includes('\uFFFD')) throw new QuestionFileError('not-utf8', `${fileName} is not UTF-8 text`);
  const json = /\.json$/i.test(fileName) || (!/\.csv$/i.test(fileName) && /^\s*[[{]/.test(text));
  return json ? parseJson(fileName, text) : parseCsv(fileName, text);
}

function parseJson(fileName: string, text: string): ParsedQuestionFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new QuestionFileError('bad-json', `${fileName} is not valid JSON: ${(error as Error).message}`, (error as Error).message);
  }
  const entries = Array.isArray(data) ? data : (data as { questions?: unknown } | null)?.questions;
  if (!Array.isArray(entries)) {
    throw new QuestionFileError('bad-json-shape', `${fileName} has no "questions" array`);
  }
  return { format: 'json', ...validateQuestions(entries.map(toNfc)) };
}

/** Puts every string of an entry in NFC, so text typed with combining marks (Unikey's "Unicode tổ hợp") is accepted. */
function toNfc(entry: unknown): unknown {
  if (typeof entry === 'string') return entry.normalize('NFC');
  if (Array.isArray(entry)) return entry.map(toNfc);
  if (entry && typeof entry === 'object') return Object.fromEntries(Object.entries(entry).map(([key, value]) => [key, toNfc(value)]));
  return entry;
}

/** Undoes the apostrophe that export puts before a formula-like cell. */
function unescapeCell(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

function parseCsv(fileName: string, text: string): ParsedQuestionFile {
  // Rows with their starting line number: a quoted cell may span lines, so rows and lines differ.
  const rows: { cells: string[]; line: number; quotesBroken: boolean }[] = [];
  let consumed = 0;
  let linesBefore = 0;
  Papa.parse<string[]>(text, {
    step(result) {
      const line = linesBefore + 1;
      linesBefore += (text.slice(consumed, result.meta.cursor).match(/\r\n|\r|\n/g) ?? []).length;
      consumed = result.meta.cursor;
      const cells = result.data.map((cell) => unescapeCell(cell.trim().normalize('NFC')));
      // Blank lines and separator-only lines (Excel writes ",,,,,") are not questions.
      if (cells.every((cell) => cell === '')) return;
      rows.push({ cells, line, quotesBroken: result.errors.some((error) => error.type === 'Quotes') });
    },
  });

  const header = (rows.shift()?.cells ?? []).map((name) => name.toLowerCase());
  const missing = CSV_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw new QuestionFileError('missing-columns', `${fileName} lacks the CSV columns ${missing.join(', ')}`, missing.join(', '));
  }

  // A row with more cells than the header most often has an unquoted comma inside a cell.
  const problems: QuestionProblem[] = [];
  const readable = rows.filter((row) => {
    if (row.quotesBroken) problems.push({ index: row.line, issues: [{ code: 'bad-quotes' }] });
    else if (row.cells.length > header.length) problems.push({ index: row.line, issues: [{ code: 'extra-cells', value: String(row.cells.length) }] });
    else return true;
    return false;
  });
  const column = (cells: string[], name: (typeof CSV_COLUMNS)[number]) => cells[header.indexOf(name)] ?? '';
  const entries = readable.map(({ cells }) => ({
    id: column(cells, 'id'),
    genre: column(cells, 'genre').toLowerCase(),
    source: column(cells, 'source'),
    text: column(cells, 'text'),
    answers: column(cells, 'answers')
      .split(ANSWER_SEPARATOR)
      .map((answer) => answer.trim())
      .filter(Boolean),
    difficulty: Number(column(cells, 'difficulty')),
  }));
  const validated = validateQuestions(entries, (index) => readable[index]!.line);
  const allProblems = [...problems, ...validated.problems].sort((x, y) => x.index - y.index);
  return { format: 'csv', questions: validated.questions, problems: allProblems };
}

export function questionsToJson(questions: readonly Question[]): string {
  return `${JSON.stringify({ version: 1, gap: GAP_MARKER, questions }, null, 1)}\n`;
}

export function questionsToCsv(questions: readonly Question[]): string {
  const rows = questions.map((q) => [q.id, q.genre, q.source, q.text, q.answers.join(ANSWER_SEPARATOR), String(q.difficulty)]);
  return `${Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { escapeFormulae: true })}\r\n`;
}

/** Flattens quizzes into one row per answered question. */
function resultRows(history: readonly QuizSession[]) {
  return history.flatMap((session) =>
    session.answers.map((answer) => {
      const question = session.questions.find((q) => q.id === answer.questionId);
      return {
        quiz: session.id,
        finished_at: session.finishedAt === null ? '' : new Date(session.finishedAt).toISOString(),
        question_id: answer.questionId,
        genre: question?.genre ?? '',
        text: question?.text ?? '',
        expected: answer.grade.expected,
        written: answer.written,
        mode: answer.mode,
        result: answer.grade.result,
      };
    }),
  );
}

export function resultsToCsv(history: readonly QuizSession[]): string {
  const rows = resultRows(history);
  const fields = ['quiz', 'finished_at', 'question_id', 'genre', 'text', 'expected', 'written', 'mode', 'result'];
  return `${Papa.unparse({ fields, data: rows.map((row) => fields.map((field) => row[field as keyof typeof row])) }, { escapeFormulae: true })}\r\n`;
}

export function resultsToJson(history: readonly QuizSession[]): string {
  const quizzes = history.map(({ draft: _draft, ...session }) => session);
  return `${JSON.stringify({ version: 1, exportedAt: new Date().toISOString(), quizzes }, null, 1)}\n`;
}
