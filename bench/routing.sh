#!/usr/bin/env bash
# Routing benchmark: the cost of RULES (10,000) routing rules per connection, vtool vs v2ray, same run.
# A generated config puts RULES field rules in front of a socks inbound and freedom/blackhole outbounds:
# a realistic mix of domain:/full:/keyword/bare/regexp domains, geosite: lists, geoip: lists, IPv4/IPv6
# CIDRs and ports, with geosite.dat/geoip.dat generated next to it (V2RAY_LOCATION_ASSET; Debian ships
# none). Each proxy then carries CONNS socks connections, one after another, to a loopback origin that
# sends one byte and closes, for two destinations:
#   domain, last rule: "localhost", which only the last rule (full:localhost) matches
#   IP, no rule:       127.0.0.1, which no rule matches (the default outbound)
# and once more with no rules at all. Reported per proxy: CPU µs per connection (utime+stime from /proc,
# after WARM connections of the same kind), the routing cost (with rules minus without), start-up until
# listening with the rules, and RSS.
# Usage: bench/routing.sh          (env: RULES=10000 CONNS=3000 WARM=1500; smoke: RULES=500 CONNS=200 WARM=100)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
RULES="${RULES:-10000}"
CONNS="${CONNS:-3000}"
WARM="${WARM:-1500}"

mkdir -p "$work/assets"
python3 - "$work" "$RULES" <<'PY'
import json, random, sys
work, rules = sys.argv[1], int(sys.argv[2])
rnd = random.Random(16)

def varint(v):
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        out.append(b | (0x80 if v else 0))
        if not v:
            return bytes(out)
def field(num, data):  # length-delimited
    return varint(num << 3 | 2) + varint(len(data)) + data
def vfield(num, v):
    return varint(num << 3) + varint(v)

# geosite.dat: LISTS lists of 1,000 entries (domain, full, a few plain keywords and regexps), as the
# community lists mix them; geoip.dat: LISTS codes of 500 IPv4 networks each (none in 127/8).
LISTS = 50
sites = b""
for n in range(LISTS):
    entries = b""
    for k in range(1000):
        if k < 900:
            kind, value = 2, "g%d-%d.site%d.com" % (n, k, k % 13)
        elif k < 990:
            kind, value = 3, "www.g%d-%d.site.net" % (n, k)
        elif k < 998:
            kind, value = 0, "gkw%dx%d" % (n, k)
        else:
            kind, value = 1, r"^gre%d-%d\.site\.org$" % (n, k)
        entries += field(2, vfield(1, kind) + field(2, value.encode()))
    sites += field(1, field(1, ("LIST%d" % n).encode()) + entries)
open(work + "/assets/geosite.dat", "wb").write(sites)
ips = b""
for n in range(LISTS):
    cidrs = b""
    for k in range(500):
        a = bytes([rnd.choice([1, 20, 45, 61, 100, 172, 203]), rnd.randrange(256), rnd.randrange(256), 0])
        cidrs += field(2, field(1, a) + vfield(2, rnd.choice([16, 20, 24])))
    ips += field(1, field(1, ("C%d" % n).encode()) + cidrs)
open(work + "/assets/geoip.dat", "wb").write(ips)

