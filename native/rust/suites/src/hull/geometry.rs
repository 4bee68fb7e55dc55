//! Convex hulls by Andrew's monotone chain with exact orientation tests, identical to
//! suites/hull/geometry.ts: the same vertices in the same order. The sign of the orientation is the
//! exact one (Shewchuk's adaptive predicates, the `robust` crate), as robust-predicates computes it.

use robust::{orient2d, Coord};

/// A hull as its lower and upper chains, each flat [x, y, …] from the leftmost to the rightmost point.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Chains {
    pub lower: Vec<f64>,
    pub upper: Vec<f64>,
}

/// true when o → a → b does not turn counter-clockwise (robust-predicates' orient2d ≥ 0, which is the
/// negated Shewchuk orient2d).
#[inline]
fn not_left(xy: &[f64], o: usize, a: usize, b: usize) -> bool {
    orient2d(Coord { x: xy[o], y: xy[o + 1] }, Coord { x: xy[a], y: xy[a + 1] }, Coord { x: xy[b], y: xy[b + 1] }) <= 0.0
}

fn chain(xy: &[f64], first: usize, count: usize, upper: bool) -> Vec<f64> {
    let mut stack: Vec<usize> = Vec::with_capacity(count);
    for step in 0..count {
        let i = 2 * (first + if upper { count - 1 - step } else { step });
        if let Some(&t) = stack.last() {
            if xy[t] == xy[i] && xy[t + 1] == xy[i + 1] {
                continue;
            }
        }
        while stack.len() >= 2 && not_left(xy, stack[stack.len() - 2], stack[stack.len() - 1], i) {
            stack.pop();
        }
        stack.push(i);
    }
    let top = stack.len();
    let mut out = Vec::with_capacity(2 * top);
    for k in 0..top {
        let i = stack[if upper { top - 1 - k } else { k }];
        out.push(xy[i]);
        out.push(xy[i + 1]);
    }
    out
}

/// Lower and upper chains of points first .. first+count−1 of `xy`, sorted by (x, y).
pub fn chains(xy: &[f64], first: usize, count: usize) -> Chains {
    Chains { lower: chain(xy, first, count, false), upper: chain(xy, first, count, true) }
}

/// Hull of two point sets where every point of `left` sorts before every point of `right`.
pub fn merge_chains(left: &Chains, right: &Chains) -> Chains {
    let lower = [left.lower.as_slice(), right.lower.as_slice()].concat();
    let upper = [left.upper.as_slice(), right.upper.as_slice()].concat();
    Chains { lower: chain(&lower, 0, lower.len() / 2, false), upper: chain(&upper, 0, upper.len() / 2, true) }
}

/// Counter-clockwise vertices from the lowest-leftmost point: lower chain, then upper chain back.
pub fn hull_vertices(c: &Chains) -> Vec<f64> {
    let lower = c.lower.len() / 2;
    let upper = c.upper.len() / 2;
    if lower <= 1 {
        return c.lower.clone();
    }
    let mut out = c.lower[..2 * (lower - 1)].to_vec();
    for i in (1..upper).rev() {
        out.push(c.upper[2 * i]);
        out.push(c.upper[2 * i + 1]);
    }
    out
}

/// Flat points sorted by x, then y (stable, like the TypeScript comparator sort).
pub fn sort_points(xy: &[f64]) -> Vec<f64> {
    let mut pairs: Vec<(f64, f64)> = xy.chunks_exact(2).map(|p| (p[0], p[1])).collect();
    pairs.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap().then(a.1.partial_cmp(&b.1).unwrap()));
    pairs.into_iter().flat_map(|(x, y)| [x, y]).collect()
}

/// The sequential reference: monotone chain over all sorted points at once.
pub fn monotone_chain_hull(sorted: &[f64]) -> Vec<f64> {
    hull_vertices(&chains(sorted, 0, sorted.len() / 2))
}

/// The sign of robust-predicates' orient2d(ax, ay, bx, by, cx, cy): 1 clockwise, −1 counter-clockwise,
/// 0 collinear.
pub fn orient_sign(ax: f64, ay: f64, bx: f64, by: f64, cx: f64, cy: f64) -> i32 {
    let v = -orient2d(Coord { x: ax, y: ay }, Coord { x: bx, y: by }, Coord { x: cx, y: cy });
    if v > 0.0 {
        1
    } else if v < 0.0 {
        -1
    } else {
        0
    }
}
