# Shared by the throughput benchmarks (socks-freedom.sh, vmess.sh, transports.sh, trojan-vless.sh);
# sourced from the repo root after `set -euo pipefail`. Gives a scratch dir ($work), a kill-everything-on-exit
# list ($pids), loopback port helpers, a local origin server ($origin_port) and per-process CPU/RSS readings
# from /proc.
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

# --- a proxy pair measured as client and server process (bench/transports.sh) ---------------------

# start_proxy IMPL NAME CONFIG: starts vtool (through ./vtool, the JVM options users get), v2ray or
# trojan (trojan-gfw, $TROJAN_BIN or trojan on PATH, its own JSON config) on $work/CONFIG, output to
# $work/NAME.log; prints the pid. Another implementation comes from the calling script's function
# start_IMPL NAME CONFIG, which starts it in the background (bench/ss.sh: libev).
start_proxy() {
    if declare -F "start_$1" >/dev/null; then
        "start_$1" "$2" "$3"
    else
        case "$1" in
            vtool) ./vtool run -c "$work/$3" >"$work/$2.log" 2>&1 & ;;
            trojan) "${TROJAN_BIN:-trojan}" -c "$work/$3" >"$work/$2.log" 2>&1 & ;;
            *) v2ray -config "$work/$3" >"$work/$2.log" 2>&1 & ;;
        esac
    fi
    echo $!
}

# fetch_via SOCKS_PORT MIB: one download of MIB from the origin through a socks proxy; prints the bytes received
fetch_via() {
    curl -s --noproxy '' --socks5-hostname "127.0.0.1:$1" -o /dev/null -w '%{size_download}' \
        "http://127.0.0.1:$origin_port/$2"
}

# measure_pair IMPL LABEL SERVER_CONFIG SERVER_PORT CLIENT_CONFIG CLIENT_PORT: starts the server and the
# client proxy, warms them up (WARM_MIB), then measures ROUNDS downloads of SIZE_MIB one at a time
# ("single") and STREAMS downloads of STREAM_MIB at once ("xN"). Appends one row per case to
# $work/results: impl label case Gbit/s client-CPU-s/GiB server-CPU-s/GiB client-RSS-MiB server-RSS-MiB.
# The CPU of each process is its own utime+stime; a proxy that did not deliver every byte stops the run.
measure_pair() {
    local impl=$1 label=$2 spid cpid
    spid=$(start_proxy "$impl" "$impl-$label-server" "$3"); pids+=($spid)
    wait_port "$4"
    cpid=$(start_proxy "$impl" "$impl-$label-client" "$5"); pids+=($cpid)
    wait_port "$6"
    warm_up "$6" "$WARM_MIB"
    local t0 t1 cc0 sc0 cc1 sc1 bytes i jobs=()
    cc0=$(cpu_ticks "$cpid"); sc0=$(cpu_ticks "$spid"); t0=$(date +%s.%N)
    for _ in $(seq 1 "$ROUNDS"); do
        bytes=$(fetch_via "$6" "$SIZE_MIB")
        [ "$bytes" = $((SIZE_MIB << 20)) ] || { echo "bench: $impl $label delivered $bytes bytes (logs: $work)" >&2; tail -5 "$work/$impl-$label-"*.log >&2; exit 1; }
    done
    t1=$(date +%s.%N); cc1=$(cpu_ticks "$cpid"); sc1=$(cpu_ticks "$spid")
    pair_row "$impl" "$label" single "$t0" "$t1" "$cc0" "$cc1" "$sc0" "$sc1" $((SIZE_MIB * ROUNDS)) "$cpid" "$spid"
    cc0=$(cpu_ticks "$cpid"); sc0=$(cpu_ticks "$spid"); t0=$(date +%s.%N)
    for i in $(seq 1 "$STREAMS"); do
        fetch_via "$6" "$STREAM_MIB" > "$work/par.$i" & jobs+=($!)
    done
    for i in "${jobs[@]}"; do wait "$i"; done
    t1=$(date +%s.%N); cc1=$(cpu_ticks "$cpid"); sc1=$(cpu_ticks "$spid")
    for i in $(seq 1 "$STREAMS"); do
        [ "$(cat "$work/par.$i")" = $((STREAM_MIB << 20)) ] \
            || { echo "bench: $impl $label stream $i delivered $(cat "$work/par.$i") bytes" >&2; exit 1; }
    done
    pair_row "$impl" "$label" "x$STREAMS" "$t0" "$t1" "$cc0" "$cc1" "$sc0" "$sc1" $((STREAM_MIB * STREAMS)) "$cpid" "$spid"
    kill "$cpid" "$spid"; wait "$cpid" "$spid" 2>/dev/null || true
}

# pair_row IMPL LABEL CASE T0 T1 CLIENT0 CLIENT1 SERVER0 SERVER1 MIB CPID SPID: one row of measure_pair
pair_row() {
    python3 - "${@:1:10}" "$hz" "$(rss_kib "${11}")" "$(rss_kib "${12}")" <<'PY' >> "$work/results"
import sys
impl, label, case, t0, t1, c0, c1, s0, s1, mib, hz, rc, rs = sys.argv[1:]
gib = int(mib) / 1024
secs = float(t1) - float(t0)
cc = (int(c1) - int(c0)) / int(hz) / gib
sc = (int(s1) - int(s0)) / int(hz) / gib
print(f"{impl}\t{label}\t{case}\t{gib / secs * 8:.2f}\t{cc:.2f}\t{sc:.2f}\t{int(rc) / 1024:.0f}\t{int(rs) / 1024:.0f}")
PY
}
