#!/usr/bin/env bash
# Runs every test: unit tests (*Test) and integration tests (*IT) against the local PostgreSQL and
# RabbitMQ, then an end-to-end run of separate processes (a short demo under the chaos fault profile
# with the job-workers killed mid-run) on a database and virtual host of its own (carepath_e2e, recreated each run) and ports 18080+. Fails when any test fails or when a test
# class ran no test at all.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

die() { echo "test: $*" >&2; exit 1; }
command -v java >/dev/null || die "java not found (install a JDK 17)"
started=$(date +%s)

echo "== local stack (the test database and vhost start empty)"
deploy/local/stack.sh --reset "${CAREPATH_TEST_DB:-carepath_test}"

echo "== contract lint: Spectral (spectral:oas) on contracts/src/main/resources/openapi.yaml, any finding fails"
deploy/local/contract-lint.sh || die "the contract has Spectral findings"

echo "== Chromium for the console's browser tests (portal ConsoleBrowserIT: Playwright drives Debian's Chromium)"
if [ ! -x "${CAREPATH_CHROMIUM:-/usr/bin/chromium}" ]; then
  as_root=""; [ "$(id -u)" = 0 ] || as_root="sudo"
  echo "  not installed: apt-get install -y chromium"
  { $as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq chromium >/dev/null; } \
    || die "could not install Chromium (apt-get install -y chromium failed); the console's browser tests need it at /usr/bin/chromium (or set CAREPATH_CHROMIUM)"
fi
echo "  $("${CAREPATH_CHROMIUM:-/usr/bin/chromium}" --version 2>/dev/null | head -1)"

echo "== unit and integration tests (./mvnw verify)"
./mvnw -B -ntp verify ${CAREPATH_CHROMIUM:+-Dcarepath.chromium="$CAREPATH_CHROMIUM"}

echo "== every test class ran tests"
python_free_report_check() {
  local bad=0 classes=0 tests=0 failures=0 skipped=0
  while IFS= read -r source; do
    local class; class=$(sed 's#.*/src/test/java/##; s#\.java$##; s#/#.#g' <<<"$source")
    local module=${source%%/src/test/java/*}
    local report
    report=$(ls "$module"/target/surefire-reports/TEST-"$class".xml "$module"/target/failsafe-reports/TEST-"$class".xml 2>/dev/null | head -1 || true)
    if [ -z "$report" ]; then echo "  $class: no report (the class ran no test)"; bad=1; continue; fi
    local head; head=$(grep -m1 '<testsuite' "$report")
    local t s f e
    t=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$head")
    s=$(sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' <<<"$head")
    f=$(sed -n 's/.* failures="\([0-9]*\)".*/\1/p' <<<"$head")
    e=$(sed -n 's/.* errors="\([0-9]*\)".*/\1/p' <<<"$head")
    classes=$((classes + 1)); tests=$((tests + t)); skipped=$((skipped + s)); failures=$((failures + f + e))
    if [ "$t" -eq 0 ] || [ "$t" -eq "$s" ]; then echo "  $class: ran no test"; bad=1; fi
    if [ "$s" -gt 0 ]; then echo "  $class: $s skipped test(s)"; bad=1; fi
  done < <(find . -path '*/src/test/java/*' \( -name '*Test.java' -o -name '*IT.java' \) -not -path './target/*' | sort)
  echo "  $classes test classes, $tests tests, $failures failed, $skipped skipped"
  maven_passed=$((tests - failures - skipped)); maven_failed=$failures
  return $bad
}
python_free_report_check || die "a test class ran no test or skipped tests"

echo "== end to end: separate processes, every partner faulty, job-workers killed mid-run"
e2e_passed=0 e2e_failed=0
if CAREPATH_DB=carepath_e2e CAREPATH_RABBIT_VHOST=carepath_e2e CAREPATH_PORT_BASE=18080 \
    deploy/local/demo.sh --journeys 10 --kill-workers --faults chaos --no-build --timeout 300; then
  e2e_passed=1
else
  e2e_failed=1
fi

echo
echo "== test suite finished in $(( $(date +%s) - started ))s"
echo "tests: $((maven_passed + e2e_passed)) passed, $e2e_failed failed"
[ "$e2e_failed" = 0 ] || die "the end-to-end run failed (logs in target/demo/logs)"
