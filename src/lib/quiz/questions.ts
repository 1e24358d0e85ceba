/**
 * Quiz questions: the line of a proverb, folk verse or poem with one gap, and the accepted
 * answers. docs/quiz-format.md describes the JSON and CSV formats; `validateQuestions` enforces them.
 */

/** Marks the gap in a question's text. validateQuestions requires it exactly once. */
export const GAP_MARKER = '___';

export const GENRES = ['tục ngữ', 'ca dao', 'thơ'] as const;
export type Genre = (typeof GENRES)[number];

export interface Question {
  id: string;
  genre: Genre;
  /** "Tục ngữ", "Ca dao", or "Author, Work". */
  source: string;
  /** The line with GAP_MARKER where the missing words go. */
  text: string;
  /** Accepted answers of 1 to 3 words each. The first is shown as the right answer. */
  answers: string[];
  /** 1 (easy) to 3 (hard). */
  difficulty: 1 | 2 | 3;
}

export interface QuestionProblem {
  /** JSON array index of the invalid entry. */
  index: number;
  id?: string;
  reason: string;
}

function wordCount(text: string): number {
  return text.trim().split(/\s+/u).filter(Boolean).length;
}

function isNfc(text: string): boolean {
  return text === text.normalize('NFC');
}

/** Checks one entry; returns the reasons it is invalid, in English for logs and tests. */
export function questionProblems(entry: unknown): string[] {
  const problems: string[] = [];
  const q = entry as Partial<Question> | null;
  if (!q || typeof q !== 'object') return ['not an object'];
  if (typeof q.id !== 'string' || q.id.trim() === '') problems.push('missing id');
  if (!GENRES.includes(q.genre as Genre)) problems.push(`genre must be one of ${GENRES.join(', ')}`);
  if (typeof q.source !== 'string' || q.source.trim() === '') problems.push('missing source');
  if (typeof q.text !== 'string') {
    problems.push('missing text');
  } else {
    if (!isNfc(q.text)) problems.push('text is not NFC');
    const gaps = q.text.split(GAP_MARKER).length - 1;
    if (gaps !== 1) problems.push(`text must contain the gap ${GAP_MARKER} exactly once, found ${gaps}`);
  }
  if (!Array.isArray(q.answers) || q.answers.length === 0) {
    problems.push('missing answers');
  } else {
    for (const answer of q.answers) {
      if (typeof answer !== 'string' || answer.trim() === '') problems.push('empty answer');
      else if (!isNfc(answer)) problems.push(`answer "${answer}" is not NFC`);
      else if (wordCount(answer) < 1 || wordCount(answer) > 3) problems.push(`answer "${answer}" must have 1 to 3 words`);
    }
  }
  if (q.difficulty !== 1 && q.difficulty !== 2 && q.difficulty !== 3) problems.push('difficulty must be 1, 2 or 3');
  return problems;
}

/** Splits entries into valid questions and problems; duplicate ids and duplicate lines are problems. */
export function validateQuestions(entries: readonly unknown[]): { questions: Question[]; problems: QuestionProblem[] } {
  const questions: Question[] = [];
  const problems: QuestionProblem[] = [];
  const ids = new Set<string>();
  const lines = new Set<string>();
  entries.forEach((entry, index) => {
    const reasons = questionProblems(entry);
    const q = entry as Question;
    if (reasons.length === 0) {
      if (ids.has(q.id)) reasons.push(`duplicate id ${q.id}`);
      const key = `${q.text}|${q.answers[0]}`;
      if (lines.has(key)) reasons.push('duplicate question');
      ids.add(q.id);
      lines.add(key);
    }
    if (reasons.length > 0) problems.push({ index, id: typeof q?.id === 'string' ? q.id : undefined, reason: reasons.join('; ') });
    else questions.push(q);
  });
  return { questions, problems };
}
