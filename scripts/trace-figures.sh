#!/usr/bin/env bash
# The figures of run --trace (docs/trace.md): three runs, then their tables.
#   1. the decomposition of per-task overhead at 1e-6 s for worker, process, piscina, shm and parsl-htex
#      on fib and square, in one run;
#   2. the tracing overhead per task on every Node and Python backend (fib and square at 1e-6 s);
#   3. the size of trace.json for `parbench run fib --n 15 --trace` on the core backends and shm, and the
#      time to load it.
# Usage: scripts/trace-figures.sh [--out DIR] [--quick]   (--quick: 2 repeats and run 3 on two backends, to check it works)
# Run it on a quiet machine: every figure is a timing.
set -euo pipefail
cd "$(dirname "$0")/.."
out=results/trace-figures
quick=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --quick) quick=(--repeats 2 --warmup 1 --precision off); shift ;;
    *) echo "usage: scripts/trace-figures.sh [--out DIR] [--quick]" >&2; exit 2 ;;
  esac
done
npm run --silent build
node dist/src/cli/main.js setup python >&2
mkdir -p "$out"
parbench() { node dist/src/cli/main.js "$@"; }
latest() { ls -td "$1"/*/ | head -1; }

parbench run fib,square --grains 1e-6 --workers 2 --backends worker,process,piscina,shm,parsl-htex --trace --quiet --out "$out/decomposition" "${quick[@]}" >&2
every=sequential,worker,process,piscina,piscina-c16,piscina-atomics-async,piscina-no-atomics,tinypool,workerpool,shm,py-sequential,py-threads,py-processes,parsl-threads,parsl-htex
parbench run fib,square --grains 1e-6 --workers 2 --backends "$every" --trace --quiet --out "$out/overhead" "${quick[@]}" >&2
if [ ${#quick[@]} -gt 0 ]; then
  parbench run fib --n 15 --trace --backends worker,shm --grains 1e-6 --quiet --out "$out/fib15" "${quick[@]}" >&2
else
  # The four core backends and shm at the six default grains (`--backends all` would add every driver's
  # start-ups for minutes without changing what the size figure says about the format).
  parbench run fib --n 15 --trace --backends sequential,worker,process,piscina,shm --quiet --out "$out/fib15" >&2
fi

node scripts/trace-figures.mjs decomposition "$(latest "$out/decomposition")"
node scripts/trace-figures.mjs overhead "$(latest "$out/overhead")"
node scripts/trace-figures.mjs size "$(latest "$out/fib15")"
