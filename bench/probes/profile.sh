#!/usr/bin/env bash
# (bench/probes: the by-hand probes behind a RESULTS.md section; not part of bench/run.sh)
# Where Liberty's CPU per call goes: the gateway (Government demo tenant, every control on) under wrk at
# 64 connections against the Node stub; after the warm-up, one measured run with a JFR recording
# (execution samples every 1 ms, allocation samples) and each thread's CPU from /proc, grouped by name.
#   bench/probes/profile.sh            (WARMUP=120s DURATION=30s, in seconds or minutes; NOVIX_ENV="K=V ..." for the gateway;
#                                       JFR=off: thread CPU and JIT counters only, as starting a recording makes the JVM
#                                       recompile what its instrumented classes were inlined into)
set -euo pipefail
cd "$(dirname "$0")/../.."
WARMUP=${WARMUP:-120s}
JFR=${JFR:-on}
DURATION=${DURATION:-30s}
WORK=${WORK:-bench/.work/profile}
source bench/lib.sh

build_and_classpath
STUB_PORT=$(free_port); start_stub "$STUB_PORT" "$WORK/stub.log"
NOVIX_PORT=$(free_port)
[ -n "${NOVIX_ENV:-}" ] && export ${NOVIX_ENV}
NOVIX_DEMO_TIER=GOVERNMENT start_novix "$STUB_PORT" "$WORK/novix.log"
NOVIX="http://127.0.0.1:$NOVIX_PORT"
# one wrk run spans the warm-up and the measured window: a pause between two runs lets the caches' entries
# expire (2 s TTL), and the reads and recompilations that follow an idle spell are not the steady state
secs() { awk -v d="$1" 'BEGIN {n=d+0; if (d ~ /m$/) n*=60; print n}'; }
DURATION="$(( $(secs "$WARMUP") + $(secs "$DURATION") + 5 ))s" run_wrk warm "$NOVIX" 64 2 "$TOKEN" &
WRK_PID=$!
served() { metrics application | awk '/^novix_requests_total\{action="inference.chat".*status="200"/ {s+=$2} END {printf "%d", s}'; }
JFC="$WORK/profile.jfc"
sed -E -e 's#<setting name="period" control="method-sampling-java-interval">[0-9]+ ms</setting>#<setting name="period">1 ms</setting>#' \
  -e 's#<setting name="threshold" control="compiler-compilation-threshold">[0-9]+ ms</setting>#<setting name="threshold">0 ms</setting>#' \
  "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" > "$JFC"
threads() { for t in /proc/"$LIBERTY_PID"/task/*; do
  awk '{n=$0; sub(/^[0-9]+ \(/,"",n); sub(/\) .*/,"",n); split($0,a,") "); split(a[2],f," "); print f[12]+f[13], n}' "$t/stat" 2>/dev/null || true
done | awk '{t=$1; $1=""; n=$0; gsub(/[0-9]+/,"#",n); s[n]+=t} END {for (k in s) print s[k], k}'; }
sleep "$(secs "$WARMUP")"
threads > "$WORK/threads0"
served0=$(served); start=$(date +%s.%N)
metrics application | grep '^novix_cache_' > "$WORK/cache0" || true
jit() { jcmd "$LIBERTY_PID" PerfCounter.print | awk -F= '/^sun.ci.totalCompiles=/ {print $2}'; }
pg0=$(ticks_of 'postgres'); lib0=$(ticks "$LIBERTY_PID"); jit0=$(jit)
[ "$JFR" = on ] && jcmd "$LIBERTY_PID" JFR.start name=probe settings="$PWD/$JFC" filename="$PWD/$WORK/novix64.jfr" >/dev/null
sleep "$(secs "$DURATION")"
[ "$JFR" = on ] && jcmd "$LIBERTY_PID" JFR.stop name=probe >/dev/null
pg1=$(ticks_of 'postgres'); lib1=$(ticks "$LIBERTY_PID"); jit1=$(jit)
threads > "$WORK/threads1"
calls=$(( $(served) - served0 )); end=$(date +%s.%N)
metrics application | grep '^novix_cache_' > "$WORK/cache1" || true
wait "$WRK_PID"
echo "calls: $calls at $(awk -v n="$calls" -v a="$start" -v b="$end" 'BEGIN {printf "%.0f", n / (b - a)}') requests/s (JFR $JFR)"
echo "JIT: $((jit1 - jit0)) compilations (the JVM's counter)"
echo "CPU ms per call: Liberty $(awk -v t=$((lib1 - lib0)) -v n="$calls" 'BEGIN {printf "%.3f", t * 10 / n}'), PostgreSQL $(awk -v t=$((pg1 - pg0)) -v n="$calls" 'BEGIN {printf "%.3f", t * 10 / n}')"
echo "Liberty CPU µs per call by thread group:"
awk -v n="$calls" 'NR == FNR {t=$1; $1=""; a[$0]=t; next} {t=$1; $1=""; d=t-a[$0]; if (d > 0) printf "  %7.1f %s\n", d * 10000 / n, $0}' \
  "$WORK/threads0" "$WORK/threads1" | sort -rn | head -15
echo "request-path caches during the measured run (loads = database reads on a caller's path; after warm-up):"
awk 'NR == FNR {a[$1]=$2; next} {d=$2-a[$1]; if (d > 0) printf "  %8d %s\n", d, $1}' "$WORK/cache0" "$WORK/cache1" | sort -k2
[ "$JFR" = on ] || exit 0
echo "deoptimisations during the measured run, by method:"
jfr print --events jdk.Deoptimization "$WORK/novix64.jfr" | awk '/^ *method = / {sub(/^ *method = /,""); m[$0]++} END {for (k in m) printf "  %4d %s\n", m[k], k}' | sort -rn | head -15
echo "JIT compilations during the measured run (count, compile ms; then the 12 longest by method and tier):"
jfr print --events jdk.Compilation "$WORK/novix64.jfr" | awk '
  /^ *duration = / {d=$3; u=$4; if (u == "s") d*=1000; else if (u == "us") d/=1000; else if (u == "ns") d/=1e6}
  /^ *method = / {sub(/^ *method = /, ""); m=$0}
  /^ *compileLevel = / {l=$3}
  /^ *isOsr = / {n++; t+=d; key=l " " m; c[key]+=d}
  END {printf "  %d compilations, %.0f ms\n", n, t; for (k in c) printf "  %8.1f ms  %s\n", c[k], k}' | sort -k1,1 -rn | head -14
python3 bench/jfr-top.py "$WORK/novix64.jfr" 20
