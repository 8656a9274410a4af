#!/usr/bin/env bash
# Local services for runs and tests: Redis (Debian redis-server) and the embedded OpenSearch node.
#
#   deploy/local/services.sh start    start what is not already answering, wait until both are healthy
#   deploy/local/services.sh stop     stop what this checkout started (PID files under .run/)
#   deploy/local/services.sh status   say what answers; exit 0 only when both are healthy
#
# Ports come from INGEST_REDIS_URL / INGEST_SEARCH_URL (defaults 6379 and 9200), the same variables the
# worker reads. A healthy service already answering on a port is reused, whoever started it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN="$ROOT/.run"
ENGINE_DIR="$ROOT/deploy/embedded-engine"
REDIS_URL="${INGEST_REDIS_URL:-redis://127.0.0.1:6379/0}"
SEARCH_URL="${INGEST_SEARCH_URL:-http://127.0.0.1:9200}"
ENGINE_HEAP="${INGEST_ENGINE_HEAP:-1g}"
TIMEOUT_S="${INGEST_SERVICES_TIMEOUT_S:-120}"
REDIS_PID="$RUN/redis.pid"
ENGINE_PID="$RUN/opensearch.pid"
ENGINE_LOG="$RUN/opensearch/logs/engine.log"
REDIS_LOG="$RUN/redis/redis.log"

say() { printf 'services: %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

# Port of a URL such as redis://host:6379/0 or http://host:9200; the scheme default when absent.
url_port() {
  local rest="${1#*://}"
  rest="${rest%%/*}"
  rest="${rest##*@}"
  if [[ "$rest" == *:* ]]; then echo "${rest##*:}"; else echo "$2"; fi
}
REDIS_PORT="$(url_port "$REDIS_URL" 6379)"
ENGINE_PORT="$(url_port "$SEARCH_URL" 9200)"

# --- tools ------------------------------------------------------------------------------------------

apt_install() {
  if [[ "$(id -u)" != 0 ]]; then
    die "missing $1; install it with: sudo apt-get install -y ${*:2}"
  fi
  say "installing ${*:2} (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${@:2}" >/dev/null
}

need_tools() {
  command -v curl >/dev/null || apt_install curl curl
  command -v redis-server >/dev/null || apt_install redis-server redis-server
  command -v redis-cli >/dev/null || apt_install redis-cli redis-tools
}

java_bin() {
  if [[ -n "${JAVA_HOME:-}" ]]; then echo "$JAVA_HOME/bin/java"; else command -v java || true; fi
}

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'
}

need_java() {
  local java major
  java="$(java_bin)"
  [[ -x "$java" ]] || die "no Java found; install a JDK 17 or newer: apt-get install -y openjdk-17-jdk-headless maven"
  major="$(java_major "$java")"
  (( ${major%%.*} >= 17 )) || die "Java $major at $java is too old; OpenSearch 2.19 needs 17+ (set JAVA_HOME)"
  command -v mvn >/dev/null || die "no Maven found; install it: apt-get install -y maven"
}

# --- health -----------------------------------------------------------------------------------------

redis_healthy() {
  [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" --no-auth-warning ping 2>/dev/null)" == PONG ]]
}

# Some engine runs there (whatever its cluster colour): enough to reuse it rather than start another.
engine_answers() {
  curl -fsS --max-time 3 "http://127.0.0.1:$ENGINE_PORT/" 2>/dev/null | grep -q '"number"'
}

# Ready for work: a cluster manager is elected and every primary shard is assigned.
engine_healthy() {
  curl -fsS --max-time 3 \
    "http://127.0.0.1:$ENGINE_PORT/_cluster/health?wait_for_status=yellow&timeout=2s" >/dev/null 2>&1
}

port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The PID in a file when that process is alive and is the program named (guards against PID reuse).
live_pid() {
  local file="$1" what="$2" pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$what" || return 1
  echo "$pid"
}

# Whether a process exists and is no zombie. Unlike live_pid it does not read the command line, which is
# still the shell's for a moment after the fork.
running() {
  [[ -n "$1" && -r "/proc/$1/stat" ]] && [[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]]
}

# Wait until `check` passes; fail with the log tail if it does not within TIMEOUT_S.
wait_healthy() {
  local name="$1" check="$2" log="$3" pidfile="$4" start=$SECONDS
  until "$check"; do
    if [[ -f "$pidfile" ]] && ! running "$(cat "$pidfile")"; then
      say "$name exited while starting; last lines of $log:"
      tail -n 40 "$log" >&2 || true
      die "$name did not start"
    fi
    if (( SECONDS - start >= TIMEOUT_S )); then
      say "$name not healthy after ${TIMEOUT_S}s; last lines of $log:"
      tail -n 40 "$log" >&2 || true
      die "$name did not become healthy"
    fi
    sleep 0.5
  done
  say "$name healthy on 127.0.0.1:$([[ $name == redis ]] && echo "$REDIS_PORT" || echo "$ENGINE_PORT") ($((SECONDS - start))s)"
}

# --- Redis ------------------------------------------------------------------------------------------

