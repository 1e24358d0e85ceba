/**
 * Merges the summaries that `npm run eval -- ... --out FILE` wrote into the model manifest's
 * `metrics`, keyed by the name given before each file.
 *
 * Usage: tsx tools/record-metrics.ts [--model MANIFEST] NAME=RESULTS.json [NAME=RESULTS.json ...]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_MANIFEST } from './node-model.ts';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { model: { type: 'string', default: DEFAULT_MANIFEST } },
});

if (positionals.length === 0) {
  console.error('Usage: tsx tools/record-metrics.ts [--model MANIFEST] NAME=RESULTS.json [...]');
  process.exit(2);
}

const manifest = JSON.parse(readFileSync(options.model, 'utf8')) as { metrics?: Record<string, unknown> };
manifest.metrics ??= {};
for (const argument of positionals) {
  const [name, path] = argument.split('=');
  if (!name || !path) {
    console.error(`Invalid argument ${JSON.stringify(argument)}: expected NAME=RESULTS.json`);
    process.exit(2);
  }
  const { summary } = JSON.parse(readFileSync(path, 'utf8')) as { summary: Record<string, unknown> };
  manifest.metrics[name] = summary;
  console.log(`${name}: ${JSON.stringify(summary)}`);
}
writeFileSync(options.model, `${JSON.stringify(manifest, null, 1)}\n`);