r = []
for i in range(rules - 1):
    m = i % 10
    if i % 200 == 5:
        rule = {"domain": ["geosite:list%d" % ((i // 200) % LISTS)], "outboundTag": "alt"}
    elif i % 200 == 6:
        rule = {"ip": ["geoip:c%d" % ((i // 200) % LISTS)], "outboundTag": "alt"}
    elif i % 100 == 4:
        rule = {"domain": [r"regexp:^re%d\.example\.org$" % i], "outboundTag": "block"}
    elif i % 100 == 9:
        rule = {"port": "%d" % (1000 + i % 5000), "network": "udp", "outboundTag": "block"}
    elif m in (0, 1, 2):
        rule = {"domain": ["domain:s%d.example%d.com" % (i, i % 7), "full:f%d.example.net" % i], "outboundTag": "block"}
    elif m == 3:
        rule = {"domain": ["keyword:kw%dz" % i, "bare%dq" % i], "outboundTag": "alt"}
    elif m == 4:
        rule = {"domain": ["domain:d%d.example.org" % i], "port": "443", "outboundTag": "alt"}
    elif m == 9:
        rule = {"ip": ["10.%d.%d.0/24" % (i % 256, i // 256 % 256)], "port": "8443", "outboundTag": "alt"}
    else:
        rule = {"ip": ["10.%d.%d.0/24" % (i // 256 % 256, i % 256), "2001:db8:%x::/48" % i], "outboundTag": "block"}
    rule["type"] = "field"
    r.append(rule)
r.append({"type": "field", "domain": ["full:localhost"], "outboundTag": "direct-last"})

def config(port, with_rules):
    return {"log": {"loglevel": "none"},
            "inbounds": [{"listen": "127.0.0.1", "port": port, "protocol": "socks",
                          "settings": {"auth": "noauth", "udp": False}}],
            "outbounds": [{"tag": "direct", "protocol": "freedom"}, {"tag": "block", "protocol": "blackhole"},
                          {"tag": "alt", "protocol": "freedom"}, {"tag": "direct-last", "protocol": "freedom"}],
            "routing": {"rules": r if with_rules else []}}
json.dump({"rules": r, "config": config(0, True)}, open(work + "/rules.json", "w"))
PY

# config WHO PORT with|without: the generated config with the inbound on PORT
config() {
    python3 - "$work" "$2" "$3" > "$work/$1-$3.json" <<'PY'
import json, sys
work, port, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
c = json.load(open(work + "/rules.json"))["config"]
c["inbounds"][0]["port"] = port
if mode == "without":
    c["routing"]["rules"] = []
print(json.dumps(c))
PY
}

# The client: COUNT socks5 connections, one after another, each to an origin that sends one byte and
# closes; the origin (threads on 127.0.0.1 and, when there is one, ::1) runs in the same process.
cat > "$work/conns.py" <<'PY'
import socket, struct, sys, threading
socks, kind, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
def serve(listener):
    while True:
        c, _ = listener.accept()
        c.sendall(b"x")
        c.close()
listeners = []
for fam, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
    try:
        l = socket.socket(fam)
        l.bind((host, 0 if not listeners else listeners[0].getsockname()[1]))
        l.listen(128)
        listeners.append(l)
    except OSError:
        pass
port = listeners[0].getsockname()[1]
for l in listeners:
    threading.Thread(target=serve, args=(l,), daemon=True).start()
if kind == "domain":
    target = b"\x03" + bytes([9]) + b"localhost" + struct.pack(">H", port)
else:
    target = b"\x01" + socket.inet_aton("127.0.0.1") + struct.pack(">H", port)
failed = 0
for _ in range(count):
    s = socket.create_connection(("127.0.0.1", socks), timeout=10)
    try:
        s.sendall(b"\x05\x01\x00")
        s.recv(2)
        s.sendall(b"\x05\x01\x00" + target)
        reply = s.recv(10)
        got = s.recv(1) if reply[:2] == b"\x05\x00" else b""
        failed += got != b"x"
    except OSError:
        failed += 1
    finally:
        s.close()
if failed:
    print("bench: %d of %d connections failed" % (failed, count), file=sys.stderr)
PY

# measure_kind PID PORT KIND: CPU µs per connection of KIND, after WARM of them
measure_kind() {
    local pid=$1 port=$2 kind=$3
    python3 "$work/conns.py" "$port" "$kind" "$WARM"
    local t0; t0=$(cpu_ticks "$pid")
    python3 "$work/conns.py" "$port" "$kind" "$CONNS"
    local t1; t1=$(cpu_ticks "$pid")
    python3 -c "print('%.1f' % (($t1 - $t0) * 1e6 / $hz / $CONNS))"
}

declare -A r
for who in v2ray vtool; do
    for mode in with without; do
        p=$(free_port); config "$who" "$p" "$mode"
        t0=$(date +%s.%N)
        if [ "$who" = v2ray ]; then
            V2RAY_LOCATION_ASSET="$work/assets" v2ray -config "$work/$who-$mode.json" >/dev/null 2>&1 & pid=$!
        else
            V2RAY_LOCATION_ASSET="$work/assets" ./vtool run -c "$work/$who-$mode.json" >/dev/null 2>&1 & pid=$!
        fi
        pids+=($pid)
        wait_port "$p"
        if [ "$mode" = with ]; then
            r[$who-start]=$(python3 -c "import time; print('%.2f' % (time.time() - $t0))")
            r[$who-rss0]=$(( $(rss_kib "$pid") / 1024 ))
        fi
        r[$who-$mode-ip]=$(measure_kind "$pid" "$p" ip)
        r[$who-$mode-domain]=$(measure_kind "$pid" "$p" domain)
        [ "$mode" = with ] && r[$who-rss]=$(( $(rss_kib "$pid") / 1024 ))
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
done

row() { # WHAT VTOOL V2RAY
    python3 -c "import sys; w, v, g = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]); \
print(f'{w:<44} {v:>10.1f} {g:>10.1f} ' + (f'{v / g:>8.2f}x' if g > 0 else f'{\"-\":>9}'))" "$1" "$2" "$3"
}
cost() { python3 -c "print('%.1f' % ($1 - $2))"; }
n=$(printf "%'d" "$RULES" 2>/dev/null || echo "$RULES")
for kind in domain ip; do
    label=$([ $kind = domain ] && echo "domain, last rule" || echo "IP, no rule")
    row "routing, no rules, $kind: CPU µs/conn" "${r[vtool-without-$kind]}" "${r[v2ray-without-$kind]}"
    row "routing, $n rules, $label: µs/conn" "${r[vtool-with-$kind]}" "${r[v2ray-with-$kind]}"
    row "  cost of $n rules, $kind: µs/conn" "$(cost "${r[vtool-with-$kind]}" "${r[vtool-without-$kind]}")" \
        "$(cost "${r[v2ray-with-$kind]}" "${r[v2ray-without-$kind]}")"
done
row "routing, $n rules: run ready, wall s" "${r[vtool-start]}" "${r[v2ray-start]}"
row "routing, $n rules: RSS when ready, MiB" "${r[vtool-rss0]}" "${r[v2ray-rss0]}"
row "routing, $n rules: RSS after the load, MiB" "${r[vtool-rss]}" "${r[v2ray-rss]}"
