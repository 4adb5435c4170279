#!/usr/bin/env bash
# Container smoke test without a container engine (run by .ci/run). It does what the Dockerfile does:
#   1. copies exactly the files the Dockerfile's build stage COPYs (honouring .dockerignore's bin/obj/data)
#      into a fresh build context, and runs the Dockerfile's own `dotnet publish` line there, read from
#      the Dockerfile (so the two cannot drift): `-o /app` becomes a temp folder, ARG defaults fill in;
#   2. runs the published app like the runtime stage: as a non-root user, with the Dockerfile's ENV
#      (SimCse__DataDirectory on a fresh, empty directory owned by that user, DOTNET_gcServer), from a
#      working directory that is neither the app folder nor the repository, with the app folder read-only;
#   3. checks readiness, an embedding, Swagger UI and its document, and the /ui dashboard.
# Usage: bench/container-smoke.sh [port]    (SMOKE_USER, default simcse-smoke, is created if missing)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${1:-${SMOKE_PORT:-18580}}"
user="${SMOKE_USER:-simcse-smoke}"
dockerfile="$root/Dockerfile"
work="$(mktemp -d "${TMPDIR:-/tmp}/simcse-container-smoke.XXXXXX")"
chmod 755 "$work"
service=""
cleanup() {
  if [ -n "$service" ]; then kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "container smoke FAILED: $*" >&2; [ -f "$work/service.log" ] && tail -n 40 "$work/service.log" >&2; exit 1; }

# --- 1. build context and publish, both read from the Dockerfile ------------------------------------
context="$work/src-context"
mkdir -p "$context"
# The build stage's COPY lines (before the runtime FROM): `COPY a b c ./` and `COPY dir/ dir/`.
build_stage="$(awk '/^FROM .* AS build/{on=1; next} /^FROM /{on=0} on' "$dockerfile")"
while read -r line; do
  read -r -a words <<<"${line#COPY }"
  for source in "${words[@]:0:${#words[@]}-1}"; do
    (cd "$root" && tar --exclude='bin' --exclude='obj' --exclude='data' --exclude='node_modules' -cf - "$source") | tar -xf - -C "$context"
  done
done < <(grep -E '^COPY ' <<<"$build_stage" | grep -v -- '--from=')
publish_line="$(grep -E '^RUN dotnet publish ' <<<"$build_stage")" || fail "no 'RUN dotnet publish' line in the Dockerfile's build stage"
grep -q -- ' -o /app' <<<"$publish_line" || fail "the Dockerfile's publish line no longer writes to /app: $publish_line"
app="$work/app"
publish="${publish_line#RUN }"
publish="${publish/ -o \/app/ -o $app}"
# ARG defaults (ARG NAME=value) fill ${NAME}.
while read -r name value; do
  publish="${publish//\$\{$name\}/$value}"
done < <(grep -E '^ARG [A-Z_]+=' "$dockerfile" | sed -E 's/^ARG ([A-Z_]+)=(.*)$/\1 \2/')
echo "publish (from the Dockerfile): $publish"
(cd "$context" && eval "$publish") >"$work/publish.log" 2>&1 || { tail -n 40 "$work/publish.log"; fail "dotnet publish"; }
[ -f "$app/SimCse.Api.dll" ] || fail "publish produced no SimCse.Api.dll"
[ -f "$app/appsettings.json" ] || fail "publish produced no appsettings.json"

# --- 2. run it like the runtime stage -------------------------------------------------------------
id "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
chmod -R a+rX,go-w "$app"
data="$work/data"
home="$work/home"
cwd="$work/elsewhere"
mkdir -p "$data" "$home" "$cwd"
chown "$user" "$data" "$home"
chmod 755 "$cwd"
# The runtime stage's ENV, with the data directory and URL of this run.
env_args=()
while read -r assignment; do
  case "$assignment" in
    ASPNETCORE_URLS=*) ;;                                    # replaced by --urls below
    SimCse__DataDirectory=*) env_args+=("SimCse__DataDirectory=$data") ;;
    *) env_args+=("$assignment") ;;
  esac
done < <(awk '/^FROM .* AS runtime/{on=1} on' "$dockerfile" | sed -n '/^ENV /,/^[A-Z]/p' | grep -oE '[A-Za-z_]+=[^ \\]+')
(cd "$cwd" && exec runuser -u "$user" -- env HOME="$home" TMPDIR="$home" "${env_args[@]}" \
  dotnet "$app/SimCse.Api.dll" --urls "http://127.0.0.1:$port") >"$work/service.log" 2>&1 &
service=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 600); do
  curl -fs "$base/health/ready" >/dev/null 2>&1 && break
  kill -0 "$service" 2>/dev/null || fail "the service exited before it was ready"
  sleep 0.5
done
curl -fs "$base/health/ready" >/dev/null || fail "not ready after 300 s"

# --- 3. checks --------------------------------------------------------------------------------------
owner="$(ps -o user= -p "$(pgrep -P "$service" -n || echo "$service")" | tr -d ' ')"
[ "$owner" != "root" ] || fail "the service runs as root"
embedding="$(curl -fsS "$base/v1/embeddings" -H 'content-type: application/json' -d '{"input": "A man is playing a guitar."}')" || fail "POST /v1/embeddings"
dims="$(node -e 'const b = JSON.parse(process.argv[1]); console.log(b.data[0].embedding.length + " " + b.model)' "$embedding")"
[ "${dims%% *}" = "384" ] || fail "unexpected embedding: $dims"
# Bodies go to a file first: `curl | grep -q` would fail curl (and pipefail) when grep stops reading.
page() { curl -fsSL "$base/$1" -o "$work/body" && grep -q "$2" "$work/body"; }
page swagger/index.html 'swagger-ui' || fail "Swagger UI"
page swagger/v1/swagger.json '"/v1/embeddings"' || fail "the OpenAPI document"
page ui 'SimCseService dashboard' || fail "/ui"
page ui/dashboard.js 'trajectoryChart' || fail "/ui/dashboard.js"
[ -f "$data/simcse.db" ] || fail "no database in the fresh data directory"
[ -d "$data/models/all-MiniLM-L6-v2" ] || fail "the packaged model was not imported into the data directory"
[ ! -e "$app/data" ] && [ ! -e "$cwd/data" ] || fail "something was written outside the data directory"
grep -q 'Listening: API' "$work/service.log" || fail "no start-up URL line"
[ -f "$app/native/libtcmalloc_minimal.so.4" ] || fail "publish left out the vendored tcmalloc (native/)"
grep -q 'Native runtime: allocator tcmalloc (preloaded)' "$work/service.log" || fail "the published service does not run on tcmalloc"
! grep -q 'Microsoft.EntityFrameworkCore' "$work/service.log" || fail "EF Core chatter in the default log"
echo "container smoke: published with the Dockerfile's arguments, ran as '$owner' from $cwd on a fresh data directory; ready on tcmalloc, embedding (${dims}), Swagger UI, OpenAPI document and /ui all OK"
