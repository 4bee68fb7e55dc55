/**
 * `--inject-overhead <seconds>` (test only): how many rounds of busy work (src/backends/busy-work.ts)
 * make that many seconds on this machine. Each executor task then does those rounds on its worker before
 * its kernel, which adds the same CPU time to every task: per-task overhead o grows by `seconds`.
 */
import type { InjectedOverhead } from '../record/index.js';
import { busyWork } from '../backends/busy-work.js';
import { median } from './calibrate.js';
import { hrClock, type Clock } from './clock.js';

/** A calibration batch lasts at least this long (seconds), so the clock's resolution does not matter. */
const BATCH_SECONDS = 0.01;
/** Batches timed once the batch size is found; their median decides. */
const BATCHES = 5;

/**
 * Rounds of busy work per `seconds` (≥ 0): double a batch until it lasts BATCH_SECONDS, time BATCHES
 * batches of that size (after one warm-up) and take the median time per round. `work` and `clock` are
 * injectable for tests. Throws nothing of its own.
 */
export function calibrateBusyWork(seconds: number, clock: Clock = hrClock, work: (rounds: number) => void = busyWork): InjectedOverhead {
  const timed = (rounds: number) => {
    const start = clock();
    work(rounds);
    return clock() - start;
  };
  let rounds = 1000;
  while (timed(rounds) < BATCH_SECONDS && rounds < 2 ** 40) rounds *= 2;
  const perRound = median(Array.from({ length: BATCHES }, () => timed(rounds) / rounds));
  return { seconds, rounds: seconds > 0 ? Math.max(1, Math.round(seconds / perRound)) : 0, secondsPerRound: perRound };
}
