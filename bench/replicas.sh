#!/usr/bin/env bash
# The fleet scenario of issue 12 with three replicas on loopback: one PostgreSQL, one data directory.
# Measures: a file uploaded to one replica seen by the others; N jobs submitted round-robin each run exactly
# once; activation through replica A -> time until each replica serves the new model, with concurrent
# load on every replica (failed requests counted); kill -9 of the replica running a job -> time until a
# survivor settles it (failed/interrupted), against the configured lease.
#
# Usage: bench/replicas.sh   (after `dotnet build -c Release`; needs curl and jq; starts its own throw-away
# PostgreSQL via .ci/postgres-up.sh unless SIMCSE_TEST_POSTGRES is set). Results: bench/results/replicas.md
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$ROOT/src/SimCse.Api/bin/Release/net10.0/linux-x64"
SHARED="$ROOT/../shared/data"
BASE_PORT="${BASE_PORT:-18320}"
REPLICAS="${REPLICAS:-3}"
JOBS="${JOBS:-6}"
LEASE="${LEASE:-00:00:10}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/simcse-replicas.XXXXXX")"
DATA="$WORK/data"
OUT="$ROOT/bench/results/replicas.md"
PIDS=()
STARTED_PG=0

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ $STARTED_PG == 1 ]]; then "$ROOT/.ci/postgres-down.sh"; fi
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; echo "(logs: $WORK)" >&2; exit 1; }
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc -l | xargs printf '%.2f'; }

if [[ -z "${SIMCSE_TEST_POSTGRES:-}" ]]; then
  eval "$("$ROOT/.ci/postgres-up.sh")"
  STARTED_PG=1
fi
DB="simcse_bench_$(date +%s)"
CONN="$SIMCSE_TEST_POSTGRES;Database=$DB"

url() { echo "http://127.0.0.1:$((BASE_PORT + $1))"; }
start() { # index
  local i=$1 id="replica-$(printf "\\x$(printf %x $((97 + $1)))")"
  (cd "$BIN" && exec dotnet SimCse.Api.dll --urls "$(url "$i")" --SimCse:DataDirectory="$DATA" \
     --SimCse:Database:Provider=postgres --SimCse:Database:ConnectionString="$CONN" --SimCse:ReplicaId="$id" \
     --SimCse:Training:LeaseDuration="$LEASE" --SimCse:Training:LogEverySteps=1 >>"$WORK/$id.log" 2>&1) &
  PIDS[$i]=$!
  for _ in $(seq 1 900); do
    curl -fs "$(url "$i")/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "${PIDS[$i]}" 2>/dev/null || fail "$id exited during start-up"
    sleep 0.2
  done
  fail "$id not ready"
}
for i in $(seq 0 $((REPLICAS - 1))); do start "$i"; done
echo "replicas ready: $REPLICAS"

head -n 64 "$SHARED/train/unlabeled.txt" > "$WORK/train.txt"
FILE=$(curl -fsS -F "file=@$WORK/train.txt" -F "purpose=fine-tune" "$(url 0)/v1/files" | jq -r .id)
for i in $(seq 1 $((REPLICAS - 1))); do curl -fs "$(url "$i")/v1/files/$FILE" >/dev/null || fail "file not visible on replica $i"; done
echo "file $FILE visible on all replicas"

