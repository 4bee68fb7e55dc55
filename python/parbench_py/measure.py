"""The driver's clock: time.perf_counter around the same spans the TypeScript runner times — the
sequential reference (inline, batch-timed), backend start-up (apart), and each repetition from the first
submit to the last result. Every repetition's result is fingerprinted for the runner to verify."""
import inspect
import math
import time

from .backends import open_backend
from .execute import execute_inline
from .task_cap import cap_tasks
from .trace import Tracer


def measure_sequential(suite, inp, context, tasks, warmup, repeats, min_sample_seconds) -> dict:
    start = time.perf_counter()
    expected = suite.combine(inp, execute_inline(suite, tasks, context))
    once = time.perf_counter() - start
    loops = 1 if once >= min_sample_seconds else min(1_000_000, math.ceil(min_sample_seconds / max(once, 1e-9)))
    samples, warmup_samples = [], []
    for r in range(warmup + repeats):
        start = time.perf_counter()
        for _ in range(loops):
            execute_inline(suite, tasks, context)
        sample = (time.perf_counter() - start) / loops
        (warmup_samples if r < warmup else samples).append(sample)
    return {'samples': samples, 'warmupSamples': warmup_samples, 'loops': loops,
            'checksum': suite.checksum(expected), 'tasks': expected['tasks']}


class TraceUnsupported(Exception):
    """A traced run asked of a backend whose `execute` cannot stamp its tasks; the message is its name."""


def measure_backend(name, workers, suite, inp, context, knob, warmup, repeats, run_dir, on_repeat, source=None,
                    max_tasks=None, on_open=None, cluster=None, trace=False) -> dict:
    """`source` = (params as JSON, seed): how a worker that cannot be sent the context builds it.
    `max_tasks`: run the sample cap_tasks takes of a larger set (None: every task). `on_open`: called
    once the backend is open, before the first repetition (a profiler drops the start-up there).
    `cluster`: the address or Parsl config file of the user's cluster to run on (None: start the
    backend's own pool); then `workers` may be None (the cluster's count) and the reply adds `workers`
    and `cluster`. `trace`: stamp every task (trace.py) and return the timed repetitions' spans as
    `trace`; raises TraceUnsupported for a backend whose `execute` takes no tracer."""
    whole = suite.split(inp, knob)
    tasks = cap_tasks(whole, max_tasks)
    start = time.perf_counter()
    backend = open_backend(name, workers, suite, context, run_dir, source, cluster)
    startup = time.perf_counter() - start
    if trace and 'tracer' not in inspect.signature(backend.execute).parameters:
        backend.close()
        raise TraceUnsupported(name)
    if on_open is not None:
        on_open()
    on_cluster = {'workers': backend.workers, 'cluster': backend.cluster} if getattr(backend, 'cluster', None) else {}
    try:
        samples, warmup_samples, checksums, counts, spans = [], [], [], [], []
        total = warmup + repeats
        for r in range(total):
            tracer = Tracer() if trace else None
            begin = time.perf_counter()
            if tracer is None:
                results, combined = backend.execute(inp, knob, tasks, tasks is whole)
            else:
                results, combined = backend.execute(inp, knob, tasks, tasks is whole, tracer=tracer)
            elapsed = time.perf_counter() - begin
            if tracer is not None and r >= warmup:
                spans.extend([s[0], r - warmup, *s[1:]] for s in tracer.finished_spans())
            if combined is None:
                combined = suite.combine(inp, results)
            checksums.append(suite.checksum(combined))
            counts.append(combined['tasks'])
            (warmup_samples if r < warmup else samples).append(elapsed)
            on_repeat(r + 1, total)
        settings = backend.executor_settings() if hasattr(backend, 'executor_settings') else None
    finally:
        backend.close()
    timing = {'startupSeconds': startup, 'samples': samples, 'warmupSamples': warmup_samples,
              'checksums': checksums, 'tasks': counts, **on_cluster}
    if settings is not None:
        timing['executor'] = settings
    return {**timing, 'trace': {'spans': spans}} if trace else timing
