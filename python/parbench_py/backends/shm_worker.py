"""A py-shm worker process: started once per backend (fork, so the suite and its context are inherited,
never pickled), it waits on its own start semaphore for a command the driver wrote into the control
words — LOAD a point (attach its segments, unpickle its inputs once), RUN it, STOP — and releases the
shared `done` semaphore after each.

A run claims task ids under the shared lock: independent tasks in guided chunks (remaining / (4·W), at
most 64); in a graph one ready task at a time from the shared ring, and a worker that finishes a task
releases its dependents under the same lock acquisition and runs the first one released itself (the
others go into the ring). Nothing is pickled per task except results in the arena form.
"""
import os
import pickle
import signal
import time

from .shm_layout import (CMD, CTL_WORDS, DONE, FAILED, HEAD, INDEPENDENT, LOAD, RUN, SINKS, SINKS_DONE, STOP, TAIL,
                         attach, words)

MAX_CHUNK = 64
"""Most task ids a worker claims at once in a run without dependencies."""
IDLE_YIELDS = 200
"""Yields (sched_yield) a worker makes when no task is ready in a graph before it sleeps 50 µs between looks."""


def try_acquire(lock, tries: int) -> bool:
    """Take `lock` (a multiprocessing Lock or Semaphore) without blocking, trying up to `tries` times
    (sem_trywait: no system call); whether it was taken."""
    acquire = lock.acquire
    for _ in range(tries):
        if acquire(False):
            return True
    return False


class SpinLock:
    """The shared lock taken by trying (sem_trywait, no system call) up to `tries` times before waiting:
    critical sections here are a few counter updates, so a waiter that sleeps on the futex pays a
    wake-up (tens of µs on a VM) for a wait of well under a microsecond. With `alive` (the driver's, in a
    team) the wait is in `poll`-second slices with `alive()` between them, which raises to give up: a
    worker killed inside its critical section never releases the lock."""

    def __init__(self, lock, tries: int, alive=None, poll: float = 0.05):
        self.lock, self.tries, self.alive, self.poll = lock, tries, alive, poll

    def __enter__(self):
        if try_acquire(self.lock, self.tries):
            return self
        if self.alive is None:
            self.lock.acquire()
        else:
            while not self.lock.acquire(timeout=self.poll):
                self.alive()
        return self

    def __exit__(self, *exc):
        self.lock.release()
        return False


