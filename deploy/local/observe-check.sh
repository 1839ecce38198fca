#!/usr/bin/env bash
# What an operator sees of a demo run (docs/adr/0019-observability.md), measured at its end:
#  1. /actuator/prometheus of every deployable: refused without the operations account, and with it serving the named
#     carepath series (printed with one sample each; the scrape is kept in target/demo/metrics-<name>.txt);
#  2. one trace across the deployables: a charge-payment task's trace id (job-workers' JSON log) found in the portal's,
#     the engine's, the job-workers' and the simulator's logs (in the cluster mode, those of any of their nodes): the agent's POST, the outbox and RabbitMQ, the
#     orchestrator and the engine, the external task and the partner call are one trace.
# Usage: deploy/local/observe-check.sh RUN_DIR ENGINE_URL PORTAL_URL WORKERS_URL SIMULATOR_URL   (exit 1 when one is
# missing). Each URL may be a comma-separated list, one per node (the cluster mode): every node is scraped, and a
# series counts when any node serves it (a node started again after a kill has run no task yet). The operations account: CAREPATH_OPS_USER / CAREPATH_OPS_PASSWORD (local defaults ops / ops-local).
set -euo pipefail
run_dir=${1:?run directory} engine=${2:?engine url} portal=${3:?portal url} workers=${4:?workers url} simulator=${5:?simulator url}
logs=$run_dir/logs
ops="${CAREPATH_OPS_USER:-ops}:${CAREPATH_OPS_PASSWORD:-ops-local}"
failed=0

declare -A url_of=([engine]=$engine [portal]=$portal [job-workers]=$workers [simulator]=$simulator)
declare -A series_of=(
  [engine]="carepath_journeys_started_total carepath_journeys_ended_total carepath_journey_cycles_started_total
    carepath_journey_cycle_seconds_count carepath_journey_step_seconds_count carepath_incidents_open
    carepath_decisions_evaluated_total carepath_outbox_backlog_rows carepath_outbox_lag_seconds
    carepath_events_dead_letters_messages"
  [job-workers]="carepath_external_task_fetch_to_complete_seconds_count carepath_external_task_seconds_count
    carepath_decisions_evaluated_total resilience4j_circuitbreaker_state resilience4j_circuitbreaker_calls_seconds_count
    http_client_requests_seconds_count carepath_outbox_backlog_rows carepath_outbox_lag_seconds
    carepath_events_dead_letters_messages"
  [portal]="carepath_webhooks_ingress_total carepath_outbox_backlog_rows carepath_outbox_lag_seconds
    carepath_events_dead_letters_messages http_server_requests_seconds_count"
  [simulator]="http_server_requests_seconds_count"
)
for name in engine portal job-workers simulator; do
  : >"$run_dir/metrics-$name.txt"
  served=0 node=0
  for base_url in ${url_of[$name]//,/ }; do
    node=$((node + 1))
    url=$base_url/actuator/prometheus
    if [ "$name" != simulator ]; then
      code=$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)
      [ "$code" = 401 ] || { echo "  $name: $url answered $code without a credential (401 expected)"; failed=1; }
    fi
    # Each node's scrape is kept; metrics-NAME.txt holds them all, one after the other.
    curl -sf -u "$ops" "$url" >"$run_dir/metrics-$name-$node.txt" || { echo "  $name: $url not served"; failed=1; continue; }
    cat "$run_dir/metrics-$name-$node.txt" >>"$run_dir/metrics-$name.txt"
    served=$((served + 1))
  done
  [ "$node" -gt 1 ] || mv "$run_dir/metrics-$name-1.txt" "$run_dir/metrics-$name.txt" 2>/dev/null || true
  [ "$served" -gt 0 ] || continue
  missing=()
  for series in ${series_of[$name]}; do
    sample=$(grep -m1 -E "^$series(\{| )" "$run_dir/metrics-$name.txt" || true)
    if [ -z "$sample" ]; then missing+=("$series"); else echo "  $name  $sample"; fi
  done
  [ ${#missing[@]} = 0 ] || { echo "  $name: missing series ${missing[*]}"; failed=1; }
  if [ "$node" -gt 1 ]; then
    echo "  $name: $served of $node nodes scraped; series per node: $(for ((k = 1; k <= node; k++)); do
      [ -f "$run_dir/metrics-$name-$k.txt" ] && printf '%s ' "$(grep -c '^[a-z]' "$run_dir/metrics-$name-$k.txt")"; done)"
  else
    echo "  $name: $(grep -c '^[a-z]' "$run_dir/metrics-$name.txt") series in all ($(wc -c <"$run_dir/metrics-$name.txt") bytes)"
  fi
done

# The log files of a deployable: one (name.log), or one per node in the cluster mode (name-1.log, name-2.log, ...).
log_files() { compgen -G "$logs/$1.log" || true; compgen -G "$logs/$1-[0-9]*.log" || true; }
log_of() { local files; files=$(log_files "$1"); [ -z "$files" ] || cat $files; }
# The trace of a charge-payment task (cycle 1 runs from the agent's POST to the first wait without a timer between).
trace_in() { log_of "$2" | grep -c "\"traceId\":\"$1\"" || true; }
found=
for trace in $(log_of job-workers | grep '"message":"charge-payment completed' \
    | sed -n 's/.*"traceId":"\([0-9a-f]\{32\}\)".*/\1/p' | head -20); do
  if [ "$(trace_in "$trace" portal)" -gt 0 ] && [ "$(trace_in "$trace" engine)" -gt 0 ] \
      && [ "$(trace_in "$trace" simulator)" -gt 0 ]; then found=$trace; break; fi
done
if [ -n "$found" ]; then
  echo "  one trace      $found: portal=$(trace_in "$found" portal) engine=$(trace_in "$found" engine)" \
    "job-workers=$(trace_in "$found" job-workers) simulator=$(trace_in "$found" simulator) log lines"
else
  echo "  no charge-payment trace id is in the portal's, the engine's and the simulator's logs alike"; failed=1
fi
total=0 traced=0
for name in engine portal job-workers simulator; do
  total=$((total + $(log_of "$name" | grep -c '^{' || true)))
  traced=$((traced + $(log_of "$name" | grep -c '"traceId":"' || true)))
done
echo "  JSON log lines $total, $traced of them with a trace id"
exit $failed
