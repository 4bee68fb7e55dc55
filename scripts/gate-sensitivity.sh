#!/usr/bin/env bash
# The gate's sensitivity figure: a known per-task overhead added to the working tree's runs
# (`--inject-overhead`, calibrated busy work before every executor task, recorded in run.json), N gates
# `--against HEAD` for each size, counting how often each series' overhead check says `regressed`. The
# sizes are fractions of the target series' own per-task overhead (SERIES, default "fib worker×2"),
# measured first by one plain run of the sweep: +30% and +100% (2×) by default (FRACTIONS="0.3 1").
# Goal: detected in at least 19 of 20 for the target series.
#
#   scripts/gate-sensitivity.sh [N] [-- <arguments of "parbench run" for one sweep>]
#
# N defaults to 20, the sweep to the workflow's. Everything is kept under results/figures/sensitivity-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/gate-lib.sh
gate_setup gate-sensitivity "$@"
series="${SERIES:-fib worker×2}"
out="results/figures/sensitivity-$(date -u +%Y-%m-%d_%H-%M-%S)"
mkdir -p "$out/reference"
node dist/src/cli/main.js run "${sweep[@]}" --out "$out/reference" --no-color > /dev/null 2> "$out/reference.log"
node dist/src/cli/main.js report "$out/reference/$(ls "$out/reference")" --format json > "$out/reference.json"
o=$(node scripts/gate-figures.mjs overhead "$out/reference.json" "${series%% *}" "${series#* }")
echo "gate-sensitivity: $series: o = $o s per task (reference run)" >&2
for fraction in ${FRACTIONS:-0.3 1}; do
  seconds=$(node -e "console.log(Number((${fraction} * ${o}).toPrecision(3)))")
  gate_repeat "gate-sensitivity +${fraction}×o ($seconds s)" "$out/inject-$fraction" --inject-overhead "$seconds"
  node scripts/gate-figures.mjs sensitivity "$out/inject-$fraction" "$seconds"
done
