#!/usr/bin/env bash
# Shadowsocks throughput benchmark: curl -> SOCKS5 (client proxy) -> shadowsocks -> server proxy ->
# local origin, per method, with three implementations side by side in the same run: vtool (socks
# inbound + shadowsocks outbound, shadowsocks inbound + freedom), v2ray 4.34 (the same configs) and
# shadowsocks-libev (ss-local + ss-server). Each pair is measured by bench/lib.sh's measure_pair: a
# warm-up of WARM_MIB, then ROUNDS downloads of SIZE_MIB one at a time ("single") and STREAMS downloads
# of STREAM_MIB at once ("xN"). Prints throughput, CPU seconds per GiB of the client and of the server
# process (utime+stime from /proc), their sum and peak RSS, then vtool's ratios to v2ray and to libev.
# vtool runs through the ./vtool launcher, with the JVM options users get (VTOOL_JAVA picks the JDK).
#
# Usage: bench/ss.sh   (METHODS="aes-128-gcm chacha20-poly1305" SIZE_MIB=512 ROUNDS=2 STREAMS=8 STREAM_MIB=64 WARM_MIB=1024)
#        SIZE_MIB=16 ROUNDS=1 STREAM_MIB=4 WARM_MIB=32 bench/ss.sh     (a smoke run in seconds)
#        IMPLS="vtool v2ray" METHODS=aes-256-gcm bench/ss.sh
# Builds cli/target/vtool.jar if missing. Loopback only; every process it starts is killed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB="${SIZE_MIB:-512}"
ROUNDS="${ROUNDS:-2}"
STREAMS="${STREAMS:-8}"
STREAM_MIB="${STREAM_MIB:-64}"
WARM_MIB="${WARM_MIB:-1024}"
METHODS="${METHODS:-aes-128-gcm chacha20-poly1305}"
IMPLS="${IMPLS:-v2ray libev vtool}"
PASSWORD="bench-password"
source bench/lib.sh
if [[ " $IMPLS " == *" libev "* ]] && ! command -v ss-server >/dev/null; then
    echo "bench: ss-server not found (apt-get install shadowsocks-libev); leaving libev out" >&2
    IMPLS="${IMPLS//libev/}"
fi

libev_method() { [ "$1" = chacha20-poly1305 ] && echo chacha20-ietf-poly1305 || echo "$1"; }

# start_libev NAME CONFIG: measure_pair's hook (lib.sh start_proxy) for shadowsocks-libev; a config
# with a local_port is the client's (ss-local), else the server's (ss-server)
start_libev() {
    if grep -q local_port "$work/$2"; then
        ss-local -c "$work/$2" >"$work/$1.log" 2>&1 &
    else
        ss-server -c "$work/$2" >"$work/$1.log" 2>&1 &
    fi
}

# configs IMPL METHOD SERVER_PORT CLIENT_PORT: the pair's two config files, $IMPL-$METHOD-{server,client}.json
configs() {
    local impl=$1 method=$2 sp=$3 cp=$4
    if [ "$impl" = libev ]; then
        cat > "$work/$impl-$method-server.json" <<JSON
{"server": "127.0.0.1", "server_port": $sp, "password": "$PASSWORD", "method": "$(libev_method "$method")"}
JSON
        cat > "$work/$impl-$method-client.json" <<JSON
{"server": "127.0.0.1", "server_port": $sp, "local_address": "127.0.0.1", "local_port": $cp,
 "password": "$PASSWORD", "method": "$(libev_method "$method")"}
JSON
        return
    fi
    cat > "$work/$impl-$method-server.json" <<JSON
{"log": {"loglevel": "warning", "access": "none"},
 "inbounds": [{"listen": "127.0.0.1", "port": $sp, "protocol": "shadowsocks",
   "settings": {"method": "$method", "password": "$PASSWORD"}}],
 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
JSON
    cat > "$work/$impl-$method-client.json" <<JSON
{"log": {"loglevel": "warning", "access": "none"},
 "inbounds": [{"listen": "127.0.0.1", "port": $cp, "protocol": "socks"}],
 "outbounds": [{"protocol": "shadowsocks", "settings": {"servers": [{"address": "127.0.0.1", "port": $sp,
   "method": "$method", "password": "$PASSWORD"}]}}]}
JSON
}

: > "$work/results"
for method in $METHODS; do
    for impl in $IMPLS; do
        sp=$(free_port); cp=$(free_port)
        configs "$impl" "$method" "$sp" "$cp"
        measure_pair "$impl" "$method" "$impl-$method-server.json" "$sp" "$impl-$method-client.json" "$cp"
    done
done

echo "Shadowsocks socks->ss->ss->origin; single: $ROUNDS x $SIZE_MIB MiB, x$STREAMS: $STREAMS x $STREAM_MIB MiB at once; after $WARM_MIB MiB warm-up"
echo "($(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg); vtool via ./vtool on ${VTOOL_JAVA:-the default JDK of the launcher})"
printf '%-6s %-18s %-6s %8s %12s %12s %10s %11s %11s\n' impl method case Gbit/s "client s/GiB" "server s/GiB" "sum s/GiB" \
    "client MiB" "server MiB"
awk -F'\t' '{printf "%-6s %-18s %-6s %8s %12s %12s %10.2f %11s %11s\n", $1, $2, $3, $4, $5, $6, $5 + $6, $7, $8}' "$work/results"
echo
echo "ratios vtool/peer (throughput higher is better; CPU per GiB lower is better):"
awk -F'\t' '{k=$1 " " $2 " " $3; t[k]=$4; cc[k]=$5; sc[k]=$6; key[$2 " " $3]=1; impl[$1]=1}
    END {for (mc in key) for (p in impl) { if (p == "vtool" || !(("vtool " mc) in t) || !((p " " mc) in t)) continue;
        v = "vtool " mc; q = p " " mc; split(mc, a, " ");
        printf "  %-18s %-6s vs %-5s throughput %.2fx  client CPU/GiB %.2fx  server CPU/GiB %.2fx  sum %.2fx\n",
            a[1], a[2], p, t[v]/t[q], (cc[q] > 0 ? cc[v]/cc[q] : 0), (sc[q] > 0 ? sc[v]/sc[q] : 0),
            (cc[q] + sc[q] > 0 ? (cc[v] + sc[v])/(cc[q] + sc[q]) : 0) }}' "$work/results" | sort
