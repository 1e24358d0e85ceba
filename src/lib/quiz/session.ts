/**
 * One quiz: the questions drawn from a set, the answers given so far, and the ink of the question
 * being written. Pure data and functions; the quiz store saves a session after every change.
 */
import type { Stroke } from '../ink/types.ts';
import { gradeAnswer, type Grade } from './grading.ts';
import type { Genre, Question } from './questions.ts';

/** Source of a quiz's questions: the bundled set filtered by genre and difficulty, or a teacher's file. */
export type SetChoice =
  | { kind: 'bundled'; genre: Genre | 'all'; difficulty: 1 | 2 | 3 | 'all' }
  | { kind: 'imported'; setId: string; name: string };

export interface QuizAnswer {
  questionId: string;
  /** The text that was graded: the chosen recognition or what was typed. */
  written: string;
  /** Input method: handwriting or the keyboard. */
  mode: 'ink' | 'typed';
  /** The recognizer's n-best texts for handwritten answers, best first. */
  candidates: string[];
  grade: Grade;
  answeredAt: number;
}

/** Unconfirmed work on the current question, saved as it is written. */
export interface QuizDraft {
  questionId: string;
  mode: 'ink' | 'typed';
  strokes: Stroke[];
  typed: string;
}

export interface QuizSession {
  id: string;
  choice: SetChoice;
  /** Copies of the questions, so review still works after a teacher's set is deleted. */
  questions: Question[];
  answers: QuizAnswer[];
  draft: QuizDraft | null;
  startedAt: number;
  finishedAt: number | null;
}

/** Fisher-Yates shuffle with the given source of randomness in [0, 1). */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Returns the bundled questions that a bundled choice selects. */
export function selectQuestions(all: readonly Question[], choice: SetChoice & { kind: 'bundled' }): Question[] {
  return all.filter(
    (q) => (choice.genre === 'all' || q.genre === choice.genre) && (choice.difficulty === 'all' || q.difficulty === choice.difficulty),
  );
}

/**
 * Starts a quiz of at most `count` questions. Bundled questions are drawn at random; a teacher's
 * set keeps the teacher's order.
 */
export function createSession(
  choice: SetChoice,
  pool: readonly Question[],
  count: number,
  now = Date.now(),
  random: () => number = Math.random,
): QuizSession {
  const ordered = choice.kind === 'bundled' ? shuffled(pool, random) : [...pool];
  return {
    id: `${now}-${Math.floor(random() * 1e9).toString(36)}`,
    choice,
    questions: ordered.slice(0, Math.max(1, count)),
    answers: [],
    draft: null,
    startedAt: now,
    finishedAt: null,
  };
}

/** Returns the question to answer next, or null once every question has an answer. */
export function currentQuestion(session: QuizSession): Question | null {
  return session.questions[session.answers.length] ?? null;
}

/** Grades the answer to the current question and returns the session with it recorded. */
export function answerCurrent(
  session: QuizSession,
  written: string,
  mode: QuizAnswer['mode'],
  candidates: string[],
  now = Date.now(),
): QuizSession {
  const question = currentQuestion(session);
  if (!question) throw new Error(`Quiz ${session.id} has no question left to answer`);
  const answer: QuizAnswer = {
    questionId: question.id,
    written,
    mode,
    candidates: mode === 'ink' ? candidates : [],
    grade: gradeAnswer(written, question.answers),
    answeredAt: now,
  };
  const answers = [...session.answers, answer];
  const finished = answers.length === session.questions.length;
  return { ...session, answers, draft: null, finishedAt: finished ? now : null };
}

export function correctCount(session: QuizSession): number {
  return session.answers.filter((answer) => answer.grade.result === 'correct').length;
}
