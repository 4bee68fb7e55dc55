#!/usr/bin/env node
// Per-task cost of thread hand-off primitives on this machine (postMessage, Atomics, spinning,
// self-scheduling). Run with `npm run bench:primitives` (builds first); `--json` prints JSON,
// `--scale <x>` multiplies the task counts, `--repeats <n>` sets repeats (median is reported).
import os from 'node:os';
import { benchPrimitives, formatPrimitives } from '../dist/src/runner/primitives/bench-primitives.js';

const args = process.argv.slice(2);
const value = (flag, fallback) => {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};
const figures = await benchPrimitives({ repeats: value('--repeats', 5), scale: value('--scale', 1) });
if (args.includes('--json')) {
  process.stdout.write(`${JSON.stringify({ machine: { cpu: os.cpus()[0]?.model, cores: os.availableParallelism(), node: process.versions.node }, figures }, null, 2)}\n`);
} else {
  process.stdout.write(`${os.cpus()[0]?.model ?? 'unknown CPU'} · ${os.availableParallelism()} cores · Node ${process.versions.node}\n${formatPrimitives(figures)}\n`);
}
