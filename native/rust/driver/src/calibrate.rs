//! Calibration: choose the knob {chunk, work} so that one task takes the target grain when this driver
//! runs it sequentially. The same search as src/runner/calibrate.ts (and python/parbench_py/calibrate.py),
//! step for step, in the same two halves: `search_knob` holds every decision and reads no clock;
//! `time_per_task` batch-times the kernel. test/fixtures/calibration-vectors.json holds the search to
//! TypeScript's choices (tests/calibration_vectors.rs); docs/calibration.md describes it.

use crate::execute::{sample_tasks, InlineRunner};
use parbench_suites::checksum::js_round;
use parbench_suites::{Knob, KnobRange, Suite};
use std::time::Instant;

/// The accepted relative distance between the measured per-task time and the grain (±15%).
pub const TOLERANCE: f64 = 0.15;
const AIM: f64 = TOLERANCE / 3.0;
const WORK_STEPS: usize = 10;
const WORK_GROWTH: f64 = 16.0;
const SECONDS_PER_ROUND_GUESS: f64 = 1e-9;
const SHRINK_STEPS: usize = 3;
const CONFIRMATIONS: usize = 2;
/// A floor and a confirmation are decided by a majority of this many probes of the same knob.
pub const MAJORITY_PROBES: usize = 3;

/// Which knob set the grain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TunedBy {
    Chunk,
    Work,
    Floor,
}

impl TunedBy {
    /// The protocol's name of it: chunk, work or floor.
    pub fn name(self) -> &'static str {
        match self {
            TunedBy::Chunk => "chunk",
            TunedBy::Work => "work",
            TunedBy::Floor => "floor",
        }
    }
}

/// A calibration: the knob, seconds per task measured at it, whether the grain was reachable, what set
/// it, and the number of measurements the search made.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Calibration {
    pub knob: Knob,
    pub per_task: f64,
    pub reachable: bool,
    pub tuned_by: TunedBy,
    pub probes: usize,
}

#[derive(Clone, Copy)]
struct Candidate {
    knob: Knob,
    per_task: f64,
}

fn within(measured: f64, target: f64, tolerance: f64) -> bool {
    (measured - target).abs() <= tolerance * target
}

/// The median: the middle value, or the mean of the two middle ones for an even count.
pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    }
}

fn by_majority(probe: &mut dyn FnMut() -> f64, test: &dyn Fn(f64) -> bool, mut taken: Vec<f64>) -> (bool, f64) {
    let need = MAJORITY_PROBES / 2 + 1;
    let mut yes = taken.iter().filter(|&&t| test(t)).count();
    let mut no = taken.len() - yes;
    while yes < need && no < need {
        let t = probe();
        taken.push(t);
        if test(t) {
            yes += 1;
        } else {
            no += 1;
        }
    }
    (yes >= need, median(&taken))
}

fn nearer(best: Candidate, knob: Knob, per_task: f64, grain: f64) -> Candidate {
    if (per_task - grain).abs() < (best.per_task - grain).abs() {
        Candidate { knob, per_task }
    } else {
        best
    }
}

fn result(c: Candidate, reachable: bool, tuned_by: TunedBy) -> Calibration {
    Calibration { knob: c.knob, per_task: c.per_task, reachable, tuned_by, probes: 0 }
}

type Measure<'a> = dyn FnMut(Knob) -> f64 + 'a;

fn search_chunk(range: &KnobRange, grain: f64, measure: &mut Measure, first: Candidate) -> Calibration {
    let (mut lo, mut hi) = (range.chunk_min, range.chunk_max);
    let at = Knob { chunk: lo, work: 0 };
    let mut at_min = measure(at);
    if at_min >= grain {
        let (slower, per_task) = by_majority(&mut || measure(at), &|t| t >= grain, vec![at_min]);
        if slower {
            let reachable = within(per_task, grain, TOLERANCE);
            return result(Candidate { knob: at, per_task }, reachable, if reachable { TunedBy::Chunk } else { TunedBy::Floor });
        }
        at_min = per_task;
    }
    let mut best = nearer(first, at, at_min, grain);
    while hi - lo > 1 {
        let mid = js_round(((lo as f64) * (hi as f64)).sqrt()) as u64;
        let chunk = if mid <= lo { lo + 1 } else if mid >= hi { hi - 1 } else { mid };
        let knob = Knob { chunk, work: 0 };
        let t = measure(knob);
        best = nearer(best, knob, t, grain);
        if within(t, grain, AIM) {
            break;
        }
        if t < grain {
            lo = chunk;
        } else {
            hi = chunk;
        }
    }
    result(best, true, TunedBy::Chunk)
}

