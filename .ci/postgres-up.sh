#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for the persistence tests (loopback only, trust auth, never as root)
# and prints the connection string the tests read from SIMCSE_TEST_POSTGRES.
#   eval "$(.ci/postgres-up.sh)"      # exports SIMCSE_TEST_POSTGRES and SIMCSE_TEST_POSTGRES_DIR
#   .ci/postgres-down.sh              # stops it and deletes the cluster
set -euo pipefail
PORT="${SIMCSE_TEST_POSTGRES_PORT:-18350}"
BASE="${TMPDIR:-/tmp}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [[ -z "$BIN" ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
  else
    sudo -n sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql' >&2
  fi
  BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi
DIR="$(mktemp -d "$BASE/simcse-pg.XXXXXX")"
chmod 755 "$DIR"
RUN=()
if [[ $(id -u) -eq 0 ]]; then
  # PostgreSQL refuses to run as root: the cluster belongs to the postgres OS user.
  chown postgres:postgres "$DIR"
  RUN=(runuser -u postgres --)
fi
"${RUN[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
"${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c max_connections=300" start >&2
echo "export SIMCSE_TEST_POSTGRES='Host=127.0.0.1;Port=$PORT;Username=postgres;Include Error Detail=true'"
echo "export SIMCSE_TEST_POSTGRES_DIR='$DIR'"
