/**
 * Beam search over the decoder's per-step log-probabilities. The search itself does not depend on
 * ONNX: `step` runs the decoder for the live hypotheses and returns their next-token log-probs.
 */

export interface Hypothesis {
  /** Token ids after BOS, without EOS. */
  tokens: number[];
  /** Summed natural-log probability, EOS included for finished hypotheses. */
  logProb: number;
}

export interface BeamOptions {
  beamWidth: number;
  maxLength: number;
  eosId: number;
  /** Stop once every live hypothesis is this many nats below the best finished one. */
  pruneMargin?: number;
  /**
   * Length normalisation of the final ranking: hypotheses are ranked by logProb / length^alpha
   * (length counts EOS). 0 ranks by summed log-probability, which favours short texts.
   */
  lengthPenalty?: number;
}

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
  let live: Hypothesis[] = [{ tokens: [], logProb: 0 }];
  let origins = [0];
  const finished: Hypothesis[] = [];

  for (let length = 0; length < maxLength && live.length > 0; length++) {
    const rows = await step(live.map((h) => h.tokens[h.tokens.length - 1] ?? bosId), origins);

    // Expand every live hypothesis by its best `beamWidth` tokens, then keep the best overall.
    const expansions: { origin: number; token: number; logProb: number }[] = [];
    rows.forEach((row, origin) => {
      for (const token of topIndexes(row, beamWidth)) {
        expansions.push({ origin, token, logProb: live[origin]!.logProb + row[token]! });
      }
    });
    expansions.sort((a, b) => b.logProb - a.logProb);

    const nextLive: Hypothesis[] = [];
    const nextOrigins: number[] = [];
    for (const expansion of expansions) {
      if (nextLive.length >= beamWidth) break;
      const tokens = live[expansion.origin]!.tokens;
      if (expansion.token === eosId) {
        finished.push({ tokens, logProb: expansion.logProb });
        continue;
      }
      nextLive.push({ tokens: [...tokens, expansion.token], logProb: expansion.logProb });
      nextOrigins.push(expansion.origin);
    }
    live = nextLive;
    origins = nextOrigins;

    // Log-probabilities only fall as hypotheses grow, so a live one far below the best finished
    // hypothesis can no longer become a useful candidate.
    finished.sort((a, b) => b.logProb - a.logProb);
    const bestLive = live[0]?.logProb ?? -Infinity;
    if (finished.length >= beamWidth) break;
    if (finished.length > 0 && bestLive < finished[0]!.logProb - pruneMargin) break;
  }

  // Hypotheses cut off by the length limit still count, ranked by what they scored so far.
  const alpha = options.lengthPenalty ?? 0;
  const rank = (h: Hypothesis) => h.logProb / Math.pow(h.tokens.length + 1, alpha);
  return [...finished, ...live].sort((a, b) => rank(b) - rank(a));
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
