"""py-shm's shared memory: the control words, a point's layout (pickled inputs, graph state) and where
results go — typed shared arrays for square and fib, a shared byte arena of pickles for the other suites.

Every segment is a multiprocessing.shared_memory.SharedMemory named `parbench-<pid>-<n>` (so a test can
find any left in /dev/shm); the driver creates and unlinks them, workers only attach and close. They
are kept out of multiprocessing's resource tracker (Python 3.13's `track=False`, by hand): the tracker
is a process of its own that would outlive the backend, and the driver unlinks its segments itself
(parbench removes those of a driver that was killed).
"""
import itertools
import os
import pickle
from array import array
from contextlib import contextmanager
from multiprocessing import resource_tracker, shared_memory

# Control words (int64) in the control segment. HEAD/TAIL index the ring; DONE counts finished tasks
# (progress); SINKS_DONE counts finished tasks nothing depends on (a graph run ends when it reaches SINKS).
CMD, HEAD, TAIL, DONE, SINKS_DONE, FAILED, COUNT, ROOTS, SINKS, INDEPENDENT, ARENA_TOP = range(11)
CTL_WORDS = 16
RUN, LOAD, STOP = 1, 2, 3

ARENA_BYTES = 256 << 20
"""Bytes reserved for pickled results of suites without a typed form (tmpfs backs only what is written)."""

_names = itertools.count()


@contextmanager
def untracked():
    """SharedMemory calls made here neither start nor tell the resource tracker (see the module comment)."""
    register, unregister = resource_tracker.register, resource_tracker.unregister
    resource_tracker.register = resource_tracker.unregister = lambda name, rtype: None
    try:
        yield
    finally:
        resource_tracker.register, resource_tracker.unregister = register, unregister


def new_segment(size: int) -> shared_memory.SharedMemory:
    """A new segment of at least `size` bytes (at least 8), named parbench-<pid>-<n>."""
    with untracked():
        return shared_memory.SharedMemory(name=f'parbench-{os.getpid()}-{next(_names)}', create=True, size=max(8, size))


def attach(name: str) -> shared_memory.SharedMemory:
    """A worker's view of a segment the driver made."""
    with untracked():
        return shared_memory.SharedMemory(name=name)


def unlink(segment: shared_memory.SharedMemory) -> None:
    """Remove a segment's name (its mappings stay until closed); nothing when it is already gone."""
    with untracked():
        try:
            segment.unlink()
        except FileNotFoundError:
            pass


def words(segment, count: int, offset: int = 0):
    """`count` int64 words of `segment` from byte `offset`, as a memoryview."""
    return segment.buf[offset:offset + 8 * count].cast('q')


class SquareResults:
    """square: every tile's squares in one shared float64 array at the tile's place, work checksums in int64 slots."""
    name = 'typed'

    def __init__(self, tasks):
        self.places = list(itertools.accumulate((len(t.payload[1]) for t in tasks), initial=0))
        self.sizes = {'values': 8 * self.places[-1], 'spins': 8 * len(tasks)}

    def bind(self, segments):
        self.values = segments['values'].buf[:self.sizes['values']].cast('d')
        self.spins = words(segments['spins'], len(self.places) - 1)

    def store(self, i: int, result) -> None:
        squares, spun = result
        self.values[self.places[i]:self.places[i + 1]] = memoryview(squares)
        self.spins[i] = spun

    def read(self, i: int):
        return (array('d', self.values[self.places[i]:self.places[i + 1]]), self.spins[i])

    def release(self) -> None:
        self.values.release()
        self.spins.release()


class FibResults:
    """fib: each node's value and work checksum in int64 slots."""
    name = 'typed'

    def __init__(self, tasks):
        self.count = len(tasks)
        self.sizes = {'values': 8 * self.count, 'spins': 8 * self.count}

    def bind(self, segments):
        self.values = words(segments['values'], self.count)
        self.spins = words(segments['spins'], self.count)

    def store(self, i: int, result) -> None:
        self.values[i], self.spins[i] = result

    def read(self, i: int):
        return (self.values[i], self.spins[i])

    def release(self) -> None:
        self.values.release()
        self.spins.release()


class ArenaResults:
    """Any other suite: each result pickled into one shared byte arena at an offset claimed under the
    lock, its (offset, length) in int64 slots; dependents and the driver unpickle it."""
    name = 'arena'

    def __init__(self, tasks):
        self.count = len(tasks)
        self.sizes = {'slots': 16 * self.count, 'arena': ARENA_BYTES}

    def bind(self, segments, ctl=None, lock=None):
        self.slots = words(segments['slots'], 2 * self.count)
        self.arena = segments['arena'].buf
        self.ctl, self.lock = ctl, lock

    def store(self, i: int, result) -> None:
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        with self.lock:
            at = self.ctl[ARENA_TOP]
            self.ctl[ARENA_TOP] = at + len(data)
        if at + len(data) > ARENA_BYTES:
            raise RuntimeError(f'task results exceed the shared result arena ({ARENA_BYTES} bytes)')
        self.arena[at:at + len(data)] = data
        self.slots[2 * i], self.slots[2 * i + 1] = at, len(data)

    def read(self, i: int):
        at = self.slots[2 * i]
        return pickle.loads(self.arena[at:at + self.slots[2 * i + 1]])

    def release(self) -> None:
        self.slots.release()
        self.arena = None


RESULT_FORMS = {'square': SquareResults, 'fib': FibResults}


def result_form(suite_name: str, tasks):
    """The results' shared form for a suite: typed arrays for square and fib, else the pickle arena."""
    return RESULT_FORMS.get(suite_name, ArenaResults)(tasks)


def graph_arrays(tasks):
    """(dependents CSR start, dependents list, dependency counts, ready tasks, sinks) of a task list."""
    n = len(tasks)
    dependents = [[] for _ in range(n)]
    for i, t in enumerate(tasks):
        for d in t.deps:
            dependents[d].append(i)
    start = list(itertools.accumulate((len(d) for d in dependents), initial=0))
    flat = [j for d in dependents for j in d]
    counts = [len(t.deps) for t in tasks]
    roots = [i for i in range(n) if counts[i] == 0]
    return start, flat, counts, roots, sum(1 for d in dependents if not d)
