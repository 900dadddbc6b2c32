#!/usr/bin/env bash
# Runs every test of KetamineClinic on a fresh machine (as root): installs what the tests need and lacks
# (PostgreSQL server, Chromium), starts PostgreSQL on 127.0.0.1, restores tools, builds, runs every test project,
# stops what it started, and ends with one plain line "N passed, N failed[, N skipped]".
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

pg_port="${KC_PG_PORT:-55432}"
pg_dir="/tmp/kc-pg-${pg_port}"
results="$root/tests/TestResults"
started_pg=""

log() { printf '\n== %s\n' "$*"; }

install_missing() {
  local need=()
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
  if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]}"
    if [ "$(id -u)" -ne 0 ]; then echo "need root to apt-get install ${need[*]}" >&2; exit 2; fi
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core >/dev/null \
      || { echo "apt-get install ${need[*]} failed" >&2; exit 2; }
  fi
}

start_postgres() {
  local bin; bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  if ! id postgres >/dev/null 2>&1; then useradd --system --no-create-home postgres; fi
  if [ ! -s "$pg_dir/PG_VERSION" ]; then
    rm -rf "$pg_dir"; mkdir -p "$pg_dir"; chown postgres "$pg_dir"
    su postgres -s /bin/sh -c "$bin/initdb -D '$pg_dir' -U postgres -A trust --no-sync" >/dev/null || { echo "initdb failed" >&2; exit 2; }
  fi
  chown -R postgres "$pg_dir"
  if su postgres -s /bin/sh -c "$bin/pg_ctl -D '$pg_dir' status" >/dev/null 2>&1; then
    echo "reusing the PostgreSQL server already running in $pg_dir (left running afterwards)"
  else
    # fsync=off: test data only; a crash loses nothing of value.
    su postgres -s /bin/sh -c "$bin/pg_ctl -D '$pg_dir' -l '$pg_dir/server.log' -w -t 60 start -o \"-c listen_addresses=127.0.0.1 -p $pg_port -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\"" >/dev/null \
      || { echo "PostgreSQL did not start; see $pg_dir/server.log" >&2; cat "$pg_dir/server.log" >&2; exit 2; }
    started_pg="$bin"
  fi
  export KC_PG_CONNECTION="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50"
}

stop_postgres() {
  if [ -n "$started_pg" ]; then
    su postgres -s /bin/sh -c "$started_pg/pg_ctl -D '$pg_dir' stop -m fast" >/dev/null 2>&1 || true
  fi
}
trap stop_postgres EXIT

install_missing
log "starting PostgreSQL on 127.0.0.1:$pg_port"
start_postgres

log "restoring and building"
dotnet tool restore >/dev/null || { echo "dotnet tool restore failed" >&2; exit 1; }
dotnet build KetamineClinic.sln -c Release -nologo -v q -clp:ErrorsOnly || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

rm -rf "$results"; mkdir -p "$results"
passed=0; failed=0; skipped=0; status=0
for project in tests/*/; do
  name="$(basename "$project")"
  [ -f "$project/$name.csproj" ] || continue
  grep -q 'Microsoft.NET.Test.Sdk' "$project/$name.csproj" || continue   # benchmarks are not tests
  log "testing $name"
  out="$results/$name.log"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results/$name" 2>&1 | tee "$out"
  rc=${PIPESTATUS[0]}
  [ "$rc" -eq 0 ] || status=1
  trx="$results/$name/$name.trx"
  if [ -f "$trx" ]; then
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
    if [ "${e:-0}" -eq 0 ]; then echo "$name ran no test" >&2; status=1; failed=$((failed + 1)); fi
  else
    echo "$name produced no results" >&2; status=1; failed=$((failed + 1))
  fi
done

echo
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
exit $status
