#!/usr/bin/env bash
# Measures an MCP get_journey call as an agent's MCP client makes it on an open session: one streamable-HTTP POST
# of tools/call to the portal's /mcp, bearer token, answer read to its end (the SSE event with the result), timed by
# curl. Opens one session (initialize), then makes N sequential calls for one journey and prints p50/p90/p99/max.
# Not asserted anywhere: a figure for the README. Needs a running demo (./carepath demo --keep-running) and a client
# of a tenant with journeys:read and a journey of that tenant.
# Usage: CAREPATH_MCP_CLIENT=<clientId>:<secret> deploy/bench/mcp-latency.sh PORTAL_URL JOURNEY_ID [CALLS]
set -euo pipefail
portal=${1:?usage: mcp-latency.sh PORTAL_URL JOURNEY_ID [CALLS]} journey=${2:?journey id} calls=${3:-200}
client=${CAREPATH_MCP_CLIENT:?CAREPATH_MCP_CLIENT=clientId:clientSecret is required}

# Tokens live 5 minutes and a run on a loaded machine can take longer: a new one after 4 minutes, outside the timing
# (each request of a session is judged by its own token).
token_at=0
renew() {
  if (( $(date +%s) - token_at >= 240 )); then
    token=$(curl -sf -u "$client" -d grant_type=client_credentials "$portal/oauth2/token" \
      | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
    [ -n "$token" ] || { echo "mcp-latency: no token for the client" >&2; exit 1; }
    token_at=$(date +%s)
  fi
  headers=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream')
  [ -z "${session:-}" ] || headers+=(-H "Mcp-Session-Id: $session")
}
session=
renew
session=$(curl -s -D - -o /dev/null -X POST "$portal/mcp" "${headers[@]}" -d '{"jsonrpc":"2.0","id":0,"method":"initialize",
  "params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"mcp-latency","version":"1"}}}' \
  | sed -n 's/^[Mm]cp-[Ss]ession-[Ii]d: *\([^[:space:]]*\).*/\1/p')
[ -n "$session" ] || { echo "mcp-latency: the server opened no session" >&2; exit 1; }
renew
curl -sf -o /dev/null -X POST "$portal/mcp" "${headers[@]}" -d '{"jsonrpc":"2.0","method":"notifications/initialized"}'

call='{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_journey","arguments":{"journeyId":"'$journey'"}}}'
answer=$(curl -s -X POST "$portal/mcp" "${headers[@]}" -d "$call")
grep -q '"isError":false' <<<"$answer" || { echo "mcp-latency: get_journey did not answer the journey: $answer" >&2; exit 1; }
for ((i = 0; i < 20; i++)); do curl -s -o /dev/null -X POST "$portal/mcp" "${headers[@]}" -d "$call"; done  # warm-up

times=$(for ((i = 0; i < calls; i++)); do
  renew
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "$portal/mcp" "${headers[@]}" -d "$call"
done)
refused=$(awk '$1 != 200' <<<"$times" | wc -l)
[ "$refused" = 0 ] || echo "mcp-latency: $refused of $calls calls were not 200" >&2
times=$(awk '{ print $2 }' <<<"$times" | sort -n)
curl -s -o /dev/null -X DELETE "$portal/mcp" "${headers[@]}" || true
awk -v n="$calls" '{ t[NR] = $1 * 1000 } END {
  printf "MCP get_journey, %d sequential calls on one session: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    n, t[int(n * 0.50 + 0.5)], t[int(n * 0.90 + 0.5)], t[int(n * 0.99 + 0.5)], t[n] }' <<<"$times"
