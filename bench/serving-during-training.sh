#!/usr/bin/env bash
# Serving latency while a fine-tuning job trains, with the starvation policy on (defaults: 1 training
# thread, yield between steps while requests are queued) and off (2 training threads, no yield).
# Prints p50/p99 of /v1/embeddings (one sentence per request, 8 concurrent clients) idle and during a
# batch-64 training job, and the service's peak resident memory (VmHWM) after the training phase.
# Usage: bench/serving-during-training.sh   (after `dotnet build -c Release`; needs curl and jq)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$ROOT/src/SimCse.Api/bin/Release/net10.0/linux-x64"
SHARED="$ROOT/../shared/data"
PORT="${PORT:-18094}"
URL="http://127.0.0.1:$PORT"
REQUESTS="${REQUESTS:-400}"
PID=""
WORK="$(mktemp -d /tmp/simcse-starve.XXXXXX)"
cleanup() { if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" 2>/dev/null || true; fi; rm -rf "$WORK"; }
trap cleanup EXIT

BODY=$(head -n 1 "$SHARED/train/unlabeled.txt" | jq -R . | jq -sc '{input: .}')

measure() { # label
  seq 1 "$REQUESTS" | xargs -P 8 -I{} curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' -d "$BODY" "$URL/v1/embeddings" \
    | sort -n | awk -v label="$1" '{ a[NR] = $1 } END { printf "%-34s p50 %6.0f ms   p99 %6.0f ms   (n=%d)\n", label, a[int(NR*0.5)]*1000, a[int(NR*0.99)]*1000, NR }'
}

run() { # label threads yield
  rm -rf "$WORK/data"
  (cd "$BIN" && exec dotnet SimCse.Api.dll --urls "$URL" --SimCse:DataDirectory="$WORK/data" \
      --SimCse:Training:Threads="$2" --SimCse:Training:MaxYieldPerStep="$3" >"$WORK/service.log" 2>&1) &
  PID=$!
  until curl -fs "$URL/health/ready" >/dev/null 2>&1; do sleep 0.2; done
  head -n 2000 "$SHARED/train/unlabeled.txt" >"$WORK/train.txt"
  TRAIN=$(curl -fsS -F "file=@$WORK/train.txt" -F purpose=fine-tune "$URL/v1/files" | jq -r .id)
  measure "$1, idle"
  JOB=$(curl -fsS -H 'Content-Type: application/json' "$URL/v1/fine_tuning/jobs" -d "{\"model\": \"all-MiniLM-L6-v2\", \"training_file\": \"$TRAIN\",
    \"method\": {\"type\": \"unsupervised\", \"hyperparameters\": {\"batch_size\": 64, \"max_steps\": 200, \"eval_steps\": 1000}}}" | jq -r .id)
  until [[ "$(curl -fsS "$URL/v1/fine_tuning/jobs/$JOB" | jq .progress.step)" -ge 1 ]]; do sleep 0.2; done
  measure "$1, training"
  S1=$(curl -fsS "$URL/v1/fine_tuning/jobs/$JOB" | jq .progress.step)
  curl -fsS -X POST "$URL/v1/fine_tuning/jobs/$JOB/cancel" >/dev/null
  echo "  (training reached step $S1 of 200 while measured; service peak RSS $(awk '/VmHWM/ {printf "%.0f MiB", $2/1024}' /proc/$PID/status))"
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
}

nproc | xargs echo "cores:"
run "policy on (1 thread, yield 2 s)" 1 00:00:02
run "policy off (2 threads, no yield)" 2 00:00:00
