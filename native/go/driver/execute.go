package driver

import (
	"errors"
	"math"

	"parbench/native/go/suites"
)

// SampleTasks is count tasks to time, as sampleTasks (src/runner/calibrate.ts): evenly spread over an
// independent set (task floor((i + 0.5) · n / count)), otherwise the whole set (whose prefix the
// caller runs).
func SampleTasks[P any](tasks []suites.Task[P], count int) []suites.Task[P] {
	if count >= len(tasks) || !independent(tasks) {
		return tasks
	}
	n := float64(len(tasks))
	out := make([]suites.Task[P], count)
	for i := range out {
		out[i] = tasks[int(math.Floor((float64(i)+0.5)*n/float64(count)))]
	}
	return out
}

// CapTasks is the tasks a point runs under cap, as capTasks (src/runner/task-cap.ts): all of them for
// cap < 0 (none) or cap ≥ len(tasks), else cap tasks evenly spread over an independent set or the first
// cap of a graph; capped says whether it took a sample. An error for a cap of 0.
func CapTasks[P any](tasks []suites.Task[P], cap int64) (out []suites.Task[P], capped bool, err error) {
	switch {
	case cap < 0 || cap >= int64(len(tasks)):
		return tasks, false, nil
	case cap == 0:
		return nil, false, errors.New("the task cap must be at least 1 task, got 0")
	case !independent(tasks):
		return tasks[:cap], true, nil
	}
	return SampleTasks(tasks, int(cap)), true, nil
}

func independent[P any](tasks []suites.Task[P]) bool {
	for i := range tasks {
		if len(tasks[i].Deps) > 0 {
			return false
		}
	}
	return true
}

// Sink keeps results alive so that the compiler cannot drop the work that made them.
var Sink any

// InlineRunner runs one task set inline again and again: into one preallocated buffer when the suite
// has an inline form and the tasks are independent (the kernel's time, not the allocator's), else
// through Kernel.
type InlineRunner[P, O any] struct {
	suite   suites.Suite[P, O]
	inline  suites.Inline[P, O]
	tasks   []suites.Task[P]
	starts  []int
	out     []float64
	scalars []int32
}

// NewInlineRunner is a runner over tasks; it allocates the inline output once.
func NewInlineRunner[P, O any](s suites.Suite[P, O], tasks []suites.Task[P]) *InlineRunner[P, O] {
	r := &InlineRunner[P, O]{suite: s, tasks: tasks}
	if in, ok := s.(suites.Inline[P, O]); ok && independent(tasks) {
		r.inline = in
		r.starts = make([]int, len(tasks)+1)
		for i := range tasks {
			r.starts[i+1] = r.starts[i] + in.InlineLen(&tasks[i].Payload)
		}
		r.out = make([]float64, r.starts[len(tasks)])
		r.scalars = make([]int32, len(tasks))
	}
	return r
}

// Pass runs the tasks once.
func (r *InlineRunner[P, O]) Pass() {
	if r.inline == nil {
		Sink = suites.ExecuteInline(r.suite, r.tasks)
		return
	}
	for i := range r.tasks {
		r.scalars[i] = r.inline.KernelInto(&r.tasks[i].Payload, r.out[r.starts[i]:r.starts[i+1]])
	}
}

// Results is the results of one pass, as Kernel returns them.
func (r *InlineRunner[P, O]) Results() []O {
	if r.inline == nil {
		return suites.ExecuteInline(r.suite, r.tasks)
	}
	results := make([]O, len(r.tasks))
	for i := range r.tasks {
		results[i] = r.inline.InlineResult(&r.tasks[i].Payload, r.out[r.starts[i]:r.starts[i+1]], r.scalars[i])
	}
	return results
}
