#!/usr/bin/env bash
# Throughput benchmark: one large download through a socks -> freedom chain, vtool vs v2ray, same run.
# A local origin (python) streams SIZE_MIB of bytes; curl fetches them through each proxy in turn.
# vtool runs through the ./vtool launcher (its `run` JVM options), once per JDK in JAVAS.
# Per proxy it prints throughput, proxy CPU seconds per GiB (utime+stime from /proc) and peak RSS (VmHWM).
#
# Usage: bench/socks-freedom.sh            (SIZE_MIB=1024 ROUNDS=3 by default)
#        JAVAS="/usr/lib/jvm/java-17-openjdk-amd64/bin/java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java" bench/socks-freedom.sh
# Builds cli/target/vtool.jar if missing. Loopback only; every process it starts is killed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB="${SIZE_MIB:-1024}"
ROUNDS="${ROUNDS:-3}"
JAVAS="${JAVAS:-$(for j in /usr/lib/jvm/temurin-25-jdk-amd64/bin/java java; do command -v "$j" && break; done)}"
source bench/lib.sh

config() {
    cat > "$work/$1.json" <<JSON
{"log": {"loglevel": "warning", "access": "none"},
 "inbounds": [{"listen": "127.0.0.1", "port": $2, "protocol": "socks"}],
 "outbounds": [{"protocol": "freedom"}]}
JSON
}

# measure NAME PID PORT: warm-up downloads, then ROUNDS timed downloads of SIZE_MIB each
measure() {
    local name=$1 pid=$2 port=$3
    warm_up "$port" 1024
    local t0 c0 t1 c1 bytes
    c0=$(cpu_ticks "$pid"); t0=$(date +%s.%N)
    for _ in $(seq 1 "$ROUNDS"); do
        bytes=$(curl -s --noproxy '' --socks5-hostname "127.0.0.1:$port" -o /dev/null -w '%{size_download}' \
            "http://127.0.0.1:$origin_port/$SIZE_MIB")
        [ "$bytes" = $((SIZE_MIB << 20)) ] || { echo "bench: $name delivered $bytes bytes" >&2; exit 1; }
    done
    t1=$(date +%s.%N); c1=$(cpu_ticks "$pid")
    local rss
    rss=$(rss_kib "$pid")
    python3 - "$name" "$t0" "$t1" "$c0" "$c1" "$hz" "$SIZE_MIB" "$ROUNDS" "$rss" <<'PY' | tee -a "$work/results"
import sys
name, t0, t1, c0, c1, hz, mib, rounds, rss = sys.argv[1:]
gib = int(mib) * int(rounds) / 1024
secs = float(t1) - float(t0)
cpu = (int(c1) - int(c0)) / int(hz)
print(f"{name}\t{gib / secs * 8:.2f}\t{cpu / gib:.2f}\t{int(rss) / 1024:.0f}")
PY
}

: > "$work/results"
printf '%-34s %12s %14s %12s\n' "proxy" "Gbit/s" "CPU s/GiB" "peak RSS MiB"

p=$(free_port); config v2ray "$p"
v2ray -config "$work/v2ray.json" >/dev/null 2>&1 & v2pid=$!; pids+=($v2pid)
wait_port "$p"
measure "v2ray $(v2ray -version | head -1 | awk '{print $2}')" "$v2pid" "$p" >/dev/null
kill "$v2pid"

for java in $JAVAS; do
    p=$(free_port); config vtool "$p"
    # through the launcher, so vtool runs with the JVM options users get
    VTOOL_JAVA="$java" ./vtool run -c "$work/vtool.json" >/dev/null 2>&1 & vpid=$!; pids+=($vpid)
    wait_port "$p"
    ver=$("$java" -version 2>&1 | head -1 | sed -E 's/.*version "([^"]+)".*/\1/')
    measure "vtool (JDK $ver)" "$vpid" "$p" >/dev/null
    kill "$vpid"
done

awk -F'\t' '{printf "%-34s %12s %14s %12s\n", $1, $2, $3, $4}' "$work/results"
echo
echo "ratios vtool/v2ray (throughput higher is better; CPU and RSS lower is better):"
awk -F'\t' 'NR==1 {t=$2; c=$3; r=$4; next}
            {printf "  %-32s throughput %.2fx  CPU/GiB %.2fx  peak RSS %.2fx\n", $1, $2/t, $3/c, $4/r}' "$work/results"
