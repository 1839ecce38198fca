#!/usr/bin/env bash
# Makes sure the local stack carepath needs is up and provisioned. Idempotent; safe to run any time.
#   - PostgreSQL on 127.0.0.1:5432 and RabbitMQ on 127.0.0.1:5672 are running (started if not);
#   - the databases `carepath` (demo) and `carepath_test` (tests) exist, with two login roles per
#     deployable: the owner (`carepath_<deployable>`), which creates its service schemas and runs their
#     migrations (the engine's owner also Operaton's schema `engine`, from Operaton's own scripts), and the
#     application role (`carepath_<deployable>_app`), which the deployable runs as: not an owner, not
#     BYPASSRLS, so row-level security applies; the migrations grant it what it needs on its own schemas
#     only (docs/adr/0006-tenancy-and-row-level-security.md, docs/adr/0009-operaton-schema-migrated-by-its-owner.md);
#   - the RabbitMQ virtual hosts of the same names exist;
#   - with CAREPATH_TEST_DB set, that database and vhost too (the integration tests then use it);
#   - the databases and vhosts named with --test (./carepath test gives each integration-test lane one of its own).
# Usage: deploy/local/stack.sh [--reset NAME]... [--test NAME]...
#   --reset NAME   drop database NAME and virtual host NAME first, so a run starts from nothing
#                  (NAME must be one of the databases above or a --test one; nothing may be connected to it)
#   --test NAME    provision database and vhost NAME too (NAME matches carepath_[a-z0-9_]+)
set -euo pipefail

resets=()
extra=("${CAREPATH_TEST_DB:-}")
while [ $# -gt 0 ]; do
  case "$1" in
    --reset) resets+=("${2:?--reset needs a database name}"); shift 2 ;;
    --test) extra+=("${2:?--test needs a database name}"); shift 2 ;;
    *) echo "stack: unknown option $1" >&2; exit 2 ;;
  esac
done

PGHOST=${CAREPATH_PGHOST:-127.0.0.1}
PGPORT=${CAREPATH_PGPORT:-5432}
PGADMIN=${CAREPATH_PGADMIN:-postgres}
RABBIT_USER=${CAREPATH_RABBIT_USER:-guest}
DATABASES=(carepath carepath_test carepath_e2e)
# More test databases (and vhosts): a parallel checkout's (CAREPATH_TEST_DB=carepath_test_b), the test lanes' (--test).
for name in "${extra[@]}"; do
  [ -n "$name" ] || continue
  [[ "$name" =~ ^carepath_[a-z0-9_]+$ ]] || { echo "stack: a test database ($name) must match carepath_[a-z0-9_]+" >&2; exit 2; }
  [[ " ${DATABASES[*]} " == *" $name "* ]] || DATABASES+=("$name")
done
ROLES=(carepath_engine carepath_workers carepath_portal)
APP_ROLES=(carepath_engine_app carepath_workers_app carepath_portal_app)

step() { printf '  %-52s' "$1"; }
ok() { printf '%s\n' "${1:-ok}"; }
die() { printf '\nerror: %s\n' "$*" >&2; exit 1; }

need() { command -v "$1" >/dev/null 2>&1 || die "'$1' not found: $2"; }
need psql "install PostgreSQL (apt-get install postgresql)"
need pg_isready "install PostgreSQL (apt-get install postgresql)"
need rabbitmqctl "install RabbitMQ (apt-get install rabbitmq-server)"

wait_for() { # wait_for SECONDS description command...
  local seconds=$1 what=$2; shift 2
  for ((i = 0; i < seconds * 2; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  die "$what did not come up within ${seconds}s"
}

step "PostgreSQL on $PGHOST:$PGPORT"
if pg_isready -q -h "$PGHOST" -p "$PGPORT"; then ok "running"; else
  need pg_ctlcluster "PostgreSQL's Debian cluster tools are missing"
  version=$(ls /etc/postgresql | sort -V | tail -1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null
  wait_for 60 PostgreSQL pg_isready -q -h "$PGHOST" -p "$PGPORT"
  ok "started"
fi

step "RabbitMQ"
# Its AMQP port answering means it runs (it listens once booted); rabbitmq-diagnostics starts an Erlang VM, which
# takes seconds, minutes on a busy machine.
if (exec 3<>"/dev/tcp/${CAREPATH_RABBIT_HOST:-127.0.0.1}/${CAREPATH_RABBIT_PORT:-5672}") 2>/dev/null \
    || rabbitmq-diagnostics -q ping >/dev/null 2>&1; then ok "running"; else
  rabbitmq-server -detached >/dev/null 2>&1 || true
  wait_for 120 RabbitMQ rabbitmq-diagnostics -q ping
  ok "started"
fi

psql_admin() { PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U "$PGADMIN" "$@"; }

for reset in "${resets[@]}"; do
  [[ " ${DATABASES[*]} " == *" $reset "* ]] || die "--reset takes one of: ${DATABASES[*]}"
  step "reset database and vhost $reset"
  psql_admin -d postgres -c "DROP DATABASE IF EXISTS $reset WITH (FORCE)"
  rabbitmqctl -q delete_vhost "$reset" >/dev/null 2>&1 || true
  ok "dropped"
done

# One psql session per step rather than per statement: each start costs a connection and a process, which adds up
# to a minute on a busy machine.
step "database roles"
statements=()
for role in "${ROLES[@]}" "${APP_ROLES[@]}"; do
  statements+=(-c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
        CREATE ROLE $role LOGIN PASSWORD '$role' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      END IF; END \$\$;")
done
psql_admin -d postgres "${statements[@]}"
ok

for db in "${DATABASES[@]}"; do
  step "database $db"
  if [ "$(psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
    psql_admin -d postgres -c "CREATE DATABASE $db"
    created="created"
  else
    created="exists"
  fi
  statements=()
  for role in "${ROLES[@]}"; do
    statements+=(-c "GRANT CONNECT, CREATE ON DATABASE $db TO $role")
  done
  # Application roles may connect; what they may touch is granted by each schema's migrations. They may
  # create nothing: no CREATE on the database, and they own no schema.
  for role in "${APP_ROLES[@]}"; do
    statements+=(-c "GRANT CONNECT ON DATABASE $db TO $role")
  done
  psql_admin -d "$db" "${statements[@]}"
  ok "$created"
done

step "RabbitMQ virtual hosts"
# Each rabbitmqctl call starts an Erlang VM (seconds on a busy machine): list once, change only what is missing.
vhosts=$(rabbitmqctl -q list_vhosts)
permitted=$(rabbitmqctl -q list_user_permissions "$RABBIT_USER" | awk -F'\t' '$2 == ".*" && $3 == ".*" && $4 == ".*" { print $1 }')
for vhost in "${DATABASES[@]}"; do
  if ! grep -qx "$vhost" <<<"$vhosts"; then
    rabbitmqctl -q add_vhost "$vhost" >/dev/null
  fi
  if ! grep -qx "$vhost" <<<"$permitted"; then
    rabbitmqctl -q set_permissions -p "$vhost" "$RABBIT_USER" '.*' '.*' '.*' >/dev/null
  fi
done
ok
