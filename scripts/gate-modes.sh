#!/usr/bin/env bash
# The gate's two ways of measuring, side by side: N pairs of `parbench gate --against HEAD` on unchanged
# code, one in lockstep (the default) and one with --no-lockstep (whole runs alternating), taking turns
# gate by gate so the machine's moods hit both alike. With INJECT=<seconds> every gate adds that much
# busy work per task to the working tree's runs (--inject-overhead): the sensitivity of both ways.
# Prints the A/A summary of each way (verdicts, interval widths, noise floors, time per gate).
#
#   scripts/gate-modes.sh [N] [-- <arguments of "parbench run" for one sweep>]
#
# N defaults to 20, the sweep to the workflow's. Everything is kept under results/figures/modes-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/gate-lib.sh
gate_setup gate-modes "$@"
out="results/figures/modes-$(date -u +%Y-%m-%d_%H-%M-%S)${INJECT:+-inject-$INJECT}"
inject=()
[ -n "${INJECT:-}" ] && inject=(--inject-overhead "$INJECT")
for i in $(seq 1 "$n"); do
  gate_once "gate-modes lockstep" "$out/lockstep" "$i" "${inject[@]}"
  gate_once "gate-modes alternating" "$out/alternating" "$i" --no-lockstep "${inject[@]}"
done
for mode in lockstep alternating; do
  if [ -n "${INJECT:-}" ]; then node scripts/gate-figures.mjs sensitivity "$out/$mode" "$INJECT"; else node scripts/gate-figures.mjs aa "$out/$mode"; fi
done
