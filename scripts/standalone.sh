#!/usr/bin/env bash
# Completes the standalone server `next build` writes to <distDir>/standalone: it traces the code it
# imports but not the files read at run time (static assets, public/, the SQL migrations).
set -euo pipefail
cd "$(dirname "$0")/.."
dist="${NEXT_DIST_DIR:-.next}"
out="$dist/standalone"
# File tracing follows the instance key and SQLite files under data/ (read at run time from
# DATA_DIR): never ship them in a build.
rm -rf "$out/data"
mkdir -p "$out/$dist" "$out/db"
rm -rf "$out/$dist/static" "$out/db/migrations"
cp -r "$dist/static" "$out/$dist/static"
cp -r db/migrations "$out/db/migrations"
if [ -d public ]; then rm -rf "$out/public"; cp -r public "$out/public"; fi
