/**
 * The recognition runtime: owns the ONNX sessions and turns strokes into ranked text candidates.
 * It never touches the DOM, and it receives the onnxruntime-web module from its caller, so the
 * eval CLI (Node) and the web worker share this code while choosing their own ORT build.
 */
import type * as OrtModule from 'onnxruntime-web';
import { beamSearch, logSoftmax, type PrefixScorer } from './beam.ts';
import { CtcPrefixScorer } from './ctc.ts';
import type { Lexicon } from './lexicon.ts';
import type { ModelManifest } from './manifest.ts';
import { preprocessStrokes, type InkStroke } from './preprocess.ts';
import { BOS_ID, EOS_ID, PAD_ID, Vocabulary } from './vocabulary.ts';

export type Ort = typeof OrtModule;
export type Backend = 'wasm' | 'webgpu';

export interface RecognizerOptions {
  backend?: Backend;
  /** Hypotheses kept per decoding step; 1 is greedy decoding. */
  beamWidth?: number;
  /** Most candidates returned. */
  maxCandidates?: number;
  /** Length normalisation exponent of the beam ranking (see BeamOptions.lengthPenalty). */
  lengthPenalty?: number;
  /**
   * Weight, from 0 to 1, of the encoder's CTC head in the beam ranking (joint CTC/attention
   * decoding, src/runtime/ctc.ts); 0 ranks by the decoder alone. Models without a CTC output
   * ignore it.
   */
  ctcWeight?: number;
  /** When given, beam candidates that it accepts are ranked before those it does not. */
  lexicon?: Lexicon;
}

export interface Candidate {
  text: string;
  /** Natural-log probability of the whole text under the decoder, EOS included. */
  logProb: number;
  /** The beam's ranking score: logProb, or its weighted sum with the CTC head's log-probability. */
  score: number;
}

export interface Timings {
  preprocessMs: number;
  encoderMs: number;
  decoderMs: number;
  totalMs: number;
  decoderSteps: number;
}

export interface Recognition {
  text: string;
  candidates: Candidate[];
  backend: Backend;
  timings: Timings;
}

/** Picked on the validation writers: width 8 read phrases better than 4 at well under 40 ms a word. */
export const DEFAULT_BEAM_WIDTH = 8;
export const DEFAULT_MAX_CANDIDATES = 4;
export const DEFAULT_LENGTH_PENALTY = 0;
/** Picked on the validation writers among 0, 0.3, 0.4, 0.5 and 0.6 (models/net-chu-v1/README.md). */
export const DEFAULT_CTC_WEIGHT = 0.4;

export class RecognitionError extends Error {
  override name = 'RecognitionError';
}

/** Bytes of the two ONNX files named in the manifest. */
export interface ModelWeights {
  encoder: Uint8Array;
  decoder: Uint8Array;
}

export class Recognizer {
  readonly backend: Backend;
  private readonly vocabulary: Vocabulary;

  private constructor(
    private readonly ort: Ort,
    readonly manifest: ModelManifest,
    private readonly encoder: OrtModule.InferenceSession,
    private readonly decoder: OrtModule.InferenceSession,
    backend: Backend,
  ) {
    this.backend = backend;
    this.vocabulary = new Vocabulary(manifest.tokens);
  }

  /** Whether the encoder also outputs CTC log-probabilities, which `ctcWeight` needs. */
  get hasCtc(): boolean {
    return this.encoder.outputNames.includes('ctc_log_probs');
  }

  /** Creates the encoder and decoder sessions, one after the other, on the chosen backend. */
  static async create(ort: Ort, manifest: ModelManifest, weights: ModelWeights, backend: Backend = 'wasm'): Promise<Recognizer> {
    const options: OrtModule.InferenceSession.SessionOptions = {
      executionProviders: [backend],
      graphOptimizationLevel: 'all',
      // Lets constant folding turn the int8 weights back into float once, at load, instead of
      // dequantising them on every run.
      extra: { session: { disable_quant_qdq: '1' } },
    };
    const encoder = await ort.InferenceSession.create(weights.encoder, options);
    const decoder = await ort.InferenceSession.create(weights.decoder, options);
    return new Recognizer(ort, manifest, encoder, decoder, backend);
  }

