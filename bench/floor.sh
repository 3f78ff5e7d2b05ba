#!/usr/bin/env bash
# The stack's own floor (issues 12 and 14): a controls-free servlet proxy (bench/floor/Proxy.java) on the
# same Open Liberty runtime as Novix, against nginx and the stub in the same run: requests/s at 64
# connections and added p50/p99 at 1 connection against a 20 ms upstream, for the JDK HttpClient
# (/async), blocking sockets (/block), Apache HttpClient 5 async (/hc5, bench/floor/Hc5.java) and its classic blocking
# client as Novix uses it for whole answers (/classic, bench/floor/Classic.java). Prints its figures; needs the build (mvn install) first.
# With BURST=N it then sends N calls at once against a 2 s upstream, direct and through each of BURST_PATHS (default
# async; BURST_ROUNDS rounds, each path warmed by one burst first; burst_calls).
#   bench/floor.sh   (ROUNDS=3 DURATION=15s WARMUP=60s BURST= BURST_PATHS=async BURST_ROUNDS=1)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-15s}; WARMUP=${WARMUP:-60s}; BURST_PATHS=${BURST_PATHS:-async}
WORK=bench/.work-floor
source bench/lib.sh
need nginx nginx
rm -rf "$WORK"
WLP=ear-packaging/target/liberty/wlp
floor_war
floor_server floor "<featureManager><feature>servlet-6.0</feature></featureManager>"
STUB_PORT=$(free_port); NGINX_PORT=$(free_port); FLOOR_PORT=$(free_port)
start_stub "$STUB_PORT" "$WORK/stub.log"
start_nginx "$NGINX_PORT" "$STUB_PORT" "$WORK/nginx"
FLOOR_UPSTREAM="http://127.0.0.1:$STUB_PORT" FLOOR_PORT=$FLOOR_PORT "$WLP/bin/server" run floor > "$WORK/floor.log" 2>&1 & PIDS+=($!)
wait_for "$WORK/floor.log" "CWWKF0011I"
DIRECT="http://127.0.0.1:$STUB_PORT"; NGINX="http://127.0.0.1:$NGINX_PORT"
ASYNC="http://127.0.0.1:$FLOOR_PORT/async"; BLOCK="http://127.0.0.1:$FLOOR_PORT/block"; HC5="http://127.0.0.1:$FLOOR_PORT/hc5"; CLASSIC="http://127.0.0.1:$FLOOR_PORT/classic"
D=$DURATION; DURATION=$WARMUP; run_wrk warm-async "$ASYNC" 64 2 ""; run_wrk warm-block "$BLOCK" 64 2 ""; run_wrk warm-hc5 "$HC5" 64 2 ""; run_wrk warm-classic "$CLASSIC" 64 2 ""; DURATION=$D
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r: idle $(idle_pct) %"
  run_wrk nginx64 "$NGINX" 64 2 ""; run_wrk async64 "$ASYNC" 64 2 ""; run_wrk block64 "$BLOCK" 64 2 ""; run_wrk hc564 "$HC5" 64 2 ""; run_wrk classic64 "$CLASSIC" 64 2 ""
done
stub_delay 20 >/dev/null
DURATION=10s run_wrk warm1 "$ASYNC" 1 1 ""; DURATION=10s run_wrk warm2 "$BLOCK" 1 1 ""; DURATION=10s run_wrk warm3 "$HC5" 1 1 ""; DURATION=10s run_wrk warm4 "$CLASSIC" 1 1 ""
for r in $(seq 1 "$ROUNDS"); do
  run_wrk direct20 "$DIRECT" 1 1 ""; run_wrk nginx20 "$NGINX" 1 1 ""; run_wrk async20 "$ASYNC" 1 1 ""; run_wrk block20 "$BLOCK" 1 1 ""; run_wrk hc520 "$HC5" 1 1 ""; run_wrk classic20 "$CLASSIC" 1 1 ""
done
m() { median < "$WORK/$1"; }
N=$(m nginx64.rps)
echo "requests/s at 64 connections (medians): nginx $N, Liberty + JDK HttpClient $(m async64.rps) ($(awk -v a="$(m async64.rps)" -v n="$N" 'BEGIN {printf "%.2f", a/n}') x nginx), Liberty + blocking sockets $(m block64.rps) ($(awk -v a="$(m block64.rps)" -v n="$N" 'BEGIN {printf "%.2f", a/n}') x nginx), Liberty + HttpClient 5 async $(m hc564.rps) ($(awk -v a="$(m hc564.rps)" -v n="$N" 'BEGIN {printf "%.2f", a/n}') x nginx), Liberty + HttpClient 5 classic $(m classic64.rps) ($(awk -v a="$(m classic64.rps)" -v n="$N" 'BEGIN {printf "%.2f", a/n}') x nginx)"
for x in nginx20 async20 block20 hc520 classic20; do
  echo "added at 1 connection, 20 ms upstream, $x: p50 $(awk -v a="$(m $x.p50)" -v d="$(m direct20.p50)" 'BEGIN {printf "%+.2f", a-d}') ms, p99 $(awk -v a="$(m $x.p99)" -v d="$(m direct20.p99)" 'BEGIN {printf "%+.2f", a-d}') ms"
done
if [ -n "${BURST:-}" ]; then
  stub_delay 2000 >/dev/null
  LPID=$(pgrep -n -f 'ws-server.jar.*floor')
  for p in $BURST_PATHS; do burst_calls "warm-burst-$p" "http://127.0.0.1:$FLOOR_PORT/$p" "" "$BURST" > /dev/null; done
  for r in $(seq "${BURST_ROUNDS:-1}"); do
    burst_calls burst-direct "$DIRECT" "" "$BURST" > "$WORK/burst-direct.txt"
    echo "$BURST calls at once, 2 s upstream (wall ok failed p50 p99 max mean, ms), round $r: direct $(cat "$WORK/burst-direct.txt")"
    for p in $BURST_PATHS; do
      burst_calls "burst-$p" "http://127.0.0.1:$FLOOR_PORT/$p" "" "$BURST" > "$WORK/burst-$p.txt"
      echo "  /$p $(cat "$WORK/burst-$p.txt"), mean added $(( $(awk '{print $7}' "$WORK/burst-$p.txt") - $(awk '{print $7}' "$WORK/burst-direct.txt") )) ms"
    done
  done
  echo "peak RSS $(awk '/^VmHWM:/ {print int($2/1024)}' /proc/$LPID/status) MiB"
fi
rm -rf "$WLP/usr/servers/floor"
