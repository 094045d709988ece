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

# start IMPL NAME CONFIG: prints the pid
start() {
    if [ "$1" = vtool ]; then
        ./vtool run -c "$work/$3" >"$work/$2.log" 2>&1 &
    else
        v2ray -config "$work/$3" >"$work/$2.log" 2>&1 &
    fi
    echo $!
}

# fetch MIB: one download through the client proxy; prints the bytes received
fetch() {
    curl -s --noproxy '' --socks5-hostname "127.0.0.1:$cp" -o /dev/null -w '%{size_download}' \
        "http://127.0.0.1:$origin_port/$1"
}

# record IMPL SECURITY CASE T0 T1 CPU0 CPU1 MIB: appends one result row
record() {
    python3 - "$@" "$hz" "$(rss_kib "$cpid")" "$(rss_kib "$spid")" <<'PY' >> "$work/results"
import sys
impl, sec, case, t0, t1, c0, c1, mib, hz, rc, rs = sys.argv[1:]
gib = int(mib) / 1024
secs = float(t1) - float(t0)
cpu = (int(c1) - int(c0)) / int(hz)
print(f"{impl}\t{sec}\t{case}\t{gib / secs * 8:.2f}\t{cpu / gib:.2f}\t{int(rc) / 1024:.0f}\t{int(rs) / 1024:.0f}")
PY
}

# measure IMPL SECURITY: warm-up, ROUNDS single downloads of SIZE_MIB, then STREAMS parallel downloads
measure() {
    local impl=$1 sec=$2 t0 t1 c0 c1 bytes
    sp=$(free_port); cp=$(free_port)
    server_config "$impl-server.json" "$sp"
    client_config "$impl-client.json" "$cp" "$sp" "$sec"
    spid=$(start "$impl" "$impl-server" "$impl-server.json"); pids+=($spid)
    cpid=$(start "$impl" "$impl-client" "$impl-client.json"); pids+=($cpid)
    wait_port "$sp"; wait_port "$cp"
    warm_up "$cp" "$WARM_MIB"
    c0=$(( $(cpu_ticks "$spid") + $(cpu_ticks "$cpid") )); t0=$(date +%s.%N)
    for _ in $(seq 1 "$ROUNDS"); do
        bytes=$(fetch "$SIZE_MIB")
        [ "$bytes" = $((SIZE_MIB << 20)) ] || { echo "bench: $impl $sec delivered $bytes bytes" >&2; exit 1; }
    done
    t1=$(date +%s.%N); c1=$(( $(cpu_ticks "$spid") + $(cpu_ticks "$cpid") ))
    record "$impl" "$sec" single "$t0" "$t1" "$c0" "$c1" $((SIZE_MIB * ROUNDS))
    c0=$(( $(cpu_ticks "$spid") + $(cpu_ticks "$cpid") )); t0=$(date +%s.%N)
    local jobs=()
    for i in $(seq 1 "$STREAMS"); do
        fetch "$STREAM_MIB" > "$work/par.$i" & jobs+=($!)
    done
    for j in "${jobs[@]}"; do wait "$j"; done
    t1=$(date +%s.%N); c1=$(( $(cpu_ticks "$spid") + $(cpu_ticks "$cpid") ))
    for i in $(seq 1 "$STREAMS"); do
        [ "$(cat "$work/par.$i")" = $((STREAM_MIB << 20)) ] \
            || { echo "bench: $impl $sec stream $i delivered $(cat "$work/par.$i") bytes" >&2; exit 1; }
    done
    record "$impl" "$sec" "x$STREAMS" "$t0" "$t1" "$c0" "$c1" $((STREAM_MIB * STREAMS))
    kill "$cpid" "$spid"; wait "$cpid" "$spid" 2>/dev/null || true
}

: > "$work/results"
for sec in $SECURITIES; do
    measure v2ray "$sec"
    measure vtool "$sec"
done

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
