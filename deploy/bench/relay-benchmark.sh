#!/usr/bin/env bash
# Relay benchmark on this machine's PostgreSQL and RabbitMQ: throughput with publisher confirms
# (events/s, batch size 1 vs 50) and commit -> consume latency p50/p99 at a steady rate.
#   deploy/bench/relay-benchmark.sh [backlog=2000] [rate/s=200] [seconds=15]
# Uses the integration-test database and vhost ($CAREPATH_TEST_DB, default carepath_test; created by
# deploy/local/stack.sh) and the exchange carepath.relay-it, which no service consumes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export CAREPATH_TEST_DB=${CAREPATH_TEST_DB:-carepath_test}

# One reactor run: compiled, and the classpath names the modules' target/classes (never ~/.m2 snapshots).
./mvnw -B -ntp -q -pl eventing -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
classpath="eventing/target/test-classes:eventing/target/classes:$(cat eventing/target/bench.classpath)"
exec java -Xms256m -Xmx512m -cp "$classpath" dev.carepath.eventing.RelayBenchmark "$@"
