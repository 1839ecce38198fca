# The demo's cluster mode (./carepath demo --engines N --workers N [--chaos-kills]): functions only, sourced by
# deploy/local/demo.sh, which calls them at its start, kill, follow and summary steps. docs/adr/0020 says why it
# is built this way.
#
# On one machine and one database: N engine nodes (Operaton's job executor on each, hostname engine-<i>, so the
# history's job log tells which node ran a job) and N job-worker processes, behind HAProxy:
#   engine REST   :base     → engine-1 :base+21, engine-2 :base+22 …   (health-checked, failed connects redispatched)
#   clinical store:base+2   → job-workers-1 :base+31, -2 :base+32 …   (the portal forwards intakes there)
#   AMQP          :base+41 (engines), :base+42 (portal), :base+43 (job-workers) → the shared broker, one proxy per
#                 deployable, so that the chaos can cut one deployable's broker connections (HAProxy's runtime API,
#                 "shutdown sessions") without stopping the broker, which others share
#   HAProxy stats :base+49
# The portal, the workers and the demo itself reach the engine and the clinical store only through those addresses.

cluster_engine_port() { echo $((base + 20 + $1)); }
cluster_worker_port() { echo $((base + 30 + $1)); }
cluster_amqp_port() { case "$1" in engine) echo $((base + 41)) ;; portal) echo $((base + 42)) ;; job-workers) echo $((base + 43)) ;; esac; }
cluster_stats_port() { echo $((base + 49)); }

cluster_ports() { # the ports cluster mode listens on, besides the demo's own
  local i
  for ((i = 1; i <= engines; i++)); do cluster_engine_port "$i"; done
  for ((i = 1; i <= workers; i++)); do cluster_worker_port "$i"; done
  cluster_amqp_port engine; cluster_amqp_port portal; cluster_amqp_port job-workers; cluster_stats_port
}

# cluster_need COMMAND PACKAGE: the Debian package, installed with a clear message where the demo runs as root.
cluster_need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "  $1 not found: the cluster mode needs it; installing the Debian package $2 (log $logs/apt-$2.log)"
    { apt-get install -y -q "$2" || { apt-get update -q && apt-get install -y -q "$2"; }; } >"$logs/apt-$2.log" 2>&1 \
      || die "could not install $2 (apt-get install $2); the cluster mode needs it"
  else
    die "$1 not found: the cluster mode needs it (apt-get install $2)"
  fi
}

