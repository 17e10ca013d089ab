#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the test suites (trust auth, 127.0.0.1 only) and prints its URL.
# Installs Debian's postgresql package when it is missing. Usage: url=$(bash scripts/ci-postgres.sh)
set -euo pipefail
port="${PGPORT_TEST:-55432}"
dir="${PGDATA_TEST:-/tmp/iam-test-pg}"
bindir="$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
  bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
# initdb refuses to run as root: the cluster belongs to the postgres user then.
as=(); if [ "$(id -u)" -eq 0 ]; then as=(runuser -u postgres --); fi
if ! "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  rm -rf "$dir"; mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  "${as[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust >/dev/null
  "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >&2
fi
echo "postgres://postgres@127.0.0.1:$port/postgres"
