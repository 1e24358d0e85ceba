/**
 * Builds the app once before any test project runs, so the precache test and the browser tests
 * read the same dist/ and never build it concurrently.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = resolve(fileURLToPath(import.meta.url), '../..');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
