#!/usr/bin/env bash
# (bench/probes: the by-hand probes behind a RESULTS.md section; not part of bench/run.sh)
# Where a call's CPU goes at ONE connection against the 20 ms stub (Enterprise tenant, as bench/run.sh's latency rows):
# after $WARMUP at 64 connections and 20 s at one, a JFR recording with execution samples every 1 ms for $DURATION,
# then the request threads' samples split by pipeline stage (bench/probes/stage-split.py).
#   bench/probes/profile-one.sh            (WARMUP=90s DURATION=60s)
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=${WORK:-bench/.work/profile-one}
WARMUP=${WARMUP:-90s}
source bench/lib.sh
one_connection_setup "$WARMUP"
JFC="$WORK/profile.jfc"
sed -E -e 's#<setting name="period" control="method-sampling-java-interval">[0-9]+ ms</setting>#<setting name="period">1 ms</setting>#' \
  "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" > "$JFC"
jcmd "$LIBERTY_PID" JFR.start name=probe settings="$PWD/$JFC" filename="$PWD/$WORK/one.jfr" >/dev/null
DURATION=${DURATION:-60s} run_wrk measured "$NOVIX" 1 1 "$ENT"
jcmd "$LIBERTY_PID" JFR.stop name=probe >/dev/null
DURATION=20s run_wrk direct "http://127.0.0.1:$STUB_PORT" 1 1 ""
echo "p50 / p99 through Novix: $(tail -1 "$WORK/measured.p50") / $(tail -1 "$WORK/measured.p99") ms; direct: $(tail -1 "$WORK/direct.p50") / $(tail -1 "$WORK/direct.p99") ms; calls $(tail -1 $WORK/measured.count)"
python3 bench/probes/stage-split.py "$WORK/one.jfr"
