/**
 * V8 CPU profiles (`.cpuprofile`, what `node --cpu-prof` writes and Chrome DevTools and speedscope open):
 * checking the shape, self time per function, and which ProfileGroup each sample belongs to. Pure.
 * Format: Chrome DevTools Protocol, Profiler.Profile (nodes with callFrame and children, samples with
 * timeDeltas in microseconds).
 */
import type { FunctionTime, ProfileGroup } from './profile-groups.js';

/** One frame of a V8 profile node. */
export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber?: number;
}

/** A `.cpuprofile`: Profiler.Profile of the DevTools protocol (times in microseconds). */
export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * `value` as a CpuProfile: an object with `nodes` (each an id and a callFrame), `samples` and
 * `timeDeltas` of the same length, numeric startTime and endTime. Throws an Error naming the first
 * field that is wrong.
 */
export function asCpuProfile(value: unknown): CpuProfile {
  const p = value as Partial<CpuProfile> | null;
  if (!p || typeof p !== 'object') throw new Error('a CPU profile is a JSON object');
  if (!Array.isArray(p.nodes) || p.nodes.some((n) => typeof n?.id !== 'number' || typeof n.callFrame?.functionName !== 'string')) throw new Error('a CPU profile needs nodes, each with an id and a callFrame');
  if (!Array.isArray(p.samples) || !Array.isArray(p.timeDeltas) || p.samples.length !== p.timeDeltas.length) throw new Error('a CPU profile needs samples and timeDeltas of equal length');
  if (typeof p.startTime !== 'number' || typeof p.endTime !== 'number') throw new Error('a CPU profile needs numeric startTime and endTime');
  return p as CpuProfile;
}

const IDLE = new Set(['(idle)', 'atomicsWaitLoop', 'awaitEpoch']);
const UNTIMED_SUITE_PARTS = new Set(['makeInput', 'split', 'combine', 'checksum', 'verify', 'context', 'knobRange']);
const HARNESS_CALLER = /\/src\/runner\/(reference|reference-isolate|reference-worker-entry|calibrate|calibrate-sweep|machine-probe|machine|inject-overhead)\.[jt]s$/;
const HARNESS_FILE = /\/src\/runner\/(plan|schedule|schedule-run|time-account|stopping|measure-point)\.[jt]s$|\/src\/(stats|record|report|config|api|cli)\/|node_modules\/(?!(piscina|tinypool|workerpool|robust-predicates)\/)/;
const LOADING = /^(compile|wrapSafe|compileForInternalLoader|compileSourceTextModule|requireBuiltin|moduleLoader|loadESM)/;
const DISPATCH_FILE = /node_modules\/(piscina|tinypool|workerpool)\/|\/src\/backends\/|\/src\/runner\/execute\.[jt]s$|internal\/worker|internal\/child_process|internal\/per_context\/messageport|internal\/event_target/;
const DISPATCH_NATIVE = new Set(['postMessage', 'receiveMessageOnPort', 'send', 'serialize', 'deserialize']);

/**
 * The group of one sample from its stack (`stack[0]` the leaf, where the self time is, then its
 * callers): idle for `(idle)` and the pools' Atomics.wait loops; harness when parbench's reference,
 * calibration or machine probe is on the stack, for parbench's statistics, record, configuration and
 * command line and its other dependencies (not the pool libraries, nor the suites' robust-predicates),
 * for module loading, and for the
 * suite's untimed parts (input, split, combine, checksum); kernel for other suite code (and hull's
 * robust-predicates); dispatch for the
 * pool libraries, parbench's backends and the main thread's task loop, worker and child-process
 * messaging (and postMessage, serialization on those paths); runtime for everything else (GC, `(program)`,
 * native code, Node internals).
 */
export function classifyStack(stack: readonly CallFrame[]): ProfileGroup {
  const leaf = stack[0]!;
  if (IDLE.has(leaf.functionName)) return 'idle';
  if (stack.some((f) => HARNESS_CALLER.test(f.url)) || HARNESS_FILE.test(leaf.url) || LOADING.test(leaf.functionName)) return 'harness';
  if ((/\/suites\//.test(leaf.url) && !/node_modules/.test(leaf.url)) || /node_modules\/robust-predicates\//.test(leaf.url)) {
    return stack.some((f) => /\/suites\//.test(f.url) && UNTIMED_SUITE_PARTS.has(f.functionName)) ? 'harness' : 'kernel';
  }
  if (DISPATCH_FILE.test(leaf.url)) return 'dispatch';
  if (leaf.url === '' && DISPATCH_NATIVE.has(leaf.functionName)) return 'dispatch';
  return 'runtime';
}

/** A frame's place for tables: `file:line` (package-relative when under dist/ or node_modules/), or `native`. */
export function frameWhere(frame: CallFrame): string {
  if (frame.url === '') return 'native';
  const short = frame.url.replace(/^file:\/\/.*?\/(dist|node_modules)\//, '$1/').replace(/^file:\/\//, '');
  return `${short}:${frame.lineNumber + 1}`;
}

/**
 * Self time per function (seconds) of one thread's profile, with each sample's group from its whole
 * stack (classifyStack), every sample of a `node reference isolate` thread (cpuProfileThread) in the
 * harness: sample i lasts until sample i+1 (the last until endTime), as DevTools counts. One row per
 * function × group. Throws what asCpuProfile throws.
 */
export function cpuProfileTimes(value: unknown, thread: string): FunctionTime[] {
  const profile = asCpuProfile(value);
  const isolate = thread.startsWith('node reference isolate');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const groupOf = new Map<number, ProfileGroup>();
  const rows = new Map<string, FunctionTime>();
  let at = profile.startTime;
  const stamps = profile.timeDeltas.map((d) => (at += d));
  profile.samples.forEach((id, i) => {
    const seconds = Math.max(0, (i + 1 < stamps.length ? stamps[i + 1]! : profile.endTime) - stamps[i]!) / 1e6;
    const node = byId.get(id);
    if (!node) return;
    let group = isolate ? 'harness' : groupOf.get(id);
    if (!group) {
      const stack: CallFrame[] = [];
      for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) stack.push(byId.get(n)!.callFrame);
      group = classifyStack(stack);
      groupOf.set(id, group);
    }
    const pseudo = /^\(.*\)$/.test(node.callFrame.functionName);
    const name = node.callFrame.functionName || '(anonymous)';
    const where = pseudo ? '' : frameWhere(node.callFrame);
    const key = `${name}\u0000${where}\u0000${group}`;
    const row = rows.get(key) ?? { thread, function: name, where, group, seconds: 0 };
    row.seconds += seconds;
    rows.set(key, row);
  });
  return [...rows.values()];
}

/**
 * A thread's name from its profile's scripts and file name (`CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`):
 * `node main`, `node reference isolate`, `node <entry>` (worker-entry, piscina-entry, process-entry …),
 * then `<pid>.<thread id>`. Pure.
 */
export function cpuProfileThread(value: CpuProfile, fileName: string): string {
  const urls = value.nodes.map((n) => n.callFrame.url);
  const entry = urls.map((u) => /\/([a-z-]+)-entry\.js$/.exec(u)?.[1]).find((e) => e !== undefined);
  const role = urls.some((u) => /reference-worker-entry\.js$/.test(u))
    ? 'node reference isolate'
    : entry
      ? `node ${entry}-entry`
      : urls.some((u) => /cli\/main\.js$/.test(u))
        ? 'node main'
        : 'node thread';
  const id = /\.(\d+)\.(\d+)\.\d+\.cpuprofile$/.exec(fileName);
  return id ? `${role} ${id[1]}.${id[2]}` : role;
}
