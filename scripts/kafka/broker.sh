#!/usr/bin/env bash
# A throw-away single-node Apache Kafka broker (KRaft, combined broker+controller) on 127.0.0.1
# for dnsledger's tests, run straight from the Maven-resolved jars (see resolve.sh).
#
#   broker.sh start   [--dir DIR]         format, start, create topics; prints the bootstrap
#   broker.sh stop    [--dir DIR]         stop the broker and delete DIR
#   broker.sh pause   [--dir DIR]         stop the broker JVM, keeping DIR: data, ports, users
#   broker.sh resume  [--dir DIR]         start the paused broker again on the same ports
#   broker.sh status  [--dir DIR]         exit 0 and print the bootstrap if running, else exit 3
#   broker.sh produce [--dir DIR] TOPIC FILE|-   one line = one message, no key, empty lines
#                                         skipped (kcat, or Kafka's Java console producer)
#   broker.sh resolve                     only resolve the jars
#
# Settings (environment):
#   DNSLEDGER_KAFKA_DIR          state dir (default ${TMPDIR:-/tmp}/dnsledger-kafka-<uid>)
#   DNSLEDGER_KAFKA_VERSION      Kafka version (default 4.4.0)
#   DNSLEDGER_KAFKA_PORT         SASL_PLAINTEXT client port (default: a free one)
#   DNSLEDGER_KAFKA_USER / DNSLEDGER_KAFKA_PASSWORD   (default dnsledger / dnsledger-secret)
#   DNSLEDGER_KAFKA_PARTITIONS   partitions per topic (default 2)
#   DNSLEDGER_KAFKA_TOPICS       space-separated topics (default: the eight Spamhaus topics)
#   DNSLEDGER_KAFKA_HEAP         broker heap flags (default -Xms128m -Xmx512m)
#   DNSLEDGER_KAFKA_JVM_OPTS     broker GC/JIT flags (default -XX:+UseSerialGC
#                                -XX:TieredStopAtLevel=1)
#   DNSLEDGER_KAFKA_CDS=0        do not use (or create) the JVM class-data archive
#   DNSLEDGER_KAFKA_PARENT_PID   stop the broker by itself once this process is gone
#   DNSLEDGER_KAFKA_PRODUCER     auto|kcat|java (default auto: kcat when installed)
#   DNSLEDGER_KAFKA_PRODUCE_MECHANISM   SASL mechanism for `produce` (default SCRAM-SHA-256,
#                                or PLAIN for a kcat whose librdkafka is older than 2.6.1)
#   DNSLEDGER_KAFKA_KEEP_LOGS=1  `stop` keeps DIR/logs (and the configs) for debugging
#   DNSLEDGER_KAFKA_CLUSTER_ID   KRaft cluster id (default: a random one, never starting with -)
#   DNSLEDGER_KAFKA_START_TIMEOUT / DNSLEDGER_KAFKA_STOP_TIMEOUT   seconds (180 / 30)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
self="$here/$(basename "${BASH_SOURCE[0]}")"

version="${DNSLEDGER_KAFKA_VERSION:-4.4.0}"
user="${DNSLEDGER_KAFKA_USER:-dnsledger}"
password="${DNSLEDGER_KAFKA_PASSWORD:-dnsledger-secret}"
partitions="${DNSLEDGER_KAFKA_PARTITIONS:-2}"
default_topics="spamhaus_new_domains spamhaus_pdns_cname spamhaus_pdns_ipv4 spamhaus_pdns_ipv6
  spamhaus_pdns_mx spamhaus_pdns_ns spamhaus_pdns_txt spamhaus_pdns_soa"
topics="${DNSLEDGER_KAFKA_TOPICS:-$default_topics}"
heap="${DNSLEDGER_KAFKA_HEAP:--Xms128m -Xmx512m}"
# C1 only: the broker is up seconds sooner, and tests move too little data to miss C2.
jvm_opts="${DNSLEDGER_KAFKA_JVM_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
start_timeout="${DNSLEDGER_KAFKA_START_TIMEOUT:-180}"
stop_timeout="${DNSLEDGER_KAFKA_STOP_TIMEOUT:-30}"
dir="${DNSLEDGER_KAFKA_DIR:-${TMPDIR:-/tmp}/dnsledger-kafka-$(id -u)}"
cache_dir=""
libs=""
classpath=""
taken_ports=""