fn probe_work(range: &KnobRange, grain: f64, measure: &mut Measure, first: Candidate) -> Candidate {
    let base = first.per_task;
    let chunk_max = range.chunk_max as f64;
    let mut work = 1f64.max(js_round((grain - base) / (chunk_max * SECONDS_PER_ROUND_GUESS) / WORK_GROWTH));
    let work_max = range.work_max as f64;
    let mut best = first;
    for _ in 0..WORK_STEPS {
        work = work_max.min(work.max(1.0));
        let knob = Knob { chunk: range.chunk_max, work: work as u64 };
        let t = measure(knob);
        best = nearer(best, knob, t, grain);
        if within(t, grain, AIM) || work == work_max {
            break;
        }
        let per_round = (t - base) / work;
        let next = if per_round > 0.0 { (work * WORK_GROWTH).min(js_round((grain - base) / per_round)) } else { work * WORK_GROWTH };
        if next == work {
            break;
        }
        work = next;
    }
    best
}

fn shrink_chunk(range: &KnobRange, grain: f64, measure: &mut Measure, start: Candidate) -> Candidate {
    let mut best = start;
    for _ in 0..SHRINK_STEPS {
        if within(best.per_task, grain, AIM) {
            break;
        }
        let wanted = js_round((best.knob.chunk as f64 * grain) / best.per_task);
        let chunk = (range.chunk_max as f64).min((range.chunk_min as f64).max(wanted)) as u64;
        if chunk == best.knob.chunk {
            break;
        }
        let knob = Knob { chunk, work: best.knob.work };
        let t = measure(knob);
        if (t - grain).abs() >= (best.per_task - grain).abs() {
            break;
        }
        best = Candidate { knob, per_task: t };
    }
    best
}

fn search_once(range: &KnobRange, grain: f64, measure: &mut Measure) -> Calibration {
    let knob = Knob { chunk: range.chunk_max, work: 0 };
    let first = Candidate { knob, per_task: measure(knob) };
    if within(first.per_task, grain, AIM) {
        return result(first, true, TunedBy::Chunk);
    }
    if first.per_task > grain {
        return search_chunk(range, grain, measure, first);
    }
    let probed = probe_work(range, grain, measure, first);
    let best = shrink_chunk(range, grain, measure, probed);
    result(best, true, if best.knob.work > 0 { TunedBy::Work } else { TunedBy::Chunk })
}

/// The calibration search, without a clock, as searchKnob: `measure(knob)` gives seconds per task;
/// `grain` is in seconds. A choice that is not a floor is confirmed by a majority of MAJORITY_PROBES
/// probes within ±15% (their median becomes `per_task`), else searched again, at most twice.
/// Deterministic for a deterministic `measure`.
pub fn search_knob(range: &KnobRange, grain: f64, measure: &mut dyn FnMut(Knob) -> f64) -> Calibration {
    let probes = std::cell::Cell::new(0usize);
    let mut counted = |knob: Knob| {
        probes.set(probes.get() + 1);
        measure(knob)
    };
    let mut result = search_once(range, grain, &mut counted);
    for _ in 0..CONFIRMATIONS {
        if result.tuned_by == TunedBy::Floor {
            break;
        }
        let knob = result.knob;
        let (passed, per_task) = by_majority(&mut || counted(knob), &|t| within(t, grain, TOLERANCE), vec![]);
        if passed {
            return Calibration { per_task, probes: probes.get(), ..result };
        }
        result = search_once(range, grain, &mut counted);
    }
    Calibration { probes: probes.get(), ..result }
}

