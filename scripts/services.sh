#!/usr/bin/env bash
# The services the tests need, on loopback only, on free ports, in a throwaway folder:
# Redis and PostgreSQL (Debian's packages), plus the path of Debian's chromium.
#
#   bash scripts/services.sh install          # apt-get the packages that are missing (CI, as root)
#   eval "$(bash scripts/services.sh start)"  # start (or reuse) them; prints `export` lines
#   bash scripts/services.sh stop             # stop them and delete their data
#
# `start` is idempotent: a second call reuses the running servers and prints the same variables,
# so several test runs on one machine share one Redis and one PostgreSQL.
set -euo pipefail
state="${ZORYX_SERVICES_DIR:-/tmp/zoryx-services}"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"

log() { echo "services: $*" >&2; }

free_port() {
  node -e "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Runs a command as the postgres user when we are root (initdb and postgres refuse root).
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  [ -n "$pg_bin" ] || missing+=(postgresql)
  command -v chromium >/dev/null || missing+=(chromium)
  # The dashboard's TLS test makes its certificate with the openssl binary.
  command -v openssl >/dev/null || missing+=(openssl)
  if [ ${#missing[@]} -eq 0 ]; then log "redis-server, postgresql, chromium and openssl are installed"; return; fi
  log "installing ${missing[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  # Debian starts a cluster and a redis on the default ports: we use our own on free ports.
  (service postgresql stop; service redis-server stop) >/dev/null 2>&1 || true
}

print_env() {
  echo "export ZORYX_TEST_REDIS_URL=redis://127.0.0.1:$(cat "$state/redis.port")"
  echo "export ZORYX_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$(cat "$state/pg.port")/postgres"
  if command -v chromium >/dev/null; then echo "export ZORYX_TEST_CHROMIUM=$(command -v chromium)"; fi
}

running() {
  [ -f "$state/redis.pid" ] && kill -0 "$(cat "$state/redis.pid")" 2>/dev/null &&
    [ -f "$state/pg/postmaster.pid" ] && kill -0 "$(head -n 1 "$state/pg/postmaster.pid")" 2>/dev/null
}

start() {
  if running; then print_env; return; fi
  stop >/dev/null 2>&1 || true
  [ -n "$pg_bin" ] || { log "PostgreSQL is not installed (run: bash scripts/services.sh install)"; exit 1; }
  command -v redis-server >/dev/null || { log "redis-server is not installed"; exit 1; }
  mkdir -p "$state/redis"
  chmod 755 "$state"
  free_port >"$state/redis.port"
  redis-server --bind 127.0.0.1 --port "$(cat "$state/redis.port")" --save '' --appendonly no \
    --daemonize yes --pidfile "$state/redis.pid" --dir "$state/redis" --logfile "$state/redis.log" >&2
  free_port >"$state/pg.port"
  mkdir -p "$state/pg" "$state/pgsock"
  [ "$(id -u)" = 0 ] && chown postgres "$state/pg" "$state/pgsock"
  as_pg "$pg_bin/initdb" -D "$state/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$state/initdb.log" 2>&1 ||
    { cat "$state/initdb.log" >&2; exit 1; }
  # Test-only durability settings: the data is thrown away after the run.
  as_pg "$pg_bin/pg_ctl" -D "$state/pg" -l "$state/pg/server.log" -w -t 60 \
    -o "-p $(cat "$state/pg.port") -k $state/pgsock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >&2
  for _ in $(seq 1 50); do
    redis-cli -p "$(cat "$state/redis.port")" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  log "redis on 127.0.0.1:$(cat "$state/redis.port"), postgresql on 127.0.0.1:$(cat "$state/pg.port")"
  print_env
}

stop() {
  if [ -f "$state/pg/postmaster.pid" ] && [ -n "$pg_bin" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$state/pg" -m fast -w stop >&2 || true
  fi
  if [ -f "$state/redis.pid" ]; then kill "$(cat "$state/redis.pid")" 2>/dev/null || true; fi
  rm -rf "$state"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  env) running && print_env ;;
  *) echo "usage: bash scripts/services.sh install|start|stop|env" >&2; exit 2 ;;
esac
