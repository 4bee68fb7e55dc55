package suites

import "fmt"

// FibMaxN is the largest n accepted (fib(25) is a graph of 242,785 tasks).
const FibMaxN = 25

// Fib is suites/fib.ts: the recursive Fibonacci as a task graph in post-order; fib(k) for k < 2 is a
// leaf, else an add task depending on fib(k−1) and fib(k−2); every task does Work rounds.
type Fib struct{ N uint64 }

// FibPayload is a leaf returning N, or (Add) an add of its two inputs; Work rounds either way.
type FibPayload struct {
	Add  bool
	N    uint64
	Work uint64
}

// FibOutput is a task's value and work checksum.
type FibOutput struct {
	Value uint64
	Spin  int32
}

// NewFib is the input of parameters {n}.
func NewFib(p Params) (*Fib, error) {
	n, err := p.Whole("n", 0, FibMaxN)
	if err != nil {
		return nil, err
	}
	return &Fib{N: n}, nil
}

// KnobRange: one call per task, the grain set by work alone.
func (f *Fib) KnobRange() KnobRange { return KnobRange{ChunkMin: 1, ChunkMax: 1, WorkMax: 50_000_000} }

// Split is the graph of fib(N) in post-order.
func (f *Fib) Split(k Knob) []Task[FibPayload] {
	var tasks []Task[FibPayload]
	var visit func(n uint64) int
	visit = func(n uint64) int {
		if n < 2 {
			tasks = append(tasks, Task[FibPayload]{Payload: FibPayload{N: n, Work: k.Work}})
		} else {
			left := visit(n - 1)
			right := visit(n - 2)
			tasks = append(tasks, Task[FibPayload]{Payload: FibPayload{Add: true, N: n, Work: k.Work}, Deps: []int{left, right}})
		}
		return len(tasks) - 1
	}
	visit(f.N)
	return tasks
}

// Kernel is one call: a leaf's value, or the sum of the inputs' values; then Work rounds.
func (f *Fib) Kernel(p *FibPayload, d Deps[FibOutput]) FibOutput {
	if !p.Add {
		return FibOutput{Value: p.N, Spin: Spin(p.Work, int64(p.N)+1)}
	}
	return FibOutput{Value: d.A.Value + d.B.Value, Spin: Spin(p.Work, int64(d.A.Spin^d.B.Spin^int32(p.N)))}
}

// Fingerprint is "fib=<value> work=<hex>" of the last (root) task.
func (f *Fib) Fingerprint(results []FibOutput) string {
	var root FibOutput
	if len(results) > 0 {
		root = results[len(results)-1]
	}
	return fmt.Sprintf("fib=%d work=%s", root.Value, Hex32(root.Spin))
}
