//! sin and cos as V8 computes Math.sin and Math.cos (fdlibm's algorithms), so that seeded inputs built
//! with them are the same floats as in TypeScript; the C library's sin and cos round differently for a
//! few percent of arguments. A port of python/parbench_py/fdlibm.py (itself fdlibm's k_sin.c, k_cos.c
//! and e_rem_pio2.c, "medium" reduction only): every operation is one IEEE double operation in fdlibm's
//! order (Rust never contracts a multiply and an add into a fused multiply-add).

fn words(high: u32, low: u32) -> f64 {
    f64::from_bits((u64::from(high) << 32) | u64::from(low))
}

/// The upper 32 bits of x as a signed 32-bit integer.
fn high_word(x: f64) -> i32 {
    (x.to_bits() >> 32) as i32
}

const fn w(high: u32, low: u32) -> u64 {
    ((high as u64) << 32) | low as u64
}

macro_rules! c {
    ($name:ident, $h:expr, $l:expr) => {
        #[allow(non_snake_case)]
        fn $name() -> f64 {
            f64::from_bits(w($h, $l))
        }
    };
}

c!(S1, 0xBFC55555, 0x55555549);
c!(S2, 0x3F811111, 0x1110F8A6);
c!(S3, 0xBF2A01A0, 0x19C161D5);
c!(S4, 0x3EC71DE3, 0x57B1FE7D);
c!(S5, 0xBE5AE5E6, 0x8A2B9CEB);
c!(S6, 0x3DE5D93A, 0x5ACFD57C);
c!(C1, 0x3FA55555, 0x5555554C);
c!(C2, 0xBF56C16C, 0x16C15177);
c!(C3, 0x3EFA01A0, 0x19CB1590);
c!(C4, 0xBE927E4F, 0x809C52AD);
c!(C5, 0x3E21EE9E, 0xBDB4B1C4);
c!(C6, 0xBDA8FAE9, 0xBE8838D4);
c!(INVPIO2, 0x3FE45F30, 0x6DC9C883);
c!(PIO2_1, 0x3FF921FB, 0x54400000);
c!(PIO2_1T, 0x3DD0B461, 0x1A626331);
c!(PIO2_2, 0x3DD0B461, 0x1A600000);
c!(PIO2_2T, 0x3BA3198A, 0x2E037073);
c!(PIO2_3, 0x3BA3198A, 0x2E000000);
c!(PIO2_3T, 0x397B839A, 0x252049C1);

/// High words of n·π/2 for n = 1..32: below these, the first reduction step cannot cancel badly.
const NPIO2_HW: [i32; 32] = [
    0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C, 0x4025FDBB, 0x402921FB, 0x402C463A, 0x402F6A7A,
    0x4031475C, 0x4032D97C, 0x40346B9C, 0x4035FDBB, 0x40378FDB, 0x403921FB, 0x403AB41B, 0x403C463A, 0x403DD85A, 0x403F6A7A,
    0x40407E4C, 0x4041475C, 0x4042106C, 0x4042D97C, 0x4043A28C, 0x40446B9C, 0x404534AC, 0x4045FDBB, 0x4046C6CB, 0x40478FDB,
    0x404858EB, 0x404921FB,
];

/// sin(x + y) for |x| ≤ π/4, y the tail of x (iy = 0 when y is zero).
fn kernel_sin(x: f64, y: f64, iy: i32) -> f64 {
    if (high_word(x) & 0x7FFF_FFFF) < 0x3E40_0000 && x.trunc() == 0.0 {
        return x;
    }
    let z = x * x;
    let v = z * x;
    let r = S2() + z * (S3() + z * (S4() + z * (S5() + z * S6())));
    if iy == 0 {
        x + v * (S1() + z * r)
    } else {
        x - ((z * (0.5 * y - v * r) - y) - v * S1())
    }
}

/// cos(x + y) for |x| ≤ π/4, y the tail of x.
fn kernel_cos(x: f64, y: f64) -> f64 {
    let ix = high_word(x) & 0x7FFF_FFFF;
    if ix < 0x3E40_0000 && x.trunc() == 0.0 {
        return 1.0;
    }
    let z = x * x;
    let r = z * (C1() + z * (C2() + z * (C3() + z * (C4() + z * (C5() + z * C6())))));
    if ix < 0x3FD3_3333 {
        return 1.0 - (0.5 * z - (z * r - x * y));
    }
    let qx = if ix > 0x3FE9_0000 { 0.28125 } else { words((ix - 0x0020_0000) as u32, 0) };
    let iz = 0.5 * z - qx;
    let a = 1.0 - qx;
    a - (iz - (z * r - x * y))
}

