#!/usr/bin/env bash
# Checks the image tars Jib built (./mvnw -Pimages package; deploy/images/README.md): each exists, runs as the
# unprivileged user 65532, starts the JVM with the container flags and not the demo's start-up shortcut, sits on the
# JRE base, and prints its size (compressed layers, what a registry stores and a node pulls).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bad=0
for image in engine/target/images/engine portal/target/images/portal job-workers/target/images/job-workers \
    partner-simulator/target/images/partner-simulator; do
  tar=$image.tar name=${image##*/}
  if [ ! -f "$tar" ]; then echo "  $name: no image ($tar; build with ./mvnw -Pimages package)"; bad=1; continue; fi
  config=$(tar -xOf "$tar" config.json)
  problems=()
  grep -q '"User":"65532:65532"' <<<"$config" || problems+=("not user 65532:65532")
  grep -q '"-XX:MaxRAMPercentage=75.0"' <<<"$config" || problems+=("no -XX:MaxRAMPercentage")
  grep -q 'TieredStopAtLevel' <<<"$config" && problems+=("-XX:TieredStopAtLevel in the entrypoint")
  grep -q '"PATH=/opt/java/bin' <<<"$config" || problems+=("not on the JRE base (/opt/java)")
  grep -q '"SPRING_PROFILES_ACTIVE=production"' <<<"$config" || problems+=("not the production profile")
  layers=$(tar -tvf "$tar" | awk '$6 ~ /\.tar\.gz$/ {n++; s += $3} END {printf "%d layers, %.1f MB", n, s / 1e6}')
  if [ ${#problems[@]} -gt 0 ]; then
    echo "  $name: ${problems[*]}"; bad=1
  else
    echo "  $name: $layers, $(cat "$image.digest")"
  fi
done
exit $bad
