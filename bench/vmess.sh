#!/usr/bin/env bash
# VMess throughput benchmark, the seed topology: curl -> socks inbound -> vmess outbound ->
# vmess inbound -> freedom -> local origin, with both proxies vtool or both v2ray, per security.
# Two cases per security: one download at a time (single stream) and STREAMS concurrent downloads
# (aggregate). Prints throughput, CPU seconds per GiB (client + server processes, utime+stime from
# /proc) and the peak RSS of each process, then vtool/v2ray ratios per security and case.
# vtool runs through the ./vtool launcher, with the JVM options users get (VTOOL_JAVA picks the JDK).
# Both proxies first carry WARM_MIB over 24 connections (see warm_up in lib.sh: steady state, not JIT warm-up).
#
# ORIGIN_WRITE_KIB sets the origin's write size (default 1024); ROWS_ONLY=1 prints bench/run.sh's rows.
# Usage: bench/vmess.sh          (SIZE_MIB=512 ROUNDS=4 STREAMS=32 STREAM_MIB=32 WARM_MIB=2048 ALTER_ID=0)
#        SECURITIES="aes-128-gcm none" ALTER_ID=64 bench/vmess.sh
#        VTOOL_JAVA=/usr/lib/jvm/java-17-openjdk-amd64/bin/java bench/vmess.sh
# Builds cli/target/vtool.jar if missing. Loopback only; every process it starts is killed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB="${SIZE_MIB:-512}"
ROUNDS="${ROUNDS:-4}"
ALTER_ID="${ALTER_ID:-0}"
STREAMS="${STREAMS:-32}"
STREAM_MIB="${STREAM_MIB:-32}"
WARM_MIB="${WARM_MIB:-2048}"
SECURITIES="${SECURITIES:-aes-128-gcm chacha20-poly1305 none}"
UUID=b831381d-6324-4d53-ad4f-8cda48b30811
source bench/lib.sh

server_config() {
    cat > "$work/$1" <<JSON
{"log": {"loglevel": "warning", "access": "none"},
 "inbounds": [{"listen": "127.0.0.1", "port": $2, "protocol": "vmess",
   "settings": {"clients": [{"id": "$UUID", "alterId": $ALTER_ID}]}}],
 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
JSON
}

client_config() {
    cat > "$work/$1" <<JSON
{"log": {"loglevel": "warning", "access": "none"},
 "inbounds": [{"listen": "127.0.0.1", "port": $2, "protocol": "socks"}],
 "outbounds": [{"protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": $3,
   "users": [{"id": "$UUID", "alterId": $ALTER_ID, "security": "$4"}]}]}}]}
JSON
}

# measure IMPL SECURITY: the pair as bench/lib.sh's measure_pair measures it (warm-up, ROUNDS single
# downloads of SIZE_MIB, STREAMS parallel downloads of STREAM_MIB)
measure() {
    local impl=$1 sec=$2 sp cp
    sp=$(free_port); cp=$(free_port)
    server_config "$impl-$sec-server.json" "$sp"
    client_config "$impl-$sec-client.json" "$cp" "$sp" "$sec"
    measure_pair "$impl" "$sec" "$impl-$sec-server.json" "$sp" "$impl-$sec-client.json" "$cp"
}

: > "$work/results"
for sec in $SECURITIES; do
    measure v2ray "$sec"
    measure vtool "$sec"
done
# one CPU figure per pair: client + server (measure_pair keeps them apart)
awk -F'\t' '{printf "%s\t%s\t%s\t%s\t%.2f\t%s\t%s\n", $1, $2, $3, $4, $5 + $6, $7, $8}' \
    "$work/results" > "$work/summed" && mv "$work/summed" "$work/results"

if [ "${ROWS_ONLY:-}" = 1 ]; then
    # bench/run.sh's rows: what, vtool, v2ray, vtool/v2ray
    awk -F'\t' -v w="${ORIGIN_WRITE_KIB:-1024}" '$1=="v2ray" {c[$2 " " $3]=$5; next}
        {printf "%-44s %10.2f %10.2f %8.2fx\n", "CPU s/GiB " $2 " " $3 " w" w "K", $5, c[$2 " " $3], $5/c[$2 " " $3]}' \
        "$work/results"
    exit 0
fi
echo "VMess socks->vmess->vmess->freedom, alterId $ALTER_ID; single: $ROUNDS x $SIZE_MIB MiB, x$STREAMS: $STREAMS x $STREAM_MIB MiB at once"
echo "($(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg); vtool via ./vtool on ${VTOOL_JAVA:-the default JDK of the launcher})"
printf '%-6s %-18s %-7s %8s %10s %16s %16s\n' impl security case Gbit/s "CPU s/GiB" "client RSS MiB" "server RSS MiB"
awk -F'\t' '{printf "%-6s %-18s %-7s %8s %10s %16s %16s\n", $1, $2, $3, $4, $5, $6, $7}' "$work/results"
echo
echo "ratios vtool/v2ray (throughput higher is better; CPU and RSS lower is better):"
awk -F'\t' '$1=="v2ray" {k=$2 " " $3; t[k]=$4; c[k]=$5; r1[k]=$6; r2[k]=$7; next}
            {k=$2 " " $3; printf "  %-18s %-7s throughput %.2fx  CPU/GiB %.2fx  client RSS %.2fx  server RSS %.2fx\n", $2, $3, $4/t[k], $5/c[k], $6/r1[k], $7/r2[k]}' "$work/results"
