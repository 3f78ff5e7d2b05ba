# Shared by bench/run.sh and bench/compare.sh: tools, free ports, starting the stub and Novix, wrk.
# Expects WORK, DURATION and (after the build) CP to be set by the caller.

need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need psql postgresql-client

free_port() { local p; while :; do p=$((20000 + RANDOM % 30000)); (echo >/dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo $p; return; }; done; }
wait_for() { for _ in $(seq 1 300); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 1; done; echo "timeout waiting for '$2' in $1" >&2; exit 1; }
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v); print v} else if (v ~ /s$/) {sub(/s/,"",v); print v*1000} else print v}'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }


# builds the working tree, empties $WORK and sets CP to the launcher's classpath
build_and_classpath() {
  mvn -B -q -DskipTests install
  rm -rf "$WORK"; mkdir -p "$WORK"
  (cd src/novix-launcher && mvn -B -q dependency:build-classpath -Dmdep.outputFile="$PWD/../../$WORK/cp.txt" >/dev/null)
  CP="$(cat "$WORK/cp.txt"):src/novix-launcher/target/classes"
}

PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

start_sim() { # port latency_ms log
  java -cp "$CP" io.novix.sim.HfSimulator "$1" "$2" > "$3" 2>&1 & PIDS+=($!)
  wait_for "$3" "HF simulator:"
}
start_novix() { # upstream_port log
  NOVIX_HOME="${NOVIX_HOME_DIR:-$WORK/home}" NOVIX_HTTP_PORT=$NOVIX_PORT HF_ENTERPRISE_ENDPOINT="http://127.0.0.1:$1" \
    java -cp "${NOVIX_CP:-$CP}" io.novix.launcher.Launcher --wlp "${NOVIX_WLP:-ear-packaging/target/liberty/wlp}" --server novix > "$2" 2>&1 & NOVIX_PID=$!
  PIDS+=($NOVIX_PID)
  wait_for "$2" "Demo token:"
  TOKEN=$(awk '/^Demo token:/ {print $3}' "$2")
  DB_PORT=$(sed -n 's#^Database: jdbc:postgresql://127.0.0.1:\([0-9]*\)/.*#\1#p' "$2")
  LIBERTY_PID=$(pgrep -n -f 'ws-server.jar')
  METRICS=$(sed -n 's#^Metrics: \(https://[^ ]*\)/metrics .*#\1#p' "$2")
  METRICS_PASSWORD=$(cat "${NOVIX_HOME_DIR:-$WORK/home}/metrics-password")
}
metrics() { curl -sk -u "novix-metrics:$METRICS_PASSWORD" "$METRICS/metrics?scope=$1"; }  # /metrics: Reader role, HTTPS
stop_novix() { kill "$NOVIX_PID"; wait "$NOVIX_PID" 2>/dev/null || true; }  # TERM: background jobs ignore INT

run_wrk() { # name url conns threads token
  BENCH_TOKEN="$5" wrk -t"$4" -c"$3" -d"$DURATION" --latency -s bench/chat.lua "$2/v1/chat/completions" > "$WORK/$1.txt"
  awk '/Requests\/sec/ {print $2}' "$WORK/$1.txt" >> "$WORK/$1.rps"
  awk '$1=="50%" {print $2}' "$WORK/$1.txt" | to_ms >> "$WORK/$1.p50"
  awk '$1=="99%" {print $2}' "$WORK/$1.txt" | to_ms >> "$WORK/$1.p99"
  if grep -q 'Non-2xx' "$WORK/$1.txt"; then echo "non-2xx answers in $1" >&2; cat "$WORK/$1.txt" >&2; exit 1; fi
  awk '/requests in/ {print $1}' "$WORK/$1.txt" >> "$WORK/$1.count"
}

