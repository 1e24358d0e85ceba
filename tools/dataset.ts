/**
 * Reads VNOnDB-format JSONL files and builds the evaluation phrases from them (Node only).
 */
import { createReadStream, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** One handwritten sample: a word, or a phrase of consecutive words of one line. */
export interface InkSample {
  id: string;
  label: string;
  writer: string;
  line: string;
  word: number;
  /** Pen-down traces in writing order, each `[x0, y0, x1, y1, ...]` in page units. */
  strokes: number[][];
}

const repositoryRoot = resolve(fileURLToPath(import.meta.url), '../..');

/** Folder of the VNOnDB files: `$VNONDB_DIR`, else `../shared/data/vnondb` beside the repository. */
export function vnondbDirectory(): string {
  return process.env.VNONDB_DIR ?? resolve(repositoryRoot, '../shared/data/vnondb');
}

export class DatasetMissingError extends Error {
  override name = 'DatasetMissingError';
}

/** Resolves a VNOnDB file name such as `test.jsonl.gz`, with instructions when it is missing. */
export function vnondbFile(name: string): string {
  const path = resolve(vnondbDirectory(), name);
  if (!existsSync(path)) {
    throw new DatasetMissingError(
      `VNOnDB file not found: ${path}. Request HANDS-VNOnDB2018 (word level) from its authors at ` +
        'tc11.cvc.uab.es for research use, convert it to the JSONL format in docs/data.md, and put ' +
        'train.jsonl.gz and test.jsonl.gz in ../shared/data/vnondb or set VNONDB_DIR to their folder.',
    );
  }
  return path;
}

/**
 * Runs a command-line tool's main function. A missing data file is a usage error, so it ends the
 * tool with the file's message and exit code 2 instead of a stack trace.
 */
export async function runDatasetTool(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (!(error instanceof DatasetMissingError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
  }
}

/** Reads every sample of a JSONL or JSONL.gz file. */
export async function readSamples(path: string): Promise<InkSample[]> {
  if (!existsSync(path)) {
    throw new DatasetMissingError(
      `Input file not found: ${path}. Give the path of a JSONL or JSONL.gz file in the format of ` +
        `docs/data.md, such as ${resolve(vnondbDirectory(), 'test.jsonl.gz')}.`,
    );
  }
  const stream = createReadStream(path);
  const input = path.endsWith('.gz') ? stream.pipe(createGunzip()) : stream;
  const samples: InkSample[] = [];
  let lineNumber = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++;
    if (text.trim() === '') continue;
    try {
      const record = JSON.parse(text) as InkSample;
      samples.push({ ...record, label: record.label.normalize('NFC') });
    } catch (error) {
      throw new Error(`Invalid JSON on line ${lineNumber} of ${path}: ${(error as Error).message}`);
    }
  }
  return samples;
}

/** Phrase lengths cycle through 2, 3, 4 words from the start of each run of consecutive words. */
const PHRASE_LENGTHS = [2, 3, 4];

/**
 * Builds the evaluation phrases: in each line, the words are split into maximal runs of
 * consecutive word numbers, and each run is cut from its start into windows of 2, 3, 4, 2, 3, 4...
 * words; a last window of one word is dropped. Strokes stay in page coordinates, so the spaces
 * between words are the writer's own.
 */
export function buildPhrases(samples: readonly InkSample[]): InkSample[] {
  const byLine = new Map<string, InkSample[]>();
  for (const sample of samples) {
    const words = byLine.get(sample.line) ?? [];
    words.push(sample);
    byLine.set(sample.line, words);
  }

  const phrases: InkSample[] = [];
  for (const words of byLine.values()) {
    words.sort((a, b) => a.word - b.word);
    for (const run of consecutiveRuns(words)) {
      let start = 0;
      for (let window = 0; start < run.length; window++) {
        const length = PHRASE_LENGTHS[window % PHRASE_LENGTHS.length]!;
        const members = run.slice(start, start + length);
        start += length;
        if (members.length < 2) break;
        phrases.push(joinWords(members));
      }
    }
  }
  return phrases;
}

function consecutiveRuns(words: readonly InkSample[]): InkSample[][] {
  const runs: InkSample[][] = [];
  for (const word of words) {
    const run = runs[runs.length - 1];
    const previous = run?.[run.length - 1];
    if (run && previous && word.word === previous.word + 1) run.push(word);
    else runs.push([word]);
  }
  return runs;
}

function joinWords(words: readonly InkSample[]): InkSample {
  const first = words[0]!;
  return {
    id: `${first.line}#${first.word}-${words[words.length - 1]!.word}`,
    label: words.map((w) => w.label).join(' '),
    writer: first.writer,
    line: first.line,
    word: first.word,
    strokes: words.flatMap((w) => w.strokes),
  };
}

/** Picks `limit` evenly spaced samples, in order; all of them when `limit` is absent or larger. */
export function evenlySpaced<T>(items: readonly T[], limit?: number): T[] {
  if (limit === undefined || limit >= items.length) return [...items];
  if (limit <= 0) return [];
  const step = items.length / limit;
  return Array.from({ length: limit }, (_, i) => items[Math.floor(i * step)]!);
}
