"""The Python search against test/fixtures/calibration-vectors.json, which the TypeScript search wrote
(scripts/make-calibration-vectors.mjs) and vitest checks too: the same cost model in, the same knob out."""
import pytest

from parbench_py.calibrate import TOLERANCE, search_knob, search_sweep


def model_measure(model):
    """A measure for search_knob: the vector's cost model, probe i multiplied by noise[i] (1 past the
    end), evaluated in the same order as the TypeScript side; records the knobs it is asked about."""
    probes = []
    noise = model.get('noise', [])

    def measure(knob):
        factor = noise[len(probes)] if len(probes) < len(noise) else 1
        probes.append([knob['chunk'], knob['work']])
        chunk, work = knob['chunk'], knob['work']
        return (model['base'] + model['perChunk'] * chunk + model['perChunkWork'] * chunk * work) * factor

    return measure, probes


def test_vectors_share_the_tolerance(calibration_vectors):
    assert calibration_vectors['tolerance'] == TOLERANCE


def test_every_vector_gives_the_recorded_knob_time_and_probes(calibration_vectors):
    failures = []
    for vector in calibration_vectors['vectors']:
        measure, probes = model_measure(vector['model'])
        outcome = search_knob(vector['range'], vector['grain'], measure)
        expected = dict(vector['expected'])
        expected_probes = expected.pop('probes')
        got = {key: outcome[key] for key in ('knob', 'perTask', 'reachable', 'tunedBy')}
        if got != expected or probes != expected_probes or outcome['probes'] != len(probes):
            failures.append((vector['name'], got, expected, probes, expected_probes))
    assert failures == []


@pytest.mark.parametrize('name', ['work-half-way-rounds-up', 'confirmation-re-search', 'confirmation-exhausted',
                                  'work-then-chunk-shrink', 'floor-1e-8', 'noisy-work-below-base'])
def test_named_vector(calibration_vectors, name):
    vector = next(v for v in calibration_vectors['vectors'] if v['name'] == name)
    measure, probes = model_measure(vector['model'])
    outcome = search_knob(vector['range'], vector['grain'], measure)
    assert outcome['knob'] == vector['expected']['knob']
    assert probes == vector['expected']['probes']


def test_every_sweep_gives_the_recorded_rows_and_probes(calibration_vectors):
    failures = []
    for sweep in calibration_vectors['sweeps']:
        measure, probes = model_measure(sweep['model'])
        rows = search_sweep(sweep['range'], sweep['grains'], lambda grain: measure)
        got = [{'grain': r['grain'], **r['calibration'], 'probes': r['probes']} for r in rows]
        if got != sweep['expected']['rows'] or probes != sweep['expected']['probes']:
            failures.append((sweep['name'], got, sweep['expected']))
    assert failures == []


@pytest.mark.parametrize('name', ['floor-majority-outvotes-fast-probe', 'floor-noisy-probe-outvoted',
                                  'confirmation-under-noise'])
def test_majority_vectors(calibration_vectors, name):
    vector = next(v for v in calibration_vectors['vectors'] if v['name'] == name)
    measure, probes = model_measure(vector['model'])
    outcome = search_knob(vector['range'], vector['grain'], measure)
    assert outcome['tunedBy'] == vector['expected']['tunedBy']
    assert outcome['perTask'] == vector['expected']['perTask']
    assert probes == vector['expected']['probes']


def test_sweep_is_monotone_under_noise():
    import random
    from parbench_py.calibrate import costlier
    rng = {'chunkMin': 1, 'chunkMax': 256, 'workMax': 10_000_000}
    for seed in range(1, 21):
        noise = random.Random(seed)

        def measure(knob):
            return (5e-8 + 1e-9 * knob['chunk'] + 1e-9 * knob['chunk'] * knob['work']) * (1 + 0.5 * (2 * noise.random() - 1))

        rows = search_sweep(rng, [1e-8, 2e-8, 1e-7, 3e-7, 1e-6, 1e-5], lambda grain: measure)
        cals = [r['calibration'] for r in rows]
        assert not any(costlier(a, b) for a, b in zip(cals, cals[1:]))
        first_reached = next(i for i, c in enumerate(cals) if c['tunedBy'] != 'floor')
        assert all(c['tunedBy'] != 'floor' for c in cals[first_reached:])
        assert len({c['perTask'] for c in cals if c['tunedBy'] == 'floor'}) <= 1
