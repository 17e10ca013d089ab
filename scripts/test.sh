#!/usr/bin/env bash
# Runs every test: lint, types, unit tests, production build, then Playwright (API + browser).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== lint"; npx eslint .
echo "== types"; npx tsc --noEmit
echo "== unit"; npx vitest run
echo "== build"; npx next build
echo "== e2e"
# A fresh database for every run: the first spec walks through first-run /setup.
rm -rf data/e2e
npx playwright test "$@"
