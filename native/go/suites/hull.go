package suites

import (
	"fmt"
	"math"
	"math/big"
	"sort"
)

const (
	// HullMaxPoints is the largest point count accepted.
	HullMaxPoints = 1_000_000
	// HullMinLeaves: the largest chunk still leaves this many leaf slices.
	HullMinLeaves = 16
	epsilon       = 1.1102230246251565e-16
)

// ccwErrBoundA is robust-predicates' first error bound: a float determinant this far from zero has the exact sign.
var ccwErrBoundA = float64((3 + 16*epsilon) * epsilon)

// GeneratePoints is n points from mulberry32(seed), flat [x0, y0, …], uniform in [-1, 1)² (square),
// in the unit disc (radius √u) or on the unit circle, angles through fdlibm's Cos and Sin (hull/points.ts).
func GeneratePoints(n int, shape string, seed uint32) []float64 {
	random := NewMulberry32(seed)
	xy := make([]float64, 2*n)
	for i := 0; i < n; i++ {
		var x, y float64
		if shape == "square" {
			x = float64(random.Next()*2) - 1
			y = float64(random.Next()*2) - 1
		} else {
			angle := float64(random.Next()*2) * math.Pi
			radius := 1.0
			if shape == "disc" {
				radius = math.Sqrt(random.Next())
			}
			x = radius * Cos(angle)
			y = radius * Sin(angle)
		}
		xy[2*i], xy[2*i+1] = x, y
	}
	return xy
}

// exactOrient is the sign of (ay − cy)(bx − cx) − (ax − cx)(by − cy) in exact rational arithmetic.
func exactOrient(ax, ay, bx, by, cx, cy float64) int {
	r := func(v float64) *big.Rat { return new(big.Rat).SetFloat64(v) }
	sub := func(a, b float64) *big.Rat { return new(big.Rat).Sub(r(a), r(b)) }
	left := new(big.Rat).Mul(sub(ay, cy), sub(bx, cx))
	right := new(big.Rat).Mul(sub(ax, cx), sub(by, cy))
	return left.Sub(left, right).Sign()
}

// OrientSign is the sign of robust-predicates' orient2d(ax, ay, bx, by, cx, cy): 1 for a clockwise turn
// a → b → c, −1 counter-clockwise, 0 collinear; the float determinant when its error bound proves the
// sign, else the exact one.
func OrientSign(ax, ay, bx, by, cx, cy float64) int {
	detleft := float64((ay - cy) * (bx - cx))
	detright := float64((ax - cx) * (by - cy))
	det := detleft - detright
	if math.Abs(det) >= float64(ccwErrBoundA*math.Abs(detleft+detright)) {
		switch {
		case det > 0:
			return 1
		case det < 0:
			return -1
		}
		return 0
	}
	return exactOrient(ax, ay, bx, by, cx, cy)
}

// Chains is a hull as its lower and upper chains, flat [x, y, …] from the leftmost to the rightmost point.
type Chains struct{ Lower, Upper []float64 }

func chain(xy []float64, first, count int, upper bool) []float64 {
	stack := make([]int, 0, count)
	for step := 0; step < count; step++ {
		k := step
		if upper {
			k = count - 1 - step
		}
		i := 2 * (first + k)
		if top := len(stack); top > 0 && xy[stack[top-1]] == xy[i] && xy[stack[top-1]+1] == xy[i+1] {
			continue
		}
		for len(stack) >= 2 {
			o, a := stack[len(stack)-2], stack[len(stack)-1]
			if OrientSign(xy[o], xy[o+1], xy[a], xy[a+1], xy[i], xy[i+1]) < 0 {
				break
			}
			stack = stack[:len(stack)-1]
		}
		stack = append(stack, i)
	}
	out := make([]float64, 0, 2*len(stack))
	for k := range stack {
		i := stack[k]
		if upper {
			i = stack[len(stack)-1-k]
		}
		out = append(out, xy[i], xy[i+1])
	}
	return out
}

// HullChains is the chains of points first .. first+count−1 of xy, sorted by (x, y).
func HullChains(xy []float64, first, count int) Chains {
	return Chains{Lower: chain(xy, first, count, false), Upper: chain(xy, first, count, true)}
}

// MergeChains is the hull of two point sets where every point of left sorts before every point of right.
func MergeChains(left, right *Chains) Chains {
	lower := append(append(make([]float64, 0, len(left.Lower)+len(right.Lower)), left.Lower...), right.Lower...)
	upper := append(append(make([]float64, 0, len(left.Upper)+len(right.Upper)), left.Upper...), right.Upper...)
	return Chains{Lower: chain(lower, 0, len(lower)/2, false), Upper: chain(upper, 0, len(upper)/2, true)}
}

