/**
 * The TypeScript end of the driver protocol (docs/drivers.md): one child process per session, JSON
 * lines over stdio, one request at a time. A driver (Python, Rust, Go, …) times its own tasks; this side
 * only sends requests, relays progress, checks the protocol version the driver speaks, and makes sure
 * that everything the driver started is gone when the session closes — on success, on errors, on a hung
 * task and on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parbenchError, type ParbenchError } from '../errors.js';
import type { RuntimeInfo } from '../record/index.js';
import type { RemotePlan, RemoteSession, RemoteSweepRow, RemoteTiming } from './remote.js';
import { trackChild, untrackChild } from './children.js';
import { withinStartup, type StartupBounds } from './startup.js';
import { killSession } from './sweep.js';
import { removeSegments } from './shm-segments.js';

/** The driver protocol version this parbench speaks (docs/drivers.md, "Versions"). */
export const DRIVER_PROTOCOL = 1;

/** How long a closing driver may take to stop its pools (HTEX: interchange and workers) by itself. */
const CLOSE_GRACE_MS = 20_000;

interface Pending {
  /** Seconds without a line before TASK_TIMEOUT; 0: none. */
  stallSeconds: number;
  resolve: (reply: Record<string, unknown>) => void;
  reject: (error: Error) => void;
  onEvent?: (event: Record<string, unknown>) => void;
}

/** How to start a driver and what to call it. */
export interface DriverOptions {
  /** The backend name, for messages. */
  name: string;
  /** The kind of driver, for messages: "Python", "Rust", "Go". */
  language: string;
  /** The program to run and its arguments. */
  command: string;
  args: string[];
  /** The directory it runs in. */
  cwd: string;
  /** Variables added to parbench's environment (PARBENCH_CWD, the directory parbench was started in, is always set). */
  env?: Record<string, string>;
  /** Seconds without a line from the driver, while a request is out, before TASK_TIMEOUT (0 disables). */
  taskTimeoutSeconds: number;
  /** The working directory is `<tmp>/parbench-<runDirPrefix>-XXXXXX` (default "driver"). */
  runDirPrefix?: string;
}

/** The driver's answer to `hello` (protocol version, runtime, suites and backends it implements). */
export interface Hello {
  protocol: number;
  runtime: RuntimeInfo;
  suites: string[];
  backends: string[];
  /** The optional requests the driver answers (docs/drivers.md, "Optional requests"), e.g. "sweep". */
  ops: string[];
}

/**
 * A session with one driver process (in a process session of its own). Requests are answered in order,
 * one at a time. Failures, all measurement errors (exit 1): DRIVER_FAILED when the program cannot start,
 * exits, writes a line that is not JSON or speaks another protocol version; TASK_FAILED when it answers
 * {ok: false}; TASK_TIMEOUT after taskTimeoutSeconds of silence; EXECUTOR_CLOSED once closed. The first
 * failure sticks: later requests reject with it.
 */
export class DriverSession implements RemoteSession {
  private readonly child: ChildProcess;
  /** Resolves when the driver process has exited. */
  private readonly exited: Promise<void>;
  /** Resolves when its pipes have closed too (the processes it started may hold them after it exits). */
  private readonly closed: Promise<void>;
  private pending: Pending | undefined;
  private failure: ParbenchError | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;
  private stderrTail: string[] = [];
  private alive = true;
  /** A request was sent and its reply has not come (still true after a timeout gave up on it). */
  private inFlight = false;
  /** The runtime, from the driver's reply to `hello`. */
  runtime: RuntimeInfo | undefined;
  /** The driver's reply to `hello`. */
  hello: Hello | undefined;
  /**
   * The driver's working directory (PARBENCH_RUN_DIR: pool logs, HTEX certificates), made and removed by
   * this side, even when the driver is killed.
   */
  private readonly runDir: string;
  /**
   * Calibrate every grain of the request at once on the driver's runtime (RemoteSession.sweep; seconds
   * throughout); present only when the driver's hello lists the optional `sweep` request.
   */
  sweep: RemoteSession['sweep'];
  /** Whether the driver traces tasks (hello lists `trace` and `clock`). */
  traces = false;
  /** The driver's clock in ns (RemoteSession.clock); present only when it traces. */
  clock: RemoteSession['clock'];

