package suites

// sin and cos as V8 computes Math.sin and Math.cos (fdlibm's algorithms), so that seeded inputs built
// with them are the same floats as in TypeScript (Go's math.Sin and math.Cos round differently for some
// arguments). A port of python/parbench_py/fdlibm.py (fdlibm's k_sin.c, k_cos.c and e_rem_pio2.c,
// "medium" reduction only). Every product that meets an addition is wrapped in float64(), which keeps
// Go from fusing them, so each operation is one IEEE double operation in fdlibm's order.

import "math"

func words(high, low uint32) float64 { return math.Float64frombits(uint64(high)<<32 | uint64(low)) }

func highWord(x float64) int32 { return int32(math.Float64bits(x) >> 32) }

var (
	s1, s2, s3, s4, s5, s6 = words(0xBFC55555, 0x55555549), words(0x3F811111, 0x1110F8A6), words(0xBF2A01A0, 0x19C161D5), words(0x3EC71DE3, 0x57B1FE7D), words(0xBE5AE5E6, 0x8A2B9CEB), words(0x3DE5D93A, 0x5ACFD57C)
	c1, c2, c3, c4, c5, c6 = words(0x3FA55555, 0x5555554C), words(0xBF56C16C, 0x16C15177), words(0x3EFA01A0, 0x19CB1590), words(0xBE927E4F, 0x809C52AD), words(0x3E21EE9E, 0xBDB4B1C4), words(0xBDA8FAE9, 0xBE8838D4)
	invpio2                = words(0x3FE45F30, 0x6DC9C883)
	pio2_1, pio2_1t        = words(0x3FF921FB, 0x54400000), words(0x3DD0B461, 0x1A626331)
	pio2_2, pio2_2t        = words(0x3DD0B461, 0x1A600000), words(0x3BA3198A, 0x2E037073)
	pio2_3, pio2_3t        = words(0x3BA3198A, 0x2E000000), words(0x397B839A, 0x252049C1)
)

// High words of n·π/2 for n = 1..32: below these, the first reduction step cannot cancel badly.
var npio2hw = [32]int32{
	0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C, 0x4025FDBB, 0x402921FB, 0x402C463A, 0x402F6A7A,
	0x4031475C, 0x4032D97C, 0x40346B9C, 0x4035FDBB, 0x40378FDB, 0x403921FB, 0x403AB41B, 0x403C463A, 0x403DD85A, 0x403F6A7A,
	0x40407E4C, 0x4041475C, 0x4042106C, 0x4042D97C, 0x4043A28C, 0x40446B9C, 0x404534AC, 0x4045FDBB, 0x4046C6CB, 0x40478FDB,
	0x404858EB, 0x404921FB,
}

// kernelSin is sin(x + y) for |x| ≤ π/4, y the tail of x (iy = 0 when y is zero).
func kernelSin(x, y float64, iy int) float64 {
	if highWord(x)&0x7FFFFFFF < 0x3E400000 && math.Trunc(x) == 0 {
		return x
	}
	z := float64(x * x)
	v := float64(z * x)
	r := s2 + float64(z*(s3+float64(z*(s4+float64(z*(s5+float64(z*s6)))))))
	if iy == 0 {
		return x + float64(v*(s1+float64(z*r)))
	}
	return x - ((float64(z*(float64(0.5*y)-float64(v*r))) - y) - float64(v*s1))
}

// kernelCos is cos(x + y) for |x| ≤ π/4, y the tail of x.
func kernelCos(x, y float64) float64 {
	ix := highWord(x) & 0x7FFFFFFF
	if ix < 0x3E400000 && math.Trunc(x) == 0 {
		return 1
	}
	z := float64(x * x)
	r := float64(z * (c1 + float64(z*(c2+float64(z*(c3+float64(z*(c4+float64(z*(c5+float64(z*c6)))))))))))
	if ix < 0x3FD33333 {
		return 1 - (float64(0.5*z) - (float64(z*r) - float64(x*y)))
	}
	qx := 0.28125
	if ix <= 0x3FE90000 {
		qx = words(uint32(ix-0x00200000), 0)
	}
	iz := float64(0.5*z) - qx
	a := 1 - qx
	return a - (iz - (float64(z*r) - float64(x*y)))
}

// remPio2 is (n, y0, y1) with x = n·π/2 + (y0 + y1), |y0 + y1| ≤ π/4; ok false beyond |x| ≤ 2^19·π/2.
func remPio2(x float64) (n int64, y0, y1 float64, ok bool) {
	hx := highWord(x)
	ix := hx & 0x7FFFFFFF
	if ix <= 0x3FE921FB {
		return 0, x, 0, true
	}
	if ix < 0x4002D97C {
		if hx > 0 {
			z := x - pio2_1
			if ix != 0x3FF921FB {
				y0 = z - pio2_1t
				return 1, y0, (z - y0) - pio2_1t, true
			}
			z -= pio2_2
			y0 = z - pio2_2t
			return 1, y0, (z - y0) - pio2_2t, true
		}
		z := x + pio2_1
		if ix != 0x3FF921FB {
			y0 = z + pio2_1t
			return -1, y0, (z - y0) + pio2_1t, true
		}
		z += pio2_2
		y0 = z + pio2_2t
		return -1, y0, (z - y0) + pio2_2t, true
	}
	if ix > 0x413921FB {
		return 0, 0, 0, false
	}
	t := math.Abs(x)
	n = int64(float64(t*invpio2) + 0.5)
	fn := float64(n)
	r := t - float64(fn*pio2_1)
	w := float64(fn * pio2_1t)
	if n < 32 && ix != npio2hw[n-1] {
		y0 = r - w
	} else {
		j := ix >> 20
		y0 = r - w
		i := j - ((highWord(y0) >> 20) & 0x7FF)
		if i > 16 {
			t := r
			w = float64(fn * pio2_2)
			r = t - w
			w = float64(fn*pio2_2t) - ((t - r) - w)
			y0 = r - w
			i = j - ((highWord(y0) >> 20) & 0x7FF)
			if i > 49 {
				t := r
				w = float64(fn * pio2_3)
				r = t - w
				w = float64(fn*pio2_3t) - ((t - r) - w)
				y0 = r - w
			}
		}
	}
	y1 = (r - y0) - w
	if hx < 0 {
		return -n, -y0, -y1, true
	}
	return n, y0, y1, true
}

