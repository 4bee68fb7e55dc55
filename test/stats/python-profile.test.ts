// Python profiles: groups of functions, lock acquire split by caller (waiting vs contention), logging's part.
import { describe, expect, it } from 'vitest';
import { classifyPython, lockWaiting, pstatsThread, pstatsTimes, pythonWhere, type PstatsRow } from '../../src/stats/python-profile.js';

const SITE = '/v/lib/python3.11/site-packages';
const LIB = '/py/lib/python3.11';
const ACQUIRE = "<method 'acquire' of '_thread.lock' objects>";

function row(file: string, fn: string, filename: string, self: number, callers: PstatsRow['callers'] = []): PstatsRow {
  return { file, function: fn, filename, line: 1, self, calls: 1, callers };
}

const MAIN = 'py-driver-10-0-_MainThread.pstats';
const POOL = 'py-driver-10-3-Thread.pstats';
const rows: PstatsRow[] = [
  row(MAIN, ACQUIRE, '~', 5, [{ function: 'Condition.wait', filename: `${LIB}/threading.py`, line: 295, self: 5 }]),
  row(MAIN, 'DataFlowKernel.submit', `${SITE}/parsl/dataflow/dflow.py`, 1),
  row(POOL, ACQUIRE, '~', 3, [
    { function: 'FileHandler.acquire', filename: `${LIB}/logging/__init__.py`, line: 922, self: 2 },
    { function: 'Condition.wait', filename: `${LIB}/threading.py`, line: 295, self: 1 },
  ]),
  row(POOL, 'kernel', '/p/python/parbench_py/suites/fib.py', 0.5),
  row(POOL, "<method 'get' of '_queue.SimpleQueue' objects>", '~', 4),
  row('py-driver-10-1-Heartbeat.pstats', ACQUIRE, '~', 9, [{ function: 'Condition.wait', filename: `${LIB}/threading.py`, line: 295, self: 9 }]),
];

describe('pstatsTimes', () => {
  it('groups functions and splits lock acquire by caller: waiting is idle, a contended lock runtime', () => {
    expect(pstatsTimes(rows).map((r) => [r.thread, r.function, r.group, r.seconds])).toEqual([
      ['py driver _MainThread 10.0', `${ACQUIRE} ← Condition.wait`, 'idle', 5],
      ['py driver _MainThread 10.0', 'DataFlowKernel.submit', 'dispatch', 1],
      ['py driver Thread 10.3', `${ACQUIRE} ← FileHandler.acquire`, 'runtime', 2],
      ['py driver Thread 10.3', `${ACQUIRE} ← Condition.wait`, 'idle', 1],
      ['py driver Thread 10.3', 'kernel', 'kernel', 0.5],
      ['py driver Thread 10.3', "<method 'get' of '_queue.SimpleQueue' objects>", 'idle', 4],
      ['py driver Heartbeat 10.1', ACQUIRE, 'harness', 9],
    ]);
  });

  it('names threads, places and the remaining groups', () => {
    expect(pstatsThread('py-worker-77.pstats')).toBe('py worker 77');
    expect(pythonWhere({ filename: `${SITE}/parsl/app/app.py`, line: 3 })).toBe('parsl/app/app.py:3');
    expect(pythonWhere({ filename: '~', line: 0 })).toBe('built-in');
    expect(classifyPython({ function: 'measure_backend', filename: '/p/python/parbench_py/measure.py' })).toBe('harness');
    expect(classifyPython({ function: 'dumps', filename: `${LIB}/pickle.py` })).toBe('runtime');
    expect(classifyPython({ function: '<built-in method time.sleep>', filename: '~' })).toBe('idle');
    expect(classifyPython({ function: 'Poller.poll', filename: `${SITE}/zmq/sugar/poll.py` })).toBe('idle');
    expect(classifyPython({ function: 'Poller.register', filename: `${SITE}/zmq/sugar/poll.py` })).toBe('dispatch');
  });
});

describe('lockWaiting', () => {
  it('sums acquire outside the heartbeat, by caller, with the waiting, logging and main-thread parts', () => {
    expect(lockWaiting(rows)).toEqual({
      seconds: 8,
      waitingSeconds: 6,
      loggingSeconds: 2,
      mainThread: { seconds: 6, acquireSeconds: 5 },
      byCaller: [
        { caller: 'Condition.wait (threading.py:295)', seconds: 6 },
        { caller: 'FileHandler.acquire (logging/__init__.py:922)', seconds: 2 },
      ],
    });
  });
});