log() { echo "broker.sh [+${SECONDS}s]: $*" >&2; }
die() { log "$*"; exit 1; }

cmd="${1:-}"
[[ $# -gt 0 ]] && shift
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --dir=*) dir="${1#--dir=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
# Everything below refers to the state dir by absolute path: the pid check matches on it.
mkdir -p "$(dirname "$dir")"
dir="$(cd "$(dirname "$dir")" && pwd)/$(basename "$dir")"

pid_file="$dir/broker.pid"
watchdog_file="$dir/watchdog.pid"
env_file="$dir/broker.env"
# Written first thing by `start`, so that `stop` finds the cache even after a failed start.
cache_file="$dir/cache-dir"

# Sets cache_dir, libs and classpath, resolving the jars on first use.
use_cache() {
  cache_dir="$("$here/resolve.sh")"
  libs="$cache_dir/libs"
  # Every JVM gets the same class path so that they can all share one class-data archive.
  classpath="$libs/*"
}

# A dynamic class-data (CDS) archive of the classes the broker loads roughly halves the start
# time of the broker and of the tool JVMs. It is only valid for the JVM build that wrote it,
# hence the libjvm's path, size and time in its name (resolve.sh deletes it with the jars).
# The first broker writes it when it exits (see stop_broker).
cds_archive() {
  local home jvm
  home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  jvm="$(find "$home/lib" -name libjvm.so -path '*server*' -printf '%p %s %T@\n' 2>/dev/null |
    head -n 1)"
  echo "$cache_dir/cds-$(printf '%s' "${jvm:-$home}" | sha256sum | cut -c1-12).jsa"
}

# JVM flags for using the archive if there is one. -Xshare:auto (the default) carries on
# without it when the archive does not fit; -Xlog keeps such warnings off stdout.
cds_flags() {
  local jsa
  [[ "${DNSLEDGER_KAFKA_CDS:-1}" == 0 ]] && return 0
  jsa="$(cds_archive)"
  if [[ -f "$jsa" ]]; then
    echo "-XX:SharedArchiveFile=$jsa -Xshare:auto -Xlog:disable -Xlog:all=error:stderr"
  fi
}

# Short-lived tool JVMs: C1 only and a small serial heap start noticeably faster on 2 cores.
tool_java() {
  # shellcheck disable=SC2046 # cds_flags prints several flags on purpose
  java $(cds_flags) -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Djava.net.preferIPv4Stack=true "-Dlog4j2.configurationFile=$here/log4j2-tools.properties" \
    -cp "$classpath" "$@"
}

# True when PID is alive and is the broker of this state dir; guards against a recycled pid.
is_our_broker() {
  local pid="$1" cl
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  cl="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cl" == *kafka.Kafka* && "$cl" == *"$dir/server.properties"* ]]
}

broker_pid() { if [[ -f "$pid_file" ]]; then cat "$pid_file"; fi; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Sets the variable named $1 to a free port. Below Linux's ephemeral range (32768+), so
# outgoing connections rarely hold it; ports already handed out by this run are skipped.
pick_port() {
  local p i
  for ((i = 0; i < 500; i++)); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 12000))
    if [[ " $taken_ports " != *" $p "* ]] && ! port_in_use "$p"; then
      taken_ports="$taken_ports $p"
      printf -v "$1" '%s' "$p"
      return 0
    fi
  done
  die "no free port found"
}

validate() {
  [[ "$partitions" =~ ^[1-9][0-9]*$ ]] ||
    die "DNSLEDGER_KAFKA_PARTITIONS must be a positive integer"
  # These end up inside JAAS strings and the --add-scram syntax, which have no escaping.
  [[ "$user" =~ ^[A-Za-z0-9._-]+$ ]] || die "DNSLEDGER_KAFKA_USER: use [A-Za-z0-9._-] only"
  [[ "$password" =~ ^[A-Za-z0-9._~+@%^*-]+$ ]] ||
    die "DNSLEDGER_KAFKA_PASSWORD: use [A-Za-z0-9._~+@%^*-] only"
}