// HullVertices is the counter-clockwise vertices from the lowest-leftmost point.
func HullVertices(c *Chains) []float64 {
	lower, upper := len(c.Lower)/2, len(c.Upper)/2
	if lower <= 1 {
		return append([]float64(nil), c.Lower...)
	}
	out := append([]float64(nil), c.Lower[:2*(lower-1)]...)
	for i := upper - 1; i > 0; i-- {
		out = append(out, c.Upper[2*i], c.Upper[2*i+1])
	}
	return out
}

// SortPoints is flat points sorted by x, then y (stable, like the TypeScript comparator sort).
func SortPoints(xy []float64) []float64 {
	n := len(xy) / 2
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		i, j := order[a], order[b]
		if xy[2*i] != xy[2*j] {
			return xy[2*i] < xy[2*j]
		}
		return xy[2*i+1] < xy[2*j+1]
	})
	out := make([]float64, len(xy))
	for k, i := range order {
		out[2*k], out[2*k+1] = xy[2*i], xy[2*i+1]
	}
	return out
}

// MonotoneChainHull is the sequential reference: the monotone chain over all sorted points at once.
func MonotoneChainHull(sorted []float64) []float64 {
	c := HullChains(sorted, 0, len(sorted)/2)
	return HullVertices(&c)
}

// Hull is suites/hull.ts: the convex hull of n seeded points by divide and conquer, leaves of Chunk
// points joined by a balanced tree of merges in post-order; Work rounds per point and chain vertex.
type Hull struct{ Points []float64 }

// HullPayload is a leaf (the hull of points [Start, End)) or a Merge of its two inputs.
type HullPayload struct {
	Merge      bool
	Start, End int
	Work       uint64
}

// HullOutput is a hull's chains and work checksum.
type HullOutput struct {
	Chains Chains
	Spin   int32
}

// NewHull is the input of parameters {points, shape} and seed: the points, sorted.
func NewHull(p Params, seed uint32) (*Hull, error) {
	n, err := p.Whole("points", 1, HullMaxPoints)
	if err != nil {
		return nil, err
	}
	shape, err := p.Choice("shape", "square", "disc", "circle")
	if err != nil {
		return nil, err
	}
	return &Hull{Points: SortPoints(GeneratePoints(int(n), shape, seed))}, nil
}

// HullGraph is leaves of chunk points joined by a balanced tree of merges, in post-order (hullGraph).
func HullGraph(points, chunk int, work uint64) []Task[HullPayload] {
	leaves := max(1, (points+chunk-1)/chunk)
	tasks := make([]Task[HullPayload], 0, 2*leaves)
	var visit func(first, last int) int
	visit = func(first, last int) int {
		start, end := first*chunk, min(points, (last+1)*chunk)
		if first == last {
			tasks = append(tasks, Task[HullPayload]{Payload: HullPayload{Start: start, End: end, Work: work}})
		} else {
			middle := (first + last) >> 1
			left := visit(first, middle)
			right := visit(middle+1, last)
			tasks = append(tasks, Task[HullPayload]{Payload: HullPayload{Merge: true, Start: start, End: end, Work: work}, Deps: []int{left, right}})
		}
		return len(tasks) - 1
	}
	visit(0, leaves-1)
	return tasks
}

// KnobRange: 1 .. points/16 points per leaf.
func (h *Hull) KnobRange() KnobRange {
	return KnobRange{ChunkMin: 1, ChunkMax: max(1, uint64(len(h.Points)/2)/HullMinLeaves), WorkMax: 10_000_000}
}

// Split is the graph at knob k.
func (h *Hull) Split(k Knob) []Task[HullPayload] {
	return HullGraph(len(h.Points)/2, int(max(k.Chunk, 1)), k.Work)
}

func units(c *Chains) uint64 { return uint64((len(c.Lower) + len(c.Upper)) / 2) }

// Kernel is a leaf's chains or a merge of its inputs' chains, then Work rounds per unit.
func (h *Hull) Kernel(p *HullPayload, d Deps[HullOutput]) HullOutput {
	if !p.Merge {
		out := HullOutput{Chains: HullChains(h.Points, p.Start, p.End-p.Start)}
		if p.Work > 0 {
			out.Spin = Spin(p.Work*uint64(p.End-p.Start), int64(p.Start)+1)
		}
		return out
	}
	out := HullOutput{Chains: MergeChains(&d.A.Chains, &d.B.Chains), Spin: d.A.Spin ^ d.B.Spin}
	if p.Work > 0 {
		out.Spin = Spin(p.Work*(units(&d.A.Chains)+units(&d.B.Chains)), int64(out.Spin^int32(p.End)))
	}
	return out
}

// Fingerprint is "hull=<vertices> vertices <fnv1a> work=<hex>" of the root.
func (h *Hull) Fingerprint(results []HullOutput) string {
	if len(results) == 0 {
		return "hull=0 vertices 811c9dc5 work=0"
	}
	root := results[len(results)-1]
	vertices := HullVertices(&root.Chains)
	return fmt.Sprintf("hull=%d vertices %s work=%s", len(vertices)/2, Fnv1a(vertices), Hex32(root.Spin))
}
