/**
 * A short probe of the machine before a run, outside every measured point: the load average, CPU busy
 * and steal fractions from two reads of /proc/stat around a spin test, and the spin test itself
 * (identical slices of arithmetic timed one by one; their spread rises when other work preempts ours).
 * The verdict `busy` fires on any of the rules below; they are stated in docs/record.md too.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import type { MachineProbe } from '../record/index.js';
import { busyWork } from '../backends/busy-work.js';
import { hrClock, type Clock } from './clock.js';

/** Steal above this fraction of all CPU time makes the machine busy. */
export const BUSY_STEAL = 0.05;
/** Other programs' CPU use (busy fraction minus our one spinning core) above this fraction makes it busy. */
export const BUSY_OTHERS = 0.25;
/** 1-minute load per core, beyond the one runnable task that is ours, above this makes it busy. */
export const BUSY_LOAD_PER_CORE = 0.5;
/** Spin-slice robust CV above this makes it busy. */
export const BUSY_SPIN_CV = 0.1;

/** Cumulative CPU times of the aggregate `cpu` line of /proc/stat, in clock ticks. */
export interface CpuTimes {
  total: number;
  idle: number;
  steal: number;
}

export interface ProbeOptions {
  /** The clock the spin slices are timed with (seconds). */
  clock?: Clock;
  /** Returns the text of /proc/stat, or null where there is none. */
  readProcStat?: () => string | null;
  /** os.loadavg() unless given. */
  loadAverage?: () => number[];
  /** CPUs the load is judged against; os.availableParallelism() unless given. */
  cores?: number;
  /** How long the spin test runs, in seconds (default 0.2). */
  durationSeconds?: number;
  /** One slice of fixed work; a short loop of arithmetic unless given. */
  slice?: () => void;
}

/**
 * The aggregate `cpu` line of /proc/stat as CpuTimes (ticks): idle counts idle and iowait, steal the
 * eighth field (0 on kernels without it). Null when the text holds no such line. Throws nothing.
 */
export function parseProcStat(text: string): CpuTimes | null {
  const line = /^cpu\s+([\d\s]+)$/m.exec(text)?.[1];
  if (!line) return null;
  const fields = line.trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user.
  const used = fields.slice(0, 8);
  const total = used.reduce((a, b) => a + b, 0);
  return { total, idle: (fields[3] ?? 0) + (fields[4] ?? 0), steal: fields[7] ?? 0 };
}

function readSystemProcStat(): string | null {
  try {
    return readFileSync('/proc/stat', 'utf8');
  } catch {
    return null;
  }
}

function defaultSlice(): void {
  busyWork(20_000);
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  if (n === 0) return 0;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** Slice-time statistics: count, median (s), robust CV 1.4826·MAD/median and max/median; zeros for none. */
export function spinStats(times: readonly number[]): MachineProbe['spin'] {
  const sorted = [...times].sort((a, b) => a - b);
  const med = median(sorted);
  if (sorted.length === 0 || med <= 0) return { slices: sorted.length, medianSeconds: med, robustCv: 0, maxOverMedian: 0 };
  const mad = median(sorted.map((t) => Math.abs(t - med)).sort((a, b) => a - b));
  return { slices: sorted.length, medianSeconds: med, robustCv: (1.4826 * mad) / med, maxOverMedian: sorted[sorted.length - 1]! / med };
}

/**
 * The verdict of a probe and the rules that fired (one phrase each), after BUSY_STEAL, BUSY_OTHERS,
 * BUSY_LOAD_PER_CORE and BUSY_SPIN_CV. Fractions in, nothing thrown.
 */
export function probeVerdict(p: Omit<MachineProbe, 'verdict' | 'reasons'>): Pick<MachineProbe, 'verdict' | 'reasons'> {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const reasons: string[] = [];
  if (p.cpuSteal !== null && p.cpuSteal > BUSY_STEAL) reasons.push(`CPU steal ${pct(p.cpuSteal)} > ${pct(BUSY_STEAL)}`);
  const others = p.cpuBusy === null ? null : p.cpuBusy - 1 / p.cores;
  if (others !== null && others > BUSY_OTHERS) reasons.push(`other programs used ${pct(others)} of the CPUs (> ${pct(BUSY_OTHERS)})`);
  const load = Math.max(0, p.loadAverage[0] - 1) / p.cores;
  if (load > BUSY_LOAD_PER_CORE) reasons.push(`load average ${p.loadAverage[0].toFixed(2)} on ${p.cores} cores (> ${BUSY_LOAD_PER_CORE} per core beyond ours)`);
  if (p.spin.robustCv > BUSY_SPIN_CV) reasons.push(`spin test robust CV ${pct(p.spin.robustCv)} > ${pct(BUSY_SPIN_CV)}`);
  return { verdict: reasons.length > 0 ? 'busy' : 'quiet', reasons };
}

function cpuFractions(before: CpuTimes | null, after: CpuTimes | null): { cpuBusy: number | null; cpuSteal: number | null } {
  const total = before && after ? after.total - before.total : 0;
  if (!before || !after || total <= 0) return { cpuBusy: null, cpuSteal: null };
  return { cpuBusy: (total - (after.idle - before.idle)) / total, cpuSteal: (after.steal - before.steal) / total };
}

/**
 * Probe the machine for `durationSeconds` (default 0.2 s): read /proc/stat, time fixed work slices on
 * this thread until the duration has passed (at least 5 slices), read /proc/stat again, and judge
 * (probeVerdict). Times in seconds, fractions of all CPUs. Throws whatever an injected reader throws.
 */
export function probeMachine(options: ProbeOptions = {}): MachineProbe {
  const clock = options.clock ?? hrClock;
  const read = options.readProcStat ?? readSystemProcStat;
  const slice = options.slice ?? defaultSlice;
  const duration = options.durationSeconds ?? 0.2;
  const parse = (text: string | null) => (text === null ? null : parseProcStat(text));
  const before = parse(read());
  const start = clock();
  const times: number[] = [];
  let t = start;
  while (t - start < duration || times.length < 5) {
    slice();
    const next = clock();
    times.push(next - t);
    t = next;
  }
  const after = parse(read());
  const [one = 0, five = 0, fifteen = 0] = (options.loadAverage ?? loadavg)();
  const measured = {
    durationSeconds: t - start,
    loadAverage: [one, five, fifteen] as [number, number, number],
    cores: options.cores ?? availableParallelism(),
    ...cpuFractions(before, after),
    spin: spinStats(times),
  };
  return { ...measured, ...probeVerdict(measured) };
}