write_configs() {
  local port="$1" internal_port="$2" controller_port="$3"
  local scram=org.apache.kafka.common.security.scram.ScramLoginModule
  local plain=org.apache.kafka.common.security.plain.PlainLoginModule
  mkdir -p "$dir/data" "$dir/logs"
  # CLIENT is the only listener tests use. INTERNAL (plaintext, loopback only) carries the
  # broker's own inter-broker traffic and the setup tools, so those need no credentials.
  cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
controller.listener.names=CONTROLLER
listeners=CLIENT://127.0.0.1:$port,INTERNAL://127.0.0.1:$internal_port,\\
  CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=CLIENT://127.0.0.1:$port,INTERNAL://127.0.0.1:$internal_port
listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=INTERNAL
sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512,PLAIN
listener.name.client.sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512,PLAIN
listener.name.client.scram-sha-256.sasl.jaas.config=$scram required;
listener.name.client.scram-sha-512.sasl.jaas.config=$scram required;
listener.name.client.plain.sasl.jaas.config=$plain required \\
  user_$user="$password";
log.dirs=$dir/data
num.partitions=$partitions
auto.create.topics.enable=false
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
# One offsets partition instead of 50: the first consumer group comes up much sooner.
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Tests join groups one consumer at a time; the default 3 s delay only slows them down.
group.initial.rebalance.delay.ms=0
EOF
  # librdkafka properties for `kcat -F`; the mechanism is chosen per run with -X.
  cat >"$dir/kcat.conf" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanisms=SCRAM-SHA-256
sasl.username=$user
sasl.password=$password
message.timeout.ms=30000
EOF
}

# Java client properties for the console producer; prints the file's path.
write_client_properties() {
  local mech="$1" module
  case "$mech" in
    PLAIN) module=org.apache.kafka.common.security.plain.PlainLoginModule ;;
    SCRAM-SHA-256 | SCRAM-SHA-512) module=org.apache.kafka.common.security.scram.ScramLoginModule ;;
    *) die "unknown SASL mechanism: $mech" ;;
  esac
  cat >"$dir/client-$mech.properties" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=$mech
sasl.jaas.config=$module required username="$user" password="$password";
acks=all
delivery.timeout.ms=30000
max.block.ms=10000
EOF
  echo "$dir/client-$mech.properties"
}

stop_broker() {
  local wpid
  wpid=""
  if [[ -f "$watchdog_file" ]]; then wpid="$(cat "$watchdog_file")"; fi
  # The watchdog execs into `stop` itself, so it must not kill its own pid.
  if [[ -n "$wpid" && "$wpid" != "$$" ]] && kill -0 "$wpid" 2>/dev/null; then
    kill "$wpid" 2>/dev/null || true
  fi
  stop_jvm
  keep_cds_archive
  if [[ -d "$dir" ]]; then
    if [[ "${DNSLEDGER_KAFKA_KEEP_LOGS:-}" == 1 ]]; then
      rm -rf "$dir/data" "$pid_file" "$watchdog_file" "$dir/new.jsa"
      log "kept logs in $dir/logs"
    else
      rm -rf "$dir"
    fi
  fi
}

# Ends the broker JVM of this state dir, if it runs: SIGTERM (a clean shutdown that flushes
# its logs), then SIGKILL after the stop timeout.
stop_jvm() {
  local pid i
  pid="$(broker_pid)"
  if is_our_broker "$pid"; then
    log "stopping broker pid $pid"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < stop_timeout * 5; i++)); do
      is_our_broker "$pid" || break
      sleep 0.2
    done
    if is_our_broker "$pid"; then
      log "broker pid $pid ignored SIGTERM for ${stop_timeout}s, killing it"
      kill -KILL "$pid" 2>/dev/null || true
      for ((i = 0; i < 50; i++)); do
        is_our_broker "$pid" || break
        sleep 0.1
      done
    fi
    # The JVM has exited; give init a moment to reap it, so that callers checking the pid
    # right after `stop` do not see a zombie.
    for ((i = 0; i < 20; i++)); do
      [[ -e "/proc/$pid" ]] || break
      sleep 0.1
    done
  fi
}

# Moves the archive written by a first broker's exit into the cache. Copy then rename, so a
# concurrently starting broker never maps a half-written file.
keep_cds_archive() {
  [[ -s "$dir/new.jsa" && -f "$cache_file" ]] || return 0
  cache_dir="$(cat "$cache_file")"
  local jsa
  jsa="$(cds_archive)"
  if [[ ! -f "$jsa" ]]; then
    cp "$dir/new.jsa" "$jsa.tmp.$$" && mv -f "$jsa.tmp.$$" "$jsa" && log "saved CDS archive $jsa"
  fi
  rm -f "$dir/new.jsa"
}

