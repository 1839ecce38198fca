#!/usr/bin/env bash
# Lints the models that people open in a modeler and the event catalog, with the tools those people use:
#   - bpmnlint (.bpmnlintrc: bpmnlint:recommended) on bpmn/*.bpmn,
#   - dmnlint (.dmnlintrc: dmnlint:recommended; it also reports what dmn-moddle cannot read, a DMNDI shape that names
#     no element among them) on dmn/*.dmn,
#   - Spectral (.spectral-asyncapi.yaml: spectral:asyncapi) on contracts/src/main/resources/asyncapi.yaml.
# Prints each tool's counts and findings; any error or warning (for Spectral any finding, of any severity) fails.
# The tools come from npm, pinned in deploy/local/npm-tools.sh and installed once per version into
# ~/.cache/carepath/<tool>-<version>.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
. deploy/local/npm-tools.sh

bpmnlint=$(npm_tool bpmnlint bpmnlint "$bpmnlint_version") || exit 1
dmnlint=$(npm_tool dmnlint dmnlint "$dmnlint_version") || exit 1
spectral=$(npm_tool spectral @stoplight/spectral-cli "$spectral_version") || exit 1

failed=()

# lint_cli NAME SUMMARY_LABEL COMMAND...: bpmnlint and dmnlint print a table of findings and, when there are any, a
# closing line "✖ N problems (E errors, W warnings)"; no such line means none. They exit non-zero on errors only
# (bpmnlint also on warnings with --max-warnings=0), so a non-zero exit without counts is a failure of the tool itself.
lint_cli() {
  local name=$1 label=$2; shift 2
  local output status=0 counts errors warnings
  output=$(NO_COLOR=1 FORCE_COLOR=0 "$@" 2>&1) || status=$?
  output=$(sed 's/\x1b\[[0-9;]*m//g' <<<"$output")
  counts=$(sed -n 's/.*✖ [0-9]* problems\{0,1\} (\([0-9]*\) errors\{0,1\}, \([0-9]*\) warnings\{0,1\}).*/\1 \2/p' <<<"$output" | tail -1)
  read -r errors warnings <<<"${counts:-0 0}"
  grep -v '^\s*$' <<<"$output" | grep -v '✖' | sed 's/^ */    /' || true
  echo "  $label: $errors errors, $warnings warnings"
  if [ "$errors" != 0 ] || [ "$warnings" != 0 ]; then
    failed+=("$name")
  elif [ "$status" != 0 ]; then
    echo "  $name exited with status $status and reported no finding" >&2
    failed+=("$name")
  fi
}

bpmn_models=(bpmn/*.bpmn)
dmn_models=(dmn/*.dmn)
lint_cli bpmnlint "bpmnlint $bpmnlint_version (bpmnlint:recommended) on ${bpmn_models[*]}" \
  "$bpmnlint/node_modules/.bin/bpmnlint" --config .bpmnlintrc --max-warnings=0 "${bpmn_models[@]}"
lint_cli dmnlint "dmnlint $dmnlint_version (dmnlint:recommended) on ${dmn_models[*]}" \
  "$dmnlint/node_modules/.bin/dmnlint" --config .dmnlintrc "${dmn_models[@]}"

report=$(mktemp)
trap 'rm -f "$report"' EXIT
status=0
"$spectral/node_modules/.bin/spectral" lint contracts/src/main/resources/asyncapi.yaml --ruleset .spectral-asyncapi.yaml \
  --format json --output "$report" --fail-severity hint --quiet || status=$?
node -e '
  const findings = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8") || "[]");
  const names = ["errors", "warnings", "infos", "hints"];
  const counts = names.map((_, severity) => findings.filter(f => f.severity === severity).length);
  findings.forEach(f => console.log(`    ${names[f.severity].slice(0, -1)} ${f.code} at ${f.path.join(".")}: ${f.message}`));
  console.log(`  spectral ${process.argv[2]} (spectral:asyncapi) on asyncapi.yaml: ${names.map((n, i) => counts[i] + " " + n).join(", ")}`);
' "$report" "$spectral_version"
[ "$status" = 0 ] || failed+=(spectral)

if [ ${#failed[@]} -gt 0 ]; then
  echo "model-lint: findings from ${failed[*]}" >&2
  exit 1
fi
