#!/usr/bin/env bash
# Novix benchmark. In one run, the same fast upstream stub (the HF simulator) is measured directly
# and through Novix (token authentication and a committed audit row per call). Then 2,000
# concurrent calls go to an upstream that answers after 2 s. Writes bench/RESULTS.md.
#   bench/run.sh                      (ROUNDS=3 DURATION=10s WARMUP=40s CONCURRENT=2000 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONCURRENT=${CONCURRENT:-2000}
WORK=bench/.work
RESULTS=bench/RESULTS.md

need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need psql postgresql-client

free_port() { local p; while :; do p=$((20000 + RANDOM % 30000)); (echo >/dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo $p; return; }; done; }
wait_for() { for _ in $(seq 1 300); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 1; done; echo "timeout waiting for '$2' in $1" >&2; exit 1; }
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v); print v} else if (v ~ /s$/) {sub(/s/,"",v); print v*1000} else print v}'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

mvn -B -q -DskipTests install
rm -rf "$WORK"; mkdir -p "$WORK"
(cd src/novix-launcher && mvn -B -q dependency:build-classpath -Dmdep.outputFile="$PWD/../../$WORK/cp.txt" >/dev/null)
CP="$(cat "$WORK/cp.txt"):src/novix-launcher/target/classes"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

start_sim() { # port latency_ms log
  java -cp "$CP" io.novix.sim.HfSimulator "$1" "$2" > "$3" 2>&1 & PIDS+=($!)
  wait_for "$3" "HF simulator:"
}
start_novix() { # upstream_port log
  NOVIX_HOME="$WORK/home" NOVIX_HTTP_PORT=$NOVIX_PORT HF_ENTERPRISE_ENDPOINT="http://127.0.0.1:$1" \
    java -cp "$CP" io.novix.launcher.Launcher --wlp ear-packaging/target/liberty/wlp --server novix > "$2" 2>&1 & NOVIX_PID=$!
  PIDS+=($NOVIX_PID)
  wait_for "$2" "Demo token:"
  TOKEN=$(awk '/^Demo token:/ {print $3}' "$2")
  DB_PORT=$(sed -n 's#^Database: jdbc:postgresql://127.0.0.1:\([0-9]*\)/.*#\1#p' "$2")
  LIBERTY_PID=$(pgrep -n -f 'ws-server.jar')
}
stop_novix() { kill "$NOVIX_PID"; wait "$NOVIX_PID" 2>/dev/null || true; }  # TERM: background jobs ignore INT

run_wrk() { # name url conns threads token
  BENCH_TOKEN="$5" wrk -t"$4" -c"$3" -d"$DURATION" --latency -s bench/chat.lua "$2/v1/chat/completions" > "$WORK/$1.txt"
  awk '/Requests\/sec/ {print $2}' "$WORK/$1.txt" >> "$WORK/$1.rps"
  awk '$1=="50%" {print $2}' "$WORK/$1.txt" | to_ms >> "$WORK/$1.p50"
  awk '$1=="99%" {print $2}' "$WORK/$1.txt" | to_ms >> "$WORK/$1.p99"
  if grep -q 'Non-2xx' "$WORK/$1.txt"; then echo "non-2xx answers in $1" >&2; cat "$WORK/$1.txt" >&2; exit 1; fi
  awk '/requests in/ {print $1}' "$WORK/$1.txt" >> "$WORK/$1.count"
}

SIM_PORT=$(free_port); NOVIX_PORT=$(free_port)
start_sim "$SIM_PORT" 0 "$WORK/sim.log"
start_novix "$SIM_PORT" "$WORK/novix.log"
DIRECT="http://127.0.0.1:$SIM_PORT"; NOVIX="http://127.0.0.1:$NOVIX_PORT"

echo "warming up (JIT) ..."
DURATION=${WARMUP:-40s} run_wrk warm-novix "$NOVIX" 64 2 "$TOKEN"; DURATION=5s run_wrk warm-direct "$DIRECT" 64 2 ""
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r/$ROUNDS"
  run_wrk direct64 "$DIRECT" 64 2 ""
  run_wrk novix64 "$NOVIX" 64 2 "$TOKEN"
  run_wrk direct1 "$DIRECT" 1 1 ""
  run_wrk novix1 "$NOVIX" 1 1 "$TOKEN"
done

# every call answered 2xx must have its audit row (server-side count from the metrics, and wrk's count)
AUDITED=$(PGPASSWORD=embedded psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -tAc \
  "SELECT count(*) FROM audit_record WHERE action='inference.chat' AND http_status=200")
SERVED=$(curl -s "$NOVIX/metrics?scope=application" | awk '/^novix_requests_total\{action="inference.chat".*status="200"/ {sum+=$2} END {printf "%d", sum}')
CLIENT_SEEN=$(cat "$WORK"/warm-novix.count "$WORK"/novix64.count "$WORK"/novix1.count | awk '{s+=$1} END {print s}')

