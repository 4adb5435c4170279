#!/usr/bin/env bash
# The real-data fine-tuning run through the REST API only (issue: supervised SimCSE from arctic-embed-xs
# on the shared NLI triplets, validated on STS-B dev, auto_activate). Starts the built service on a
# fresh data directory, uploads the files, evaluates the base, runs the job, and evaluates again.
# Usage: bench/rest-finetune.sh [max_steps] > bench/results/rest-finetune.txt   (after `dotnet build -c Release`)
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS=${1:-109}   # 109 steps of 64 = one epoch of the 6,963 triplets
DATA=$(mktemp -d /tmp/simcse-rest-finetune.XXXXXX)
SHARED=$(cd ../shared/data && pwd)
PORT=18431
URL=http://127.0.0.1:$PORT
OUT=bench/results
LOG=$DATA/service.log
dotnet src/SimCse.Api/bin/Release/net10.0/linux-x64/SimCse.Api.dll --urls $URL --SimCse:DataDirectory=$DATA \
  --SimCse:Model:Id=arctic-embed-xs --SimCse:Training:Threads=2 --SimCse:Training:ComputeDType=bfloat16 >"$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -fs $URL/health/ready >/dev/null; do sleep 1; done
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
upload() { curl -fs $URL/v1/files -F "purpose=$2" -F "file=@$1" | json 'd["id"]'; }
evaluate() { curl -fs $URL/v1/evaluations -H 'content-type: application/json' -d "{\"file\": \"$1\"${2:+, \"model\": \"$2\"}}"; }
TRAIN=$(upload "$SHARED/train/nli_triplets.tsv" fine-tune)
STSB=$(upload "$SHARED/sts/stsb-dev.tsv" evaluation)
SICK=$(upload "$SHARED/sts/sickr-dev.tsv" evaluation)
echo "base stsb-dev: $(evaluate $STSB)"
echo "base sickr-dev: $(evaluate $SICK)"
START=$(date +%s)
JOB=$(curl -fs $URL/v1/fine_tuning/jobs -H 'content-type: application/json' -d "{
  \"model\": \"arctic-embed-xs\", \"training_file\": \"$TRAIN\", \"validation_file\": \"$STSB\", \"seed\": 42, \"auto_activate\": true,
  \"method\": {\"type\": \"supervised\", \"hyperparameters\": {\"batch_size\": 64, \"learning_rate\": 5e-5, \"max_steps\": $STEPS,
    \"eval_steps\": 20, \"max_seq_length\": 32, \"temperature\": 0.05, \"pooling\": \"cls_before_pooler\", \"hard_negative_weight\": 0}}}" | json 'd["id"]')
echo "job $JOB"
while :; do
  STATUS=$(curl -fs $URL/v1/fine_tuning/jobs/$JOB | json 'd["status"] + " " + str(d.get("progress"))')
  echo "$(date +%T) $STATUS"
  case $STATUS in succeeded*|failed*|cancelled*) break;; esac
  sleep 20
done
echo "wall time: $(( $(date +%s) - START )) s"
curl -fs $URL/v1/fine_tuning/jobs/$JOB | python3 -m json.tool
curl -fs "$URL/v1/fine_tuning/jobs/$JOB/events" | json '"\n".join(e["message"] for e in d["data"])'
curl -fs "$URL/v1/fine_tuning/jobs/$JOB/checkpoints" | python3 -m json.tool
curl -fs $URL/v1/models | json '"\n".join("%s active=%s metrics=%s" % (m["id"], m["active"], m["metrics"]) for m in d["data"])'
echo "after stsb-dev (active model): $(evaluate $STSB)"
echo "after sickr-dev (active model): $(evaluate $SICK)"
curl -fs "$URL/v1/fine_tuning/jobs/$JOB/report" -o $OUT/rest-finetune-report.svg
echo "report: $OUT/rest-finetune-report.svg"
