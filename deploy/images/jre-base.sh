#!/usr/bin/env bash
# Builds the JRE base image of the deployables' images (deploy/images/README.md) as a docker-archive tar, from the
# JDK 17 of this machine, with no Docker daemon and no container registry:
#   deploy/images/jre-base.sh OUT.tar
# - a Java runtime made by jlink (the modules below; no compiler, no jshell) in /opt/java, with its class data
#   sharing archive;
# - the shared libraries that runtime links to (glibc, libz, libstdc++, ...), copied from this machine, and nothing
#   else: no shell, no package manager (the shape of a "distroless" Java base);
# - /etc/passwd and /etc/group naming root and the unprivileged user nonroot (65532), the image's user;
#   /tmp (1777) and /home/nonroot.
# The tar is reproducible (sorted entries, times at the epoch, numeric owners), so the same JDK gives the same base
# digest, which is written to OUT.tar.digest and printed. It is rebuilt only when this script or the JDK changed.
# Jib reads it as the base image with from.image tar://OUT.tar (the images profile, pom.xml).
set -euo pipefail

out=${1:?usage: jre-base.sh OUT.tar}
case "$out" in /*) ;; *) out=$PWD/$out ;; esac
mkdir -p "$(dirname "$out")"

java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
[ -x "$java_home/bin/jlink" ] || { echo "jre-base: no jlink in $java_home (install a full JDK 17)" >&2; exit 1; }
[ -d "$java_home/jmods" ] || { echo "jre-base: no jmods in $java_home (Debian: apt-get install openjdk-17-jmods)" >&2; exit 1; }
[ "$(uname -m)" = x86_64 ] || { echo "jre-base: made for amd64 (x86_64) machines only, this is $(uname -m)" >&2; exit 1; }

# A server runtime: Java SE, plus what Spring Boot, Netty, Operaton and the JDBC/AMQP clients use from jdk.*.
modules=java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.management,jdk.management.agent,\
jdk.jfr,jdk.naming.dns,jdk.charsets,jdk.net,jdk.httpserver,jdk.security.auth,jdk.security.jgss

java_version=$("$java_home/bin/java" -version 2>&1 | sed -n 2p)
key=$( { cat "$0"; echo "$java_home"; echo "$java_version"; ls -l "$java_home/lib/server/libjvm.so"; } | sha256sum | cut -c1-64)
exec 9>"$out.lock"
flock 9
if [ -f "$out" ] && [ "$(cat "$out.key" 2>/dev/null)" = "$key" ]; then
  echo "jre-base: $out is up to date (base $(cat "$out.digest"))"
  exit 0
fi

work=$(mktemp -d "$(dirname "$out")/jre-base.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root"

"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --output "$root/opt/java"
# The window system, sound and splash screen libraries: a server never loads them, and they would bring X11 along.
rm -f "$root"/opt/java/lib/{libawt_xawt.so,libjawt.so,libjsound.so,libsplashscreen.so}

# The merged /usr layout of the machine (Debian 12: /lib -> usr/lib, /lib64 -> usr/lib64), so the paths the
# runtime's ELF files name (the loader /lib64/ld-linux-x86-64.so.2) resolve as they do here.
for top in bin lib lib64 sbin; do
  [ -L "/$top" ] && ln -s "$(readlink "/$top")" "$root/$top"
done
mkdir -p "$root/usr/lib" "$root/usr/lib64" "$root/usr/bin"
libs=$(find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | sort -u)
for lib in $libs; do
  case "$lib" in "$root"/*) continue ;; esac   # the runtime's own libraries
  dir=$(readlink -f "$(dirname "$lib")")
  mkdir -p "$root$dir"
  cp -L "$lib" "$root$dir/$(basename "$lib")"
done

mkdir -p "$root/etc" "$root/tmp" "$root/home/nonroot"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$root/etc/group"
printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
chown -R 0:0 "$root"
chown 65532:65532 "$root/home/nonroot"

# The class data sharing archive of the runtime's own classes (JVM start-up), as a JDK image ships it.
"$root/opt/java/bin/java" -Xshare:dump -XX:SharedArchiveFile="$root/opt/java/lib/server/classes.jsa" >/dev/null

(cd "$root" && tar --sort=name --mtime=@0 --numeric-owner --format=posix \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -cf "$work/layer.tar" -- *)
diff_id=sha256:$(sha256sum "$work/layer.tar" | cut -c1-64)

cat >"$work/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"65532:65532","WorkingDir":"/home/nonroot",
  "Env":["PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],
  "Labels":{"dev.carepath.jre":"$java_version","dev.carepath.jre.modules":"$modules"}},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"deploy/images/jre-base.sh (jlink of $java_version)"}]}
EOF
config_digest=$(sha256sum "$work/config.json" | cut -c1-64)
mkdir -p "$work/image/${diff_id#sha256:}"
mv "$work/layer.tar" "$work/image/${diff_id#sha256:}/layer.tar"
mv "$work/config.json" "$work/image/$config_digest.json"
printf '[{"Config":"%s.json","RepoTags":["carepath/jre17-base:local"],"Layers":["%s/layer.tar"]}]\n' \
  "$config_digest" "${diff_id#sha256:}" >"$work/image/manifest.json"
(cd "$work/image" && tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$out.tmp" -- *)
mv "$out.tmp" "$out"
echo "sha256:$config_digest" >"$out.digest"
echo "$key" >"$out.key"
echo "jre-base: built $out ($(du -h "$out" | cut -f1), base sha256:$config_digest, $java_version)"
