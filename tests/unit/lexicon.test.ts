import { describe, expect, it } from 'vitest';
import { Lexicon, vietnameseSyllables } from '../../src/runtime/lexicon.ts';

describe('Vietnamese syllable lexicon', () => {
  const lexicon = Lexicon.vietnamese();
  const syllables = vietnameseSyllables();

  it.each(['người', 'quốc', 'quý', 'quí', 'giếng', 'gì', 'khuya', 'nghiêng', 'yêu', 'hoàn', 'hoà', 'hòa', 'thuở', 'được', 'tắt', 'khuỷu'])(
    'contains %s',
    (syllable) => {
      expect(syllables.has(syllable)).toBe(true);
    },
  );

  it.each(['ngưòi', 'gha', 'ngê', 'cê', 'ka', 'tàt', 'tat', 'hòan'])('rejects %s', (syllable) => {
    expect(syllables.has(syllable)).toBe(false);
  });

  it('accepts phrases, capitals, abbreviations and numbers', () => {
    expect(lexicon.accepts('Uống nước nhớ nguồn.')).toBe(true);
    expect(lexicon.accepts('UBND tỉnh')).toBe(true);
    expect(lexicon.accepts('năm 1945')).toBe(true);
    expect(lexicon.accepts('Thành phố km2')).toBe(true);
  });

  it('rejects a phrase with one ill-formed word', () => {
    expect(lexicon.accepts('Uống nưóc')).toBe(false);
    expect(lexicon.accepts('')).toBe(false);
  });
});
