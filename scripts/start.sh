#!/usr/bin/env bash
# Starts the standalone server the way the Docker image does (node server.js). The server changes
# into its own folder first, so relative data paths are made absolute here, against this checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
export DATA_DIR="$(abs "${DATA_DIR:-data}")"
export DATABASE_PATH="$(abs "${DATABASE_PATH:-$DATA_DIR/app.db}")"
export PORT="${PORT:-3000}"
exec node "${NEXT_DIST_DIR:-.next}/standalone/server.js"
