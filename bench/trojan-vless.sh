#!/usr/bin/env bash
# Trojan+TLS and VLESS+TLS throughput benchmark: curl -> socks inbound -> trojan/vless outbound (TLS) ->
# trojan/vless inbound (TLS) -> freedom -> local origin, with both proxies vtool or both v2ray, per protocol,
# and for trojan+tls also both trojan-gfw (/usr/bin/trojan, Debian's `trojan`) in the same run.
# Two cases per protocol: one download at a time (single stream) and STREAMS concurrent downloads
# (aggregate). Prints throughput, CPU seconds per GiB of each proxy process (client and server apart, from
# utime+stime in /proc, and their sum) and the peak RSS of each process, then ratios of vtool to each peer.
# The TLS certificate is the test one (testdata/certs, name vtool.test), verified by every client.
#
# trojan-gfw runs as both client (its own "client" mode: a SOCKS5 inbound, like the socks inbound of the
# others) and server, so each column is one implementation on both ends and the client CPU and the server
# CPU compare process for process: mixing a vtool or v2ray client into the trojan-gfw column would put
# another implementation's TLS and buffering in front of its server. Its TLS 1.3 suite is pinned to
# TLS_AES_128_GCM_SHA256 (what Go's and vtool's TLS pick on AES-NI hardware), so the three columns encrypt
# alike. Without trojan-gfw (TROJAN_BIN, default trojan on PATH) the column says so and the rest runs.
#
# Usage: bench/trojan-vless.sh   (SIZE_MIB=512 ROUNDS=4 STREAMS=32 STREAM_MIB=32 WARM_MIB=2048)
#        PROTOCOLS=trojan SIZE_MIB=64 bench/trojan-vless.sh
#        SIZE_MIB=8 ROUNDS=1 STREAMS=4 STREAM_MIB=4 WARM_MIB=16 bench/trojan-vless.sh   (smoke run, seconds)
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

# trojan-gfw's own configs (its log at warning, as the others'; its fallback, never used here, is the origin)
gfw_server_config() {
    cat > "$work/$1" <<JSON
{"run_type": "server", "local_addr": "127.0.0.1", "local_port": $2, "remote_addr": "127.0.0.1",
 "remote_port": $origin_port, "password": ["$PASSWORD"], "log_level": 2,
 "ssl": {"cert": "$CERTS/server.crt", "key": "$CERTS/server.key", "cipher_tls13": "TLS_AES_128_GCM_SHA256",
         "alpn": ["http/1.1"]}}
JSON
}

gfw_client_config() {
    cat > "$work/$1" <<JSON
{"run_type": "client", "local_addr": "127.0.0.1", "local_port": $2, "remote_addr": "127.0.0.1",
 "remote_port": $3, "password": ["$PASSWORD"], "log_level": 2,
 "ssl": {"verify": true, "verify_hostname": true, "cert": "$CERTS/server.crt", "sni": "vtool.test",
         "cipher_tls13": "TLS_AES_128_GCM_SHA256"}}
JSON
}

# measure IMPL PROTOCOL: the pair as bench/lib.sh's measure_pair measures it (warm-up, ROUNDS single
# downloads of SIZE_MIB, STREAMS parallel downloads of STREAM_MIB)
measure() {
    local impl=$1 sec=$2 sp cp
    sp=$(free_port); cp=$(free_port)
    if [ "$impl" = trojan ]; then
        gfw_server_config "$impl-$sec-server.json" "$sp"
        gfw_client_config "$impl-$sec-client.json" "$cp" "$sp"
    else
        server_config "$impl-$sec-server.json" "$sp" "$sec"
        client_config "$impl-$sec-client.json" "$cp" "$sp" "$sec"
    fi
    measure_pair "$impl" "$sec" "$impl-$sec-server.json" "$sp" "$impl-$sec-client.json" "$cp"
}

: > "$work/results"
gfw_note=""
for sec in $PROTOCOLS; do
    measure v2ray "$sec"
    if [ "$sec" = trojan ]; then
        if command -v "${TROJAN_BIN:-trojan}" >/dev/null; then measure trojan trojan
        else gfw_note="trojan-gfw: not measured, ${TROJAN_BIN:-trojan} not found (apt-get install -y trojan)"; fi
    fi
    measure vtool "$sec"
done

echo "socks->PROTOCOL+tls->PROTOCOL+tls->freedom; single: $ROUNDS x $SIZE_MIB MiB, x$STREAMS: $STREAMS x $STREAM_MIB MiB at once"
echo "($(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg); vtool via ./vtool on ${VTOOL_JAVA:-the default JDK of the launcher})"
grep -q '^trojan' "$work/results" \
    && echo "(trojan = trojan-gfw $("${TROJAN_BIN:-trojan}" --version 2>&1 | awk 'NR==1 {print $NF}') as client and server)"
printf '%-6s %-8s %-7s %8s %23s %9s %16s\n' impl protocol case Gbit/s "CPU s/GiB client server" sum "RSS MiB c / s"
awk -F'\t' '{printf "%-6s %-8s %-7s %8s %11s %11s %9.2f %8s / %-6s\n", $1, $2, $3, $4, $5, $6, $5 + $6, $7, $8}' "$work/results"
[ -z "$gfw_note" ] || echo "$gfw_note"
echo
echo "ratios vtool/peer (throughput higher is better; CPU and RSS lower is better):"
awk -F'\t' '$1!="vtool" {k=$2 " " $3; peers[k]=peers[k] " " $1; t[$1,k]=$4; c[$1,k]=$5; s[$1,k]=$6; r1[$1,k]=$7; r2[$1,k]=$8; next}
            {k=$2 " " $3; n=split(peers[k], p, " ")
             for (i=1; i<=n; i++) { q=p[i]
                 printf "  %-7s %-7s vs %-6s throughput %.2fx  CPU/GiB client %.2fx server %.2fx sum %.2fx  RSS client %.2fx server %.2fx\n",
                        $2, $3, q, $4/t[q,k], $5/c[q,k], $6/s[q,k], ($5+$6)/(c[q,k]+s[q,k]), $7/r1[q,k], $8/r2[q,k] }}' "$work/results"
