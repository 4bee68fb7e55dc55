//! fib, identical to suites/fib.ts: the recursive Fibonacci as a task graph. fib(k) for k < 2 is a leaf
//! task; for k ≥ 2 it is an add task depending on fib(k−1) and fib(k−2), in post-order. Every task
//! performs `work` rounds besides its own step.

use crate::checksum::hex32;
use crate::suite::{Knob, KnobRange, Suite, Task};
use crate::work::spin;
use crate::Params;

/// Largest n accepted (fib(25) is a graph of 242,785 tasks).
pub const FIB_MAX_N: u64 = 25;

/// The fib suite over its input n.
pub struct Fib {
    pub n: u64,
}

/// A task: a leaf returning n, or an add of its two dependencies' values; `work` rounds either way.
#[derive(Clone, Copy, Debug)]
pub struct FibPayload {
    pub add: bool,
    pub n: u64,
    pub work: u64,
}

/// A task's value and work checksum.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FibOutput {
    pub value: u64,
    pub spin: i32,
}

impl Fib {
    /// The input of parameters {n}; an error naming a missing or out-of-range n.
    pub fn new(params: &Params) -> Result<Self, String> {
        let n = params.whole("n", 0)?;
        if n > FIB_MAX_N {
            return Err(format!("parameter \"n\" is {n}, at most {FIB_MAX_N}"));
        }
        Ok(Fib { n })
    }
}

fn visit(k: u64, work: u64, tasks: &mut Vec<Task<FibPayload>>) -> usize {
    if k < 2 {
        tasks.push(Task { payload: FibPayload { add: false, n: k, work }, deps: vec![] });
    } else {
        let left = visit(k - 1, work, tasks);
        let right = visit(k - 2, work, tasks);
        tasks.push(Task { payload: FibPayload { add: true, n: k, work }, deps: vec![left, right] });
    }
    tasks.len() - 1
}

impl Suite for Fib {
    type Payload = FibPayload;
    type Output = FibOutput;

    fn knob_range(&self) -> KnobRange {
        KnobRange { chunk_min: 1, chunk_max: 1, work_max: 50_000_000 }
    }

    fn split(&self, knob: Knob) -> Vec<Task<FibPayload>> {
        let mut tasks = Vec::new();
        visit(self.n, knob.work, &mut tasks);
        tasks
    }

    #[inline]
    fn kernel(&self, p: &FibPayload, deps: &[&FibOutput]) -> FibOutput {
        if !p.add {
            return FibOutput { value: p.n, spin: spin(p.work, p.n as i64 + 1) };
        }
        let (a, b) = (deps[0], deps[1]);
        FibOutput { value: a.value + b.value, spin: spin(p.work, i64::from(a.spin ^ b.spin ^ p.n as i32)) }
    }

    fn fingerprint(&self, results: &[FibOutput]) -> String {
        let root = results.last().copied().unwrap_or(FibOutput { value: 0, spin: 0 });
        format!("fib={} work={}", root.value, hex32(root.spin))
    }
}
