#!/usr/bin/env bash
# Runs an image tar Jib built without a container runtime (deploy/images/README.md, "Start time"): unpacks its layers
# into a root file system, as a runtime would, and starts the image's own entrypoint with the image's own JRE, as its
# user (65532), in a PID and mount namespace of its own with /proc and /dev mounted, /etc/hosts and /etc/resolv.conf
# copied in (a runtime mounts them), and the image's environment plus the VAR=value arguments. Host network, no
# cgroup limits (the JVM sizes its heap from the machine's memory). Needs root (unshare, chroot).
#   deploy/images/run-image.sh IMAGE.tar [--copy SRC:DEST]... [VAR=value]...
# DEST is a path inside the image (e.g. a TLS key the production profile reads). Stops the process on exit.
set -euo pipefail
tar=${1:?usage: run-image.sh IMAGE.tar [--copy SRC:DEST]... [VAR=value]...}
shift
[ "$(id -u)" = 0 ] || { echo "run-image: needs root (unshare, chroot)" >&2; exit 1; }

work=$(mktemp -d)
root=$work/rootfs
mkdir -p "$root"
cleanup() { # SIGTERM to the application (PID 1 of its namespace, unshare's child), as a runtime's stop does
  if [ -n "${pid:-}" ]; then
    for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do kill -TERM "$child" 2>/dev/null; done
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

tar -xf "$tar" -C "$work" manifest.json config.json
for layer in $(sed 's/.*"Layers":\[\([^]]*\)\].*/\1/; s/[",]/ /g' "$work/manifest.json"); do
  tar -xf "$tar" -O "$layer" | tar -xz -C "$root" --numeric-owner --warning=no-unknown-keyword
done
config=$(cat "$work/config.json")
user=$(sed 's/.*"User":"\([^"]*\)".*/\1/' <<<"$config")
mapfile -t entrypoint < <(sed 's/.*"Entrypoint":\["\([^]]*\)"\].*/\1/' <<<"$config" | sed 's/","/\n/g')
mapfile -t env < <(sed 's/.*"Env":\["\([^]]*\)"\].*/\1/' <<<"$config" | sed 's/","/\n/g')

vars=()
while [ $# -gt 0 ]; do
  case "$1" in
    --copy) src=${2%%:*} dest=${2#*:}; install -D -m 0444 "$src" "$root$dest"; shift 2 ;;
    *=*) vars+=("$1"); shift ;;
    *) echo "run-image: unknown argument $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$root/proc" "$root/dev" "$root/etc"
cp /etc/hosts /etc/resolv.conf "$root/etc/"

chroot=$(command -v chroot || echo /usr/sbin/chroot)
echo "run-image: $(basename "$tar") as $user: ${entrypoint[*]}" >&2
env -i "${env[@]}" "${vars[@]}" unshare --mount --propagation private --pid --fork --kill-child --mount-proc="$root/proc" \
  /bin/sh -c 'mount --rbind /dev "$2/dev" && chroot=$1 root=$2 user=$3 && shift 3 && cd "$root" && exec "$chroot" --userspec="$user" "$root" "$@"' \
  run-image "$chroot" "$root" "$user" "${entrypoint[@]}" &
pid=$!
wait "$pid"
