#!/usr/bin/env bash
# The demo: builds carepath, makes sure PostgreSQL and RabbitMQ run and are provisioned, starts the
# partner simulator, engine, portal and job-workers as separate processes, submits journeys through
# the portal's REST API (with the demo's agent, built on the Java client generated from the contract:
# contracts/.../agent/DemoAgent), follows them to the end and prints a summary. Exits non-zero if any journey
# did not complete or a partner ledger shows a double charge or a double prescription.
#
# Options:
#   --journeys N     journeys to submit (default 20)
#   --cycles N       cycles each order buys (POST /v1/journeys "cycles", 1..24, default 2): every completing
#                    journey runs exactly that many cycles and ends COMPLETED; the follow-up timer between
#                    cycles is compressed by configuration (one titration week = 2 s)
#   --kill-workers   SIGKILL the job-workers process mid-run and start it again
#   --faults NAME    the partners' fault profile: calm (default) or chaos (20 % errors, lost answers,
#                    duplicate, out-of-order and late webhooks on every partner); under chaos every
#                    10th journey also pays with a declining card and must end PAYMENT_DECLINED
#   --callback-failures R  share of the tenant webhooks the demo's receiver refuses (503) so the portal must
#                    retry them (default 0.2 under --faults chaos, else 0)
#   --timeout S      seconds to wait for all journeys (default 300)
#   --keep-running   leave the processes running afterwards (stop them with Ctrl-C), printing the partner
#                    ledger's charges once a minute: every series has ended, so the count must not grow
#   --no-build       use the jars already built
#   --no-reset       keep the demo database and virtual host from earlier runs (by default they are
#                    dropped and recreated, so every run starts from nothing and its figures compare)
#   --engines N      engine nodes on the one database (default 1); with more than one, or --workers above 1, the
#                    cluster mode: HAProxy in front of the engine REST API, the clinical store and the broker
#                    (deploy/local/cluster.sh; docs/adr/0020-engine-cluster-and-chaos.md); under --faults chaos one
#                    engine node and one worker are SIGKILLed mid-run and started again
#   --workers N      job-worker processes (default 1)
#   --chaos-kills    the chaos run: the cluster (2 engines, 3 workers unless given), partners on chaos, a worker
#                    SIGKILLed every 15 s and started again, one engine node SIGKILLed once, the AMQP connections of
#                    every deployable cut once through its proxy; checks that no event was lost (every outbox row has
#                    its audit row) besides everything else
#   --no-mcp         skip the MCP check (by default one more journey is started with its intake through the MCP
#                    server with the MCP Inspector CLI and followed to COMPLETED: deploy/local/mcp-check.sh; it
#                    installs the Inspector and Node 22 with npm once, into ~/.cache/carepath/mcp-tools)
# Environment: CAREPATH_DB / CAREPATH_RABBIT_VHOST (default carepath), CAREPATH_PORT_BASE (default 8080:
# engine = base, portal = base+1, job-workers = base+2, simulator = base+10), CAREPATH_DEMO_START_TIMEOUT
# (seconds each deployable may take to become healthy, default 120; more on a loaded machine).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

help() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
journeys=20 cycles=2 kill_workers=false faults=calm timeout=300 keep_running=false build=true reset=true mcp=true
callback_failures= engines= workers= chaos_kills=false
while [ $# -gt 0 ]; do
  case "$1" in
    --journeys) journeys=${2:?--journeys needs a number}; shift 2 ;;
    --cycles) cycles=${2:?--cycles needs a number}; shift 2 ;;
    --kill-workers) kill_workers=true; shift ;;
    --faults) faults=${2:?--faults needs calm or chaos}; shift 2 ;;
    --timeout) timeout=${2:?--timeout needs seconds}; shift 2 ;;
    --callback-failures) callback_failures=${2:?--callback-failures needs a share, e.g. 0.2}; shift 2 ;;
    --keep-running) keep_running=true; shift ;;
    --no-build) build=false; shift ;;
    --no-reset) reset=false; shift ;;
    --no-mcp) mcp=false; shift ;;
    --engines) engines=${2:?--engines needs a number}; shift 2 ;;
    --workers) workers=${2:?--workers needs a number}; shift 2 ;;
    --chaos-kills) chaos_kills=true; shift ;;
    -h|--help) help; exit 0 ;;
    *) echo "demo: unknown option $1 (see ./carepath --help)" >&2; exit 2 ;;
  esac
