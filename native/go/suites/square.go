package suites

import "fmt"

// SquareMaxN is the largest n (units of 1024 elements).
const SquareMaxN = 16_384

// Square is suites/square.ts: square n × 1024 float64 values from mulberry32(seed), in tiles of Chunk
// elements, each element also taking Work rounds.
type Square struct {
	Values []float64
	Tile   uint64
}

// SquarePayload is a tile [Offset, End) and rounds per element.
type SquarePayload struct {
	Offset, End int
	Work        uint64
}

// SquareOutput is a tile's squares and work checksum.
type SquareOutput struct {
	Squares []float64
	Spin    int32
}

// SquareInput is n × 1024 values uniform in [-1, 1) from mulberry32(seed).
func SquareInput(n uint64, seed uint32) []float64 {
	random := NewMulberry32(seed)
	values := make([]float64, n*1024)
	for i := range values {
		values[i] = float64(random.Next()*2) - 1
	}
	return values
}

// NewSquare is the input of parameters {n, tile} and seed.
func NewSquare(p Params, seed uint32) (*Square, error) {
	n, err := p.Whole("n", 1, SquareMaxN)
	if err != nil {
		return nil, err
	}
	tile, err := p.Whole("tile", 1, 1<<53)
	if err != nil {
		return nil, err
	}
	values := SquareInput(n, seed)
	return &Square{Values: values, Tile: min(tile, uint64(len(values)))}, nil
}

// KnobRange: tiles of 1 .. Tile elements.
func (s *Square) KnobRange() KnobRange {
	return KnobRange{ChunkMin: 1, ChunkMax: s.Tile, WorkMax: 10_000_000}
}

// Split is the tiles of Chunk elements (the last may be shorter).
func (s *Square) Split(k Knob) []Task[SquarePayload] {
	chunk := int(max(k.Chunk, 1))
	n := len(s.Values)
	tasks := make([]Task[SquarePayload], 0, (n+chunk-1)/chunk)
	for offset := 0; offset < n; offset += chunk {
		tasks = append(tasks, Task[SquarePayload]{Payload: SquarePayload{Offset: offset, End: min(n, offset+chunk), Work: k.Work}})
	}
	return tasks
}

// KernelInto squares the tile into out and returns the work checksum.
func (s *Square) KernelInto(p *SquarePayload, out []float64) int32 {
	var acc int32
	for i, x := range s.Values[p.Offset:p.End] {
		out[i] = x * x
		if p.Work > 0 {
			acc ^= Spin(p.Work, int64(p.Offset+i+1))
		}
	}
	return acc
}

// Kernel is one tile's squares and work checksum.
func (s *Square) Kernel(p *SquarePayload, _ Deps[SquareOutput]) SquareOutput {
	squares := make([]float64, p.End-p.Offset)
	spin := s.KernelInto(p, squares)
	return SquareOutput{Squares: squares, Spin: spin}
}

// InlineLen is the tile's length.
func (s *Square) InlineLen(p *SquarePayload) int { return p.End - p.Offset }

// InlineResult is the tile's result from its inline output.
func (s *Square) InlineResult(_ *SquarePayload, out []float64, scalar int32) SquareOutput {
	return SquareOutput{Squares: append([]float64(nil), out...), Spin: scalar}
}

// Fingerprint is "squares=<fnv1a of the tiles back to back> work=<hex of the XOR>".
func (s *Square) Fingerprint(results []SquareOutput) string {
	squares, acc := ConcatParts(results, func(r *SquareOutput) ([]float64, int32) { return r.Squares, r.Spin })
	return fmt.Sprintf("squares=%s work=%s", Fnv1a(squares), Hex32(acc))
}
