#!/usr/bin/env bash
# Status page benchmark: Opsline's GET / against nginx serving the very same bytes, with wrk
# (2 threads, 32 connections), then how fast a status change reaches the page while under load.
# Usage, from the repository root: bash src/test/bench/status-page.sh [seconds per run, default 30]
# Needs: wrk, nginx, curl, a local PostgreSQL answering as postgres on 127.0.0.1:5432
# (or set OPSLINE_DATABASE_URL/USER/PASSWORD to a database it may fill with demo data).
set -euo pipefail
cd "$(dirname "$0")/../../.."
DURATION="${1:-30}"
OPSLINE_PORT=18080
NGINX_PORT=18081
WORK=$(mktemp -d)
chmod 755 "$WORK"   # nginx workers run unprivileged and must read the page
TOKEN="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cleanup() {
  [[ -n "${OPSLINE_PID:-}" ]] && kill "$OPSLINE_PID" 2>/dev/null || true
  [[ -f "$WORK/nginx.pid" ]] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

[[ -f target/opsline.jar ]] || ./mvnw -q -B -DskipTests package
if [[ -z "${OPSLINE_DATABASE_URL:-}" ]]; then
  psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE IF EXISTS opsline_bench' -c 'CREATE DATABASE opsline_bench'
  export OPSLINE_DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/opsline_bench
fi

echo "== starting Opsline (demo catalog) on :$OPSLINE_PORT"
MICRONAUT_SERVER_PORT=$OPSLINE_PORT OPSLINE_DEMO=true OPSLINE_BOOTSTRAP_ADMIN_TOKEN=$TOKEN OPSLINE_LOG_LEVEL=WARN \
  java -jar target/opsline.jar >"$WORK/opsline.log" 2>&1 &
OPSLINE_PID=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$OPSLINE_PORT/health/readiness" >/dev/null && break; sleep 1; done
curl -fs "http://127.0.0.1:$OPSLINE_PORT/" -o "$WORK/index.html"
chmod 644 "$WORK/index.html"
echo "   page: $(wc -c <"$WORK/index.html") bytes"

cat >"$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK;
    location = / { default_type text/html; try_files /index.html =404; }
  }
}
CONF
nginx -c "$WORK/nginx.conf"

run() { # name url
  wrk -t2 -c32 -d"${DURATION}s" --latency "$2" >"$WORK/$1.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$1.txt")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/$1.txt")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$1.txt")
  errors=$(grep -E "Non-2xx|Socket errors" "$WORK/$1.txt" | tr '\n' ' ' || true)
  printf '%-8s %12s req/s   p50 %8s   p99 %8s   %s\n' "$1" "$rps" "$p50" "$p99" "$errors"
}

echo "== warming up Opsline's JIT (10 s)"
wrk -t2 -c32 -d10s "http://127.0.0.1:$OPSLINE_PORT/" >/dev/null
echo "== wrk -t2 -c32 -d${DURATION}s"
run nginx "http://127.0.0.1:$NGINX_PORT/"
run opsline "http://127.0.0.1:$OPSLINE_PORT/"

echo "== freshness: status changes while wrk loads the page"
wrk -t2 -c32 -d"$((DURATION + 10))s" "http://127.0.0.1:$OPSLINE_PORT/" >/dev/null &
WRK_PID=$!
sleep 2
set_status() { # status
  curl -fs "http://127.0.0.1:$OPSLINE_PORT/graphql" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"query\":\"mutation { setServiceStatus(input: {service: \\\"reconciliation-api\\\", status: $1, reason: \\\"benchmark\\\"}) { userErrors { message } } }\"}" >/dev/null
}
delays=()
for i in $(seq 1 10); do
  if (( i % 2 )); then status=MAJOR_OUTAGE; words="Major System Outage"; else status=OPERATIONAL; words="Minor Service Outage"; fi
  start=$(date +%s%N)
  set_status "$status"
  until curl -fs "http://127.0.0.1:$OPSLINE_PORT/" | grep -q "$words"; do
    (( $(date +%s%N) - start > 5000000000 )) && { echo "   change $i not visible after 5 s"; break; }
    sleep 0.01
  done
  delays+=($(( ($(date +%s%N) - start) / 1000000 )))
  sleep 0.5
done
kill "$WRK_PID" 2>/dev/null || true
sorted=$(printf '%s\n' "${delays[@]}" | sort -n)
echo "   mutation to visible on the page, ms: $(echo $sorted | tr '\n' ' ')(max $(echo "$sorted" | tail -n 1))"
