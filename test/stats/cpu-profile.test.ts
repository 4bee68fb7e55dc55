// V8 CPU profiles: shape checks, self time per function from sample deltas, and each sample's group
// from its whole stack.
import { describe, expect, it } from 'vitest';
import { asCpuProfile, classifyStack, cpuProfileThread, cpuProfileTimes, type CallFrame, type CpuProfile } from '../../src/stats/cpu-profile.js';

const frame = (functionName: string, url = '', lineNumber = 0): CallFrame => ({ functionName, url, lineNumber, columnNumber: 0 });
const D = 'file:///p/dist';

/** root → main → {run (runner/rounds) → postTask (piscina), kernel (suites), localReference → kernel}; (idle); (garbage collector). */
function profile(): CpuProfile {
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 7, 8] },
      { id: 2, callFrame: frame('main', `${D}/src/cli/main.js`), children: [3, 5, 9] },
      { id: 3, callFrame: frame('repeatLane', `${D}/src/runner/rounds.js`, 9), children: [4] },
      { id: 4, callFrame: frame('postTask', 'file:///p/node_modules/piscina/dist/worker_pool/index.js', 115) },
      { id: 5, callFrame: frame('localReference', `${D}/src/runner/reference.js`), children: [6] },
      { id: 6, callFrame: frame('kernel', `${D}/suites/square.js`, 83) },
      { id: 7, callFrame: frame('(idle)') },
      { id: 8, callFrame: frame('(garbage collector)') },
      { id: 9, callFrame: frame('', `${D}/suites/square.js`, 4) },
    ],
    startTime: 1000,
    // samples at 1000+10=1010, 1030, 1060, 1100, 1150, 1210; end 1300 (µs)
    samples: [4, 6, 7, 4, 8, 9],
    timeDeltas: [10, 20, 30, 40, 50, 60],
    endTime: 1300,
  };
}

describe('cpuProfileTimes', () => {
  it('gives each sample the time to the next one (the last until endTime), summed per function and group', () => {
    const rows = cpuProfileTimes(profile(), 'node main 1.0');
    const seconds = Object.fromEntries(rows.map((r) => [`${r.function} ${r.group}`, Math.round(r.seconds * 1e6)]));
    expect(seconds).toEqual({
      'postTask dispatch': 20 + 50,
      'kernel harness': 30,
      '(idle) idle': 40,
      '(garbage collector) runtime': 60,
      '(anonymous) kernel': 90,
    });
    expect(rows.find((r) => r.function === 'postTask')!.where).toBe('node_modules/piscina/dist/worker_pool/index.js:116');
    expect(rows.find((r) => r.function === '(idle)')!.where).toBe('');
    expect(new Set(rows.map((r) => r.thread))).toEqual(new Set(['node main 1.0']));
  });

  it('puts every sample of a reference isolate in the harness', () => {
    const rows = cpuProfileTimes(profile(), 'node reference isolate 1.2');
    expect(new Set(rows.map((r) => r.group))).toEqual(new Set(['harness']));
    expect(Math.round(rows.reduce((s, r) => s + r.seconds, 0) * 1e6)).toBe(290);
  });

  it('rejects what is not a CPU profile, naming the field', () => {
    expect(() => asCpuProfile(null)).toThrow('a CPU profile is a JSON object');
    expect(() => asCpuProfile({ ...profile(), nodes: [{ id: 1 }] })).toThrow('nodes');
    expect(() => asCpuProfile({ ...profile(), timeDeltas: [1] })).toThrow('samples and timeDeltas of equal length');
    expect(() => asCpuProfile({ ...profile(), endTime: '1' })).toThrow('startTime and endTime');
  });
});

describe('classifyStack', () => {
  it('puts a stack in the group of its leaf, or in the harness when the reference or calibration called it', () => {
    expect(classifyStack([frame('atomicsWaitLoop', 'file:///p/node_modules/piscina/dist/worker.js')])).toBe('idle');
    expect(classifyStack([frame('kernel', `${D}/suites/fib.js`), frame('run', `${D}/src/backends/task-host.js`)])).toBe('kernel');
    expect(classifyStack([frame('xorshift', `${D}/suites/work.js`), frame('combine', `${D}/suites/fib.js`)])).toBe('harness');
    expect(classifyStack([frame('pass', `${D}/src/runner/calibrate.js`)])).toBe('harness');
    expect(classifyStack([frame('quantile', `${D}/src/stats/summary.js`)])).toBe('harness');
    expect(classifyStack([frame('postMessage')])).toBe('dispatch');
    expect(classifyStack([frame('asWorkersReceive', `${D}/src/runner/execute.js`)])).toBe('dispatch');
    expect(classifyStack([frame('(program)')])).toBe('runtime');
    expect(classifyStack([frame('', 'file:///p/node_modules/log-update/index.js')])).toBe('harness');
    expect(classifyStack([frame('orient2d', 'file:///p/node_modules/robust-predicates/esm/orient2d.js'), frame('kernel', `${D}/suites/hull.js`)])).toBe('kernel');
  });
});

describe('cpuProfileThread', () => {
  const withUrl = (url: string): CpuProfile => ({ ...profile(), nodes: [{ id: 1, callFrame: frame('x', url) }] });

  it('names a thread by the entry script it ran and the pid.thread of the file name', () => {
    expect(cpuProfileThread(withUrl(`${D}/src/cli/main.js`), '/d/CPU.20261129.202011.19885.0.001.cpuprofile')).toBe('node main 19885.0');
    expect(cpuProfileThread(withUrl(`${D}/src/backends/piscina-entry.js`), 'CPU.1.2.7.3.004.cpuprofile')).toBe('node piscina-entry 7.3');
    expect(cpuProfileThread(withUrl(`${D}/src/runner/reference-worker-entry.js`), 'CPU.1.2.7.2.003.cpuprofile')).toBe('node reference isolate 7.2');
    expect(cpuProfileThread(withUrl('node:internal/x'), 'other.cpuprofile')).toBe('node thread');
  });
});
