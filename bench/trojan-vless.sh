#!/usr/bin/env bash
# Trojan+TLS and VLESS+TLS throughput benchmark: curl -> socks inbound -> trojan/vless outbound (TLS) ->
# trojan/vless inbound (TLS) -> freedom -> local origin, with both proxies vtool or both v2ray, per protocol.
# Two cases per protocol: one download at a time (single stream) and STREAMS concurrent downloads
# (aggregate). Prints throughput, CPU seconds per GiB (client + server processes, utime+stime from
# /proc) and the peak RSS of each process, then vtool/v2ray ratios per protocol and case.
# The TLS certificate is the test one (testdata/certs, name vtool.test), verified by the client.
#
# Usage: bench/trojan-vless.sh   (SIZE_MIB=512 ROUNDS=4 STREAMS=32 STREAM_MIB=32 WARM_MIB=2048)
#        PROTOCOLS=trojan SIZE_MIB=64 bench/trojan-vless.sh
# Builds cli/target/vtool.jar if missing. Loopback only; every process it starts is killed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB="${SIZE_MIB:-512}"
ROUNDS="${ROUNDS:-4}"
STREAMS="${STREAMS:-32}"
STREAM_MIB="${STREAM_MIB:-32}"
WARM_MIB="${WARM_MIB:-2048}"
PROTOCOLS="${PROTOCOLS:-trojan vless}"
UUID=b831381d-6324-4d53-ad4f-8cda48b30811
PASSWORD=vtool-bench
CERTS="$PWD/testdata/certs"
source bench/lib.sh

server_config() {
    local settings
    if [ "$3" = trojan ]; then settings="{\"clients\": [{\"password\": \"$PASSWORD\"}]}"
    else settings="{\"clients\": [{\"id\": \"$UUID\"}], \"decryption\": \"none\"}"; fi
    cat > "$work/$1" <<JSON
{"log": {"loglevel": "warning", "access": "none"},
 "inbounds": [{"listen": "127.0.0.1", "port": $2, "protocol": "$3", "settings": $settings,
   "streamSettings": {"security": "tls", "tlsSettings": {"certificates": [{"certificateFile": "$CERTS/server.crt", "keyFile": "$CERTS/server.key"}]}}}],
 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
JSON
}

client_config() {
    local settings
    if [ "$4" = trojan ]; then settings="{\"servers\": [{\"address\": \"127.0.0.1\", \"port\": $3, \"password\": \"$PASSWORD\"}]}"
    else settings="{\"vnext\": [{\"address\": \"127.0.0.1\", \"port\": $3, \"users\": [{\"id\": \"$UUID\", \"encryption\": \"none\"}]}]}"; fi
    cat > "$work/$1" <<JSON
{"log": {"loglevel": "warning", "access": "none"},
 "inbounds": [{"listen": "127.0.0.1", "port": $2, "protocol": "socks"}],
 "outbounds": [{"protocol": "$4", "settings": $settings,
   "streamSettings": {"security": "tls", "tlsSettings": {"serverName": "vtool.test", "disableSystemRoot": true,
     "certificates": [{"certificateFile": "$CERTS/server.crt", "usage": "verify"}]}}}]}
JSON
}

# measure IMPL PROTOCOL: the pair as bench/lib.sh's measure_pair measures it (warm-up, ROUNDS single
# downloads of SIZE_MIB, STREAMS parallel downloads of STREAM_MIB)
measure() {
    local impl=$1 sec=$2 sp cp
    sp=$(free_port); cp=$(free_port)
    server_config "$impl-$sec-server.json" "$sp" "$sec"
    client_config "$impl-$sec-client.json" "$cp" "$sp" "$sec"
    measure_pair "$impl" "$sec" "$impl-$sec-server.json" "$sp" "$impl-$sec-client.json" "$cp"
}

: > "$work/results"
for sec in $PROTOCOLS; do
    measure v2ray "$sec"
    measure vtool "$sec"
done
# one CPU figure per pair: client + server (measure_pair keeps them apart)
awk -F'\t' '{printf "%s\t%s\t%s\t%s\t%.2f\t%s\t%s\n", $1, $2, $3, $4, $5 + $6, $7, $8}' \
    "$work/results" > "$work/summed" && mv "$work/summed" "$work/results"

echo "socks->PROTOCOL+tls->PROTOCOL+tls->freedom; single: $ROUNDS x $SIZE_MIB MiB, x$STREAMS: $STREAMS x $STREAM_MIB MiB at once"
echo "($(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg); vtool via ./vtool on ${VTOOL_JAVA:-the default JDK of the launcher})"
printf '%-6s %-18s %-7s %8s %10s %16s %16s\n' impl protocol case Gbit/s "CPU s/GiB" "client RSS MiB" "server RSS MiB"
awk -F'\t' '{printf "%-6s %-18s %-7s %8s %10s %16s %16s\n", $1, $2, $3, $4, $5, $6, $7}' "$work/results"
echo
echo "ratios vtool/v2ray (throughput higher is better; CPU and RSS lower is better):"
awk -F'\t' '$1=="v2ray" {k=$2 " " $3; t[k]=$4; c[k]=$5; r1[k]=$6; r2[k]=$7; next}
            {k=$2 " " $3; printf "  %-18s %-7s throughput %.2fx  CPU/GiB %.2fx  client RSS %.2fx  server RSS %.2fx\n", $2, $3, $4/t[k], $5/c[k], $6/r1[k], $7/r2[k]}' "$work/results"
