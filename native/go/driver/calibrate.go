package driver

import (
	"math"
	"sort"
	"time"

	"parbench/native/go/suites"
)

// Calibration chooses the knob {chunk, work} so that one task takes the target grain when this driver
// runs it sequentially: the same search as src/runner/calibrate.ts (and python/parbench_py/calibrate.py)
// step for step. SearchKnob holds every decision and reads no clock; TimePerTask batch-times the
// kernel. test/fixtures/calibration-vectors.json holds the search to TypeScript's choices
// (calibrate_test.go); docs/calibration.md describes it.

const (
	// Tolerance is the accepted relative distance between the per-task time and the grain (±15%).
	Tolerance            = 0.15
	aim                  = Tolerance / 3
	workSteps            = 10
	workGrowth           = 16.0
	secondsPerRoundGuess = 1e-9
	shrinkSteps          = 3
	confirmations        = 2
	// MajorityProbes is how many probes of the same knob decide a floor and a confirmation.
	MajorityProbes = 3
)

// Calibration is the knob chosen for a grain, seconds per task measured at it, whether the grain was
// reachable, what set it (chunk, work or floor) and how many measurements the search made.
type Calibration struct {
	Knob      suites.Knob
	PerTask   float64
	Reachable bool
	TunedBy   string
	Probes    int
}

type candidate struct {
	knob    suites.Knob
	perTask float64
}

func within(measured, target, tolerance float64) bool {
	return math.Abs(measured-target) <= float64(tolerance*target)
}

// Median is the middle value, or the mean of the two middle ones for an even count.
func Median(values []float64) float64 {
	sorted := append([]float64(nil), values...)
	sort.Float64s(sorted)
	mid := len(sorted) / 2
	if len(sorted)%2 == 1 {
		return sorted[mid]
	}
	return (sorted[mid-1] + sorted[mid]) / 2
}

func byMajority(probe func() float64, test func(float64) bool, taken []float64) (bool, float64) {
	need := MajorityProbes/2 + 1
	yes := 0
	for _, t := range taken {
		if test(t) {
			yes++
		}
	}
	no := len(taken) - yes
	for yes < need && no < need {
		t := probe()
		taken = append(taken, t)
		if test(t) {
			yes++
		} else {
			no++
		}
	}
	return yes >= need, Median(taken)
}

func nearer(best candidate, knob suites.Knob, perTask, grain float64) candidate {
	if math.Abs(perTask-grain) < math.Abs(best.perTask-grain) {
		return candidate{knob, perTask}
	}
	return best
}

func result(c candidate, reachable bool, tunedBy string) Calibration {
	return Calibration{Knob: c.knob, PerTask: c.perTask, Reachable: reachable, TunedBy: tunedBy}
}

type measureFn = func(suites.Knob) float64

func searchChunk(r suites.KnobRange, grain float64, measure measureFn, first candidate) Calibration {
	lo, hi := r.ChunkMin, r.ChunkMax
	at := suites.Knob{Chunk: lo}
	atMin := measure(at)
	if atMin >= grain {
		slower, perTask := byMajority(func() float64 { return measure(at) }, func(t float64) bool { return t >= grain }, []float64{atMin})
		if slower {
			reachable := within(perTask, grain, Tolerance)
			tunedBy := "floor"
			if reachable {
				tunedBy = "chunk"
			}
			return result(candidate{at, perTask}, reachable, tunedBy)
		}
		atMin = perTask
	}
	best := nearer(first, at, atMin, grain)
	for hi-lo > 1 {
		mid := uint64(suites.JsRound(math.Sqrt(float64(lo) * float64(hi))))
		chunk := mid
		if mid <= lo {
			chunk = lo + 1
		} else if mid >= hi {
			chunk = hi - 1
		}
		knob := suites.Knob{Chunk: chunk}
		t := measure(knob)
		best = nearer(best, knob, t, grain)
		if within(t, grain, aim) {
			break
		}
		if t < grain {
			lo = chunk
		} else {
			hi = chunk
		}
	}
	return result(best, true, "chunk")
}

