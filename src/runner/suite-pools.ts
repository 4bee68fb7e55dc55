/**
 * What a run keeps open across the grains of one suite: the executor pools of its points (one per
 * backend × workers) and its reference isolate. Every suite × grain group after the first loads its
 * task set into pools and an isolate already started, instead of starting them again; both sides of
 * every comparison (the reference and each backend) carry the same history, the suite's earlier grains.
 * Everything kept stays tracked by the run's OpenSet, so a stop closes it at once.
 */
import type { Executor } from '../backends/index.js';
import type { ReferenceHost } from './reference-isolate.js';
import type { OpenSet } from './rounds.js';

/** An executor pool kept for the suite's next group. */
export interface KeptPool {
  executor: Executor;
  /** Its start-up (open + load) in seconds, timed when it was opened. */
  startupSeconds: number;
  /** Target grain (seconds) of the group that opened it. */
  openedFor: number;
}

const key = (backend: string, workers: number) => `${backend}\u0000${workers}`;

/** The pools and the reference isolate kept for the suite being measured (see the module's comment). */
export class SuitePools {
  private suite: string | undefined;
  private readonly pools = new Map<string, KeptPool>();
  private host: ReferenceHost | undefined;

  /** `opened`: the run's OpenSet, which tracks every kept item until it is closed here. */
  constructor(private readonly opened: OpenSet) {}

  /** Start measuring `suite`: what was kept for another suite is closed first. Never rejects. */
  async enter(suite: string): Promise<void> {
    if (this.suite !== suite) await this.closeAll();
    this.suite = suite;
  }

  /** The pool kept for `backend` × `workers`, taken out (the caller keeps or closes it again); undefined when none. */
  take(backend: string, workers: number): KeptPool | undefined {
    const pool = this.pools.get(key(backend, workers));
    this.pools.delete(key(backend, workers));
    return pool;
  }

  /** Keep a pool that ran its group to the end for the suite's next group (a pool kept already under its key is closed). */
  async keep(backend: string, workers: number, pool: KeptPool): Promise<void> {
    const before = this.pools.get(key(backend, workers));
    this.pools.set(key(backend, workers), pool);
    if (before && before.executor !== pool.executor) await this.opened.close(before.executor).catch(() => undefined);
  }

  /** The reference isolate kept for the suite, taken out; undefined when none. */
  takeHost(): ReferenceHost | undefined {
    const host = this.host;
    this.host = undefined;
    return host;
  }

  /** Keep the suite's reference isolate for its next group. */
  async keepHost(host: ReferenceHost): Promise<void> {
    const before = this.host;
    this.host = host;
    if (before && before !== host) await this.opened.close(before).catch(() => undefined);
  }

  /** Close every kept pool and the isolate; resolves when all closes settled. Never rejects. */
  async closeAll(): Promise<void> {
    const items = [...[...this.pools.values()].map((p) => p.executor), ...(this.host ? [this.host] : [])];
    this.pools.clear();
    this.host = undefined;
    this.suite = undefined;
    await Promise.allSettled(items.map((item) => this.opened.close(item)));
  }
}
