#!/usr/bin/env bash
# ./carepath bench: the platform against the bare engine, in one run on the same machine state (issue 16).
#   1. pgbench simple-update on a scratch database: the machine's PostgreSQL commit ceiling.
#   2. The bare engine: bpmn/patient-journey.bpmn and the four decision tables on Operaton in one JVM with no-op
#      workers and partner events correlated at once (dev.carepath.bench.BareEngine), on a database of its own.
#   3. The platform: simulator (zero partner latency), engine, portal, job-workers as the demo starts them, journeys
#      offered through POST /v1/journeys; once with one job-workers process, then with two.
#   Each side is offered journeys in steps of growing rate (--rates, journeys/s, --step-seconds each), then its
#   backlog drains (--drain-seconds at most). The results go to docs/bench/ (results.md and PNG plots, XChart).
# Options: --rates LIST (default 0.5,1,2,4,8) --step-seconds S (30) --drain-seconds S (90) --cycles N (2)
#          --no-build --skip-bare --skip-platform --out DIR (docs/bench)
#   --waiting N [--templates T] [--copy all|runtime] [--keep-database] [--history full|audit|activity] [--fire F]
#          [--job-execution k=v,...]: instead, N cycles on the bare engine waiting in the follow-up timer (7-day
#          weeks): T (2000) through the engine's API, the rest copied from those in SQL (the fast path,
#          dev.carepath.bench.WaitingCycleCopies; --copy runtime copies the runtime rows only); bytes per waiting
#          cycle, heap, the job acquisition query's cost and 10 timers due after the executor idled, on Operaton's
#          tables and then with the platform's due date index; with it, F (10000) timers made due at once, fired and
#          finished, and 10 more; how late each ran (dev.carepath.bench.WaitingJourneys); JSON in target/bench/.
#          A million with --copy all needs about 90 GB of disk and hours; with --copy runtime about 14 GB and 30 to
#          45 min (measured on 2 cores: 390 to 600 copies/s). --keep-database keeps the database <db>_waiting
#          afterwards, and a later run with it measures the cycles already there again.
# Environment: CAREPATH_DB (default carepath_bench; the bare engine uses <db>_bare, pgbench <db>_pgbench),
#   CAREPATH_RABBIT_VHOST (default = CAREPATH_DB), CAREPATH_PORT_BASE (default 8080), CAREPATH_PGADMIN (postgres),
#   CAREPATH_BENCH_JAVA_OPTS (more JVM options for the platform's deployables), CAREPATH_BENCH_JFR (0: no profiles).
# A measurement, not a test: nothing asserts a number. The machine is shared: compare the ratio, not the absolutes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

help() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
rates=0.5,1,2,4,8 step=30 drain=90 cycles=2 build=true bare=true platform=true out=docs/bench
waiting= templates=2000 copy=all keep_database=false reuse=false history=full fire=10000 job_execution=
while [ $# -gt 0 ]; do
  case "$1" in
    --rates) rates=${2:?}; shift 2 ;;
    --step-seconds) step=${2:?}; shift 2 ;;
    --drain-seconds) drain=${2:?}; shift 2 ;;
    --cycles) cycles=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    --no-build) build=false; shift ;;
    --waiting) waiting=${2:?}; shift 2 ;;
    --templates) templates=${2:?}; shift 2 ;;
    --copy) copy=${2:?}; shift 2 ;;
    --keep-database) keep_database=true; shift ;;
    --history) history=${2:?}; shift 2 ;;
    --fire) fire=${2:?}; shift 2 ;;
    --job-execution) job_execution=${2:?}; shift 2 ;;
    --skip-bare) bare=false; shift ;;
    --skip-platform) platform=false; shift ;;
    -h|--help) help; exit 0 ;;
    *) echo "bench: unknown option $1" >&2; exit 2 ;;
  esac
done

export CAREPATH_DB=${CAREPATH_DB:-carepath_bench}
export CAREPATH_RABBIT_VHOST=${CAREPATH_RABBIT_VHOST:-$CAREPATH_DB}
pghost=${CAREPATH_PGHOST:-127.0.0.1} pgport=${CAREPATH_PGPORT:-5432} pgadmin=${CAREPATH_PGADMIN:-postgres}
base=${CAREPATH_PORT_BASE:-8080}
engine_port=$base portal_port=$((base + 1)) workers_port=$((base + 2)) workers2_port=$((base + 3))
simulator_port=$((base + 10))
run_dir=target/bench logs=target/bench/logs
mkdir -p "$logs"
die() { echo "bench: $*" >&2; exit 1; }
admin_sql() { psql -X -q -tA -v ON_ERROR_STOP=1 -h "$pghost" -p "$pgport" -U "$pgadmin" -d "${2:-postgres}" -c "$1"; }
jdbc() { echo "jdbc:postgresql://$pghost:$pgport/$1"; }

echo "== carepath bench: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
if $build; then
  echo "== build"
  ./mvnw -B -ntp -q -DskipTests package >"$logs/build.log" 2>&1 || { tail -30 "$logs/build.log" >&2; die "the build failed"; }
