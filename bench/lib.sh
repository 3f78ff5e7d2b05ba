# Shared by the bench scripts: tools, free ports, starting the stubs, nginx and Novix, wrk, CPU accounting.
# Expects WORK, DURATION and (after the build) CP to be set by the caller.

need() { command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null; }; }
need wrk wrk
need psql postgresql-client
need nstat iproute2

# below the kernel's ephemeral range, which a burst's 2,000 client sockets may hold without listening (EADDRINUSE)
free_port() { local p lo; lo=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  while :; do p=$((10000 + RANDOM % (lo - 10000))); (echo >/dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo $p; return; }; done; }
wait_for() { for _ in $(seq 1 300); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 1; done; echo "timeout waiting for '$2' in $1" >&2; exit 1; }
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v); print v} else if (v ~ /s$/) {sub(/s/,"",v); print v*1000} else print v}'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }


# builds the working tree, empties $WORK and sets CP to the launcher's classpath
build_and_classpath() {
  mvn -B -q -DskipTests install
  launcher_classpath
}
# empties $WORK and sets CP to the launcher's classpath of the build already installed (the by-hand probes)
launcher_classpath() {
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
start_stub() { # port log: the non-blocking Node upstream (bench/stub.js); STUB_PID
  node bench/stub.js "$1" 0 > "$2" 2>&1 & STUB_PID=$!; PIDS+=($STUB_PID)
  wait_for "$2" "stub:"
}
stub_delay() { curl -sf -X PUT "http://127.0.0.1:$STUB_PORT/control/delay/$1"; }
start_nginx() { # port upstream_port dir: Debian's nginx as a plain reverse proxy, keep-alive to the upstream
  mkdir -p "$3"
  cat > "$3/nginx.conf" <<NGX
worker_processes auto;
daemon off;
pid $PWD/$3/nginx.pid;
error_log $PWD/$3/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $PWD/$3/body;
  proxy_temp_path $PWD/$3/proxy;
  upstream stub { server 127.0.0.1:$2; keepalive 256; }
  server {
    listen 127.0.0.1:$1;
    location / { proxy_pass http://stub; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
NGX
  nginx -c "$PWD/$3/nginx.conf" -p "$PWD/$3" > "$3/out.log" 2>&1 & NGINX_PID=$!; PIDS+=($NGINX_PID)
  for _ in $(seq 1 50); do (echo >/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done
  echo "nginx did not start" >&2; cat "$3/out.log" "$3/error.log" >&2; exit 1
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
enterprise_token() { # admin-token-file url [keep-file]: a chat token of an Enterprise tenant made for the bench (its answer
  # does not wait for the outcome entry); with keep-file, made once and kept there (the database outlives a restart)
  [ -n "${3:-}" ] && [ -s "$3" ] && { cat "$3"; return; }
  local admin id token; admin=$(cat "$1")
  id=$(curl -sf -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' "$2/admin/tenants" \
    -d '{"slug":"bench-enterprise","name":"Bench Enterprise","tier":"ENTERPRISE","homeRegion":"eu-west-1"}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  token=$(curl -sf -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' "$2/admin/tenants/$id/tokens" \
    -d '{"name":"bench","scopes":["inference:chat"],"expiresIn":"P1D"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  [ -n "${3:-}" ] && echo "$token" > "$3"
  echo "$token"
}
# The latency probes' set-up (bench/probes): the stub, a Government Novix warmed for $1 at 64 connections, then an
# Enterprise tenant's token (ENT) and 20 s at one connection against the 20 ms stub, as bench/run.sh's latency rows
one_connection_setup() { # warm-up
  build_and_classpath
  STUB_PORT=$(free_port); start_stub "$STUB_PORT" "$WORK/stub.log"
  NOVIX_PORT=$(free_port)
  NOVIX_DEMO_TIER=GOVERNMENT start_novix "$STUB_PORT" "$WORK/novix.log"
  NOVIX="http://127.0.0.1:$NOVIX_PORT"
  DURATION=$1 run_wrk warm "$NOVIX" 64 2 "$TOKEN"
  ENT=$(enterprise_token "$WORK/home/admin-token" "$NOVIX")
  stub_delay 20 >/dev/null
  DURATION=20s run_wrk warm1 "$NOVIX" 1 1 "$ENT"
}
metrics() { curl -sk -u "novix-metrics:$METRICS_PASSWORD" "$METRICS/metrics?scope=$1"; }  # /metrics: Reader role, HTTPS
stop_novix() { kill "$NOVIX_PID"; wait "$NOVIX_PID" 2>/dev/null || true; }  # TERM: background jobs ignore INT
sql() { PGPASSWORD=embedded psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -tAc "$1"; }

# CPU ticks (1/100 s) used so far by a process and its threads, and by every process whose command line matches
ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
ticks_of() { local t=0 p; for p in $(pgrep -f "$1"); do t=$((t + $(ticks "$p"))); done; echo $t; }
# the machine's idle share over 2 s, in percent (the machine is shared: a busy one makes a run noisy)
idle_pct() { local a b; a=($(head -1 /proc/stat)); sleep 2; b=($(head -1 /proc/stat))
  awk -v i=$((b[4]-a[4])) -v t=$(( (b[1]+b[2]+b[3]+b[4]+b[5]+b[6]+b[7]) - (a[1]+a[2]+a[3]+a[4]+a[5]+a[6]+a[7]) )) 'BEGIN {printf "%.0f\n", 100*i/t}'; }

run_wrk() { # name url conns threads token: appends rps, p50/p99/p99.9 (ms) and the count to $WORK/name.*
  BENCH_TOKEN="$5" wrk -t"$4" -c"$3" -d"$DURATION" --latency -s bench/chat.lua "$2/v1/chat/completions" > "$WORK/$1.txt"
  awk '/Requests\/sec/ {print $2}' "$WORK/$1.txt" >> "$WORK/$1.rps"
  awk '$1=="pct50" {print $2/1000}' "$WORK/$1.txt" >> "$WORK/$1.p50"
  awk '$1=="pct99" {print $2/1000}' "$WORK/$1.txt" >> "$WORK/$1.p99"
  awk '$1=="pct999" {print $2/1000}' "$WORK/$1.txt" >> "$WORK/$1.p999"
  if grep -q 'Non-2xx' "$WORK/$1.txt"; then echo "non-2xx answers in $1" >&2; cat "$WORK/$1.txt" >&2; exit 1; fi
  awk '/requests in/ {print $1}' "$WORK/$1.txt" >> "$WORK/$1.count"
}

# N calls at once, each on its own connection (h2load, HTTP/1.1, one request per connection). A call's time runs
# from the burst's start to the end of its answer, so it includes connecting (a dropped SYN costs a second).
# h2load's C event loop leaves the cores to the server; a JVM client spent about 7 CPU seconds per burst of 2,000.
# Prints "wall ok failed p50 p99 max mean" (ms); h2load's own output and log stay in $WORK/name.*.
burst_calls() { # name url token n
  local auth=(); [ -n "$3" ] && auth=(-H "Authorization: Bearer $3")
  printf '%s' '{"model":"HuggingFaceH4/zephyr-7b-beta","max_tokens":16,"messages":[{"role":"user","content":"burst"}]}' > "$WORK/burst.json"
  local t0; t0=$(date +%s%6N)
  h2load --h1 -n "$4" -c "$4" -m 1 -d "$WORK/burst.json" -H 'Content-Type: application/json' "${auth[@]}" \
    --log-file="$WORK/$1.log" "$2/v1/chat/completions" > "$WORK/$1.h2load" 2>&1 || true
  awk -v t0="$t0" '{printf "%d %d\n", ($1 + $3 - t0) / 1000, $2}' "$WORK/$1.log" | sort -n | awk -v n="$4" \
    '{a[NR] = $1; s += $1; if ($2 == 200) ok++}
     END {printf "%d %d %d %d %d %d %d\n", a[NR], ok, n - ok, a[int((NR+1)/2)], a[int(NR*0.99)], a[NR], s / NR}'
}

# The controls-free proxy of bench/floor (Proxy, Hc5, Classic) as $WORK/floor.war; WLP must be set.
floor_war() {
  mkdir -p "$WORK/war/WEB-INF/classes" "$WORK/war/WEB-INF/lib"
  for a in org.apache.httpcomponents.client5:httpclient5:5.6.5 org.apache.httpcomponents.core5:httpcore5:5.4.4 org.apache.httpcomponents.core5:httpcore5-h2:5.4.4 org.slf4j:slf4j-api:2.0.17; do
    mvn -B -q dependency:copy -Dartifact=$a -DoutputDirectory="$WORK/war/WEB-INF/lib" >/dev/null
  done
  javac -d "$WORK/war/WEB-INF/classes" -cp "$(ls $WLP/dev/api/spec/io.openliberty.jakarta.servlet.6.0_*.jar):$(ls $WORK/war/WEB-INF/lib/*.jar | tr '\n' ':')" bench/floor/Proxy.java bench/floor/Hc5.java bench/floor/Classic.java
  (cd "$WORK/war" && jar cf ../floor.war .)
}

floor_server() { # name features-xml [more-xml]: a Liberty server serving $WORK/floor.war on $FLOOR_PORT (its environment),
  # with Novix's jvm.options and server.env
  rm -rf "$WLP/usr/servers/$1"; mkdir -p "$WLP/usr/servers/$1"
  cp liberty/jvm.options liberty/server.env "$WLP/usr/servers/$1/"
  cat > "$WLP/usr/servers/$1/server.xml" <<XML
<server>
  $2
  <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="\${env.FLOOR_PORT}" httpsPort="-1">
    <httpOptions maxKeepAliveRequests="-1" persistTimeout="30s"/>
  </httpEndpoint>
  ${3:-}
  <webApplication location="$PWD/$WORK/floor.war" contextRoot="/"/>
</server>
XML
}
