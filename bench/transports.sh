#!/usr/bin/env bash
# Stream transports under VMess: curl -> socks inbound -> vmess outbound -> [transport] -> vmess inbound
# -> freedom -> local origin, with both proxies vtool or both v2ray, in the same run, for
#   tls      vmess over tcp+tls
#   ws       vmess over websocket+tls (path /bench)
#   h2       vmess over http/2 (tls, host bench.local, path /bench)
#   mux      vmess over tcp with mux.cool (concurrency 8) on the client
# Two cases each: one download at a time (single) and STREAMS at once (xN). Prints throughput, CPU
# seconds per GiB of the client and of the server proxy (utime+stime from /proc) and their peak RSS,
# then vtool/v2ray ratios. The certificates (a CA and a leaf for bench.local, ECDSA P-256) are made with
# openssl in the scratch dir; the client verifies the chain and the name (usage "verify").
# Both proxies first carry WARM_MIB over 24 connections (warm_up in lib.sh).
#
# Usage: bench/transports.sh       (SIZE_MIB=256 ROUNDS=2 STREAMS=8 STREAM_MIB=32 WARM_MIB=512)
#        TRANSPORTS="tls ws" VMESS_SECURITY=none bench/transports.sh
#        SIZE_MIB=4 STREAM_MIB=2 WARM_MIB=16 bench/transports.sh        (a smoke test in seconds)
#        ROWS_ONLY=1 bench/transports.sh                                (bench/run.sh's rows)
# VMESS_SECURITY is the VMess body security (default aes-128-gcm, what "auto" picks on x86);
# VTOOL_JAVA picks vtool's JDK; VTOOL_JAVA_OPTS adds JVM options (e.g. -Dvtool.tls.provider=jdk: the JDK's TLS instead of BoringSSL).
# Loopback only; every process it starts is killed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB="${SIZE_MIB:-256}"
ROUNDS="${ROUNDS:-2}"
STREAMS="${STREAMS:-8}"
STREAM_MIB="${STREAM_MIB:-32}"
WARM_MIB="${WARM_MIB:-512}"
TRANSPORTS="${TRANSPORTS:-tls ws h2 mux}"
VMESS_SECURITY="${VMESS_SECURITY:-aes-128-gcm}"
UUID=b831381d-6324-4d53-ad4f-8cda48b30811
source bench/lib.sh
command -v openssl >/dev/null || { echo "bench: openssl is needed for the certificates" >&2; exit 2; }

# a CA and a leaf for bench.local signed by it
openssl ecparam -name prime256v1 -genkey -noout -out "$work/ca.key" 2>/dev/null
openssl req -x509 -new -key "$work/ca.key" -subj /CN=bench-ca -days 2 -out "$work/ca.pem" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout -out "$work/leaf.key" 2>/dev/null
openssl req -new -key "$work/leaf.key" -subj /CN=bench.local -out "$work/leaf.csr" 2>/dev/null
printf 'subjectAltName=DNS:bench.local\nextendedKeyUsage=serverAuth\n' > "$work/leaf.ext"
openssl x509 -req -in "$work/leaf.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 2 \
    -extfile "$work/leaf.ext" -out "$work/leaf.pem" 2>/dev/null

# stream_settings TRANSPORT SIDE: the streamSettings object of one side (server or client)
stream_settings() {
    local tls
    if [ "$2" = server ]; then
        tls="\"tlsSettings\": {\"certificates\": [{\"certificateFile\": \"$work/leaf.pem\", \"keyFile\": \"$work/leaf.key\"}]}"
    else
        tls="\"tlsSettings\": {\"serverName\": \"bench.local\", \"certificates\": [{\"usage\": \"verify\", \"certificateFile\": \"$work/ca.pem\"}]}"
    fi
    case $1 in
        tls) echo "{\"network\": \"tcp\", \"security\": \"tls\", $tls}" ;;
        ws)  echo "{\"network\": \"ws\", \"security\": \"tls\", $tls, \"wsSettings\": {\"path\": \"/bench\"}}" ;;
        h2)  echo "{\"network\": \"h2\", \"security\": \"tls\", $tls, \"httpSettings\": {\"host\": [\"bench.local\"], \"path\": \"/bench\"}}" ;;
        mux) echo "{\"network\": \"tcp\"}" ;;
        *) echo "bench: unknown transport $1 (tls ws h2 mux)" >&2; exit 2 ;;
    esac
}

