#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests on 127.0.0.1 (port $ALMA_PG_PORT, default 55432),
# with its data in a temporary folder, and prints the connection string for ALMA_TEST_POSTGRES.
# A server already answering on that port is reused.
set -euo pipefail

port="${ALMA_PG_PORT:-55432}"
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
datadir="${ALMA_PG_DATA:-/tmp/alma-kit-postgres-$port}"
connection="Host=127.0.0.1;Port=$port;Username=alma;Password=alma;Database=alma_test"

run_as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if ! "$bindir/pg_isready" -h 127.0.0.1 -p "$port" -q; then
  rm -rf "$datadir"
  mkdir -p "$datadir"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$datadir"
  run_as_postgres "$bindir/initdb" -D "$datadir" -U postgres --auth=trust -E UTF8 >/dev/null
  run_as_postgres "$bindir/pg_ctl" -D "$datadir" -o "-c listen_addresses=127.0.0.1 -p $port -k /tmp" -l "$datadir/server.log" -w start >/dev/null
  "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE ROLE alma LOGIN PASSWORD 'alma' SUPERUSER;" >/dev/null
  "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE DATABASE alma_test OWNER alma;" >/dev/null
fi
echo "$connection"
