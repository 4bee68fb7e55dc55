package suites

import (
	"fmt"
	"math"
)

const (
	// PrimesMaxLimit is the largest limit accepted.
	PrimesMaxLimit = 100_000_000
	// PrimesMinTasks: the largest chunk still leaves this many tasks.
	PrimesMinTasks = 16
	primesGrid     = 4096
)

// Primes is suites/primes.ts: count and sum the primes in [0, Limit) by trial division, one sub-range
// per task, of equal width or equal estimated cost (Balanced); each trial division takes Work rounds.
type Primes struct {
	Limit    uint64
	Balanced bool
}

// PrimesPayload is a sub-range [Lo, Hi) and rounds per trial division.
type PrimesPayload struct{ Lo, Hi, Work uint64 }

// PrimesOutput is the primes found, their sum and the work checksum.
type PrimesOutput struct {
	Count, Sum uint64
	Spin       int32
}

// NewPrimes is the input of parameters {limit, split}.
func NewPrimes(p Params) (*Primes, error) {
	limit, err := p.Whole("limit", 1, PrimesMaxLimit)
	if err != nil {
		return nil, err
	}
	split, err := p.Choice("split", "width", "balanced")
	if err != nil {
		return nil, err
	}
	return &Primes{Limit: limit, Balanced: split == "balanced"}, nil
}

// CountRange is trial division over [lo, hi): primes, their sum and trial divisions made.
func CountRange(lo, hi uint64) (count, sum, divisions uint64) {
	for x := lo; x < hi; x++ {
		divisions++
		if x < 2 {
			continue
		}
		if x < 4 {
			count++
			sum += x
			continue
		}
		if x&1 == 0 {
			continue
		}
		prime := true
		for d := uint64(3); d*d <= x; d += 2 {
			divisions++
			if x%d == 0 {
				prime = false
				break
			}
		}
		if prime {
			count++
			sum += x
		}
	}
	return
}

func costDensity(x float64) float64 {
	if x < 3 {
		return 1
	}
	return 1 + math.Sqrt(x)/float64(2*Log(x))
}

// BalancedBounds is the boundaries of tasks ranges of [0, n) of equal estimated cost (balancedBounds).
func BalancedBounds(n, tasks uint64) []uint64 {
	steps := int(min(primesGrid, n))
	nf := float64(n)
	xs := make([]float64, steps+1)
	cum := make([]float64, steps+1)
	for i := range xs {
		xs[i] = float64(nf*float64(i)) / float64(steps)
	}
	for i := 1; i <= steps; i++ {
		cum[i] = cum[i-1] + float64(float64((costDensity(xs[i-1])+costDensity(xs[i]))/2)*(xs[i]-xs[i-1]))
	}
	total := cum[steps]
	bounds := []uint64{0}
	g := 1
	for k := uint64(1); k < tasks; k++ {
		target := float64(total*float64(k)) / float64(tasks)
		for g < steps && cum[g] < target {
			g++
		}
		span := cum[g] - cum[g-1]
		x := xs[g-1]
		if span > 0 {
			x += float64(((target - cum[g-1]) / span) * (xs[g] - xs[g-1]))
		}
		b := math.Min(float64(n-(tasks-k)), math.Max(float64(bounds[k-1]+1), JsRound(x)))
		bounds = append(bounds, uint64(b))
	}
	return append(bounds, n)
}

// WidthBounds is the boundaries of ranges of chunk numbers (the last may be shorter).
func WidthBounds(n, chunk uint64) []uint64 {
	var bounds []uint64
	for b := uint64(0); b < n; b += max(chunk, 1) {
		bounds = append(bounds, b)
	}
	return append(bounds, n)
}

// KnobRange: 1 .. limit/16 numbers per task.
func (s *Primes) KnobRange() KnobRange {
	return KnobRange{ChunkMin: 1, ChunkMax: max(1, s.Limit/PrimesMinTasks), WorkMax: 10_000_000}
}

// Split is the sub-ranges at knob k.
func (s *Primes) Split(k Knob) []Task[PrimesPayload] {
	bounds := WidthBounds(s.Limit, k.Chunk)
	if s.Balanced {
		bounds = BalancedBounds(s.Limit, uint64(len(bounds)-1))
	}
	tasks := make([]Task[PrimesPayload], 0, len(bounds)-1)
	for i := 1; i < len(bounds); i++ {
		tasks = append(tasks, Task[PrimesPayload]{Payload: PrimesPayload{Lo: bounds[i-1], Hi: bounds[i], Work: k.Work}})
	}
	return tasks
}

// Kernel counts the primes of one sub-range, then Work rounds per trial division.
func (s *Primes) Kernel(p *PrimesPayload, _ Deps[PrimesOutput]) PrimesOutput {
	count, sum, divisions := CountRange(p.Lo, p.Hi)
	var spin int32
	if p.Work > 0 {
		spin = Spin(p.Work*divisions, int64(p.Lo)+1)
	}
	return PrimesOutput{Count: count, Sum: sum, Spin: spin}
}

// Fingerprint is "primes=<count> sum=<sum> work=<hex>".
func (s *Primes) Fingerprint(results []PrimesOutput) string {
	var count, sum uint64
	var acc int32
	for _, r := range results {
		count += r.Count
		sum += r.Sum
		acc ^= r.Spin
	}
	return fmt.Sprintf("primes=%d sum=%d work=%s", count, sum, Hex32(acc))
}