  private constructor(private readonly options: DriverOptions) {
    this.runDir = mkdtempSync(join(tmpdir(), `parbench-${options.runDirPrefix ?? 'driver'}-`));
    this.child = spawn(options.command, options.args, {
      cwd: options.cwd,
      // The driver runs in its own directory; relative paths in parameters (spmm --matrix) are the user's.
      env: { ...process.env, ...options.env, PARBENCH_CWD: process.cwd(), PARBENCH_RUN_DIR: this.runDir },
      stdio: ['pipe', 'pipe', 'pipe'],
      // A session of its own: a terminal's Ctrl-C reaches parbench, which then stops the driver in order,
      // and every process the driver starts can be found by its session id (see sweep.ts).
      detached: true,
    });
    trackChild(this.child, { session: true, cleanup: () => this.removeRunDir() });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    this.closed = new Promise((resolve) => this.child.once('close', () => resolve()));
    this.child.once('error', (error) => this.fail(this.driverFailed(`could not start ${options.command}: ${error.message}`)));
    this.child.once('exit', (code, signal) => {
      this.alive = false;
      const last = this.stderrTail.at(-1);
      this.fail(this.driverFailed(`exited (${signal ? `signal ${signal}` : `exit code ${code}`})${last ? `: ${last}` : ''}`));
    });
    this.child.stdin!.on('error', () => undefined);
    createInterface({ input: this.child.stderr! }).on('line', (line) => {
      if (line.trim()) this.stderrTail = [...this.stderrTail.slice(-19), line.trim()];
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => this.receive(line));
  }

  /**
   * Start the driver and read its `hello` reply (protocol version, runtime) within `bounds`
   * (STARTUP_TIMEOUT, INTERRUPTED); on failure closes it and rejects as the class comment says, with
   * DRIVER_FAILED when it speaks another protocol version.
   */
  static async start(options: DriverOptions, bounds: StartupBounds = {}): Promise<DriverSession> {
    const driver = new DriverSession(options);
    try {
      const hello = withinStartup(`${options.name}: the ${options.language} driver`, driver.request({ op: 'hello' }, undefined, 0), bounds);
      driver.hello = helloOf(await hello, (detail) => driver.driverFailed(detail));
      driver.runtime = driver.hello.runtime;
      if (driver.hello.ops.includes('sweep')) {
        driver.sweep = async (request) => ((await driver.request({ op: 'sweep', ...request })) as unknown as { rows: RemoteSweepRow[] }).rows;
      }
      if (driver.hello.ops.includes('trace') && driver.hello.ops.includes('clock')) {
        driver.traces = true;
        driver.clock = async () => Number((await driver.request({ op: 'clock' })).ns);
      }
    } catch (error) {
      await driver.close();
      throw error;
    }
    return driver;
  }

  /** Calibrate and time the sequential reference on the driver's runtime (grain and minSampleSeconds in s). */
  plan(request: Parameters<RemoteSession['plan']>[0]): Promise<RemotePlan> {
    return this.request({ op: 'plan', ...request }) as unknown as Promise<RemotePlan>;
  }

  /**
   * Time warm-up and repetitions of one point on the driver; `onRepeat` gets the driver's repeat events,
   * `onCompleted` the running task count of its progress events (once a second while tasks complete).
   */
  run(request: Parameters<RemoteSession['run']>[0], onRepeat?: (done: number, total: number) => void, onCompleted?: (tasks: number) => void): Promise<RemoteTiming> {
    const onEvent = (event: Record<string, unknown>) => {
      if (event.event === 'repeat') onRepeat?.(Number(event.done), Number(event.total));
      if (event.event === 'progress') onCompleted?.(Number(event.completed));
    };
    return this.request({ op: 'run', ...request }, onEvent) as unknown as Promise<RemoteTiming>;
  }

  /**
   * Send one request; resolves with the driver's reply, rejects on {ok: false}, a stall of
   * `stallSeconds` (default the task timeout; 0: none) or an exit (see the class comment). A second
   * request while one is out rejects with a plain Error.
   */
  request(message: Record<string, unknown>, onEvent?: Pending['onEvent'], stallSeconds = this.options.taskTimeoutSeconds): Promise<Record<string, unknown>> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(parbenchError('EXECUTOR_CLOSED', this.options.name));
    if (this.pending) return Promise.reject(new Error('one request at a time'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, stallSeconds, ...(onEvent ? { onEvent } : {}) };
      this.inFlight = true;
      this.arm();
      this.child.stdin!.write(`${JSON.stringify(message)}\n`);
    });
  }

  private driverFailed(detail: string): ParbenchError {
    return parbenchError('DRIVER_FAILED', this.options.name, this.options.language, detail);
  }

  private receive(line: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      this.fail(this.driverFailed(`sent a line that is not JSON: ${line.slice(0, 120)}`));
      return;
    }
    this.arm();
    const pending = this.pending;
    if (!pending) return;
    if (typeof message.event === 'string') {
      pending.onEvent?.(message);
      return;
    }
    this.pending = undefined;
    this.inFlight = false;
    this.disarm();
    if (message.ok === true) pending.resolve(message);
    else if (message.code === 'TRACE_UNSUPPORTED') pending.reject(parbenchError('TRACE_UNSUPPORTED', this.options.name, 'the driver cannot stamp this backend\'s tasks'));
    else pending.reject(parbenchError('TASK_FAILED', this.options.name, String(message.message ?? 'unknown error')));
  }

  /** The driver reports progress at least once a second while tasks complete; silence means a stall. */
  private arm(): void {
    this.disarm();
    const seconds = this.pending?.stallSeconds ?? 0;
    if (seconds <= 0 || !this.pending) return;
    this.timer = setTimeout(() => {
      this.fail(parbenchError('TASK_TIMEOUT', this.options.name, seconds));
      void this.close();
    }, seconds * 1000);
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fail(error: ParbenchError): void {
    this.disarm();
    if (!this.failure) this.failure = error;
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(this.failure);
  }

  /** The driver's pid (for tests that stop it the hard way). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * Stop the driver: ask an idle one to exit, SIGTERM a busy one, SIGKILL it after 20 s, then kill
   * whatever is left in its process session. Idempotent; never rejects for a driver that already died.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.fail(parbenchError('EXECUTOR_CLOSED', this.options.name));
    try {
      await this.stopAll();
    } finally {
      untrackChild(this.child);
      this.removeRunDir();
    }
  }

  /** Remove the driver's working directory and the shared-memory segments it left (py-shm's); never throws. */
  private removeRunDir(): void {
    rmSync(this.runDir, { recursive: true, force: true, maxRetries: 2 });
    removeSegments(this.child.pid);
  }

  private async stopAll(): Promise<void> {
    if (this.child.pid === undefined) return; // never started
    if (this.alive) {
      // Idle: ask it to exit. Busy: SIGTERM interrupts the running point; the driver then closes its pool.
      if (this.inFlight) this.child.kill('SIGTERM');
      else this.child.stdin!.end(`${JSON.stringify({ op: 'exit' })}\n`);
      if (!(await within(this.exited, CLOSE_GRACE_MS))) this.child.kill('SIGKILL');
      await this.exited;
    }
    // The driver is gone; what it started (pool workers still inside a task) goes now, and with them the
    // pipes they inherited, so waiting for the pipes to close cannot outlast the session.
    await killSession(this.child.pid);
    await within(this.closed, CLOSE_GRACE_MS);
  }
}

