"""The driver the TypeScript runner starts: the driver protocol of docs/drivers.md (version 1), JSON lines
over stdio, one request per line, one reply per request (progress events may come before it). Requests:

  {"op": "hello"}  -> {"ok": true, "protocol": 1, "runtime": {"implementation", "python", "parsl"[, "pypy"]},
                       "suites", "backends"}
  {"op": "plan", suite, params, seed, grain, minSampleSeconds, warmup, repeats[, knob][, maxTasks]}
        -> {"ok": true, "knob", "perTask", "reachable", "tunedBy", "tasks"[, "tasksInSet"], "sequential": {...}}
  {"op": "sweep", suite, params, seed, grains, minSampleSeconds}
        -> {"ok": true, "rows": [{"grain", "knob", "perTask", "reachable", "tunedBy", "seconds"}, ...]}
        (every grain at once, as TypeScript's calibration sweep: floors by majority, knobs monotone)
  {"op": "run", backend, workers, suite, params, seed, knob, warmup, repeats[, maxTasks][, cluster][, trace]}
        -> {"ok": true, "startupSeconds", "samples", "warmupSamples", "checksums", "tasks"[, "workers", "cluster"][, "trace"]}
        (cluster: a Dask scheduler's or Ray cluster's address or a Parsl config file to run on; workers
        may then be null, the cluster's count; the reply says which cluster and how many workers ran.
        trace: true stamps every task; "trace": {"spans": [[task, repetition, worker, submitted, started,
        finished, received], ...]}, nanoseconds of time.perf_counter_ns, timed repetitions only; a backend
        that cannot stamp its tasks replies TRACE_UNSUPPORTED)
  {"op": "clock"} -> {"ok": true, "ns": time.perf_counter_ns()}   (the runner maps the spans through it)
  {"op": "exit"}

A failure replies {"ok": false, "code": "TASK_FAILED" | "BAD_REQUEST", "message": one line}. On end of
input, SIGTERM or SIGINT the open backend is closed (Parsl: interchange and workers stopped) and the
driver exits."""
import json
import os
import platform
import shutil
import signal
import sys
import tempfile
import threading
import time

from .backends import BACKEND_NAMES
from .calibrate import calibrate, calibrate_sweep
from .measure import TraceUnsupported, measure_backend, measure_sequential
from .profiling import start_driver_profile
from .progress import Heartbeat
from .suites import SUITES, find_suite
from .task_cap import cap_tasks


PROTOCOL = 1
"""The driver protocol version this driver speaks (docs/drivers.md)."""

_lock = threading.Lock()


def _reply(out, message: dict) -> None:
    line = json.dumps(message) + '\n'
    with _lock:
        out.write(line)
        out.flush()


def _one_line(error: BaseException) -> str:
    text = str(error).strip().split('\n')[0]
    if getattr(error, 'whole_line', False):  # already names what failed (py-shm's PoolFailure)
        return text
    return f'{type(error).__name__}: {text}' if text else type(error).__name__


def _version(package: str):
    """The installed version of `package`, or None."""
    try:
        import importlib.metadata as md
        return md.version(package)
    except Exception:
        return None


def _pypy_version():
    info = getattr(sys, 'pypy_version_info', None)
    return '.'.join(str(part) for part in info[:3]) if info else None


def _input(req):
    suite = find_suite(req['suite'])
    inp = suite.make_input(req['params'], req['seed'])
    context = suite.context(inp) if suite.context else None
    return suite, inp, context