done
[[ "$journeys" =~ ^[1-9][0-9]*$ ]] || { echo "demo: --journeys must be a positive number" >&2; exit 2; }
[[ "$cycles" =~ ^[1-9][0-9]*$ ]] && [ "$cycles" -le 24 ] || { echo "demo: --cycles must be a number from 1 to 24" >&2; exit 2; }
case "$faults" in calm|chaos) ;; *) echo "demo: --faults takes calm or chaos" >&2; exit 2 ;; esac
if $chaos_kills; then faults=chaos engines=${engines:-2} workers=${workers:-3}; fi
engines=${engines:-1} workers=${workers:-1}
[[ "$engines" =~ ^[1-9]$ ]] && [[ "$workers" =~ ^[1-9]$ ]] || { echo "demo: --engines and --workers take 1 to 9" >&2; exit 2; }
cluster=false
if [ "$engines" -gt 1 ] || [ "$workers" -gt 1 ] || $chaos_kills; then cluster=true; fi
if [ -z "$callback_failures" ]; then if [ "$faults" = chaos ]; then callback_failures=0.2; else callback_failures=0; fi; fi
[[ "$callback_failures" =~ ^(0(\.[0-9]+)?|1(\.0+)?)$ ]] || { echo "demo: --callback-failures takes a share from 0 to 1" >&2; exit 2; }

export CAREPATH_DB=${CAREPATH_DB:-carepath}
export CAREPATH_RABBIT_VHOST=${CAREPATH_RABBIT_VHOST:-carepath}
base=${CAREPATH_PORT_BASE:-8080}
start_timeout=${CAREPATH_DEMO_START_TIMEOUT:-120}
[[ "$start_timeout" =~ ^[1-9][0-9]*$ ]] || { echo "demo: CAREPATH_DEMO_START_TIMEOUT must be a number of seconds" >&2; exit 2; }
engine_port=$base portal_port=$((base + 1)) workers_port=$((base + 2)) simulator_port=$((base + 10))
export CAREPATH_ENGINE_PORT=$engine_port CAREPATH_WORKERS_PORT=$workers_port
export CAREPATH_ENGINE_URL=http://127.0.0.1:$engine_port
# The staff console links into Cockpit and Tasklist here (portal, carepath.console.engine-web-url).
export CAREPATH_ENGINE_WEB_URL=http://127.0.0.1:$engine_port
export CAREPATH_PARTNERS_URL=http://127.0.0.1:$simulator_port
# Where the portal finds the clinical store (job-workers), to forward intakes and read prescriptions.
export CAREPATH_CLINICAL_URL=http://127.0.0.1:$workers_port
# Compressed titration schedule: one week of it lasts 2 s, so a 4-week follow-up is due 8 s after delivery.
export CAREPATH_FOLLOW_UP_UNIT=${CAREPATH_FOLLOW_UP_UNIT:-2s}
# Compressed dunning: a declined refill is charged again 5 s later (3 days in production).
export CAREPATH_CHARGE_RETRY_AFTER=${CAREPATH_CHARGE_RETRY_AFTER:-5s}
# No quiet hours in the demo (by default SMS and push wait out 21:00-08:00 in the patient's state, so a night run
# would hold them past its end); PatientChannelsIT shows the deferral. Set both to a window to see messages held.
export CAREPATH_NOTIFICATIONS_QUIETHOURS_START=${CAREPATH_NOTIFICATIONS_QUIETHOURS_START:-00:00}
export CAREPATH_NOTIFICATIONS_QUIETHOURS_END=${CAREPATH_NOTIFICATIONS_QUIETHOURS_END:-00:00}
run_dir=target/demo
logs=$run_dir/logs
mkdir -p "$logs"
# The cluster mode's functions (cluster_*): nodes, HAProxy, the chaos and the cluster's figures.
source deploy/local/cluster.sh

die() { echo "demo: $*" >&2; exit 1; }
command -v java >/dev/null || die "java not found (install a JDK 17: apt-get install openjdk-17-jdk-headless)"
command -v curl >/dev/null || die "curl not found (apt-get install curl)"
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
[ "${java_major%%.*}" -ge 17 ] 2>/dev/null || die "Java 17 or newer needed, found $java_major"

for port in $engine_port $portal_port $workers_port $simulator_port $($cluster && cluster_ports); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port is in use (another demo still running? stop it first)"
  fi
done

echo "== local stack"
if $reset; then deploy/local/stack.sh --reset "$CAREPATH_DB"; else deploy/local/stack.sh; fi

if $build; then
  echo "== build (first run downloads dependencies; takes a few minutes)"
  started=$(date +%s)
  set +e
  ./mvnw -B -ntp -DskipTests package 2>&1 | tee "$logs/build.log" \
    | sed -un 's/^\[INFO\] Building \(carepath [a-z-][a-z-]*\) .*/  building \1/p'
  built=${PIPESTATUS[0]}
  set -e
  if [ "$built" != 0 ]; then
    grep '^\[ERROR\]' "$logs/build.log" | head -20 >&2
    die "the build failed; the whole log is $logs/build.log"
  fi
  echo "  done in $(( $(date +%s) - started ))s"
fi

