#!/usr/bin/env bash
# (bench/probes: the by-hand probes behind a RESULTS.md section; not part of bench/run.sh)
# What a burst of 2,000 costs Liberty burst after burst: a Government Novix after $WARM at 64 connections, one warm-up
# burst, one direct, then $BURSTS bursts through Novix, each with its mean, Liberty's CPU, the JIT's compilations and
# compile time (the JVM's perf counters) and the collections (jstat); after the last one, the live heap and the upstream
# connections Liberty keeps, and where Liberty's CPU went by thread (the compiler's share, the request threads', ...).
# JVM_ARGS reaches Liberty's JVM (wlp/bin/server).
#   bench/probes/burst-jit.sh            (WARM=120s BURSTS=3; e.g. JVM_ARGS=-XX:-UseCodeCacheFlushing)
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=bench/.work-bj
source bench/lib.sh
launcher_classpath
STUB_PORT=$(free_port); NOVIX_PORT=$(free_port)
start_stub "$STUB_PORT" "$WORK/stub.log"
NOVIX_DEMO_TIER=GOVERNMENT NOVIX_HOME_DIR=$WORK/home start_novix "$STUB_PORT" "$WORK/novix.log"
GOV=$TOKEN; NOVIX="http://127.0.0.1:$NOVIX_PORT"
ps -o args= -p $LIBERTY_PID | tr ' ' '\n' | grep -E '^-X' | tr '\n' ' '; echo
DURATION=${WARM:-90s} run_wrk warm "$NOVIX" 64 2 "$GOV"
echo "warm rps $(tail -1 $WORK/warm.rps)"
stub_delay 2000 >/dev/null
pc() { jcmd "$LIBERTY_PID" PerfCounter.print | awk -F= '/^sun.ci.totalCompiles=/ {c=$2} /ci.totalTime=/ {t=$2} /^sun.os.hrt.frequency=/ {f=$2} END {printf "%d %.0f", c, t*1000/f}'; }
gc() { jstat -gc "$LIBERTY_PID" | awk 'NR==2 {print $(NF-6), $(NF-4), $NF}'; }
echo "warm burst: $(burst_calls warmb "$NOVIX" "$GOV" 2000)"
echo "direct: $(burst_calls bd "http://127.0.0.1:$STUB_PORT" "" 2000)"
threads() { # "tid name ticks" for each of Liberty's threads (name without its digits)
  local t n
  for t in /proc/$LIBERTY_PID/task/*; do
    n=$( (tr -d '0-9' < "$t/comm" | tr ' ' '_') 2>/dev/null || true); [ -n "$n" ] || continue
    awk -v n="$n" -v t="${t##*/}" '{print t, n, $14 + $15}' "$t/stat" 2>/dev/null || true
  done
}
by_thread() { # before after -> CPU-s by thread name over the burst; a thread that ended during it is not counted
  awk 'NR == FNR {b[$1] = $3; next} {d[$2] += $3 - b[$1]} END {for (k in d) if (d[k] > 0) printf "%s %.2f\n", k, d[k] / 100}' "$1" "$2" \
    | sort -k2 -nr | head -6 | awk '{printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2}'
}
for i in $(seq 1 "${BURSTS:-3}"); do
  threads > "$WORK/threads0"; pg0=$(ticks_of postgres)
  l0=$(ticks $LIBERTY_PID); p0=($(pc)); g0=($(gc))
  r=$(burst_calls b$i "$NOVIX" "$GOV" 2000)
  l1=$(ticks $LIBERTY_PID); p1=($(pc)); g1=($(gc))
  threads > "$WORK/threads1"; pg1=$(ticks_of postgres)
  echo "novix $i: $r | Liberty $(awk -v t=$(( l1 - l0 )) 'BEGIN {printf "%.2f", t / 100}') CPU-s | compiles $(( p1[0]-p0[0] )) in $(( p1[1]-p0[1] )) ms | YGC $(( g1[0]-g0[0] )) FGC $(( g1[1]-g0[1] )) GCT $(awk -v a=${g0[2]} -v b=${g1[2]} 'BEGIN{print b-a}') s | PostgreSQL $(awk -v t=$(( pg1 - pg0 )) 'BEGIN {printf "%.2f", t / 100}') CPU-s"
  echo "  Liberty's CPU-s by thread: $(by_thread "$WORK/threads0" "$WORK/threads1")"
  if [ "$i" = "${BURSTS:-3}" ]; then  # right after the last burst: the live heap and the upstream connections kept
    jcmd "$LIBERTY_PID" GC.run >/dev/null
    echo "after the last burst: live heap $(jstat -gc "$LIBERTY_PID" | awk 'NR==2 {printf "%.0f", ($3+$4+$8)/1024}') MiB (survivor + old after a full GC), $(ss -Htn state established "( dport = :$STUB_PORT )" | wc -l) connections to the stub"
  fi
  sleep 5  # a pause between bursts, as a real one would have
done
echo "rss peak kB: $(awk '/VmHWM/ {print $2}' /proc/$LIBERTY_PID/status)"
