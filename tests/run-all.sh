#!/usr/bin/env bash
# The whole test suite: Python architecture tests, then vitest's unit, model and browser projects.
# Installs the Debian packages it needs when missing (as root), otherwise prints the apt-get line.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/ensure-system-packages.sh python browser
[ -d node_modules ] || npm ci

echo "== Python: model architecture"
/usr/bin/python3 -m unittest discover -s training/tests -v

echo "== TypeScript: type check"
npx svelte-check --tsconfig ./tsconfig.json --threshold error

echo "== TypeScript: unit, model and browser tests"
npx vitest run
