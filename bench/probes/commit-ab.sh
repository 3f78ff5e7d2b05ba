#!/usr/bin/env bash
# (bench/probes: the by-hand probes behind a RESULTS.md section; not part of bench/run.sh)
# Does the write-ahead commit's flush set the added latency at one connection? The Enterprise tenant against the 20 ms
# stub, alternating PostgreSQL's synchronous_commit on (as shipped) and off (the WAL flush left to the WAL writer),
# $ROUNDS rounds of $DURATION each after $WARMUP at 64 connections. A probe only: Novix ships with synchronous commits.
#   bench/probes/commit-ab.sh            (WARMUP=60s DURATION=15s ROUNDS=2)
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=${WORK:-bench/.work/commit-ab}
WARMUP=${WARMUP:-60s}; DURATION=${DURATION:-15s}; ROUNDS=${ROUNDS:-2}
source bench/lib.sh
one_connection_setup "$WARMUP"
commit() { sql "ALTER SYSTEM SET synchronous_commit = $1" >/dev/null; sql "SELECT pg_reload_conf()" >/dev/null; }
for r in $(seq 1 "$ROUNDS"); do
  run_wrk direct "http://127.0.0.1:$STUB_PORT" 1 1 ""
  commit on; run_wrk sync-on "$NOVIX" 1 1 "$ENT"
  commit off; run_wrk sync-off "$NOVIX" 1 1 "$ENT"
done
commit on
for n in direct sync-on sync-off; do
  echo "$n: p50 $(median < "$WORK/$n.p50") ms, p99 $(median < "$WORK/$n.p99") ms (medians of $ROUNDS rounds)"
done
