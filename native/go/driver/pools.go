package driver

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"parbench/native/go/suites"
)

// Backends is the backends this driver runs, as hello reports them:
//   - go-sequential: the tasks one after another in the driver (always 1 worker);
//   - go-goroutines: a goroutine per task, started when its inputs are done, joined by a
//     sync.WaitGroup; GOMAXPROCS = W;
//   - go-pool: a fixed pool of W goroutines over a channel (the plain pool); GOMAXPROCS = W.
var Backends = []string{"go-sequential", "go-goroutines", "go-pool"}

// Prepared is a point's task set with its dependency structure worked out once, before any timing.
type Prepared[P any] struct {
	Tasks       []suites.Task[P]
	Independent bool
	// Dependents: for each task, the tasks that wait on it; Waiting: how many inputs each task has.
	Dependents [][]int
	Waiting    []int32
}

// Prepare works out the structure of tasks (dependencies always point to earlier tasks, at most two).
func Prepare[P any](tasks []suites.Task[P]) (*Prepared[P], error) {
	p := &Prepared[P]{Tasks: tasks, Independent: independent(tasks), Dependents: make([][]int, len(tasks)), Waiting: make([]int32, len(tasks))}
	for i, t := range tasks {
		if len(t.Deps) > 2 {
			return nil, fmt.Errorf("task %d has %d inputs; the Go driver's tasks take at most 2", i, len(t.Deps))
		}
		p.Waiting[i] = int32(len(t.Deps))
		for _, d := range t.Deps {
			p.Dependents[d] = append(p.Dependents[d], i)
		}
	}
	return p, nil
}

// Executor is an open backend: Execute runs every task once and returns the results in task order.
type Executor[P, O any] interface {
	Execute(p *Prepared[P]) ([]O, error)
	Close()
}

// Open opens backend name with workers workers over suite s; an error naming the allowed backends for
// an unknown name.
func Open[P, O any](name string, workers int, s suites.Suite[P, O]) (Executor[P, O], error) {
	workers = max(1, workers)
	switch name {
	case "go-sequential":
		return &sequential[P, O]{s}, nil
	case "go-goroutines":
		return &goroutines[P, O]{suite: s, previous: runtime.GOMAXPROCS(workers)}, nil
	case "go-pool":
		return openPool(workers, s), nil
	}
	return nil, fmt.Errorf("unknown backend %q (allowed: %s)", name, strings.Join(Backends, ", "))
}

type sequential[P, O any] struct{ suite suites.Suite[P, O] }

func (e *sequential[P, O]) Execute(p *Prepared[P]) ([]O, error) {
	results := make([]O, len(p.Tasks))
	for i := range p.Tasks {
		results[i] = e.suite.Kernel(&p.Tasks[i].Payload, suites.DepsOf(p.Tasks[i].Deps, results))
		Tick(i)
	}
	return results, nil
}

func (e *sequential[P, O]) Close() {}

type goroutines[P, O any] struct {
	suite    suites.Suite[P, O]
	previous int
}

// Execute starts a goroutine per ready task; a finished task starts each dependent whose last input it
// was (the atomic decrement orders the input's result before the dependent reads it), and wg.Wait
// returns once every task is done.
func (e *goroutines[P, O]) Execute(p *Prepared[P]) ([]O, error) {
	n := len(p.Tasks)
	results := make([]O, n)
	var wg sync.WaitGroup
	wg.Add(n)
	if p.Independent {
		for i := range p.Tasks {
			go func(i int) {
				results[i] = e.suite.Kernel(&p.Tasks[i].Payload, suites.Deps[O]{})
				Tick(i)
				wg.Done()
			}(i)
		}
		wg.Wait()
		return results, nil
	}
	waiting := make([]int32, n)
	copy(waiting, p.Waiting)
	var run func(i int)
	run = func(i int) {
		results[i] = e.suite.Kernel(&p.Tasks[i].Payload, suites.DepsOf(p.Tasks[i].Deps, results))
		Tick(i)
		for _, j := range p.Dependents[i] {
			if atomic.AddInt32(&waiting[j], -1) == 0 {
				go run(j)
			}
		}
		wg.Done()
	}
	for i := range p.Tasks {
		if p.Waiting[i] == 0 {
			go run(i)
		}
	}
	wg.Wait()
	return results, nil
}

func (e *goroutines[P, O]) Close() { runtime.GOMAXPROCS(e.previous) }

// pool is W goroutines taking task indices from one channel; each sends its result back over the
// repetition's result channel, and the driver stores it and sends the tasks it made ready.
type pool[P, O any] struct {
	suite    suites.Suite[P, O]
	jobs     chan job[P, O]
	replies  chan reply[O]
	done     sync.WaitGroup
	previous int
}

type reply[O any] struct {
	i   int
	out O
}

type repetition[P, O any] struct {
	prepared *Prepared[P]
	results  []O
	replies  chan reply[O]
}

type job[P, O any] struct {
	i   int
	rep *repetition[P, O]
}

func openPool[P, O any](workers int, s suites.Suite[P, O]) *pool[P, O] {
	e := &pool[P, O]{suite: s, jobs: make(chan job[P, O], 4096), previous: runtime.GOMAXPROCS(workers)}
	var ready sync.WaitGroup
	ready.Add(workers)
	e.done.Add(workers)
	for w := 0; w < workers; w++ {
		go func() {
			defer e.done.Done()
			ready.Done()
			for j := range e.jobs {
				t := &j.rep.prepared.Tasks[j.i]
				// The driver stored every input before it sent this job (the send orders them).
				j.rep.replies <- reply[O]{j.i, e.suite.Kernel(&t.Payload, suites.DepsOf(t.Deps, j.rep.results))}
			}
		}()
	}
	ready.Wait()
	return e
}

func (e *pool[P, O]) Execute(p *Prepared[P]) ([]O, error) {
	n := len(p.Tasks)
	if cap(e.replies) < n {
		e.replies = make(chan reply[O], n) // one per point: every result of a repetition fits
	}
	rep := &repetition[P, O]{prepared: p, results: make([]O, n), replies: e.replies}
	waiting := make([]int32, n)
	copy(waiting, p.Waiting)
	for i := range p.Tasks {
		if waiting[i] == 0 {
			e.jobs <- job[P, O]{i, rep}
		}
	}
	for k := 0; k < n; k++ {
		r := <-rep.replies
		rep.results[r.i] = r.out
		Tick(r.i)
		for _, j := range p.Dependents[r.i] {
			if waiting[j]--; waiting[j] == 0 {
				e.jobs <- job[P, O]{j, rep}
			}
		}
	}
	return rep.results, nil
}

func (e *pool[P, O]) Close() {
	close(e.jobs)
	e.done.Wait()
	runtime.GOMAXPROCS(e.previous)
}
