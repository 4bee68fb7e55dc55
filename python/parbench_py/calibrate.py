"""Calibration, the same search as src/runner/calibrate.ts, timed on this interpreter: choose the knob
{chunk, work} so that one task takes the target grain when this interpreter runs it sequentially."""
import math
import time

from .execute import execute_inline

TOLERANCE = 0.15


def time_per_task(suite, inp, context, knob, grain_hint, min_sample_seconds) -> float:
    tasks = suite.split(inp, knob)
    count = max(1, min(len(tasks), math.ceil(4 * min_sample_seconds / max(grain_hint, 1e-9))))
    execute_inline(suite, tasks, context, count)
    passes = []
    for _ in range(3):
        loops = 0
        start = time.perf_counter()
        while True:
            execute_inline(suite, tasks, context, count)
            loops += 1
            elapsed = time.perf_counter() - start
            if elapsed >= min_sample_seconds:
                break
        passes.append(elapsed / (loops * count))
    passes.sort()
    return passes[1]


def _within(measured, target, tolerance) -> bool:
    return abs(measured - target) <= tolerance * target


def calibrate(suite, inp, context, grain, min_sample_seconds) -> dict:
    rng = suite.knob_range(inp)

    def measure(knob):
        return time_per_task(suite, inp, context, knob, grain, min_sample_seconds)

    def result(knob, per_task, reachable, tuned_by):
        return {'knob': knob, 'perTask': per_task, 'reachable': reachable, 'tunedBy': tuned_by}

    aim = TOLERANCE / 3
    knob = {'chunk': rng['chunkMax'], 'work': 0}
    per_task = measure(knob)
    if _within(per_task, grain, aim):
        return result(knob, per_task, True, 'chunk')

    if per_task > grain:
        lo, hi = rng['chunkMin'], rng['chunkMax']
        best = (knob, per_task)
        at_min = measure({'chunk': lo, 'work': 0})
        if at_min >= grain:
            reachable = _within(at_min, grain, TOLERANCE)
            return result({'chunk': lo, 'work': 0}, at_min, reachable, 'chunk' if reachable else 'floor')
        if abs(at_min - grain) < abs(best[1] - grain):
            best = ({'chunk': lo, 'work': 0}, at_min)
        while hi - lo > 1:
            mid = round((lo * hi) ** 0.5)
            chunk = lo + 1 if mid <= lo else hi - 1 if mid >= hi else mid
            t = measure({'chunk': chunk, 'work': 0})
            if abs(t - grain) < abs(best[1] - grain):
                best = ({'chunk': chunk, 'work': 0}, t)
            if _within(t, grain, aim):
                break
            if t < grain:
                lo = chunk
            else:
                hi = chunk
        return result(best[0], best[1], True, 'chunk')

    base = per_task
    work = max(1, round((grain - base) / (rng['chunkMax'] * 1e-8)))
    best = (knob, per_task)
    for _ in range(8):
        work = min(rng['workMax'], max(1, work))
        t = measure({'chunk': rng['chunkMax'], 'work': work})
        if abs(t - grain) < abs(best[1] - grain):
            best = ({'chunk': rng['chunkMax'], 'work': work}, t)
        if _within(t, grain, aim) or work == rng['workMax']:
            break
        per_round = (t - base) / work
        nxt = round((grain - base) / per_round) if per_round > 0 else work * 2
        if nxt == work:
            break
        work = nxt
    return result(best[0], best[1], True, 'work' if best[0]['work'] > 0 else 'chunk')