  /** Reads the strokes and returns the best text with up to `maxCandidates` alternatives. */
  async recognize(strokes: readonly InkStroke[], options: RecognizerOptions = {}): Promise<Recognition> {
    const beamWidth = Math.max(1, Math.floor(options.beamWidth ?? DEFAULT_BEAM_WIDTH));
    const maxCandidates = Math.max(1, Math.floor(options.maxCandidates ?? DEFAULT_MAX_CANDIDATES));
    const started = now();

    // Strokes -> image tensor (1, 1, H, W), by the same code that rendered the training set.
    const image = preprocessStrokes(strokes, this.manifest.inputSpec);
    const preprocessed = now();

    // Encoder: image -> cross-attention keys and values for every decoder layer.
    const encoded = await this.run(this.encoder, 'encoder', {
      image: new this.ort.Tensor('float32', image.data, [1, 1, image.height, image.width]),
    });
    const crossKeys = encoded.cross_keys!;
    const crossValues = encoded.cross_values!;
    // beamSearch clamps the weight to [0, 1], and a weight of 0 or below skips the CTC scores.
    const ctcWeight = options.ctcWeight ?? DEFAULT_CTC_WEIGHT;
    let ctcScorer: PrefixScorer<unknown> | undefined;
    const ctc = encoded.ctc_log_probs;
    if (ctc && ctcWeight > 0) {
      const [, frames, size] = ctc.dims as number[];
      ctcScorer = new CtcPrefixScorer(ctc.data as Float32Array, frames!, size!, PAD_ID) as PrefixScorer<unknown>;
    }
    const encodedAt = now();

    // Decoder: beam search with a KV cache that is reordered as hypotheses are kept or dropped.
    const { layers, heads, headDim } = this.manifest.decoder;
    let pastKeys: OrtModule.Tensor = new this.ort.Tensor('float32', new Float32Array(0), [layers, 1, heads, 0, headDim]);
    let pastValues: OrtModule.Tensor = pastKeys;
    let tiledFor = 1;
    let tiledKeys = crossKeys;
    let tiledValues = crossValues;
    let decoderSteps = 0;

    const hypotheses = await beamSearch(
      BOS_ID,
      {
        beamWidth,
        maxLength: this.manifest.decoder.maxTextLength - 1,
        eosId: EOS_ID,
        lengthPenalty: options.lengthPenalty ?? DEFAULT_LENGTH_PENALTY,
        prefixScorer: ctcScorer,
        prefixWeight: ctcWeight,
      },
      async (lastTokens, origins) => {
        const batch = lastTokens.length;
        if (batch !== tiledFor) {
          tiledKeys = this.tile(crossKeys, batch);
          tiledValues = this.tile(crossValues, batch);
          tiledFor = batch;
        }
        pastKeys = this.reorder(pastKeys, origins);
        pastValues = this.reorder(pastValues, origins);
        const output = await this.run(this.decoder, 'decoder', {
          tokens: new this.ort.Tensor('int64', BigInt64Array.from(lastTokens, BigInt), [batch, 1]),
          cross_keys: tiledKeys,
          cross_values: tiledValues,
          past_keys: pastKeys,
          past_values: pastValues,
        });
        decoderSteps++;
        pastKeys = output.present_keys!;
        pastValues = output.present_values!;
        const logits = output.logits!.data as Float32Array;
        const vocabularySize = this.vocabulary.size;
        return Array.from({ length: batch }, (_, row) =>
          logSoftmax(logits.slice(row * vocabularySize, (row + 1) * vocabularySize)),
        );
      },
    );
    const decodedAt = now();

    const candidates = this.toCandidates(hypotheses, maxCandidates, options.lexicon);
    return {
      text: candidates[0]?.text ?? '',
      candidates,
      backend: this.backend,
      timings: {
        preprocessMs: preprocessed - started,
        encoderMs: encodedAt - preprocessed,
        decoderMs: decodedAt - encodedAt,
        totalMs: decodedAt - started,
        decoderSteps,
      },
    };
  }

