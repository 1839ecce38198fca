#!/usr/bin/env bash
# Measures the agent's one-call start as an agent makes it: N sequential POST /v1/journeys, each with a fresh
# Idempotency-Key and the intake inline (so each stores an order, publishes order.created and hands the sealed intake
# to the clinical store), timed by curl, after a warm-up; prints p50/p90/p99/max. Each call starts a real journey that
# the platform then runs (and charges, at the simulator): run it against a demo stack you may fill, e.g.
#   ./carepath demo --journeys 2 --cycles 1 --keep-running      (in another terminal)
#   CAREPATH_BENCH_CLIENT=<clientId>:<secret> deploy/bench/start-latency.sh http://127.0.0.1:8081 [CALLS]
# The client needs journeys:write for a tenant entitled to semaglutide in TX. Not asserted anywhere: a figure.
set -euo pipefail
portal=${1:?usage: start-latency.sh PORTAL_URL [CALLS]} calls=${2:-200}
client=${CAREPATH_BENCH_CLIENT:?CAREPATH_BENCH_CLIENT=clientId:clientSecret is required}

# Tokens live 5 minutes and a run on a loaded machine can take longer: a new one after 4 minutes, outside the timing.
token_at=0
renew() {
  if (( $(date +%s) - token_at >= 240 )); then
    token=$(curl -sf -u "$client" -d grant_type=client_credentials "$portal/oauth2/token" \
      | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
    [ -n "$token" ] || { echo "start-latency: no token for the client" >&2; exit 1; }
    token_at=$(date +%s)
  fi
}
renew
run=$(date +%s)
start() { # start KEY: one one-call start; prints the status code and the time in seconds
  renew
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "$portal/v1/journeys" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H "Idempotency-Key: bench-$run-$1" \
    -d '{"patientReference":"bench-'"$run-$1"'","therapy":"semaglutide","stateCode":"TX","paymentToken":"tok_visa_4242",
         "cycles":1,"intake":{"givenName":"Bench","familyName":"Patient","dateOfBirth":"1980-05-17",
         "address":"1 Bench Street, Austin TX 78701","email":"bench.patient@example.com","heightCm":170,"weightKg":99,
         "comorbidities":[],"contraindications":[]}}'
}
for ((i = 0; i < 10; i++)); do start "warm-$i" >/dev/null; done
results=$(for ((i = 0; i < calls; i++)); do start "$i"; done)
refused=$(awk '$1 != 202' <<<"$results" | wc -l)
[ "$refused" = 0 ] || echo "start-latency: $refused of $calls starts were not 202: $(awk '$1 != 202 { print $1 }' <<<"$results" | sort | uniq -c | tr '\n' ' ')" >&2
awk '{ print $2 }' <<<"$results" | sort -n | awk -v n="$calls" '{ t[NR] = $1 * 1000 } END {
  printf "POST /v1/journeys with the intake inline, %d sequential calls: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    n, t[int(n * 0.50 + 0.5)], t[int(n * 0.90 + 0.5)], t[int(n * 0.99 + 0.5)], t[n] }'
