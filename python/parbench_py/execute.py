"""Running a task set: inline (the sequential reference) or on a concurrent.futures-style executor,
where a task is submitted as soon as the results it depends on are in. Nothing here reads a clock."""
import json
import queue

from .progress import completed
from .suites import find_suite

_context = {}


def set_context(suite_name: str, context) -> None:
    """Process-pool initializer: the suite's context, sent once per worker, not per task."""
    _context[suite_name] = context


def run_task(suite_name: str, payload, deps=()):
    """What a worker runs: one kernel call. Module-level so process pools and Parsl can pickle it."""
    return find_suite(suite_name).kernel(payload, list(deps), _context.get(suite_name))


def run_app(suite_name: str, payload, *deps, source=None):
    """run_task with dependencies as positional arguments, the form Parsl resolves futures in. A worker
    that was sent no context (HTEX) builds it once from `source` = (params as JSON, seed)."""
    suite = find_suite(suite_name)
    context = _context.get(suite_name)
    if context is None and source is not None:
        context = _context.get((suite_name, source))
        if context is None:
            context = suite.context(suite.make_input(json.loads(source[0]), source[1]))
            _context[(suite_name, source)] = context
    return suite.kernel(payload, list(deps), context)


def noop(_: int = 0) -> None:
    """Started once per worker before the clock starts, so start-up is not timed with the tasks."""
    return None


def execute_inline(suite, tasks, context, count=None) -> list:
    count = len(tasks) if count is None else count
    results = [None] * count
    kernel = suite.kernel
    for i in range(count):
        task = tasks[i]
        results[i] = kernel(task.payload, [results[d] for d in task.deps] if task.deps else [], context)
    return results


def independent(tasks) -> bool:
    return all(not t.deps for t in tasks)


def collect(futures) -> list:
    results = []
    for f in futures:
        results.append(f.result())
        completed.add()
    return results


def submit_graph(submit, tasks) -> list:
    """Submit every task in task order as `submit(payload, *dependency_futures)`, the form task libraries
    resolve dependencies in (Parsl apps, Dask futures, Ray ObjectRefs): the runtime sees the whole graph.
    Returns the futures in task order."""
    futures = []
    for t in tasks:
        futures.append(submit(t.payload, *[futures[d] for d in t.deps]))
    return futures


def await_all(poll, total: int) -> None:
    """Wait until `poll(timeout_seconds)`, which returns how many of the `total` tasks are done, reaches
    `total`, counting completions for the heartbeat as they come (about once a second)."""
    done = 0
    while done < total:
        now = poll(1.0)
        if now > done:
            completed.add(now - done)
            done = now


def execute_on(submit, tasks) -> list:
    """Run tasks through `submit(payload, dep_values) -> Future`; results in task order."""
    if independent(tasks):
        futures = [submit(t.payload, ()) for t in tasks]
        return collect(futures)
    n = len(tasks)
    results = [None] * n
    dependents = [[] for _ in range(n)]
    waiting = [len(t.deps) for t in tasks]
    for i, t in enumerate(tasks):
        for d in t.deps:
            dependents[d].append(i)
    done = queue.SimpleQueue()

    def launch(i: int) -> None:
        future = submit(tasks[i].payload, [results[d] for d in tasks[i].deps])
        future.add_done_callback(lambda f, i=i: done.put((i, f)))

    for i in range(n):
        if waiting[i] == 0:
            launch(i)
    for _ in range(n):
        i, future = done.get()
        results[i] = future.result()
        completed.add()
        for j in dependents[i]:
            waiting[j] -= 1
            if waiting[j] == 0:
                launch(j)
    return results
