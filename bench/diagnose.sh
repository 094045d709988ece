#!/usr/bin/env bash
# `vtool diagnose` speed and memory: a log of LOG_MB made from the real V2Ray logs in testdata/logs
# (repeated; in a temp dir, deleted at exit) is diagnosed once; prints MB/s of log (per wall second, and per
# CPU second of user+sys, the figure that holds on a shared machine) and the peak RSS.
# V2Ray has no counterpart (its column shows "-"); the goal is >= 200 MB/s in a fixed heap (-Xmx256m here).
# Usage: bench/diagnose.sh            (LOG_MB=512)
set -euo pipefail
cd "$(dirname "$0")/.."
LOG_MB="${LOG_MB:-512}"
source bench/lib.sh

log="$work/diagnose-bench.log"
python3 - "$log" "$LOG_MB" testdata/logs/*.log <<'PY'
import sys
path, mb, sources = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
block = b"".join(open(s, "rb").read().rstrip(b"\n") + b"\n" for s in sources)
with open(path, "wb") as out:
    for _ in range(max(1, (mb << 20) // len(block))):
        out.write(block)
PY
./vtool diagnose --line x >/dev/null 2>&1 || true   # the archive, on first use
bytes=$(stat -c %s "$log")
VTOOL_JAVA_OPTS="-Xmx256m ${VTOOL_JAVA_OPTS:-}" /usr/bin/time -f "%e %M %U %S" -o "$work/diagnose.time" ./vtool diagnose --format json "$log" >/dev/null 2>&1 || true
read -r secs kib user sys < <(tail -n 1 "$work/diagnose.time")
rm -f "$log"
python3 - "$bytes" "$secs" "$kib" "$user" "$sys" <<'PY'
import sys
b, s, k, cpu = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]) + float(sys.argv[5])
print(f"{'diagnose, MB/s of log (' + str(b // 10**6) + ' MB)':<44} {b / 1e6 / s:>10.0f} {'-':>10} {'-':>10}")
print(f"{'diagnose, MB per CPU second (user+sys)':<44} {b / 1e6 / max(cpu, 0.01):>10.0f} {'-':>10} {'-':>10}")
print(f"{'diagnose, peak RSS, MiB':<44} {k / 1024:>10.0f} {'-':>10} {'-':>10}")
PY
