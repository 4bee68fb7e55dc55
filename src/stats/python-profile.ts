/**
 * Python profiles (`.pstats`, summarised by `python -m parbench_py.profiling`) as FunctionTime rows,
 * each function put into a ProfileGroup, and the lock waiting the study pointed at: self time of
 * `acquire` on `_thread.lock`, split by the code that called it. Pure.
 */
import type { FunctionTime, ProfileGroup } from './profile-groups.js';

/** One function of one .pstats file, as parbench_py/profiling.py `summarise` writes it (seconds). */
export interface PstatsRow {
  /** The .pstats file's name: `py-driver-<pid>-<thread id>-<name>.pstats` or `py-worker-<pid>.pstats`. */
  file: string;
  function: string;
  /** `~` for built-ins (C functions), else the source file. */
  filename: string;
  line: number;
  /** Self time (pstats tottime), seconds. */
  self: number;
  calls: number;
  /** For built-ins: their self time split by caller. */
  callers: { function: string; filename: string; line: number; self: number }[];
}

const IDLE_BUILTIN = /^<built-in method (select\.\w+|time\.sleep|_thread\.\w*wait\w*)>$|^<method '(get|poll|select|wait|recv|recv_multipart)' of '[\w.]*(SimpleQueue|poll|epoll|Poller|socket|Socket)' objects>$/;
const LOCK = /^<method 'acquire' of '_thread\.(lock|RLock)' objects>$/;
const DISPATCH_FILE = /\/(parsl|concurrent\/futures|multiprocessing|zmq)\/|\/(queue|threading|selectors)\.py$|\/parbench_py\/(execute\.py|backends\/)/;
const RUNTIME_FILE = /\/(logging|pickle|dill|json|copyreg|typeguard|tblib)(\/|\.py$)|^~$/;

/**
 * The group of a Python function: kernel for parbench_py's suites and work rounds; dispatch for Parsl,
 * concurrent.futures, multiprocessing, pyzmq, queue and threading, and parbench_py's backends and task
 * loop; idle for select/poll/sleep built-ins and pyzmq's and selectors' poll/select; runtime for other built-ins (locks among them), logging,
 * pickling and type checks; harness for the rest of parbench_py (the driver, measuring, fingerprints,
 * the profiler itself) and anything else.
 */
export function classifyPython(row: Pick<PstatsRow, 'function' | 'filename'>): ProfileGroup {
  const { function: fn, filename } = row;
  if (filename === '~' && IDLE_BUILTIN.test(fn)) return 'idle';
  if (/\/(zmq\/sugar\/poll|selectors)\.py$/.test(filename) && /(^|\.)(poll|select)$/.test(fn)) return 'idle';
  if (/\/parbench_py\/(suites\/|work\.py$)/.test(filename)) return 'kernel';
  if (DISPATCH_FILE.test(filename)) return 'dispatch';
  if (RUNTIME_FILE.test(filename)) return 'runtime';
  return 'harness';
}

/** A pstats file's thread or process, from its name: `py driver <thread name> <pid>.<thread id>` or `py worker <pid>`. */
export function pstatsThread(file: string): string {
  const driver = /^py-driver-(\d+)-(\d+)-(.*)\.pstats$/.exec(file);
  if (driver) return `py driver ${driver[3]} ${driver[1]}.${driver[2]}`;
  const worker = /^py-worker-(\d+)\.pstats$/.exec(file);
  return worker ? `py worker ${worker[1]}` : file;
}

/** Where a Python function is for tables: `file:line` relative to site-packages / parbench_py, or `built-in`. */
export function pythonWhere(row: Pick<PstatsRow, 'filename' | 'line'>): string {
  if (row.filename === '~') return 'built-in';
  const short = row.filename.replace(/^.*\/site-packages\//, '').replace(/^.*\/(parbench_py\/)/, '$1').replace(/^.*\/lib\/python[\d.]+\//, '');
  return `${short}:${row.line}`;
}

/** Callers of a lock's `acquire` that wait for an event (a result, work, a timer): that is idle, not contention. */
const WAITING_CALLER = /(^|\.)(wait|_wait_for_tstate_lock|get|join|result)$/;

/** A lock `acquire` row split by caller: waiting in Condition.wait, Event.wait … is idle; the rest (a `with lock:`, logging's handler lock) runtime. */
function lockRows(r: PstatsRow, thread: string): FunctionTime[] {
  return r.callers.map((c) => ({
    thread,
    function: `${r.function} ← ${c.function}`,
    where: pythonWhere(c),
    group: WAITING_CALLER.test(c.function) ? 'idle' : 'runtime',
    seconds: c.self,
  }));
}

/**
 * The summarised rows as FunctionTime rows: thread from the file name, group from classifyPython; lock
 * `acquire` split by caller (waiting for an event is idle, other acquires are runtime: locks); every row
 * of the driver's heartbeat thread (parbench's liveness events) is harness.
 */
export function pstatsTimes(rows: readonly PstatsRow[]): FunctionTime[] {
  return rows.flatMap((r) => {
    const thread = pstatsThread(r.file);
    if (/^py driver Heartbeat /.test(thread)) return [{ thread, function: r.function, where: pythonWhere(r), group: 'harness' as const, seconds: r.self }];
    if (r.filename === '~' && LOCK.test(r.function) && r.callers.length > 0) return lockRows(r, thread);
    return [{ thread, function: r.function, where: pythonWhere(r), group: classifyPython(r), seconds: r.self }];
  });
}

/** Lock waiting: seconds in `_thread.lock.acquire`, in total and by caller (`function (where)`), most first. */
export interface LockWaiting {
  seconds: number;
  /** The part whose caller waits for an event (Condition.wait, Event.wait, a thread's join …), not for a contended lock. */
  waitingSeconds: number;
  byCaller: { caller: string; seconds: number }[];
  /** The part whose caller is in Python's logging package (a handler's lock per record). */
  loggingSeconds: number;
  /**
   * The driver's main thread alone (what cProfile, which sees one thread, shows): its profiled seconds
   * and those in lock `acquire` — for a pool, mostly waiting for results.
   */
  mainThread: { seconds: number; acquireSeconds: number };
}

/** Self time of lock `acquire` over every row but the heartbeat thread's, split by caller; waiting and logging's parts apart. Pure. */
export function lockWaiting(rows: readonly PstatsRow[]): LockWaiting {
  const byCaller = new Map<string, number>();
  let seconds = 0;
  let loggingSeconds = 0;
  let waitingSeconds = 0;
  const mainThread = { seconds: 0, acquireSeconds: 0 };
  for (const r of rows) {
    const main = /^py driver _MainThread /.test(pstatsThread(r.file));
    if (main) mainThread.seconds += r.self;
    if (main && r.filename === '~' && LOCK.test(r.function)) mainThread.acquireSeconds += r.self;
    if (r.filename !== '~' || !LOCK.test(r.function) || /^py driver Heartbeat /.test(pstatsThread(r.file))) continue;
    seconds += r.self;
    for (const c of r.callers) {
      const key = `${c.function} (${pythonWhere(c)})`;
      byCaller.set(key, (byCaller.get(key) ?? 0) + c.self);
      if (/\/logging\//.test(c.filename)) loggingSeconds += c.self;
      if (WAITING_CALLER.test(c.function)) waitingSeconds += c.self;
    }
  }
  return { seconds, waitingSeconds, loggingSeconds, mainThread, byCaller: [...byCaller].map(([caller, s]) => ({ caller, seconds: s })).sort((a, b) => b.seconds - a.seconds) };
}
