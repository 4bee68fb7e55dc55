package suites

import (
	"fmt"
	"math"
	"sort"
)

const (
	// SpmmMinTasks: the largest chunk still leaves this many row blocks.
	SpmmMinTasks = 16
	// SpmmMaxSize is the largest rows (= columns) of a generated matrix.
	SpmmMaxSize = 1_000_000
	// SpmmMaxK is the most columns of the dense operand.
	SpmmMaxK = 256
)

// Csr is a compressed sparse row matrix: RowPtr[r]..RowPtr[r+1] index row r's entries, columns increasing.
type Csr struct {
	Rows, Cols int
	RowPtr     []int32
	ColIdx     []int32
	Values     []float64
}

// FromCoordinates is CSR from 0-based coordinates (any order): columns sorted within a row (equal
// columns in entry order), duplicates summed in that order, as fromCoordinates.
func FromCoordinates(rows, cols int, ri, ci []int32, vs []float64) *Csr {
	byRow := make([][]int, rows)
	for e, r := range ri {
		byRow[r] = append(byRow[r], e)
	}
	m := &Csr{Rows: rows, Cols: cols, RowPtr: make([]int32, rows+1)}
	for r := 0; r < rows; r++ {
		entries := byRow[r]
		sort.SliceStable(entries, func(a, b int) bool { return ci[entries[a]] < ci[entries[b]] })
		start := len(m.ColIdx)
		for _, e := range entries {
			if len(m.ColIdx) > start && m.ColIdx[len(m.ColIdx)-1] == ci[e] {
				m.Values[len(m.Values)-1] += vs[e]
			} else {
				m.ColIdx = append(m.ColIdx, ci[e])
				m.Values = append(m.Values, vs[e])
			}
		}
		m.RowPtr[r+1] = int32(len(m.ColIdx))
	}
	return m
}

// MultiplyRowsInto is y = A[r0:r1] · X into y ((r1 − r0) · k values, zeroed first), X dense cols × k
// row-major, each output summing its row's entries in column order (multiplyRowsInto).
func (a *Csr) MultiplyRowsInto(x []float64, k, r0, r1 int, y []float64) {
	clear(y)
	for r := r0; r < r1; r++ {
		out := (r - r0) * k
		for p := a.RowPtr[r]; p < a.RowPtr[r+1]; p++ {
			v := a.Values[p]
			base := int(a.ColIdx[p]) * k
			for j := 0; j < k; j++ {
				y[out+j] += float64(v * x[base+j])
			}
		}
	}
}

// RowLengths is row lengths summing to total, each at most cols, shaped by weights (rowLengths).
func RowLengths(weights []float64, cols int, total float64) []int {
	rows := len(weights)
	colsf := float64(cols)
	share := make([]float64, rows)
	capped := make([]bool, rows)
	left := total
	for pass := 0; pass < 64 && left > 1e-9; pass++ {
		weight := 0.0
		for r := 0; r < rows; r++ {
			if !capped[r] {
				weight += weights[r]
			}
		}
		if weight <= 0 {
			break
		}
		spill := 0.0
		for r := 0; r < rows; r++ {
			if capped[r] {
				continue
			}
			share[r] += float64(left*weights[r]) / weight
			if share[r] >= colsf {
				spill += share[r] - colsf
				share[r] = colsf
				capped[r] = true
			}
		}
		left = spill
	}
	lengths := make([]int, rows)
	cum, prev := 0.0, 0.0
	for r := 0; r < rows; r++ {
		cum += share[r]
		next := JsRound(cum)
		lengths[r] = int(math.Min(colsf, next-prev))
		prev = next
	}
	return lengths
}

func pickColumns(cols, count int, random *Mulberry32, mark []bool) []int32 {
	complement := float64(count) > float64(cols)/2
	draw := count
	if complement {
		draw = cols - count
	}
	drawn := make([]int, 0, draw)
	for len(drawn) < draw {
		c := int(math.Floor(random.Next() * float64(cols)))
		if !mark[c] {
			mark[c] = true
			drawn = append(drawn, c)
		}
	}
	out := make([]int32, 0, count)
	if complement {
		for c := 0; c < cols; c++ {
			if !mark[c] {
				out = append(out, int32(c))
			}
		}
	} else {
		for _, c := range drawn {
			out = append(out, int32(c))
		}
		sort.Slice(out, func(a, b int) bool { return out[a] < out[b] })
	}
	for _, c := range drawn {
		mark[c] = false
	}
	return out
}

// GenerateCsr is a seeded size × size CSR matrix (generateCsr).
func GenerateCsr(size int, density float64, powerLaw bool, seed uint32) *Csr {
	random := NewMulberry32(seed)
	total := JsRound(float64(float64(density*float64(size)) * float64(size)))
	weights := make([]float64, size)
	for r := range weights {
		weights[r] = 1
	}
	if powerLaw {
		rank := make([]int, size)
		for i := range rank {
			rank[i] = i
		}
		for i := size - 1; i > 0; i-- {
			j := int(math.Floor(random.Next() * float64(i+1)))
			rank[i], rank[j] = rank[j], rank[i]
		}
		for r := range weights {
			weights[r] = 1 / float64(rank[r]+1)
		}
	}
	lengths := RowLengths(weights, size, total)
	m := &Csr{Rows: size, Cols: size, RowPtr: make([]int32, size+1)}
	for r := 0; r < size; r++ {
		m.RowPtr[r+1] = m.RowPtr[r] + int32(lengths[r])
	}
	m.ColIdx = make([]int32, 0, m.RowPtr[size])
	m.Values = make([]float64, 0, m.RowPtr[size])
	mark := make([]bool, size)
	for r := 0; r < size; r++ {
		m.ColIdx = append(m.ColIdx, pickColumns(size, lengths[r], random, mark)...)
		for p := m.RowPtr[r]; p < m.RowPtr[r+1]; p++ {
			m.Values = append(m.Values, float64(random.Next()*2)-1)
		}
	}
	return m
}

