"""py-shm: persistent worker processes over multiprocessing.shared_memory (docs/python.md): W − 1 of
them with the driver as the W-th member of the team (PARBENCH_PYSHM_TEAM, on by default; W = 1 has one
worker process), else W.

Once per point (untimed, like a pool's start-up) the driver pickles the task set once into a shared
segment, lays out the graph state (pending counts, the ring of ready tasks) and the result slots, and
workers attach and unpickle it once. A run then moves no task: the driver resets the counters, wakes
each worker with one semaphore release, runs its own share of the tasks (in a team) exactly as a worker
does, and waits for a `done` release from each worker; everyone claims task ids from a lock-protected
shared counter (see shm_worker.py), taking the lock by trying before blocking (PARBENCH_PYSHM_LOCK_TRIES).
Results stay in shared memory and are read when the caller combines them, after the clock, as Node's
shm does.
"""
import multiprocessing
import os
import pickle
from array import array
from collections.abc import Sequence

from ..progress import completed
from .shm_layout import (ARENA_TOP, CMD, COUNT, CTL_WORDS, DONE, FAILED, HEAD, INDEPENDENT, LOAD, ROOTS, RUN, SINKS,
                         SINKS_DONE, STOP, TAIL, graph_arrays, new_segment, result_form, unlink, words)
from .shm_worker import IDLE_YIELDS, MAX_CHUNK, Fault, SpinLock, run_graph, run_independent, serve, try_acquire

POLL_SECONDS = 0.05
"""How often the driver, waiting for a run, checks that every worker is alive and reports progress."""
LOCK_TRIES = 1000
"""Non-blocking tries (sem_trywait, no system call) at the shared lock before a blocking acquire."""


def settings_from(env) -> dict:
    """PARBENCH_PYSHM_TEAM (0 or 1, default 1) and PARBENCH_PYSHM_LOCK_TRIES (a whole number, default
    LOCK_TRIES); a value that is not a whole number ≥ 0 leaves the default."""
    def whole(name, fallback):
        text = env.get(name, '')
        return int(text) if text.isdigit() else fallback
    return {'team': whole('PARBENCH_PYSHM_TEAM', 1) != 0, 'lockTries': whole('PARBENCH_PYSHM_LOCK_TRIES', LOCK_TRIES)}


class DriverPoint:
    """A point as the driver holds it when it works as a member of the team: what shm_worker's run loops
    read of a WorkerPoint (the task set itself instead of its unpickled copy)."""

    def __init__(self, tasks, start, flat, pending, ring, form):
        self.payloads = [t.payload for t in tasks]
        self.deps = [list(t.deps) for t in tasks]
        self.dep_start, self.dependents = start, flat
        self.count, self.pending, self.ring, self.results = len(tasks), pending, ring, form


class PoolFailure(RuntimeError):
    """A failed py-shm run; its message is the whole line: a task's own exception type and message, or
    the worker that exited."""
    whole_line = True


class SharedResults(Sequence):
    """A run's results, read from shared memory when asked for (after the clock)."""

    def __init__(self, form, count: int):
        self.form, self.count = form, count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self.count))]
        if i < 0:
            i += self.count
        if not 0 <= i < self.count:
            raise IndexError(i)
        return self.form.read(i)