pids=()
stop_all() {
  if $cluster; then cluster_stop_all; fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT
trap 'exit 130' INT TERM

jar_of() {
  case "$1" in
    simulator) echo partner-simulator/target/partner-simulator-0.1.0-SNAPSHOT-exec.jar ;;
    *) echo "$1/target/$1.jar" ;;
  esac
}
port_of() {
  case "$1" in
    engine) echo $engine_port ;; portal) echo $portal_port ;;
    job-workers) echo $workers_port ;; simulator) echo $simulator_port ;;
  esac
}
health_path_of() {
  case "$1" in simulator) echo /ledger/summary ;; *) echo /actuator/health ;; esac
}
start() { # start NAME [args...]: starts a deployable in the background, logs to target/demo/logs
  local name=$1; shift
  local jar; jar=$(jar_of "$name")
  [ -f "$jar" ] || die "$jar missing: run without --no-build"
  java -Xms128m -Xmx512m -XX:TieredStopAtLevel=1 -jar "$jar" --server.port="$(port_of "$name")" "$@" \
    >>"$logs/$name.log" 2>&1 &
  echo $! >"$run_dir/$name.pid"
  pids+=($!)
}
await_health() { # await_health NAME
  local name=$1 port; port=$(port_of "$name")
  local pid; pid=$(cat "$run_dir/$name.pid")
  for ((i = 0; i < start_timeout * 2; i++)); do
    kill -0 "$pid" 2>/dev/null || die "$name exited during start; see $logs/$name.log"
    curl -sf "http://127.0.0.1:$port$(health_path_of "$name")" >/dev/null && { echo "  $name up on :$port"; return; }
    sleep 0.5
  done
  die "$name not healthy after ${start_timeout}s; see $logs/$name.log"
}

echo "== start (logs in $logs)"
: >"$logs/simulator.log" && : >"$logs/portal.log"
# The engine's and the workers' logs of an earlier run go, of either mode (one process each, or one log per node):
# the observability check and the PHI scan read every log there is.
rm -f "$logs"/engine.log "$logs"/job-workers.log "$logs"/engine-*.log "$logs"/job-workers-*.log
start simulator --simulator.webhooks.target-url="http://127.0.0.1:$portal_port" --simulator.faults.profile="$faults" \
  --simulator.callbacks.failure-rate="$callback_failures"
if $cluster; then cluster_start_proxy; cluster_start engine; else start engine; fi
# Tenant webhooks retry on a compressed schedule (first after 250 ms, at most 2 s apart) within the default 24 h.
start portal --carepath.callbacks.first-retry=250ms --carepath.callbacks.max-retry-delay=2s
await_health simulator
if $cluster; then cluster_await engine; else await_health engine; fi
# The workers need the engine and the partners only: they start while the portal still does.
if $cluster; then cluster_start job-workers; else start job-workers; fi
await_health portal
if $cluster; then cluster_await job-workers; else await_health job-workers; fi

api=http://127.0.0.1:$portal_port
tenants=(acme-health northwind-clinic)
# Each tenant takes its money through its own merchant account at its own processor (both simulated).
declare -A processor_of=([acme-health]=northpay [northwind-clinic]=keystone-payments)
therapies=(semaglutide tirzepatide)
states=(TX CA FL NY OH AK WA GA CO NC AZ MT)

