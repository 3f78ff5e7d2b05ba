#!/usr/bin/env bash
# (bench/probes: the by-hand probes behind a RESULTS.md section; not part of bench/run.sh)
# Where a call's added latency goes at one connection against the 20 ms stub (Enterprise tenant, every control on):
# after a warm-up, a JFR recording of every park, monitor wait and socket read/write of Liberty's threads (threshold 0),
# then each call split on its request thread (bench/probes/LatencySplit.java): before the upstream write, the upstream
# leg, after the answer was read, and the time parked or waiting for a monitor in between. Prints p50 / p90 / p99.
#   bench/probes/latency-events.sh            (WARMUP=60s DURATION=10s)
set -euo pipefail
cd "$(dirname "$0")/../.."
WARMUP=${WARMUP:-60s}
DURATION=${DURATION:-10s}
WORK=${WORK:-bench/.work/latency-events}
source bench/lib.sh

one_connection_setup "$WARMUP"
cat > "$WORK/events.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.ThreadPark"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">0 ms</setting></event>
  <event name="jdk.JavaMonitorWait"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">0 ms</setting></event>
  <event name="jdk.JavaMonitorEnter"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">0 ms</setting></event>
  <event name="jdk.SocketRead"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">0 ms</setting></event>
  <event name="jdk.SocketWrite"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">0 ms</setting></event>
</configuration>
JFC
jcmd "$LIBERTY_PID" JFR.start name=events settings="$PWD/$WORK/events.jfc" filename="$PWD/$WORK/events.jfr" >/dev/null
run_wrk measured "$NOVIX" 1 1 "$ENT"
jcmd "$LIBERTY_PID" JFR.stop name=events >/dev/null
run_wrk direct "http://127.0.0.1:$STUB_PORT" 1 1 ""
echo "p50 / p99 through Novix: $(tail -1 "$WORK/measured.p50") / $(tail -1 "$WORK/measured.p99") ms; direct: $(tail -1 "$WORK/direct.p50") / $(tail -1 "$WORK/direct.p99") ms"
java bench/probes/LatencySplit.java "$WORK/events.jfr"
