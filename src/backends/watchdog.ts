/**
 * Detects a hung executor without reading a clock: every tick it checks whether any task completed
 * since the previous tick while tasks were in flight; after enough stalled ticks it fires once.
 */
export class Watchdog {
  private inFlight = 0;
  private completed = 0;
  private seen = 0;
  private stalledTicks = 0;
  private readonly timer: NodeJS.Timeout | undefined;

  /**
   * `onStall` fires once after about `timeoutSeconds` (s) with tasks in flight and none completed,
   * checked every `tickSeconds` (s, default a quarter of the timeout, at most 1). A timeout ≤ 0
   * disables it. The timer does not keep the process alive.
   */
  constructor(timeoutSeconds: number, onStall: () => void, tickSeconds = Math.min(1, timeoutSeconds / 4)) {
    if (timeoutSeconds <= 0) return;
    const limit = Math.ceil(timeoutSeconds / tickSeconds);
    this.timer = setInterval(() => {
      if (this.inFlight === 0 || this.completed !== this.seen) {
        this.seen = this.completed;
        this.stalledTicks = 0;
        return;
      }
      if (++this.stalledTicks >= limit) {
        this.stop();
        onStall();
      }
    }, tickSeconds * 1000);
    this.timer.unref();
  }

  /** A task was submitted. */
  started(): void {
    this.inFlight++;
  }

  /** A task settled (result or error). */
  finished(): void {
    this.inFlight--;
    this.completed++;
  }

  /** Stop checking; onStall will not fire. Idempotent. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
