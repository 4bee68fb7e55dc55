"""Calibration: choose the knob {chunk, work} so that one task takes the target grain when this
interpreter runs it sequentially.

The same search as src/runner/calibrate.ts, step for step, in the same two halves: `search_knob` holds
every decision and reads no clock (it asks `measure(knob)` for seconds per task); `calibrate` wires it
to `time_per_task`, which batch-times the suite's kernel with an injected clock (default
time.perf_counter). test/fixtures/calibration-vectors.json holds both searches to identical choices;
docs/calibration.md describes the search."""
import math
import time

from .execute import execute_inline
from .task_cap import cap_tasks

TOLERANCE = 0.15
"""The accepted relative distance between the measured per-task time and the grain (±15%)."""
STRICT_FROM = 1e-6
"""Below this grain (seconds) the ±15% target is best-effort: a task is a handful of instructions."""
_AIM = TOLERANCE / 3
_WORK_STEPS = 10
_WORK_GROWTH = 16
_SECONDS_PER_ROUND_GUESS = 1e-9
_SHRINK_STEPS = 3
_CONFIRMATIONS = 2
MAJORITY_PROBES = 3
"""A floor and a confirmation are decided by a majority of this many probes of the same knob."""


def js_round(x):
    """JavaScript's Math.round for a finite float: the nearest integer, halves towards +infinity (Python's
    round sends halves to even: round(2.5) == 2, Math.round(2.5) === 3). Returns an int; a non-finite
    x is returned as it is. Throws nothing."""
    if not math.isfinite(x):
        return x
    floor = math.floor(x)
    return floor + 1 if x - floor >= 0.5 else floor


def time_per_task(suite, inp, context, knob, grain_hint, min_sample_seconds, clock=time.perf_counter) -> float:
    """Seconds per task at `knob`: the median of three batch-timed passes (after one warm-up pass) over
    ceil(4 * min_sample_seconds / max(grain_hint, 1e-9)) tasks (at least 1, at most all) chosen by
    `cap_tasks` (the task cap's sample). A pass runs the sample repeatedly until `clock()` (seconds) has advanced at least
    `min_sample_seconds`, and divides the elapsed time by the number of kernel calls. Raises whatever
    the suite's split or kernel raises."""
    tasks = suite.split(inp, knob)
    count = max(1, min(len(tasks), math.ceil(4 * min_sample_seconds / max(grain_hint, 1e-9))))
    sample = cap_tasks(tasks, count)

    def one_pass() -> float:
        loops = 0
        start = clock()
        while True:
            execute_inline(suite, sample, context, count)
            loops += 1
            elapsed = clock() - start
            if elapsed >= min_sample_seconds:
                return elapsed / (loops * count)

    one_pass()  # warm-up
    passes = sorted([one_pass(), one_pass(), one_pass()])
    return passes[1]


def _within(measured, target, tolerance) -> bool:
    return abs(measured - target) <= tolerance * target