# configs IMPL TRANSPORT SERVER_PORT CLIENT_PORT: writes IMPL-TRANSPORT-{server,client}.json
configs() {
    local mux='"mux": {"enabled": false}'
    [ "$2" = mux ] && mux='"mux": {"enabled": true, "concurrency": 8}'
    cat > "$work/$1-$2-server.json" <<JSON
{"log": {"loglevel": "warning", "access": "none"},
 "inbounds": [{"listen": "127.0.0.1", "port": $3, "protocol": "vmess",
   "settings": {"clients": [{"id": "$UUID", "alterId": 0}]}, "streamSettings": $(stream_settings "$2" server)}],
 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
JSON
    cat > "$work/$1-$2-client.json" <<JSON
{"log": {"loglevel": "warning", "access": "none"},
 "inbounds": [{"listen": "127.0.0.1", "port": $4, "protocol": "socks"}],
 "outbounds": [{"protocol": "vmess", $mux, "settings": {"vnext": [{"address": "127.0.0.1", "port": $3,
   "users": [{"id": "$UUID", "alterId": 0, "security": "$VMESS_SECURITY"}]}]},
   "streamSettings": $(stream_settings "$2" client)}]}
JSON
}

: > "$work/results"
for t in $TRANSPORTS; do
    for impl in v2ray vtool; do
        sp=$(free_port); cp=$(free_port)
        configs "$impl" "$t" "$sp" "$cp"
        measure_pair "$impl" "$t" "$impl-$t-server.json" "$sp" "$impl-$t-client.json" "$cp"
    done
done

if [ "${ROWS_ONLY:-}" = 1 ]; then
    # bench/run.sh's rows: what, vtool, v2ray, vtool/v2ray (CPU s/GiB of client and server together)
    awk -F'\t' '$1=="v2ray" {c[$2 " " $3]=$5+$6; next}
        {k=$2 " " $3; printf "%-44s %10.2f %10.2f %8.2fx\n", "CPU s/GiB vmess+" k, $5+$6, c[k], ($5+$6)/c[k]}' "$work/results"
    exit 0
fi
echo "VMess ($VMESS_SECURITY) socks->vmess->[transport]->vmess->freedom; single: $ROUNDS x $SIZE_MIB MiB, x$STREAMS: $STREAMS x $STREAM_MIB MiB at once"
echo "($(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg); vtool via ./vtool on ${VTOOL_JAVA:-the default JDK of the launcher}${VTOOL_JAVA_OPTS:+ with $VTOOL_JAVA_OPTS})"
printf '%-6s %-5s %-7s %8s %18s %18s %11s %11s\n' impl trans case Gbit/s "client CPU s/GiB" "server CPU s/GiB" "client RSS" "server RSS"
awk -F'\t' '{printf "%-6s %-5s %-7s %8s %18s %18s %11s %11s\n", $1, $2, $3, $4, $5, $6, $7, $8}' "$work/results"
echo
echo "ratios vtool/v2ray (throughput higher is better; CPU and RSS lower is better):"
awk -F'\t' '$1=="v2ray" {k=$2 " " $3; t[k]=$4; c[k]=$5; s[k]=$6; r1[k]=$7; r2[k]=$8; next}
    {k=$2 " " $3; printf "  %-5s %-7s throughput %.2fx  CPU/GiB client %.2fx server %.2fx both %.2fx  RSS client %.2fx server %.2fx\n",
        $2, $3, $4/t[k], $5/c[k], $6/s[k], ($5+$6)/(c[k]+s[k]), $7/r1[k], $8/r2[k]}' "$work/results"
