//! The Rust suites against test/fixtures/shared-vectors.json, which the TypeScript implementations
//! wrote and vitest and pytest check too: the same floats, work rounds, hashes, points, orientation
//! signs, hulls and suite fingerprints.

use parbench_suites::checksum::fnv1a_f64;
use parbench_suites::hull::geometry::{monotone_chain_hull, orient_sign, sort_points};
use parbench_suites::hull::points::generate_points;
use parbench_suites::params::{Params, Value as P};
use parbench_suites::rng::Mulberry32;
use parbench_suites::square::square_input;
use parbench_suites::suite::execute_inline;
use parbench_suites::{fdlibm, with_suite, AnySuite, Knob, Suite};
use serde_json::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

fn vectors() -> Value {
    let text = std::fs::read_to_string(root().join("test/fixtures/shared-vectors.json")).expect("shared vectors");
    serde_json::from_str(&text).unwrap()
}

fn list<'a>(v: &'a Value, key: &str) -> &'a Vec<Value> {
    v[key].as_array().unwrap_or_else(|| panic!("vectors have no {key}"))
}

fn params(v: &Value) -> Params {
    let mut p = Params::default();
    for (k, x) in v.as_object().unwrap() {
        let value = match x {
            Value::Number(n) => P::Number(n.as_f64().unwrap()),
            Value::String(s) => P::Text(s.clone()),
            _ => P::Null,
        };
        p.0.insert(k.clone(), value);
    }
    p
}

#[test]
fn mulberry32_gives_the_recorded_floats() {
    let v = vectors();
    for case in list(&v, "mulberry32") {
        let mut random = Mulberry32::new(case["seed"].as_u64().unwrap() as u32);
        for expected in case["values"].as_array().unwrap() {
            assert_eq!(random.next(), expected.as_f64().unwrap(), "seed {}", case["seed"]);
        }
    }
}

#[test]
fn spin_gives_the_recorded_32_bit_results() {
    let v = vectors();
    for case in list(&v, "spin") {
        let got = parbench_suites::work::spin(case["rounds"].as_u64().unwrap(), case["seed"].as_i64().unwrap());
        assert_eq!(i64::from(got), case["result"].as_i64().unwrap(), "{case}");
    }
}

#[test]
fn square_inputs_hash_to_the_recorded_bytes() {
    let v = vectors();
    for case in list(&v, "fnv1aSquareInput") {
        let values = square_input(case["n"].as_u64().unwrap(), case["seed"].as_u64().unwrap() as u32);
        assert_eq!(fnv1a_f64(&values), case["checksum"].as_str().unwrap());
    }
}

#[test]
fn sin_and_cos_are_v8s() {
    let v = vectors();
    for case in list(&v, "trig") {
        let x = case["x"].as_f64().unwrap();
        assert_eq!((fdlibm::cos(x), fdlibm::sin(x)), (case["cos"].as_f64().unwrap(), case["sin"].as_f64().unwrap()), "x = {x}");
    }
}

#[test]
fn log_and_the_balanced_split_give_the_recorded_values() {
    let v = vectors();
    for case in list(&v, "log") {
        let x = case["x"].as_f64().unwrap();
        assert_eq!(fdlibm::log(x), case["log"].as_f64().unwrap(), "log({x})");
    }
    for case in list(&v, "balancedBounds") {
        let bounds: Vec<f64> = parbench_suites::primes::balanced_bounds(case["limit"].as_u64().unwrap(), case["tasks"].as_u64().unwrap()).iter().map(|&b| b as f64).collect();
        assert_eq!(fnv1a_f64(&bounds), case["checksum"].as_str().unwrap(), "{case}");
    }
}

#[test]
fn hull_points_orientation_signs_and_hulls_are_the_recorded_ones() {
    let v = vectors();
    for case in list(&v, "hullPoints") {
        let points = generate_points(case["n"].as_u64().unwrap() as usize, case["shape"].as_str().unwrap(), case["seed"].as_u64().unwrap() as u32);
        assert_eq!(fnv1a_f64(&points), case["checksum"].as_str().unwrap(), "{}", case["shape"]);
    }
    for case in list(&v, "orient2d") {
        let a: Vec<f64> = case["args"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
        assert_eq!(i64::from(orient_sign(a[0], a[1], a[2], a[3], a[4], a[5])), case["sign"].as_i64().unwrap(), "{case}");
    }
    for case in list(&v, "hullOfPoints") {
        let points: Vec<f64> = case["points"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
        let expected: Vec<f64> = case["vertices"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
        let sorted = sort_points(&points);
        assert_eq!(monotone_chain_hull(&sorted), expected, "{}", case["name"]);
        let hull = parbench_suites::hull::Hull { points: sorted };
        for chunk in [1, 2, 3, 7] {
            let tasks = hull.split(Knob { chunk, work: 1 });
            let results = execute_inline(&hull, &tasks);
            let vertices = parbench_suites::hull::geometry::hull_vertices(&results.last().unwrap().chains);
            assert_eq!(vertices, expected, "{} at chunk {chunk}", case["name"]);
        }
    }
}

#[test]
fn suite_results_have_the_recorded_fingerprints() {
    std::env::set_var("PARBENCH_CWD", root());
    let v = vectors();
    for case in list(&v, "suiteChecksums") {
        let name = case["suite"].as_str().unwrap();
        let built = AnySuite::build(name, &params(&case["params"]), case["seed"].as_u64().unwrap() as u32).unwrap();
        let knob = Knob { chunk: case["knob"]["chunk"].as_u64().unwrap(), work: case["knob"]["work"].as_u64().unwrap() };
        let (tasks, fingerprint) = with_suite!(&built, s => {
            let tasks = s.split(knob);
            (tasks.len(), s.fingerprint(&execute_inline(s, &tasks)))
        });
        assert_eq!((tasks as u64, fingerprint.as_str()), (case["tasks"].as_u64().unwrap(), case["checksum"].as_str().unwrap()), "{case}");
    }
}
