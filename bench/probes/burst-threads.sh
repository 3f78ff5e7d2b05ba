#!/usr/bin/env bash
# (bench/probes: the by-hand probes behind a RESULTS.md section; not part of bench/run.sh)
# Two bursts of 2,000 through a Government Novix (NOVIX_INFERENCE_WAITING_THREADS=$W) after $WARM of warm-up, one direct,
# then a third with thread dumps and the count of upstream connections taken 2.3 s and 3.1 s into it.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=bench/.work-bp; W=${W:-64}
source bench/lib.sh
launcher_classpath
STUB_PORT=$(free_port); NOVIX_PORT=$(free_port)
start_stub "$STUB_PORT" "$WORK/stub.log"
export NOVIX_INFERENCE_WAITING_THREADS=$W
NOVIX_DEMO_TIER=GOVERNMENT NOVIX_HOME_DIR=$WORK/home start_novix "$STUB_PORT" "$WORK/novix.log"
GOV=$TOKEN; NOVIX="http://127.0.0.1:$NOVIX_PORT"
DURATION=${WARM:-30s} run_wrk warm "$NOVIX" 64 2 "$GOV"
stub_delay 2000
burst_calls warmb "$NOVIX" "$GOV" 2000
burst_calls b0 "$NOVIX" "$GOV" 2000; burst_calls bd "http://127.0.0.1:$STUB_PORT" "" 2000; ( burst_calls b1 "$NOVIX" "$GOV" 2000 > $WORK/b1.txt ) & BP=$!
sleep 2.3; jstack $LIBERTY_PID > $WORK/js1.txt; ss -tn state established "( dport = :$STUB_PORT )" | wc -l > $WORK/ss1; sleep 0.8; jstack $LIBERTY_PID > $WORK/js2.txt; ss -tn state established "( dport = :$STUB_PORT )" | wc -l > $WORK/ss2
wait $BP; cat $WORK/b1.txt
stop_novix
