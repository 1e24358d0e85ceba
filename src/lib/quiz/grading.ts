/**
 * Grades a written answer against a question's accepted answers. Text is compared in NFC,
 * ignoring case, extra spaces and punctuation. An answer with the right base letters but a wrong
 * or missing tone mark or letter diacritic (ă â ê ô ơ ư, and đ written as d) is "sai dấu", and
 * the syllables that differ are reported.
 */

export type Grade =
  | { result: 'correct'; expected: string }
  | { result: 'wrong-diacritics'; expected: string; syllables: number[] }
  | { result: 'wrong'; expected: string }
  | { result: 'empty'; expected: string };

/** Lower-cases, drops punctuation and collapses whitespace, keeping every letter's marks (NFC). */
export function normalizeAnswer(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/u)
    .filter(Boolean)
    .join(' ');
}

/** Removes tone marks and letter diacritics: "Đường" becomes "duong". */
export function baseLetters(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

export function gradeAnswer(written: string, answers: readonly string[]): Grade {
  const expected = answers[0] ?? '';
  const answer = normalizeAnswer(written);
  if (answer === '') return { result: 'empty', expected };

  const accepted = answers.map(normalizeAnswer);
  if (accepted.includes(answer)) return { result: 'correct', expected };

  // Same letters once every mark is removed: the writer only missed tone marks or diacritics.
  for (const [index, candidate] of accepted.entries()) {
    if (baseLetters(candidate) !== baseLetters(answer)) continue;
    const writtenSyllables = answer.split(' ');
    const syllables = candidate
      .split(' ')
      .flatMap((syllable, position) => (syllable === writtenSyllables[position] ? [] : [position]));
    return { result: 'wrong-diacritics', expected: answers[index]!, syllables };
  }
  return { result: 'wrong', expected };
}
