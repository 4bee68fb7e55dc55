"""Liveness for the runner: tasks completed so far (counted where the driver receives results) and a
heartbeat thread that reports it once a second, so a stalled pool shows up as silence on the pipe. The
same thread stops the driver when its parent is gone, so nothing it started outlives parbench."""
import os
import signal
import threading


class Counter:
    def __init__(self):
        self.completed = 0

    def add(self, n: int = 1) -> None:
        self.completed += n


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
        self.seen = completed.completed

    def run(self) -> None:
        while not self.stopped.wait(self.period):
            if os.getppid() != self.parent:
                os.kill(os.getpid(), signal.SIGTERM)
                return
            if self.mode == 'plan':
                self.emit({'event': 'alive'})
            elif self.mode == 'run' and completed.completed != self.seen:
                self.seen = completed.completed
                self.emit({'event': 'progress', 'completed': self.seen})
