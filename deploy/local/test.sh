#!/usr/bin/env bash
# Runs every test: unit tests (*Test) and integration tests (*IT) against the local PostgreSQL and
# RabbitMQ, then an end-to-end run of separate processes (a short demo under the chaos fault profile
# with the job-workers killed mid-run) on a database and virtual host of its own (carepath_e2e, recreated each run;
# CAREPATH_E2E_DB names another) and ports 18080+ (CAREPATH_E2E_PORT_BASE moves them). Fails when any test fails or when a test
# class ran no test at all.
#
# The integration tests spend most of their time waiting (for journeys, timers, webhooks and processes to start), so
# they run in three lanes at once, each Maven run on a database and virtual host of its own: the portal's ITs; the
# other modules' ITs, then two of the portal's classes; the end-to-end run, then two more of the portal's classes.
# The build installs the modules into a repository of this checkout (target/reactor-repository, read before
# ~/.m2/repository) so that each lane's Maven finds them there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

die() { echo "test: $*" >&2; exit 1; }
command -v java >/dev/null || die "java not found (install a JDK 17)"
started=$(date +%s)
# Wall time of each part, printed at the end with the slowest test classes.
phases=() phase_started=$started
phase_done() { local now; now=$(date +%s); phases+=("$(printf '%-28s %4ss' "$1" $((now - phase_started)))"); phase_started=$now; }

# The integration tests' Maven runs and their databases (and vhosts): <CAREPATH_TEST_DB>_<run>.
test_db=${CAREPATH_TEST_DB:-carepath_test}
portal_db=${test_db}_portal modules_db=${test_db}_modules
portal_b_db=${test_db}_portal_b portal_c_db=${test_db}_portal_c
test_dbs=("$portal_db" "$modules_db" "$portal_b_db" "$portal_c_db")
# The portal's classes that run in the other lanes, each on a database of its own (portal_b, portal_c): each starts
# the deployables it needs and shares no Spring context with the rest, and so moved the lanes take about as long as
# each other (measured on 2 cores: 735, 775 and 750 s; 770, 737 and 561 s with the browser test alone moved).
portal_after_modules=ConsoleEngineIT,PharmacyRoutingWhatIfIT
portal_after_end_to_end=ConsoleBrowserIT,DecisionDeploymentIT

echo "== local stack (the test databases and vhosts start empty: ${test_dbs[*]})"
stack_options=()
for database in "${test_dbs[@]}"; do stack_options+=(--test "$database" --reset "$database"); done
deploy/local/stack.sh "${stack_options[@]}"
phase_done "local stack"

echo "== contract lint: Spectral (spectral:oas) on contracts/src/main/resources/openapi.yaml, any finding fails"
deploy/local/contract-lint.sh || die "the contract has Spectral findings"
phase_done "contract lint"

echo "== model lint: bpmnlint on bpmn/, dmnlint on dmn/, Spectral (spectral:asyncapi) on asyncapi.yaml, any error or warning fails"
deploy/local/model-lint.sh || die "the models or the event catalog have lint findings (deploy/local/model-lint.sh)"
phase_done "model lint"

echo "== Chromium for the console's browser tests (portal ConsoleBrowserIT: Playwright drives Debian's Chromium)"
if [ ! -x "${CAREPATH_CHROMIUM:-/usr/bin/chromium}" ]; then
  as_root=""; [ "$(id -u)" = 0 ] || as_root="sudo"
  echo "  not installed: apt-get install -y chromium"
  { $as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq chromium >/dev/null; } \
    || die "could not install Chromium (apt-get install -y chromium failed); the console's browser tests need it at /usr/bin/chromium (or set CAREPATH_CHROMIUM)"
fi
echo "  $("${CAREPATH_CHROMIUM:-/usr/bin/chromium}" --version 2>/dev/null | head -1)"

echo "== deployment tools: kubectl (renders deploy/k8s) and docker-compose (validates deploy/compose)"
if ! command -v docker-compose >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "  docker-compose missing: installing Debian's (apt-get install docker-compose)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null; } \
      || die "could not install docker-compose with apt-get; install it (Debian: apt-get install docker-compose)"
  else
    die "docker-compose not found: install it (Debian: apt-get install docker-compose), it validates deploy/compose"
  fi
fi
command -v kubectl >/dev/null || die "kubectl not found: install it (the Kubernetes project's apt repository, or \
your distribution's kubernetes-client); KubernetesManifestsTest renders deploy/k8s with kubectl kustomize"

echo "== compose file: docker-compose config (deploy/compose/compose.yaml)"
deploy/compose/check-compose.sh || die "deploy/compose/compose.yaml is not valid"
phase_done "compose check"

# The modules go to a repository of this checkout, read before the user's (Maven's chained local repository): the
# lanes' Maven runs find them there, and nothing of this build lands in ~/.m2 (where another checkout's would).
reactor_repository=$PWD/target/reactor-repository
maven_repositories=(-Dmaven.repo.local="$reactor_repository"
  -Dmaven.repo.local.tail="${CAREPATH_M2_REPOSITORY:-$HOME/.m2/repository}")
