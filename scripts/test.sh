#!/usr/bin/env bash
# Runs every test: lint, types, unit tests, production build, then Playwright (API + browser).
# With TEST_DATABASE_URL (a PostgreSQL server we may create databases on) the unit and e2e suites
# run on PostgreSQL as well, followed by the two-instance e2e. Extra arguments go to Playwright.
set -euo pipefail
cd "$(dirname "$0")/.."

# A fresh PostgreSQL database per run, migrated the way a deployment does (npm run db:migrate).
fresh_pg() {
  local name="$1" url="${TEST_DATABASE_URL%/*}/$1"
  psql -q "$TEST_DATABASE_URL" -c "drop database if exists $name with (force)" -c "create database $name" >/dev/null
  echo "$url"
}
PG_SECRET="test-only-app-secret-shared-by-instances-0123456789"

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
  url="$(fresh_pg iam_e2e)"
  DATABASE_URL="$url" APP_SECRET="$PG_SECRET" npm run -s db:migrate
  rm -rf data/e2e-pg
  E2E_DATABASE_URL="$url" E2E_APP_SECRET="$PG_SECRET" E2E_DATA_DIR=data/e2e-pg npx playwright test "$@"
  echo "== two instances (PostgreSQL)"
  npx playwright test -c playwright.multi.config.ts
fi