def median(values) -> float:
    """The median of `values` (seconds): the middle one, or the mean of the two middle ones for an even
    count, as src/runner/calibrate.ts computes it. Raises IndexError on an empty list."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 == 1 else (ordered[mid - 1] + ordered[mid]) / 2


def _by_majority(probe, test, taken=None):
    """Probe until a majority of MAJORITY_PROBES agree on `test`, starting from the probes already
    `taken`; stops as soon as the majority is decided. Returns (passed, median of every probe taken)."""
    taken = list(taken or [])
    need = MAJORITY_PROBES // 2 + 1
    yes = sum(1 for t in taken if test(t))
    no = len(taken) - yes
    while yes < need and no < need:
        t = probe()
        taken.append(t)
        if test(t):
            yes += 1
        else:
            no += 1
    return yes >= need, median(taken)


def _candidate(chunk, work, per_task) -> dict:
    return {'knob': {'chunk': chunk, 'work': work}, 'perTask': per_task}


def _nearer(best, chunk, work, per_task, grain) -> dict:
    """The candidate nearer the grain; the incumbent on a tie."""
    return _candidate(chunk, work, per_task) if abs(per_task - grain) < abs(best['perTask'] - grain) else best


def _result(candidate, reachable, tuned_by) -> dict:
    return {'knob': candidate['knob'], 'perTask': candidate['perTask'], 'reachable': reachable, 'tunedBy': tuned_by}


def _search_chunk(rng, grain, measure, first) -> dict:
    """The largest chunk was too slow: the smallest chunk when a majority of its probes are not faster
    than the grain (a floor unless their median is within ±15%), else a log-scale bisection of the chunk."""
    lo, hi = rng['chunkMin'], rng['chunkMax']
    at_min = measure({'chunk': lo, 'work': 0})
    if at_min >= grain:
        slower, per_task = _by_majority(lambda: measure({'chunk': lo, 'work': 0}), lambda t: t >= grain, [at_min])
        if slower:
            reachable = _within(per_task, grain, TOLERANCE)
            return _result(_candidate(lo, 0, per_task), reachable, 'chunk' if reachable else 'floor')
        at_min = per_task
    best = _nearer(first, lo, 0, at_min, grain)
    while hi - lo > 1:
        mid = js_round(math.sqrt(lo * hi))
        chunk = lo + 1 if mid <= lo else hi - 1 if mid >= hi else mid
        t = measure({'chunk': chunk, 'work': 0})
        best = _nearer(best, chunk, 0, t, grain)
        if _within(t, grain, _AIM):
            break
        if t < grain:
            lo = chunk
        else:
            hi = chunk
    return _result(best, True, 'chunk')


def _probe_work(rng, grain, measure, first) -> dict:
    """The largest chunk was too fast: add rounds of work per unit, starting at a sixteenth of the guess
    of ~1 ns per round per unit, correcting from what a round measured, growing at most 16-fold a step."""
    base, chunk_max = first['perTask'], rng['chunkMax']
    work = max(1, js_round((grain - base) / (chunk_max * _SECONDS_PER_ROUND_GUESS) / _WORK_GROWTH))
    best = first
    for _ in range(_WORK_STEPS):
        work = min(rng['workMax'], max(1, work))
        t = measure({'chunk': chunk_max, 'work': work})
        best = _nearer(best, chunk_max, work, t, grain)
        if _within(t, grain, _AIM) or work == rng['workMax']:
            break
        per_round = (t - base) / work
        nxt = min(work * _WORK_GROWTH, js_round((grain - base) / per_round)) if per_round > 0 else work * _WORK_GROWTH
        if nxt == work:
            break
        work = nxt
    return best


def _shrink_chunk(rng, grain, measure, best) -> dict:
    """Whole rounds can step past the grain: at the chosen work, shrink the chunk in proportion while
    that gets nearer."""
    for _ in range(_SHRINK_STEPS):
        if _within(best['perTask'], grain, _AIM):
            break
        chunk, work = best['knob']['chunk'], best['knob']['work']
        smaller = min(rng['chunkMax'], max(rng['chunkMin'], js_round((chunk * grain) / best['perTask'])))
        if smaller == chunk:
            break
        t = measure({'chunk': smaller, 'work': work})
        if abs(t - grain) >= abs(best['perTask'] - grain):
            break
        best = _candidate(smaller, work, t)
    return best


def _search_once(rng, grain, measure) -> dict:
    first = _candidate(rng['chunkMax'], 0, measure({'chunk': rng['chunkMax'], 'work': 0}))
    if _within(first['perTask'], grain, _AIM):
        return _result(first, True, 'chunk')
    if first['perTask'] > grain:
        return _search_chunk(rng, grain, measure, first)
    best = _shrink_chunk(rng, grain, measure, _probe_work(rng, grain, measure, first))
    return _result(best, True, 'work' if best['knob']['work'] > 0 else 'chunk')


def search_knob(rng: dict, grain: float, measure) -> dict:
    """The calibration search, without a clock. `rng` is a knob range {chunkMin, chunkMax, workMax},
    `grain` the target in seconds, `measure(knob)` seconds per task at knob {chunk, work}. Returns
    {knob, perTask (seconds), reachable, tunedBy ('chunk' | 'work' | 'floor'), probes (calls of
    measure)}. A choice that is not a floor is measured again: when a majority of MAJORITY_PROBES probes
    are within ±15% it is returned with their median; otherwise the search runs again, at most twice,
    and the last choice is returned unconfirmed. The smallest chunk is a floor only when a majority of
    its probes are not faster than the grain (their median is then its time).
    Deterministic for a deterministic `measure`; raises only what `measure` raises."""
    probes = 0

    def counted(knob):
        nonlocal probes
        probes += 1
        return measure(knob)

    result = _search_once(rng, grain, counted)
    for _ in range(_CONFIRMATIONS):
        if result['tunedBy'] == 'floor':
            break
        knob = result['knob']
        passed, per_task = _by_majority(lambda: counted(knob), lambda t: _within(t, grain, TOLERANCE))
        if passed:
            return {**result, 'perTask': per_task, 'probes': probes}
        result = _search_once(rng, grain, counted)
    return {**result, 'probes': probes}


def calibrate(suite, inp, context, grain, min_sample_seconds, clock=time.perf_counter) -> dict:
    """Calibrate `suite` on `inp` for `grain` (seconds per task): `search_knob` over the suite's knob
    range, each measurement by `time_per_task` with `clock` (seconds). Returns {knob, perTask,
    reachable, tunedBy}. Raises whatever the suite's knob_range, split or kernel raises."""
    def measure(knob):
        return time_per_task(suite, inp, context, knob, grain, min_sample_seconds, clock)

    outcome = search_knob(suite.knob_range(inp), grain, measure)
    return {key: outcome[key] for key in ('knob', 'perTask', 'reachable', 'tunedBy')}


