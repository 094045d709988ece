# Shared by the throughput benchmarks (socks-freedom.sh, vmess.sh); sourced from the repo root after
# `set -euo pipefail`. Gives a scratch dir ($work), a kill-everything-on-exit list ($pids), loopback port
# helpers, a local origin server ($origin_port) and per-process CPU/RSS readings from /proc.
# Builds cli/target/vtool.jar if missing and stops early when v2ray is absent.

JAR=cli/target/vtool.jar
work="$(mktemp -d)"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    sleep 0.3
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

[ -f "$JAR" ] || mvn -q -o -pl schema,engine,cli -am package -DskipTests
command -v v2ray >/dev/null || { echo "bench: v2ray not found" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_port() { # PORT [SECONDS]
    for _ in $(seq 1 $(( ${2:-30} * 20 ))); do  # 30 s by default: a JVM on a loaded machine
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.05
    done
    echo "bench: nothing listens on $1" >&2; exit 1
}

# The origin streams N MiB from memory (path /N), so the disk never limits the proxies, in writes of
# ORIGIN_WRITE_KIB (default 1024): the write size sets how the bytes arrive at the server-side proxy.
origin_port=$(free_port)
cat > "$work/origin.py" <<'PY'
import http.server, os, sys
WRITE = int(os.environ.get("ORIGIN_WRITE_KIB", "1024")) << 10
CHUNK = bytes(WRITE)
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        mib = int(self.path.strip("/"))
        self.send_response(200)
        self.send_header("Content-Length", str(mib << 20))
        self.end_headers()
        for _ in range((mib << 20) // WRITE):
            self.wfile.write(CHUNK)
    def log_message(self, *a):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
python3 "$work/origin.py" "$origin_port" & pids+=($!)
wait_port "$origin_port"

# CPU ticks (utime+stime) and peak RSS in KiB (VmHWM) of a process; hz ticks make a second.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kib() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }
hz=$(getconf CLK_TCK)

# warm_up SOCKS_PORT MIB: carries MIB through a proxy before it is measured, as 16 sequential downloads
# and then 8 at once. A JIT compiles what it has seen: one long download leaves connection set-up,
# tear-down and the other event-loop threads cold, and the next connections then trigger bursts of
# recompilation (about a CPU second for vtool) inside the measured window. A proxy that has served a
# few dozen connections is the steady state users run in; V2Ray gets the same warm-up.
warm_up() {
    local port=$1 each=$(( $2 / 16 > 0 ? $2 / 16 : 1 )) jobs=()
    for _ in $(seq 1 16); do
        curl -s --noproxy '' --socks5-hostname "127.0.0.1:$port" -o /dev/null "http://127.0.0.1:$origin_port/$each"
    done
    for _ in $(seq 1 8); do
        curl -s --noproxy '' --socks5-hostname "127.0.0.1:$port" -o /dev/null "http://127.0.0.1:$origin_port/$(( each / 4 + 1 ))" &
        jobs+=($!)
    done
    wait "${jobs[@]}"
}
