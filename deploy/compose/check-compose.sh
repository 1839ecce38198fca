#!/usr/bin/env bash
# Validates deploy/compose/compose.yaml with `docker-compose config` (no Docker daemon needed): once with a value for
# every variable it requires (throwaway values, never used), which must pass, and once with none, which must fail
# naming a missing secret (the file has no default secrets).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
grep -o '\${[A-Z0-9_]*:?' compose.yaml | sed 's/^\${//; s/:?$//' | sort -u | sed 's/$/=check-only/' >"$work/all.env"
: >"$work/none.env"
docker-compose --env-file "$work/all.env" -f compose.yaml config -q
echo "  valid, with the $(wc -l <"$work/all.env") variables it requires set"
services=$(docker-compose --env-file "$work/all.env" -f compose.yaml config --services | sort | tr '\n' ' ')
for service in postgres rabbitmq engine job-workers portal simulator prometheus grafana; do
  grep -qw "$service" <<<"$services" || { echo "  no service $service (has: $services)" >&2; exit 1; }
done
echo "  services: $services"
if env -i PATH="$PATH" docker-compose --env-file "$work/none.env" -f compose.yaml config -q 2>"$work/err"; then
  echo "  compose.yaml resolved without its secrets set: a secret has a default" >&2
  exit 1
fi
grep -q 'set CAREPATH_' "$work/err" || { cat "$work/err" >&2; exit 1; }
echo "  refused without its secrets: $(grep -o 'set CAREPATH_[A-Z_]*' "$work/err" | head -1)"