fi
classpath="bench/target/classes:$(cat bench/target/bench.classpath)"
bench() { java -Xms256m -Xmx768m -cp "$classpath" dev.carepath.bench.Bench "$@"; }

if [ -n "$waiting" ]; then
  echo "== $waiting waiting cycles on the bare engine (history $history; $templates through its API, the rest copied), then $fire timers due at once"
  if $keep_database && [ "$(admin_sql "SELECT count(*) FROM pg_database WHERE datname = '${CAREPATH_DB}_waiting'")" = 1 ]; then
    echo "  reusing database ${CAREPATH_DB}_waiting and the cycles waiting in it (--keep-database)"
    reuse=true
  else
    admin_sql "DROP DATABASE IF EXISTS ${CAREPATH_DB}_waiting" && admin_sql "CREATE DATABASE ${CAREPATH_DB}_waiting"
  fi
  bench waiting --jdbc "$(jdbc "${CAREPATH_DB}_waiting")" --user "$pgadmin" --password "${PGPASSWORD:-}" \
    --count "$waiting" --templates "$templates" --copy "$copy" --reuse "$reuse" --fire "$fire" --history "$history" --job-execution "${job_execution:-}" \
    --out "$run_dir/waiting-$history-$copy-$waiting.json" 2>"$logs/waiting.log"
  $keep_database || admin_sql "DROP DATABASE IF EXISTS ${CAREPATH_DB}_waiting"
  exit 0
fi

echo "== pgbench simple-update (the machine's commit ceiling), 15 s"
admin_sql "DROP DATABASE IF EXISTS ${CAREPATH_DB}_pgbench" && admin_sql "CREATE DATABASE ${CAREPATH_DB}_pgbench"
pgbench -q -i -s 4 -h "$pghost" -p "$pgport" -U "$pgadmin" "${CAREPATH_DB}_pgbench" >"$logs/pgbench.log" 2>&1
pgbench -b simple-update -c 4 -j 2 -T 15 -h "$pghost" -p "$pgport" -U "$pgadmin" "${CAREPATH_DB}_pgbench" >>"$logs/pgbench.log" 2>&1
tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$logs/pgbench.log" | tail -1)
admin_sql "DROP DATABASE IF EXISTS ${CAREPATH_DB}_pgbench"
echo "  ${tps} transactions/s (log $logs/pgbench.log)"
machine="$(nproc) CPUs, load average at the start $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)."

if $bare; then
  echo "== bare engine: patient-journey.bpmn on Operaton with no-op workers, steps of $rates journeys/s x ${step}s"
  admin_sql "DROP DATABASE IF EXISTS ${CAREPATH_DB}_bare" && admin_sql "CREATE DATABASE ${CAREPATH_DB}_bare"
  bench bare --jdbc "$(jdbc "${CAREPATH_DB}_bare")" --user "$pgadmin" --password "${PGPASSWORD:-}" --rates "$rates" \
    --step-seconds "$step" --drain-seconds "$drain" --cycles "$cycles" --follow-up-unit PT0.1S \
    --out "$run_dir/bare.json" 2>"$logs/bare.log"
fi

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT
trap 'exit 130' INT TERM
# Each deployable records a JFR profile of the run (CAREPATH_BENCH_JFR=0: none), to name a bottleneck with evidence:
# jfr print --events jdk.ExecutionSample target/bench/logs/engine.jfr
jfr_option() {
  # Stacks 256 frames deep: the consumers' run 100 and more below their thread's root, cut at JFR's default of 64.
  [ "${CAREPATH_BENCH_JFR:-1}" = 0 ] || echo "-XX:FlightRecorderOptions:stackdepth=256" \
    "-XX:StartFlightRecording=filename=$logs/$1.jfr,settings=profile,dumponexit=true"
}
# The deployables stop at C1 as the demo's do. Measured on 2 cores: with C2 (the images' JIT) the one-worker run
# made 1.19 cycles/s against 1.74, its JVMs compiling through the steps, and the warmed two-worker run made the same
# (2.20 against 2.17 cycles/s, 1.05 against 0.95 CPU s a cycle). CAREPATH_BENCH_JAVA_OPTS adds options to each.
start() { # start NAME PORT JAR [args...]: one deployable in the background, as the demo starts it
  local name=$1 port=$2 jar=$3; shift 3
  # shellcheck disable=SC2046,SC2086
  java -Xms128m -Xmx512m -XX:TieredStopAtLevel=1 ${CAREPATH_BENCH_JAVA_OPTS:-} $(jfr_option "$name") -jar "$jar" \
    --server.port="$port" "$@" \
    >"$logs/$name.log" 2>&1 &
  pids+=($!)
  eval "pid_${name//-/_}=$!"
}
await_health() { # await_health NAME URL
  for ((i = 0; i < 480; i++)); do
    curl -sf "$2" >/dev/null && { echo "  $1 up"; return; }
    sleep 0.5
  done
  die "$1 not healthy after 240 s; see $logs/$1.log"
}

