#!/usr/bin/env bash
# Startup benchmark: `vtool lint` vs `v2ray -test` on the same config, and JDK 17 vs the newest JDK here.
# Usage: bench/startup.sh [CONFIG]   (default: testdata/seed/client.json). Needs hyperfine (apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
config="${1:-testdata/seed/client.json}"
command -v hyperfine >/dev/null || { echo "bench: hyperfine is needed: apt-get install -y hyperfine" >&2; exit 2; }
./vtool lint "$config" >/dev/null || true          # builds the jar and the CDS archive on first use
runs=(-n "vtool lint (default JDK)" "./vtool lint $config")
for jdk in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64; do
    if [ -x "$jdk/bin/java" ]; then
        VTOOL_JAVA="$jdk/bin/java" ./vtool lint "$config" >/dev/null || true   # its own CDS archive
        runs+=(-n "vtool lint ($(basename "$jdk"))" "env VTOOL_JAVA=$jdk/bin/java ./vtool lint $config")
    fi
done
if command -v v2ray >/dev/null; then
    # v2ray -test exits 23 where geo files or certificates are missing; -i lets hyperfine time it anyway.
    runs+=(-n "v2ray -test" "v2ray -test -config $config")
fi
hyperfine -N -i --warmup 3 --runs 20 "${runs[@]}"
