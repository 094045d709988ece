#!/usr/bin/env bash
# Start-up, vtool vs v2ray in the same run: `vtool lint` vs `v2ray -test` on the seed client config
# (wall, median of RUNS), and `run` until its port accepts a connection (median of RUNS; a server
# config with one VMess inbound on a free loopback port). vtool goes through ./vtool (its JDK choice,
# archive and options); the archive is made before timing (first use).
# Usage: bench/startup.sh          (RUNS=11; CONFIG=testdata/seed/client.json)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-11}"
CONFIG="${CONFIG:-testdata/seed/client.json}"
source bench/lib.sh

./vtool lint "$CONFIG" >/dev/null 2>&1 || true   # builds the jar and the short commands' archive on first use
./vtool run -test -c testdata/seed/server.json >/dev/null 2>&1 || true   # and run's archive
port=$(free_port)
cat > "$work/startup-server.json" <<JSON
{"log": {"loglevel": "warning", "access": "none"},
 "inbounds": [{"listen": "127.0.0.1", "port": $port, "protocol": "vmess",
   "settings": {"clients": [{"id": "b831381d-6324-4d53-ad4f-8cda48b30811", "alterId": 0}]}}],
 "outbounds": [{"protocol": "freedom", "settings": {}}]}
JSON

python3 - "$RUNS" "$CONFIG" "$port" "$work/startup-server.json" <<'PY'
import socket, statistics, subprocess, sys, time
runs, config, port, server = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]

def wall(cmd):
    t = []
    for _ in range(runs):
        t0 = time.monotonic()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t.append(time.monotonic() - t0)
    return statistics.median(t)

def ready(cmd):
    t = []
    for _ in range(runs):
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while time.monotonic() - t0 < 60:
                s = socket.socket()
                try:
                    s.connect(("127.0.0.1", port))
                    t.append(time.monotonic() - t0)
                    break
                except OSError:
                    time.sleep(0.002)
                finally:
                    s.close()
        finally:
            p.terminate()
            p.wait()
    return statistics.median(t)

rows = [("lint of the seed client config, wall s", wall(["./vtool", "lint", config]),
         wall(["v2ray", "-test", "-config", config])),
        ("run ready (listening), wall s", ready(["./vtool", "run", "-c", server]),
         ready(["v2ray", "-config", server]))]
for name, v, g in rows:
    print(f"{name:<44} {v:>10.3f} {g:>10.3f} {v / g:>9.1f}x")
PY
