#!/usr/bin/env bash
# Manual browser check of Swagger UI (not run in CI): installs Chromium and playwright-core if missing,
# starts the service on a free port, executes the embeddings example and saves bench/results/swagger.png.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

if ! command -v chromium >/dev/null; then
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi
tools="${TMPDIR:-/tmp}/simcse-browser-tools"
if [ ! -d "$tools/node_modules/playwright-core" ]; then
  mkdir -p "$tools" && npm install --prefix "$tools" --no-audit --no-fund playwright-core >/dev/null
fi

dotnet build -c Release src/SimCse.Api >/dev/null
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
api_dir="$root/src/SimCse.Api/bin/Release/net10.0/linux-x64"
log="$(mktemp)"
(cd "$api_dir" && exec dotnet SimCse.Api.dll --urls "http://127.0.0.1:$port" \
  "--SimCse:DataDirectory=${SIMCSE_DATA:-${TMPDIR:-/tmp}/simcse-api-tests-data}") >"$log" 2>&1 &
service=$!
trap 'kill "$service" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && break
  kill -0 "$service" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.5
done

mkdir -p bench/results
# Run from the tools folder so the script's import resolves to the playwright-core installed there.
cp tests/browser/swagger-check.mjs "$tools/"
node "$tools/swagger-check.mjs" "http://127.0.0.1:$port/" "$root/bench/results/swagger.png"