# Launches the broker JVM in its own session (so a Ctrl-C or a test runner's signal to our
# process group does not kill it behind `stop`'s back) and records its exact pid.
launch_broker() {
  local cds
  cds="$(cds_flags)"
  if [[ -z "$cds" && "${DNSLEDGER_KAFKA_CDS:-1}" != 0 ]]; then
    cds="-XX:ArchiveClassesAtExit=$dir/new.jsa -Xlog:disable -Xlog:all=error:stderr"
  fi
  # shellcheck disable=SC2086,SC2016 # several flags per variable; $$ is the inner shell's
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pid_file" \
    java $heap $jvm_opts $cds -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true -Djava.net.preferIPv4Stack=true \
    "-Dkafka.logs.dir=$dir/logs" "-Dlog4j2.configurationFile=$here/log4j2-broker.properties" \
    -cp "$classpath" kafka.Kafka "$dir/server.properties" \
    </dev/null >"$dir/logs/stdout.log" 2>&1 &
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$pid_file" ]] && return 0
    sleep 0.1
  done
  die "broker JVM did not start (see $dir/logs/stdout.log)"
}

# Polls until the broker logs that it started and its client port accepts connections.
# Returns 2 when the JVM died of a port clash, so the caller can retry with other ports.
wait_ready() {
  local port="$1" pid i
  pid="$(broker_pid)"
  for ((i = 0; i < start_timeout * 5; i++)); do
    if ! is_our_broker "$pid"; then
      if grep -qs 'Address already in use' "$dir/logs/server.log" "$dir/logs/stdout.log"; then
        return 2
      fi
      log "broker exited during startup; last log lines:"
      tail -n 40 "$dir/logs/server.log" "$dir/logs/stdout.log" >&2 2>/dev/null || true
      return 1
    fi
    if grep -qs 'Kafka Server started' "$dir/logs/server.log" && port_in_use "$port"; then
      return 0
    fi
    sleep 0.2
  done
  log "broker not ready after ${start_timeout}s; last log lines:"
  tail -n 40 "$dir/logs/server.log" >&2 2>/dev/null || true
  return 1
}

# Stops the broker by itself once the given process (e.g. the test runner) is gone, even if
# that process was SIGKILLed and never ran its own cleanup.
start_watchdog() {
  local parent="$1"
  kill -0 "$parent" 2>/dev/null || die "DNSLEDGER_KAFKA_PARENT_PID $parent is not running"
  # shellcheck disable=SC2016 # expanded by the watchdog's own shell
  setsid bash -c '
    parent=$1; shift
    while kill -0 "$parent" 2>/dev/null; do sleep 1; done
    exec "$@"' watchdog "$parent" "$self" stop --dir "$dir" \
    </dev/null >>"$dir/watchdog.log" 2>&1 &
  echo $! >"$watchdog_file"
}