cluster_proxy_config() {
  local i
  cat <<EOF
# Written by deploy/local/cluster.sh for one demo run.
global
  maxconn 4000
  stats socket $PWD/$run_dir/haproxy.sock mode 600 level admin
defaults
  timeout connect 2s
  timeout client 10m
  timeout server 10m
  timeout check 2s
  # A request whose connection to a node fails (the node was just killed) goes to another node.
  retries 3
  option redispatch
  default-server inter 1s fall 2 rise 2
frontend engine_rest
  mode http
  bind 127.0.0.1:$engine_port
  default_backend engine_nodes
backend engine_nodes
  mode http
  balance roundrobin
  option httpchk GET /actuator/health
EOF
  for ((i = 1; i <= engines; i++)); do echo "  server engine-$i 127.0.0.1:$(cluster_engine_port "$i") check"; done
  cat <<EOF
frontend clinical_store
  mode http
  bind 127.0.0.1:$workers_port
  default_backend worker_nodes
backend worker_nodes
  mode http
  balance roundrobin
  option httpchk GET /actuator/health
EOF
  for ((i = 1; i <= workers; i++)); do echo "  server job-workers-$i 127.0.0.1:$(cluster_worker_port "$i") check"; done
  local deployable
  for deployable in engine portal job-workers; do
    cat <<EOF
listen amqp_${deployable//-/_}
  mode tcp
  bind 127.0.0.1:$(cluster_amqp_port "$deployable")
  server broker ${CAREPATH_RABBIT_HOST:-127.0.0.1}:${CAREPATH_RABBIT_BROKER_PORT:-5672}
EOF
  done
  cat <<EOF
listen stats
  mode http
  bind 127.0.0.1:$(cluster_stats_port)
  stats enable
  stats uri /
EOF
}

cluster_proxy() { # cluster_proxy COMMAND: a command of HAProxy's runtime API
  echo "$1" | socat -t 5 stdio "unix-connect:$run_dir/haproxy.sock"
}

cluster_start_proxy() {
  cluster_need haproxy haproxy
  cluster_need socat socat
  cluster_proxy_config >"$run_dir/haproxy.cfg"
  haproxy -c -q -f "$run_dir/haproxy.cfg" || die "HAProxy refused $run_dir/haproxy.cfg"
  rm -f "$run_dir/haproxy.sock"
  haproxy -db -f "$run_dir/haproxy.cfg" >>"$logs/haproxy.log" 2>&1 &
  echo $! >"$run_dir/haproxy.pid"
  pids+=($!)
  for ((i = 0; i < 40; i++)); do [ -S "$run_dir/haproxy.sock" ] && break; sleep 0.25; done
  [ -S "$run_dir/haproxy.sock" ] || die "HAProxy did not start; see $logs/haproxy.log"
  echo "  HAProxy: engine REST :$engine_port → $engines nodes, clinical store :$workers_port → $workers job-workers," \
    "AMQP via :$(cluster_amqp_port engine)/:$(cluster_amqp_port portal)/:$(cluster_amqp_port job-workers)"
  # The portal (started by the demo's own start) reaches the broker through its proxy.
  export CAREPATH_RABBIT_PORT
  CAREPATH_RABBIT_PORT=$(cluster_amqp_port portal)
}

# cluster_start_node NAME I: starts engine or job-workers node I in the background (log NAME-I.log, pid NAME-I.pid).
cluster_start_node() {
  local name=$1 i=$2 port args=()
  local jar; jar=$(jar_of "$name")
  [ -f "$jar" ] || die "$jar missing: run without --no-build"
  case "$name" in
    engine) port=$(cluster_engine_port "$i")
      # The job log's HOSTNAME_ names the node; a job a killed node had locked is free again after 20 s (as an
      # external task a killed worker had locked), not after Operaton's default 5 minutes.
      # Pools of 12 instead of 20: the 7 JVMs' pools then add up to about 64 of PostgreSQL's default 100 connections
      # (at 20 they held 80, and a node started again after a kill found no free slot when anything else ran).
      args=(--operaton.bpm.generic-properties.properties.hostname="engine-$i"
        --operaton.bpm.job-execution.lock-time-in-millis=20000 --spring.datasource.hikari.maximum-pool-size=12) ;;
    job-workers) port=$(cluster_worker_port "$i") ;;
  esac
  CAREPATH_RABBIT_PORT=$(cluster_amqp_port "$name") java -Xms128m -Xmx512m -XX:TieredStopAtLevel=1 -jar "$jar" \
    --server.port="$port" "${args[@]}" >>"$logs/$name-$i.log" 2>&1 &
  echo $! >"$run_dir/$name-$i.pid"
}
cluster_node_port() { case "$1" in engine) cluster_engine_port "$2" ;; job-workers) cluster_worker_port "$2" ;; esac; }
cluster_healthy() { curl -sf -m 2 "http://127.0.0.1:$(cluster_node_port "$1" "$2")/actuator/health" >/dev/null; }

cluster_start() { # cluster_start NAME: starts every node of NAME at once (they race for migrations and deployments)
  local name=$1 count i
  if [ "$name" = engine ]; then count=$engines; else count=$workers; fi
  for ((i = 1; i <= count; i++)); do : >"$logs/$name-$i.log"; cluster_start_node "$name" "$i"; done
}
cluster_await() { # cluster_await NAME [I]: waits until every node of NAME (or node I) is healthy
  local name=$1 only=${2:-} count i n
  if [ "$name" = engine ]; then count=$engines; else count=$workers; fi
  for ((i = 1; i <= count; i++)); do
    [ -z "$only" ] || [ "$only" = "$i" ] || continue
    for ((n = 0; n < start_timeout * 2; n++)); do
      kill -0 "$(cat "$run_dir/$name-$i.pid")" 2>/dev/null || die "$name-$i exited during start; see $logs/$name-$i.log"
      cluster_healthy "$name" "$i" && break
      sleep 0.5
    done
    cluster_healthy "$name" "$i" || die "$name-$i not healthy after ${start_timeout}s; see $logs/$name-$i.log"
    echo "  $name-$i up on :$(cluster_node_port "$name" "$i")"
  done
}

