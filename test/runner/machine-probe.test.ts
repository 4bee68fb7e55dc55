import { describe, expect, it } from 'vitest';
import { parseProcStat, probeMachine, probeVerdict, spinStats } from '../../src/runner/machine-probe.js';

/** A clock that advances by the given steps, one per read after the first (which reads 0). */
function steppingClock(steps: number[]): () => number {
  let t = 0;
  let i = -1;
  return () => {
    if (i >= 0) t += steps[i % steps.length]!;
    i += 1;
    return t;
  };
}

function procStats(...texts: string[]): () => string {
  let i = 0;
  return () => texts[i++]!;
}

describe('probeMachine', () => {
  it('reads steal and busy from /proc/stat around the spin test and times the slices with the clock', () => {
    const probe = probeMachine({
      clock: steppingClock([0.25, 0.25, 0.25, 0.25, 0.75]),
      readProcStat: procStats('cpu  100 0 100 700 0 0 0 100 0 0\ncpu0 1 2 3\n', 'cpu  200 0 200 1300 0 0 0 300 0 0\n'),
      loadAverage: () => [0.5, 0.4, 0.3],
      cores: 2,
      durationSeconds: 1,
      slice: () => {},
    });
    expect(probe).toEqual({
      durationSeconds: 1.75,
      loadAverage: [0.5, 0.4, 0.3],
      cores: 2,
      cpuBusy: 0.4,
      cpuSteal: 0.2,
      spin: { slices: 5, medianSeconds: 0.25, robustCv: 0, maxOverMedian: 3 },
      verdict: 'busy',
      reasons: ['CPU steal 20% > 5%'],
    });
  });

  it('gives null fractions without /proc/stat and judges a quiet machine quiet', () => {
    const probe = probeMachine({ clock: steppingClock([0.125]), readProcStat: () => null, loadAverage: () => [1.2, 1, 1], cores: 2, durationSeconds: 1.25, slice: () => {} });
    expect(probe.cpuBusy).toBeNull();
    expect(probe.cpuSteal).toBeNull();
    expect(probe.spin.slices).toBe(10);
    expect(probe.verdict).toBe('quiet');
    expect(probe.reasons).toEqual([]);
  });
});

describe('the probe rules', () => {
  const spin = { slices: 9, medianSeconds: 1e-5, robustCv: 0.02, maxOverMedian: 1.5 };
  it('fires on others\' CPU, load beyond our own and a spread spin test, each with a phrase', () => {
    const verdict = probeVerdict({ durationSeconds: 0.2, loadAverage: [3.5, 2, 1], cores: 2, cpuBusy: 0.9, cpuSteal: 0.01, spin: { ...spin, robustCv: 0.3 } });
    expect(verdict).toEqual({
      verdict: 'busy',
      reasons: [
        'other programs used 40% of the CPUs (> 25%)',
        'load average 3.50 on 2 cores (> 0.5 per core beyond ours)',
        'spin test robust CV 30% > 10%',
      ],
    });
  });

  it('parses the aggregate cpu line, counting iowait as idle', () => {
    expect(parseProcStat('cpu  1 2 3 4 5 6 7 8 9 10\n')).toEqual({ total: 36, idle: 9, steal: 8 });
    expect(parseProcStat('cpu  1 2 3 4\n')).toEqual({ total: 10, idle: 4, steal: 0 });
    expect(parseProcStat('intr 1 2\n')).toBeNull();
  });

  it('summarises slice times robustly', () => {
    expect(spinStats([1, 2, 3, 4, 100])).toEqual({ slices: 5, medianSeconds: 3, robustCv: (1.4826 * 1) / 3, maxOverMedian: 100 / 3 });
    expect(spinStats([])).toEqual({ slices: 0, medianSeconds: 0, robustCv: 0, maxOverMedian: 0 });
  });
});