cmd_start() {
  validate
  if is_our_broker "$(broker_pid)"; then
    die "a broker is already running in $dir (broker.sh stop --dir $dir)"
  fi
  use_cache
  rm -rf "$dir"
  mkdir -p "$dir/logs"
  echo "$cache_dir" >"$cache_file"
  if [[ -n "${DNSLEDGER_KAFKA_PARENT_PID:-}" ]]; then
    start_watchdog "$DNSLEDGER_KAFKA_PARENT_PID"
  fi

  local attempt port internal_port controller_port rc cluster_id
  for attempt in 1 2 3; do
    taken_ports="${DNSLEDGER_KAFKA_PORT:-}"
    port="${DNSLEDGER_KAFKA_PORT:-}"
    [[ -n "$port" ]] || pick_port port
    pick_port internal_port
    pick_port controller_port
    rm -rf "$dir/data" "$dir/logs"
    write_configs "$port" "$internal_port" "$controller_port"

    # What `kafka-storage random-uuid` prints (16 random bytes, base64url), without a JVM. Like
    # Kafka's Uuid.randomUuid, draw again when it starts with `-`, which a tool reads as an
    # option; and pass it as --cluster-id=ID, which argparse4j takes whatever the value starts
    # with (`--cluster-id -AbC...` fails with "expected one argument").
    cluster_id="${DNSLEDGER_KAFKA_CLUSTER_ID:--}"
    while [[ -z "${DNSLEDGER_KAFKA_CLUSTER_ID:-}" && "$cluster_id" == -* ]]; do
      cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    done
    # KRaft has no ZooKeeper to add users to later: SCRAM credentials go into the first
    # metadata records at format time.
    if ! tool_java kafka.tools.StorageTool format \
        --config "$dir/server.properties" --cluster-id="$cluster_id" \
        --add-scram "SCRAM-SHA-256=[name=$user,password=$password]" \
        --add-scram "SCRAM-SHA-512=[name=$user,password=$password]" \
        >"$dir/logs/format.log" 2>&1; then
      cat "$dir/logs/format.log" >&2
      stop_broker
      die "formatting the storage failed"
    fi

    log "starting Kafka $version on 127.0.0.1:$port (state in $dir)"
    launch_broker
    rc=0
    wait_ready "$port" || rc=$?
    [[ $rc == 0 ]] && break
    if [[ $rc == 2 && -z "${DNSLEDGER_KAFKA_PORT:-}" && $attempt -lt 3 ]]; then
      log "port clash, retrying with other ports"
      continue
    fi
    stop_broker
    die "broker failed to start"
  done

  log "broker up (pid $(broker_pid)); creating topics"
  # One JVM waits for the broker to answer, creates the topics and warms up the group
  # coordinator (see TestBrokerSetup.java, compiled into libs/ by resolve.sh).
  # shellcheck disable=SC2086 # $topics is a list on purpose
  if ! tool_java TestBrokerSetup "127.0.0.1:$internal_port" "$partitions" "$start_timeout" \
      $topics; then
    tail -n 40 "$dir/logs/server.log" >&2 || true
    stop_broker
    die "topic creation failed"
  fi

  {
    printf 'DNSLEDGER_KAFKA_BOOTSTRAP=%q\n' "127.0.0.1:$port"
    printf 'DNSLEDGER_KAFKA_INTERNAL_BOOTSTRAP=%q\n' "127.0.0.1:$internal_port"
    printf 'DNSLEDGER_KAFKA_USER=%q\n' "$user"
    printf 'DNSLEDGER_KAFKA_PASSWORD=%q\n' "$password"
    printf 'DNSLEDGER_KAFKA_MECHANISMS=%q\n' "SCRAM-SHA-256,SCRAM-SHA-512,PLAIN"
    printf 'DNSLEDGER_KAFKA_VERSION=%q\n' "$version"
    printf 'DNSLEDGER_KAFKA_CACHE_DIR=%q\n' "$cache_dir"
    printf 'DNSLEDGER_KAFKA_PID=%q\n' "$(broker_pid)"
  } >"$env_file"
  log "ready: SASL_PLAINTEXT 127.0.0.1:$port user=$user" \
    "mechanisms=SCRAM-SHA-256,SCRAM-SHA-512,PLAIN topics=$(wc -w <<<"$topics")x${partitions}"
  echo "127.0.0.1:$port"
}

cmd_stop() {
  if [[ ! -e "$dir" ]]; then
    log "nothing to stop in $dir"
    return 0
  fi
  stop_broker
}

# The broker goes away as in an outage, but everything it had stays: its data and committed
# offsets, its SCRAM users (in the KRaft metadata log), its ports and the watchdog.
cmd_pause() {
  [[ -f "$env_file" ]] || die "no started broker in $dir"
  is_our_broker "$(broker_pid)" || die "the broker in $dir is not running"
  stop_jvm
  # launch_broker waits for a new pid file: the old one must not look like it.
  rm -f "$pid_file"
  log "broker paused; state kept in $dir"
}

cmd_resume() {
  [[ -f "$env_file" ]] || die "no started broker in $dir"
  is_our_broker "$(broker_pid)" && die "the broker in $dir is already running"
  # shellcheck disable=SC1090
  source "$env_file"
  use_cache
  # wait_ready looks for the start line in server.log: the old one must not count.
  local n=1
  while [[ -e "$dir/logs/server.log.$n" ]]; do n=$((n + 1)); done
  if [[ -f "$dir/logs/server.log" ]]; then mv "$dir/logs/server.log" "$dir/logs/server.log.$n"; fi
  log "resuming Kafka on $DNSLEDGER_KAFKA_BOOTSTRAP (state in $dir)"
  rm -f "$pid_file"
  launch_broker
  wait_ready "${DNSLEDGER_KAFKA_BOOTSTRAP##*:}" || die "broker failed to resume"
  sed -i "s/^DNSLEDGER_KAFKA_PID=.*/DNSLEDGER_KAFKA_PID=$(broker_pid)/" "$env_file"
  log "broker resumed (pid $(broker_pid))"
}

