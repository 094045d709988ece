#!/usr/bin/env bash
# Runs action.yml and .pre-commit-hooks.yaml the way GitHub Actions and pre-commit run them, offline, on a
# scratch git repository with a good config, a changed broken one and an unchanged broken one.
#   VTOOL  the vtool command under test (default: the launcher at the repository root)
# Exit 0 when every expectation holds; prints what differs otherwise.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export VTOOL="${VTOOL:-$root/vtool}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail=0
expect() { # expect NAME WANTED_EXIT ACTUAL_EXIT OUTPUT_FILE PATTERN [ABSENT_PATTERN]
    if [ "$2" != "$3" ] || { [ -n "$5" ] && ! grep -q -- "$5" "$4"; } || { [ -n "${6:-}" ] && grep -q -- "$6" "$4"; }; then
        echo "FAIL $1: exit $3 (wanted $2), output:"; sed 's/^/  /' "$4"; fail=1
    else
        echo "ok   $1"
    fi
}

cd "$work"
git init -q -b main repo && cd repo
git config user.email ci@example.org && git config user.name ci
good='{"inbounds": [{"listen": "127.0.0.1", "port": 1080, "protocol": "socks", "settings": {"auth": "noauth"}}],
 "outbounds": [{"protocol": "freedom"}]}'
printf '%s\n' "$good" > good.json
printf '{"outbounds": [{"protocol": "vmss"}]}\n' > old-broken.json
git add . && git commit -q -m base
printf '{"outbounds": [{"protocol": "freedum"}]}\n' > changed.json
printf '%s\n' "$good" | sed 's/1080/1081/' > good.json
git add . && git commit -q -m change

# GitHub Actions: each composite step's `run` with bash -e -o pipefail, inputs at their defaults.
python3 - "$root/action.yml" > "$work/steps.sh" <<'PY'
import re, shlex, sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
defaults = {k: str(v.get("default", "")) for k, v in action.get("inputs", {}).items()}
sub = lambda s: re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: defaults[m.group(1)], str(s))
assert action["runs"]["using"] == "composite"
for step in action["runs"]["steps"]:
    env = " ".join(f"{k}={shlex.quote(sub(v))}" for k, v in step.get("env", {}).items())
    print(f"env {env} bash --noprofile --norc -eo pipefail -c {shlex.quote(sub(step['run']))}")
PY
set +e
GITHUB_ACTION_PATH="$root" GITHUB_WORKSPACE="$PWD" bash "$work/steps.sh" > "$work/action.out" 2>&1
code=$?
set -e
expect "action.yml annotates the changed broken config" 1 "$code" "$work/action.out" \
    '^::error file=changed.json,line=1,col=[0-9]*,title=vtool unknown-protocol::' 'old-broken.json'

# pre-commit: language script runs <hook repo>/<entry> with the hook's args and the staged files of its types.
python3 - "$root/.pre-commit-hooks.yaml" > "$work/hooks.tsv" <<'PY'
import sys, yaml
for h in yaml.safe_load(open(sys.argv[1])):
    assert h["language"] == "script" and h["types"] == ["json"], h
    print(h["id"] + "\t" + h["entry"])
PY
while IFS=$'\t' read -r id entry; do
    read -r -a words <<<"$entry"
    cmd="$root/${words[0]}"; [ "${words[0]}" = vtool ] && cmd="$VTOOL"
    for case in pass fail; do
        if [ "$case" = pass ]; then files=(good.json); else files=(changed.json); fi
        [ "$id" = vtool-fmt ] && [ "$case" = pass ] && $VTOOL fmt --write good.json >/dev/null
        set +e
        # shellcheck disable=SC2086
        $cmd "${words[@]:1}" "${files[@]}" > "$work/$id.$case.out" 2>&1
        code=$?
        set -e
        if [ "$case" = pass ]; then
            expect "$id passes good.json" 0 "$code" "$work/$id.$case.out" ''
        elif [ "$id" = vtool-lint ]; then
            expect "$id fails changed.json" 1 "$code" "$work/$id.$case.out" 'title=vtool unknown-protocol'
        else
            expect "$id fails unformatted changed.json" 1 "$code" "$work/$id.$case.out" '^+++ changed.json (formatted)'
        fi
    done
done < "$work/hooks.tsv"
exit "$fail"
