#!/usr/bin/env bash
# Crash safety of fine-tuning: kill -9 the service while a job trains, restart it on the same data
# directory, and check that files, jobs and events survived, the job is failed/interrupted (the documented
# restart policy), and every registered checkpoint is a complete folder with nothing unregistered left
# beside it. Then flip one byte of a checkpoint's model.safetensors and check that activating it is
# refused (422) while the previous model keeps serving.
#
# Usage: bench/crash-safety.sh   (after `dotnet build -c Release`; needs curl and jq; KEEP=1 keeps the data
# directory; KILL_DURING_SAVE=1 kills while a checkpoint folder is being written instead of between steps)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$ROOT/src/SimCse.Api/bin/Release/net10.0/linux-x64"
SHARED="$ROOT/../shared/data"
PORT="${PORT:-18093}"
URL="http://127.0.0.1:$PORT"
WORK="$(mktemp -d /tmp/simcse-crash.XXXXXX)"
DATA="$WORK/data"
LOG="$WORK/service.log"
PID=""

cleanup() { if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; echo "(service log: $LOG)" >&2; exit 1; }
pass() { echo "ok   $*"; }

start() {
  (cd "$BIN" && exec dotnet SimCse.Api.dll --urls "$URL" --SimCse:DataDirectory="$DATA" --SimCse:Training:LogEverySteps=1 >>"$LOG" 2>&1) &
  PID=$!
  for _ in $(seq 1 600); do
    if curl -fs "$URL/health/ready" >/dev/null 2>&1; then return 0; fi
    kill -0 "$PID" 2>/dev/null || fail "service exited during start-up"
    sleep 0.2
  done
  fail "service not ready after 120 s"
}

upload() { # file purpose
  curl -fsS -F "file=@$1" -F "purpose=$2" "$URL/v1/files" | jq -r .id
}

echo "data directory: $DATA"
start
pass "service started (pid $PID)"

head -n 400 "$SHARED/train/unlabeled.txt" >"$WORK/train.txt"
# Kestrel's global body limit (2 MB, for inference) must not apply to uploads.
head -c 3200000 "$SHARED/train/unlabeled.txt" | sed "\$d" >"$WORK/big.txt"
BIG=$(upload "$WORK/big.txt" fine-tune)
[[ "$BIG" == file-* ]] || fail "3 MB upload refused"
pass "a $(stat -c %s "$WORK/big.txt")-byte upload passes Kestrel (global limit 2 MB): $BIG"
head -n 30 "$SHARED/sts/stsb-dev.tsv" >"$WORK/valid.tsv"
TRAIN=$(upload "$WORK/train.txt" fine-tune)
VALID=$(upload "$WORK/valid.tsv" evaluation)
JOB=$(curl -fsS -H 'Content-Type: application/json' "$URL/v1/fine_tuning/jobs" -d "{
  \"model\": \"all-MiniLM-L6-v2\", \"training_file\": \"$TRAIN\", \"validation_file\": \"$VALID\",
  \"method\": {\"type\": \"unsupervised\", \"hyperparameters\": {\"batch_size\": 16, \"max_steps\": 200, \"eval_steps\": 3}}}" | jq -r .id)
pass "uploaded $TRAIN, $VALID; created $JOB"

# Wait for at least two registered checkpoints, then kill -9 mid-training.
for _ in $(seq 1 1200); do
  N=$(curl -fsS "$URL/v1/fine_tuning/jobs/$JOB/checkpoints" | jq '.data | length')
  STEP=$(curl -fsS "$URL/v1/fine_tuning/jobs/$JOB" | jq .progress.step)
  if [[ "$N" -ge 1 && "$STEP" -ge 7 ]]; then break; fi
  sleep 0.25
done
[[ "$STEP" -ge 7 ]] || fail "job did not reach step 7"
FILES_BEFORE=$(curl -fsS "$URL/v1/files" | jq -c '[.data[].id] | sort')
EVENTS_BEFORE=$(curl -fsS "$URL/v1/fine_tuning/jobs/$JOB/events" | jq '.data | length')
if [[ "${KILL_DURING_SAVE:-0}" == 1 ]]; then
  # Kill the moment the next checkpoint folder is being assembled (its temporary folder exists).
  for _ in $(seq 1 200000); do
    if ls -a "$DATA/checkpoints/$JOB" | grep -q -E '^\.step-[0-9]+\.tmp-'; then break; fi
  done
  echo "     killing during a checkpoint write: $(ls -a "$DATA/checkpoints/$JOB" | grep -E '\.tmp' | tr '\n' ' ')"
