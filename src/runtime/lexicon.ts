/**
 * A lexicon of Vietnamese syllables built from the spelling rules of the language (onset, rhyme,
 * tone), not from any corpus, so it is ours to ship and owes nothing to VNOnDB's labels. It
 * over-generates (some accepted syllables are never used), which is harmless for its one job:
 * preferring a beam candidate whose words are all well-formed Vietnamese.
 */

/** Rhymes without a glide, written as they follow an onset. */
const PLAIN_RHYMES = [
  'a', 'ai', 'ao', 'au', 'ay', 'am', 'an', 'ang', 'anh', 'ap', 'at', 'ac', 'ach',
  'ăm', 'ăn', 'ăng', 'ăp', 'ăt', 'ăc',
  'âu', 'ây', 'âm', 'ân', 'âng', 'âp', 'ât', 'âc',
  'e', 'eo', 'em', 'en', 'eng', 'ep', 'et', 'ec',
  'ê', 'êu', 'êm', 'ên', 'ênh', 'êp', 'êt', 'êch',
  'i', 'ia', 'iu', 'im', 'in', 'inh', 'ip', 'it', 'ich',
  'iêu', 'iêm', 'iên', 'iêng', 'iêp', 'iêt', 'iêc',
  'o', 'oi', 'om', 'on', 'ong', 'op', 'ot', 'oc', 'oong', 'ooc',
  'ô', 'ôi', 'ôm', 'ôn', 'ông', 'ôp', 'ôt', 'ôc',
  'ơ', 'ơi', 'ơm', 'ơn', 'ơp', 'ơt',
  'u', 'ua', 'ui', 'um', 'un', 'ung', 'up', 'ut', 'uc',
  'uôi', 'uôm', 'uôn', 'uông', 'uôt', 'uôc',
  'ư', 'ưa', 'ưi', 'ưu', 'ưm', 'ưn', 'ưng', 'ưt', 'ưc',
  'ươi', 'ươu', 'ươm', 'ươn', 'ương', 'ươp', 'ươt', 'ươc',
  'y',
];

/** Rhymes with the glide written o or u (hoa, khoe, thuế, tuy, luyện). */
const GLIDE_RHYMES = [
  'oa', 'oai', 'oay', 'oan', 'oang', 'oanh', 'oat', 'oac', 'oach', 'oam', 'oap',
  'oăm', 'oăn', 'oăng', 'oăt', 'oăc',
  'oe', 'oeo', 'oen', 'oet',
  'uân', 'uâng', 'uât', 'uây',
  'uê', 'uênh', 'uêch',
  'uy', 'uya', 'uyu', 'uyn', 'uynh', 'uyp', 'uyt', 'uych', 'uyên', 'uyêt',
  'uơ',
];

const ONSETS = [
  '', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh',
  'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x',
];

/** Combining marks of the five written tones: huyền, sắc, hỏi, ngã, nặng. */
const TONE_MARKS = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
/** Only sắc and nặng occur on syllables that end in a stop. */
const STOP_TONE_MARKS = ['\u0301', '\u0323'];

const VOWELS = 'aăâeêioôơuưy';
const MARKED_VOWELS = 'ăâêôơư';
/** Onsets that change spelling before front vowels: c/k, g/gh, ng/ngh. */
const FRONT = /^[ieêy]/;

/** Spells onset + rhyme, applying c/k/q, g/gh and ng/ngh and gi before i; null when not written. */
function spell(onset: string, rhyme: string, glide: boolean): string | null {
  const front = FRONT.test(rhyme);
  if (onset === 'c' && (front || glide)) return null;
  if (onset === 'k' && (!front || glide)) return null;
  if ((onset === 'g' || onset === 'ng') && front) return null;
  if ((onset === 'gh' || onset === 'ngh') && (!front || glide)) return null;
  // "qu" carries the glide itself (qua, quyên, quê) and also takes plain rhymes (quốc, quên, quí).
  if (onset === 'qu') return glide ? onset + rhyme.slice(1) : onset + rhyme;
  // After an onset the i-glide diphthong is written iê, without one yê (yêu, yên).
  if (onset === '' && rhyme.startsWith('iê')) return `y${rhyme.slice(1)}`;
  if (onset === 'gi' && rhyme.startsWith('i')) return `g${rhyme}`;
  return onset + rhyme;
}

/** Indexes of the vowel letters of a syllable after its onset, where a tone mark may go. */
function toneMarkPositions(syllable: string, onsetLength: number): number[] {
  const letters = [...syllable];
  const vowels: number[] = [];
  for (let i = onsetLength; i < letters.length; i++) if (VOWELS.includes(letters[i]!)) vowels.push(i);
  if (vowels.length === 0) return [];

  // A vowel with its own diacritic takes the mark; in ươ it is the ơ.
  const marked = vowels.filter((i) => MARKED_VOWELS.includes(letters[i]!));
  if (marked.length > 0) return [marked[marked.length - 1]!];
  if (vowels.length === 1) return [vowels[0]!];
  const endsInVowel = vowels[vowels.length - 1] === letters.length - 1;
  if (!endsInVowel) return [vowels[vowels.length - 1]!];
  if (vowels.length === 3) return [vowels[1]!];

  // oa, oe, uy: the newer rule marks the second vowel (hoà), the older the first (hòa); both are in use.
  const pair = letters[vowels[0]!]! + letters[vowels[1]!]!;
  if (pair === 'oa' || pair === 'oe' || pair === 'uy') return [vowels[0]!, vowels[1]!];
  return [vowels[0]!];
}

function withTone(syllable: string, position: number, mark: string): string {
  const letters = [...syllable];
  letters[position] = (letters[position]! + mark).normalize('NFC');
  return letters.join('');
}

/** Builds the set of lower-case NFC syllables, every tone included. */
export function vietnameseSyllables(): Set<string> {
  const syllables = new Set<string>();
  for (const onset of ONSETS) {
    for (const [rhymes, glide] of [[PLAIN_RHYMES, false], [GLIDE_RHYMES, true]] as const) {
      for (const rhyme of rhymes) {
        const base = spell(onset, rhyme, glide);
        if (base === null) continue;
        // "gi" before i is written with one i, which then belongs to the rhyme (gì, giếng).
        const onsetLength = onset === 'gi' && rhyme.startsWith('i') ? 1 : [...onset].length;
        // A syllable that ends in a stop is never written without a tone mark.
        const stop = /(p|t|c|ch)$/.test(base);
        if (!stop) syllables.add(base);
        for (const position of toneMarkPositions(base, onsetLength)) {
          for (const mark of stop ? STOP_TONE_MARKS : TONE_MARKS) syllables.add(withTone(base, position, mark));
        }
      }
    }
  }
  return syllables;
}

export class Lexicon {
  private constructor(private readonly syllables: ReadonlySet<string>) {}

  static vietnamese(): Lexicon {
    return new Lexicon(vietnameseSyllables());
  }

  /**
   * Accepts a text whose every word, ignoring case and surrounding punctuation, is a Vietnamese
   * syllable, a single letter, an all-capital abbreviation (UBND) or contains a digit (km2, 1945).
   */
  accepts(text: string): boolean {
    const words = text
      .normalize('NFC')
      .split(/\s+/u)
      .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
      .filter(Boolean);
    if (words.length === 0) return false;
    return words.every(
      (word) =>
        /\p{N}/u.test(word) ||
        [...word].length === 1 ||
        /^\p{Lu}+$/u.test(word) ||
        this.syllables.has(word.toLocaleLowerCase('vi')),
    );
  }
}
