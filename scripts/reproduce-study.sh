#!/usr/bin/env bash
# Reproduce the seed study's fib and square-array tables here (see docs/python.md).
# Usage: scripts/reproduce-study.sh [--quick] [--repeats R] [--workers W] [--tile T] [--json FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build
node dist/src/cli/main.js setup python >&2
exec node scripts/reproduce-study.mjs "$@"
