package driver

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"parbench/native/go/suites"
)

func repoRoot(t *testing.T) string {
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func readJSON(t *testing.T, name string, into any) {
	text, err := os.ReadFile(filepath.Join(repoRoot(t), "test/fixtures", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(text, into); err != nil {
		t.Fatal(err)
	}
}

// The search against test/fixtures/calibration-vectors.json, which the TypeScript search wrote: the
// same cost model in, the same knob, time and probes out.
func TestEveryCalibrationVectorGivesTheRecordedKnobTimeAndProbes(t *testing.T) {
	var file struct {
		Tolerance float64 `json:"tolerance"`
		Vectors   []struct {
			Name  string `json:"name"`
			Range struct {
				ChunkMin, ChunkMax, WorkMax uint64
			} `json:"range"`
			Grain float64 `json:"grain"`
			Model struct {
				Kind                         string `json:"kind"`
				Base, PerChunk, PerChunkWork float64
				Noise                        []float64 `json:"noise"`
			} `json:"model"`
			Expected struct {
				Knob      suites.Knob `json:"knob"`
				PerTask   float64     `json:"perTask"`
				Reachable bool        `json:"reachable"`
				TunedBy   string      `json:"tunedBy"`
				Probes    [][2]uint64 `json:"probes"`
			} `json:"expected"`
		} `json:"vectors"`
	}
	readJSON(t, "calibration-vectors.json", &file)
	if file.Tolerance != Tolerance || len(file.Vectors) < 10 {
		t.Fatalf("tolerance %v, %d vectors", file.Tolerance, len(file.Vectors))
	}
	for _, v := range file.Vectors {
		m := v.Model
		if m.Kind != "affine" {
			t.Fatalf("%s: model %q", v.Name, m.Kind)
		}
		probes := [][2]uint64{}
		measure := func(k suites.Knob) float64 {
			factor := 1.0
			if len(probes) < len(m.Noise) {
				factor = m.Noise[len(probes)]
			}
			probes = append(probes, [2]uint64{k.Chunk, k.Work})
			chunk, work := float64(k.Chunk), float64(k.Work)
			return float64(m.Base+float64(m.PerChunk*chunk)+float64(float64(m.PerChunkWork*chunk)*work)) * factor
		}
		r := suites.KnobRange{ChunkMin: v.Range.ChunkMin, ChunkMax: v.Range.ChunkMax, WorkMax: v.Range.WorkMax}
		got := SearchKnob(r, v.Grain, measure)
		e := v.Expected
		if got.Knob != e.Knob || got.PerTask != e.PerTask || got.Reachable != e.Reachable || got.TunedBy != e.TunedBy || !reflect.DeepEqual(probes, e.Probes) || got.Probes != len(probes) {
			t.Errorf("%s: got %+v probes %v, want %+v", v.Name, got, probes, e)
		}
	}
}

func TestACapSpreadsIndependentTasksAndTakesAPrefixOfAGraph(t *testing.T) {
	set := func(n int, graph bool) []suites.Task[int] {
		tasks := make([]suites.Task[int], n)
		for i := range tasks {
			tasks[i].Payload = i
			if graph && i > 0 {
				tasks[i].Deps = []int{i - 1}
			}
		}
		return tasks
	}
	picked := func(tasks []suites.Task[int]) []int {
		out := []int{}
		for _, t := range tasks {
			out = append(out, t.Payload)
		}
		return out
	}
	if got, capped, _ := CapTasks(set(10, false), 4); !capped || !reflect.DeepEqual(picked(got), []int{1, 3, 6, 8}) {
		t.Errorf("independent: %v", picked(got))
	}
	if got, _, _ := CapTasks(set(10, true), 4); !reflect.DeepEqual(picked(got), []int{0, 1, 2, 3}) {
		t.Errorf("graph: %v", picked(got))
	}
	if _, capped, _ := CapTasks(set(10, false), 10); capped {
		t.Error("a cap of every task took a sample")
	}
	if _, _, err := CapTasks(set(10, false), 0); err == nil {
		t.Error("a cap of 0 was taken")
	}
}

func checkBackends[P, O any](t *testing.T, s suites.Suite[P, O], k suites.Knob, want, name string) {
	whole := s.Split(k)
	sample, _, _ := CapTasks(whole, int64(max(1, len(whole)/3)))
	sampled := s.Fingerprint(suites.ExecuteInline(s, sample))
	for _, backend := range Backends {
		for _, workers := range []int{1, 2, 3} {
			e, err := Open(backend, workers, s)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				tasks []suites.Task[P]
				want  string
			}{{whole, want}, {sample, sampled}} {
				p, err := Prepare(c.tasks)
				if err != nil {
					t.Fatal(err)
				}
				for rep := 0; rep < 2; rep++ {
					results, err := e.Execute(p)
					if err != nil || len(results) != len(c.tasks) || s.Fingerprint(results) != c.want {
						t.Errorf("%s on %s x%d: %v %d results %s, want %s", name, backend, workers, err, len(results), s.Fingerprint(results), c.want)
					}
				}
			}
			e.Close()
		}
	}
}

// Every backend on every suite vector of test/fixtures/shared-vectors.json gives the recorded
// fingerprint, on the whole task set and on a capped one.
func TestEveryBackendGivesTheRecordedFingerprints(t *testing.T) {
	t.Setenv("PARBENCH_CWD", repoRoot(t))
	var file struct {
		SuiteChecksums []struct {
			Suite    string        `json:"suite"`
			Params   suites.Params `json:"params"`
			Seed     uint32        `json:"seed"`
			Knob     suites.Knob   `json:"knob"`
			Checksum string        `json:"checksum"`
		} `json:"suiteChecksums"`
	}
	readJSON(t, "shared-vectors.json", &file)
	for _, c := range file.SuiteChecksums {
		switch c.Suite {
		case "fib":
			s, _ := suites.NewFib(c.Params)
			checkBackends[suites.FibPayload, suites.FibOutput](t, s, c.Knob, c.Checksum, c.Suite)
		case "square":
			s, _ := suites.NewSquare(c.Params, c.Seed)
			checkBackends[suites.SquarePayload, suites.SquareOutput](t, s, c.Knob, c.Checksum, c.Suite)
		case "primes":
			s, _ := suites.NewPrimes(c.Params)
			checkBackends[suites.PrimesPayload, suites.PrimesOutput](t, s, c.Knob, c.Checksum, c.Suite)
		case "spmm":
			s, err := suites.NewSpmm(c.Params, c.Seed)
			if err != nil {
				t.Fatal(err)
			}
			checkBackends[suites.SpmmPayload, suites.SpmmOutput](t, s, c.Knob, c.Checksum, c.Suite)
		case "hull":
			s, _ := suites.NewHull(c.Params, c.Seed)
			checkBackends[suites.HullPayload, suites.HullOutput](t, s, c.Knob, c.Checksum, c.Suite)
		}
	}
}

func TestAnUnknownBackendIsRefusedNamingTheAllowedOnes(t *testing.T) {
	_, err := Open[suites.FibPayload, suites.FibOutput]("go-nosuch", 2, &suites.Fib{N: 3})
	if err == nil || err.Error() != `unknown backend "go-nosuch" (allowed: go-sequential, go-goroutines, go-pool)` {
		t.Errorf("%v", err)
	}
}
