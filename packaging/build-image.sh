#!/usr/bin/env bash
# Builds the vtool container image without pulling a base image: a jlink'd Java runtime, the shared
# libraries it links against (found with ldd), vtool.jar and a non-root user, assembled into a root file
# system and added to a FROM-scratch image (packaging/Containerfile). Works offline; `docker build -f
# packaging/Dockerfile .` is the registry-based alternative.
#
#   packaging/build-image.sh [TAG]            (default tag: vtool:latest; needs podman or docker, a JDK with jlink)
#   (CONTAINER_ENGINE_OPTS: options before `build`, e.g. --storage-driver=vfs)
#   podman run -d --network host -v $PWD/config.json:/etc/vtool/config.json:ro vtool
set -euo pipefail
cd "$(dirname "$0")/.."
tag="${1:-vtool:latest}"
engine="${CONTAINER_ENGINE:-$(command -v podman || command -v docker || true)}"
[ -n "$engine" ] || { echo "build-image: neither podman nor docker is installed" >&2; exit 2; }
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
[ -x "$java_home/bin/jlink" ] || { echo "build-image: no jlink in $java_home (a JDK, not a JRE, is needed)" >&2; exit 2; }

[ -f cli/target/vtool.jar ] || mvn -B -q -DskipTests package
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
root="$stage/rootfs"
mkdir -p "$root/usr/lib/vtool" "$root/etc/vtool" "$root/tmp"
chmod 1777 "$root/tmp"   # Netty unpacks its native epoll library there

# The modules vtool uses, plus the providers jdeps cannot see (EC keys for TLS, DNS for JNDI).
"$java_home/bin/jlink" --add-modules java.base,java.logging,java.management,java.naming,java.sql,java.xml,jdk.crypto.ec,jdk.naming.dns,jdk.unsupported \
    --strip-debug --no-header-files --no-man-pages --output "$root/opt/java"
cp cli/target/vtool.jar "$root/usr/lib/vtool/vtool.jar"

# The shared libraries of the runtime and of the jar's native code (Netty's epoll), and the dynamic
# loader, at the paths they were linked with.
mkdir -p "$stage/native"
(cd "$stage/native" && "$java_home/bin/jar" xf "$OLDPWD/cli/target/vtool.jar" META-INF/native)
for lib in $(find "$root/opt/java" "$stage/native" -name '*.so' -o -path '*/bin/java' | xargs ldd 2>/dev/null \
        | awk '/=> \// {print $3} /^\s*\/lib64/ {print $1}' | sort -u); do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
done
mkdir -p "$root/lib64"
cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"

printf 'root:x:0:0:root:/:/sbin/nologin\nvtool:x:10001:10001:vtool:/:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\nvtool:x:10001:\n' > "$root/etc/group"
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"

cp packaging/Containerfile "$stage/Containerfile"
format=(); [[ "$engine" == *podman ]] && format=(--format docker)   # OCI images drop HEALTHCHECK
"$engine" ${CONTAINER_ENGINE_OPTS:-} build "${format[@]}" -t "$tag" -f "$stage/Containerfile" "$stage"
echo "build-image: built $tag ($(du -sh "$root" | cut -f1) root file system)"
