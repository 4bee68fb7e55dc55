//! The driver's backends: rust-sequential (the tasks one after another in the driver), rust-rayon
//! (rayon's work-stealing pool) and rust-threads (std threads over a channel, a plain pool). A backend
//! is opened once per point (its start-up timed apart), runs the point's prepared task set once per
//! repetition and is closed; the results it returns are collected after the clock has stopped.

mod rayon_pool;
mod threads;

use crate::execute::Slots;
use crate::progress::tick;
use parbench_suites::suite::{with_deps, Suite, Task};
use std::sync::Arc;

/// The backends this driver runs, as `hello` reports them.
pub const BACKENDS: [&str; 3] = ["rust-sequential", "rust-rayon", "rust-threads"];

/// A point's task set with its dependency structure worked out once, before any timing.
pub struct Prepared<P> {
    pub tasks: Arc<Vec<Task<P>>>,
    /// No task has dependencies.
    pub independent: bool,
    /// For each task, the tasks that wait on it.
    pub dependents: Vec<Vec<usize>>,
    /// For each task, how many dependencies it has.
    pub waiting: Vec<usize>,
    /// Every task feeds at most one other: the graph is a forest, whose roots are `roots`.
    pub tree: bool,
    pub roots: Vec<usize>,
}

impl<P> Prepared<P> {
    /// The structure of `tasks` (dependencies always point to earlier tasks).
    pub fn new(tasks: Vec<Task<P>>) -> Self {
        let n = tasks.len();
        let mut dependents = vec![Vec::new(); n];
        for (i, t) in tasks.iter().enumerate() {
            for &d in &t.deps {
                dependents[d].push(i);
            }
        }
        let waiting = tasks.iter().map(|t| t.deps.len()).collect();
        let independent = tasks.iter().all(|t| t.deps.is_empty());
        let tree = dependents.iter().all(|d| d.len() <= 1);
        let roots = (0..n).filter(|&i| dependents[i].is_empty()).collect();
        Prepared { tasks: Arc::new(tasks), independent, dependents, waiting, tree, roots }
    }

    /// The tasks without dependencies, ready at the start.
    pub fn roots_ready(&self) -> impl Iterator<Item = usize> + '_ {
        self.waiting.iter().enumerate().filter(|(_, &w)| w == 0).map(|(i, _)| i)
    }
}

/// A repetition's results, collected into task order after the clock has stopped.
pub enum Done<O> {
    Vec(Vec<O>),
    Options(Vec<Option<O>>),
    Slots(Slots<O>),
}

impl<O> Done<O> {
    /// The results in task order.
    pub fn collect(self) -> Vec<O> {
        match self {
            Done::Vec(v) => v,
            Done::Options(v) => v.into_iter().map(|o| o.expect("every task has a result")).collect(),
            // SAFETY: an executor returns Slots only once every task has written its slot.
            Done::Slots(s) => unsafe { s.into_vec() },
        }
    }
}

/// An open backend.
pub trait Executor<S: Suite> {
    /// Run every task of `prepared` once; an error (one line) when a task failed.
    fn execute(&mut self, prepared: &Prepared<S::Payload>) -> Result<Done<S::Output>, String>;
    /// Stop the backend's threads.
    fn close(self: Box<Self>);
}

struct Sequential<S: Suite> {
    suite: Arc<S>,
}

impl<S: Suite> Executor<S> for Sequential<S> {
    fn execute(&mut self, prepared: &Prepared<S::Payload>) -> Result<Done<S::Output>, String> {
        let suite = &*self.suite;
        let mut results: Vec<S::Output> = Vec::with_capacity(prepared.tasks.len());
        for (i, task) in prepared.tasks.iter().enumerate() {
            let out = with_deps(&task.deps, |d| &results[d], |deps| suite.kernel(&task.payload, deps));
            results.push(out);
            tick(i);
        }
        Ok(Done::Vec(results))
    }

    fn close(self: Box<Self>) {}
}

/// Open backend `name` with `workers` workers over `suite`; an error naming the allowed backends for an
/// unknown name, or what failed when a pool could not start.
pub fn open<S: Suite>(name: &str, workers: usize, suite: Arc<S>) -> Result<Box<dyn Executor<S>>, String> {
    let workers = workers.max(1);
    match name {
        "rust-sequential" => Ok(Box::new(Sequential { suite })),
        "rust-rayon" => Ok(Box::new(rayon_pool::RayonPool::open(workers, suite)?)),
        "rust-threads" => Ok(Box::new(threads::ThreadPool::open(workers, suite)?)),
        _ => Err(format!("unknown backend \"{name}\" (allowed: {})", BACKENDS.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    //! Every backend on every suite vector of test/fixtures/shared-vectors.json gives the recorded
    //! fingerprint, on the whole task set and on a capped one.
    use super::*;
    use crate::execute::cap_tasks;
    use parbench_suites::params::{Params, Value as P};
    use parbench_suites::suite::execute_inline;
    use parbench_suites::{with_suite, AnySuite, Knob};
    use serde_json::Value;

    fn root() -> String {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../..").to_string()
    }

    fn params(v: &Value) -> Params {
        let mut p = Params::default();
        for (k, x) in v.as_object().unwrap() {
            p.0.insert(k.clone(), match x {
                Value::Number(n) => P::Number(n.as_f64().unwrap()),
                Value::String(s) => P::Text(s.clone()),
                _ => P::Null,
            });
        }
        p
    }

    fn check<S: Suite>(suite: S, knob: Knob, expected: &str, name: &str) {
        let suite = Arc::new(suite);
        let whole = suite.split(knob);
        let cap = (whole.len() / 3).max(1) as u64;
        let sample = cap_tasks(&whole, Some(cap)).unwrap().unwrap_or_else(|| whole.clone());
        let sampled = suite.fingerprint(&execute_inline(&*suite, &sample));
        for backend in BACKENDS {
            for workers in [1, 2, 3] {
                let mut pool = open(backend, workers, suite.clone()).unwrap();
                for (tasks, want) in [(&whole, expected), (&sample, sampled.as_str())] {
                    let prepared = Prepared::new(tasks.clone());
                    for _ in 0..2 {
                        let results = pool.execute(&prepared).unwrap().collect();
                        assert_eq!(results.len(), tasks.len());
                        assert_eq!(suite.fingerprint(&results), want, "{name} on {backend} x{workers}");
                    }
                }
                pool.close();
            }
        }
    }

    #[test]
    fn every_backend_gives_the_recorded_fingerprints() {
        std::env::set_var("PARBENCH_CWD", root());
        let text = std::fs::read_to_string(format!("{}/test/fixtures/shared-vectors.json", root())).unwrap();
        let vectors: Value = serde_json::from_str(&text).unwrap();
        for case in vectors["suiteChecksums"].as_array().unwrap() {
            let name = case["suite"].as_str().unwrap();
            let built = AnySuite::build(name, &params(&case["params"]), case["seed"].as_u64().unwrap() as u32).unwrap();
            let knob = Knob { chunk: case["knob"]["chunk"].as_u64().unwrap(), work: case["knob"]["work"].as_u64().unwrap() };
            let expected = case["checksum"].as_str().unwrap();
            with_suite!(built, s => check(s, knob, expected, name));
        }
    }

    #[test]
    fn an_unknown_backend_is_refused_naming_the_allowed_ones() {
        let suite = Arc::new(parbench_suites::fib::Fib { n: 3 });
        let error = open("rust-nosuch", 2, suite).err().unwrap();
        assert_eq!(error, "unknown backend \"rust-nosuch\" (allowed: rust-sequential, rust-rayon, rust-threads)");
    }
}