# Agents authenticate: each demo tenant is provisioned (entitled to the therapies in the states above)
# with one machine client through the admin API, using the platform client; `authorize TENANT` sets
# $bearer to a current client-credentials token of that tenant (tokens live 5 minutes; renewed at 4).
declare -A client_of token_of token_at tenant_of
authorize() {
  local tenant=$1 now; now=$(date +%s)
  if [ -z "${client_of[$tenant]:-}" ]; then
    local admin created entitlements=""
    admin=$(oauth_token "${CAREPATH_PLATFORM_CLIENT_ID:-platform-admin}:${CAREPATH_PLATFORM_CLIENT_SECRET:-platform-local-secret}")
    for therapy in "${therapies[@]}"; do
      entitlements+="${entitlements:+,}{\"therapy\":\"$therapy\",\"states\":[$(printf '"%s",' "${states[@]}" | sed 's/,$//')]}"
    done
    # The tenant's callback URL is the demo's webhook receiver in the simulator; staff rotate the tenant's
    # signing secret once to learn it (shown only then) and hand it to the receiver, as a tenant would store it.
    curl -s -o /dev/null -X POST "$api/v1/admin/tenants" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
      -d "{\"tenantId\":\"$tenant\",\"name\":\"$tenant\",\"processor\":\"${processor_of[$tenant]:-northpay}\",\"merchantAccount\":\"acct_$tenant\",\"callbackUrl\":\"http://127.0.0.1:$simulator_port/callbacks/$tenant\",\"entitlements\":[$entitlements]}"
    local secret
    secret=$(curl -sf -X POST "$api/v1/admin/tenants/$tenant/webhook-secret/rotation" -H "Authorization: Bearer $admin" \
      -H 'Content-Type: application/json' -d '{}' \
      | json_field secret) || die "could not rotate the webhook secret of tenant $tenant"
    curl -sf -o /dev/null -X PUT "http://127.0.0.1:$simulator_port/admin/callbacks/$tenant/secrets" \
      -H 'Content-Type: application/json' -d "{\"secrets\":[\"$secret\"]}" || die "the webhook receiver refused the secret"
    created=$(curl -sf -X POST "$api/v1/admin/tenants/$tenant/clients" -H "Authorization: Bearer $admin" \
      -H 'Content-Type: application/json' -d '{"name":"demo agent","scopes":["journeys:write","journeys:read"]}') \
      || die "could not create a client for tenant $tenant"
    client_of[$tenant]="$(json_field clientId <<<"$created"):$(json_field clientSecret <<<"$created")"
  fi
  if [ -z "${token_of[$tenant]:-}" ] || [ $((now - ${token_at[$tenant]})) -ge 240 ]; then
    token_of[$tenant]=$(oauth_token "${client_of[$tenant]}") token_at[$tenant]=$now
  fi
  bearer=${token_of[$tenant]}
}
json_field() { sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p"; }
oauth_token() { # oauth_token CLIENT_ID:SECRET
  local answer
  answer=$(curl -sf -u "$1" -d grant_type=client_credentials "$api/oauth2/token") || die "the token endpoint refused client ${1%%:*}"
  json_field access_token <<<"$answer"
}
run_id=$(date +%s)-$$
ids=() start_ms=()
declare -A expected
# The agent: the demo's own client of the API, built from the Java client generated from the contract
# (contracts/.../agent/DemoAgent, the contracts module's -agent jar), one machine client per tenant.
agent_jar=contracts/target/contracts-0.1.0-SNAPSHOT-agent.jar
[ -f "$agent_jar" ] || die "$agent_jar missing: run without --no-build"
agent_clients=()
for tenant in "${tenants[@]}"; do authorize "$tenant"; agent_clients+=("$tenant=${client_of[$tenant]}"); done
agent() { java -Xms32m -Xmx128m -XX:TieredStopAtLevel=1 -jar "$agent_jar" "$@"; }
# The same as the last element of a background pipeline: the subshell becomes the JVM, so that $! is the JVM's pid
# and stop_all's kill reaches it (with agent(), it killed the subshell and the follower outlived the demo).
agent_exec() { exec java -Xms32m -Xmx128m -XX:TieredStopAtLevel=1 -jar "$agent_jar" "$@"; }
echo "== submit $journeys journeys to $api/v1/journeys ($cycles cycles each; partner faults: $faults)"
if $chaos_kills; then echo "  chaos: a worker SIGKILLed every 15 s, AMQP cuts, one engine node SIGKILLed ($logs/chaos.log)"; cluster_start_chaos; fi
submit_started=$(date +%s.%N)
# One call per journey: the order, the cycles it buys, and the patient's medical intake (PHI) inline. The portal
# stores the order, hands the intake to the clinical store (sealed there) and keeps none of it. The agent prints
# "journeyId tenant expectedOutcome milliseconds" per accepted start and fails on any other answer than 202
# (a 503 is retried with the same Idempotency-Key).
agent start "$api" "$run_id" "$journeys" "$cycles" "$faults" "${agent_clients[@]}" >"$run_dir/journeys.txt" \
  || die "the agent could not start the journeys (see above)"
while read -r id tenant outcome millis; do
  ids+=("$id")
  tenant_of[$id]=$tenant
  expected[$id]=$outcome
  start_ms+=("$millis")
done <"$run_dir/journeys.txt"
[ "${#ids[@]}" = "$journeys" ] || die "the agent started ${#ids[@]} of $journeys journeys"
echo "  $journeys accepted"

# The MCP server as an agent developer meets it, next to the REST journeys: the MCP Inspector CLI lists the tools,
# starts one more journey with its intake through start_journey and follows it to COMPLETED through get_journey.
if $mcp; then
  authorize "${tenants[0]}"
  echo "== MCP: the Inspector CLI drives $api/mcp (deploy/local/mcp-check.sh, log $logs/mcp-check.log)"
  CAREPATH_MCP_CLIENT=${client_of[${tenants[0]}]} CAREPATH_MCP_TIMEOUT=$timeout \
    CAREPATH_MCP_PATIENT="demo-patient-mcp-$run_id" CAREPATH_MCP_CYCLES="$cycles" deploy/local/mcp-check.sh "$api" >"$logs/mcp-check.log" 2>&1 &
  mcp_pid=$!
  pids+=("$mcp_pid")
fi

# Up to 100 journeys, the agent follows them (GET /v1/journeys/{id} through the generated client) and rewrites
# $run_dir/statuses.txt ("journeyId status") every second; more than that (the chaos run at scale) are read from the
# tenants' lists, one call per 100 journeys (cluster_list_statuses fills listed[]). status_of reads either.
declare -A listed=()
list_statuses=false
if [ "$journeys" -gt 100 ] && command -v jq >/dev/null; then list_statuses=true; fi
rm -f "$run_dir/statuses.txt"
follow_pid=""
if ! $list_statuses; then
  for id in "${ids[@]}"; do echo "$id ${tenant_of[$id]}"; done \
    | agent_exec follow "$api" "$run_dir/statuses.txt" 1000 "${agent_clients[@]}" >>"$logs/agent.log" 2>&1 &
  follow_pid=$!
  pids+=("$follow_pid")
fi
status_of() {
  if [ -n "${listed[$1]:-}" ]; then echo "${listed[$1]}"; return; fi
  if [ -f "$run_dir/statuses.txt" ]; then sed -n "s/^$1 //p" "$run_dir/statuses.txt"; fi
}
# Cycles of the journey that ran to their end ("Next cycle requested", or "Programme completed" for the last
# cycle bought), from the engine's history.
engine_auth="${CAREPATH_ADMIN_USER:-admin}:${CAREPATH_ADMIN_PASSWORD:-admin-local}"
cycles_of() {
  curl -s -u "$engine_auth" "http://127.0.0.1:$engine_port/engine-rest/history/process-instance/count?processDefinitionKey=patient-journey&processInstanceBusinessKey=$1&finished=true&executedActivityIdIn=EndEvent_NextCycleRequested,EndEvent_ProgrammeCompleted" \
    | sed -n 's/.*"count" *: *\([0-9]*\).*/\1/p'
}
terminal() { case "$1" in COMPLETED|PAYMENT_DECLINED|FAILED|CANCELLED|NOT_PRESCRIBED|*_DECLINED) return 0 ;; *) return 1 ;; esac; }

