#!/usr/bin/env bash
# (bench/probes: the by-hand probes behind a RESULTS.md section; not part of bench/run.sh)
# A/B probe: Novix with NOVIX_INFERENCE_WAITING_THREADS in $SETTINGS, same stub and nginx, medians of $ROUNDS.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=bench/.work-ab; ROUNDS=${ROUNDS:-3}; SETTINGS=${SETTINGS:-"0 128"}; WARM=${WARM:-90s}
source bench/lib.sh
launcher_classpath
STUB_PORT=$(free_port); NGINX_PORT=$(free_port)
start_stub "$STUB_PORT" "$WORK/stub.log"
start_nginx "$NGINX_PORT" "$STUB_PORT" "$WORK/nginx"
DIRECT="http://127.0.0.1:$STUB_PORT"; NGINX="http://127.0.0.1:$NGINX_PORT"
for W in $SETTINGS; do
  NOVIX_PORT=$(free_port); rm -f $WORK/*-$W.*
  export NOVIX_INFERENCE_WAITING_THREADS=$W
  NOVIX_DEMO_TIER=GOVERNMENT NOVIX_HOME_DIR=$WORK/home$W start_novix "$STUB_PORT" "$WORK/novix$W.log"
  GOV=$TOKEN; NOVIX="http://127.0.0.1:$NOVIX_PORT"
  ENT=$(enterprise_token "$WORK/home$W/admin-token" "$NOVIX")
  stub_delay 0
  DURATION=$WARM run_wrk warm-$W "$NOVIX" 64 2 "$GOV"
  DURATION=15s run_wrk warm1-$W "$NOVIX" 1 1 "$ENT"
  for r in $(seq 1 $ROUNDS); do
    stub_delay 0
    DURATION=10s run_wrk nginx64-$W "$NGINX" 64 2 ""
    c0=$(ticks $LIBERTY_PID)
    DURATION=15s run_wrk novix64-$W "$NOVIX" 64 2 "$GOV"
    c1=$(ticks $LIBERTY_PID); awk -v c=$((c1-c0)) -v n=$(tail -1 $WORK/novix64-$W.count) 'BEGIN{printf "%.3f\n", c/100/n*1000}' >> $WORK/novix64-$W.cpu
    DURATION=10s run_wrk novix1z-$W "$NOVIX" 1 1 "$ENT"
    DURATION=10s run_wrk direct1z-$W "$DIRECT" 1 1 ""
    stub_delay 20
    DURATION=15s run_wrk novix1-$W "$NOVIX" 1 1 "$ENT"
    DURATION=10s run_wrk direct1-$W "$DIRECT" 1 1 ""
  done
  stub_delay 2000
  burst_calls warmb-$W "$NOVIX" "$GOV" 2000 > /dev/null
  THR0=$(ls /proc/$LIBERTY_PID/task | wc -l)
  burst_calls burstd-$W "$DIRECT" "" 2000 > $WORK/burstd-$W.txt &
  BP=$!; wait $BP
  ( burst_calls burstn-$W "$NOVIX" "$GOV" 2000 > $WORK/burstn-$W.txt ) &
  BP=$!; PEAKT=0; PEAKR=0
  while kill -0 $BP 2>/dev/null; do t=$(ls /proc/$LIBERTY_PID/task | wc -l); r=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$LIBERTY_PID/status); [ $t -gt $PEAKT ] && PEAKT=$t; [ $r -gt $PEAKR ] && PEAKR=$r; sleep 0.2; done
  stub_delay 0
  m() { median < $WORK/$1-$W.$2; }
  echo "W=$W nginx64 $(m nginx64 rps) novix64 $(m novix64 rps) ratio $(awk -v a=$(m novix64 rps) -v b=$(m nginx64 rps) 'BEGIN{printf "%.3f", a/b}') cpu/1000 $(m novix64 cpu)" | tee -a $WORK/summary
  echo "W=$W 0ms: novix p50 $(m novix1z p50) p99 $(m novix1z p99) direct p50 $(m direct1z p50) p99 $(m direct1z p99)" | tee -a $WORK/summary
  echo "W=$W 20ms: novix p50 $(m novix1 p50) p99 $(m novix1 p99) direct p50 $(m direct1 p50) p99 $(m direct1 p99)" | tee -a $WORK/summary
  echo "W=$W burst direct $(cat $WORK/burstd-$W.txt) novix $(cat $WORK/burstn-$W.txt) threads before $THR0 peak $PEAKT rss $PEAKR" | tee -a $WORK/summary
  stop_novix
done