def chunk_for(remaining: int, workers: int) -> int:
    """Task ids to claim at once when `remaining` are left (guided self-scheduling), 1 to MAX_CHUNK."""
    return max(1, min(MAX_CHUNK, remaining // (4 * workers)))


class Fault:
    """PARBENCH_PYSHM_FAULT for tests: "raise:<task>" makes that task raise, "kill:<task>" SIGKILLs a
    worker process when the run reaches the task: its own when a worker reaches it, the first worker when
    the driver does (as a member of the team), so a worker dies whoever takes the task. `at` is -1 (no
    task) when unset, so a run pays one comparison per task."""

    def __init__(self, spec, victim=None):
        kind, _, at = (spec or '').partition(':')
        valid = kind in ('raise', 'kill') and at.isdigit()
        self.kind, self.at = (kind, int(at)) if valid else (None, -1)
        self.victim = victim

    def hit(self, i: int) -> None:
        if self.kind == 'kill':
            os.kill(self.victim() if self.victim else os.getpid(), signal.SIGKILL)
            if self.victim:
                return
        raise ValueError(f'injected fault at task {i}')


class WorkerPoint:
    """One point as a worker holds it: the inputs unpickled once, the shared graph state and result slots."""

    def __init__(self, msg: dict, ctl, lock):
        self.segments = {key: attach(name) for key, name in msg['segments'].items()}
        data = pickle.loads(self.segments['input'].buf[:msg['inputBytes']])
        self.payloads, self.deps = data['payloads'], data['deps']
        self.dep_start, self.dependents = data['depStart'], data['dependents']
        self.count = len(self.payloads)
        self.pending = words(self.segments['graph'], self.count)
        self.ring = words(self.segments['graph'], self.count, 8 * self.count)
        self.results = data['results']  # the driver's result form, not yet bound
        if self.results.name == 'arena':
            self.results.bind(self.segments, ctl, lock)
        else:
            self.results.bind(self.segments)

    def close(self) -> None:
        self.results.release()
        self.pending.release()
        self.ring.release()
        for segment in self.segments.values():
            segment.close()


def run_independent(p: WorkerPoint, ctl, lock, workers: int, kernel, context, fault: Fault) -> None:
    """Claim guided chunks of task ids under the lock and run them; leave when none is left or the run failed."""
    n, store, payloads, finished, no_deps = p.count, p.results.store, p.payloads, 0, []
    while True:
        with lock:
            ctl[DONE] += finished
            head = ctl[HEAD]
            if head >= n or ctl[FAILED]:
                return
            end = min(n, head + chunk_for(n - head, workers))
            ctl[HEAD] = end
        for i in range(head, end):
            if i == fault.at:
                fault.hit(i)
            store(i, kernel(payloads[i], no_deps, context))
        finished = end - head


def _release(p: WorkerPoint, ctl, i: int) -> int:
    """Under the lock: count task i done, release its dependents, return the first one released (or -1)."""
    ctl[DONE] += 1
    start, end = p.dep_start[i], p.dep_start[i + 1]
    if start == end:
        ctl[SINKS_DONE] += 1
    keep, pending, ring = -1, p.pending, p.ring
    for j in p.dependents[start:end]:
        pending[j] -= 1
        if pending[j] == 0:
            if keep < 0:
                keep = j
            else:
                ring[ctl[TAIL]] = j
                ctl[TAIL] += 1
    return keep


def _claim(p: WorkerPoint, ctl) -> int:
    """Under the lock: the next ready task from the ring, -1 when none is ready, -2 when the run is over."""
    if ctl[FAILED] or ctl[SINKS_DONE] == ctl[SINKS]:
        return -2
    head = ctl[HEAD]
    if head < ctl[TAIL]:
        ctl[HEAD] = head + 1
        return p.ring[head]
    return -1


def run_graph(p: WorkerPoint, ctl, lock, kernel, context, fault: Fault, waiting=None) -> None:
    """Run ready tasks (the released dependent first) until every sink is done or the run failed.
    `waiting` (the driver's, in a team) is called between the sleeps of a long wait for a ready task, and
    may raise to leave: a worker killed mid-task never releases what waits on it."""
    read, store, idle, task = p.results.read, p.results.store, 0, -1
    while True:
        if task < 0:
            with lock:
                task = _claim(p, ctl)
            if task == -2:
                return
            if task == -1:
                idle += 1
                if idle < IDLE_YIELDS:
                    os.sched_yield()
                else:
                    if waiting is not None:
                        waiting()
                    time.sleep(50e-6)
                continue
        idle = 0
        if task == fault.at:
            fault.hit(task)
        store(task, kernel(p.payloads[task], [read(d) for d in p.deps[task]], context))
        with lock:
            task = _release(p, ctl, task)
            if task < 0:
                task = _claim(p, ctl)
        if task == -2:
            return


def serve(suite, context, ctl_name: str, workers: int, lock, start, done, conn, lock_tries: int = 0) -> None:
    """The worker's loop (the process target): one command per start token, `done` released after each.
    `workers` is the team's size W (the driver included when it is a member), which guided chunks divide by."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the driver stops its workers; Ctrl-C reaches it alone
    # stdout is the driver's protocol pipe: whatever a fork inherited in its buffer, or a kernel prints,
    # goes to /dev/null, never into the protocol.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    segment = attach(ctl_name)
    ctl = words(segment, CTL_WORDS)
    lock = SpinLock(lock, lock_tries)
    kernel, fault = suite.kernel, Fault(os.environ.get('PARBENCH_PYSHM_FAULT'))
    point = None
    try:
        while True:
            start.acquire()
            command = ctl[CMD]
            if command == STOP:
                return
            try:
                if command == LOAD:
                    if point is not None:
                        point.close()
                    point = WorkerPoint(conn.recv(), ctl, lock)
                elif command == RUN and point is not None:
                    if ctl[INDEPENDENT]:
                        run_independent(point, ctl, lock, workers, kernel, context, fault)
                    else:
                        run_graph(point, ctl, lock, kernel, context, fault)
            except Exception as error:  # a task (or a layout) that raised: report it, fail the run
                conn.send(f'{type(error).__name__}: {error}')
                with lock:
                    ctl[FAILED] = 1
            done.release()
    finally:
        if point is not None:
            point.close()
        ctl.release()
        segment.close()