rm -rf "$reactor_repository/dev/carepath"

echo "== build, unit tests and the container images (./mvnw -Pimages install -DskipITs)"
./mvnw -B -ntp -Pimages install -DskipITs "${maven_repositories[@]}"
phase_done "build and unit tests"

echo "== container images (deploy/images/check-images.sh)"
deploy/images/check-images.sh || die "an image is missing or not built as deploy/images/README.md says"
phase_done "image check"

# A lane's output goes to target/test-lanes/<lane>.log; its progress (each class's result, failures) is printed as
# it comes, prefixed with the lane's name. Its exit status goes to <lane>.rc.
lanes=target/test-lanes
rm -rf "$lanes" && mkdir -p "$lanes"
run_in_lane() { # run_in_lane LANE command...
  local lane=$1; shift
  { "$@" 2>&1 && echo 0 >"$lanes/$lane.rc" || echo $? >"$lanes/$lane.rc"; } | tee "$lanes/$lane.log" \
    | grep --line-buffered -E '^\[(INFO|ERROR)\] Tests run: .* in |^\[ERROR\] |BUILD (SUCCESS|FAILURE)|^== |^  (journeys|result|summary)' \
    | sed -u "s/^/  [$lane] /"
}
integration_tests() { # integration_tests RUN DATABASE MODULES [maven options]
  local run=$1 database=$2 modules=$3; shift 3
  # Several Maven runs share the repositories: file locks keep one from reading what another writes. Runs of one
  # module at once write their classes' reports side by side, and each its own summary for failsafe:verify.
  CAREPATH_TEST_DB=$database ./mvnw -B -ntp -fae "${maven_repositories[@]}" \
    -Daether.syncContext.named.factory=file-lock -Daether.syncContext.named.nameMapper=file-gav \
    -Dcarepath.it.summary="failsafe-summary-$run.xml" \
    -pl "$modules" "$@" failsafe:integration-test failsafe:verify
}

e2e_db=${CAREPATH_E2E_DB:-carepath_e2e}
e2e_port_base=${CAREPATH_E2E_PORT_BASE:-18080}
end_to_end() {
  # Its own database, virtual host and ports (defaults for CI); a second checkout testing at the same time sets
  # CAREPATH_E2E_DB and CAREPATH_E2E_PORT_BASE (it uses base..base+10) to keep clear of the first.
  # (CAREPATH_TEST_DB too: stack.sh provisions and resets the databases it names.)
  echo "== end to end: separate processes, every partner faulty, job-workers killed mid-run"
  CAREPATH_DB=$e2e_db CAREPATH_RABBIT_VHOST=$e2e_db CAREPATH_TEST_DB=$e2e_db CAREPATH_PORT_BASE=$e2e_port_base \
    deploy/local/demo.sh --journeys 10 --kill-workers --faults chaos --no-build --timeout 300
}
portal_lane() {
  local elsewhere="$portal_after_modules,$portal_after_end_to_end"
  integration_tests portal "$portal_db" portal -Dit.test="!${elsewhere//,/,!}"
}
modules_lane() {
  local started_at failed=0; started_at=$(date +%s)
  integration_tests modules "$modules_db" eventing,connectors,job-workers,engine,bench || failed=1
  echo "== the modules' integration tests took $(( $(date +%s) - started_at ))s"
  integration_tests portal-b "$portal_b_db" portal -Dit.test="$portal_after_modules" || failed=1
  return "$failed"
}
end_to_end_lane() {
  local started_at; started_at=$(date +%s)
  end_to_end
  echo "$?" >"$lanes/e2e.rc"
  echo "== the end-to-end run took $(( $(date +%s) - started_at ))s"
  integration_tests portal-c "$portal_c_db" portal -Dit.test="$portal_after_end_to_end" \
    ${CAREPATH_CHROMIUM:+-Dcarepath.chromium="$CAREPATH_CHROMIUM"}
}

# Ctrl-C (or CI stopping the run) stops the lanes too: background jobs ignore SIGINT.
trap 'trap - INT TERM; kill -TERM 0 2>/dev/null' INT TERM
echo "== integration tests in three lanes at once (logs: $lanes/<lane>.log)"
echo "  portal: the portal's ITs on $portal_db, except $portal_after_modules and $portal_after_end_to_end"
echo "  modules: the ITs of eventing, connectors, job-workers, engine and bench on $modules_db;"
echo "           then the portal's $portal_after_modules on $portal_b_db"
echo "  e2e: the end-to-end run on $e2e_db; then the portal's $portal_after_end_to_end on $portal_c_db"
lane_names=(portal modules e2e) lane_pids=()
run_in_lane portal portal_lane & lane_pids+=($!)
run_in_lane modules modules_lane & lane_pids+=($!)
run_in_lane e2e end_to_end_lane & lane_pids+=($!)
wait "${lane_pids[@]}" || true
phase_done "integration tests, end to end"
# The end-to-end run's own report, whole (the lane printed only its progress).
sed -n '/^== end to end/,/^== the end-to-end run took/p' "$lanes/e2e.log"

