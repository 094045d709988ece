#!/usr/bin/env bash
# Every issue-19 figure, vtool vs v2ray in the same run, one row each: what, vtool, v2ray, vtool/v2ray.
#
#   bench/run.sh                      all sections: startup memory diagnose handshakes cpu, then any other
#                                     bench/NAME.sh that is not a helper (e.g. ss.sh, dns.sh)
#   bench/run.sh startup memory       only these sections (a section is bench/NAME.sh)
#
# Sections (each also runs alone, with its own knobs in its header):
#   startup     lint of the seed client config (vs v2ray -test) and run until listening, wall
#   memory      RSS idle and the peak under STREAMS=32 parallel VMess downloads
#   diagnose    MB/s of a generated log and the peak RSS (no v2ray counterpart)
#   handshakes  VMess AEAD handshakes/s and server CPU per handshake with 1, 100, 1000, 10000 users
#   cpu         CPU s/GiB of both proxies of a VMess chain for aes-128-gcm, chacha20-poly1305 and none,
#               with the origin writing 16 KiB, 64 KiB and 1 MiB at a time (bench/vmess.sh)
#   transports  CPU s/GiB of both proxies of a VMess chain over tls, ws+tls, h2 and mux, single stream
#               and 8 at once (bench/transports.sh; its full table with per-process figures runs alone)
# From a fresh clone: ./vtool builds the jar on first use; v2ray is installed with apt-get when missing
# and running as root. The machine's CPU count and load are printed first: compare ratios, which are
# taken within one run, rather than absolute figures between runs.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v v2ray >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "bench: installing v2ray (apt-get install -y v2ray) ..." >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q v2ray >/dev/null \
            || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q v2ray >/dev/null; }
        systemctl stop v2ray 2>/dev/null || true
    fi
    command -v v2ray >/dev/null || { echo "bench: v2ray is needed (apt-get install v2ray, as root)" >&2; exit 2; }
fi
command -v curl >/dev/null || { echo "bench: curl is needed" >&2; exit 2; }
./vtool --version >/dev/null   # builds cli/target/vtool.jar and the start-up archive on first use

core=(startup memory diagnose handshakes cpu)
# scripts that are not sections of their own: shared code, the pieces the core sections call, older entries
helpers=" lib run vmess socks-freedom "
if [ $# -gt 0 ]; then
    sections=("$@")
else
    sections=("${core[@]}")
    for f in bench/*.sh; do
        name=$(basename "$f" .sh)
        case " ${core[*]} $helpers " in *" $name "*) ;; *) sections+=("$name") ;; esac
    done
fi

cpu_section() {
    for write in ${CPU_WRITES:-16 64 1024}; do
        ORIGIN_WRITE_KIB=$write ROWS_ONLY=1 SIZE_MIB="${SIZE_MIB:-256}" ROUNDS="${ROUNDS:-2}" \
            STREAMS="${STREAMS:-8}" STREAM_MIB="${STREAM_MIB:-32}" WARM_MIB="${WARM_MIB:-512}" bench/vmess.sh
    done
}

jdk=$(readlink -f "$(command -v "${VTOOL_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}" 2>/dev/null \
    || command -v java)" 2>/dev/null || echo java)
echo "bench/run.sh: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(v2ray -version 2>/dev/null | head -n 1 | cut -d' ' -f1-2), vtool on ${jdk%/bin/java}, $(date -u +%FT%TZ)"
printf '%-44s %10s %10s %9s\n' "what" "vtool" "v2ray" "vtool/v2ray"
for s in "${sections[@]}"; do
    if [ "$s" = cpu ]; then
        cpu_section
    elif [ "$s" = transports ]; then
        ROWS_ONLY=1 bash bench/transports.sh
    elif [ -x "bench/$s.sh" ] || [ -f "bench/$s.sh" ]; then
        bash "bench/$s.sh"
    else
        echo "bench: no section $s (bench/$s.sh)" >&2
        exit 2
    fi
done
