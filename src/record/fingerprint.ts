/**
 * The machine fingerprint: the fields of a run's `machine` that decide whether two runs' timings may be
 * compared as if measured on one machine — CPU model, logical and physical cores, CPUs the run could use,
 * memory (whole GiB), OS and architecture, Node and V8. The hostname is not among them (a CI runner
 * has a new one every job). `gate --baseline` refuses a baseline of another fingerprint; `compare`
 * states the differences before any ratio.
 */
import { createHash } from 'node:crypto';

/** The machine fields a fingerprint is made of (a run record's `machine` without hostname and fingerprint). */
export interface MachineIdentity {
  cpuModel: string;
  logicalCores: number;
  physicalCores: number | null;
  availableParallelism: number;
  memoryBytes: number;
  os: string;
  arch: string;
  node: string;
  v8: string;
}

/** One field of a fingerprint: its name as shown to a reader and its value as text. */
export interface FingerprintField {
  name: string;
  value: string;
}

/**
 * The fields of a machine's fingerprint, in the order they are shown: memory in whole GiB (so the few
 * megabytes a kernel update moves do not make another machine). Throws nothing.
 */
export function fingerprintFields(m: MachineIdentity): FingerprintField[] {
  return [
    { name: 'CPU', value: m.cpuModel },
    { name: 'cores (logical/physical)', value: `${m.logicalCores}/${m.physicalCores ?? '?'}` },
    { name: 'CPUs usable', value: String(m.availableParallelism) },
    { name: 'memory', value: `${Math.round(m.memoryBytes / 2 ** 30)} GiB` },
    { name: 'OS', value: `${m.os} ${m.arch}` },
    { name: 'Node / V8', value: `${m.node} / ${m.v8}` },
  ];
}

/** The fingerprint as 12 hex digits: the start of the SHA-256 of its fields (name=value, one a line). Throws nothing. */
export function machineFingerprint(m: MachineIdentity): string {
  const text = fingerprintFields(m)
    .map((f) => `${f.name}=${f.value}`)
    .join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/**
 * What differs between the fingerprints of machines `a` and `b`, one phrase per field
 * (`CPU "AMD EPYC" → "Intel Xeon"`); empty when they are the same machine. Throws nothing.
 */
export function machineDifferences(a: MachineIdentity, b: MachineIdentity): string[] {
  const fb = fingerprintFields(b);
  return fingerprintFields(a).flatMap((f, i) => (f.value === fb[i]!.value ? [] : [`${f.name} ${JSON.stringify(f.value)} → ${JSON.stringify(fb[i]!.value)}`]));
}
