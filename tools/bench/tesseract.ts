/**
 * Tesseract as the comparison engine: tesseract.js (Tesseract compiled to WebAssembly, the way a
 * web page would run it) with the Vietnamese model from Debian's tesseract-ocr-vie, read from
 * disk so nothing is downloaded. Strokes are drawn as dark ink on white at our model's input
 * scale (32 pixels high) with a white border.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorker, PSM } from 'tesseract.js';
import { preprocessStrokes, type InkStroke } from '../../src/runtime/preprocess.ts';

/** Debian's tessdata folders, newest first. */
const TESSDATA_FOLDERS = ['/usr/share/tesseract-ocr/5/tessdata', '/usr/share/tesseract-ocr/4.00/tessdata'];
/** White pixels around the text; Tesseract reads glyphs that touch the image edge poorly. */
const BORDER = 8;

export class TesseractDataMissingError extends Error {
  constructor() {
    super(`vie.traineddata not found in ${TESSDATA_FOLDERS.join(' or ')}. Install it with: apt-get install -y tesseract-ocr-vie`);
    this.name = 'TesseractDataMissingError';
  }
}

export function tessdataFolder(): string {
  const folder = process.env.TESSDATA_PREFIX ?? TESSDATA_FOLDERS.find((path) => existsSync(join(path, 'vie.traineddata')));
  if (!folder || !existsSync(join(folder, 'vie.traineddata'))) throw new TesseractDataMissingError();
  return folder;
}

/** Draws strokes as an 8-bit greyscale PGM image: our input rendering, inverted, with a border. */
export function strokesToPgm(strokes: readonly InkStroke[]): Buffer {
  const image = preprocessStrokes(strokes);
  const width = image.width + 2 * BORDER;
  const height = image.height + 2 * BORDER;
  const pixels = Buffer.alloc(width * height, 255);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      pixels[(y + BORDER) * width + x + BORDER] = Math.round(255 * (1 - image.data[y * image.width + x]!));
    }
  }
  return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`), pixels]);
}

export interface TesseractReader {
  /** Draws the strokes and returns Tesseract's text for them, NFC, whitespace collapsed. */
  read(strokes: readonly InkStroke[]): Promise<string>;
  close(): Promise<void>;
}

export async function loadTesseract(): Promise<TesseractReader> {
  const worker = await createWorker('vie', 1, {
    langPath: tessdataFolder(),
    gzip: false,
    cachePath: mkdtempSync(join(tmpdir(), 'net-chu-tesseract-')),
    cacheMethod: 'none',
  });
  // One line of text per image, as our model also assumes.
  await worker.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_LINE });
  return {
    async read(strokes) {
      const { data } = await worker.recognize(strokesToPgm(strokes));
      return data.text.normalize('NFC').replace(/\s+/gu, ' ').trim();
    },
    async close() {
      await worker.terminate();
    },
  };
}
