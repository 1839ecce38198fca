#!/usr/bin/env bash
# Lints the agent API contract (contracts/src/main/resources/openapi.yaml) with Spectral's OpenAPI rules
# (.spectral.yaml: extends spectral:oas). Spectral is installed from npm once per version into
# ~/.cache/carepath/spectral-<version> (outside the sources; a fresh clone, as CI's, reuses it instead of installing
# again) and run with Node; any finding, of any severity, fails. Prints the counts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
spectral_version=6.16.3
tools=${XDG_CACHE_HOME:-$HOME/.cache}/carepath/spectral-$spectral_version
command -v node >/dev/null || { echo "contract-lint: node not found (Node 20)" >&2; exit 1; }
if [ "$("$tools/node_modules/.bin/spectral" --version 2>/dev/null || true)" != "$spectral_version" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "@stoplight/spectral-cli@$spectral_version" >/dev/null
fi
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
