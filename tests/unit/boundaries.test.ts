/**
 * Layering: the UI reaches onnxruntime-web only through the worker, and the runtime stays free
 * of the DOM, so the same runtime code serves the worker and the Node eval CLI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../browser/harness.ts';

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|svelte)$/.test(file))
    .map((file) => join(ROOT, folder, file));
}

describe('module boundaries', () => {
  it('UI never imports onnxruntime-web', () => {
    const offenders = sourceFiles('src')
      .filter((file) => !file.includes('/src/runtime/'))
      .filter((file) => /from ['"]onnxruntime-web/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('runtime imports onnxruntime-web types only', () => {
    for (const file of sourceFiles('src/runtime')) {
      const text = readFileSync(file, 'utf8');
      expect(text, relative(ROOT, file)).not.toMatch(/^import (?!type )[^;]*from ['"]onnxruntime-web/m);
    }
  });

  it('runtime never touches the DOM', () => {
    for (const file of sourceFiles('src/runtime')) {
      const text = readFileSync(file, 'utf8');
      expect(text, relative(ROOT, file)).not.toMatch(/\b(document|window|HTMLElement|localStorage)\b/);
    }
  });
});