class ShmBackend:
    """The py-shm backend: open starts the workers (fork) and waits until each has answered once."""


    def __init__(self, workers, suite, context, settings=None):
        ctx = multiprocessing.get_context('fork')
        self.suite, self.workers, self.context, self.closed = suite, workers, context, False
        self.settings = settings_from(os.environ) if settings is None else settings
        self.team = self.settings['team'] and workers >= 2
        self.threads = workers - 1 if self.team else workers  # worker processes
        self.segments, self.point_segments, self.point, self.source = [], {}, None, None
        self.control = self._segment(8 * CTL_WORDS)
        self.ctl = words(self.control, CTL_WORDS)
        self.lock, self.done = ctx.Lock(), ctx.Semaphore(0)
        self.driver_lock = SpinLock(self.lock, self.settings['lockTries'], self._alive, POLL_SECONDS)
        self.starts, self.conns, self.procs = [], [], []
        self.fault = Fault(os.environ.get('PARBENCH_PYSHM_FAULT'), victim=lambda: self.procs[0].pid)
        try:
            for _ in range(self.threads):
                start = ctx.Semaphore(0)
                mine, theirs = ctx.Pipe()
                proc = ctx.Process(target=serve, daemon=True, name='parbench-py-shm',
                                   args=(suite, context, self.control.name, workers, self.lock, start, self.done, theirs,
                                         self.settings['lockTries']))
                proc.start()
                theirs.close()
                self.starts.append(start)
                self.conns.append(mine)
                self.procs.append(proc)
            self._command(0)  # every worker running and attached before the clock
        except BaseException:
            self.close()
            raise

    def executor_settings(self) -> dict:
        """What this backend ran with, recorded in the point (`point.executor`)."""
        form = self.point['form'].name if self.point else None
        return {'executor': 'py-shm', 'results': form, 'inputs': 'pickled once per point into shared memory',
                'claims': f'guided chunks (remaining/(4W), at most {MAX_CHUNK}) under one lock; graphs: one ready task per lock',
                'release': 'a finishing worker runs the first dependent it releases itself',
                'wake': 'one semaphore release per worker process per run', 'idleYields': IDLE_YIELDS,
                'team': self.team, 'processes': self.threads, 'lockTries': self.settings['lockTries'],
                'lock': f'one multiprocessing.Lock, tried {self.settings["lockTries"]} times without blocking before a blocking acquire',
                'resultsRead': 'after the clock (combine)'}

    def _segment(self, size: int):
        segment = new_segment(size)
        self.segments.append(segment)
        return segment

    def _alive(self) -> None:
        for proc in self.procs:
            if proc.exitcode is not None:
                raise PoolFailure(f'a py-shm worker exited unexpectedly (exit code {proc.exitcode})')

    def _command(self, command: int) -> None:
        """Write `command`, wake each worker once, run the driver's share of a RUN (in a team), wait until
        each worker has released `done`; raises when a worker died or a task failed."""
        self.ctl[CMD] = command
        for start in self.starts:
            start.release()
        reported, own = 0, None
        if command == RUN and self.team:
            own = self._share()
            if own is None:
                reported = self.ctl[DONE]
                completed.add(reported)
        # In a team the driver has a core of its own: a worker finishing its last chunk then needs no
        # futex wake to tell it, so `done` is tried first.
        tries = self.settings['lockTries'] if self.team else 0
        for _ in range(self.threads):
            if try_acquire(self.done, tries):
                continue
            while not self.done.acquire(timeout=POLL_SECONDS):
                self._alive()
                progress = self.ctl[DONE]
                completed.add(progress - reported)
                reported = progress
        if command == RUN:
            completed.add(self.ctl[DONE] - reported)
        if own is not None:
            raise PoolFailure(own)
        if self.ctl[FAILED]:
            messages = [conn.recv() for conn in self.conns if conn.poll()]
            raise PoolFailure(messages[0] if messages else 'a py-shm worker failed')

    def _share(self):
        """The driver's share of a run as a member of the team: the workers' own run loop on this process's
        view of the point. Returns the failure line of a task that raised here (the run is failed for
        every worker), else None. Its progress counts while it works (the heartbeat reads DONE)."""
        p, ctl = self.point['driver'], self.ctl
        completed.pending = lambda: ctl[DONE]
        try:
            if self.point['independent']:
                run_independent(p, ctl, self.driver_lock, self.workers, self.suite.kernel, self.context, self.fault)
            else:
                run_graph(p, ctl, self.driver_lock, self.suite.kernel, self.context, self.fault, self._alive)
            return None
        except PoolFailure:
            # A worker died (the wait below names it); stop the others at their next claim.
            ctl[FAILED] = 1
            return None
        except Exception as error:  # a task that raised here: fail the run as a worker would
            ctl[FAILED] = 1  # one word, read by every claim; no lock needed (its holder may be dead)
            return f'{type(error).__name__}: {error}'
        finally:
            completed.pending = None

    def _load(self, tasks) -> None:
        """Lay a task set out in shared memory and have every worker attach it (untimed, once per point)."""
        self._drop_point()
        form = result_form(self.suite.name, tasks)
        start, flat, counts, roots, sinks = graph_arrays(tasks)
        data = pickle.dumps({'payloads': [t.payload for t in tasks], 'deps': [list(t.deps) for t in tasks],
                             'depStart': start, 'dependents': flat, 'results': form}, protocol=pickle.HIGHEST_PROTOCOL)
        n = len(tasks)
        self.point_segments = {'input': self._segment(len(data)), 'graph': self._segment(16 * n),
                               **{key: self._segment(size) for key, size in form.sizes.items()}}
        self.point_segments['input'].buf[:len(data)] = data
        msg = {'segments': {key: s.name for key, s in self.point_segments.items()}, 'inputBytes': len(data)}
        for conn in self.conns:
            conn.send(msg)
        self._command(LOAD)
        if form.name == 'arena':
            form.bind(self.point_segments, self.ctl, self.driver_lock if self.team else self.lock)
        else:
            form.bind(self.point_segments)
        graph = self.point_segments['graph']
        self.point = {'form': form, 'counts': array('q', counts), 'roots': array('q', roots), 'sinks': sinks, 'n': n,
                      'pending': words(graph, n), 'ring': words(graph, n, 8 * n), 'independent': not flat}
        if self.team:
            self.point['driver'] = DriverPoint(tasks, start, flat, self.point['pending'], self.point['ring'], form)
        self.source = tasks

    def execute(self, inp, knob, tasks, whole=True):
        """Run the task set once; results are read from shared memory by whoever combines them."""
        if self.source is not tasks:
            self._load(tasks)
        p, ctl = self.point, self.ctl
        if p['n'] == 0:
            return [], None
        p['pending'][:] = p['counts']
        p['ring'][:len(p['roots'])] = p['roots']
        for word, value in ((HEAD, 0), (TAIL, len(p['roots'])), (DONE, 0), (SINKS_DONE, 0), (COUNT, p['n']),
                            (ROOTS, len(p['roots'])), (SINKS, p['sinks']), (INDEPENDENT, int(p['independent'])),
                            (ARENA_TOP, 0)):
            ctl[word] = value
        self._command(RUN)
        return SharedResults(p['form'], p['n']), None

    def _drop_point(self) -> None:
        if self.point is not None:
            self.point['form'].release()
            self.point['pending'].release()
            self.point['ring'].release()
            self.point = None
        for segment in self.point_segments.values():
            self._unlink(segment)
        self.point_segments, self.source = {}, None

    def _unlink(self, segment) -> None:
        try:
            segment.close()
        except BufferError:
            pass  # a view still exported: the mapping goes with the process, the name goes now
        unlink(segment)
        if segment in self.segments:
            self.segments.remove(segment)

    def close(self):
        """Stop every worker (STOP, then SIGTERM and SIGKILL for any still there after 1 s) and unlink every segment."""
        if self.closed:
            return
        self.closed = True
        self.ctl[CMD] = STOP
        for start in self.starts:
            start.release()
        for proc in self.procs:
            proc.join(1.0)
            if proc.exitcode is None:
                proc.kill()
                proc.join(1.0)
        for conn in self.conns:
            conn.close()
        self._drop_point()
        self.ctl.release()
        for segment in list(self.segments):
            self._unlink(segment)
