/**
 * Beam search over the decoder's per-step log-probabilities. The search itself does not depend on
 * ONNX: `step` runs the decoder for the live hypotheses and returns their next-token log-probs.
 * An optional prefix scorer (the encoder's CTC head, src/runtime/ctc.ts) joins the ranking.
 */

export interface Hypothesis {
  /** Token ids after BOS, without EOS. */
  tokens: number[];
  /** Summed natural-log probability under the decoder, EOS included for finished hypotheses. */
  logProb: number;
  /**
   * Ranking score: `logProb` alone, or with a prefix scorer (1 - w) * logProb + w * its score of
   * the tokens (as a prefix while live, as a whole text once finished).
   */
  score: number;
}

/** Scores token prefixes independently of the decoder; `S` is whatever state it carries along. */
export interface PrefixScorer<S> {
  empty(): S;
  extend(state: S, token: number): S;
  /** Log-score of the state's tokens as the start of a text. */
  prefixScore(state: S): number;
  /** Log-score of the state's tokens as a whole text. */
  completeScore(state: S): number;
}

export interface BeamOptions {
  beamWidth: number;
  maxLength: number;
  eosId: number;
  /** Stop once every live hypothesis is this many nats below the best finished one. */
  pruneMargin?: number;
  /**
   * Length normalisation of the final ranking: hypotheses are ranked by score / length^alpha
   * (length counts EOS). 0 ranks by the summed score, which favours short texts. NOTE: the early
   * stops below compare unnormalised scores, so with alpha > 0 they may end the search early.
   */
  lengthPenalty?: number;
  /** Joins this scorer's log-scores to the decoder's in the ranking. */
  prefixScorer?: PrefixScorer<unknown>;
  /** Weight w of the prefix scorer, in [0, 1]. */
  prefixWeight?: number;
}

/** Lowest prefix-scorer value used in rankings, so impossible prefixes still sort by the decoder. */
const PREFIX_SCORE_FLOOR = -1e4;

/**
 * Runs the search. `step(lastTokens, origins)` receives, for each live hypothesis, its last token
 * and the index of the hypothesis of the previous step it extends, so the caller can reorder its
 * KV cache. It returns one row of log-probabilities over the vocabulary per hypothesis.
 */
export async function beamSearch(
  bosId: number,
  options: BeamOptions,
  step: (lastTokens: number[], origins: number[]) => Promise<Float32Array[]>,
): Promise<Hypothesis[]> {
  const { beamWidth, maxLength, eosId } = options;
  const pruneMargin = options.pruneMargin ?? 6;
  const scorer = options.prefixScorer;
  const weight = scorer ? Math.min(1, Math.max(0, options.prefixWeight ?? 0)) : 0;
  // With a prefix scorer, each hypothesis offers 1.5x as many tokens, so the scorer can promote
  // one the decoder ranked just outside the beam.
  const offered = scorer ? Math.ceil(1.5 * beamWidth) : beamWidth;
  const joint = (logProb: number, prefix: number) => {
    // Weights of exactly 0 or 1 drop the other term, so 0 * -Infinity never yields NaN.
    const decoderPart = weight < 1 ? (1 - weight) * logProb : 0;
    if (weight === 0) return decoderPart;
    const bounded = Number.isNaN(prefix) ? PREFIX_SCORE_FLOOR : Math.max(prefix, PREFIX_SCORE_FLOOR);
    return decoderPart + weight * bounded;
  };

  interface Live extends Hypothesis {
    state: unknown;
  }
  let live: Live[] = [{ tokens: [], logProb: 0, score: 0, state: scorer?.empty() }];
  let origins = [0];
  const finished: Hypothesis[] = [];

  for (let length = 0; length < maxLength && live.length > 0; length++) {
    const rows = await step(live.map((h) => h.tokens[h.tokens.length - 1] ?? bosId), origins);

    // Expand every live hypothesis by its best tokens, then keep the best overall.
    const expansions: { origin: number; token: number; logProb: number; score: number; state: unknown }[] = [];
    rows.forEach((row, origin) => {
      const parent = live[origin]!;
      for (const token of topIndexes(row, offered)) {
        const logProb = parent.logProb + row[token]!;
        if (!scorer) {
          expansions.push({ origin, token, logProb, score: logProb, state: undefined });
        } else if (token === eosId) {
          expansions.push({ origin, token, logProb, score: joint(logProb, scorer.completeScore(parent.state)), state: undefined });
        } else {
          const state = scorer.extend(parent.state, token);
          expansions.push({ origin, token, logProb, score: joint(logProb, scorer.prefixScore(state)), state });
        }
      }
    });
    expansions.sort((a, b) => b.score - a.score);

    const nextLive: Live[] = [];
    const nextOrigins: number[] = [];
    for (const expansion of expansions) {
      if (nextLive.length >= beamWidth) break;
      const { tokens } = live[expansion.origin]!;
      if (expansion.token === eosId) {
        finished.push({ tokens, logProb: expansion.logProb, score: expansion.score });
        continue;
      }
      nextLive.push({ tokens: [...tokens, expansion.token], logProb: expansion.logProb, score: expansion.score, state: expansion.state });
      nextOrigins.push(expansion.origin);
    }
    live = nextLive;
    origins = nextOrigins;

    // Scores only fall as hypotheses grow (a longer prefix is never more likely, under the decoder
    // or the scorer), so a live one far below the best finished hypothesis can no longer become a
    // useful candidate.
    finished.sort((a, b) => b.score - a.score);
    const bestLive = live[0]?.score ?? -Infinity;
    if (finished.length >= beamWidth) break;
    if (finished.length > 0 && bestLive < finished[0]!.score - pruneMargin) break;
  }

  // Hypotheses cut off by the length limit still count, ranked by what they scored so far.
  const alpha = options.lengthPenalty ?? 0;
  const rank = (h: Hypothesis) => h.score / Math.pow(h.tokens.length + 1, alpha);
  const cutOff = live.map(({ tokens, logProb, score }) => ({ tokens, logProb, score }));
  return [...finished, ...cutOff].sort((a, b) => rank(b) - rank(a));
}

/** Indexes of the `count` largest values, largest first. */
export function topIndexes(values: Float32Array, count: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (best.length === count) {
      if (value <= values[best[count - 1]!]!) continue;
      best.pop();
    }
    let position = best.length;
    while (position > 0 && values[best[position - 1]!]! < value) position--;
    best.splice(position, 0, i);
  }
  return best;
}

/** Converts raw logits into log-probabilities in place. */
export function logSoftmax(logits: Float32Array): Float32Array {
  let max = -Infinity;
  for (const value of logits) max = Math.max(max, value);
  let sum = 0;
  for (const value of logits) sum += Math.exp(value - max);
  const logSum = max + Math.log(sum);
  for (let i = 0; i < logits.length; i++) logits[i] = logits[i]! - logSum;
  return logits;
}
