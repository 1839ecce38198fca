#!/usr/bin/env bash
# Staff commands on the event backbone, run by the portal jar in a process of its own (no HTTP port,
# relay or consumers), against the database and virtual host of $CAREPATH_DB / $CAREPATH_RABBIT_VHOST
# (default carepath, the demo's). Builds the portal jar first if it is missing.
#   ./carepath admin audit-verify [tenantId]          every (or one) tenant's audit chain against its latest
#                                                     signed anchor; exit 1 if broken
#   ./carepath admin audit-anchor                     anchor every chain head that moved (target/demo/anchors)
#   ./carepath admin read-model-rebuild               empty the read models and replay the audit store
#   ./carepath admin dead-letters [group]             groups with their dead-letter counts, or one group's
#   ./carepath admin dead-letter <group> <messageId>  one dead letter with its envelope
#   ./carepath admin dead-letter-replay <group> [messageId]   back to the group's queue (one, or all)
#   ./carepath admin webhook-deliveries [tenantId] [status]   failed (or pending, delivered) tenant webhook deliveries
#   ./carepath admin webhook-replay <tenantId> <deliveryId>   a failed webhook delivery is sent again
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

help() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
case "${1:-}" in
  audit-verify|audit-anchor|read-model-rebuild|dead-letters|dead-letter|dead-letter-replay|webhook-deliveries|webhook-replay) ;;
  -h|--help|help) help; exit 0 ;;
  "") echo "admin: which command?" >&2; help >&2; exit 2 ;;
  *) echo "admin: unknown command '$1'" >&2; help >&2; exit 2 ;;
esac

jar=portal/target/portal.jar
if [ ! -f "$jar" ]; then
  ./mvnw -B -ntp -q -pl portal -am package -DskipTests
fi
exec java -Xmx256m -XX:TieredStopAtLevel=1 -jar "$jar" "$@"
