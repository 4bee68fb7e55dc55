"""Profiling a point for `parbench profile`: when PARBENCH_PROFILE_DIR is set, the driver runs each `run`
request under yappi (wall clock, every thread) and saves one .pstats file per thread; process-pool
workers and HTEX workers run cProfile and save their own. Unset, nothing here runs and nothing costs.

Files: <dir>/py-driver-<pid>-<thread id>-<thread name>.pstats (the driver's threads: its main thread,
the pool's or Parsl's threads), <dir>/py-worker-<pid>.pstats (a process worker). All load with
pstats.Stats (SnakeViz opens them). `summarise` turns them into rows for the TypeScript side."""
import cProfile
import json
import os
import re
import sys
import time

ENV = 'PARBENCH_PROFILE_DIR'
"""The directory profiles go to; unset, profiling is off."""

PARSL_LOGGING_ENV = 'PARBENCH_PARSL_LOGGING'
"""Set to 1: Parsl's configurations keep Parsl's own logging on (its default), to see what it costs."""


def profile_dir():
    """Where profiles go, or None when profiling is off."""
    return os.environ.get(ENV) or None


def _safe(name: str) -> str:
    return re.sub(r'[^A-Za-z0-9_.-]+', '_', name)[:40]


class DriverProfile:
    """yappi over every thread of the driver, wall clock, around one request; `stop` saves the files."""

    def __init__(self, directory: str):
        import yappi
        self.yappi = yappi
        self.directory = directory
        yappi.set_clock_type('wall')
        yappi.clear_stats()
        yappi.start(builtins=True, profile_threads=True)

    def restart(self) -> None:
        """Drop what was profiled so far (the backend's start-up) and go on profiling."""
        self.yappi.stop()
        self.yappi.clear_stats()
        self.yappi.start(builtins=True, profile_threads=True)

    def stop(self) -> list:
        yappi = self.yappi
        yappi.stop()
        written = []
        for thread in yappi.get_thread_stats():
            stats = yappi.get_func_stats(filter_callback=lambda stat, tid=thread.id: stat.ctx_id == tid)
            if stats.empty():
                continue
            path = os.path.join(self.directory, f'py-driver-{os.getpid()}-{thread.id}-{_safe(thread.name)}.pstats')
            stats.save(path, type='pstat')
            written.append(path)
        yappi.clear_stats()
        return written


def start_driver_profile():
    """A DriverProfile when profiling is on, else None."""
    directory = profile_dir()
    return DriverProfile(directory) if directory else None


_worker = {'profile': None, 'saved': 0.0}
SAVE_EVERY = 0.25
"""Seconds between saves of a worker's profile (HTEX workers are killed, never exit on their own)."""


def _save_worker() -> None:
    state = _worker
    if state['profile'] is None:
        return
    path = os.path.join(profile_dir(), f'py-worker-{os.getpid()}.pstats')
    state['profile'].disable()
    try:
        state['profile'].dump_stats(path + '.tmp')
        os.replace(path + '.tmp', path)
    finally:
        state['profile'].enable()
    state['saved'] = time.monotonic()


def start_worker_profile() -> None:
    """In a process worker (ProcessPoolExecutor initializer, an HTEX worker's first task): cProfile from
    now on, saved when the process ends through multiprocessing and every SAVE_EVERY seconds of tasks."""
    if profile_dir() is None or _worker['profile'] is not None:
        return
    if 'yappi' in sys.modules:  # forked from a profiled driver: yappi's hooks came along
        sys.modules['yappi'].stop()
    from multiprocessing import util
    _worker['profile'] = cProfile.Profile()
    _worker['profile'].enable()
    _worker['saved'] = time.monotonic()
    util.Finalize(None, _save_worker, exitpriority=100)


def after_worker_task() -> None:
    """Called after each task in a profiled worker: save the profile when SAVE_EVERY seconds have gone by."""
    if _worker['profile'] is not None and time.monotonic() - _worker['saved'] >= SAVE_EVERY:
        _save_worker()


BUILTIN_FILES = ('~', 'builtins')
"""How cProfile ('~') and yappi ('builtins') name the file of a built-in (C) function."""


def summarise(paths) -> list:
    """Rows {file, function, filename, line, self, calls, callers} per function of each .pstats file:
    self (tottime) in seconds, filename '~' for built-ins, callers the self time of built-ins split by
    caller (e.g. which code's lock `acquire` it was), each {function, filename, line, self}."""
    import pstats
    rows = []
    for path in paths:
        stats = pstats.Stats(path).stats
        for (filename, line, function), (cc, nc, tt, ct, callers) in stats.items():
            split = []
            if filename in BUILTIN_FILES:
                filename = '~'
                for (cf, cl, cn), value in (callers or {}).items():
                    self_time = value[2] if isinstance(value, tuple) else 0.0
                    split.append({'function': cn, 'filename': cf, 'line': cl, 'self': self_time})
            rows.append({'file': os.path.basename(path), 'function': function, 'filename': filename, 'line': line,
                         'self': tt, 'calls': nc, 'callers': split})
    return rows


def main(argv) -> int:
    """`python -m parbench_py.profiling FILE…`: the summarise rows of those .pstats files, as JSON on stdout."""
    json.dump(summarise(argv), sys.stdout)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
