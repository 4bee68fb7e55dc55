//! Seeded point sets, identical to suites/hull/points.ts: uniform in a square, uniform in a disc, or on
//! a circle. Angles go through fdlibm's sin and cos, as V8's Math.sin and Math.cos do.

use crate::fdlibm::{cos, sin};
use crate::rng::Mulberry32;

/// `n` points from mulberry32(seed), flat [x0, y0, …]; `shape` is square, disc or circle (any other
/// value is taken as circle; the suite checks it first).
pub fn generate_points(n: usize, shape: &str, seed: u32) -> Vec<f64> {
    let mut random = Mulberry32::new(seed);
    let mut xy = vec![0.0; 2 * n];
    for i in 0..n {
        let (x, y);
        if shape == "square" {
            x = random.next() * 2.0 - 1.0;
            y = random.next() * 2.0 - 1.0;
        } else {
            let angle = random.next() * 2.0 * std::f64::consts::PI;
            let radius = if shape == "disc" { random.next().sqrt() } else { 1.0 };
            x = radius * cos(angle);
            y = radius * sin(angle);
        }
        xy[2 * i] = x;
        xy[2 * i + 1] = y;
    }
    xy
}
