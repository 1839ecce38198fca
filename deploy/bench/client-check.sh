#!/usr/bin/env bash
# Measures what the portal's per-request revocation check costs: the query ActiveClients runs for every
# request with a bearer token (a tenant transaction: set app.tenant_id, then one primary-key read of
# tenants.machine_client under row-level security), as the portal's application role, with pgbench.
# Needs a database the portal has migrated (e.g. after `./carepath demo`, or the test database).
# Usage: deploy/bench/client-check.sh [DATABASE] [SECONDS] [CLIENTS]
set -euo pipefail
db=${1:-${CAREPATH_DB:-carepath}} seconds=${2:-10} clients=${3:-4}
host=${CAREPATH_PGHOST:-127.0.0.1} port=${CAREPATH_PGPORT:-5432}
admin=${CAREPATH_PGADMIN:-postgres} role=carepath_portal_app
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U "$admin" -d "$db" "$@"; }

# One tenant with 1000 clients, so the lookup is not served from a one-row table.
tenant=bench-$(date +%s)
psql_admin -c "INSERT INTO tenants.machine_client (client_id, tenant_id, name, secret_hash, scopes)
  SELECT 'bench-' || g || '-$tenant', '$tenant', 'bench', '{noop}x', '{journeys:read}' FROM generate_series(1, 1000) g"
trap 'psql_admin -c "DELETE FROM tenants.machine_client WHERE tenant_id = '"'"'$tenant'"'"'"' EXIT

script=$(mktemp)
cat >"$script" <<SQL
\set n random(1, 1000)
BEGIN;
SELECT set_config('app.tenant_id', '$tenant', true);
SELECT EXISTS (SELECT 1 FROM tenants.machine_client WHERE client_id = 'bench-' || :n || '-$tenant' AND tenant_id = '$tenant' AND revoked_at IS NULL);
COMMIT;
SQL
echo "== per-request client check: $clients connections, ${seconds}s, database $db, role $role"
PGPASSWORD=${CAREPATH_PORTAL_APP_DB_PASSWORD:-$role} pgbench -n -h "$host" -p "$port" -U "$role" -c "$clients" \
  -T "$seconds" -f "$script" "$db" | grep -E "latency average|tps|number of transactions actually processed"
rm -f "$script"
