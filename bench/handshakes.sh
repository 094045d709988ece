#!/usr/bin/env bash
# VMess AEAD handshakes per second with many users in the inbound, vtool vs v2ray in the same run.
# The server: one vmess inbound with USERS users and a blackhole outbound (a connection ends as soon as
# its header is accepted); the client: bench/HandshakeBench.java (HANDSHAKES headers made in advance,
# sent over THREADS parallel connections). Two traffic patterns (PATTERNS): "random", each handshake from a
# user picked at random (the server's try order cannot help); "busy", every handshake from one user, the
# last configured (a server that tries recently seen users first finds it at once). Prints handshakes/s
# and the server's CPU microseconds per handshake (utime+stime from /proc), one row each: what, vtool,
# v2ray, ratio.
#
# Usage: bench/handshakes.sh    (USER_COUNTS="1 100 1000 10000" PATTERNS="random busy" HANDSHAKES=4000 THREADS=8)
# Loopback only; every process it starts is killed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
USER_COUNTS="${USER_COUNTS:-1 100 1000 10000}"
HANDSHAKES="${HANDSHAKES:-4000}"
THREADS="${THREADS:-8}"
PATTERNS="${PATTERNS:-random busy}"
source bench/lib.sh

# Every handshake's header is made by the same JVM that sends it: run the client on the launcher's JDK.
client_java="${VTOOL_JAVA:-$(for j in /usr/lib/jvm/temurin-25-jdk-amd64/bin/java java; do command -v "$j" && break; done)}"

server_config() { # FILE PORT USERS
    python3 - "$@" <<'PY'
import json, sys
path, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
clients = [{"id": "00000000-0000-4000-8000-%012x" % (i + 1), "alterId": 0} for i in range(n)]
json.dump({"log": {"loglevel": "warning", "access": "none"},
           "inbounds": [{"listen": "127.0.0.1", "port": port, "protocol": "vmess", "settings": {"clients": clients}}],
           "outbounds": [{"protocol": "blackhole"}]}, open(path, "w"))
PY
}

# measure IMPL USERS PATTERN: prints "IMPL USERS RATE CPU_US_PER_HANDSHAKE FAILED"
measure() {
    local impl=$1 n=$2 pattern=$3 port pid c0 c1 out
    port=$(free_port)
    server_config "$work/hs-$impl-$n.json" "$port" "$n"
    if [ "$impl" = vtool ]; then
        ./vtool run -c "$work/hs-$impl-$n.json" >"$work/hs-$impl.log" 2>&1 &
    else
        v2ray -config "$work/hs-$impl-$n.json" >"$work/hs-$impl.log" 2>&1 &
    fi
    pid=$!; pids+=($pid)
    wait_port "$port"
    # warm-up as long as the measurement: vtool's JIT compiles the handshake path in the first thousands
    "$client_java" -cp "$JAR" bench/HandshakeBench.java "$port" "$n" "$HANDSHAKES" "$THREADS" "$pattern" >/dev/null
    c0=$(cpu_ticks "$pid")
    out=$("$client_java" -cp "$JAR" bench/HandshakeBench.java "$port" "$n" "$HANDSHAKES" "$THREADS" "$pattern")
    c1=$(cpu_ticks "$pid")
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    python3 - "$impl" "$n" "$c0" "$c1" "$hz" "$out" <<'PY'
import sys
impl, n, c0, c1, hz, out = sys.argv[1:]
f = out.split()
hs, ok, rate = int(f[1]), int(f[3]), float(f[7])
cpu_us = (int(c1) - int(c0)) / int(hz) * 1e6 / max(ok, 1)
print(f"{impl}\t{n}\t{rate:.0f}\t{cpu_us:.0f}\t{hs - ok}")
PY
}

for pattern in $PATTERNS; do
for n in $USER_COUNTS; do
    [ "$pattern" = busy ] && [ "$n" = 1 ] && continue  # one user: the same as random
    v=$(measure vtool "$n" "$pattern"); g=$(measure v2ray "$n" "$pattern")
    python3 - "$v" "$g" "$pattern" <<'PY'
import sys
v, g, pattern = sys.argv[1].split("\t"), sys.argv[2].split("\t"), sys.argv[3]
what = f"{v[1]} users, {pattern}"
failed = "".join(f"  ({r[0]}: {r[4]} failed)" for r in (v, g) if r[4] != "0")
print(f"{'handshakes/s, ' + what:<44} {v[2]:>10} {g[2]:>10} {float(v[2]) / max(float(g[2]), 1):>8.2f}x{failed}")
print(f"{'server CPU us/handshake, ' + what:<44} {v[3]:>10} {g[3]:>10} {float(v[3]) / max(float(g[3]), 1):>8.2f}x")
PY
done
done
