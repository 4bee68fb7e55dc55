package suites

import (
	"fmt"
	"math"
)

// Mulberry32 is the seeded generator of suites/random.ts: Next returns a float in [0, 1) with 32 random bits.
type Mulberry32 struct{ state uint32 }

// NewMulberry32 is a generator from seed taken as an unsigned 32-bit integer (seed >>> 0).
func NewMulberry32(seed uint32) *Mulberry32 { return &Mulberry32{state: seed} }

// Next is the next float in [0, 1).
func (m *Mulberry32) Next() float64 {
	m.state += 0x6D2B79F5
	t := m.state
	t = (t ^ (t >> 15)) * (t | 1)
	t ^= t + (t^(t>>7))*(t|61)
	return float64(t^(t>>14)) / 4294967296
}

// Spin is calibrated work, as suites/work.ts: rounds of xorshift32 (shifts 13/17/5) from seed taken
// modulo 2^32 (0 is replaced by 0x9e3779b9); the final state as an int32.
func Spin(rounds uint64, seed int64) int32 {
	x := uint32(seed)
	if x == 0 {
		x = 0x9E3779B9
	}
	for i := uint64(0); i < rounds; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
	}
	return int32(x)
}

// Fnv1a is 32-bit FNV-1a over the little-endian bytes of values, as 8 lowercase hex digits (suites/checksum.ts).
func Fnv1a(values []float64) string {
	h := uint32(0x811C9DC5)
	for _, v := range values {
		bits := math.Float64bits(v)
		for b := 0; b < 8; b++ {
			h ^= uint32(byte(bits >> (8 * b)))
			h *= 0x01000193
		}
	}
	return fmt.Sprintf("%08x", h)
}

// Hex32 is JavaScript's (value >>> 0).toString(16).
func Hex32(value int32) string { return fmt.Sprintf("%x", uint32(value)) }

// JsRound is JavaScript's Math.round: the nearest integer, halves towards +infinity.
func JsRound(x float64) float64 {
	floor := math.Floor(x)
	if x-floor >= 0.5 {
		return floor + 1
	}
	return floor
}

// Params is a point's suite parameters as the runner sends them: float64, string or nil by name.
type Params map[string]any

// Number is a number parameter; an error naming it when missing or not a number.
func (p Params) Number(name string) (float64, error) {
	if n, ok := p[name].(float64); ok {
		return n, nil
	}
	return 0, fmt.Errorf("parameter %q must be a number", name)
}

// Whole is a whole-number parameter of at least min and at most max.
func (p Params) Whole(name string, min, max uint64) (uint64, error) {
	n, err := p.Number(name)
	if err != nil {
		return 0, err
	}
	if n != math.Trunc(n) || n < float64(min) || n > float64(max) {
		return 0, fmt.Errorf("parameter %q must be a whole number in %d..%d, got %v", name, min, max, n)
	}
	return uint64(n), nil
}

// Choice is a string parameter that must be one of choices.
func (p Params) Choice(name string, choices ...string) (string, error) {
	if s, ok := p[name].(string); ok {
		for _, c := range choices {
			if s == c {
				return s, nil
			}
		}
	}
	return "", fmt.Errorf("parameter %q is %v (allowed: %v)", name, p[name], choices)
}

// Text is an optional string parameter: "" when absent, null or empty.
func (p Params) Text(name string) string {
	s, _ := p[name].(string)
	return s
}
