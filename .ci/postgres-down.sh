#!/usr/bin/env bash
# Stops the cluster started by .ci/postgres-up.sh and deletes it.
set -euo pipefail
DIR="${SIMCSE_TEST_POSTGRES_DIR:?run eval \"\$(.ci/postgres-up.sh)\" first}"
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
RUN=()
if [[ $(id -u) -eq 0 ]]; then RUN=(runuser -u postgres --); fi
"${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
rm -rf "$DIR"
