#!/usr/bin/env bash
# Evaluations per second of each decision table: JMH benchmark dev.carepath.dmn.bench.DecisionEvaluationBenchmark
# (dmn/src/test/java), the Operaton DMN engine evaluating the shipped tables with their golden cases as inputs,
# one thread, one forked JVM; each iteration also prints the thread's CPU time per evaluation (the machine is shared).
# Then GoldenRunBenchmark: the portal's start-up golden run (every table's golden cases once) in a cold JVM.
# A measurement, not a test: nothing asserts a number.
# Usage: deploy/bench/decisions.sh [JMH options, e.g. -t 2 or -p decision=titration]
set -euo pipefail
cd "$(dirname "$0")/../.."

./mvnw -B -ntp -q -pl dmn -am test-compile
./mvnw -B -ntp -q -pl dmn dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
classpath="dmn/target/test-classes:dmn/target/classes:$(cat dmn/target/bench.classpath)"

echo "== $(nproc) CPU(s), load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
java -cp "$classpath" org.openjdk.jmh.Main DecisionEvaluationBenchmark \
  -f 1 -wi 3 -w 2s -i 5 -r 2s -rf text -rff dmn/target/bench-decisions.txt "$@"
java -cp "$classpath" org.openjdk.jmh.Main GoldenRunBenchmark -bm ss -f 3 -wi 0 -i 1 \
  -rf text -rff dmn/target/bench-golden-run.txt
echo "== results also in dmn/target/bench-decisions.txt and dmn/target/bench-golden-run.txt"
