#!/usr/bin/env bash
# Real-browser test of the /ui dashboard (run by .ci/run): starts the built service from another
# working directory on a fresh data directory with API keys configured, runs a tiny fine-tuning job,
# and drives Debian's headless Chromium through the page (tests/browser/dashboard-check.mjs).
# Writes bench/results/dashboard.png, job-report.png and job-report.svg.
# Needs: chromium (apt-get install -y chromium), node + npm, a Release build of src/SimCse.Api.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
command -v chromium >/dev/null || { echo "chromium is missing: apt-get install -y chromium" >&2; exit 1; }
[ -d tests/browser/node_modules/playwright-core ] || npm ci --prefix tests/browser --no-audit --no-fund >/dev/null

api_dir="$root/src/SimCse.Api/bin/Release/net10.0/linux-x64"
[ -f "$api_dir/SimCse.Api.dll" ] || dotnet build -c Release src/SimCse.Api >/dev/null
work="$(mktemp -d "${TMPDIR:-/tmp}/simcse-dashboard.XXXXXX")"
port="${DASHBOARD_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18555)}"
log="$work/service.log"
# From the work folder, not the app folder: the page must not depend on the working directory.
(cd "$work" && exec env SimCse__DataDirectory="$work/data" SimCse__Auth__ApiKeys__0=dashboard-user-key \
  SimCse__Auth__AdminApiKeys__0=dashboard-admin-key SimCse__Model__Device=cpu \
  dotnet "$api_dir/SimCse.Api.dll" --urls "http://127.0.0.1:$port") >"$log" 2>&1 &
service=$!
trap 'kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && break
  kill -0 "$service" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { cat "$log"; exit 1; }

mkdir -p bench/results
node tests/browser/dashboard-check.mjs "http://127.0.0.1:$port/" dashboard-admin-key "$root/bench/results" "$root/../shared/data" \
  || { echo "--- service log ---"; tail -n 60 "$log"; exit 1; }
