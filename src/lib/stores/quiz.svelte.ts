/**
 * The quiz's local data in IndexedDB: the quiz in progress (saved after every answer, its ink as
 * it is written), the finished quizzes, and the teachers' imported question sets.
 */
import bundled from '../quiz/data/questions.json';
import { validateQuestions, type Question } from '../quiz/questions.ts';
import { answerCurrent, createSession, type QuizAnswer, type QuizDraft, type QuizSession, type SetChoice } from '../quiz/session.ts';
import { deleteValue, loadValue, saveValue } from '../utils/storage.ts';

export interface QuestionSet {
  id: string;
  name: string;
  questions: Question[];
  importedAt: number;
}

const SESSION_KEY = 'quiz-session';
const HISTORY_KEY = 'quiz-history';
const SETS_KEY = 'quiz-sets';
/** Oldest finished quizzes are dropped past this count to bound storage. */
const MAX_HISTORY = 500;

/** The bundled questions; the unit test proves every one valid. */
export const bundledQuestions: Question[] = validateQuestions(bundled.questions).questions;

class QuizStore {
  session = $state<QuizSession | null>(null);
  history = $state<QuizSession[]>([]);
  sets = $state<QuestionSet[]>([]);
  loaded = $state(false);

  async load(): Promise<void> {
    const [session, history, sets] = await Promise.all([
      loadValue<QuizSession>(SESSION_KEY),
      loadValue<QuizSession[]>(HISTORY_KEY),
      loadValue<QuestionSet[]>(SETS_KEY),
    ]);
    this.session = session ?? null;
    this.history = history ?? [];
    this.sets = sets ?? [];
    this.loaded = true;
  }

  async start(choice: SetChoice, pool: readonly Question[], count: number): Promise<void> {
    // Snapshots: imported sets are reactive proxies, which IndexedDB cannot clone.
    const session = createSession($state.snapshot(choice) as SetChoice, $state.snapshot(pool) as Question[], count);
    await saveValue(SESSION_KEY, session);
    this.session = session;
  }

  /** Saves what is written for the current question; called on every stroke and keystroke. */
  async saveDraft(draft: QuizDraft): Promise<void> {
    if (!this.session) return;
    const session = { ...$state.snapshot(this.session), draft: $state.snapshot(draft) as QuizDraft };
    this.session = session;
    await saveValue(SESSION_KEY, session);
  }

  /** Grades and records the answer; a finished quiz also goes into the history. */
  async answer(written: string, mode: QuizAnswer['mode'], candidates: string[]): Promise<QuizAnswer> {
    if (!this.session) throw new Error('No quiz in progress');
    const session = answerCurrent($state.snapshot(this.session) as QuizSession, written, mode, candidates);
    await saveValue(SESSION_KEY, session);
    if (session.finishedAt !== null) {
      const history = [session, ...($state.snapshot(this.history) as QuizSession[])].slice(0, MAX_HISTORY);
      await saveValue(HISTORY_KEY, history);
      this.history = history;
    }
    this.session = session;
    return session.answers[session.answers.length - 1]!;
  }

  /** Leaves the summary (or abandons a quiz) so a new one can be chosen. */
  async close(): Promise<void> {
    await deleteValue(SESSION_KEY);
    this.session = null;
  }

  async addSet(name: string, questions: Question[]): Promise<QuestionSet> {
    const set: QuestionSet = { id: `set-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, name, questions, importedAt: Date.now() };
    const sets = [...($state.snapshot(this.sets) as QuestionSet[]), set];
    await saveValue(SETS_KEY, sets);
    this.sets = sets;
    return set;
  }

  async removeSet(id: string): Promise<void> {
    const sets = ($state.snapshot(this.sets) as QuestionSet[]).filter((set) => set.id !== id);
    await saveValue(SETS_KEY, sets);
    this.sets = sets;
  }

  async clearHistory(): Promise<void> {
    await deleteValue(HISTORY_KEY);
    this.history = [];
  }
}

export const quiz = new QuizStore();
