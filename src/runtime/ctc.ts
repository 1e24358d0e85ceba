/**
 * CTC prefix scores for joint CTC/attention beam search.
 *
 * The encoder's auxiliary CTC head gives, for every pixel column group (a frame), log-probabilities
 * over the vocabulary with the padding token as blank. For a text prefix h, the prefix score is
 * log P(the CTC output starts with h): the sum over every frame alignment whose collapsed output
 * begins with h. It is computed by the CTC forward recursion in the log domain, frame by frame. The
 * CTC head reads the line column by column, so it penalises prefixes that skip or invent words,
 * which the attention decoder alone tends to do on phrases.
 */

import type { PrefixScorer } from './beam.ts';

/** Forward variables of one prefix: alignments of it ending in a non-blank or a blank frame. */
export interface CtcPrefix {
  /** log P(frames 0..t align to the prefix, frame t emits its last token), per frame t. */
  readonly endsInToken: Float64Array;
  /** log P(frames 0..t align to the prefix, frame t is blank), per frame t. */
  readonly endsInBlank: Float64Array;
  /** Last token of the prefix, or -1 for the empty prefix. */
  readonly last: number;
  /** log P(the CTC output starts with this prefix). */
  readonly score: number;
}

export class CtcPrefixScorer implements PrefixScorer<CtcPrefix> {
  /**
   * @param logProbs row-major (frames, vocabularySize) log-probabilities
   * @param blank the blank token id
   */
  constructor(
    private readonly logProbs: Float32Array,
    readonly frames: number,
    readonly vocabularySize: number,
    readonly blank: number,
  ) {
    if (logProbs.length !== frames * vocabularySize) {
      throw new RangeError(`Invalid CTC log-probabilities: ${logProbs.length} values, expected ${frames} x ${vocabularySize}`);
    }
  }

  /** Returns the empty prefix: every frame is blank. */
  empty(): CtcPrefix {
    const endsInToken = new Float64Array(this.frames).fill(-Infinity);
    const endsInBlank = new Float64Array(this.frames);
    let sum = 0;
    for (let t = 0; t < this.frames; t++) {
      sum += this.at(t, this.blank);
      endsInBlank[t] = sum;
    }
    return { endsInToken, endsInBlank, last: -1, score: 0 };
  }

  /**
   * Returns the prefix extended by `token`, which must not be an end-of-text marker. The blank never
   * appears in a CTC output, so a prefix that contains it has probability 0.
   */
  extend(prefix: CtcPrefix, token: number): CtcPrefix {
    const frames = this.frames;
    const endsInToken = new Float64Array(frames);
    const endsInBlank = new Float64Array(frames);
    if (frames === 0 || token === this.blank) {
      endsInToken.fill(-Infinity);
      endsInBlank.fill(-Infinity);
      return { endsInToken, endsInBlank, last: token, score: -Infinity };
    }

    // Probability mass of the old prefix after frame t that the new token may follow. A repeated
    // token needs a blank in between, or CTC would merge the two.
    const before = (t: number): number =>
      token === prefix.last ? prefix.endsInBlank[t]! : logAdd(prefix.endsInBlank[t]!, prefix.endsInToken[t]!);

    endsInToken[0] = prefix.last === -1 ? this.at(0, token) : -Infinity;
    endsInBlank[0] = -Infinity;
    let score = endsInToken[0]!;
    for (let t = 1; t < frames; t++) {
      const emit = this.at(t, token);
      const start = before(t - 1);
      endsInToken[t] = logAdd(endsInToken[t - 1]!, start) + emit;
      endsInBlank[t] = logAdd(endsInBlank[t - 1]!, endsInToken[t - 1]!) + this.at(t, this.blank);
      score = logAdd(score, start + emit);
    }
    return { endsInToken, endsInBlank, last: token, score };
  }

  /** Returns log P(the CTC output starts with this prefix). */
  prefixScore(prefix: CtcPrefix): number {
    return prefix.score;
  }

  /** Returns log P(the CTC output is exactly this prefix). */
  completeScore(prefix: CtcPrefix): number {
    if (this.frames === 0) return prefix.last === -1 ? 0 : -Infinity;
    const t = this.frames - 1;
    return logAdd(prefix.endsInToken[t]!, prefix.endsInBlank[t]!);
  }

  private at(frame: number, token: number): number {
    return this.logProbs[frame * this.vocabularySize + token]!;
  }
}

/** Returns log(exp(a) + exp(b)) without overflow; -Infinity is the log of zero. */
export function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}
