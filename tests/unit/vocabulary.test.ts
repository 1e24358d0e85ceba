import { describe, expect, it } from 'vitest';
import { UNKNOWN_ID, Vocabulary } from '../../src/runtime/vocabulary.ts';

// Built here from the Unicode combining marks, independently of the vocabulary's own tables.
const BASE_VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const MARKS = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const ALL_TONED = BASE_VOWELS.flatMap((vowel) => MARKS.map((mark) => (vowel + mark).normalize('NFC')));

describe('Vocabulary', () => {
  const vocabulary = new Vocabulary();

  it('round-trips every vowel with every tone mark in both cases', () => {
    for (const letter of [...ALL_TONED, ...ALL_TONED.map((l) => l.toUpperCase())]) {
      const ids = vocabulary.encode(letter);
      expect(ids, letter).toHaveLength(1);
      expect(ids[0], letter).not.toBe(UNKNOWN_ID);
      expect(vocabulary.decode(ids)).toBe(letter);
    }
  });

  it('round-trips đ, Đ, digits and punctuation', () => {
    const text = 'Đường đi 2024: "Có, không?" (thử-nghiệm)!';
    expect(vocabulary.decode(vocabulary.encode(text))).toBe(text);
  });

  it('normalises NFD input to NFC', () => {
    const decomposed = 'Tiếng Việt'.normalize('NFD');
    expect(vocabulary.decode(vocabulary.encode(decomposed))).toBe('Tiếng Việt');
  });

  it('maps unknown characters to the unknown token', () => {
    expect(vocabulary.encode('ƒ')).toEqual([UNKNOWN_ID]);
    expect(vocabulary.covers('chínhƒ')).toBe(false);
  });

  it('has 134 Vietnamese vowels and no duplicate tokens', () => {
    expect(new Set(vocabulary.tokens).size).toBe(vocabulary.size);
    expect(ALL_TONED.length * 2).toBe(144);
    expect(ALL_TONED.every((letter) => vocabulary.covers(letter))).toBe(true);
  });
});