/**
 * The `hello` reply of a driver: its protocol version (which must be DRIVER_PROTOCOL), runtime, suites
 * and backends. Throws the error `failed(detail)` makes when the version differs or the runtime is missing.
 */
export function helloOf(reply: Record<string, unknown>, failed: (detail: string) => Error): Hello {
  if (reply.protocol !== DRIVER_PROTOCOL) {
    throw failed(`speaks driver protocol ${JSON.stringify(reply.protocol ?? null)}, this parbench speaks ${DRIVER_PROTOCOL} (docs/drivers.md): rebuild or update the driver`);
  }
  const runtime = runtimeOf(reply.runtime);
  if (!runtime) throw failed('sent no usable runtime in its hello reply (runtime.implementation must be a string)');
  const names = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  return { protocol: DRIVER_PROTOCOL, runtime, suites: names(reply.suites), backends: names(reply.backends), ops: names(reply.ops) };
}

/** The runtime of a hello reply, the record's RuntimeInfo: string fields kept, anything else dropped; null without an implementation. */
function runtimeOf(value: unknown): RuntimeInfo | null {
  if (typeof value !== 'object' || value === null) return null;
  const fields = value as Record<string, unknown>;
  if (typeof fields.implementation !== 'string') return null;
  const text = (key: string) => (typeof fields[key] === 'string' ? { [key]: fields[key] as string } : {});
  const libraries = typeof fields.libraries === 'object' && fields.libraries !== null ? Object.fromEntries(Object.entries(fields.libraries).filter(([, v]) => typeof v === 'string')) : undefined;
  return {
    implementation: fields.implementation,
    ...text('python'),
    ...('parsl' in fields ? { parsl: typeof fields.parsl === 'string' ? fields.parsl : null } : {}),
    ...text('pypy'),
    ...text('version'),
    ...(libraries ? { libraries: libraries as Record<string, string> } : {}),
  };
}

function within(promise: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
