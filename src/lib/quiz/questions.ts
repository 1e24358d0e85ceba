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

/** Reason an entry is invalid. The UI turns the code into a Vietnamese sentence (vi.quiz.issues). */
export type IssueCode =
  | 'not-object'
  | 'missing-id'
  | 'bad-genre'
  | 'missing-source'
  | 'missing-text'
  | 'text-not-nfc'
  | 'gap-count'
  | 'missing-answers'
  | 'empty-answer'
  | 'answer-not-nfc'
  | 'answer-length'
  | 'bad-difficulty'
  | 'duplicate-id'
  | 'duplicate-question'
  | 'extra-cells'
  | 'bad-quotes';

export interface QuestionIssue {
  code: IssueCode;
  /** The offending value, when there is one (an answer, an id, a gap count). */
  value?: string;
}

export interface QuestionProblem {
  /** JSON array index (from 0) or CSV line number (from 1) of the invalid entry. */
  index: number;
  id?: string;
  issues: QuestionIssue[];
}

const ENGLISH: Record<IssueCode, string> = {
  'not-object': 'not an object',
  'missing-id': 'missing id',
  'bad-genre': `genre must be one of ${GENRES.join(', ')}`,
  'missing-source': 'missing source',
  'missing-text': 'missing text',
  'text-not-nfc': 'text is not NFC',
  'gap-count': `text must contain the gap ${GAP_MARKER} exactly once`,
  'missing-answers': 'missing answers',
  'empty-answer': 'empty answer',
  'answer-not-nfc': 'answer is not NFC',
  'answer-length': 'answer must have 1 to 3 words',
  'bad-difficulty': 'difficulty must be 1, 2 or 3',
  'duplicate-id': 'duplicate id',
  'duplicate-question': 'duplicate question',
  'extra-cells': 'more cells than the header has columns (an unquoted comma?)',
  'bad-quotes': 'unbalanced quotes',
};

/** English text of an issue, for logs and tests. */
export function describeIssue(issue: QuestionIssue): string {
  return issue.value === undefined ? ENGLISH[issue.code] : `${ENGLISH[issue.code]} (${issue.value})`;
}

function wordCount(text: string): number {
  return text.trim().split(/\s+/u).filter(Boolean).length;
}

function isNfc(text: string): boolean {
  return text === text.normalize('NFC');
}

/** Checks one entry; returns why it is invalid (empty when it is valid). */
export function questionProblems(entry: unknown): QuestionIssue[] {
  const issues: QuestionIssue[] = [];
  const q = entry as Partial<Question> | null;
  if (!q || typeof q !== 'object' || Array.isArray(q)) return [{ code: 'not-object' }];
  if (typeof q.id !== 'string' || q.id.trim() === '') issues.push({ code: 'missing-id' });
  if (!GENRES.includes(q.genre as Genre)) issues.push({ code: 'bad-genre', value: q.genre === undefined ? undefined : String(q.genre) });
  if (typeof q.source !== 'string' || q.source.trim() === '') issues.push({ code: 'missing-source' });
  if (typeof q.text !== 'string' || q.text.trim() === '') {
    issues.push({ code: 'missing-text' });
  } else {
    if (!isNfc(q.text)) issues.push({ code: 'text-not-nfc' });
    const gaps = q.text.split(GAP_MARKER).length - 1;
    if (gaps !== 1) issues.push({ code: 'gap-count', value: String(gaps) });
  }
  if (!Array.isArray(q.answers) || q.answers.length === 0) {
    issues.push({ code: 'missing-answers' });
  } else {
    for (const answer of q.answers) {
      if (typeof answer !== 'string' || answer.trim() === '') issues.push({ code: 'empty-answer' });
      else if (!isNfc(answer)) issues.push({ code: 'answer-not-nfc', value: answer });
      else if (wordCount(answer) > 3) issues.push({ code: 'answer-length', value: answer });
    }
  }
  if (q.difficulty !== 1 && q.difficulty !== 2 && q.difficulty !== 3) {
    issues.push({ code: 'bad-difficulty', value: q.difficulty === undefined ? undefined : String(q.difficulty) });
  }
  return issues;
}

/**
 * Splits entries into valid questions and problems. A repeated id or a repeated line (same text
 * and first answer) is reported on the later entry. `position` maps an entry's array index to
 * the number reported, such as a CSV line number.
 */
export function validateQuestions(
  entries: readonly unknown[],
  position: (index: number) => number = (index) => index,
): { questions: Question[]; problems: QuestionProblem[] } {
  const questions: Question[] = [];
  const problems: QuestionProblem[] = [];
  const ids = new Set<string>();
  const lines = new Set<string>();
  entries.forEach((entry, index) => {
    const issues = questionProblems(entry);
    const q = entry as Question;
    if (issues.length === 0) {
      if (ids.has(q.id)) issues.push({ code: 'duplicate-id', value: q.id });
      const key = `${q.text}|${q.answers[0]}`;
      if (lines.has(key)) issues.push({ code: 'duplicate-question' });
      ids.add(q.id);
      lines.add(key);
    }
    if (issues.length > 0) problems.push({ index: position(index), id: typeof q?.id === 'string' ? q.id : undefined, issues });
    else questions.push(q);
  });
  return { questions, problems };
}