failed_lanes=0
for lane in "${lane_names[@]}"; do
  [ "$(cat "$lanes/$lane.rc" 2>/dev/null)" = 0 ] && continue
  failed_lanes=1
  echo "== the $lane lane's integration tests failed ($lanes/$lane.log):"
  grep -E '^\[ERROR\] ' "$lanes/$lane.log" | grep -v '^\[ERROR\] *$' | head -40 | sed 's/^/  /'
done
[ "$failed_lanes" = 0 ] || die "integration tests failed (above, and in $lanes/)"
e2e_passed=0 e2e_failed=1
[ "$(cat "$lanes/e2e.rc" 2>/dev/null)" = 0 ] && e2e_passed=1 e2e_failed=0

echo "== every test class ran tests"
# A report's <testsuite> line and its attributes, read with bash's own pattern matching: a sed or two per class and
# attribute spawned about a thousand processes, 20 s of the run.
suite_head() { local line; while IFS= read -r line; do [[ $line == *"<testsuite "* ]] && { printf '%s' "$line"; return; }; done <"$1"; }
attribute() { # attribute HEAD NAME: the attribute's value ("" when absent)
  local pattern=" $2=\"([^\"]*)\""
  if [[ $1 =~ $pattern ]]; then printf '%s' "${BASH_REMATCH[1]}"; fi
}
python_free_report_check() {
  local bad=0 classes=0 tests=0 failures=0 skipped=0
  while IFS= read -r source; do
    local class=${source#*/src/test/java/}; class=${class%.java}; class=${class//\//.}
    local module=${source%%/src/test/java/*}
    local report=""
    for report in "$module"/target/surefire-reports/TEST-"$class".xml "$module"/target/failsafe-reports/TEST-"$class".xml ""; do
      [ -f "$report" ] && break
    done
    if [ -z "$report" ]; then echo "  $class: no report (the class ran no test)"; bad=1; continue; fi
    local head; head=$(suite_head "$report")
    local t s f e
    t=$(attribute "$head" tests); s=$(attribute "$head" skipped); f=$(attribute "$head" failures); e=$(attribute "$head" errors)
    classes=$((classes + 1)); tests=$((tests + t)); skipped=$((skipped + s)); failures=$((failures + f + e))
    if [ "$t" -eq 0 ] || [ "$t" -eq "$s" ]; then echo "  $class: ran no test"; bad=1; fi
    if [ "$s" -gt 0 ]; then echo "  $class: $s skipped test(s)"; bad=1; fi
  done < <(find . -path '*/src/test/java/*' \( -name '*Test.java' -o -name '*IT.java' \) -not -path './target/*' | sort)
  echo "  $classes test classes, $tests tests, $failures failed, $skipped skipped"
  maven_passed=$((tests - failures - skipped)); maven_failed=$failures
  return $bad
}
python_free_report_check || die "a test class ran no test or skipped tests"

# The time of every test class (its report's testsuite time: the class's tests with its @BeforeAll and the start of
# any Spring context it was first to need), and of each module's unit and integration tests.
slowest_classes() {
  local report
  for report in */target/surefire-reports/TEST-*.xml */target/failsafe-reports/TEST-*.xml; do
    [ -f "$report" ] || continue
    local head; head=$(suite_head "$report")
    local kind=unit; [[ "$report" == */failsafe-reports/* ]] && kind=IT
    local time; time=$(attribute "$head" time)
    printf '%s %s %s %s\n' "${time//,/}" "${report%%/*}" "$kind" "$(attribute "$head" name)"
  done
}
class_times=$(slowest_classes)
phase_done "report check"

echo
echo "== the ten slowest test classes (seconds, from the surefire and failsafe reports)"
# awk takes the first ten and reads the rest: a head that exits early would end sort with SIGPIPE, which pipefail
# turns into a failed run (seen: exit 141 after every test had passed).
sort -rn <<<"$class_times" | awk 'NR <= 10 { printf "  %8.1f  %-12s %-4s %s\n", $1, $2, $3, $4 }'
echo "== test time per module (sum of its classes' times)"
awk '{ t[$2 " " $3] += $1 } END { for (k in t) printf "  %8.1f  %s\n", t[k], k }' <<<"$class_times" | sort -rn
echo "== parts of the run (wall time)"
printf '  %s\n' "${phases[@]}"
echo
echo "== test suite finished in $(( $(date +%s) - started ))s"
echo "tests: $((maven_passed + e2e_passed)) passed, $e2e_failed failed"
[ "$e2e_failed" = 0 ] || die "the end-to-end run failed (logs in target/demo/logs)"