// DenseOperand is cols × k values in [-1, 1) from mulberry32(seed ^ 0x5bd1e995), row-major.
func DenseOperand(cols, k int, seed uint32) []float64 {
	random := NewMulberry32(seed ^ 0x5BD1E995)
	x := make([]float64, cols*k)
	for i := range x {
		x[i] = float64(random.Next()*2) - 1
	}
	return x
}

// Spmm is suites/spmm.ts: a sparse CSR matrix (seeded, or read from a Matrix Market file) times a
// dense operand of K columns, one row block per task; each row and stored entry takes Work rounds.
type Spmm struct {
	Matrix *Csr
	X      []float64
	K      int
}

// SpmmPayload is a row block [R0, R1) and rounds per row and per stored entry.
type SpmmPayload struct {
	R0, R1 int
	Work   uint64
}

// SpmmOutput is a row block's outputs and work checksum.
type SpmmOutput struct {
	Y    []float64
	Spin int32
}

// NewSpmm is the input of parameters {size, density, rowlen, k, matrix} and seed: the Matrix Market file
// matrix (relative to $PARBENCH_CWD) when given, else a generated matrix.
func NewSpmm(p Params, seed uint32) (*Spmm, error) {
	var m *Csr
	if path := p.Text("matrix"); path != "" {
		var err error
		if m, err = LoadMatrix(path); err != nil {
			return nil, err
		}
	} else {
		size, err := p.Whole("size", 1, SpmmMaxSize)
		if err != nil {
			return nil, err
		}
		density, err := p.Number("density")
		if err != nil || !(density > 0 && density <= 1) {
			return nil, fmt.Errorf("parameter \"density\" must be in (0, 1], got %v", p["density"])
		}
		rowlen, err := p.Choice("rowlen", "uniform", "power-law")
		if err != nil {
			return nil, err
		}
		m = GenerateCsr(int(size), density, rowlen == "power-law", seed)
	}
	k, err := p.Whole("k", 1, SpmmMaxK)
	if err != nil {
		return nil, err
	}
	return &Spmm{Matrix: m, X: DenseOperand(m.Cols, int(k), seed), K: int(k)}, nil
}

// KnobRange: 1 .. rows/16 rows per task.
func (s *Spmm) KnobRange() KnobRange {
	return KnobRange{ChunkMin: 1, ChunkMax: max(1, uint64(s.Matrix.Rows)/SpmmMinTasks), WorkMax: 10_000_000}
}

// Split is the row blocks of Chunk rows.
func (s *Spmm) Split(k Knob) []Task[SpmmPayload] {
	chunk := int(max(k.Chunk, 1))
	rows := s.Matrix.Rows
	tasks := make([]Task[SpmmPayload], 0, (rows+chunk-1)/chunk)
	for r0 := 0; r0 < rows; r0 += chunk {
		tasks = append(tasks, Task[SpmmPayload]{Payload: SpmmPayload{R0: r0, R1: min(rows, r0+chunk), Work: k.Work}})
	}
	return tasks
}

// KernelInto multiplies the row block into out and returns the work checksum.
func (s *Spmm) KernelInto(p *SpmmPayload, out []float64) int32 {
	a := s.Matrix
	a.MultiplyRowsInto(s.X, s.K, p.R0, p.R1, out)
	if p.Work == 0 {
		return 0
	}
	units := uint64(p.R1-p.R0) + uint64(a.RowPtr[p.R1]-a.RowPtr[p.R0])
	return Spin(p.Work*units, int64(p.R0)+1)
}

// Kernel is one row block's outputs and work checksum.
func (s *Spmm) Kernel(p *SpmmPayload, _ Deps[SpmmOutput]) SpmmOutput {
	y := make([]float64, (p.R1-p.R0)*s.K)
	spin := s.KernelInto(p, y)
	return SpmmOutput{Y: y, Spin: spin}
}

// InlineLen is the row block's output count.
func (s *Spmm) InlineLen(p *SpmmPayload) int { return (p.R1 - p.R0) * s.K }

// InlineResult is the row block's result from its inline output.
func (s *Spmm) InlineResult(_ *SpmmPayload, out []float64, scalar int32) SpmmOutput {
	return SpmmOutput{Y: append([]float64(nil), out...), Spin: scalar}
}

// Fingerprint is "y=<fnv1a of the blocks back to back> work=<hex of the XOR>".
func (s *Spmm) Fingerprint(results []SpmmOutput) string {
	y, acc := ConcatParts(results, func(r *SpmmOutput) ([]float64, int32) { return r.Y, r.Spin })
	return fmt.Sprintf("y=%s work=%s", Fnv1a(y), Hex32(acc))
}