def costlier(a: dict, b: dict) -> bool:
    """True when calibration `a`'s knob costs more per task than `b`'s: exactly when one coordinate is
    equal or both move the same way (time grows with chunk and with work); otherwise by their measured
    perTask, as src/runner/calibrate-sweep.ts decides."""
    ca, wa = a['knob']['chunk'], a['knob']['work']
    cb, wb = b['knob']['chunk'], b['knob']['work']
    if ca == cb and wa == wb:
        return False
    if wa >= wb and ca >= cb:
        return True
    if wa <= wb and ca <= cb:
        return False
    return a['perTask'] > b['perTask']


def _sweep_step(rng, grain, measure, floor, reached):
    """One grain of an ascending sweep: a known floor no faster than the grain is shared without a probe;
    after a reachable grain, a floor is not declared again. Returns (calibration, probes)."""
    if floor is not None and floor['perTask'] >= grain:
        reachable = _within(floor['perTask'], grain, TOLERANCE)
        return _result(floor, reachable, 'chunk' if reachable else 'floor'), 0
    outcome = search_knob(rng, grain, measure)
    cal = {key: outcome[key] for key in ('knob', 'perTask', 'reachable', 'tunedBy')}
    if cal['tunedBy'] == 'floor' and reached:
        cal = {**cal, 'reachable': True, 'tunedBy': 'chunk'}
    return cal, outcome['probes']


def search_sweep(rng: dict, grains: list, measure_at, clock=lambda: 0.0) -> list:
    """The calibration search over several grains of one suite, as src/runner/calibrate-sweep.ts's
    searchSweep: grains (seconds, any order) searched ascending with `measure_at(grain)` giving a
    `measure(knob)`; a grain no faster than a floor already found shares it without a probe, no floor
    after a reachable grain, and from the largest grain down a smaller grain never keeps a knob costlier
    than a larger one's (it takes the larger grain's calibration; floors share the largest floor grain's).
    Returns [{grain, calibration, probes, seconds (by `clock`)}] in the order given. Raises only what
    the measures raise."""
    order = sorted(range(len(grains)), key=lambda i: (grains[i], i))
    rows, floor, reached = [], None, False
    for i in order:
        grain = grains[i]
        start = clock()
        cal, probes = _sweep_step(rng, grain, measure_at(grain), floor, reached)
        rows.append({'grain': grain, 'calibration': cal, 'probes': probes, 'seconds': clock() - start})
        if cal['tunedBy'] == 'floor':
            floor = floor or cal
        else:
            reached = True
    for k in range(len(rows) - 2, -1, -1):
        own, larger = rows[k]['calibration'], rows[k + 1]['calibration']
        if (own['tunedBy'] == 'floor' and larger['tunedBy'] == 'floor') or costlier(own, larger):
            rows[k]['calibration'] = dict(larger)
    by_index = {i: rows[k] for k, i in enumerate(order)}
    return [by_index[i] for i in range(len(grains))]


def calibrate_sweep(suite, inp, context, grains, min_sample_seconds, clock=time.perf_counter) -> list:
    """Calibrate `suite` on `inp` for every grain of `grains` (seconds per task) at once, as
    src/runner/calibrate-sweep.ts's calibrateSweep: `search_sweep` over the suite's knob range, each
    measurement by `time_per_task` with the grain as its hint. Returns [{grain, knob, perTask, reachable,
    tunedBy, seconds}] in the order given (`seconds`: that grain's calibration wall time). Raises whatever
    the suite's knob_range, split or kernel raises."""
    def measure_at(grain):
        return lambda knob: time_per_task(suite, inp, context, knob, grain, min_sample_seconds, clock)

    rows = search_sweep(suite.knob_range(inp), list(grains), measure_at, clock)
    return [{'grain': r['grain'], **r['calibration'], 'seconds': r['seconds']} for r in rows]