cmd_status() {
  local pid
  pid="$(broker_pid)"
  if is_our_broker "$pid" && [[ -f "$env_file" ]]; then
    # shellcheck disable=SC1090
    source "$env_file"
    echo "running pid=$pid bootstrap=$DNSLEDGER_KAFKA_BOOTSTRAP dir=$dir"
    return 0
  fi
  echo "stopped dir=$dir"
  return 3
}

# True when kcat's librdkafka can do SCRAM against this broker (see cmd_produce).
librdkafka_scram_ok() {
  [[ "$version" != 4.* ]] && return 0
  local v
  v="$(kcat -V 2>/dev/null | sed -n 's/.*librdkafka \([0-9][0-9.]*\).*/\1/p' | head -n 1)"
  [[ -n "$v" ]] || return 1
  [[ "$(printf '%s\n' 2.6.1 "$v" | sort -V | head -n 1)" == 2.6.1 ]]
}

cmd_produce() {
  [[ ${#args[@]} == 2 ]] || die "usage: broker.sh produce [--dir DIR] TOPIC FILE|-"
  local topic="${args[0]}" file="${args[1]}"
  [[ -f "$env_file" ]] || die "no running broker in $dir"
  # shellcheck disable=SC1090
  source "$env_file"
  user="$DNSLEDGER_KAFKA_USER"
  password="$DNSLEDGER_KAFKA_PASSWORD"
  version="$DNSLEDGER_KAFKA_VERSION"
  [[ "$file" == - || -f "$file" ]] || die "no such file: $file"

  local how="${DNSLEDGER_KAFKA_PRODUCER:-auto}" mech="${DNSLEDGER_KAFKA_PRODUCE_MECHANISM:-}"
  if [[ "$how" == auto ]]; then
    how=java
    if command -v kcat >/dev/null; then how=kcat; fi
  fi
  if [[ -z "$mech" ]]; then
    mech=SCRAM-SHA-256
    # librdkafka before 2.6.1 repeats the client nonce in its SCRAM client-final-message
    # (confluentinc/librdkafka#4895); Kafka 4 brokers check the nonce strictly and refuse it
    # as "invalid credentials". Debian 12's kcat links librdkafka 2.0.2: it produces over PLAIN.
    if [[ "$how" == kcat ]] && ! librdkafka_scram_ok; then mech=PLAIN; fi
  fi

  case "$how" in
    kcat)
      # -l FILE: the file's lines are the messages (newline is kcat's default delimiter), empty
      # lines skipped; no -K, so no keys. kcat exits non-zero when a delivery fails.
      local src=(-l "$file")
      [[ "$file" == - ]] && src=()
      kcat -F "$dir/kcat.conf" -X "sasl.mechanisms=$mech" -b "$DNSLEDGER_KAFKA_BOOTSTRAP" \
        -P -t "$topic" "${src[@]}"
      ;;
    java)
      cache_dir="$DNSLEDGER_KAFKA_CACHE_DIR"
      libs="$cache_dir/libs"
      classpath="$libs/*"
      local props
      props="$(write_client_properties "$mech")"
      [[ "$file" == - ]] && file=/dev/stdin
      # kcat skips empty lines; drop them here too, so both producers write the same messages.
      # Without parse.key the messages have no key. Sends are batched (--timeout is linger.ms)
      # and at end of input the producer waits for every acknowledgement; but a failed send
      # is only logged, not reflected in the exit status, so its log line fails the run.
      local errs="$dir/produce-$$.err" rc=0
      tool_java org.apache.kafka.tools.ConsoleProducer \
        --bootstrap-server "$DNSLEDGER_KAFKA_BOOTSTRAP" --topic "$topic" \
        --command-config "$props" --timeout 5 < <(sed '/^$/d' "$file") 2>"$errs" || rc=$?
      cat "$errs" >&2
      if grep -q 'Error when sending message' "$errs"; then rc=1; fi
      rm -f "$errs"
      return "$rc"
      ;;
    *) die "DNSLEDGER_KAFKA_PRODUCER must be auto, kcat or java" ;;
  esac
}

case "$cmd" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  pause) cmd_pause ;;
  resume) cmd_resume ;;
  status) cmd_status ;;
  produce) cmd_produce ;;
  resolve) "$here/resolve.sh" ;;
  *)
    sed -n '2,13p' "$self" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
