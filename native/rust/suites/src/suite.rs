//! The suite interface, mirroring suites/suite.ts: a suite holds its input (built from parameters and a
//! seed), splits it into tasks for a knob, runs one task (the kernel, what a worker executes) and
//! fingerprints the results of a task set exactly as the TypeScript suite's `checksum` of `combine`.

/// The work knob calibration tunes: `chunk` units of data per task, `work` rounds per unit of cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Knob {
    pub chunk: u64,
    pub work: u64,
}

/// The knob values calibration may choose from, for one input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnobRange {
    pub chunk_min: u64,
    pub chunk_max: u64,
    pub work_max: u64,
}

/// One task: its payload and the indices of earlier tasks whose results it takes.
#[derive(Clone, Debug)]
pub struct Task<P> {
    pub payload: P,
    pub deps: Vec<usize>,
}

/// A suite over its built input. Implementations are pure and shareable between threads.
pub trait Suite: Send + Sync + 'static {
    /// What a task carries (bounds and work; the input itself stays in the suite).
    type Payload: Clone + Send + Sync + 'static;
    /// A task's result, handed to the tasks that depend on it and to `fingerprint`.
    type Output: Clone + Send + Sync + 'static;

    /// The knob values calibration may choose from.
    fn knob_range(&self) -> KnobRange;
    /// The tasks at `knob`, dependencies before the tasks that take them.
    fn split(&self, knob: Knob) -> Vec<Task<Self::Payload>>;
    /// One task: its payload and its dependencies' results, in `deps` order.
    fn kernel(&self, payload: &Self::Payload, deps: &[&Self::Output]) -> Self::Output;
    /// The TypeScript suite's `checksum(combine(input, results))` of results in task order.
    fn fingerprint(&self, results: &[Self::Output]) -> String;

    /// Inline form (the sequential reference and calibration, independent tasks only): the number of
    /// f64 values task `payload` writes into preallocated output, or None when the suite has none.
    fn inline_len(&self, _payload: &Self::Payload) -> Option<usize> {
        None
    }
    /// The kernel writing its array into `out` (inline_len values); returns the work checksum.
    fn kernel_into(&self, _payload: &Self::Payload, _out: &mut [f64]) -> i32 {
        unreachable!("kernel_into of a suite without an inline form")
    }
    /// Task `payload`'s result exactly as `kernel` returns it, from its inline output and checksum.
    fn inline_result(&self, _payload: &Self::Payload, _out: &[f64], _scalar: i32) -> Self::Output {
        unreachable!("inline_result of a suite without an inline form")
    }
}

/// Calls `f` with references to the results of `deps` (taken from `result`), without allocating for up
/// to four dependencies.
#[inline]
pub fn with_deps<'a, O: 'a, R>(deps: &[usize], result: impl Fn(usize) -> &'a O, f: impl FnOnce(&[&O]) -> R) -> R {
    match deps.len() {
        0 => f(&[]),
        1 => f(&[result(deps[0])]),
        2 => f(&[result(deps[0]), result(deps[1])]),
        _ => {
            let refs: Vec<&O> = deps.iter().map(|&d| result(d)).collect();
            f(&refs)
        }
    }
}

/// Run `tasks` one after another with `kernel` (each allocating its result), dependencies taken from
/// the results so far; the results in task order.
pub fn execute_inline<S: Suite>(suite: &S, tasks: &[Task<S::Payload>]) -> Vec<S::Output> {
    let mut results: Vec<S::Output> = Vec::with_capacity(tasks.len());
    for task in tasks {
        let out = with_deps(&task.deps, |d| &results[d], |deps| suite.kernel(&task.payload, deps));
        results.push(out);
    }
    results
}

/// Calls `f` with references to `values`, without allocating for up to four of them.
#[inline]
pub fn with_refs<O, R>(values: &[O], f: impl FnOnce(&[&O]) -> R) -> R {
    match values {
        [] => f(&[]),
        [a] => f(&[a]),
        [a, b] => f(&[a, b]),
        _ => {
            let refs: Vec<&O> = values.iter().collect();
            f(&refs)
        }
    }
}

/// The arrays of task outputs back to back and the XOR of their work checksums (square's tiles, spmm's
/// row blocks), `part` giving each output's array and checksum.
pub fn concat_parts<O>(results: &[O], part: impl Fn(&O) -> (&[f64], i32)) -> (Vec<f64>, i32) {
    let mut all = Vec::with_capacity(results.iter().map(|r| part(r).0.len()).sum());
    let mut acc = 0i32;
    for r in results {
        let (values, spin) = part(r);
        all.extend_from_slice(values);
        acc ^= spin;
    }
    (all, acc)
}
