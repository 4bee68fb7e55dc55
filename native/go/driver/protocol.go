package driver

import (
	"errors"
	"fmt"
	"math"
	"runtime"

	"parbench/native/go/suites"
)

// Protocol is the driver protocol version this driver speaks (docs/drivers.md).
const Protocol = 1

// Request is one decoded request line.
type Request map[string]any

func (r Request) number(name string) (float64, error) {
	if n, ok := r[name].(float64); ok {
		return n, nil
	}
	return 0, fmt.Errorf("the request has no number %q", name)
}

func (r Request) count(name string) (int, error) {
	n, err := r.number(name)
	if err != nil {
		return 0, err
	}
	if n < 0 || n != math.Trunc(n) {
		return 0, fmt.Errorf("%q must be a whole number, got %v", name, n)
	}
	return int(n), nil
}

func (r Request) text(name string) (string, error) {
	if s, ok := r[name].(string); ok {
		return s, nil
	}
	return "", fmt.Errorf("the request has no string %q", name)
}

func (r Request) reps() (Reps, error) {
	warmup, err := r.count("warmup")
	if err != nil {
		return Reps{}, err
	}
	repeats, err := r.count("repeats")
	return Reps{warmup, repeats}, err
}

// maxTasks is the request's task cap, -1 for none.
func (r Request) maxTasks() (int64, error) {
	if r["maxTasks"] == nil {
		return -1, nil
	}
	n, err := r.count("maxTasks")
	return int64(n), err
}

// work is the request's task cap (-1 for none) and repetitions.
func (r Request) work() (int64, Reps, error) {
	cap, err := r.maxTasks()
	if err != nil {
		return 0, Reps{}, err
	}
	reps, err := r.reps()
	return cap, reps, err
}

// knob is the request's knob; ok false when it has none.
func (r Request) knob() (k suites.Knob, ok bool, err error) {
	raw, present := r["knob"].(map[string]any)
	if !present {
		return k, false, nil
	}
	chunk, err := Request(raw).count("chunk")
	if err != nil {
		return k, false, err
	}
	work, err := Request(raw).count("work")
	return suites.Knob{Chunk: uint64(chunk), Work: uint64(work)}, true, err
}

// Hello is the reply to hello: the protocol version, the runtime, the suites and the backends.
func Hello() map[string]any {
	return map[string]any{
		"ok":       true,
		"protocol": Protocol,
		"runtime":  map[string]any{"implementation": "Go", "version": runtime.Version()},
		"suites":   suites.Names,
		"backends": Backends,
	}
}

func plan[P, O any](s suites.Suite[P, O], r Request) (map[string]any, error) {
	minSample, err := r.number("minSampleSeconds")
	if err != nil {
		return nil, err
	}
	knob, fixed, err := r.knob()
	if err != nil {
		return nil, err
	}
	reply := map[string]any{"ok": true, "perTask": nil, "reachable": true, "tunedBy": "chunk"}
	if !fixed { // a fixed knob (the study's workloads) is not calibrated
		grain, err := r.number("grain")
		if err != nil {
			return nil, err
		}
		c := Calibrate(s, grain, minSample)
		knob = c.Knob
		reply["perTask"], reply["reachable"], reply["tunedBy"] = c.PerTask, c.Reachable, c.TunedBy
	}
	cap, reps, err := r.work()
	if err != nil {
		return nil, err
	}
	whole := s.Split(knob)
	tasks, capped, err := CapTasks(whole, cap)
	if err != nil {
		return nil, err
	}
	reply["knob"], reply["tasks"] = knob, len(tasks)
	if capped {
		reply["tasksInSet"] = len(whole)
	}
	reply["sequential"] = MeasureSequential(s, tasks, reps, minSample)
	return reply, nil
}

func run[P, O any](s suites.Suite[P, O], r Request, emit func(map[string]any)) (map[string]any, error) {
	knob, ok, err := r.knob()
	if err != nil || !ok {
		return nil, errors.Join(errors.New(`the request has no "knob"`), err)
	}
	backend, err := r.text("backend")
	if err != nil {
		return nil, err
	}
	workers, err := r.count("workers")
	if err != nil {
		return nil, err
	}
	cap, reps, err := r.work()
	if err != nil {
		return nil, err
	}
	tasks, _, err := CapTasks(s.Split(knob), cap)
	if err != nil {
		return nil, err
	}
	onRepeat := func(done, total int) { emit(map[string]any{"event": "repeat", "done": done, "total": total}) }
	timing, err := MeasureBackend(backend, workers, s, tasks, reps, onRepeat)
	if err != nil {
		return nil, err
	}
	timing["ok"] = true
	return timing, nil
}

// handleWith runs a plan or run request on a built suite.
func handleWith[P, O any](s suites.Suite[P, O], err error, op string, r Request, emit func(map[string]any)) (map[string]any, error) {
	if err != nil {
		return nil, err
	}
	if op == "plan" {
		return plan(s, r)
	}
	return run(s, r, emit)
}

// Handle answers a plan or run request (the suite named by the request, built from its params and
// seed); an error (one line) when the request is bad or a task fails.
func Handle(op string, r Request, emit func(map[string]any)) (map[string]any, error) {
	params, _ := r["params"].(map[string]any)
	seedValue, err := r.number("seed")
	if err != nil {
		return nil, err
	}
	seed := uint32(int64(seedValue)) // seed >>> 0
	name, err := r.text("suite")
	if err != nil {
		return nil, err
	}
	p := suites.Params(params)
	switch name {
	case "fib":
		s, err := suites.NewFib(p)
		return handleWith[suites.FibPayload, suites.FibOutput](s, err, op, r, emit)
	case "square":
		s, err := suites.NewSquare(p, seed)
		return handleWith[suites.SquarePayload, suites.SquareOutput](s, err, op, r, emit)
	case "primes":
		s, err := suites.NewPrimes(p)
		return handleWith[suites.PrimesPayload, suites.PrimesOutput](s, err, op, r, emit)
	case "spmm":
		s, err := suites.NewSpmm(p, seed)
		return handleWith[suites.SpmmPayload, suites.SpmmOutput](s, err, op, r, emit)
	case "hull":
		s, err := suites.NewHull(p, seed)
		return handleWith[suites.HullPayload, suites.HullOutput](s, err, op, r, emit)
	}
	return nil, fmt.Errorf("unknown suite %q (allowed: fib, square, primes, spmm, hull)", name)
}
