# Sourced by the lint scripts (contract-lint.sh, model-lint.sh): the lint tools they take from npm, each pinned here
# and installed once per version into ~/.cache/carepath/<tool>-<version> (outside the sources; a fresh clone, as CI's,
# reuses it), and run with the system's Node (20 or later).
spectral_version=6.16.3 # @stoplight/spectral-cli
bpmnlint_version=11.15.0 # the last bpmnlint for Node 20 (12 needs Node 24)
dmnlint_version=0.2.0

# npm_tool NAME PACKAGE VERSION: prints the folder that holds PACKAGE@VERSION (its node_modules/.bin has the command),
# installing it from npm first when it is not there. Fails with a clear message when Node or npm is missing or the npm
# registry cannot be reached.
npm_tool() {
  local name=$1 package=$2 version=$3
  local dir=${XDG_CACHE_HOME:-$HOME/.cache}/carepath/$name-$version
  local node_major
  command -v node >/dev/null || { echo "$name: node not found (Node 20 or later; Debian: apt-get install nodejs npm)" >&2; return 1; }
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$node_major" -ge 20 ] || { echo "$name: Node $(node --version) is too old, $package@$version needs Node 20 or later" >&2; return 1; }
  if [ "$(node -p "require('$dir/node_modules/$package/package.json').version" 2>/dev/null || true)" != "$version" ]; then
    command -v npm >/dev/null || { echo "$name: npm not found (Debian: apt-get install npm)" >&2; return 1; }
    echo "  installing $package@$version from npm into ${dir/#$HOME/\~} (once per version)" >&2
    mkdir -p "$dir"
    if ! npm install --prefix "$dir" --no-audit --no-fund --loglevel=error --fetch-retries=1 --fetch-timeout=60000 \
        "$package@$version" >"$dir/npm-install.log" 2>&1; then
      echo "$name: could not install $package@$version with npm; is the npm registry ($(npm config get registry)) reachable" \
        "from here? npm said:" >&2
      head -4 "$dir/npm-install.log" | sed 's/^/    /' >&2
      return 1
    fi
  fi
  echo "$dir"
}
