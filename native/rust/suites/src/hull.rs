//! hull, identical to suites/hull.ts: the 2-D convex hull of n seeded points by divide and conquer. The
//! sorted points stay in the suite; a leaf task returns the lower and upper chains of a slice of `chunk`
//! points, a merge task joins the hulls of its two dependencies (a balanced tree in post-order). Each
//! point of a slice and each chain vertex of a merge also takes `work` rounds.

pub mod geometry;
pub mod points;

use crate::checksum::{fnv1a_f64, hex32};
use crate::suite::{Knob, KnobRange, Suite, Task};
use crate::work::spin;
use crate::Params;
use geometry::{chains, hull_vertices, merge_chains, sort_points, Chains};

/// Largest point count accepted.
pub const HULL_MAX_POINTS: u64 = 1_000_000;
/// The largest chunk still leaves this many leaf slices.
pub const HULL_MIN_LEAVES: u64 = 16;

/// The hull suite over its points sorted by (x, y), flat [x0, y0, x1, y1, …].
pub struct Hull {
    pub points: Vec<f64>,
}

/// A leaf (the hull of points [start, end)) or a merge of its two dependencies; rounds per unit.
#[derive(Clone, Copy, Debug)]
pub struct HullPayload {
    pub merge: bool,
    pub start: usize,
    pub end: usize,
    pub work: u64,
}

/// A hull's chains and work checksum.
#[derive(Clone, Debug, PartialEq)]
pub struct HullOutput {
    pub chains: Chains,
    pub spin: i32,
}

/// Leaves of `chunk` points joined by a balanced tree of merges, in post-order, as hullGraph.
pub fn hull_graph(points: usize, chunk: usize, work: u64) -> Vec<Task<HullPayload>> {
    fn visit(first: usize, last: usize, points: usize, chunk: usize, work: u64, tasks: &mut Vec<Task<HullPayload>>) -> usize {
        let start = first * chunk;
        let end = points.min((last + 1) * chunk);
        if first == last {
            tasks.push(Task { payload: HullPayload { merge: false, start, end, work }, deps: vec![] });
        } else {
            let middle = (first + last) >> 1;
            let left = visit(first, middle, points, chunk, work, tasks);
            let right = visit(middle + 1, last, points, chunk, work, tasks);
            tasks.push(Task { payload: HullPayload { merge: true, start, end, work }, deps: vec![left, right] });
        }
        tasks.len() - 1
    }
    let leaves = points.div_ceil(chunk).max(1);
    let mut tasks = Vec::with_capacity(2 * leaves);
    visit(0, leaves - 1, points, chunk, work, &mut tasks);
    tasks
}

fn units(c: &Chains) -> u64 {
    ((c.lower.len() + c.upper.len()) / 2) as u64
}

impl Hull {
    /// The input of parameters {points, shape} and `seed`: the points, sorted.
    pub fn new(params: &Params, seed: u32) -> Result<Self, String> {
        let n = params.whole("points", 1)?;
        if n > HULL_MAX_POINTS {
            return Err(format!("parameter \"points\" is {n}, at most {HULL_MAX_POINTS}"));
        }
        let shape = params.choice("shape", &["square", "disc", "circle"])?;
        Ok(Hull { points: sort_points(&points::generate_points(n as usize, &shape, seed)) })
    }
}

impl Suite for Hull {
    type Payload = HullPayload;
    type Output = HullOutput;

    fn knob_range(&self) -> KnobRange {
        KnobRange { chunk_min: 1, chunk_max: (self.points.len() as u64 / 2 / HULL_MIN_LEAVES).max(1), work_max: 10_000_000 }
    }

    fn split(&self, knob: Knob) -> Vec<Task<HullPayload>> {
        hull_graph(self.points.len() / 2, knob.chunk.max(1) as usize, knob.work)
    }

    fn kernel(&self, p: &HullPayload, deps: &[&HullOutput]) -> HullOutput {
        if !p.merge {
            let chains = chains(&self.points, p.start, p.end - p.start);
            let spin = if p.work > 0 { spin(p.work * (p.end - p.start) as u64, p.start as i64 + 1) } else { 0 };
            return HullOutput { chains, spin };
        }
        let (left, right) = (deps[0], deps[1]);
        let chains = merge_chains(&left.chains, &right.chains);
        let acc = left.spin ^ right.spin;
        let spin = if p.work > 0 { spin(p.work * (units(&left.chains) + units(&right.chains)), i64::from(acc ^ p.end as i32)) } else { acc };
        HullOutput { chains, spin }
    }

    fn fingerprint(&self, results: &[HullOutput]) -> String {
        let Some(root) = results.last() else { return "hull=0 vertices 811c9dc5 work=0".into() };
        let vertices = hull_vertices(&root.chains);
        format!("hull={} vertices {} work={}", vertices.len() / 2, fnv1a_f64(&vertices), hex32(root.spin))
    }
}
