/** Machine and code metadata for the run record, so runs from different machines can be compared. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, arch, cpus, hostname, release, totalmem, type } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineFingerprint, type MachineInfo } from '../record/index.js';

function physicalCores(): number | null {
  try {
    const text = readFileSync('/proc/cpuinfo', 'utf8');
    const cores = new Set<string>();
    for (const block of text.split(/\n\s*\n/)) {
      const physical = /^physical id\s*:\s*(\d+)/m.exec(block)?.[1];
      const core = /^core id\s*:\s*(\d+)/m.exec(block)?.[1];
      if (physical !== undefined && core !== undefined) cores.add(`${physical}:${core}`);
    }
    return cores.size > 0 ? cores.size : null;
  } catch {
    return null;
  }
}

/** This machine's CPU model, cores (logical, physical where known, available), memory in bytes, OS, Node/V8 versions and their fingerprint. */
export function machineInfo(): MachineInfo {
  const cpuList = cpus();
  const identity = {
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    logicalCores: cpuList.length,
    physicalCores: physicalCores(),
    availableParallelism: availableParallelism(),
    memoryBytes: totalmem(),
    os: `${type()} ${release()}`,
    arch: arch(),
    node: process.versions.node,
    v8: process.versions.v8,
  };
  return { hostname: hostname(), ...identity, fingerprint: machineFingerprint(identity) };
}

/**
 * The commit of the parbench checkout being run, and whether tracked files have uncommitted changes.
 * Both null when git or a repository is not there; throws nothing.
 */
export function gitInfo(): { commit: string | null; dirty: boolean | null } {
  const cwd = dirname(fileURLToPath(import.meta.url));
  const git = (...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = git('rev-parse', 'HEAD');
    const dirty = git('status', '--porcelain', '--untracked-files=no').length > 0;
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}