killed=false
declare -A statuses cycled
echo "== follow journeys (timeout ${timeout}s)"
deadline=$(( $(date +%s) + timeout ))
while :; do
  done_count=0
  declare -A counts=()
  listed=()
  if $list_statuses; then
    for tenant in "${tenants[@]}"; do authorize "$tenant"; done  # renews the tokens the lists are read with
    cluster_list_statuses
  fi
  for id in "${ids[@]}"; do
    s=${statuses[$id]:-}
    if [ -z "$s" ] || ! terminal "$s"; then s=$(status_of "$id"); statuses[$id]=${s:-UNKNOWN}; fi
    # COMPLETED is the programme's end (CYCLE_COMPLETED comes between cycles); the engine's history must agree that
    # every cycle bought ran, or the journey is shown as the cycles it ran and is not counted as ended.
    if [ "${statuses[$id]}" = COMPLETED ] && [ "${cycled[$id]:-0}" -lt "$cycles" ]; then
      cycled[$id]=$(cycles_of "$id"); cycled[$id]=${cycled[$id]:-0}
      [ "${cycled[$id]}" -ge "$cycles" ] || statuses[$id]="CYCLE_${cycled[$id]}_OF_$cycles"
    fi
    s=${statuses[$id]}
    counts[$s]=$(( ${counts[$s]:-0} + 1 ))
    terminal "$s" && done_count=$((done_count + 1))
  done
  line=""
  for s in "${!counts[@]}"; do line+="$s=${counts[$s]} "; done
  printf '  %3ds  %d/%d ended  %s\n' $(( $(date +%s) - ${submit_started%.*} )) "$done_count" "$journeys" "$line"
  [ "$done_count" -eq "$journeys" ] && break
  # Kill the workers once a third of the journeys are past payment and the rest still in flight.
  # On the cluster under chaos: one engine node and one worker, likewise (cluster_kill_once).
  if $cluster && { [ "$faults" = chaos ] || $kill_workers; } && ! $chaos_kills && ! $killed && [ "$done_count" -lt "$journeys" ] \
      && [ $(( journeys - ${counts[RECEIVED]:-0} - ${counts[STARTED]:-0} - ${counts[UNKNOWN]:-0} )) -ge $(( (journeys + 2) / 3 )) ]; then
    cluster_kill_once
    killed=true
  fi
  if $kill_workers && ! $cluster && ! $killed && [ "$done_count" -lt "$journeys" ] \
      && [ $(( journeys - ${counts[RECEIVED]:-0} - ${counts[STARTED]:-0} - ${counts[UNKNOWN]:-0} )) -ge $(( (journeys + 2) / 3 )) ]; then
    pid=$(cat "$run_dir/job-workers.pid")
    echo "  !! kill -9 job-workers (pid $pid) with journeys in flight"
    kill -9 "$pid"; wait "$pid" 2>/dev/null || true
    start job-workers
    await_health job-workers
    killed=true
  fi
  [ "$(date +%s)" -lt "$deadline" ] || break
  sleep 2
