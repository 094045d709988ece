#!/usr/bin/env bash
# DNS benchmark: A lookups per second through each proxy's built-in DNS, vtool vs v2ray, same run.
# Each proxy runs the same config: a dokodemo-door on a UDP port routed to the dns outbound, which answers
# A queries from the built-in DNS; its one server is a local dnsmasq (no upstream, no cache of its own).
#   cache hit:  the same name over and over (answered from the built-in DNS's cache)
#   cache miss: a new name every query (each one goes on to dnsmasq)
# A small Python client keeps WINDOW queries in flight for SECONDS and counts answers.
# Each measurement follows WARMUP seconds of the same load (a JIT needs it; v2ray gets the same).
# Usage: bench/dns.sh            (env: SECONDS_EACH=5 WINDOW=32 WARMUP=4)
# Builds cli/target/vtool.jar if missing. Loopback only; every process it starts is killed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
command -v dnsmasq >/dev/null || command -v /usr/sbin/dnsmasq >/dev/null || { echo "bench: dnsmasq not found" >&2; exit 2; }
DNSMASQ=$(command -v dnsmasq || echo /usr/sbin/dnsmasq)
SECONDS_EACH="${SECONDS_EACH:-5}"
WINDOW="${WINDOW:-32}"
WARMUP="${WARMUP:-4}"

dns_port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"$DNSMASQ" --conf-file=/dev/null --port="$dns_port" --listen-address=127.0.0.1 --bind-interfaces --no-resolv \
    --no-hosts --address=/example.test/10.0.0.1 --local-ttl=600 --cache-size=0 --keep-in-foreground \
    --pid-file="$work/dnsmasq.pid" --log-facility="$work/dnsmasq.log" & pids+=($!)
sleep 0.5

config() { # NAME PORT
    cat > "$work/$1.json" <<JSON
{"log": {"loglevel": "none"},
 "dns": {"servers": [{"address": "127.0.0.1", "port": $dns_port}]},
 "inbounds": [{"tag": "dns-in", "listen": "127.0.0.1", "port": $2, "protocol": "dokodemo-door",
               "settings": {"address": "127.0.0.1", "port": $dns_port, "network": "tcp,udp"}}],
 "routing": {"rules": [{"type": "field", "inboundTag": ["dns-in"], "outboundTag": "dns-out"}]},
 "outbounds": [{"protocol": "freedom"}, {"tag": "dns-out", "protocol": "dns"}]}
JSON
}

cat > "$work/load.py" <<'PY'
import random, socket, struct, sys, time
port, mode, seconds, window, warmup = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.connect(("127.0.0.1", port))
s.settimeout(2.0)
run_id = random.randrange(1 << 30)
def query(i):
    name = "hit.example.test" if mode == "hit" else "m%d-%d.example.test" % (run_id, i)
    q = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"
    return struct.pack(">HHHHHH", i & 0xFFFF, 0x0100, 1, 0, 0, 0) + q + struct.pack(">HH", 1, 1)
def run(seconds):
    """Keeps `window` queries in flight for `seconds`; returns the answers counted."""
    global i
    answered = inflight = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        while inflight < window:
            s.send(query(i)); i += 1; inflight += 1
        try:
            s.recv(512); answered += 1; inflight -= 1
        except socket.timeout:
            inflight = 0   # lost answers: start a new window
    while inflight > 0:    # drain, so the next run starts clean
        try:
            s.recv(512); inflight -= 1
        except socket.timeout:
            break
    return answered
i = 0
# warm-up, the same for both proxies: fills the cache for "hit" and lets a JIT compile the path
run(warmup)
answered = run(seconds)
print("%.0f" % (answered / seconds))
PY

declare -A rate
for who in v2ray vtool; do
    p=$(free_port); config "$who" "$p"
    if [ "$who" = v2ray ]; then
        v2ray -config "$work/v2ray.json" >/dev/null 2>&1 & pid=$!
    else
        ./vtool run -c "$work/vtool.json" >/dev/null 2>&1 & pid=$!
    fi
    pids+=($pid)
    wait_port "$p"
    for mode in hit miss; do
        rate[$who-$mode]=$(python3 "$work/load.py" "$p" "$mode" "$SECONDS_EACH" "$WINDOW" "$WARMUP")
    done
    kill "$pid" 2>/dev/null || true
done

printf '%-28s %12s %12s\n' "A lookups/s (window $WINDOW)" "cache hit" "cache miss"
for who in vtool v2ray; do
    printf '%-28s %12s %12s\n' "$who" "${rate[$who-hit]}" "${rate[$who-miss]}"
done
printf '%-28s %12s %12s\n' "ratio vtool/v2ray" \
    "$(python3 -c "print('%.2f' % (${rate[vtool-hit]} / max(1, ${rate[v2ray-hit]})))")" \
    "$(python3 -c "print('%.2f' % (${rate[vtool-miss]} / max(1, ${rate[v2ray-miss]})))")"