if $platform; then
  echo "== platform: simulator with zero partner latency, engine, portal, job-workers (logs in $logs)"
  CAREPATH_TEST_DB=$CAREPATH_DB deploy/local/stack.sh --reset "$CAREPATH_DB" >"$logs/stack.log" 2>&1 || { cat "$logs/stack.log" >&2; die "stack"; }
  for port in $engine_port $portal_port $workers_port $workers2_port $simulator_port; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "port $port is in use"; fi
  done
  export CAREPATH_ENGINE_PORT=$engine_port CAREPATH_ENGINE_URL=http://127.0.0.1:$engine_port
  export CAREPATH_PARTNERS_URL=http://127.0.0.1:$simulator_port CAREPATH_CLINICAL_URL=http://127.0.0.1:$workers_port
  # The follow-up timer as on the bare side: one titration week = 100 ms.
  export CAREPATH_FOLLOW_UP_UNIT=100ms
  zero=()
  for kind in payments telehealth erx shipping messaging; do
    zero+=(--simulator.faults.$kind.latency-ms.min=0 --simulator.faults.$kind.latency-ms.max=0)
  done
  start simulator "$simulator_port" partner-simulator/target/partner-simulator-0.1.0-SNAPSHOT-exec.jar \
    --simulator.webhooks.target-url="http://127.0.0.1:$portal_port" --simulator.telehealth.visit-completion-delay=0ms \
    --simulator.telehealth.not-tolerated-probability=0 --simulator.pharmacy.dispense-delay=0ms \
    --simulator.pharmacy.ship-delay=0ms --simulator.pharmacy.deliver-delay=0ms "${zero[@]}"
  start engine "$engine_port" engine/target/engine.jar
  start portal "$portal_port" portal/target/portal.jar
  await_health simulator "http://127.0.0.1:$simulator_port/ledger/summary"
  await_health engine "http://127.0.0.1:$engine_port/actuator/health"
  await_health portal "http://127.0.0.1:$portal_port/actuator/health"
  CAREPATH_WORKERS_PORT=$workers_port start job-workers "$workers_port" job-workers/target/job-workers.jar
  await_health job-workers "http://127.0.0.1:$workers_port/actuator/health"
  common=(--jdbc "$(jdbc "$CAREPATH_DB")" --user "$pgadmin" --password "${PGPASSWORD:-}" --rates "$rates"
    --step-seconds "$step" --drain-seconds "$drain" --cycles "$cycles" --portal "http://127.0.0.1:$portal_port"
    --simulator "http://127.0.0.1:$simulator_port")
  echo "== platform with 1 job-workers process: steps of $rates journeys/s x ${step}s"
  bench platform "${common[@]}" --label "platform, 1 job-workers process" --out "$run_dir/platform-1.json" \
    --pids "engine=$pid_engine,portal=$pid_portal,job-workers=$pid_job_workers,simulator=$pid_simulator" \
    2>"$logs/platform-1.log"
  first_workers=$pid_job_workers
  CAREPATH_WORKERS_PORT=$workers2_port start job-workers-2 "$workers2_port" job-workers/target/job-workers.jar
  await_health job-workers-2 "http://127.0.0.1:$workers2_port/actuator/health"
  # The one-worker run's backlog first (both workers on it), so that the two-worker steps count their own journeys:
  # until no cycle has run for three polls in a row, at most --drain-seconds x 4.
  echo "== the one-worker run's backlog, drained by both workers before the two-worker steps"
  idle=0 waited=0
  while [ "$idle" -lt 3 ] && [ "$waited" -lt $((drain * 4)) ]; do
    running=$(admin_sql "SELECT count(*) FROM engine.act_ru_execution WHERE id_ = proc_inst_id_" "$CAREPATH_DB")
    if [ "$running" = 0 ]; then idle=$((idle + 1)); else idle=0; fi
    [ $((waited % 20)) = 0 ] && echo "  ${waited}s  $running cycles running"
    sleep 2; waited=$((waited + 2))
  done
  [ "$idle" -ge 3 ] && echo "  drained in ${waited}s" \
    || echo "  not drained after ${waited}s: the two-worker steps also finish the one-worker run's journeys"
  echo "== platform with 2 job-workers processes: steps of $rates journeys/s x ${step}s"
  bench platform "${common[@]}" --label "platform, 2 job-workers processes" --out "$run_dir/platform-2.json" \
    --pids "engine=$pid_engine,portal=$pid_portal,job-workers=$first_workers,job-workers-2=$pid_job_workers_2,simulator=$pid_simulator" \
    2>"$logs/platform-2.log"
fi

echo "== report: $out/results.md and plots"
# The sides this run measured (--skip-bare or --skip-platform leave one out).
runs=""
for run in "$run_dir"/bare.json "$run_dir"/platform-1.json "$run_dir"/platform-2.json; do
  [ -f "$run" ] && runs=${runs:+$runs,}$run
done
bench report --runs "$runs" --out "$out" --pgbench-tps "${tps:-NaN}" --machine "$machine"
