// Package suites is parbench's five suites in Go: fib, square, primes, spmm and hull, bit-compatible
// with the TypeScript suites (suites/*.ts): the same mulberry32 inputs, the same tasks for a knob, the
// same xorshift32 work rounds and the same result fingerprints (checksum strings), so the TypeScript
// runner verifies a Go run against its own sequential result. Pure: no clock, no goroutines; reading a
// Matrix Market file (spmm --matrix) is the one piece of I/O, done when the input is built.
//
// Go may fuse a multiply and an add into one instruction (an FMA) on some architectures; every such
// pair whose rounding matters is written with an explicit float64 conversion, which the language
// specification says prevents fusion, so the results are TypeScript's bit for bit everywhere.
package suites

// Knob is the work knob calibration tunes: Chunk units of data per task, Work rounds per unit of cost.
type Knob struct {
	Chunk uint64 `json:"chunk"`
	Work  uint64 `json:"work"`
}

// KnobRange is the knob values calibration may choose from, for one input.
type KnobRange struct {
	ChunkMin, ChunkMax, WorkMax uint64
}

// Task is one task: its payload and the indices of earlier tasks whose results it takes (at most two).
type Task[P any] struct {
	Payload P
	Deps    []int
}

// Deps is a task's inputs: N of them (0, 1 or 2), A first. Passed by value, so a call allocates nothing.
type Deps[O any] struct {
	N    int
	A, B *O
}

// Suite is a suite over its built input. Implementations are pure and safe to share between goroutines.
type Suite[P, O any] interface {
	// KnobRange is the knob values calibration may choose from.
	KnobRange() KnobRange
	// Split is the tasks at knob k, dependencies before the tasks that take them.
	Split(k Knob) []Task[P]
	// Kernel runs one task on its payload and its dependencies' results.
	Kernel(p *P, deps Deps[O]) O
	// Fingerprint is the TypeScript suite's checksum(combine(input, results)) of results in task order.
	Fingerprint(results []O) string
}

// Inline is the optional inline form of a suite with independent tasks (the sequential reference and
// calibration): the kernel writing its array into preallocated output.
type Inline[P, O any] interface {
	// InlineLen is the number of float64 values task p writes.
	InlineLen(p *P) int
	// KernelInto runs task p into out (InlineLen values) and returns the work checksum.
	KernelInto(p *P, out []float64) int32
	// InlineResult is task p's result exactly as Kernel returns it, from its output and checksum.
	InlineResult(p *P, out []float64, scalar int32) O
}

// DepsOf gathers the inputs of task t from results.
func DepsOf[O any](deps []int, results []O) Deps[O] {
	switch len(deps) {
	case 0:
		return Deps[O]{}
	case 1:
		return Deps[O]{N: 1, A: &results[deps[0]]}
	default:
		return Deps[O]{N: 2, A: &results[deps[0]], B: &results[deps[1]]}
	}
}

// ExecuteInline runs tasks one after another with Kernel; the results in task order.
func ExecuteInline[P, O any](s Suite[P, O], tasks []Task[P]) []O {
	results := make([]O, len(tasks))
	for i := range tasks {
		results[i] = s.Kernel(&tasks[i].Payload, DepsOf(tasks[i].Deps, results))
	}
	return results
}

// Names are the suites this package implements, in the TypeScript registry's order.
var Names = []string{"fib", "square", "primes", "spmm", "hull"}

// ConcatParts is the arrays of task outputs back to back and the XOR of their work checksums (square's
// tiles, spmm's row blocks), part giving each output's array and checksum.
func ConcatParts[O any](results []O, part func(*O) ([]float64, int32)) ([]float64, int32) {
	var all []float64
	var acc int32
	for i := range results {
		values, spin := part(&results[i])
		all = append(all, values...)
		acc ^= spin
	}
	return all, acc
}