done
wall=$(awk -v s="$submit_started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
[ -z "$follow_pid" ] || kill "$follow_pid" 2>/dev/null || true
if $chaos_kills; then cluster_stop_chaos; fi
mcp_status=0
if $mcp; then
  echo "== MCP: waiting for the Inspector's journey"
  wait "$mcp_pid" || mcp_status=$?
fi

# Tenant webhooks: every milestone event of the run (the audit store keeps every event) must have reached the
# tenant's receiver, whatever the receiver refused on the way; wait for the last retries (up to 120 s).
echo "== tenant webhooks (receiver refuses $callback_failures of deliveries)"
demo_sql() { psql -X -q -tA -v ON_ERROR_STOP=1 -h "${CAREPATH_PGHOST:-127.0.0.1}" -p "${CAREPATH_PGPORT:-5432}" \
  -U "${CAREPATH_PGADMIN:-postgres}" -d "$CAREPATH_DB" -c "$1"; }
demo_sql "SELECT event_id FROM audit.audit_event WHERE event_type IN ('journey.started', 'payment.captured',
  'visit.completed', 'rx.recorded', 'shipment.shipped', 'shipment.delivered', 'journey.completed', 'journey.ended',
  'journey.incident-opened')
  ORDER BY 1" | LC_ALL=C sort >"$run_dir/webhooks-expected.txt"
for ((i = 0; i < 120; i++)); do
  curl -s "http://127.0.0.1:$simulator_port/callbacks/received" | LC_ALL=C sort >"$run_dir/webhooks-received.txt"
  webhooks_missing=$(LC_ALL=C comm -23 "$run_dir/webhooks-expected.txt" "$run_dir/webhooks-received.txt" | wc -l)
  [ "$webhooks_missing" = 0 ] && break
  sleep 1
done
receiver=$(curl -s "http://127.0.0.1:$simulator_port/callbacks/summary")
rfield() { sed -n "s/.*\"$1\" *: *\([0-9]*\).*/\1/p" <<<"$receiver"; }
webhooks_expected=$(wc -l <"$run_dir/webhooks-expected.txt")
delivery_states=$(demo_sql "SELECT string_agg(status || '=' || n, ' ') FROM (SELECT status, count(*) n
  FROM callbacks.delivery GROUP BY status ORDER BY status) s")
echo "  $webhooks_expected milestones expected, $((webhooks_expected - webhooks_missing)) received"

# The audit store: every event type it keeps, with counts (the catalog's patient.qualified and order.titrated among
# them), and the two decisions announced once each: one patient.qualified per journey that started (waiting up to
# 30 s for the audit consumer), none twice, no cycle's order.titrated twice.
audit_types=$(demo_sql "SELECT string_agg(event_type || '=' || n, ' ' ORDER BY event_type) FROM (SELECT event_type,
  count(*) n FROM audit.audit_event GROUP BY event_type) t")
