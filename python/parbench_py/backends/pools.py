"""Plain Python backends: in-process sequential, concurrent.futures threads and processes."""
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from ..execute import execute_on, noop, run_task, set_context
from ..profiling import profile_dir, start_worker_profile
from ..progress import completed


class SequentialBackend:
    """One task after another in the driver, through the same dispatch function workers call."""

    def __init__(self, workers, suite, context):
        self.suite = suite
        set_context(suite.name, context)

    def execute(self, inp, knob, tasks, whole=True, tracer=None):
        name = self.suite.name
        if tracer is not None:
            from ..trace import execute_inline_traced
            return execute_inline_traced(name, tasks, tracer), None
        results = [None] * len(tasks)
        for i, t in enumerate(tasks):
            results[i] = run_task(name, t.payload, [results[d] for d in t.deps])
            completed.add()
        return results, None

    def close(self):
        pass


class _PoolBackend:
    def __init__(self, pool, workers, suite):
        self.pool = pool
        self.suite = suite
        try:
            for f in [pool.submit(noop, i) for i in range(workers)]:
                f.result()
        except BaseException:
            self.close()
            raise

    def execute(self, inp, knob, tasks, whole=True, tracer=None):
        name, submit = self.suite.name, self.pool.submit
        if tracer is not None:
            from ..trace import execute_traced, run_task_traced
            return execute_traced(lambda payload, deps: submit(run_task_traced, name, payload, deps), tasks, tracer), None
        return execute_on(lambda payload, deps: submit(run_task, name, payload, deps), tasks), None

    def close(self):
        self.pool.shutdown(wait=True, cancel_futures=True)


class ThreadsBackend(_PoolBackend):
    def __init__(self, workers, suite, context):
        set_context(suite.name, context)
        super().__init__(ThreadPoolExecutor(max_workers=workers), workers, suite)


def _profiled_worker(suite_name, context) -> None:
    """Process-pool initializer under `parbench profile`: the context, then cProfile in this worker."""
    set_context(suite_name, context)
    start_worker_profile()


class ProcessesBackend(_PoolBackend):
    def __init__(self, workers, suite, context):
        initializer = _profiled_worker if profile_dir() else set_context
        pool = ProcessPoolExecutor(max_workers=workers, initializer=initializer, initargs=(suite.name, context))
        super().__init__(pool, workers, suite)
