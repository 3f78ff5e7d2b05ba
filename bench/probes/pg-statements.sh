#!/usr/bin/env bash
# (bench/probes: the by-hand probes behind a RESULTS.md section; not part of bench/run.sh)
# Where PostgreSQL's CPU per call goes: the gateway (Government demo tenant, every control on) under
# wrk at 64 connections against the Node stub, with pg_stat_statements loaded in the embedded
# PostgreSQL (ALTER SYSTEM, then a restart). Prints, per 1,000 calls, the statements' calls, rows and
# execution time, the transactions committed, and PostgreSQL's CPU.
#   bench/probes/pg-statements.sh            (WARMUP=90s DURATION=30s)
set -euo pipefail
cd "$(dirname "$0")/../.."
WARMUP=${WARMUP:-90s}
DURATION=${DURATION:-30s}
WORK=bench/.work/pg-statements
source bench/lib.sh

build_and_classpath
STUB_PORT=$(free_port); start_stub "$STUB_PORT" "$WORK/stub.log"
NOVIX_PORT=$(free_port)
NOVIX_DEMO_TIER=GOVERNMENT start_novix "$STUB_PORT" "$WORK/novix.log"
sql "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'" >/dev/null
sql "ALTER SYSTEM SET pg_stat_statements.track = 'all'" >/dev/null
stop_novix
NOVIX_DEMO_TIER=GOVERNMENT start_novix "$STUB_PORT" "$WORK/novix2.log"
sql "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
NOVIX="http://127.0.0.1:$NOVIX_PORT"

DURATION=$WARMUP run_wrk warm "$NOVIX" 64 2 "$TOKEN"
sql "SELECT pg_stat_statements_reset()" >/dev/null
sql "SELECT pg_stat_reset_shared('wal')" >/dev/null
by_title() { for p in $(pgrep -f '^postgres'); do echo "$p $(ticks "$p") $(tr '\0' ' ' < /proc/$p/cmdline)"; done; }
by_title > "$WORK/titles0"
xact0=$(sql "SELECT sum(xact_commit + xact_rollback) FROM pg_stat_database")
pg0=$(ticks_of 'postgres'); lib0=$(ticks "$LIBERTY_PID")
run_wrk measured "$NOVIX" 64 2 "$TOKEN"
pg1=$(ticks_of 'postgres'); lib1=$(ticks "$LIBERTY_PID")
by_title > "$WORK/titles1"
xact1=$(sql "SELECT sum(xact_commit + xact_rollback) FROM pg_stat_database")
calls=$(tail -1 "$WORK/measured.count")
echo "calls: $calls at $(tail -1 "$WORK/measured.rps") requests/s"
echo "CPU ms per call: Liberty $(awk -v t=$((lib1 - lib0)) -v n="$calls" 'BEGIN {printf "%.3f", t * 10 / n}'), PostgreSQL $(awk -v t=$((pg1 - pg0)) -v n="$calls" 'BEGIN {printf "%.3f", t * 10 / n}')"
echo "transactions per 1,000 calls: $(awk -v x=$((xact1 - xact0)) -v n="$calls" 'BEGIN {printf "%.1f", x * 1000 / n}')"
echo "WAL per call: $(sql "SELECT round(wal_records::numeric / $calls, 1) || ' records, ' || round(wal_fpi::numeric / $calls, 2)
  || ' full-page images, ' || round(wal_bytes / $calls) || ' bytes' FROM pg_stat_wal")"
echo "PostgreSQL CPU ms per 1,000 calls, by process (backends by their title):"
awk -v n="$calls" 'NR == FNR {t0[$1] = $2; next}
  {d = $2 - t0[$1]; $1 = ""; $2 = ""; if (d > 0) printf "  %8.1f %s\n", d * 10 * 1000 / n, $0}' \
  "$WORK/titles0" "$WORK/titles1" | sort -rn | head -12
echo "statements, per 1,000 calls (calls, rows, execution ms), by execution time:"
sql "SELECT round(calls * 1000.0 / $calls, 1) || ' | ' || round(rows * 1000.0 / $calls, 1) || ' | '
       || round((total_exec_time * 1000 / $calls)::numeric, 2) || ' | ' || left(regexp_replace(query, '\s+', ' ', 'g'), 110)
     FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25"
