import { describe, expect, it } from 'vitest';
import { explainsWallTime, PHASES, TimeAccount } from '../../src/runner/time-account.js';
import { timeAccountingSchema } from '../../src/record/schedule-schema.js';

/** A synthetic clock the test moves by hand (seconds). */
function manualClock(start = 100) {
  let t = start;
  return { clock: () => t, advance: (s: number) => void (t += s) };
}

describe('TimeAccount', () => {
  it('adds the elapsed seconds of synchronous measurements to their phase and returns their value', () => {
    const { clock, advance } = manualClock();
    const account = new TimeAccount(clock);
    const value = account.measure('calibration', () => {
      advance(0.3);
      return 42;
    });
    expect(value).toBe(42);
    account.measure('calibration', () => advance(0.2));
    expect(account.get('calibration')).toBeCloseTo(0.5, 12);
  });

  it('times async measurements until they settle, and counts a throw too', async () => {
    const { clock, advance } = manualClock();
    const account = new TimeAccount(clock);
    await account.measure('startup', async () => {
      await Promise.resolve();
      advance(0.1);
    });
    await expect(
      account.measure('samples', async () => {
        advance(0.25);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(() =>
      account.measure('writing', () => {
        advance(0.05);
        throw new Error('disk');
      }),
    ).toThrow('disk');
    expect(account.get('startup')).toBeCloseTo(0.1, 12);
    expect(account.get('samples')).toBeCloseTo(0.25, 12);
    expect(account.get('writing')).toBeCloseTo(0.05, 12);
  });

  it('counts nested time once, in the inner phase', async () => {
    const { clock, advance } = manualClock();
    const account = new TimeAccount(clock);
    await account.measure('samples', async () => {
      advance(1);
      account.measure('verification', () => advance(0.2));
      advance(1);
      await account.measure('verification', async () => advance(0.3));
    });
    expect(account.get('samples')).toBeCloseTo(2, 12);
    expect(account.get('verification')).toBeCloseTo(0.5, 12);
    const summary = account.summary();
    expect(summary.wallSeconds).toBeCloseTo(2.5, 12);
    expect(summary.unaccountedSeconds).toBeCloseTo(0, 12);
  });

  it('takes seconds added inside a measurement out of it', () => {
    const { clock, advance } = manualClock();
    const account = new TimeAccount(clock);
    account.measure('samples', () => {
      advance(3);
      account.add('calibration', 1);
    });
    account.add('probe', 0.2);
    expect(account.get('samples')).toBeCloseTo(2, 12);
    expect(account.get('calibration')).toBe(1);
    expect(account.get('probe')).toBe(0.2);
    expect(() => account.add('probe', -1)).toThrow(RangeError);
  });

  it('refuses async measurements that overlap without nesting', async () => {
    const { clock } = manualClock();
    const account = new TimeAccount(clock);
    let releaseOuter!: () => void;
    const outer = account.measure('samples', () => new Promise<void>((resolve) => (releaseOuter = resolve)));
    let releaseInner!: () => void;
    const inner = account.measure('writing', () => new Promise<void>((resolve) => (releaseInner = resolve)));
    releaseOuter();
    await expect(outer).rejects.toThrow(/must nest/);
    releaseInner();
    await inner;
    expect(account.get('samples')).toBe(0);
    account.measure('probe', () => undefined);
    expect(account.summary().phases.probe).toBe(0);
  });

  it('summarises every phase, the unaccounted time and its fraction, in the record\'s shape', () => {
    const { clock, advance } = manualClock();
    const account = new TimeAccount(clock);
    account.measure('reference', () => advance(4));
    advance(1);
    const summary = account.summary(10);
    expect(Object.keys(summary.phases)).toEqual([...PHASES]);
    expect(summary.phases.reference).toBe(4);
    expect(summary.phases.writing).toBe(0);
    expect(summary.unaccountedSeconds).toBe(6);
    expect(summary.unaccountedFraction).toBeCloseTo(0.6, 12);
    expect(explainsWallTime(summary)).toBe(false);
    expect(explainsWallTime(account.summary(4.1))).toBe(true);
    expect(account.summary().wallSeconds).toBe(5);
    expect(account.summary(0).unaccountedFraction).toBe(0);
    expect(timeAccountingSchema.parse(summary)).toEqual(summary);
  });
});
