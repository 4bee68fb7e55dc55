package suites

// The Go suites against test/fixtures/shared-vectors.json, which the TypeScript implementations wrote
// and vitest, pytest and cargo test check too.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

type vectorFile struct {
	Mulberry32 []struct {
		Seed   uint32    `json:"seed"`
		Values []float64 `json:"values"`
	} `json:"mulberry32"`
	Spin []struct {
		Rounds uint64 `json:"rounds"`
		Seed   int64  `json:"seed"`
		Result int32  `json:"result"`
	} `json:"spin"`
	Fnv1aSquareInput []struct {
		N        uint64 `json:"n"`
		Seed     uint32 `json:"seed"`
		Checksum string `json:"checksum"`
	} `json:"fnv1aSquareInput"`
	SuiteChecksums []SuiteVector                   `json:"suiteChecksums"`
	Trig           []struct{ X, Cos, Sin float64 } `json:"trig"`
	HullPoints     []struct {
		N        int    `json:"n"`
		Shape    string `json:"shape"`
		Seed     uint32 `json:"seed"`
		Checksum string `json:"checksum"`
	} `json:"hullPoints"`
	Orient2d []struct {
		Args []float64 `json:"args"`
		Sign int       `json:"sign"`
	} `json:"orient2d"`
	Log []struct {
		X   float64 `json:"x"`
		Log float64 `json:"log"`
	} `json:"log"`
	BalancedBounds []struct {
		Limit, Tasks uint64
		Checksum     string `json:"checksum"`
	} `json:"balancedBounds"`
	HullOfPoints []struct {
		Name     string    `json:"name"`
		Points   []float64 `json:"points"`
		Vertices []float64 `json:"vertices"`
	} `json:"hullOfPoints"`
}

// SuiteVector is one suite run of the shared vectors: parameters, seed, knob and the expected result.
type SuiteVector struct {
	Suite    string `json:"suite"`
	Params   Params `json:"params"`
	Seed     uint32 `json:"seed"`
	Knob     Knob   `json:"knob"`
	Tasks    int    `json:"tasks"`
	Checksum string `json:"checksum"`
}

