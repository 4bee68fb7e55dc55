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
source scripts/gate-lib.sh
gate_setup gate-aa "$@"
out="results/figures/aa-$(date -u +%Y-%m-%d_%H-%M-%S)${BUSY:+-busy}"
if [ "${BUSY:-0}" = 1 ]; then
  node -e 'for (;;) {}' &
  busy=$!
  trap 'kill "$busy"' EXIT
fi
gate_repeat gate-aa "$out"
node scripts/gate-figures.mjs aa "$out"
