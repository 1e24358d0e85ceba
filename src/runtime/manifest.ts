/**
 * The model manifest: everything the runtime needs to know about a shipped model besides its
 * weights. Written by training/netchu/manifest.py next to the ONNX files.
 */
import type { InputSpec } from './preprocess.ts';

export interface ModelFileEntry {
  /** Path relative to the manifest. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface ModelManifest {
  name: string;
  version: string;
  inputSpec: InputSpec;
  tokens: string[];
  files: { encoder: ModelFileEntry; decoder: ModelFileEntry };
  decoder: { layers: number; heads: number; headDim: number; maxTextLength: number };
  /** Measured metrics, as the model card reports them. */
  metrics?: Record<string, unknown>;
  /** Terms of the training data, shown wherever the model is shipped. */
  dataTerms: string;
}

export class InvalidManifestError extends Error {
  override name = 'InvalidManifestError';
}

/** Checks the fields the runtime relies on, so a wrong file fails early with a precise message. */
export function parseManifest(value: unknown): ModelManifest {
  const manifest = value as Partial<ModelManifest> | null;
  const missing = (field: string): never => {
    throw new InvalidManifestError(`Model manifest is invalid: missing or wrong field "${field}"`);
  };
  if (!manifest || typeof manifest !== 'object') missing('(root object)');
  if (typeof manifest!.name !== 'string') missing('name');
  if (!Array.isArray(manifest!.tokens) || manifest!.tokens.length < 5) missing('tokens');
  if (!manifest!.inputSpec || typeof manifest!.inputSpec.height !== 'number') missing('inputSpec');
  for (const key of ['encoder', 'decoder'] as const) {
    const entry = manifest!.files?.[key];
    if (!entry || typeof entry.path !== 'string' || typeof entry.sha256 !== 'string' || typeof entry.bytes !== 'number') {
      missing(`files.${key}`);
    }
  }
  const decoder = manifest!.decoder;
  if (!decoder || typeof decoder.layers !== 'number' || typeof decoder.heads !== 'number' || typeof decoder.headDim !== 'number') {
    missing('decoder');
  }
  return manifest as ModelManifest;
}

/** Sums the byte sizes of every model file in the manifest. */
export function modelBytes(manifest: ModelManifest): number {
  return manifest.files.encoder.bytes + manifest.files.decoder.bytes;
}