else
  sleep 0.$((RANDOM % 10))
fi
kill -9 "$PID"; wait "$PID" 2>/dev/null || true; PID=""
pass "killed -9 (last polled: step $STEP, $N checkpoint(s) registered, $EVENTS_BEFORE events)"
echo "     on disk at the kill: $(ls -a "$DATA/checkpoints/$JOB" | grep -v -E '^\.\.?$' | tr '\n' ' ')"

start
pass "restarted"
FILES_AFTER=$(curl -fsS "$URL/v1/files" | jq -c '[.data[].id] | sort')
[[ "$FILES_BEFORE" == "$FILES_AFTER" ]] || fail "files changed: $FILES_BEFORE vs $FILES_AFTER"
pass "files intact: $FILES_AFTER"
JOBJSON=$(curl -fsS "$URL/v1/fine_tuning/jobs/$JOB")
[[ "$(jq -r .status <<<"$JOBJSON")" == failed ]] || fail "job status $(jq -r .status <<<"$JOBJSON")"
[[ "$(jq -r .error.code <<<"$JOBJSON")" == interrupted ]] || fail "error $(jq -c .error <<<"$JOBJSON")"
pass "job failed with error.code=interrupted"
EVENTS_AFTER=$(curl -fsS "$URL/v1/fine_tuning/jobs/$JOB/events" | jq '.data | length')
[[ "$EVENTS_AFTER" -gt "$EVENTS_BEFORE" ]] || fail "events $EVENTS_BEFORE -> $EVENTS_AFTER"
pass "events intact ($EVENTS_BEFORE before the kill, $EVENTS_AFTER after, incl. the interruption)"

CKPTS=$(curl -fsS "$URL/v1/fine_tuning/jobs/$JOB/checkpoints" | jq -r '.data[].fine_tuned_model_checkpoint')
[[ -n "$CKPTS" ]] || fail "no checkpoints kept"
EXPECTED=""
for id in $CKPTS; do
  step="${id##*:}"
  folder="$DATA/checkpoints/$JOB/$step"
  for f in config.json vocab.txt model.safetensors; do [[ -s "$folder/$f" ]] || fail "$id lacks $f"; done
  EXPECTED="$EXPECTED $step $step.optimizer"
  curl -fsS "$URL/v1/models/$(jq -rn --arg v "$id" '$v|@uri')" >/dev/null || fail "$id not in /v1/models"
done
for entry in $(ls -A "$DATA/checkpoints/$JOB"); do
  [[ " $EXPECTED " == *" $entry "* ]] || fail "unregistered entry left on disk: $entry"
done
pass "registered checkpoints complete and listed in /v1/models: $(echo $CKPTS | tr '\n' ' ')"
pass "nothing unregistered left on disk: $(ls -A "$DATA/checkpoints/$JOB" | tr '\n' ' ')"

# One flipped byte in a registered checkpoint's weights must be refused at activation.
ID=$(echo "$CKPTS" | head -n 1)
SAFE="$DATA/checkpoints/$JOB/${ID##*:}/model.safetensors"
SIZE=$(stat -c %s "$SAFE"); OFFSET=$((SIZE - 1000))
python3 - "$SAFE" "$OFFSET" <<'PY'
import sys
path, offset = sys.argv[1], int(sys.argv[2])
with open(path, 'r+b') as f:
    f.seek(offset); b = f.read(1); f.seek(offset); f.write(bytes([b[0] ^ 0x01]))
PY
CODE=$(curl -s -o "$WORK/activate.json" -w '%{http_code}' -X POST "$URL/v1/models/$(jq -rn --arg v "$ID" '$v|@uri')/activate")
[[ "$CODE" == 422 ]] || fail "activation of a corrupted checkpoint gave $CODE: $(cat "$WORK/activate.json")"
pass "corrupted checkpoint refused with 422: $(jq -r .detail "$WORK/activate.json")"
SERVED=$(curl -fsS -H 'Content-Type: application/json' "$URL/v1/embeddings" -d '{"input": "still serving?"}' | jq -r .model)
[[ "$SERVED" == all-MiniLM-L6-v2 ]] || fail "served by $SERVED"
pass "the previous model keeps serving ($SERVED)"
cleanup; PID=""
if [[ "${KEEP:-0}" == 1 ]]; then echo "PASS crash-safety (kept $WORK)"; else rm -rf "$WORK"; echo "PASS crash-safety"; fi
