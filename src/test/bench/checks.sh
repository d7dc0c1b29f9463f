#!/usr/bin/env bash
# Check scheduler benchmark: N HTTP checks at a fixed interval against a local nginx stub, for a while,
# reporting sustained runs per second, schedule lag (actual start minus due time), CPU, memory and how
# fast the database grows. Usage, from the repository root:
#   bash src/test/bench/checks.sh [checks=10000] [interval seconds=30] [minutes=5]
# Needs: nginx, curl, python3, a local PostgreSQL answering as postgres on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/../../.."
CHECKS="${1:-10000}"
INTERVAL="${2:-30}"
MINUTES="${3:-5}"
PORT=18080
STUB_PORT=18082
WORK=$(mktemp -d)
chmod 755 "$WORK"
TOKEN="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cleanup() {
  [[ -n "${OPSLINE_PID:-}" ]] && kill "$OPSLINE_PID" 2>/dev/null || true
  [[ -f "$WORK/nginx.pid" ]] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

[[ -f target/opsline.jar ]] || ./mvnw -q -B -DskipTests package
psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE IF EXISTS opsline_checkbench' -c 'CREATE DATABASE opsline_checkbench'
export OPSLINE_DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/opsline_checkbench

cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:$STUB_PORT;
    location /health { default_type application/json; return 200 '{"status":"UP","components":{"db":{"status":"UP"}}}'; }
  }
}
CONF
nginx -c "$WORK/nginx.conf"

echo "== starting Opsline with a 512 MB heap on :$PORT"
MICRONAUT_SERVER_PORT=$PORT OPSLINE_BOOTSTRAP_ADMIN_TOKEN=$TOKEN OPSLINE_LOG_LEVEL=WARN \
  java -Xmx512m -jar target/opsline.jar >"$WORK/opsline.log" 2>&1 &
OPSLINE_PID=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/health/readiness" >/dev/null && break; sleep 1; done

gql() { curl -fs "http://127.0.0.1:$PORT/graphql" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$1"; }
gql '{"query":"mutation { createService(input: {name: \"Bench\"}) { userErrors { message } } }"}' >/dev/null

echo "== creating $CHECKS HTTP checks every $INTERVAL s"
python3 - "$CHECKS" "$INTERVAL" "$STUB_PORT" >"$WORK/batches.jsonl" <<'PY'
import json, sys
checks, interval, port = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
batch = 200
for start in range(0, checks, batch):
    fields = []
    for i in range(start, min(start + batch, checks)):
        fields.append(f'c{i}: createCheck(input: {{service: "bench", name: "check {i}", kind: HTTP, '
                      f'target: "http://127.0.0.1:{port}/health?n={i}", intervalSeconds: {interval}, timeoutSeconds: 5, '
                      f'conditions: ["[STATUS] == 200", "[BODY].status == UP"]}}) {{ userErrors {{ message }} }}')
    print(json.dumps({"query": "mutation {" + " ".join(fields) + "}"}))
PY
created_at=$(date +%s)
while read -r batch; do gql "$batch" | grep -q '"userErrors":\[\]' || { echo "a batch was refused"; exit 1; }; done <"$WORK/batches.jsonl"
echo "   created in $(( $(date +%s) - created_at )) s"

metric() { curl -fs "http://127.0.0.1:$PORT/prometheus" | awk -v name="$1" '$1 == name {print $2}' | head -n 1; }
db_bytes() { psql -h 127.0.0.1 -U postgres -d opsline_checkbench -Atc \
  "select pg_total_relation_size('check_rollup') + coalesce((select sum(pg_total_relation_size(c.oid)) from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent where p.relname = 'check_result'), 0)"; }
result_rows() { psql -h 127.0.0.1 -U postgres -d opsline_checkbench -Atc "select count(*) from check_result"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$OPSLINE_PID/stat"; }
postgres_seconds() { ps -C postgres -o times= | awk '{s += $1} END {print s}'; }

echo "== warming up for one interval"
sleep "$INTERVAL"
runs0=$(metric opsline_checks_runs_total); bytes0=$(db_bytes); rows0=$(result_rows); ticks0=$(cpu_ticks); pg0=$(postgres_seconds); t0=$(date +%s)
printf '%8s %10s %10s %10s %10s %10s %8s %8s\n' "elapsed" "runs/s" "lag p50" "lag p99" "lag max" "heap MB" "RSS MB" "CPU %"
max_heap=0; max_rss=0; max_lag=0; worst_p99=0
for _ in $(seq 1 $(( MINUTES * 2 ))); do
  r1=$(metric opsline_checks_runs_total); k1=$(cpu_ticks); s1=$(date +%s)
  sleep 30
  r2=$(metric opsline_checks_runs_total); k2=$(cpu_ticks); s2=$(date +%s)
  p50=$(metric 'opsline_checks_schedule_lag_seconds{quantile="0.5"}'); p99=$(metric 'opsline_checks_schedule_lag_seconds{quantile="0.99"}')
  lmax=$(metric opsline_checks_schedule_lag_seconds_max)
  heap=$(curl -fs "http://127.0.0.1:$PORT/prometheus" | awk 'index($0, "jvm_memory_used_bytes{area=\"heap\"") == 1 {s += $NF} END {printf "%d", s / 1048576}')
  rss=$(( $(awk '/VmRSS/ {print $2}' "/proc/$OPSLINE_PID/status") / 1024 ))
  cpu=$(python3 -c "print(round(($k2 - $k1) / $(getconf CLK_TCK) / ($s2 - $s1) * 100))")
  rate=$(python3 -c "print(round(($r2 - $r1) / ($s2 - $s1), 1))")
  printf '%7ss %10s %9.3fs %9.3fs %9.3fs %10s %8s %8s\n' "$(( s2 - t0 ))" "$rate" "$p50" "$p99" "$lmax" "$heap" "$rss" "$cpu"
  max_heap=$(( heap > max_heap ? heap : max_heap )); max_rss=$(( rss > max_rss ? rss : max_rss ))
  worst_p99=$(python3 -c "print(max($worst_p99, $p99))"); max_lag=$(python3 -c "print(max($max_lag, $lmax))")
done
runs1=$(metric opsline_checks_runs_total); bytes1=$(db_bytes); rows1=$(result_rows); ticks1=$(cpu_ticks); pg1=$(postgres_seconds); t1=$(date +%s)
elapsed=$(( t1 - t0 ))
python3 - <<PY
elapsed = $elapsed
runs = $runs1 - $runs0
print("== summary over %d s" % elapsed)
print("   sustained: %.1f checks/s (target %d checks / %d s = %.1f/s)" % (runs / elapsed, $CHECKS, $INTERVAL, $CHECKS / $INTERVAL))
print("   schedule lag: worst p99 %.3f s, max %.3f s" % ($worst_p99, $max_lag))
print("   CPU: Opsline %.0f%% and PostgreSQL %.0f%% of one core on average; heap max %d MB (limit 512); RSS max %d MB" %
      (($ticks1 - $ticks0) / $(getconf CLK_TCK) / elapsed * 100, ($pg1 - $pg0) / elapsed * 100, $max_heap, $max_rss))
rows = $rows1 - $rows0
growth = $bytes1 - $bytes0
print("   database: %d result rows, %.1f MB in %d s -> %.1f GB/day for all checks, %.0f KB/day per check" %
      (rows, growth / 1e6, elapsed, growth / elapsed * 86400 / 1e9, growth / elapsed * 86400 / $CHECKS / 1e3))
PY
grep -E "ERROR|WARN" "$WORK/opsline.log" | head -5 || true
