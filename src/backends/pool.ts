/**
 * A pool of W message-passing workers, one task in flight per worker, FIFO queue. The `worker` and
 * `process` backends are this pool over two kinds of channel (a worker thread, a forked child).
 */
import { describeError, parbenchError, type ParbenchError } from '../errors.js';
import type { Executor, OpenOptions, TaskMessage } from './backend.js';
import { hostInit, type FromWorker, type HostInit, type ToWorker } from './task-host.js';
import { withinStartup } from './startup.js';
import { Watchdog } from './watchdog.js';

/** One worker as the pool sees it. */
export interface Channel {
  send(msg: ToWorker): void;
  onMessage(handler: (msg: FromWorker) => void): void;
  /** Called when the worker dies or errors outside of close(). */
  onExit(handler: (detail: string) => void): void;
  terminate(): Promise<void>;
}

interface Job {
  id: number;
  task: TaskMessage;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  channel: Channel;
  job: Job | undefined;
}

/**
 * An Executor over W channels: tasks queue FIFO and go to whichever worker is idle, one in flight per
 * worker. A task's error rejects that task with TASK_FAILED; a worker's exit (WORKER_EXITED) or a
 * stall of taskTimeoutSeconds (TASK_TIMEOUT) fails the whole pool, rejecting every pending task;
 * after close, submit rejects with EXECUTOR_CLOSED.
 */
export class MessagePool implements Executor {
  private readonly slots: Slot[] = [];
  private readonly idle: Slot[] = [];
  private queue: Job[] = [];
  private head = 0;
  private nextId = 0;
  private failure: ParbenchError | undefined;
  private closed = false;
  private readonly watchdog: Watchdog;

  private constructor(
    readonly backend: string,
    readonly workers: number,
    timeoutSeconds: number,
  ) {
    this.watchdog = new Watchdog(timeoutSeconds, () => this.fail(parbenchError('TASK_TIMEOUT', backend, timeoutSeconds)));
  }

  /**
   * Spawn `options.workers` channels and load the suite in each; resolves once all are ready. Rejects
   * with WORKER_EXITED when a worker dies while starting, TASK_FAILED when its suite cannot be loaded,
   * STARTUP_TIMEOUT / INTERRUPTED as OpenOptions says (the pool is closed first, every worker killed).
   */
  static async open(backend: string, options: OpenOptions, spawn: () => Channel): Promise<MessagePool> {
    const pool = new MessagePool(backend, options.workers, options.taskTimeoutSeconds);
    const init = hostInit(options);
    try {
      const starting = Promise.all(Array.from({ length: options.workers }, () => pool.start(spawn(), init)));
      await withinStartup(`${backend}: the pool`, starting, options);
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  private start(channel: Channel, init: HostInit): Promise<void> {
    const slot: Slot = { channel, job: undefined };
    this.slots.push(slot);
    return new Promise<void>((ready, failed) => {
      channel.onExit((detail) => {
        const error = parbenchError('WORKER_EXITED', this.backend, detail);
        failed(error);
        this.fail(error);
      });
      channel.onMessage((msg) => {
        if (msg.type === 'ready') {
          this.idle.push(slot);
          ready();
          this.dispatch();
        } else if (msg.type === 'error' && msg.id < 0) {
          failed(parbenchError('TASK_FAILED', this.backend, msg.message));
        } else {
          this.settle(slot, msg);
        }
      });
      channel.send({ type: 'init', init });
    });
  }

  /** Queue one task; see the class comment for how it rejects. */
  submit(task: TaskMessage): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(parbenchError('EXECUTOR_CLOSED', this.backend));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.watchdog.started();
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.head < this.queue.length) {
      const slot = this.idle.pop()!;
      const job = this.queue[this.head++]!;
      slot.job = job;
      slot.channel.send({ type: 'task', id: job.id, task: job.task });
    }
    if (this.head === this.queue.length && this.head > 0) {
      this.queue = [];
      this.head = 0;
    }
  }

  private settle(slot: Slot, msg: FromWorker): void {
    const job = slot.job;
    if (!job || msg.type === 'ready' || msg.id !== job.id) return;
    slot.job = undefined;
    this.idle.push(slot);
    this.watchdog.finished();
    if (msg.type === 'result') job.resolve(msg.value);
    else job.reject(parbenchError('TASK_FAILED', this.backend, msg.message));
    this.dispatch();
  }

  private fail(error: ParbenchError): void {
    if (this.failure || this.closed) return;
    this.failure = error;
    this.rejectAll(error);
    void this.terminateAll();
  }

  private rejectAll(error: Error): void {
    for (const slot of this.slots) {
      slot.job?.reject(error);
      slot.job = undefined;
    }
    for (let i = this.head; i < this.queue.length; i++) this.queue[i]!.reject(error);
    this.queue = [];
    this.head = 0;
  }

  private async terminateAll(): Promise<void> {
    this.watchdog.stop();
    await Promise.all(
      this.slots.map((s) => s.channel.terminate().catch((e: unknown) => describeError(e))),
    );
  }

  /** Reject pending tasks with EXECUTOR_CLOSED and terminate every worker; idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.rejectAll(parbenchError('EXECUTOR_CLOSED', this.backend));
    await this.terminateAll();
  }
}