cluster_kill() { # cluster_kill NAME I: SIGKILL, no shutdown of any kind
  local pid; pid=$(cat "$run_dir/$1-$2.pid")
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cluster_sql() { psql -X -q -tA -v ON_ERROR_STOP=1 -h "${CAREPATH_PGHOST:-127.0.0.1}" -p "${CAREPATH_PGPORT:-5432}" \
  -U "${CAREPATH_PGADMIN:-postgres}" -d "$CAREPATH_DB" -c "$1"; }

# Cycle instances running now (each journey runs at most one cycle at a time): the journeys in flight in the engine.
cluster_in_flight() {
  cluster_sql "SELECT count(*) FROM engine.act_ru_execution WHERE parent_id_ IS NULL" 2>/dev/null || echo "?"
}

# --faults chaos on the cluster: the last engine node and the first worker are SIGKILLed once mid-run, then
# started again at once; the demo follows on through the other nodes while they start (on a loaded machine that
# takes minutes), and the summary says whether they came back (cluster_summary).
cluster_kill_once() {
  local flight; flight=$(cluster_in_flight)
  echo "  !! kill -9 engine-$engines and job-workers-1 with $flight cycles running; both started again"
  echo "$flight" >"$run_dir/chaos.engine-kill-in-flight"
  cluster_kill engine "$engines"
  cluster_kill job-workers 1
  cluster_start_node engine "$engines"
  cluster_start_node job-workers 1
}

# --chaos-kills: in the background while journeys run. Every 15 s a job-worker is SIGKILLed and started again (the
# one up longest, never the last one healthy); AMQP connections of the engines, the portal and the workers are cut
# once each (at 30, 50 and 70 s); the last engine node is SIGKILLed once at 90 s and started again. Each act is a
# line of $logs/chaos.log and a count in $run_dir/chaos.*.
cluster_chaos_monkey() {
  set +e # a failed probe or proxy command must not end the chaos
  local started now next_worker=15 victim=0 cuts=(engine portal job-workers) cut_at=(30 50 70) engine_at=90 i
  started=$(date +%s)
  echo 0 >"$run_dir/chaos.worker-kills"; echo 0 >"$run_dir/chaos.worker-skips"
  chaos_log() { echo "$(date -u +%H:%M:%S) +$(( $(date +%s) - started ))s $*" >>"$logs/chaos.log"; }
  while :; do
    now=$(( $(date +%s) - started ))
    for i in 0 1 2; do
      if [ "${cut_at[$i]}" -ge 0 ] && [ "$now" -ge "${cut_at[$i]}" ]; then
        local backend="amqp_${cuts[$i]//-/_}" conns
        conns=$(cluster_proxy "show stat" | awk -F, -v b="$backend" '$1 == b && $2 == "broker" { print $5 }')
        cluster_proxy "shutdown sessions server $backend/broker" >/dev/null
        chaos_log "cut the AMQP connections of ${cuts[$i]} ($conns open)"
        echo "$conns" >"$run_dir/chaos.cut-${cuts[$i]}"
        cut_at[$i]=-1
      fi
    done
    if [ "$engine_at" -ge 0 ] && [ "$now" -ge "$engine_at" ]; then
      echo "$(cluster_in_flight)" >"$run_dir/chaos.engine-kill-in-flight"
      cluster_kill engine "$engines"
      cluster_start_node engine "$engines"
      chaos_log "kill -9 engine-$engines, started again ($(cat "$run_dir/chaos.engine-kill-in-flight") cycles running)"
      engine_at=-1
    fi
    if [ "$now" -ge "$next_worker" ]; then
      local healthy=()
      for ((i = 1; i <= workers; i++)); do cluster_healthy job-workers "$i" && healthy+=("$i"); done
      if [ "${#healthy[@]}" -ge 2 ]; then
        # The next healthy worker after the last victim, round robin.
        local pick="${healthy[0]}"
        for i in "${healthy[@]}"; do if [ "$i" -gt "$victim" ]; then pick=$i; break; fi; done
        victim=$pick
        cluster_kill job-workers "$victim"
        cluster_start_node job-workers "$victim"
        echo $(( $(cat "$run_dir/chaos.worker-kills") + 1 )) >"$run_dir/chaos.worker-kills"
        chaos_log "kill -9 job-workers-$victim, started again"
      else
        echo $(( $(cat "$run_dir/chaos.worker-skips") + 1 )) >"$run_dir/chaos.worker-skips"
        chaos_log "no worker killed: ${#healthy[@]} healthy (the others still starting)"
      fi
      next_worker=$((next_worker + 15))
    fi
    sleep 1
  done
}
cluster_start_chaos() {
  : >"$logs/chaos.log"
  rm -f "$run_dir"/chaos.*
  cluster_chaos_monkey &
  echo $! >"$run_dir/chaos.pid"
}
cluster_stop_chaos() {
  [ -f "$run_dir/chaos.pid" ] || return 0
  kill "$(cat "$run_dir/chaos.pid")" 2>/dev/null || true
  wait "$(cat "$run_dir/chaos.pid")" 2>/dev/null || true
  rm -f "$run_dir/chaos.pid"
}

cluster_stop_all() { # every process of the cluster, also those the chaos restarted
  cluster_stop_chaos
  local f
  for f in "$run_dir"/engine-[0-9]*.pid "$run_dir"/job-workers-[0-9]*.pid; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
  # A node still starting answers TERM only once its start is done (Spring closes after refresh): 30 s, then KILL.
  for f in "$run_dir"/engine-[0-9]*.pid "$run_dir"/job-workers-[0-9]*.pid; do
    [ -f "$f" ] || continue
    for ((n = 0; n < 150; n++)); do kill -0 "$(cat "$f")" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
  return 0
}

# Statuses of many journeys: the tenant's list (100 a page) instead of one call per journey. Fills listed[].
cluster_list_statuses() {
  local tenant cursor page
  for tenant in "${tenants[@]}"; do
    cursor=""
    while :; do
      page=$(curl -s -H "Authorization: Bearer ${token_of[$tenant]}" \
        "$api/v1/journeys?limit=100${cursor:+&cursor=$cursor}") || break
      while read -r id status; do [ -n "$id" ] && listed[$id]=$status; done \
        < <(jq -r '.items[]? | "\(.journeyId) \(.status)"' <<<"$page" 2>/dev/null)
      cursor=$(jq -r '.nextCursor // empty' <<<"$page" 2>/dev/null)
      [ -n "$cursor" ] || break
    done
  done
}

# The cluster's figures, from the engine's history and the proxies; sets cluster_failed when one must fail the run.
cluster_summary() {
  cluster_failed=0
  local jobs nodes_with_jobs twice twice_activity workers_seen running lost pending outboxes
  jobs=$(cluster_sql "SELECT string_agg(hostname_ || '=' || n, ' ' ORDER BY hostname_) FROM (SELECT hostname_, count(*) n
    FROM engine.act_hi_job_log WHERE job_state_ = 2 GROUP BY hostname_) j")
  nodes_with_jobs=$(cluster_sql "SELECT count(DISTINCT hostname_) FROM engine.act_hi_job_log WHERE job_state_ = 2")
  # An external task is completed when the engine logs it SUCCESSFUL (state 2, written by the engine's complete) in
  # ACT_HI_EXT_TASK_LOG, once per completion; its id is unique per execution of a service task. A second SUCCESSFUL
  # row of one id would be a task completed twice; one activity of one cycle instance with two SUCCESSFUL tasks
  # would be the step run twice by the model (no step of the journey repeats unless a declined refill is retried).
  twice=$(cluster_sql "SELECT count(*) FROM (SELECT ext_task_id_ FROM engine.act_hi_ext_task_log WHERE state_ = 2
    GROUP BY ext_task_id_ HAVING count(*) > 1) t")
  twice_activity=$(cluster_sql "SELECT coalesce(string_agg(act_id_ || '=' || n, ' '), '') FROM (SELECT act_id_, count(*) n
    FROM (SELECT proc_inst_id_, act_id_ FROM engine.act_hi_ext_task_log WHERE state_ = 2
    GROUP BY proc_inst_id_, act_id_ HAVING count(DISTINCT ext_task_id_) > 1) d GROUP BY act_id_) a")
  local completions; completions=$(cluster_sql "SELECT count(*) FROM engine.act_hi_ext_task_log WHERE state_ = 2")
  workers_seen=$(cluster_sql "SELECT count(DISTINCT worker_id_) FROM engine.act_hi_ext_task_log WHERE state_ = 2")
  running=$(cluster_sql "SELECT count(*) FROM engine.act_ru_execution WHERE parent_id_ IS NULL")
  # Every event a service put in its outbox reached the audit store (the relay published it, the audit consumer
  # stored it); the relays and the consumer catch up for up to 120 s.
  outboxes=$(cluster_sql "SELECT string_agg(format('SELECT event_id FROM %I.outbox', table_schema), ' UNION ALL ')
    FROM information_schema.tables WHERE table_name = 'outbox'")
  for ((i = 0; i < 120; i++)); do
    lost=$(cluster_sql "SELECT count(*) FROM ($outboxes) o WHERE NOT EXISTS
      (SELECT 1 FROM audit.audit_event a WHERE a.event_id = o.event_id)")
    [ "$lost" = 0 ] && break
    sleep 1
  done
  pending=$(cluster_sql "SELECT count(*) FROM ($outboxes) o")
  echo "  engine nodes       $engines; jobs executed per node (ACT_HI_JOB_LOG, HOSTNAME_): ${jobs:-none}"
  echo "  external tasks     $completions completions by $workers_seen worker processes; completed twice: $twice (same task), steps run twice in a cycle: ${twice_activity:-none}"
  echo "  process instances  $running still running (every cycle of every journey ended)"
  echo "  events             $pending in the outboxes, $lost without their audit row (lost)"
  # A node whose process is gone at the end did not come back after its kill (its log says why): that fails the run.
  # One still starting (on a loaded machine that takes minutes) is named, and the others carried its work.
  local back="" starting="" gone="" node i
  for node in $(seq -f 'engine-%g' 1 "$engines") $(seq -f 'job-workers-%g' 1 "$workers"); do
    if cluster_healthy "${node%-*}" "${node##*-}"; then back+="$node "
    elif kill -0 "$(cat "$run_dir/$node.pid")" 2>/dev/null; then starting+="$node "
    else gone+="$node "; fi
  done
  [ -f "$run_dir/chaos.engine-kill-in-flight" ] \
    && echo "  engine node kill   engine-$engines SIGKILLed and started again with $(cat "$run_dir/chaos.engine-kill-in-flight") cycles running"
  echo "  nodes up at end    ${back:-none}${starting:+ (still starting: $starting)}${gone:+ (exited: $gone)}"
  if $chaos_kills; then
    echo "  worker kills       $(cat "$run_dir/chaos.worker-kills" 2>/dev/null || echo 0) SIGKILLs (every 15 s), $(cat "$run_dir/chaos.worker-skips" 2>/dev/null || echo 0) skipped (fewer than two workers up)"
    echo "  AMQP cuts          engines=$(cat "$run_dir/chaos.cut-engine" 2>/dev/null || echo none) portal=$(cat "$run_dir/chaos.cut-portal" 2>/dev/null || echo none) job-workers=$(cat "$run_dir/chaos.cut-job-workers" 2>/dev/null || echo none) connections cut (HAProxy shutdown sessions; the broker ran on)"
  fi
  local stat; stat=$(cluster_proxy "show stat" 2>/dev/null | awk -F, '$1 ~ /^(engine_nodes|worker_nodes)$/ && $2 != "BACKEND" { printf "%s=%s ", $2, $8 }')
  echo "  sessions per node  ${stat:-unknown}(HAProxy, engine REST and clinical store)"
  echo "  Cockpit per node   $(for ((i = 1; i <= engines; i++)); do printf 'http://127.0.0.1:%s/operaton/app/cockpit/ ' "$(cluster_engine_port "$i")"; done)(its session lives on one node)"
  echo "  machine load       $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min; $(nproc) cores)"
  [ "${nodes_with_jobs:-0}" -ge "$engines" ] || { echo "demo: FAILED — not every engine node executed jobs" >&2; cluster_failed=1; }
  [ "$twice" = 0 ] || { echo "demo: FAILED — $twice external tasks were completed twice" >&2; cluster_failed=1; }
  [ -z "$twice_activity" ] || { echo "demo: FAILED — steps ran twice in one cycle: $twice_activity" >&2; cluster_failed=1; }
  [ -z "$gone" ] || { echo "demo: FAILED — ${gone% } did not start again after the kill (see target/demo/logs)" >&2; cluster_failed=1; }
  [ "$running" = 0 ] || { echo "demo: FAILED — $running cycle instances are still running (stuck)" >&2; cluster_failed=1; }
  [ "$lost" = 0 ] || { echo "demo: FAILED — $lost events in an outbox never reached the audit store" >&2; cluster_failed=1; }
  if [ "$faults" = chaos ] && [ ! -f "$run_dir/chaos.engine-kill-in-flight" ]; then
    echo "demo: FAILED — journeys ended before an engine node could be killed" >&2; cluster_failed=1
  fi
  if $chaos_kills; then
    local d
    for d in engine portal job-workers; do
      [ -f "$run_dir/chaos.cut-$d" ] || { echo "demo: FAILED — journeys ended before the AMQP connections of $d were cut" >&2; cluster_failed=1; }
    done
  fi
  return 0
}
