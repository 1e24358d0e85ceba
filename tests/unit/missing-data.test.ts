/**
 * The command-line tools that read VNOnDB files end with a plain message and exit code 2 when a
 * file is missing, without a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
// Each case starts a tsx process (0.6 s here), which may exceed vitest's default 5 s on a loaded machine.
const TOOL_TIMEOUT_MS = 60_000;

const scratch = mkdtempSync(join(tmpdir(), 'netchu-missing-data-'));
const missingFolder = join(scratch, 'no-vnondb');

function runTool(args: string[]) {
  return spawnSync('npx', ['tsx', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, VNONDB_DIR: missingFolder },
  });
}

describe('tools without the data set', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('eval reports missing input file', () => {
    const run = runTool(['tools/eval.ts', 'no-such-folder/test.jsonl.gz', '--limit', '3']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Input file not found: no-such-folder/test.jsonl.gz');
    expect(run.stderr).toContain('docs/data.md');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  }, TOOL_TIMEOUT_MS);

  it('dataset render reports missing VNOnDB', () => {
    const run = runTool(['training/render/render-dataset.ts', '--out', join(scratch, 'rendered')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`VNOnDB file not found: ${join(missingFolder, 'train.jsonl.gz')}`);
    expect(run.stderr).toContain('set VNONDB_DIR');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  }, TOOL_TIMEOUT_MS);
});
