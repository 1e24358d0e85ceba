/**
 * The character vocabulary shared by the app, the eval CLI and training.
 *
 * Training reads it from the rendered data set's metadata and the shipped manifest repeats it,
 * so this file is the only place where the token list is built.
 */

export const PAD_TOKEN = '<pad>';
export const BOS_TOKEN = '<bos>';
export const EOS_TOKEN = '<eos>';
export const UNKNOWN_TOKEN = '<unk>';

/** Token ids of the special tokens; the CTC blank reuses the padding id. */
export const PAD_ID = 0;
export const BOS_ID = 1;
export const EOS_ID = 2;
export const UNKNOWN_ID = 3;

const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];

/** Combining marks of the five Vietnamese tones: huyền, sắc, hỏi, ngã, nặng. */
const TONE_MARKS = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

const CONSONANTS = ['b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's', 't', 'v', 'x'];

/** Latin letters outside the Vietnamese alphabet that still appear in names and loanwords. */
const FOREIGN_LETTERS = ['f', 'j', 'w', 'z'];

const DIGITS = '0123456789'.split('');

const PUNCTUATION = [' ', '.', ',', ';', ':', '!', '?', '-', '–', "'", '"', '(', ')', '/', '…', '%', '&', '“', '”'];

/** Lists every Vietnamese letter, toneless and with each tone mark, in lower and upper case (NFC). */
export function vietnameseLetters(): string[] {
  const lower: string[] = [];
  for (const vowel of VOWELS) {
    lower.push(vowel);
    for (const mark of TONE_MARKS) lower.push((vowel + mark).normalize('NFC'));
  }
  lower.push(...CONSONANTS, ...FOREIGN_LETTERS);
  return [...lower, ...lower.map((letter) => letter.toUpperCase())];
}

/** Builds the full token list: special tokens first, then letters, digits and punctuation. */
export function buildTokens(): string[] {
  return [PAD_TOKEN, BOS_TOKEN, EOS_TOKEN, UNKNOWN_TOKEN, ...vietnameseLetters(), ...DIGITS, ...PUNCTUATION];
}

export class Vocabulary {
  readonly tokens: readonly string[];
  private readonly idByToken: Map<string, number>;

  constructor(tokens: readonly string[] = buildTokens()) {
    this.tokens = tokens;
    this.idByToken = new Map(tokens.map((token, id) => [token, id]));
    if (this.idByToken.size !== tokens.length) {
      throw new Error(`Vocabulary has duplicate tokens: ${tokens.length} tokens, ${this.idByToken.size} distinct`);
    }
  }

  get size(): number {
    return this.tokens.length;
  }

  /** Encodes NFC text into token ids, one per character, without BOS or EOS. */
  encode(text: string): number[] {
    return Array.from(text.normalize('NFC'), (char) => this.idByToken.get(char) ?? UNKNOWN_ID);
  }

  /** Decodes token ids into text, skipping special tokens. */
  decode(ids: Iterable<number>): string {
    let text = '';
    for (const id of ids) {
      if (id <= UNKNOWN_ID) continue;
      text += this.tokens[id] ?? '';
    }
    return text;
  }

  /** Returns true when every character of the text has its own token. */
  covers(text: string): boolean {
    return Array.from(text.normalize('NFC')).every((char) => this.idByToken.has(char));
  }
}