def handle(req: dict, out, run_dir: str) -> dict:
    op = req.get('op')
    if op == 'hello':
        runtime = {'implementation': platform.python_implementation(), 'python': platform.python_version(),
                   'parsl': _version('parsl')}
        libraries = {name: _version(name) for name in ('dask', 'distributed', 'ray')}
        if any(libraries.values()):
            runtime['libraries'] = {name: version for name, version in libraries.items() if version}
        pypy = _pypy_version()
        if pypy:
            runtime['pypy'] = pypy
        return {'ok': True, 'protocol': PROTOCOL, 'runtime': runtime, 'suites': list(SUITES),
                'backends': BACKEND_NAMES, 'ops': ['sweep', 'clock', 'trace']}
    if op == 'clock':
        return {'ok': True, 'ns': time.perf_counter_ns()}
    if op == 'sweep':
        suite, inp, context = _input(req)
        return {'ok': True, 'rows': calibrate_sweep(suite, inp, context, req['grains'], req['minSampleSeconds'])}
    if op == 'plan':
        suite, inp, context = _input(req)
        if req.get('knob'):  # a fixed knob (the study's workloads): no calibration
            cal = {'knob': req['knob'], 'perTask': None, 'reachable': True, 'tunedBy': 'chunk'}
        else:
            cal = calibrate(suite, inp, context, req['grain'], req['minSampleSeconds'])
        whole = suite.split(inp, cal['knob'])
        tasks = cap_tasks(whole, req.get('maxTasks'))
        seq = measure_sequential(suite, inp, context, tasks, req['warmup'], req['repeats'], req['minSampleSeconds'])
        capped = {'tasksInSet': len(whole)} if tasks is not whole else {}
        return {'ok': True, **cal, 'tasks': len(tasks), **capped, 'sequential': seq}
    if op == 'run':
        suite, inp, context = _input(req)

        def on_repeat(done, total):
            _reply(out, {'event': 'repeat', 'done': done, 'total': total})

        source = (json.dumps(req['params'], sort_keys=True), req['seed'])
        profile = start_driver_profile()  # `parbench profile` only (PARBENCH_PROFILE_DIR)
        try:
            timing = measure_backend(req['backend'], req['workers'], suite, inp, context, req['knob'],
                                     req['warmup'], req['repeats'], run_dir, on_repeat, source, req.get('maxTasks'),
                                     profile.restart if profile is not None else None, req.get('cluster'),
                                     bool(req.get('trace')))
        finally:
            if profile is not None:
                profile.stop()
        return {'ok': True, **timing}
    return {'ok': False, 'code': 'BAD_REQUEST', 'message': f'unknown op {op!r} (allowed: hello, sweep, clock, plan, run, exit)'}


def _stop(signum, frame):
    raise KeyboardInterrupt(f'signal {signum}')


def _environment() -> None:
    """HTEX starts interchange.py and process_worker_pool.py by name, and its workers import this
    package: put this interpreter's scripts on PATH and this package on PYTHONPATH for them."""
    scripts = os.path.dirname(sys.executable)
    os.environ['PATH'] = os.pathsep.join([scripts, os.environ.get('PATH', '')])
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.environ['PYTHONPATH'] = os.pathsep.join(p for p in [here, os.environ.get('PYTHONPATH', '')] if p)


def main() -> int:
    _environment()
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    out = sys.stdout
    sys.stdout = sys.stderr  # anything else that prints must not corrupt the protocol
    # The TypeScript side makes the working directory and removes it even when this process is killed;
    # run on its own, the driver makes and removes one itself.
    given = os.environ.get('PARBENCH_RUN_DIR')
    run_dir = given if given else tempfile.mkdtemp(prefix='parbench-py-')
    heartbeat = Heartbeat(lambda message: _reply(out, message))
    heartbeat.start()
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                req = json.loads(line)
            except ValueError as error:
                _reply(out, {'ok': False, 'code': 'BAD_REQUEST', 'message': _one_line(error)})
                continue
            if req.get('op') == 'exit':
                break
            heartbeat.set_mode('plan' if req.get('op') == 'plan' else 'run')
            try:
                _reply(out, handle(req, out, run_dir))
            except KeyboardInterrupt:
                raise
            except TraceUnsupported as error:
                _reply(out, {'ok': False, 'code': 'TRACE_UNSUPPORTED', 'message': str(error)})
            except BaseException as error:  # a failed task, a broken pool: one line back, keep serving
                _reply(out, {'ok': False, 'code': 'TASK_FAILED', 'message': _one_line(error)})
            finally:
                heartbeat.set_mode(None)
    except KeyboardInterrupt:
        return 130
    finally:
        heartbeat.stopped.set()
        if not given:
            shutil.rmtree(run_dir, ignore_errors=True)
    return 0


if __name__ == '__main__':
    os.environ.setdefault('PYTHONUNBUFFERED', '1')
    sys.exit(main())
