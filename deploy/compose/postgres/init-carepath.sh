#!/usr/bin/env bash
# Runs once, when the compose PostgreSQL starts on an empty volume (docker-entrypoint-initdb.d): the database, the
# schema owners (who migrate their schemas at start) and the application roles (neither owner nor BYPASSRLS, so
# row-level security holds them), as deploy/local/stack.sh makes them on a developer machine. Passwords come from
# the environment of the postgres service (compose.yaml), never from this file.
set -euo pipefail
psql=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres)
role() { # role NAME PASSWORD
  "${psql[@]}" -v name="$1" -v password="$2" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE', :'name', :'password')
\gexec
SQL
}
role carepath_engine "$CAREPATH_ENGINE_DB_PASSWORD"
role carepath_portal "$CAREPATH_PORTAL_DB_PASSWORD"
role carepath_workers "$CAREPATH_WORKERS_DB_PASSWORD"
role carepath_engine_app "$CAREPATH_ENGINE_APP_DB_PASSWORD"
role carepath_portal_app "$CAREPATH_PORTAL_APP_DB_PASSWORD"
role carepath_workers_app "$CAREPATH_WORKERS_APP_DB_PASSWORD"
"${psql[@]}" -c "CREATE DATABASE carepath"
for owner in carepath_engine carepath_portal carepath_workers; do
  "${psql[@]}" -c "GRANT CONNECT, CREATE ON DATABASE carepath TO $owner"
done
for app in carepath_engine_app carepath_portal_app carepath_workers_app; do
  "${psql[@]}" -c "GRANT CONNECT ON DATABASE carepath TO $app"
done
