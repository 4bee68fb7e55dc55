package driver

import (
	"math"
	"time"

	"parbench/native/go/suites"
)

// The driver's clock (time.Now, monotonic) around the same spans the TypeScript runner times: the
// sequential reference (inline, batch-timed), backend start-up (apart), and each repetition from the
// first task handed to the backend to the last result in. Every repetition's results are fingerprinted
// for the runner to verify.

// Reps is warm-up and timed repetitions.
type Reps struct{ Warmup, Repeats int }

// MeasureSequential is the sequential reference of tasks, as measureSequential: one untimed pass gives
// the fingerprint, then loops inline passes per sample (enough for minSample seconds, at most
// 1,000,000). Returns {samples, warmupSamples, loops, checksum, tasks} (seconds per pass).
func MeasureSequential[P, O any](s suites.Suite[P, O], tasks []suites.Task[P], reps Reps, minSample float64) map[string]any {
	runner := NewInlineRunner(s, tasks)
	start := time.Now()
	runner.Pass()
	once := time.Since(start).Seconds()
	checksum := s.Fingerprint(runner.Results())
	loops := 1
	if once < minSample {
		loops = int(math.Min(1_000_000, math.Ceil(minSample/math.Max(once, 1e-9))))
	}
	samples, warmup := []float64{}, []float64{}
	for r := 0; r < reps.Warmup+reps.Repeats; r++ {
		start := time.Now()
		for l := 0; l < loops; l++ {
			runner.Pass()
		}
		sample := time.Since(start).Seconds() / float64(loops)
		if r < reps.Warmup {
			warmup = append(warmup, sample)
		} else {
			samples = append(samples, sample)
		}
	}
	return map[string]any{"samples": samples, "warmupSamples": warmup, "loops": loops, "checksum": checksum, "tasks": len(tasks)}
}

// MeasureBackend times reps of tasks on backend name with workers workers: start-up apart, then each
// repetition; onRepeat(done, total) after each. Returns {startupSeconds, samples, warmupSamples,
// checksums, tasks}; an error when the backend cannot open or a task fails.
func MeasureBackend[P, O any](name string, workers int, s suites.Suite[P, O], tasks []suites.Task[P], reps Reps, onRepeat func(done, total int)) (map[string]any, error) {
	prepared, err := Prepare(tasks)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	e, err := Open(name, workers, s)
	if err != nil {
		return nil, err
	}
	startup := time.Since(start).Seconds()
	defer e.Close()
	total := reps.Warmup + reps.Repeats
	samples, warmup, checksums, counts := []float64{}, []float64{}, []string{}, []int{}
	for r := 0; r < total; r++ {
		begin := time.Now()
		results, err := e.Execute(prepared)
		elapsed := time.Since(begin).Seconds()
		if err != nil {
			return nil, err
		}
		checksums = append(checksums, s.Fingerprint(results))
		counts = append(counts, len(results))
		if r < reps.Warmup {
			warmup = append(warmup, elapsed)
		} else {
			samples = append(samples, elapsed)
		}
		onRepeat(r+1, total)
	}
	return map[string]any{"startupSeconds": startup, "samples": samples, "warmupSamples": warmup, "checksums": checksums, "tasks": counts}, nil
}
