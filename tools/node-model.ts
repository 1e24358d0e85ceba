/**
 * Loads a shipped model from disk for Node tools and tests: reads the manifest, checks each
 * file's size and sha256, and creates a Recognizer on onnxruntime-web's WASM backend.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { parseManifest, type ModelFileEntry, type ModelManifest } from '../src/runtime/manifest.ts';
import { Recognizer } from '../src/runtime/recognizer.ts';

export const DEFAULT_MANIFEST = resolve(fileURLToPath(import.meta.url), '../../models/net-chu-v1/manifest.json');

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

export function readManifest(path: string = DEFAULT_MANIFEST): ModelManifest {
  return parseManifest(JSON.parse(readFileSync(path, 'utf8')));
}

function readChecked(manifestPath: string, entry: ModelFileEntry): Uint8Array {
  const path = resolve(dirname(manifestPath), entry.path);
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (bytes.length !== entry.bytes || sha256 !== entry.sha256) {
    throw new ModelFileError(
      `Model file ${path} does not match the manifest: ${bytes.length} bytes, sha256 ${sha256}; ` +
        `expected ${entry.bytes} bytes, sha256 ${entry.sha256}. Restore it with git checkout or rebuild the model.`,
    );
  }
  return bytes;
}

/** Loads the model on WASM with `threads` threads (1 by default, as on a phone's worker). */
export async function loadNodeRecognizer(manifestPath: string = DEFAULT_MANIFEST, threads = 1): Promise<Recognizer> {
  ort.env.wasm.numThreads = threads;
  const manifest = readManifest(manifestPath);
  const weights = {
    encoder: readChecked(manifestPath, manifest.files.encoder),
    decoder: readChecked(manifestPath, manifest.files.decoder),
  };
  return Recognizer.create(ort, manifest, weights, 'wasm');
}
