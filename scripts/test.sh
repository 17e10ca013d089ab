#!/usr/bin/env bash
# Runs every test: lint, types, unit tests, production build, then Playwright (API + browser).
# With TEST_DATABASE_URL (a PostgreSQL server we may create databases on) the unit and e2e suites
# run on PostgreSQL as well, followed by the two-instance e2e. Extra arguments go to Playwright.
set -euo pipefail
cd "$(dirname "$0")/.."

# An empty PostgreSQL database of that name on the TEST_DATABASE_URL server; prints its URL.
fresh_pg() {
  local name="$1" url="${TEST_DATABASE_URL%/*}/$1"
  psql -q "$TEST_DATABASE_URL" -c "drop database if exists $name with (force)" -c "create database $name" >/dev/null
  echo "$url"
}

echo "== lint"; npx eslint .
echo "== types"; npx tsc --noEmit
echo "== unit (SQLite)"; npx vitest run
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== unit (PostgreSQL)"; TEST_ENGINE=pg npx vitest run
fi
echo "== build"; npm run build
echo "== e2e (SQLite)"
# A fresh database for every run: the first spec walks through first-run /setup.
rm -rf data/e2e
npx playwright test "$@"
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== e2e (PostgreSQL)"
  # An empty database: the web server migrates it (npm run db:migrate, as a deployment does) and
  # the first spec walks through /setup again.
  rm -rf data/e2e-pg
  E2E_DATABASE_URL="$(fresh_pg iam_e2e)" E2E_DATA_DIR=data/e2e-pg npx playwright test "$@"
  echo "== two instances (PostgreSQL)"
  npx playwright test -c playwright.multi.config.ts
fi