for ((i = 0; i < 30; i++)); do
  unqualified=$(demo_sql "SELECT count(DISTINCT s.envelope::jsonb -> 'data' ->> 'orderId') FROM audit.audit_event s
    WHERE s.event_type = 'journey.started' AND s.envelope::jsonb -> 'data' ->> 'cycle' = '1' AND NOT EXISTS
    (SELECT 1 FROM audit.audit_event q WHERE q.event_type = 'patient.qualified' AND q.tenant_id = s.tenant_id
     AND q.envelope::jsonb -> 'data' ->> 'orderId' = s.envelope::jsonb -> 'data' ->> 'orderId')")
  [ "$unqualified" = 0 ] && break
  sleep 1
done
qualified_twice=$(demo_sql "SELECT count(*) FROM (SELECT 1 FROM audit.audit_event WHERE event_type = 'patient.qualified'
  GROUP BY tenant_id, envelope::jsonb -> 'data' ->> 'orderId' HAVING count(*) > 1) d")
titrated_twice=$(demo_sql "SELECT count(*) FROM (SELECT 1 FROM audit.audit_event WHERE event_type = 'order.titrated'
  GROUP BY tenant_id, envelope::jsonb -> 'data' ->> 'orderId', envelope::jsonb -> 'data' ->> 'cycle' HAVING count(*) > 1) d")

ledger=$(curl -s "http://127.0.0.1:$simulator_port/ledger/summary")
field() { sed -n "s/.*\"$1\" *: *\([0-9]*\).*/\1/p" <<<"$ledger"; }
echo
echo "== summary"
declare -A final=()
for id in "${ids[@]}"; do final[${statuses[$id]}]=$(( ${final[${statuses[$id]}]:-0} + 1 )); done
for s in "${!final[@]}"; do printf '  %-18s %d\n' "$s" "${final[$s]}"; done
echo "  wall time          ${wall}s (first submit to last journey ended)"
echo "  cycles             $(for id in "${ids[@]}"; do echo "${cycled[$id]:-0}"; done | awk '{ s += $1 } END { print s }') completed (every completing journey bought $cycles)"
# Every completed series was charged once per cycle it bought, and no more (a declined first cycle charges nothing).
completed_series=0
for id in "${ids[@]}"; do [ "${statuses[$id]}" = COMPLETED ] && completed_series=$((completed_series + 1)); done
# The MCP check's journey bought as many cycles and completed when the check passed.
if $mcp && [ "$mcp_status" = 0 ]; then completed_series=$((completed_series + 1)); fi
expected_charges=$((completed_series * cycles))
echo "  charges            $(field charges) at the processor; cycles bought by the $completed_series completed series: $expected_charges"
echo "  partner faults     $faults"
$kill_workers && echo "  job-workers        killed with SIGKILL and restarted: $killed"
echo "  partner ledger     charges=$(field charges) doubleCharges=$(field doubleCharges) prescriptions=$(field prescriptions) doublePrescriptions=$(field doublePrescriptions) shipments=$(field shipments)"
# Parcels of the pharmacies that leave delivery news to the carrier (harbor-mail-rx), followed at the carrier by the
# job-workers until it said delivered or exception (CarrierTracker), by status, and the parcels the carriers were asked about.
tracked=$(demo_sql "SELECT coalesce(string_agg(status || '=' || n, ' '), 'none') FROM (SELECT status, count(*) n
  FROM pharmacy.tracked_parcel GROUP BY status ORDER BY status) t" 2>/dev/null || echo unknown)
echo "  carrier tracking   parcels $tracked; parcels looked up at the carriers=$(field shipmentsTracked)"
# Patient messages by channel at the messaging partners, and those still held for the end of quiet hours.
held=$(demo_sql "SELECT count(*) FROM notifications.deferred_message WHERE sent_at IS NULL" 2>/dev/null || echo unknown)
echo "  messaging ledger   messages=$(field messages) email=$(field emailMessages) sms=$(field smsMessages) push=$(field pushMessages) held=$held"
# Open incidents (tasks whose retries ran out, failed jobs): each is a journey waiting for staff in Cockpit.
incidents=$(curl -s -u "$engine_auth" "http://127.0.0.1:$engine_port/engine-rest/incident/count" | sed -n 's/.*"count" *: *\([0-9]*\).*/\1/p')
echo "  open incidents     ${incidents:-unknown} (Cockpit shows each with its journey)"
cluster_failed=0
if $cluster; then cluster_summary; fi
echo "  tenant webhooks    milestones=$webhooks_expected missing=$webhooks_missing deliveries=$(rfield deliveries) attempts=$(rfield attempts) refusedOnPurpose=$(rfield refusedOnPurpose) duplicates=$(rfield duplicates) badSignatures=$(rfield badSignatures) orderViolations=$(rfield orderViolations) journeys=$(rfield journeys)"
echo "  webhook deliveries ${delivery_states:-none} (portal, callbacks.delivery)"
echo "  audit store        ${audit_types:-none} (events by type)"
echo "  decisions          patient.qualified missing=$unqualified twice=$qualified_twice; order.titrated twice=$titrated_twice (cycles)"
echo "  Cockpit            http://127.0.0.1:$engine_port/operaton/app/cockpit/ (admin / \$CAREPATH_ADMIN_PASSWORD, local default admin-local)"
echo "  staff console      $api/console (care-ops / care-ops-local, clinician / clinician-local, pharmacist / pharmacist-local, clinical-ops / clinical-ops-local, platform-admin / platform-admin-local; README, Staff console)"
# Client-side time of each accepted one-call start (order + intake handed to the clinical store), sequential.
echo "  start latency      $(printf '%s\n' "${start_ms[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "p50 %d ms, max %d ms over %d POST /v1/journeys with the intake inline", v[int((NR + 1) / 2)], v[NR], NR }')"
echo "  journey API        $api/v1/journeys/${ids[0]}"
echo "  API contract       $api/swagger-ui.html (Swagger UI of $api/openapi.yaml)"
if $mcp; then
  sed -n 's/^mcp-check: tools\/list: /  MCP tools listed   /p; s/^mcp-check: OK: /  MCP (Inspector)    /p' "$logs/mcp-check.log"
  echo "  MCP server         $api/mcp (streamable HTTP, bearer token; log of the check: $logs/mcp-check.log)"
fi
echo "  partner ledger     http://127.0.0.1:$simulator_port/ledger/summary"

failed=0 wrong=0
for id in "${ids[@]}"; do [ "${statuses[$id]}" = "${expected[$id]}" ] || wrong=$((wrong + 1)); done
[ "$wrong" = 0 ] || { echo "demo: FAILED — $wrong of $journeys journeys did not end as expected (COMPLETED, or PAYMENT_DECLINED for a declining card)" >&2; failed=1; }
[ "$(field doubleCharges)" = 0 ] || { echo "demo: FAILED — the ledger shows double charges" >&2; failed=1; }
if [ "$wrong" = 0 ] && [ "$(field charges)" != "$expected_charges" ]; then
  echo "demo: FAILED — $(field charges) charges, but the completed series bought $expected_charges cycles" >&2; failed=1
fi
[ "$(field doublePrescriptions)" = 0 ] || { echo "demo: FAILED — the ledger shows double prescriptions" >&2; failed=1; }
if $kill_workers && ! $killed; then echo "demo: FAILED — journeys ended before the workers could be killed" >&2; failed=1; fi
[ "$cluster_failed" = 0 ] || failed=1
[ "$webhooks_missing" = 0 ] || { echo "demo: FAILED — $webhooks_missing journey milestones never reached the tenant's webhook receiver" >&2; failed=1; }
[ "$unqualified" = 0 ] || { echo "demo: FAILED — $unqualified started journeys have no patient.qualified in the audit store" >&2; failed=1; }
[ "$qualified_twice" = 0 ] && [ "$titrated_twice" = 0 ] \
  || { echo "demo: FAILED — a qualification or a cycle's titration was announced twice" >&2; failed=1; }
[ "$(rfield badSignatures)" = 0 ] || { echo "demo: FAILED — the webhook receiver saw bad signatures" >&2; failed=1; }
[ "$(rfield orderViolations)" = 0 ] || { echo "demo: FAILED — a journey's webhooks arrived out of order" >&2; failed=1; }
case "$mcp_status" in
  0) ;;
  3) echo "demo: FAILED — the MCP check could not run: $(tail -1 "$logs/mcp-check.log" | sed 's/^mcp-check: //')" \
       "(--no-mcp skips it)" >&2; failed=1 ;;
  *) echo "demo: FAILED — the MCP check: $(grep -m1 'FAILED' "$logs/mcp-check.log" || tail -1 "$logs/mcp-check.log")" >&2; failed=1 ;;
