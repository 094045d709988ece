#!/usr/bin/env bash
# Shadowsocks throughput benchmark: curl -> SOCKS5 (client proxy) -> shadowsocks -> server proxy ->
# local origin, per method, with three implementations side by side in the same run: vtool (socks
# inbound + shadowsocks outbound, shadowsocks inbound + freedom), v2ray 4.34 (the same configs) and
# shadowsocks-libev (ss-local + ss-server). Prints throughput, CPU seconds per GiB of the client and of the
# server process (utime+stime from /proc) and their peak RSS, then vtool's ratios to v2ray and to libev.
# vtool runs through the ./vtool launcher, with the JVM options users get (VTOOL_JAVA picks the JDK).
# Each pair first carries WARM_MIB over 24 connections (warm_up in lib.sh).
#
# Usage: bench/ss.sh            (METHODS="aes-128-gcm chacha20-poly1305" SIZE_MIB=512 ROUNDS=2 WARM_MIB=1024)
#        IMPLS="vtool v2ray" METHODS=aes-256-gcm bench/ss.sh
# Builds cli/target/vtool.jar if missing. Loopback only; every process it starts is killed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB="${SIZE_MIB:-512}"
ROUNDS="${ROUNDS:-2}"
WARM_MIB="${WARM_MIB:-1024}"
METHODS="${METHODS:-aes-128-gcm chacha20-poly1305}"
IMPLS="${IMPLS:-v2ray libev vtool}"
PASSWORD="bench-password"
source bench/lib.sh
if [[ " $IMPLS " == *" libev "* ]] && ! command -v ss-server >/dev/null; then
    echo "bench: ss-server not found (apt-get install shadowsocks-libev); leaving libev out" >&2
    IMPLS="${IMPLS//libev/}"
fi

server_config() {
    cat > "$work/$1" <<JSON
{"log": {"loglevel": "warning", "access": "none"},
 "inbounds": [{"listen": "127.0.0.1", "port": $2, "protocol": "shadowsocks",
   "settings": {"method": "$3", "password": "$PASSWORD"}}],
 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
JSON
}

client_config() {
    cat > "$work/$1" <<JSON
{"log": {"loglevel": "warning", "access": "none"},
 "inbounds": [{"listen": "127.0.0.1", "port": $2, "protocol": "socks"}],
 "outbounds": [{"protocol": "shadowsocks", "settings": {"servers": [{"address": "127.0.0.1", "port": $3,
   "method": "$4", "password": "$PASSWORD"}]}}]}
JSON
}

# await_port PORT: like lib.sh's wait_port, but gives a JVM on a loaded machine up to 60 s
await_port() {
    for _ in $(seq 1 600); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "bench: nothing listens on $1 after 60 s" >&2; exit 1
}

libev_method() { [ "$1" = chacha20-poly1305 ] && echo chacha20-ietf-poly1305 || echo "$1"; }

# start IMPL ROLE METHOD LISTEN_PORT SERVER_PORT: prints the pid
start() {
    local impl=$1 role=$2 method=$3 port=$4 server=$5
    case "$impl" in
        libev)
            if [ "$role" = server ]; then
                ss-server -s 127.0.0.1 -p "$port" -k "$PASSWORD" -m "$(libev_method "$method")" >"$work/$impl-$role.log" 2>&1 &
            else
                ss-local -s 127.0.0.1 -p "$server" -b 127.0.0.1 -l "$port" -k "$PASSWORD" \
                    -m "$(libev_method "$method")" >"$work/$impl-$role.log" 2>&1 &
            fi ;;
        *)
            if [ "$role" = server ]; then server_config "$impl-$role.json" "$port" "$method"
            else client_config "$impl-$role.json" "$port" "$server" "$method"; fi
            if [ "$impl" = vtool ]; then
                ./vtool run -c "$work/$impl-$role.json" >"$work/$impl-$role.log" 2>&1 &
            else
                v2ray -config "$work/$impl-$role.json" >"$work/$impl-$role.log" 2>&1 &
            fi ;;
    esac
    echo $!
}