start_redis() {
  if redis_healthy; then
    say "redis already answers on $REDIS_PORT: reusing it"
    redis-cli -p "$REDIS_PORT" config get appendonly 2>/dev/null | grep -qx yes \
      || say "WARNING: that Redis has no append-only file: a restart would lose queued tasks"
    return
  fi
  if ! live_pid "$REDIS_PID" redis-server >/dev/null; then
    port_taken "$REDIS_PORT" && die "port $REDIS_PORT is taken by something that does not answer PING"
    mkdir -p "$RUN/redis"
    rm -f "$REDIS_PID"
    # 9>&-: the daemons must not inherit the lock, or it would be held for their lifetime.
    redis-server "$ROOT/deploy/local/redis.conf" --port "$REDIS_PORT" --dir "$RUN/redis" \
      --pidfile "$REDIS_PID" --logfile "$REDIS_LOG" >/dev/null 9>&-
  fi
  wait_healthy redis redis_healthy "$REDIS_LOG" "$REDIS_PID"
}

# --- OpenSearch -------------------------------------------------------------------------------------

build_engine() {
  local jar="$ENGINE_DIR/target/embedded-engine.jar"
  if [[ -f "$jar" && -d "$ENGINE_DIR/target/lib" ]] \
    && [[ -z "$(find "$ENGINE_DIR/pom.xml" "$ENGINE_DIR/src" -newer "$jar" -print -quit)" ]]; then
    return
  fi
  say "building the embedded engine (first time: downloads about 90 MB of jars from Maven Central)"
  mkdir -p "$RUN"
  if ! (cd "$ENGINE_DIR" && mvn -B -Dstyle.color=never package) >"$RUN/engine-build.log" 2>&1; then
    tail -n 40 "$RUN/engine-build.log" >&2
    die "Maven build of $ENGINE_DIR failed (full log: $RUN/engine-build.log)"
  fi
}

jvm_options() {
  local major="$1"
  echo "-Xms512m -Xmx$ENGINE_HEAP -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -XX:-OmitStackTraceInFastThrow"
  echo "-Djava.io.tmpdir=$RUN/opensearch/tmp -Dfile.encoding=UTF-8 -Djna.nosys=true"
  echo "-Dlog4j2.formatMsgNoLookups=true -Dlog4j2.disable.jmx=true -Dlog4j.shutdownHookEnabled=false"
  echo "-Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true -Dio.netty.recycler.maxCapacityPerThread=0"
  # The distribution's date parsing uses the COMPAT locale data, which JDK 23 removed.
  (( major < 23 )) && echo "-Djava.locale.providers=SPI,COMPAT"
  return 0
}

start_engine() {
  if engine_answers; then
    say "search engine already answers on $ENGINE_PORT: reusing it"
    engine_healthy || say "WARNING: its cluster health is red or unknown (see /_cluster/health)"
    return
  fi
  if ! live_pid "$ENGINE_PID" EmbeddedEngine >/dev/null; then
    port_taken "$ENGINE_PORT" && die "port $ENGINE_PORT is taken by something that is not a healthy engine"
    need_java
    build_engine
    local java major
    java="$(java_bin)"
    major="$(java_major "$java")"
    mkdir -p "$RUN/opensearch/logs" "$RUN/opensearch/tmp"
    # shellcheck disable=SC2046  # the options are words on purpose
    setsid "$java" $(jvm_options "${major%%.*}") \
      -cp "$ENGINE_DIR/target/embedded-engine.jar:$ENGINE_DIR/target/lib/*" \
      ingest.engine.EmbeddedEngine "$RUN/opensearch" "$ENGINE_PORT" \
      </dev/null >"$ENGINE_LOG" 2>&1 9>&- &
    echo $! >"$ENGINE_PID"
    say "starting OpenSearch (pid $!, log $ENGINE_LOG)"
  fi
  wait_healthy opensearch engine_healthy "$ENGINE_LOG" "$ENGINE_PID"
}

# --- stop and status --------------------------------------------------------------------------------

stop_one() {
  local name="$1" pidfile="$2" what="$3" pid
  if ! pid="$(live_pid "$pidfile" "$what")"; then
    rm -f "$pidfile"
    say "$name: nothing started from this checkout is running"
    return
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    [[ -d "/proc/$pid" ]] || break
    sleep 0.5
  done
  if [[ -d "/proc/$pid" ]]; then
    say "$name (pid $pid) ignored SIGTERM for 30s: killing it"
    kill -KILL "$pid"
  fi
  rm -f "$pidfile"
  say "$name stopped (pid $pid)"
}

status() {
  local rc=0 pid
  if redis_healthy; then
    pid="$(live_pid "$REDIS_PID" redis-server || echo "not from this checkout")"
    say "redis: healthy on 127.0.0.1:$REDIS_PORT (pid $pid)"
  else
    say "redis: not answering on 127.0.0.1:$REDIS_PORT"; rc=3
  fi
  if engine_healthy; then
    pid="$(live_pid "$ENGINE_PID" EmbeddedEngine || echo "not from this checkout")"
    say "opensearch: healthy on 127.0.0.1:$ENGINE_PORT (pid $pid)"
  else
    say "opensearch: not answering on 127.0.0.1:$ENGINE_PORT"; rc=3
  fi
  return "$rc"
}

# Several checkouts share this machine's ports: one start or stop at a time per port pair.
lock() {
  exec 9>"/tmp/ingest-worker-services-$REDIS_PORT-$ENGINE_PORT.lock"
  flock -w "$((TIMEOUT_S * 2))" 9 || die "another services.sh is still running (lock held)"
}

case "${1:-}" in
  start) lock; need_tools; start_redis; start_engine ;;
  stop) lock; stop_one opensearch "$ENGINE_PID" EmbeddedEngine; stop_one redis "$REDIS_PID" redis-server ;;
  status) command -v redis-cli >/dev/null || die "redis-cli missing (apt-get install -y redis-tools)"; status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
