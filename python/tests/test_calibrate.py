"""Calibration timed on a synthetic clock: the same cases, and the same choices, as
test/runner/calibrate.test.ts."""
import dataclasses

from parbench_py.calibrate import calibrate, js_round, time_per_task
from parbench_py.task_cap import sample_tasks
from parbench_py.suites import Task, find_suite

TICK = 2 ** -40


def ticks(seconds):
    return js_round(seconds / TICK)


def on_synthetic_clock(suite, cost):
    """`suite` whose kernel only advances a clock by cost(payload) seconds (whole ticks of 2^-40 s)."""
    state = {'now': 0, 'calls': 0}

    def kernel(payload, deps=(), context=None):
        state['calls'] += 1
        state['now'] += ticks(cost(payload))

    return dataclasses.replace(suite, kernel=kernel), lambda: state['now'] * TICK


def square_cost(base, per_element, per_round):
    return lambda payload: base + per_element * len(payload[1]) + per_round * len(payload[1]) * payload[2]


def fib_cost(base, per_round):
    return lambda payload: base + per_round * payload[2]


SQUARE = find_suite('square')
FIB = find_suite('fib')


def test_js_round_sends_halves_up():
    assert [js_round(x) for x in (2.5, 3.5, -2.5, 0.49999999999999994, 4503599627370497.0, 1e300)] == \
        [3, 4, -2, 0, 4503599627370497, int(1e300)]
    assert js_round(float('inf')) == float('inf')


def test_square_mid_grain_by_work_on_the_largest_tile():
    suite, clock = on_synthetic_clock(SQUARE, square_cost(2e-7, 1e-9, 2e-9))
    inp = SQUARE.make_input({'n': 4, 'tile': 64}, 1)
    cal = calibrate(suite, inp, None, 1e-4, 0.001, clock)
    assert cal == {'knob': {'chunk': 64, 'work': 779}, 'perTask': ticks(2e-7 + 64e-9 + 128e-9 * 779) * TICK,
                   'reachable': True, 'tunedBy': 'work'}


def test_square_small_grain_by_shrinking_the_tile():
    suite, clock = on_synthetic_clock(SQUARE, square_cost(5e-8, 1e-9, 2e-9))
    inp = SQUARE.make_input({'n': 4, 'tile': 4096}, 1)
    cal = calibrate(suite, inp, None, 1e-6, 0.001, clock)
    assert cal['knob'] == {'chunk': 1024, 'work': 0}
    assert cal['tunedBy'] == 'chunk' and cal['reachable']
    assert abs(cal['perTask'] - 1.074e-6) < 1e-12


def test_square_shrinks_the_tile_when_whole_rounds_step_past_the_grain():
    suite, clock = on_synthetic_clock(SQUARE, square_cost(2e-7, 1e-9, 1e-6))
    inp = SQUARE.make_input({'n': 4, 'tile': 64}, 1)
    cal = calibrate(suite, inp, None, 1e-4, 0.001, clock)
    assert cal['knob'] == {'chunk': 50, 'work': 2} and cal['tunedBy'] == 'work'


def test_fib_mid_grain_by_rounds_of_work():
    suite, clock = on_synthetic_clock(FIB, fib_cost(1e-7, 3e-9))
    cal = calibrate(suite, {'n': 8}, None, 1e-5, 0.001, clock)
    assert cal == {'knob': {'chunk': 1, 'work': 3300}, 'perTask': ticks(1e-7 + 3e-9 * 3300) * TICK,
                   'reachable': True, 'tunedBy': 'work'}


def test_a_floor_is_never_pretended_reachable():
    suite, clock = on_synthetic_clock(FIB, fib_cost(4e-8, 3e-9))
    cal = calibrate(suite, {'n': 8}, None, 1e-12, 0.001, clock)
    assert cal == {'knob': {'chunk': 1, 'work': 0}, 'perTask': ticks(4e-8) * TICK, 'reachable': False, 'tunedBy': 'floor'}


DT = 2 ** -20


def counting_suite(seen, state):
    def split(inp, knob):
        return [Task(i, []) for i in range(-(-1000 // knob['chunk']))]

    def kernel(payload, deps=(), context=None):
        seen.append(payload)
        state['now'] += DT

    return dataclasses.replace(SQUARE, split=split, kernel=kernel)


def test_time_per_task_is_exactly_the_per_call_time():
    state = {'now': 0.0}
    suite = counting_suite([], state)
    assert time_per_task(suite, None, None, {'chunk': 1, 'work': 0}, DT, 16 * DT, lambda: state['now']) == DT


def test_time_per_task_times_a_spread_sample_in_a_warm_up_and_three_passes():
    state, seen = {'now': 0.0}, []
    suite = counting_suite(seen, state)
    time_per_task(suite, None, None, {'chunk': 1, 'work': 0}, DT, 16 * DT, lambda: state['now'])
    sample = [t.payload for t in sample_tasks(suite.split(None, {'chunk': 1, 'work': 0}), 64)]
    assert seen == sample * 4


def test_time_per_task_loops_a_small_sample_until_the_pass_is_long_enough():
    state, seen = {'now': 0.0}, []
    suite = counting_suite(seen, state)
    assert time_per_task(suite, None, None, {'chunk': 10, 'work': 0}, DT, 250 * DT, lambda: state['now']) == DT
    assert len(seen) == 4 * 3 * 100


def test_time_per_task_takes_the_median_pass():
    state = {'now': 0, 'call': 0}
    extra = [0, 5, 1, 3]

    def kernel(payload, deps=(), context=None):
        state['now'] += 1 + extra[state['call']]
        state['call'] += 1

    suite = dataclasses.replace(SQUARE, split=lambda inp, knob: [Task(0, [])], kernel=kernel)
    assert time_per_task(suite, None, None, {'chunk': 1, 'work': 0}, 1, 1, lambda: state['now']) == 4


def test_sample_tasks_spreads_independent_tasks_and_keeps_graphs_whole():
    independent = [Task(i, []) for i in range(100)]
    assert [t.payload for t in sample_tasks(independent, 4)] == [12, 37, 62, 87]
    assert sample_tasks(independent, 200) is independent
    graph = [Task(0, []), Task(1, [0]), Task(2, [1])]
    assert sample_tasks(graph, 2) is graph


def test_calibrate_on_this_machine_returns_a_consistent_knob():
    inp = SQUARE.make_input({'n': 1, 'tile': 64}, 1)
    cal = calibrate(SQUARE, inp, None, 1e-4, 0.001)
    rng = SQUARE.knob_range(inp)
    assert rng['chunkMin'] <= cal['knob']['chunk'] <= rng['chunkMax']
    assert 0 <= cal['knob']['work'] <= rng['workMax']
    assert cal['tunedBy'] == (('work' if cal['knob']['work'] > 0 else 'chunk') if cal['reachable'] else 'floor')
    assert cal['perTask'] > 0
