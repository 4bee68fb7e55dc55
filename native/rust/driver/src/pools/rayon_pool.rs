//! rust-rayon: rayon's work-stealing pool of W threads. Independent tasks are one rayon job each (a
//! parallel iterator split down to single tasks, `with_max_len(1)`, so every task can be stolen); a
//! task graph runs as the dependency tree it is: a task joins its two inputs (`rayon::join`) and then
//! runs, so fib and hull recurse exactly as their graphs do. A prefix of a graph (a task cap) is a forest,
//! whose roots run in parallel.

use super::{Done, Executor, Prepared};
use crate::execute::Slots;
use crate::progress::tick;
use parbench_suites::suite::{with_deps, Suite, Task};
use rayon::prelude::*;
use std::sync::Arc;

/// An open rayon pool and the suite its tasks run.
pub struct RayonPool<S: Suite> {
    pool: rayon::ThreadPool,
    suite: Arc<S>,
}

impl<S: Suite> RayonPool<S> {
    /// Build a pool of `workers` threads and wait until every one of them has run.
    pub fn open(workers: usize, suite: Arc<S>) -> Result<Self, String> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(workers)
            .thread_name(|i| format!("parbench-rayon-{i}"))
            .build()
            .map_err(|e| format!("cannot start rayon's pool: {e}"))?;
        pool.broadcast(|_| ());
        Ok(RayonPool { pool, suite })
    }
}

/// Run task `i` after the tasks it depends on (joined in parallel), writing its result into `slots`.
fn visit<S: Suite>(suite: &S, tasks: &[Task<S::Payload>], slots: &Slots<S::Output>, i: usize) {
    let deps = &tasks[i].deps;
    match deps.len() {
        0 => {}
        1 => visit(suite, tasks, slots, deps[0]),
        2 => {
            rayon::join(|| visit(suite, tasks, slots, deps[0]), || visit(suite, tasks, slots, deps[1]));
        }
        _ => deps.par_iter().for_each(|&d| visit(suite, tasks, slots, d)),
    }
    // SAFETY: in a forest every task is visited once, from its only dependent or as a root, so slot i
    // is written once; its inputs' slots were written inside the join above, which happened-before.
    let out = with_deps(deps, |d| unsafe { slots.get(d) }, |inputs| suite.kernel(&tasks[i].payload, inputs));
    unsafe { slots.set(i, out) };
    tick(i);
}

impl<S: Suite> Executor<S> for RayonPool<S> {
    fn execute(&mut self, prepared: &Prepared<S::Payload>) -> Result<Done<S::Output>, String> {
        let suite = &*self.suite;
        let tasks = &prepared.tasks[..];
        if prepared.independent {
            let mut out = Vec::with_capacity(tasks.len());
            self.pool.install(|| {
                tasks
                    .par_iter()
                    .enumerate()
                    .with_max_len(1)
                    .map(|(i, t)| {
                        let o = suite.kernel(&t.payload, &[]);
                        tick(i);
                        o
                    })
                    .collect_into_vec(&mut out)
            });
            return Ok(Done::Vec(out));
        }
        if !prepared.tree {
            return Err("rust-rayon runs task graphs in which every task feeds at most one other (trees); this one is not".into());
        }
        let slots = Slots::new(tasks.len());
        self.pool.install(|| prepared.roots.par_iter().with_max_len(1).for_each(|&r| visit(suite, tasks, &slots, r)));
        Ok(Done::Slots(slots))
    }

    fn close(self: Box<Self>) {}
}
