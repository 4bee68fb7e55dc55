// Summing function times by thread and group, and ranking functions with the harness left out.
import { describe, expect, it } from 'vitest';
import { summariseProfile, type FunctionTime } from '../../src/stats/profile-groups.js';

const t = (thread: string, fn: string, group: FunctionTime['group'], seconds: number): FunctionTime => ({ thread, function: fn, where: 'w', group, seconds });

describe('summariseProfile', () => {
  const rows = [t('a', 'kernel', 'kernel', 1), t('b', 'kernel', 'kernel', 2), t('a', '(idle)', 'idle', 4), t('b', 'pass', 'harness', 2), t('b', 'postTask', 'dispatch', 1)];

  it('sums per thread and per group, and ranks the functions outside the harness across threads', () => {
    expect(summariseProfile(rows, 2)).toEqual({
      threads: [
        { thread: 'a', seconds: 5 },
        { thread: 'b', seconds: 5 },
      ],
      totalSeconds: 10,
      groups: [
        { group: 'kernel', seconds: 3, share: 0.3 },
        { group: 'dispatch', seconds: 1, share: 0.1 },
        { group: 'runtime', seconds: 0, share: 0 },
        { group: 'idle', seconds: 4, share: 0.4 },
        { group: 'harness', seconds: 2, share: 0.2 },
      ],
      pointSeconds: 8,
      top: [
        { function: '(idle)', where: 'w', group: 'idle', seconds: 4, share: 0.5, threads: 1 },
        { function: 'kernel', where: 'w', group: 'kernel', seconds: 3, share: 0.375, threads: 2 },
      ],
    });
  });

  it('leaves a function\'s harness samples out of its top row (a kernel the reference ran is not the point\'s)', () => {
    const split = [t('a', 'kernel', 'harness', 5), t('b', 'kernel', 'kernel', 1), t('b', 'postTask', 'dispatch', 2)];
    expect(summariseProfile(split).top).toEqual([
      { function: 'postTask', where: 'w', group: 'dispatch', seconds: 2, share: 2 / 3, threads: 1 },
      { function: 'kernel', where: 'w', group: 'kernel', seconds: 1, share: 1 / 3, threads: 1 },
    ]);
  });

  it('refuses a negative or non-finite time', () => {
    expect(() => summariseProfile([t('a', 'f', 'kernel', -1)])).toThrow(RangeError);
    expect(() => summariseProfile([t('a', 'f', 'kernel', NaN)])).toThrow(RangeError);
  });
});
