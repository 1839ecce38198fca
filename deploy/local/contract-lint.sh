#!/usr/bin/env bash
# Lints the agent API contract (contracts/src/main/resources/openapi.yaml) with Spectral's OpenAPI rules
# (.spectral.yaml: extends spectral:oas). Spectral is installed from npm once per version into
# ~/.cache/carepath/spectral-<version> (deploy/local/npm-tools.sh pins it; a fresh clone, as CI's, reuses it instead
# of installing again) and run with Node; any finding, of any severity, fails. Prints the counts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
. deploy/local/npm-tools.sh
tools=$(npm_tool spectral @stoplight/spectral-cli "$spectral_version") || exit 1
report=$(mktemp)
trap 'rm -f "$report"' EXIT
status=0
"$tools/node_modules/.bin/spectral" lint contracts/src/main/resources/openapi.yaml --ruleset .spectral.yaml \
  --format json --output "$report" --fail-severity hint --quiet || status=$?
node -e '
  const findings = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8") || "[]");
  const names = ["errors", "warnings", "infos", "hints"];
  const counts = names.map((_, severity) => findings.filter(f => f.severity === severity).length);
  findings.forEach(f => console.log(`  ${names[f.severity].slice(0, -1)} ${f.code} at ${f.path.join(".")}: ${f.message}`));
  console.log(`  spectral (spectral:oas) on openapi.yaml: ${names.map((n, i) => counts[i] + " " + n).join(", ")}`);
' "$report"
[ "$status" = 0 ] || { echo "contract-lint: Spectral reported findings" >&2; exit 1; }
