"""Liveness for the runner: tasks completed so far (counted where the driver receives results) and a
heartbeat thread that reports it once a second, so a stalled pool shows up as silence on the pipe. The
same thread stops the driver when its parent is gone, so nothing it started outlives parbench."""
import os
import signal
import threading


class Counter:
    def __init__(self):
        self.completed = 0
        self.pending = None  # a callable: tasks completed that `add` has not counted yet (py-shm's team)

    def add(self, n: int = 1) -> None:
        self.completed += n

    def value(self) -> int:
        """Tasks completed so far, counted and pending."""
        return self.completed + (self.pending() if self.pending else 0)


completed = Counter()


class Heartbeat(threading.Thread):
    def __init__(self, emit, period: float = 1.0):
        super().__init__(name='parbench-heartbeat', daemon=True)
        self.emit = emit
        self.period = period
        self.parent = os.getppid()
        self.mode = None  # None: idle; 'plan': inline work, always alive; 'run': alive when tasks complete
        self.seen = 0
        self.stopped = threading.Event()

    def set_mode(self, mode) -> None:
        self.mode = mode
        self.seen = completed.value()

    def run(self) -> None:
        while not self.stopped.wait(self.period):
            if os.getppid() != self.parent:
                os.kill(os.getpid(), signal.SIGTERM)
                return
            if self.mode == 'plan':
                self.emit({'event': 'alive'})
            elif self.mode == 'run' and completed.value() != self.seen:
                self.seen = completed.value()
                self.emit({'event': 'progress', 'completed': self.seen})
