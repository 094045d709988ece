#!/usr/bin/env bash
# Memory, vtool vs v2ray in the same run, on the seed topology (socks -> vmess -> vmess -> freedom ->
# local origin): RSS of each proxy idle (IDLE_S after its port accepts), then the peak RSS (VmHWM) of the
# larger of the two processes while STREAMS parallel downloads of STREAM_MIB each go through the chain.
# vtool runs through ./vtool with the launcher's JVM options.
# Usage: bench/memory.sh            (STREAMS=32 STREAM_MIB=64 IDLE_S=5 SECURITY=aes-128-gcm)
set -euo pipefail
cd "$(dirname "$0")/.."
STREAMS="${STREAMS:-32}"
STREAM_MIB="${STREAM_MIB:-64}"
IDLE_S="${IDLE_S:-5}"
SECURITY="${SECURITY:-aes-128-gcm}"
UUID=b831381d-6324-4d53-ad4f-8cda48b30811
source bench/lib.sh
./vtool run -test -c testdata/seed/server.json >/dev/null 2>&1 || true   # run's class archive, on first use

current_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# chain IMPL: starts server and client, measures, stops them; prints "idle_server idle_client peak_max" in KiB
chain() {
    local impl=$1 sp cp spid cpid jobs=()
    sp=$(free_port); cp=$(free_port)
    cat > "$work/mem-$impl-server.json" <<JSON
{"log": {"loglevel": "warning", "access": "none"},
 "inbounds": [{"listen": "127.0.0.1", "port": $sp, "protocol": "vmess",
   "settings": {"clients": [{"id": "$UUID", "alterId": 0}]}}],
 "outbounds": [{"protocol": "freedom", "settings": {}}]}
JSON
    cat > "$work/mem-$impl-client.json" <<JSON
{"log": {"loglevel": "warning", "access": "none"},
 "inbounds": [{"listen": "127.0.0.1", "port": $cp, "protocol": "socks"}],
 "outbounds": [{"protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": $sp,
   "users": [{"id": "$UUID", "alterId": 0, "security": "$SECURITY"}]}]}}]}
JSON
    if [ "$impl" = vtool ]; then
        ./vtool run -c "$work/mem-$impl-server.json" >"$work/mem-$impl-server.log" 2>&1 & spid=$!
        ./vtool run -c "$work/mem-$impl-client.json" >"$work/mem-$impl-client.log" 2>&1 & cpid=$!
    else
        v2ray -config "$work/mem-$impl-server.json" >"$work/mem-$impl-server.log" 2>&1 & spid=$!
        v2ray -config "$work/mem-$impl-client.json" >"$work/mem-$impl-client.log" 2>&1 & cpid=$!
    fi
    pids+=($spid $cpid)
    wait_port "$sp"; wait_port "$cp"
    sleep "$IDLE_S"
    local idle_s idle_c
    idle_s=$(current_kib "$spid"); idle_c=$(current_kib "$cpid")
    for _ in $(seq 1 "$STREAMS"); do
        curl -s --noproxy '' --socks5-hostname "127.0.0.1:$cp" -o /dev/null "http://127.0.0.1:$origin_port/$STREAM_MIB" &
        jobs+=($!)
    done
    wait "${jobs[@]}"
    local peak_s peak_c
    peak_s=$(rss_kib "$spid"); peak_c=$(rss_kib "$cpid")
    kill "$spid" "$cpid" 2>/dev/null || true
    wait "$spid" "$cpid" 2>/dev/null || true
    echo "$idle_s $idle_c $(( peak_s > peak_c ? peak_s : peak_c ))"
}

read -r vs vc vp <<<"$(chain vtool)"
read -r gs gc gp <<<"$(chain v2ray)"
python3 - "$vs" "$vc" "$vp" "$gs" "$gc" "$gp" "$STREAMS" <<'PY'
import sys
vs, vc, vp, gs, gc, gp, streams = (int(x) for x in sys.argv[1:])
for name, v, g in ((f"RSS idle, vmess server, MiB", vs, gs), (f"RSS idle, socks+vmess client, MiB", vc, gc),
                   (f"RSS peak, larger proxy, {streams} streams, MiB", vp, gp)):
    print(f"{name:<44} {v / 1024:>10.0f} {g / 1024:>10.0f} {v / g:>9.2f}x")
PY
