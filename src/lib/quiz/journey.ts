/**
 * "Hành trình của bạn": figures over the finished quizzes. Days are the device's local
 * calendar days, since a streak is about when the student sat down to practise.
 */
import { GENRES, type Genre } from './questions.ts';
import type { QuizSession } from './session.ts';

export interface GenreAccuracy {
  genre: Genre;
  correct: number;
  answered: number;
}

/** Correct answers over answered questions, per genre, across all finished quizzes. */
export function accuracyByGenre(history: readonly QuizSession[]): GenreAccuracy[] {
  return GENRES.map((genre) => {
    let correct = 0;
    let answered = 0;
    for (const session of history) {
      for (const answer of session.answers) {
        const question = session.questions.find((q) => q.id === answer.questionId);
        if (question?.genre !== genre) continue;
        answered++;
        if (answer.grade.result === 'correct') correct++;
      }
    }
    return { genre, correct, answered };
  });
}

/** Converts a time to its local calendar day, counted in days since 1970. */
function dayNumber(time: number): number {
  const date = new Date(time);
  return Math.round(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 86_400_000);
}

/**
 * Consecutive days, ending today or yesterday, on which at least one quiz was finished. A streak
 * that ended yesterday still counts today, so it does not read 0 before the day's practice.
 */
export function streakDays(history: readonly QuizSession[], now = Date.now()): number {
  const days = new Set(history.flatMap((session) => (session.finishedAt === null ? [] : [dayNumber(session.finishedAt)])));
  let day = dayNumber(now);
  if (!days.has(day)) day--;
  let streak = 0;
  while (days.has(day)) {
    streak++;
    day--;
  }
  return streak;
}