/// Seconds per task at `knob`, as timePerTask: the median of three batch-timed passes (after a warm-up
/// pass) over clamp(ceil(4 · min_sample_seconds / max(grain_hint, 1e-9)), 1, tasks) tasks chosen by
/// `sample_tasks`, each pass looping over them until `min_sample_seconds` have passed.
pub fn time_per_task<S: Suite>(suite: &S, knob: Knob, grain_hint: f64, min_sample_seconds: f64) -> f64 {
    let all = suite.split(knob);
    let count = ((4.0 * min_sample_seconds / grain_hint.max(1e-9)).ceil() as usize).min(all.len()).max(1);
    let mut sample = sample_tasks(&all, count);
    sample.truncate(count);
    let mut runner = InlineRunner::new(suite, &sample);
    let mut pass = || {
        let mut loops = 0u64;
        let start = Instant::now();
        loop {
            runner.run();
            loops += 1;
            let elapsed = start.elapsed().as_secs_f64();
            if elapsed >= min_sample_seconds {
                return elapsed / (loops as f64 * count as f64);
            }
        }
    };
    pass();
    let mut passes = [pass(), pass(), pass()];
    passes.sort_by(|a, b| a.partial_cmp(b).unwrap());
    passes[1]
}

/// Calibrate `suite` for `grain` (seconds per task): `search_knob` over its knob range with
/// `time_per_task` as the measure.
pub fn calibrate<S: Suite>(suite: &S, grain: f64, min_sample_seconds: f64) -> Calibration {
    search_knob(&suite.knob_range(), grain, &mut |knob| time_per_task(suite, knob, grain, min_sample_seconds))
}

#[cfg(test)]
mod tests {
    //! The search against test/fixtures/calibration-vectors.json, which the TypeScript search wrote
    //! (scripts/make-calibration-vectors.mjs): the same cost model in, the same knob, time and probes out.
    use super::*;
    use serde_json::Value;

    fn vectors() -> Value {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../test/fixtures/calibration-vectors.json");
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn range(v: &Value) -> KnobRange {
        KnobRange { chunk_min: v["chunkMin"].as_u64().unwrap(), chunk_max: v["chunkMax"].as_u64().unwrap(), work_max: v["workMax"].as_u64().unwrap() }
    }

    #[test]
    fn the_vectors_share_the_tolerance() {
        assert_eq!(vectors()["tolerance"].as_f64().unwrap(), TOLERANCE);
    }

    #[test]
    fn every_vector_gives_the_recorded_knob_time_and_probes() {
        let all = vectors();
        let list = all["vectors"].as_array().unwrap();
        assert!(list.len() > 10);
        for v in list {
            let model = &v["model"];
            assert_eq!(model["kind"], "affine");
            let (base, per_chunk, per_chunk_work) = (model["base"].as_f64().unwrap(), model["perChunk"].as_f64().unwrap(), model["perChunkWork"].as_f64().unwrap());
            let noise: Vec<f64> = model.get("noise").and_then(Value::as_array).map(|n| n.iter().map(|x| x.as_f64().unwrap()).collect()).unwrap_or_default();
            let mut probes: Vec<(u64, u64)> = Vec::new();
            let mut measure = |knob: Knob| {
                let factor = noise.get(probes.len()).copied().unwrap_or(1.0);
                probes.push((knob.chunk, knob.work));
                let (chunk, work) = (knob.chunk as f64, knob.work as f64);
                (base + per_chunk * chunk + per_chunk_work * chunk * work) * factor
            };
            let got = search_knob(&range(&v["range"]), v["grain"].as_f64().unwrap(), &mut measure);
            let e = &v["expected"];
            let expected_probes: Vec<(u64, u64)> = e["probes"].as_array().unwrap().iter().map(|p| (p[0].as_u64().unwrap(), p[1].as_u64().unwrap())).collect();
            let name = v["name"].as_str().unwrap();
            assert_eq!((got.knob.chunk, got.knob.work), (e["knob"]["chunk"].as_u64().unwrap(), e["knob"]["work"].as_u64().unwrap()), "{name}");
            assert_eq!(got.per_task, e["perTask"].as_f64().unwrap(), "{name}");
            assert_eq!(got.reachable, e["reachable"].as_bool().unwrap(), "{name}");
            assert_eq!(got.tuned_by.name(), e["tunedBy"].as_str().unwrap(), "{name}");
            assert_eq!(probes, expected_probes, "{name}");
            assert_eq!(got.probes, probes.len(), "{name}");
        }
    }
}