JOB_IDS=()
for n in $(seq 0 $((JOBS - 1))); do
  JOB_IDS+=("$(curl -fsS -H 'content-type: application/json' "$(url $((n % REPLICAS)))/v1/fine_tuning/jobs" \
    -d "{\"model\":\"all-MiniLM-L6-v2\",\"training_file\":\"$FILE\",\"method\":{\"type\":\"unsupervised\",\"hyperparameters\":{\"batch_size\":8,\"max_steps\":2,\"eval_steps\":2}}}" | jq -r .id)")
done
declare -A WORKERS
ONCE=0
for id in "${JOB_IDS[@]}"; do
  for _ in $(seq 1 1200); do
    status=$(curl -fs "$(url 0)/v1/fine_tuning/jobs/$id" | jq -r .status)
    [[ $status == succeeded || $status == failed || $status == cancelled ]] && break
    sleep 0.5
  done
  [[ $status == succeeded ]] || fail "job $id ended $status"
  worker=$(curl -fs "$(url 0)/v1/fine_tuning/jobs/$id" | jq -r .worker)
  starts=$(curl -fs "$(url 0)/v1/fine_tuning/jobs/$id/events?limit=100" | jq '[.data[] | select(.message | startswith("Started on "))] | length')
  [[ $starts == 1 ]] && ONCE=$((ONCE + 1))
  WORKERS[$worker]=$(( ${WORKERS[$worker]:-0} + 1 ))
done
CHECKPOINT=$(curl -fs "$(url 0)/v1/fine_tuning/jobs/${JOB_IDS[0]}" | jq -r .fine_tuned_model)
echo "jobs: $ONCE/$JOBS started exactly once; per worker: $(for w in "${!WORKERS[@]}"; do printf '%s=%s ' "$w" "${WORKERS[$w]}"; done)"

# Concurrent load on every replica while the activation converges.
LOAD_PIDS=()
for i in $(seq 0 $((REPLICAS - 1))); do
  for c in 1 2; do
    ( ok=0; bad=0; while [[ ! -f "$WORK/stop" ]]; do
        code=$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' "$(url "$i")/v1/embeddings" -d '{"input":"load during the swap"}' || echo 000)
        if [[ $code == 200 ]]; then ok=$((ok + 1)); else bad=$((bad + 1)); fi
      done; echo "$ok $bad" > "$WORK/load-$i-$c" ) &
    LOAD_PIDS+=($!)
  done
done
sleep 2
T0=$(now)
curl -fsS -X POST -H 'content-type: application/json' "$(url 0)/v1/models/$(jq -rn --arg v "$CHECKPOINT" '$v|@uri')/activate" -d '{}' >/dev/null
declare -A CONVERGED
for i in $(seq 0 $((REPLICAS - 1))); do
  for _ in $(seq 1 600); do
    model=$(curl -fs -H 'content-type: application/json' "$(url "$i")/v1/embeddings" -d '{"input":"which model"}' | jq -r .model)
    [[ $model == "$CHECKPOINT" ]] && break
    sleep 0.05
  done
  CONVERGED[$i]=$(since "$T0")
done
touch "$WORK/stop"; wait "${LOAD_PIDS[@]}"
OK=0; BAD=0
for f in "$WORK"/load-*; do read -r o b < "$f"; OK=$((OK + o)); BAD=$((BAD + b)); done
echo "activation converged: $(for i in "${!CONVERGED[@]}"; do printf 'replica %s %ss; ' "$i" "${CONVERGED[$i]}"; done) load: $OK ok, $BAD failed"

# kill -9 of the replica running a long job.
LONG=$(curl -fsS -H 'content-type: application/json' "$(url 0)/v1/fine_tuning/jobs" \
  -d "{\"model\":\"all-MiniLM-L6-v2\",\"training_file\":\"$FILE\",\"method\":{\"type\":\"unsupervised\",\"hyperparameters\":{\"batch_size\":8,\"n_epochs\":1000,\"max_steps\":100000,\"eval_steps\":100000}}}" | jq -r .id)
for _ in $(seq 1 600); do
  [[ $(curl -fs "$(url 0)/v1/fine_tuning/jobs/$LONG" | jq -r .status) == running ]] && break
  sleep 0.2
done
VICTIM_ID=$(curl -fs "$(url 0)/v1/fine_tuning/jobs/$LONG" | jq -r .worker)
VICTIM=$(( $(printf '%d' "'${VICTIM_ID: -1}") - 97 ))
SURVIVOR=$(( (VICTIM + 1) % REPLICAS ))
kill -9 "${PIDS[$VICTIM]}"
T1=$(now)
for _ in $(seq 1 1200); do
  status=$(curl -fs "$(url $SURVIVOR)/v1/fine_tuning/jobs/$LONG" | jq -r .status)
  [[ $status != running ]] && break
  sleep 0.1
done
TAKEOVER=$(since "$T1")
CODE=$(curl -fs "$(url $SURVIVOR)/v1/fine_tuning/jobs/$LONG" | jq -r .error.code)
echo "kill -9 of $VICTIM_ID: job $status ($CODE) after ${TAKEOVER}s (lease $LEASE)"

CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
{
  echo "# Fleet scenario (bench/replicas.sh)"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $CPU, $(nproc) cores (shared with other builds: absolute times are noisy)."
  echo "$REPLICAS replicas on loopback, one PostgreSQL $(psql --version 2>/dev/null | awk '{print $3}'), one data directory; lease $LEASE; fleet poll 1 s."
  echo
  echo "| check | result |"
  echo "|---|---|"
  echo "| file uploaded to replica a visible on the others | yes |"
  echo "| jobs submitted round-robin that started exactly once | $ONCE / $JOBS |"
  echo "| jobs per worker | $(for w in "${!WORKERS[@]}"; do printf '%s: %s, ' "$w" "${WORKERS[$w]}"; done) |"
  for i in "${!CONVERGED[@]}"; do echo "| activation through a → replica $i serves it after | ${CONVERGED[$i]} s |"; done
  echo "| requests under load during the activation | $OK ok, $BAD failed |"
  echo "| kill -9 of the job's replica → settled by a survivor after | ${TAKEOVER} s ($status, $CODE); bound = lease + worker poll |"
} > "$OUT"
cat "$OUT"
