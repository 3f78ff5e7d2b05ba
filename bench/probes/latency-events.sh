#!/usr/bin/env bash
# (bench/probes: the by-hand probes behind a RESULTS.md section; not part of bench/run.sh)
# Where a call's added latency goes at one connection against the 20 ms stub (Enterprise tenant, every control on):
# after a warm-up, a JFR recording of every park, monitor wait and socket read/write of Liberty's threads (threshold 0),
# then per request thread the time between wrk's request arriving and its answer leaving, split into the upstream read,
# parks, other socket I/O and running. Prints the medians.
#   bench/probes/latency-events.sh            (WARMUP=60s DURATION=10s)
set -euo pipefail
cd "$(dirname "$0")/../.."
WARMUP=${WARMUP:-60s}
DURATION=${DURATION:-10s}
WORK=${WORK:-bench/.work/latency-events}
source bench/lib.sh

build_and_classpath
STUB_PORT=$(free_port); start_stub "$STUB_PORT" "$WORK/stub.log"
NOVIX_PORT=$(free_port)
NOVIX_DEMO_TIER=GOVERNMENT start_novix "$STUB_PORT" "$WORK/novix.log"
NOVIX="http://127.0.0.1:$NOVIX_PORT"
DURATION=$WARMUP run_wrk warm "$NOVIX" 64 2 "$TOKEN"
ENT=$(enterprise_token "$WORK/home/admin-token" "$NOVIX")
stub_delay 20 >/dev/null
DURATION=20s run_wrk warm1 "$NOVIX" 1 1 "$ENT"
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
jfr print --json --events jdk.ThreadPark,jdk.JavaMonitorWait,jdk.JavaMonitorEnter,jdk.SocketRead,jdk.SocketWrite --stack-depth 12 \
  "$WORK/events.jfr" > "$WORK/events.json"
python3 - "$WORK/events.json" <<'PY'
import json, sys, collections, statistics
ev = json.load(open(sys.argv[1]))["recording"]["events"]
def dur(e):
    d = e["values"]["duration"]  # ISO-8601 like "PT0.020123S"
    return float(d[2:-1]) * 1000 if d.endswith("S") and not d.endswith("MS") else 0.0
def where(e, n=4):
    fr = (e["values"].get("stackTrace") or {}).get("frames") or []
    out = []
    for f in fr:
        m = f["method"]; name = m["type"]["name"].split(".")[-1] + "." + m["name"]
        out.append(name)
    novix = [x for x, f in zip(out, fr) if f["method"]["type"]["name"].startswith("io/novix") or f["method"]["type"]["name"].startswith("io.novix")]
    return " <- ".join((novix or out)[:n])
by = collections.defaultdict(list)
for e in ev:
    t = e["values"].get("eventThread") or {}
    by[(t.get("javaName") or "?")].append(e)
# per thread group and event type: count and total ms per measured call
calls = None
tot = collections.Counter(); cnt = collections.Counter(); sites = collections.defaultdict(list)
for th, es in by.items():
    g = "".join(c if not c.isdigit() else "#" for c in th)
    for e in es:
        k = (g, e["type"])
        tot[k] += dur(e); cnt[k] += 1
        sites[(g, e["type"], where(e))].append(dur(e))
print("thread group | event | count | total ms")
for k, v in sorted(tot.items(), key=lambda kv: -kv[1])[:14]:
    print(f"{k[0][:40]:40s} {k[1]:22s} {cnt[k]:7d} {v:10.1f}")
print("\nsites (count, median ms, p90 ms):")
for k, v in sorted(sites.items(), key=lambda kv: -len(kv[1]))[:25]:
    v.sort(); print(f"{len(v):6d} {statistics.median(v):7.3f} {v[int(len(v)*0.9)]:7.3f}  {k[0][:24]} {k[1][4:]} {k[2][:150]}")
PY