/// (n, y0, y1) with x = n·π/2 + (y0 + y1), |y0 + y1| ≤ π/4; None beyond |x| ≤ 2^19·π/2.
fn rem_pio2(x: f64) -> Option<(i64, f64, f64)> {
    let hx = high_word(x);
    let ix = hx & 0x7FFF_FFFF;
    if ix <= 0x3FE9_21FB {
        return Some((0, x, 0.0));
    }
    if ix < 0x4002_D97C {
        if hx > 0 {
            let mut z = x - PIO2_1();
            if ix != 0x3FF9_21FB {
                let y0 = z - PIO2_1T();
                return Some((1, y0, (z - y0) - PIO2_1T()));
            }
            z -= PIO2_2();
            let y0 = z - PIO2_2T();
            return Some((1, y0, (z - y0) - PIO2_2T()));
        }
        let mut z = x + PIO2_1();
        if ix != 0x3FF9_21FB {
            let y0 = z + PIO2_1T();
            return Some((-1, y0, (z - y0) + PIO2_1T()));
        }
        z += PIO2_2();
        let y0 = z + PIO2_2T();
        return Some((-1, y0, (z - y0) + PIO2_2T()));
    }
    if ix > 0x4139_21FB {
        return None;
    }
    let t = x.abs();
    let n = (t * INVPIO2() + 0.5) as i64;
    let fn_ = n as f64;
    let mut r = t - fn_ * PIO2_1();
    let mut w = fn_ * PIO2_1T();
    let mut y0;
    if n < 32 && ix != NPIO2_HW[(n - 1) as usize] {
        y0 = r - w;
    } else {
        let j = ix >> 20;
        y0 = r - w;
        let mut i = j - ((high_word(y0) >> 20) & 0x7FF);
        if i > 16 {
            let t = r;
            w = fn_ * PIO2_2();
            r = t - w;
            w = fn_ * PIO2_2T() - ((t - r) - w);
            y0 = r - w;
            i = j - ((high_word(y0) >> 20) & 0x7FF);
            if i > 49 {
                let t = r;
                w = fn_ * PIO2_3();
                r = t - w;
                w = fn_ * PIO2_3T() - ((t - r) - w);
                y0 = r - w;
            }
        }
    }
    let y1 = (r - y0) - w;
    if hx < 0 {
        Some((-n, -y0, -y1))
    } else {
        Some((n, y0, y1))
    }
}

/// Math.sin(x) as V8 computes it, for |x| ≤ 2^19·π/2 (NaN beyond: not implemented).
pub fn sin(x: f64) -> f64 {
    if (high_word(x) & 0x7FFF_FFFF) <= 0x3FE9_21FB {
        return kernel_sin(x, 0.0, 0);
    }
    if !x.is_finite() {
        return f64::NAN; // sin and cos of NaN or ±infinity
    }
    match rem_pio2(x) {
        None => f64::NAN,
        Some((n, y0, y1)) => match n & 3 {
            0 => kernel_sin(y0, y1, 1),
            1 => kernel_cos(y0, y1),
            2 => -kernel_sin(y0, y1, 1),
            _ => -kernel_cos(y0, y1),
        },
    }
}

/// Math.cos(x) as V8 computes it, for |x| ≤ 2^19·π/2 (NaN beyond: not implemented).
pub fn cos(x: f64) -> f64 {
    if (high_word(x) & 0x7FFF_FFFF) <= 0x3FE9_21FB {
        return kernel_cos(x, 0.0);
    }
    if !x.is_finite() {
        return f64::NAN; // sin and cos of NaN or ±infinity
    }
    match rem_pio2(x) {
        None => f64::NAN,
        Some((n, y0, y1)) => match n & 3 {
            0 => kernel_cos(y0, y1),
            1 => -kernel_sin(y0, y1, 1),
            2 => -kernel_cos(y0, y1),
            _ => kernel_sin(y0, y1, 1),
        },
    }
}

/// Math.log(x) as V8 computes it (fdlibm's e_log.c), which primes' balanced split takes of its grid
/// points; the C library's log rounds differently for about 1% of them.
pub fn log(x: f64) -> f64 {
    const LN2_HI: f64 = 6.93147180369123816490e-01;
    const LN2_LO: f64 = 1.90821492927058770002e-10;
    const TWO54: f64 = 1.80143985094819840000e+16;
    const LG1: f64 = 6.666666666666735130e-01;
    const LG2: f64 = 3.999999999940941908e-01;
    const LG3: f64 = 2.857142874366239149e-01;
    const LG4: f64 = 2.222219843214978396e-01;
    const LG5: f64 = 1.818357216161805012e-01;
    const LG6: f64 = 1.531383769920937332e-01;
    const LG7: f64 = 1.479819860511658591e-01;
    let mut x = x;
    let mut hx = high_word(x);
    let lx = x.to_bits() as u32;
    let mut k: i32 = 0;
    if hx < 0x0010_0000 {
        if ((hx & 0x7FFF_FFFF) as u32 | lx) == 0 {
            return f64::NEG_INFINITY;
        }
        if hx < 0 {
            return f64::NAN;
        }
        k -= 54;
        x *= TWO54;
        hx = high_word(x);
    }
    if hx >= 0x7FF0_0000 {
        return x + x;
    }
    k += (hx >> 20) - 1023;
    hx &= 0x000F_FFFF;
    let i = (hx + 0x95F64) & 0x10_0000;
    x = f64::from_bits((u64::from((hx | (i ^ 0x3FF0_0000)) as u32) << 32) | (x.to_bits() & 0xFFFF_FFFF));
    k += i >> 20;
    let f = x - 1.0;
    let dk = f64::from(k);
    if (0x000F_FFFF & (2 + hx)) < 3 {
        if f == 0.0 {
            return if k == 0 { 0.0 } else { dk * LN2_HI + dk * LN2_LO };
        }
        let r = f * f * (0.5 - 0.33333333333333333 * f);
        return if k == 0 { f - r } else { dk * LN2_HI - ((r - dk * LN2_LO) - f) };
    }
    let s = f / (2.0 + f);
    let z = s * s;
    let mut i = hx - 0x6147A;
    let w = z * z;
    let j = 0x6B851 - hx;
    let t1 = w * (LG2 + w * (LG4 + w * LG6));
    let t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    i |= j;
    let r = t2 + t1;
    if i > 0 {
        let hfsq = 0.5 * f * f;
        if k == 0 {
            f - (hfsq - s * (hfsq + r))
        } else {
            dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f)
        }
    } else if k == 0 {
        f - s * (f - r)
    } else {
        dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f)
    }
}
