#!/usr/bin/env bash
# (bench/probes: the by-hand probes behind a RESULTS.md section; not part of bench/run.sh)
# What Novix's Liberty features cost a call that uses none of them: the controls-free proxy of bench/floor.sh
# (/classic: Apache HttpClient 5 classic, as Novix's request threads) on two servers started side by side from the
# same runtime, one with servlet-6.0 only and one with Novix's feature list and the server-wide settings that apply
# to every request (webAppSecurity, monitor filter, SAML's disabled default SP). Alternating rounds: added p50 / p99 at
# 1 connection against the 20 ms stub, requests/s and each server's CPU-ms per call at 64 connections.
#   bench/probes/features-floor.sh            (ROUNDS=3 DURATION=15s WARMUP=60s)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-15s}; WARMUP=${WARMUP:-60s}
WORK=bench/.work-ff
source bench/lib.sh
rm -rf "$WORK"
WLP=ear-packaging/target/liberty/wlp
floor_war
floor_server ff-bare "<featureManager><feature>servlet-6.0</feature></featureManager>"
floor_server ff-full "$(sed -n '/<featureManager>/,/<\/featureManager>/p' liberty/server.xml)" '
  <httpDispatcher trustedHeaderOrigin="none" trustedSensitiveHeaderOrigin="none"/>
  <keyStore id="defaultKeyStore" password="features-floor-unused"/>
  <basicRegistry id="basic" realm="novix"><user name="novix-metrics" password=""/></basicRegistry>
  <webAppSecurity useAuthenticationDataForUnprotectedResource="false"/>
  <authFilter id="novixNoDefaultSp"><requestUrl urlPattern="/novix-no-default-sp" matchType="equals"/></authFilter>
  <samlWebSso20 id="defaultSP" enabled="false" authFilterRef="novixNoDefaultSp"/>
  <mpMetrics authentication="true"/>
  <monitor filter="ThreadPool,ConnectionPool,Session"/>'
STUB_PORT=$(free_port); BARE_PORT=$(free_port); FULL_PORT=$(free_port)
start_stub "$STUB_PORT" "$WORK/stub.log"
FLOOR_UPSTREAM="http://127.0.0.1:$STUB_PORT" FLOOR_PORT=$BARE_PORT "$WLP/bin/server" run ff-bare > "$WORK/bare.log" 2>&1 & PIDS+=($!)
FLOOR_UPSTREAM="http://127.0.0.1:$STUB_PORT" FLOOR_PORT=$FULL_PORT "$WLP/bin/server" run ff-full > "$WORK/full.log" 2>&1 & PIDS+=($!)
wait_for "$WORK/bare.log" "CWWKF0011I"; wait_for "$WORK/full.log" "CWWKF0011I"
BARE_PID=$(pgrep -n -f 'ws-server.jar.*ff-bare'); FULL_PID=$(pgrep -n -f 'ws-server.jar.*ff-full')
grep -E "CWWKF0012I" "$WORK/full.log" | sed 's/.*CWWKF0012I: The server installed the following features: /full server features: /' | cut -c1-400
BARE="http://127.0.0.1:$BARE_PORT/classic"; FULL="http://127.0.0.1:$FULL_PORT/classic"; DIRECT="http://127.0.0.1:$STUB_PORT"
D=$DURATION; DURATION=$WARMUP; run_wrk warm-bare "$BARE" 64 2 ""; run_wrk warm-full "$FULL" 64 2 ""; DURATION=$D
cpu_per_call() { # name pid: Liberty CPU-ms per call of the last run_wrk of that name (ticks around it)
  awk -v t="$2" -v n="$(tail -1 "$WORK/$1.count")" 'BEGIN {printf "%.3f\n", t * 10 / n}' >> "$WORK/$1.cpu"
}
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r: idle $(idle_pct) %"
  t0=$(ticks $BARE_PID); run_wrk bare64 "$BARE" 64 2 ""; cpu_per_call bare64 $(( $(ticks $BARE_PID) - t0 ))
  t0=$(ticks $FULL_PID); run_wrk full64 "$FULL" 64 2 ""; cpu_per_call full64 $(( $(ticks $FULL_PID) - t0 ))
done
stub_delay 20 >/dev/null
DURATION=10s run_wrk warm1 "$BARE" 1 1 ""; DURATION=10s run_wrk warm2 "$FULL" 1 1 ""
for r in $(seq 1 "$ROUNDS"); do
  run_wrk direct20 "$DIRECT" 1 1 ""; run_wrk bare20 "$BARE" 1 1 ""; run_wrk full20 "$FULL" 1 1 ""
done
m() { median < "$WORK/$1"; }
echo "64 connections (medians): servlet only $(m bare64.rps) requests/s, $(m bare64.cpu) CPU-ms a call; Novix's features $(m full64.rps) requests/s, $(m full64.cpu) CPU-ms a call"
for x in bare20 full20; do
  echo "added at 1 connection, 20 ms upstream, $x: p50 $(awk -v a="$(m $x.p50)" -v d="$(m direct20.p50)" 'BEGIN {printf "%+.2f", a-d}') ms, p99 $(awk -v a="$(m $x.p99)" -v d="$(m direct20.p99)" 'BEGIN {printf "%+.2f", a-d}') ms (rounds: $(paste -sd' ' "$WORK/$x.p50"))"
done
echo "direct p50 rounds: $(paste -sd' ' "$WORK/direct20.p50")"
rm -rf "$WLP/usr/servers/ff-bare" "$WLP/usr/servers/ff-full"
