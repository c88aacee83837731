#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the trial-record tests (CTest fixture).
#   pg_cluster.sh start STATE_FILE   initdb + start on a free 127.0.0.1 port; writes the URL
#   pg_cluster.sh stop STATE_FILE    stop it (immediately) and delete its data
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user with a
# data directory under /tmp that it owns. Fails loudly (exit 1, message on stderr) when
# PostgreSQL is missing or will not start: the PostgreSQL tests must never pass silently.
set -euo pipefail

action=${1:?start|stop}
state=${2:?state file}

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/pg_ctl" ]; then
  echo "pg_cluster: PostgreSQL server binaries not found (install Debian package postgresql)" >&2
  exit 1
fi

case "$action" in
start)
  if [ -f "$state" ]; then "$0" stop "$state" || true; fi  # a cluster left by a killed run
  dir=$(mktemp -d /tmp/nbra-pg-XXXXXX)
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
  echo "PGDIR=$dir" >"$state"
  as_pg "$pgbin/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 || {
    echo "pg_cluster: initdb failed:" >&2; cat "$dir/initdb.log" >&2; exit 1; }
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi  # taken
    if as_pg "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null 2>&1; then
      echo "PGDIR=$dir" >"$state"
      echo "PGURL=postgresql://postgres@127.0.0.1:$port/postgres" >>"$state"
      echo "pg_cluster: PostgreSQL running on 127.0.0.1:$port (data in $dir)"
      exit 0
    fi
    echo "pg_cluster: attempt $attempt on port $port failed" >&2
  done
  echo "pg_cluster: PostgreSQL would not start; server log:" >&2
  cat "$dir/server.log" >&2 || true
  exit 1
  ;;
stop)
  [ -f "$state" ] || exit 0
  dir=$(sed -n 's/^PGDIR=//p' "$state")
  if [ -n "$dir" ] && [ -d "$dir/data" ]; then
    as_pg "$pgbin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  case "$dir" in /tmp/nbra-pg-*) rm -rf "$dir" ;; esac
  rm -f "$state"
  echo "pg_cluster: stopped"
  ;;
*)
  echo "usage: pg_cluster.sh start|stop STATE_FILE" >&2
  exit 2
  ;;
esac
