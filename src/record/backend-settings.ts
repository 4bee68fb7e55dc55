/**
 * What each Parsl, Dask and Ray row configures, in words: `parbench list`, the table footer and
 * docs/python.md say the same (python/parbench_py/backends/parsl_config.py, dask_backend.py and
 * ray_backend.py are the code). Kept beside the record so that both the backends (list) and the report
 * (footer) can read it.
 */

/** Backend name → its settings, one line each. */
export const BACKEND_SETTINGS: Readonly<Record<string, string>> = {
  'parsl-threads': 'tuned: Parsl ThreadPoolExecutor(max_threads=W); Config(strategy=none, initialize_logging=False, monitoring=None, usage_tracking=0, retries=0)',
  'parsl-htex':
    'tuned: HighThroughputExecutor(address=127.0.0.1, max_workers_per_node=W, cores_per_worker=1e-6, LocalProvider(init_blocks=min_blocks=max_blocks=1)); Config(strategy=none, initialize_logging=False, monitoring=None, usage_tracking=0, retries=0)',
  'parsl-threads-default': "Parsl's defaults: Config(executors=[ThreadPoolExecutor(max_threads=W)], run_dir=<temporary>), everything else default (logging on, strategy=simple)",
  'parsl-htex-default':
    "Parsl's defaults: Config(executors=[HighThroughputExecutor(address=127.0.0.1, max_workers_per_node=W, provider=LocalProvider())], run_dir=<temporary>), everything else default (logging on, strategy=simple, cores_per_worker=1)",
  'dask-threads': "dask's local threaded scheduler: dask.threaded.get(graph, pool=ThreadPoolExecutor(W)); dependencies as graph keys",
  'dask-distributed': 'distributed.Client on LocalCluster(n_workers=W, threads_per_worker=1, processes=True, host=127.0.0.1, dashboard off); one client.submit per task, dependencies as futures',
  ray: 'ray.init(num_cpus=W, node address 127.0.0.1, include_dashboard=False, usage stats off); one remote call per task, dependencies as ObjectRefs',
};