esac
# PHI sentinels: the directions every simulated prescription carries, the demo's patient references, and
# the intake's street, e-mail domain and birth month (given inline with the start: also searched in the portal's
# own tables, the order rows and their idempotency fingerprints included).
echo "== PHI scan: engine tables, every event message, service logs, the portal's tables; the clinical store holds ciphertext only"
deploy/local/phi-scan.sh "$CAREPATH_DB" "$logs" subcutaneously demo-patient- --intake "Demo Street" demo.patient. 1980-05- \
  +1512555 demo-device- \
  || { echo "demo: FAILED — PHI outside the clinical store, or stored in clear" >&2; failed=1; }
# What an operator sees: every deployable's /actuator/prometheus with the named series, and one journey step's trace id
# in the portal's, the engine's, the job-workers' and the simulator's JSON logs.
echo "== observability: /actuator/prometheus of each deployable, one trace across the logs (deploy/local/observe-check.sh)"
engine_urls=http://127.0.0.1:$engine_port workers_urls=http://127.0.0.1:$workers_port
if $cluster; then # every node, not the one the proxy picks (a node started again after its kill has run no task yet)
  engine_urls=$(for ((i = 1; i <= engines; i++)); do printf 'http://127.0.0.1:%s,' "$(cluster_engine_port "$i")"; done)
  workers_urls=$(for ((i = 1; i <= workers; i++)); do printf 'http://127.0.0.1:%s,' "$(cluster_worker_port "$i")"; done)
fi
deploy/local/observe-check.sh "$run_dir" "${engine_urls%,}" "$api" "${workers_urls%,}" \
  "http://127.0.0.1:$simulator_port" || { echo "demo: FAILED — a metric series or the journey's trace is missing" >&2; failed=1; }
[ $failed = 0 ] && echo "demo: all $journeys journeys ended as expected"

if $keep_running; then
  echo "processes keep running; Ctrl-C stops them. Every series has ended: the charges must not grow."
  while :; do
    sleep 60 & wait $!  # so a TERM stops the demo at once, not after the sleep
    ledger=$(curl -s "http://127.0.0.1:$simulator_port/ledger/summary")
    printf '  %s  charges=%s doubleCharges=%s prescriptions=%s (cycles bought by the completed series: %d)\n' \
      "$(date -u +%H:%M:%S)" "$(field charges)" "$(field doubleCharges)" "$(field prescriptions)" "$expected_charges"
  done
fi
exit $failed