func probeWork(r suites.KnobRange, grain float64, measure measureFn, first candidate) candidate {
	base := first.perTask
	workMax := float64(r.WorkMax)
	work := math.Max(1, suites.JsRound((grain-base)/float64(float64(r.ChunkMax)*secondsPerRoundGuess)/workGrowth))
	best := first
	for step := 0; step < workSteps; step++ {
		work = math.Min(workMax, math.Max(1, work))
		knob := suites.Knob{Chunk: r.ChunkMax, Work: uint64(work)}
		t := measure(knob)
		best = nearer(best, knob, t, grain)
		if within(t, grain, aim) || work == workMax {
			break
		}
		perRound := (t - base) / work
		next := work * workGrowth
		if perRound > 0 {
			next = math.Min(work*workGrowth, suites.JsRound((grain-base)/perRound))
		}
		if next == work {
			break
		}
		work = next
	}
	return best
}

func shrinkChunk(r suites.KnobRange, grain float64, measure measureFn, best candidate) candidate {
	for step := 0; step < shrinkSteps && !within(best.perTask, grain, aim); step++ {
		wanted := suites.JsRound(float64(float64(best.knob.Chunk)*grain) / best.perTask)
		chunk := uint64(math.Min(float64(r.ChunkMax), math.Max(float64(r.ChunkMin), wanted)))
		if chunk == best.knob.Chunk {
			break
		}
		knob := suites.Knob{Chunk: chunk, Work: best.knob.Work}
		t := measure(knob)
		if math.Abs(t-grain) >= math.Abs(best.perTask-grain) {
			break
		}
		best = candidate{knob, t}
	}
	return best
}

func searchOnce(r suites.KnobRange, grain float64, measure measureFn) Calibration {
	knob := suites.Knob{Chunk: r.ChunkMax}
	first := candidate{knob, measure(knob)}
	if within(first.perTask, grain, aim) {
		return result(first, true, "chunk")
	}
	if first.perTask > grain {
		return searchChunk(r, grain, measure, first)
	}
	best := shrinkChunk(r, grain, measure, probeWork(r, grain, measure, first))
	tunedBy := "chunk"
	if best.knob.Work > 0 {
		tunedBy = "work"
	}
	return result(best, true, tunedBy)
}

// SearchKnob is the calibration search without a clock, as searchKnob: measure(knob) gives seconds per
// task, grain is in seconds. A choice that is not a floor is confirmed by a majority of MajorityProbes
// probes within ±15% (their median becomes PerTask), else searched again, at most twice.
func SearchKnob(r suites.KnobRange, grain float64, measure measureFn) Calibration {
	probes := 0
	counted := func(k suites.Knob) float64 {
		probes++
		return measure(k)
	}
	res := searchOnce(r, grain, counted)
	for attempt := 0; attempt < confirmations && res.TunedBy != "floor"; attempt++ {
		knob := res.Knob
		passed, perTask := byMajority(func() float64 { return counted(knob) }, func(t float64) bool { return within(t, grain, Tolerance) }, nil)
		if passed {
			res.PerTask, res.Probes = perTask, probes
			return res
		}
		res = searchOnce(r, grain, counted)
	}
	res.Probes = probes
	return res
}

// TimePerTask is seconds per task at knob, as timePerTask: the median of three batch-timed passes
// (after a warm-up pass) over clamp(ceil(4 · minSample / max(grainHint, 1e-9)), 1, tasks) tasks chosen
// by SampleTasks, each pass looping over them until minSample seconds have passed.
func TimePerTask[P, O any](s suites.Suite[P, O], knob suites.Knob, grainHint, minSample float64) float64 {
	all := s.Split(knob)
	count := max(1, min(len(all), int(math.Ceil(4*minSample/math.Max(grainHint, 1e-9)))))
	runner := NewInlineRunner(s, SampleTasks(all, count)[:count])
	pass := func() float64 {
		loops := 0
		start := time.Now()
		for {
			runner.Pass()
			loops++
			if elapsed := time.Since(start).Seconds(); elapsed >= minSample {
				return elapsed / float64(loops*count)
			}
		}
	}
	pass()
	passes := []float64{pass(), pass(), pass()}
	sort.Float64s(passes)
	return passes[1]
}

// Calibrate is SearchKnob over the suite's knob range with TimePerTask as the measure.
func Calibrate[P, O any](s suites.Suite[P, O], grain, minSample float64) Calibration {
	return SearchKnob(s.KnobRange(), grain, func(k suites.Knob) float64 { return TimePerTask(s, k, grain, minSample) })
}
