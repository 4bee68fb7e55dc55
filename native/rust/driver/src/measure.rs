//! The driver's clock (std::time::Instant, monotonic) around the same spans the TypeScript runner times:
//! the sequential reference (inline, batch-timed), backend start-up (apart), and each repetition from
//! the first task handed to the backend to the last result in. Every repetition's results are
//! fingerprinted for the runner to verify.

use crate::execute::InlineRunner;
use crate::pools::{open, Prepared};
use parbench_suites::suite::{Suite, Task};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Instant;

/// Warm-up and timed repetitions.
#[derive(Clone, Copy, Debug)]
pub struct Reps {
    pub warmup: u64,
    pub repeats: u64,
}

/// The sequential reference of `tasks`: one untimed pass gives the fingerprint, then `loops` inline
/// passes per sample (enough for `min_sample_seconds`, at most 1,000,000), as measureSequential.
/// Returns {samples, warmupSamples, loops, checksum, tasks} (seconds per pass).
pub fn measure_sequential<S: Suite>(suite: &S, tasks: &[Task<S::Payload>], reps: Reps, min_sample_seconds: f64) -> Value {
    let mut runner = InlineRunner::new(suite, tasks);
    let start = Instant::now();
    runner.run();
    let once = start.elapsed().as_secs_f64();
    let checksum = suite.fingerprint(&runner.results());
    let loops = if once >= min_sample_seconds { 1 } else { 1_000_000f64.min((min_sample_seconds / once.max(1e-9)).ceil()) as u64 };
    let (mut samples, mut warmup) = (Vec::new(), Vec::new());
    for r in 0..reps.warmup + reps.repeats {
        let start = Instant::now();
        for _ in 0..loops {
            runner.run();
        }
        let sample = start.elapsed().as_secs_f64() / loops as f64;
        if r < reps.warmup { warmup.push(sample) } else { samples.push(sample) }
    }
    json!({ "samples": samples, "warmupSamples": warmup, "loops": loops, "checksum": checksum, "tasks": tasks.len() })
}

/// Time `reps` of `tasks` on backend `name` with `workers` workers: start-up apart, then each
/// repetition; `on_repeat(done, total)` after each. Returns {startupSeconds, samples, warmupSamples,
/// checksums, tasks}; an error (one line) when the backend cannot open or a task fails.
pub fn measure_backend<S: Suite>(name: &str, workers: usize, suite: Arc<S>, tasks: Vec<Task<S::Payload>>, reps: Reps, on_repeat: &dyn Fn(u64, u64)) -> Result<Value, String> {
    let start = Instant::now();
    let mut pool = open(name, workers, suite.clone())?;
    let startup = start.elapsed().as_secs_f64();
    let prepared = Prepared::new(tasks);
    let total = reps.warmup + reps.repeats;
    let (mut samples, mut warmup, mut checksums, mut counts) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut outcome = Ok(());
    for r in 0..total {
        let begin = Instant::now();
        let done = match pool.execute(&prepared) {
            Ok(done) => done,
            Err(e) => {
                outcome = Err(e);
                break;
            }
        };
        let elapsed = begin.elapsed().as_secs_f64();
        let results = done.collect();
        checksums.push(suite.fingerprint(&results));
        counts.push(results.len());
        if r < reps.warmup { warmup.push(elapsed) } else { samples.push(elapsed) }
        on_repeat(r + 1, total);
    }
    pool.close();
    outcome?;
    Ok(json!({ "startupSeconds": startup, "samples": samples, "warmupSamples": warmup, "checksums": checksums, "tasks": counts }))
}
