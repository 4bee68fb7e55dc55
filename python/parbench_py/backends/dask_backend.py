"""Dask backends. `dask-threads`: dask's local threaded scheduler (`dask.threaded.get` on a pool of W
threads) over a task graph whose keys stand for the results a task depends on. `dask-distributed`: a
`distributed.Client` submitting one task per parbench task with the futures of its dependencies as
arguments, on a `LocalCluster` of W single-threaded worker processes (127.0.0.1, no dashboard) or on the
scheduler at the address the user gave (--dask-scheduler)."""
import logging
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from ..execute import await_all, noop, run_app, run_task, set_context, submit_graph
from ..progress import completed

LOOPBACK = '127.0.0.1'
CONNECT_SECONDS = 10  # a scheduler that does not answer within this is reported unreachable


def _counted(suite_name, payload, *deps):
    """A task of the threaded scheduler: one kernel call, counted for the heartbeat."""
    result = run_task(suite_name, payload, deps)
    completed.add()
    return result


class DaskThreadsBackend:
    """dask.threaded.get with a ThreadPoolExecutor of W threads; the suite's context is shared."""

    def __init__(self, workers, suite, context, run_dir=None, source=None, cluster=None):
        """Start W threads and run a no-op through the scheduler (start-up, timed apart)."""
        import dask.threaded
        self.get = dask.threaded.get
        self.suite = suite
        self.workers = workers
        set_context(suite.name, context)
        self.pool = ThreadPoolExecutor(max_workers=workers)
        for f in [self.pool.submit(noop, i) for i in range(workers)]:
            f.result()
        self.get({'start': (noop,)}, 'start', pool=self.pool, num_workers=workers)

    def execute(self, inp, knob, tasks, whole=True):
        """Run `tasks` as one graph; returns (results in task order, None)."""
        name = self.suite.name
        # The payload travels inside a partial, so dask never mistakes a number in it for a key.
        graph = {('t', i): (partial(_counted, name, t.payload), *[('t', d) for d in t.deps]) for i, t in enumerate(tasks)}
        keys = [('t', i) for i in range(len(tasks))]
        return list(self.get(graph, keys, pool=self.pool, num_workers=self.workers)), None

    def close(self):
        """Stop the threads."""
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskDistributedBackend:
    """A distributed Client on a LocalCluster of W worker processes, or on the user's scheduler (then
    `workers` and `cluster` describe that cluster: W is its worker count unless fewer were asked for)."""

    def __init__(self, workers, suite, context, run_dir=None, source=None, cluster=None):
        """Start a LocalCluster of W workers or connect to `cluster`, wait for the workers and run a
        no-op on each (start-up, timed apart). Raises OSError when the scheduler cannot be reached."""
        from distributed import Client, LocalCluster
        self.suite = suite
        # Workers are other processes: each builds the context once from (params, seed).
        self.source = source if context is not None else None
        self.local = None
        self.client = None
        self.cluster = None
        self.restrict = {}
        try:
            if cluster:
                self.client = Client(cluster, timeout=CONNECT_SECONDS)
                self.client.wait_for_workers(1, timeout=CONNECT_SECONDS)
                self._describe(cluster, workers)
            else:
                self.local = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host=LOOPBACK,
                                          dashboard_address=None, local_directory=run_dir,
                                          # no dashboard; the scheduler's health and metrics server on a free loopback port, not 8787
                                          scheduler_kwargs={'dashboard_address': f'{LOOPBACK}:0'}, silence_logs=logging.CRITICAL + 10)
                self.client = Client(self.local)
                self.client.wait_for_workers(workers, timeout=CONNECT_SECONDS)
                self.workers = workers
            self.client.run(noop)
        except BaseException:
            self.close()
            raise

    def _describe(self, address, asked):
        """The user's cluster as it reports itself; W = its workers, or `asked` when fewer."""
        info = self.client.scheduler_info(n_workers=-1)
        nthreads = self.client.nthreads()
        names = sorted(info['workers'])
        self.workers = len(names) if not asked else min(asked, len(names))
        if self.workers < len(names):
            self.restrict = {'workers': names[:self.workers], 'allow_other_workers': False}
        used = names[:self.workers]
        versions = self.client.get_versions().get('scheduler', {}) or {}
        packages = versions.get('packages', {})
        self.cluster = {'address': info.get('address', address), 'workers': len(names),
                        'cores': sum(nthreads[w] for w in names), 'usedCores': sum(nthreads[w] for w in used),
                        'versions': {k: str(packages[k]) for k in ('python', 'dask', 'distributed') if packages.get(k)}}

    def execute(self, inp, knob, tasks, whole=True):
        """Submit every task with its dependencies' futures, wait (counting completions), gather."""
        name, submit = self.suite.name, self.client.submit
        extra = {'source': self.source} if self.source is not None else {}
        futures = submit_graph(lambda payload, *deps: submit(run_app, name, payload, *deps, pure=False, **extra, **self.restrict), tasks)
        await_all(lambda seconds: _done_within(futures, seconds), len(futures))
        return self.client.gather(futures), None

    def close(self):
        """Close the client and, when it is ours, the LocalCluster and its worker processes."""
        client, self.client = self.client, None
        local, self.local = self.local, None
        try:
            if client is not None:
                client.close()
        finally:
            if local is not None:
                local.close()


def _done_within(futures, seconds: float) -> int:
    """How many of `futures` are done (finished or failed) after waiting up to `seconds` for all."""
    from distributed import wait
    try:
        wait(futures, timeout=seconds)
        return len(futures)
    except TimeoutError:
        return sum(1 for f in futures if f.done())
