/**
 * Texts for the synthetic handwriting that covers what VNOnDB lacks: every word of the quiz
 * lines, syllables drawn from the spelling-rule lexicon (rare letters and tone marks included),
 * capitals, numbers, and 2-3 word runs of the quiz lines. One text per line, written to
 * training/data/synth-texts.txt for training/synth/font_strokes.py.
 *
 * Usage: tsx training/synth/synth-texts.ts [--syllables N] [--numbers N] [--phrases N] [--seed S]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GAP_MARKER } from '../../src/lib/quiz/questions.ts';
import { vietnameseSyllables } from '../../src/runtime/lexicon.ts';
import { Vocabulary } from '../../src/runtime/vocabulary.ts';
import { seededRandom } from '../render/augment.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const { values: options } = parseArgs({
  options: {
    syllables: { type: 'string', default: '6000' },
    numbers: { type: 'string', default: '600' },
    phrases: { type: 'string', default: '1500' },
    seed: { type: 'string', default: '4321' },
    out: { type: 'string', default: resolve(ROOT, 'training/data/synth-texts.txt') },
  },
});

const random = seededRandom(Number(options.seed));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Capitalises the first letter of some texts and all letters of a few, as names and headings are written. */
function varyCase(text: string): string {
  const draw = random();
  if (draw < 0.03) return text.toLocaleUpperCase('vi');
  if (draw < 0.25) return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
  return text;
}

function randomNumber(): string {
  const kind = random();
  const digits = (count: number) => Array.from({ length: count }, () => Math.floor(random() * 10)).join('');
  if (kind < 0.4) return String(Math.floor(random() * 100));
  if (kind < 0.7) return String(1000 + Math.floor(random() * 1100));
  if (kind < 0.85) return `${Math.floor(random() * 31) + 1}/${Math.floor(random() * 12) + 1}`;
  return `${digits(1)},${digits(1)}`;
}

const questions = (JSON.parse(readFileSync(resolve(ROOT, 'src/lib/quiz/data/questions.json'), 'utf8')) as {
  questions: { text: string; answers: string[] }[];
}).questions;
const lines = questions.map((q) => q.text.replace(GAP_MARKER, q.answers[0]!));
const lineWords = lines.map((line) => line.split(/\s+/u).map((word) => word.replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean));

const texts = new Set<string>();
for (const words of lineWords) for (const word of words) texts.add(word);
const syllables = [...vietnameseSyllables()].sort();
for (let i = 0; i < Number(options.syllables); i++) texts.add(varyCase(pick(syllables)));
for (let i = 0; i < Number(options.numbers); i++) texts.add(randomNumber());
for (let i = 0; i < Number(options.phrases); i++) {
  const words = pick(lineWords);
  const length = 2 + Math.floor(random() * 2);
  const start = Math.floor(random() * Math.max(1, words.length - length + 1));
  texts.add(words.slice(start, start + length).join(' '));
}

const vocabulary = new Vocabulary();
const covered = [...texts].filter((text) => text.length > 0 && vocabulary.covers(text));
mkdirSync(resolve(options.out, '..'), { recursive: true });
writeFileSync(options.out, `${covered.join('\n')}\n`);
console.log(`${covered.length} synthetic texts written to ${options.out}`);