D64=$(median < "$WORK/direct64.rps"); N64=$(median < "$WORK/novix64.rps")
D1P50=$(median < "$WORK/direct1.p50"); N1P50=$(median < "$WORK/novix1.p50")
D1P99=$(median < "$WORK/direct1.p99"); N1P99=$(median < "$WORK/novix1.p99")
RATIO=$(awk -v a="$N64" -v b="$D64" 'BEGIN {printf "%.2f", a/b}')
ADD50=$(awk -v a="$N1P50" -v b="$D1P50" 'BEGIN {printf "%.3f", a-b}')
ADD99=$(awk -v a="$N1P99" -v b="$D1P99" 'BEGIN {printf "%.3f", a-b}')

echo "concurrency: $CONCURRENT connections against a 2 s upstream ..."
stop_novix
SLOW_PORT=$(free_port)
start_sim "$SLOW_PORT" 2000 "$WORK/slow-sim.log"
start_novix "$SLOW_PORT" "$WORK/novix-slow.log"
sample() { # pid -> "peak_threads peak_rss_mb" while the burst file is absent
  while [ ! -s "$2" ]; do awk '/^Threads:/ {t=$2} /^VmRSS:/ {r=$2} END {print t, int(r/1024)}' "/proc/$1/status"; sleep 0.1; done \
    | sort -n -k1 | tail -1
}
burst() { # name url token pid: N calls sent at once; "wall ok failed p50 p99 max" (ms)
  java bench/Burst.java "$2" "$CONCURRENT" "$3" > "$WORK/$1.txt" &
  local b=$!
  sample "$4" "$WORK/$1.txt" > "$WORK/$1.peak"
  wait $b
}
java bench/Burst.java "$NOVIX" "$CONCURRENT" "$TOKEN" > /dev/null  # warm-up: connections, JIT
THREADS_IDLE=$(awk '/^Threads:/ {print $2}' "/proc/$LIBERTY_PID/status")
burst burst-direct "http://127.0.0.1:$SLOW_PORT" "" "$(pgrep -n -f "HfSimulator $SLOW_PORT")"
burst burst-novix "$NOVIX" "$TOKEN" "$LIBERTY_PID"
row() { # name -> markdown cells: wall | ok | failed | p50 | p99 | max | peak threads | peak RSS
  printf '%s ms | %s | %s | %s ms | %s ms | %s ms | %s | %s MiB' $(cat "$WORK/$1.txt") $(cat "$WORK/$1.peak")
}
HEAP=$(curl -s "$NOVIX/metrics?scope=base" | awk '/^memory_usedHeap_bytes/ {printf "%d", $2/1048576}')

cat > "$RESULTS" <<MD
# Benchmark results

Generated by \`bench/run.sh\` on $(date -u +%Y-%m-%dT%H:%MZ). Every figure in this file comes from that one run.

Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB RAM,
$(java -version 2>&1 | head -1). Everything runs on this one machine: wrk, the stub, Liberty and PostgreSQL.

Setup: the upstream is the HF simulator, a JDK HttpServer that answers immediately with a router-format chat
completion. **Direct** calls the stub itself. **Novix** is the whole request path: bearer-token check (SHA-256 and
constant-time compare, cached row), JSON validation and defaults, an asynchronous call to the same stub, and an
audit row committed to PostgreSQL (\`fsync=on\`, \`synchronous_commit=on\`, group commit) before the answer.
wrk: \`wrk -t2 -c64 -d$DURATION --latency -s bench/chat.lua\` for throughput, \`wrk -t1 -c1 -d$DURATION --latency\` for
latency. There are $ROUNDS rounds, and the figures below are medians across them.

| measure | direct | through Novix | result | floor / aim |
|---|---|---|---|---|
| requests/s at 64 connections | $D64 | $N64 | **$RATIO ×** direct | ≥ 0.25 × / 0.5 × |
| p50 latency at 1 connection (ms) | $D1P50 | $N1P50 | **+$ADD50 ms** added | ≤ 0.5 / 0.2 ms |
| p99 latency at 1 connection (ms) | $D1P99 | $N1P99 | **+$ADD99 ms** added | ≤ 2 / 1 ms |

Audit completeness: Novix answered **$SERVED** calls with 200 (server metric \`novix_requests_total\`), and the
audit trail holds **$AUDITED** rows with status 200. wrk counted $CLIENT_SEEN responses. wrk does not count calls
that were still in flight when it stopped, which is why its count can be lower.

## $CONCURRENT concurrent calls, upstream answering after 2 s

\`java bench/Burst.java <url> $CONCURRENT\` sends $CONCURRENT chat completions at the same moment, each on its own
connection, and waits for all of them. The ideal is every call taking 2.0 s and the burst taking 2.0 s.

| path | whole burst | 200s | failed | p50 | p99 | slowest | peak threads of the server | peak RSS of the server |
|---|---|---|---|---|---|---|---|---|
| direct to the 2 s stub | $(row burst-direct) |
| through Novix | $(row burst-novix) |

Liberty had $THREADS_IDLE threads before the load, and its heap in use after the run was ${HEAP} MiB. The upstream
call does not hold a thread while it waits: JDK HttpClient \`sendAsync\` on 8 I/O threads, and JAX-RS
\`CompletionStage\` resources. The stub answers from a timer and does not hold a thread either.

Raw outputs: \`bench/.work/*.txt\` (not committed).
MD
cat "$RESULTS"