func repoRoot(t *testing.T) string {
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func vectors(t *testing.T) vectorFile {
	text, err := os.ReadFile(filepath.Join(repoRoot(t), "test/fixtures/shared-vectors.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v vectorFile
	if err := json.Unmarshal(text, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestMulberry32GivesTheRecordedFloats(t *testing.T) {
	for _, c := range vectors(t).Mulberry32 {
		r := NewMulberry32(c.Seed)
		for i, want := range c.Values {
			if got := r.Next(); got != want {
				t.Errorf("seed %d value %d: %v, want %v", c.Seed, i, got, want)
			}
		}
	}
}

func TestSpinGivesTheRecorded32BitResults(t *testing.T) {
	for _, c := range vectors(t).Spin {
		if got := Spin(c.Rounds, c.Seed); got != c.Result {
			t.Errorf("spin(%d, %d) = %d, want %d", c.Rounds, c.Seed, got, c.Result)
		}
	}
}

func TestSquareInputsHashToTheRecordedBytes(t *testing.T) {
	for _, c := range vectors(t).Fnv1aSquareInput {
		if got := Fnv1a(SquareInput(c.N, c.Seed)); got != c.Checksum {
			t.Errorf("n %d: %s, want %s", c.N, got, c.Checksum)
		}
	}
}

func TestSinAndCosAreV8s(t *testing.T) {
	for _, c := range vectors(t).Trig {
		if Cos(c.X) != c.Cos || Sin(c.X) != c.Sin {
			t.Errorf("x = %v: cos %v sin %v, want %v %v", c.X, Cos(c.X), Sin(c.X), c.Cos, c.Sin)
		}
	}
}

func TestLogAndTheBalancedSplitGiveTheRecordedValues(t *testing.T) {
	v := vectors(t)
	if len(v.Log) == 0 || len(v.BalancedBounds) == 0 {
		t.Fatal("no log or balancedBounds vectors")
	}
	for _, c := range v.Log {
		if got := Log(c.X); got != c.Log {
			t.Errorf("log(%v) = %v, want %v", c.X, got, c.Log)
		}
	}
	for _, c := range v.BalancedBounds {
		var bounds []float64
		for _, b := range BalancedBounds(c.Limit, c.Tasks) {
			bounds = append(bounds, float64(b))
		}
		if got := Fnv1a(bounds); got != c.Checksum {
			t.Errorf("bounds of %d in %d: %s, want %s", c.Limit, c.Tasks, got, c.Checksum)
		}
	}
}

func TestHullPointsOrientationSignsAndHullsAreTheRecordedOnes(t *testing.T) {
	v := vectors(t)
	for _, c := range v.HullPoints {
		if got := Fnv1a(GeneratePoints(c.N, c.Shape, c.Seed)); got != c.Checksum {
			t.Errorf("%s points: %s, want %s", c.Shape, got, c.Checksum)
		}
	}
	for _, c := range v.Orient2d {
		a := c.Args
		if got := OrientSign(a[0], a[1], a[2], a[3], a[4], a[5]); got != c.Sign {
			t.Errorf("orient2d%v = %d, want %d", a, got, c.Sign)
		}
	}
	for _, c := range v.HullOfPoints {
		sorted := SortPoints(c.Points)
		if got := MonotoneChainHull(sorted); !reflect.DeepEqual(got, c.Vertices) {
			t.Errorf("%s: hull %v, want %v", c.Name, got, c.Vertices)
		}
		h := &Hull{Points: sorted}
		for _, chunk := range []uint64{1, 2, 3, 7} {
			results := ExecuteInline[HullPayload, HullOutput](h, h.Split(Knob{Chunk: chunk, Work: 1}))
			if got := HullVertices(&results[len(results)-1].Chains); !reflect.DeepEqual(got, c.Vertices) {
				t.Errorf("%s at chunk %d: %v", c.Name, chunk, got)
			}
		}
	}
}

func fingerprintOf[P, O any](s Suite[P, O], k Knob) (int, string) {
	tasks := s.Split(k)
	return len(tasks), s.Fingerprint(ExecuteInline(s, tasks))
}

func TestSuiteResultsHaveTheRecordedFingerprints(t *testing.T) {
	t.Setenv("PARBENCH_CWD", repoRoot(t))
	for _, c := range vectors(t).SuiteChecksums {
		var tasks int
		var got string
		switch c.Suite {
		case "fib":
			s, err := NewFib(c.Params)
			must(t, err)
			tasks, got = fingerprintOf[FibPayload, FibOutput](s, c.Knob)
		case "square":
			s, err := NewSquare(c.Params, c.Seed)
			must(t, err)
			tasks, got = fingerprintOf[SquarePayload, SquareOutput](s, c.Knob)
		case "primes":
			s, err := NewPrimes(c.Params)
			must(t, err)
			tasks, got = fingerprintOf[PrimesPayload, PrimesOutput](s, c.Knob)
		case "spmm":
			s, err := NewSpmm(c.Params, c.Seed)
			must(t, err)
			tasks, got = fingerprintOf[SpmmPayload, SpmmOutput](s, c.Knob)
		case "hull":
			s, err := NewHull(c.Params, c.Seed)
			must(t, err)
			tasks, got = fingerprintOf[HullPayload, HullOutput](s, c.Knob)
		default:
			t.Fatalf("a vector of suite %q", c.Suite)
		}
		if tasks != c.Tasks || got != c.Checksum {
			t.Errorf("%s %v %v: %d tasks %q, want %d %q", c.Suite, c.Params, c.Knob, tasks, got, c.Tasks, c.Checksum)
		}
	}
}

func TestMatrixMarketErrorsNameTheLine(t *testing.T) {
	cases := map[string]string{
		"hello\n": "line 1: not a Matrix Market file: the first line must start with %%MatrixMarket",
		"%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1\n":      "line 3: expected 3 fields (row col value), got 2",
		"%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1.0\n":  `line 3: row 3 is outside 1..2`,
		"%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1.0\n":  "line 4: file ends after 1 of the 2 entries the size line declares",
		"%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 0x10\n": `line 3: value "0x10" is not a number`,
		"%%MatrixMarket matrix array real general\n2 2\n":                  `line 1: unsupported format "array" (supported: coordinate)`,
	}
	for text, want := range cases {
		if _, err := ParseMatrixMarket(text); err == nil || err.Error() != want {
			t.Errorf("%q: %v, want %s", text, err, want)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
