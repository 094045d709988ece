#!/usr/bin/env bash
# Lints the V2Ray configs changed since a base commit, as GitHub annotations; used by action.yml.
#   VTOOL_BASE     the commit to compare with (default: origin/$GITHUB_BASE_REF on a pull request, else HEAD~1)
#   VTOOL_CONFIGS  git pathspecs of the configs (default: '*.json')
#   VTOOL_ARGS     more lint options (e.g. --strict)
#   VTOOL          the vtool command (default: the launcher next to this script)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
vtool="${VTOOL:-$here/vtool}"
base="${VTOOL_BASE:-}"
if [ -z "$base" ]; then
    if [ -n "${GITHUB_BASE_REF:-}" ]; then base="origin/$GITHUB_BASE_REF"; else base="HEAD~1"; fi
fi
read -r -a pathspecs <<<"${VTOOL_CONFIGS:-*.json}"
read -r -a extra <<<"${VTOOL_ARGS:-}"
files=()
while IFS= read -r f; do files+=("$f"); done < <(git diff --name-only --diff-filter=ACMR "$base" -- "${pathspecs[@]}")
if [ "${#files[@]}" -eq 0 ]; then
    echo "vtool: no changed configs since $base"
    exit 0
fi
# shellcheck disable=SC2086
exec $vtool lint --format github "${extra[@]}" "${files[@]}"
