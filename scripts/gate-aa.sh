#!/usr/bin/env bash
# The gate's A/A figure: N times `parbench gate --against HEAD` on unchanged code (the committed HEAD,
# checked out and built by the gate, against the working tree built from the same commit), counting
# exit codes and verdicts; the goal is no `regressed`. With BUSY=1 a busy loop competes for one core
# the whole time (the figure's second condition).
#
#   scripts/gate-aa.sh [N] [-- <arguments of "parbench run" for one sweep>]
#
# N defaults to 20, the sweep to the workflow's (node scripts/gate-figures.mjs sweep). Each gate's JSON,
# stderr and runs are kept under results/figures/aa-<time>/; the summary is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20}"
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
if [ $# -eq 0 ]; then mapfile -t sweep < <(node scripts/gate-figures.mjs sweep); set -- "${sweep[@]}"; fi
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "gate-aa: the working tree has uncommitted changes; an A/A figure needs the code of HEAD (commit or stash them)" >&2
  exit 2
fi
npm run --silent build
out="results/figures/aa-$(date -u +%Y-%m-%d_%H-%M-%S)${BUSY:+-busy}"
mkdir -p "$out"
if [ "${BUSY:-0}" = 1 ]; then
  node -e 'for (;;) {}' &
  busy=$!
  trap 'kill "$busy"' EXIT
fi
for i in $(seq 1 "$n"); do
  start=$(date +%s)
  code=0
  node dist/src/cli/main.js gate --against HEAD --format json --out "$out/runs-$i" -- "$@" > "$out/gate-$i.json" 2> "$out/gate-$i.log" || code=$?
  seconds=$(( $(date +%s) - start ))
  echo "$i $code $seconds" >> "$out/exits.txt"
  echo "gate-aa: $i/$n: exit $code in $seconds s" >&2
done
node scripts/gate-figures.mjs aa "$out"
