#!/usr/bin/env bash
# Scans a finished run for PHI where none may be: the engine's tables (Operaton's runtime and history,
# schema engine), every event message the run published (each outbox row's envelope is the exact body
# the relay sent to RabbitMQ), and the carepath services' logs. It also checks that the clinical store
# holds the PHI fields as ciphertext only (Tink-prefixed, no sentinel in the clinical schema).
# The partner simulator's log is not scanned: partners legitimately receive the prescription. The services log one
# JSON object per line (docs/adr/0019-observability.md): each log is searched as written and, with jq installed, also
# with every JSON string decoded (a value escaped in JSON, \u0041 for A, would otherwise hide from the search).
# Sentinels after --intake are values of the patients' intakes (given inline with POST /v1/journeys or by PUT): they
# are searched in the same places and also in every table of the portal's own schemas (orders with its idempotency
# fingerprints, read, audit, ingress, tenants, decisions), where an intake must never be. (The sentinels before
# --intake may include patient references, which the orders schema holds by design.)
# Usage: deploy/local/phi-scan.sh DATABASE LOG_DIR SENTINEL... [--intake SENTINEL...]   (exit 1 when one is found)
set -euo pipefail
db=${1:?database} logs=${2:?log directory}; shift 2
sentinels=() intake_sentinels=()
while [ $# -gt 0 ] && [ "$1" != --intake ]; do sentinels+=("$1"); shift; done
if [ $# -gt 0 ]; then shift; intake_sentinels=("$@"); fi
[ $(( ${#sentinels[@]} + ${#intake_sentinels[@]} )) -gt 0 ] || { echo "phi-scan: name at least one sentinel value" >&2; exit 2; }
host=${CAREPATH_PGHOST:-127.0.0.1} port=${CAREPATH_PGPORT:-5432} admin=${CAREPATH_PGADMIN:-postgres}
sql() { psql -X -q -tA -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U "$admin" -d "$db" -c "$1"; }

engine=$(pg_dump -h "$host" -p "$port" -U "$admin" --data-only --schema=engine "$db" 2>/dev/null)
clinical=$(pg_dump -h "$host" -p "$port" -U "$admin" --data-only --schema=clinical "$db" 2>/dev/null)
portal=$(pg_dump -h "$host" -p "$port" -U "$admin" --data-only --schema=orders --schema=read --schema=audit \
  --schema=ingress --schema=tenants --schema=decisions "$db" 2>/dev/null)
outboxes=$(sql "SELECT string_agg(format('SELECT envelope::text FROM %I.outbox', table_schema), ' UNION ALL ')
                FROM information_schema.tables WHERE table_name = 'outbox'")
messages=$(sql "$outboxes")
service_logs=()
# One log per deployable, or one per node in the demo's cluster mode (engine-1.log, job-workers-2.log …).
for log in "$logs"/engine.log "$logs"/engine-[0-9]*.log "$logs"/portal.log "$logs"/job-workers.log \
    "$logs"/job-workers-[0-9]*.log; do
  [ -f "$log" ] && service_logs+=("$log")
done
# Each log's JSON lines decoded: every string value of every object (the message, MDC fields, stack traces), one a line.
decoded_dir=$(mktemp -d); trap 'rm -rf "$decoded_dir"' EXIT
json_lines=0
for log in "${service_logs[@]}"; do
  json_lines=$((json_lines + $(grep -c '^{' "$log" || true)))
  if command -v jq >/dev/null; then
    jq -R -r 'fromjson? | .. | strings' "$log" >"$decoded_dir/$(basename "$log")" 2>/dev/null || true
  fi
done

found=0
for sentinel in "${sentinels[@]}" "${intake_sentinels[@]}"; do
  for place in engine messages clinical; do
    if grep -qiF -- "$sentinel" <<<"${!place}"; then echo "  PHI found in $place: a sentinel value"; found=1; fi
  done
  for log in "${service_logs[@]}"; do
    if grep -qiF -- "$sentinel" "$log"; then echo "  PHI found in $(basename "$log")"; found=1; fi
    decoded=$decoded_dir/$(basename "$log")
    if [ -f "$decoded" ] && grep -qiF -- "$sentinel" "$decoded"; then echo "  PHI found in $(basename "$log") (decoded JSON)"; found=1; fi
  done
done
for sentinel in "${intake_sentinels[@]}"; do
  if grep -qiF -- "$sentinel" <<<"$portal"; then echo "  intake PHI found in the portal's schemas: a sentinel value"; found=1; fi
done
rows=$(sql "SELECT count(*) FROM clinical.prescription")
plain=$(sql "SELECT count(*) FROM clinical.prescription WHERE length(details) < 6 OR get_byte(details, 0) <> 1")
[ "$plain" = 0 ] || { echo "  $plain prescriptions hold details that are not Tink ciphertext"; found=1; }
intakes=$(sql "SELECT count(*) FROM clinical.intake")
plain=$(sql "SELECT count(*) FROM clinical.intake WHERE length(payload) < 6 OR get_byte(payload, 0) <> 1")
[ "$plain" = 0 ] || { echo "  $plain intakes are not Tink ciphertext"; found=1; }
echo "  scanned: $(wc -c <<<"$engine") bytes of engine tables, $(wc -c <<<"$portal") bytes of the portal's tables," \
  "$(grep -c . <<<"$messages") event messages, ${#service_logs[@]} service logs ($json_lines JSON lines$(command -v jq >/dev/null \
  && echo ", decoded" || echo ", not decoded: jq missing")); $rows prescriptions and $intakes" \
  "intakes sealed; ${#sentinels[@]} sentinel(s) and ${#intake_sentinels[@]} intake sentinel(s)"
exit $found
