"""The Ray backend: one remote function call per parbench task, the ObjectRefs of its dependencies passed
as arguments (Ray resolves them before the task runs). Locally `ray.init` starts a node with W CPUs on
127.0.0.1, dashboard and usage statistics off, its session files in the driver's run directory; with
--ray-address it connects to that cluster instead (W: the cluster's CPUs unless fewer were asked for)."""
import os
import shutil
import tempfile

from ..execute import await_all, noop, run_app, submit_graph

LOOPBACK = '127.0.0.1'
WARM_SECONDS = 0.05
MAX_TEMP_DIR = 40  # Ray's socket paths (<dir>/session_<date>_<pid>/sockets/plasma_store) must fit in 107 bytes


def hold(seconds: float) -> int:
    """Start-up only: keep a worker busy for `seconds`, so that W of these need W workers running."""
    import time
    time.sleep(seconds)
    return os.getpid()


def _keep_loopback() -> None:
    """ray.init replaces a loopback node address with this machine's outside address ("remotely
    reachable"), and Ray's servers then bind that or every interface. A local node needs no outside
    address: keep 127.0.0.1 as given, so every server binds loopback."""
    from ray._private import services
    services.resolve_ip_for_localhost = lambda host: host


def _on_loopback(address: str) -> bool:
    """Whether a Ray address (HOST:PORT or ray://HOST:PORT) names this machine's loopback."""
    host = address.split('://')[-1].rsplit(':', 1)[0].strip('[]')
    return host in ('localhost', '::1') or host.startswith('127.')


class RayBackend:
    """A Ray driver on a local node of W CPUs, or on the cluster at `cluster` (see the module comment)."""

    def __init__(self, workers, suite, context, run_dir=None, source=None, cluster=None):
        """Start a local node of W CPUs or connect to `cluster`, and have W workers running (start-up,
        timed apart). Raises ConnectionError when the cluster cannot be reached."""
        os.environ['RAY_USAGE_STATS_ENABLED'] = '0'
        import ray
        self.ray = ray
        self.suite = suite
        # Workers are other processes: each builds the context once from (params, seed).
        self.source = source if context is not None else None
        self.cluster = None
        quiet = {'include_dashboard': False, 'log_to_driver': False, 'configure_logging': False}
        try:
            if cluster:
                package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
                # A cluster on this machine's loopback: this driver's node address stays loopback too.
                here = {'_node_ip_address': LOOPBACK} if _on_loopback(cluster) else {}
                if here:
                    _keep_loopback()
                ray.init(address=cluster, runtime_env={'py_modules': [package]}, **here, **quiet)
                self._describe(workers)
            else:
                _keep_loopback()
                ray.init(num_cpus=workers, _node_ip_address=LOOPBACK, _temp_dir=self._session_dir(run_dir), **quiet)
                self.workers = workers
                self.task_cpus = 1
            self.remote = ray.remote(num_cpus=self.task_cpus, max_retries=0)(run_app)
            ray.get([ray.remote(num_cpus=self.task_cpus)(hold).remote(WARM_SECONDS) for _ in range(self.workers)])
            ray.get(ray.remote(num_cpus=self.task_cpus)(noop).remote())
        except BaseException:
            self.close()
            raise

    def _session_dir(self, run_dir):
        """Where Ray keeps its session (sockets, logs): the driver's run directory (removed by parbench
        even when the driver is killed) when short enough for Ray's socket paths, else a directory of
        our own that close() removes (under /tmp when TMPDIR is too long a path)."""
        if run_dir and len(run_dir) <= MAX_TEMP_DIR:
            return run_dir
        # Under the system's temporary directory when that is short enough, else under /tmp.
        base = tempfile.gettempdir()
        prefix = 'parbench-ray-'
        short = len(base) + 1 + len(prefix) + 8 <= MAX_TEMP_DIR
        self.own_dir = tempfile.mkdtemp(prefix=prefix, dir=base if short else '/tmp')
        return self.own_dir

    def _describe(self, asked):
        """The user's cluster as it reports itself; W = its CPUs, or `asked` when fewer."""
        resources = self.ray.cluster_resources()
        cpus = int(resources.get('CPU', 0))
        if cpus < 1:
            raise RuntimeError('the Ray cluster reports no CPU')
        self.workers = cpus if not asked else min(asked, cpus)
        self.task_cpus = cpus / self.workers  # at most W tasks at once
        nodes = [n for n in self.ray.nodes() if n.get('Alive')]
        self.cluster = {'address': self.ray.get_runtime_context().gcs_address, 'workers': cpus, 'cores': cpus,
                        'nodes': len(nodes), 'versions': {'ray': self.ray.__version__}}

    def execute(self, inp, knob, tasks, whole=True):
        """Submit every task with its dependencies' ObjectRefs, wait (counting completions), get all."""
        ray, name, remote = self.ray, self.suite.name, self.remote
        extra = {'source': self.source} if self.source is not None else {}
        refs = submit_graph(lambda payload, *deps: remote.remote(name, payload, *deps, **extra), tasks)
        await_all(lambda seconds: len(ray.wait(refs, num_returns=len(refs), timeout=seconds, fetch_local=False)[0]), len(refs))
        return ray.get(refs), None

    def close(self):
        """Shut Ray down (a local node stops with its processes) and remove a session directory of ours."""
        ray, self.ray = getattr(self, 'ray', None), None
        try:
            if ray is not None and ray.is_initialized():
                ray.shutdown()
        finally:
            if getattr(self, 'own_dir', None):
                shutil.rmtree(self.own_dir, ignore_errors=True)
