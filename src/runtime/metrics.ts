/**
 * Error rates as jiwer defines them: corpus-level Levenshtein distance over the summed reference
 * length, on NFC text. CER counts characters (code points); WER counts words split on whitespace.
 */

export function editDistance<T>(reference: readonly T[], hypothesis: readonly T[]): number {
  let previous = Array.from({ length: hypothesis.length + 1 }, (_, j) => j);
  for (let i = 1; i <= reference.length; i++) {
    const current = [i];
    for (let j = 1; j <= hypothesis.length; j++) {
      const substitution = previous[j - 1]! + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[hypothesis.length]!;
}

function characters(text: string): string[] {
  return Array.from(text.normalize('NFC'));
}

function words(text: string): string[] {
  return text.normalize('NFC').split(/\s+/u).filter((word) => word.length > 0);
}

/** Corpus-level rate: summed edit distances over summed reference lengths (0 when both are empty). */
function corpusRate(references: readonly string[], hypotheses: readonly string[], split: (text: string) => string[]): number {
  if (references.length !== hypotheses.length) {
    throw new Error(`Expected as many hypotheses as references, got ${hypotheses.length} and ${references.length}`);
  }
  let errors = 0;
  let length = 0;
  references.forEach((reference, i) => {
    const referenceUnits = split(reference);
    errors += editDistance(referenceUnits, split(hypotheses[i]!));
    length += referenceUnits.length;
  });
  return length === 0 ? errors : errors / length;
}

export function characterErrorRate(references: readonly string[], hypotheses: readonly string[]): number {
  return corpusRate(references, hypotheses, characters);
}

export function wordErrorRate(references: readonly string[], hypotheses: readonly string[]): number {
  return corpusRate(references, hypotheses, words);
}

/** Share of hypotheses equal to their reference after NFC normalisation. */
export function exactMatchRate(references: readonly string[], hypotheses: readonly string[]): number {
  if (references.length === 0) return 0;
  const matches = references.filter((reference, i) => reference.normalize('NFC') === hypotheses[i]!.normalize('NFC'));
  return matches.length / references.length;
}

/** Computes the q-quantile (0..1) of the values by linear interpolation, or NaN when there are none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}