// Sin is Math.sin(x) as V8 computes it, for |x| ≤ 2^19·π/2 (NaN beyond: not implemented).
func Sin(x float64) float64 {
	if highWord(x)&0x7FFFFFFF <= 0x3FE921FB {
		return kernelSin(x, 0, 0)
	}
	n, y0, y1, ok := remPio2(x)
	if !ok || math.IsNaN(x) || math.IsInf(x, 0) {
		return math.NaN()
	}
	switch n & 3 {
	case 0:
		return kernelSin(y0, y1, 1)
	case 1:
		return kernelCos(y0, y1)
	case 2:
		return -kernelSin(y0, y1, 1)
	default:
		return -kernelCos(y0, y1)
	}
}

// Cos is Math.cos(x) as V8 computes it, for |x| ≤ 2^19·π/2 (NaN beyond: not implemented).
func Cos(x float64) float64 {
	if highWord(x)&0x7FFFFFFF <= 0x3FE921FB {
		return kernelCos(x, 0)
	}
	n, y0, y1, ok := remPio2(x)
	if !ok || math.IsNaN(x) || math.IsInf(x, 0) {
		return math.NaN()
	}
	switch n & 3 {
	case 0:
		return kernelCos(y0, y1)
	case 1:
		return -kernelSin(y0, y1, 1)
	case 2:
		return -kernelCos(y0, y1)
	default:
		return kernelSin(y0, y1, 1)
	}
}

// Log is Math.log(x) as V8 computes it (fdlibm's e_log.c), which primes' balanced split takes of its
// grid points; Go's math.Log rounds differently for some of them.
func Log(x float64) float64 {
	const (
		ln2Hi = 6.93147180369123816490e-01
		ln2Lo = 1.90821492927058770002e-10
		two54 = 1.80143985094819840000e+16
		lg1   = 6.666666666666735130e-01
		lg2   = 3.999999999940941908e-01
		lg3   = 2.857142874366239149e-01
		lg4   = 2.222219843214978396e-01
		lg5   = 1.818357216161805012e-01
		lg6   = 1.531383769920937332e-01
		lg7   = 1.479819860511658591e-01
	)
	hx := highWord(x)
	lx := uint32(math.Float64bits(x))
	k := int32(0)
	if hx < 0x00100000 {
		if uint32(hx&0x7FFFFFFF)|lx == 0 {
			return math.Inf(-1)
		}
		if hx < 0 {
			return math.NaN()
		}
		k -= 54
		x *= two54
		hx = highWord(x)
	}
	if hx >= 0x7FF00000 {
		return x + x
	}
	k += (hx >> 20) - 1023
	hx &= 0x000FFFFF
	i := (hx + 0x95F64) & 0x100000
	x = math.Float64frombits(uint64(uint32(hx|(i^0x3FF00000)))<<32 | math.Float64bits(x)&0xFFFFFFFF)
	k += i >> 20
	f := x - 1
	dk := float64(k)
	if 0x000FFFFF&(2+hx) < 3 {
		if f == 0 {
			if k == 0 {
				return 0
			}
			return float64(dk*ln2Hi) + float64(dk*ln2Lo)
		}
		r := float64(float64(f*f) * (0.5 - float64(0.33333333333333333*f)))
		if k == 0 {
			return f - r
		}
		return float64(dk*ln2Hi) - ((r - float64(dk*ln2Lo)) - f)
	}
	s := f / (2 + f)
	z := float64(s * s)
	i = hx - 0x6147A
	w := float64(z * z)
	j := 0x6B851 - hx
	t1 := float64(w * (lg2 + float64(w*(lg4+float64(w*lg6)))))
	t2 := float64(z * (lg1 + float64(w*(lg3+float64(w*(lg5+float64(w*lg7)))))))
	i |= j
	r := t2 + t1
	if i > 0 {
		hfsq := float64(float64(0.5*f) * f)
		if k == 0 {
			return f - (hfsq - float64(s*(hfsq+r)))
		}
		return float64(dk*ln2Hi) - ((hfsq - (float64(s*(hfsq+r)) + float64(dk*ln2Lo))) - f)
	}
	if k == 0 {
		return f - float64(s*(f-r))
	}
	return float64(dk*ln2Hi) - ((float64(s*(f-r)) - float64(dk*ln2Lo)) - f)
}