fetch() {
    curl -s --noproxy '' --socks5-hostname "127.0.0.1:$cp" -o /dev/null -w '%{size_download}' \
        "http://127.0.0.1:$origin_port/$1"
}

# measure IMPL METHOD: warm-up, then ROUNDS downloads of SIZE_MIB; one result row
measure() {
    local impl=$1 method=$2 t0 t1 cc0 cc1 sc0 sc1 bytes
    sp=$(free_port); cp=$(free_port)
    spid=$(start "$impl" server "$method" "$sp" ""); pids+=($spid)
    cpid=$(start "$impl" client "$method" "$cp" "$sp"); pids+=($cpid)
    await_port "$sp"; await_port "$cp"
    warm_up "$cp" "$WARM_MIB"
    cc0=$(cpu_ticks "$cpid"); sc0=$(cpu_ticks "$spid"); t0=$(date +%s.%N)
    for _ in $(seq 1 "$ROUNDS"); do
        bytes=$(fetch "$SIZE_MIB")
        [ "$bytes" = $((SIZE_MIB << 20)) ] || { echo "bench: $impl $method delivered $bytes bytes" >&2; exit 1; }
    done
    t1=$(date +%s.%N); cc1=$(cpu_ticks "$cpid"); sc1=$(cpu_ticks "$spid")
    python3 - "$impl" "$method" "$t0" "$t1" "$cc0" "$cc1" "$sc0" "$sc1" $((SIZE_MIB * ROUNDS)) "$hz" \
        "$(rss_kib "$cpid")" "$(rss_kib "$spid")" <<'PY' >> "$work/results"
import sys
impl, method, t0, t1, cc0, cc1, sc0, sc1, mib, hz, rc, rs = sys.argv[1:]
gib = int(mib) / 1024
secs = float(t1) - float(t0)
cc = (int(cc1) - int(cc0)) / int(hz) / gib
sc = (int(sc1) - int(sc0)) / int(hz) / gib
print(f"{impl}\t{method}\t{gib / secs * 8:.2f}\t{cc:.2f}\t{sc:.2f}\t{cc + sc:.2f}\t{int(rc) / 1024:.0f}\t{int(rs) / 1024:.0f}")
PY
    kill "$cpid" "$spid"; wait "$cpid" "$spid" 2>/dev/null || true
}

: > "$work/results"
for method in $METHODS; do
    for impl in $IMPLS; do
        measure "$impl" "$method"
    done
done

echo "Shadowsocks socks->ss->ss->origin: $ROUNDS x $SIZE_MIB MiB per pair after $WARM_MIB MiB warm-up"
echo "($(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg); vtool via ./vtool on ${VTOOL_JAVA:-the default JDK of the launcher})"
printf '%-6s %-18s %8s %12s %12s %10s %11s %11s\n' impl method Gbit/s "client s/GiB" "server s/GiB" "sum s/GiB" \
    "client MiB" "server MiB"
awk -F'\t' '{printf "%-6s %-18s %8s %12s %12s %10s %11s %11s\n", $1, $2, $3, $4, $5, $6, $7, $8}' "$work/results"
echo
echo "ratios vtool/peer (throughput higher is better; CPU per GiB and RSS lower is better):"
awk -F'\t' '{k=$1 " " $2; t[k]=$3; cc[k]=$4; sc[k]=$5; s[k]=$6; m[$2]=1}
    END {for (method in m) for (p in t) { split(p, a, " "); if (a[2] != method || a[1] == "vtool" || !(("vtool " method) in t)) continue;
        v = "vtool " method;
        printf "  %-18s vs %-5s throughput %.2fx  client CPU/GiB %.2fx  server CPU/GiB %.2fx  sum %.2fx\n",
            method, a[1], t[v]/t[p], (cc[p] > 0 ? cc[v]/cc[p] : 0), (sc[p] > 0 ? sc[v]/sc[p] : 0), (s[p] > 0 ? s[v]/s[p] : 0) }}' \
    "$work/results"