  async release(): Promise<void> {
    await this.encoder.release();
    await this.decoder.release();
  }

  /**
   * Decodes hypotheses into distinct, whitespace-normalised texts, best first. With a lexicon, the
   * texts it accepts come first, each group keeping the model's order.
   */
  private toCandidates(
    hypotheses: readonly { tokens: number[]; logProb: number; score: number }[],
    maxCandidates: number,
    lexicon: Lexicon | undefined,
  ): Candidate[] {
    const seen = new Set<string>();
    const candidates: Candidate[] = [];
    for (const hypothesis of hypotheses) {
      const text = this.vocabulary.decode(hypothesis.tokens).replace(/\s+/gu, ' ').trim();
      if (seen.has(text)) continue;
      seen.add(text);
      candidates.push({ text, logProb: hypothesis.logProb, score: hypothesis.score });
    }
    if (lexicon) {
      const accepted = new Set(candidates.filter((candidate) => lexicon.accepts(candidate.text)));
      const rest = candidates.filter((candidate) => !accepted.has(candidate));
      return [...accepted, ...rest].slice(0, maxCandidates);
    }
    return candidates.slice(0, maxCandidates);
  }

  /** Repeats a (layers, 1, ...) tensor along the batch axis. */
  private tile(tensor: OrtModule.Tensor, batch: number): OrtModule.Tensor {
    const [layers, , ...rest] = tensor.dims as number[];
    const block = rest.reduce((a, b) => a * b, 1);
    const source = tensor.data as Float32Array;
    const data = new Float32Array(layers! * batch * block);
    for (let layer = 0; layer < layers!; layer++) {
      const from = source.subarray(layer * block, (layer + 1) * block);
      for (let b = 0; b < batch; b++) data.set(from, (layer * batch + b) * block);
    }
    return new this.ort.Tensor('float32', data, [layers!, batch, ...rest]);
  }

  /** Gathers a (layers, B, heads, P, d) cache along the batch axis: row i comes from `origins[i]`. */
  private reorder(cache: OrtModule.Tensor, origins: number[]): OrtModule.Tensor {
    const [layers, batch, ...rest] = cache.dims as number[];
    const identity = origins.length === batch && origins.every((origin, i) => origin === i);
    if (identity) return cache;
    const block = rest.reduce((a, b) => a * b, 1);
    const source = cache.data as Float32Array;
    const data = new Float32Array(layers! * origins.length * block);
    for (let layer = 0; layer < layers!; layer++) {
      origins.forEach((origin, i) => {
        const start = (layer * batch! + origin) * block;
        data.set(source.subarray(start, start + block), (layer * origins.length + i) * block);
      });
    }
    return new this.ort.Tensor('float32', data, [layers!, origins.length, ...rest]);
  }

  /** Runs a session; on failure, reports the input names and shapes, then rethrows. */
  private async run(
    session: OrtModule.InferenceSession,
    label: string,
    feeds: Record<string, OrtModule.Tensor>,
  ): Promise<Record<string, OrtModule.Tensor>> {
    try {
      return (await session.run(feeds)) as Record<string, OrtModule.Tensor>;
    } catch (error) {
      const shapes = Object.entries(feeds)
        .map(([name, tensor]) => `${name}[${tensor.dims.join(', ')}]`)
        .join(', ');
      throw new RecognitionError(`The ${label} failed on ${this.backend} with inputs ${shapes}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}

function now(): number {
  return performance.now();
}
