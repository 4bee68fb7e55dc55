package suites

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Matrix Market coordinate files, as suites/spmm/mtx.ts: real, integer or pattern entries; general,
// symmetric or skew-symmetric; the same CSR arrays for the same file and the same one-line errors.

var (
	mtxFields     = []string{"real", "integer", "pattern"}
	mtxSymmetries = []string{"general", "symmetric", "skew-symmetric"}
	mtxWhole      = regexp.MustCompile(`^\d+$`)
	mtxNumber     = regexp.MustCompile(`(?i)^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$`)
	mtxLines      = regexp.MustCompile(`\r?\n`)
)

// jsSpace is JavaScript's \s (and String.prototype.trim): Unicode white space and the byte-order mark.
func jsSpace(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' }

func jsTrim(s string) string { return strings.TrimFunc(s, jsSpace) }

func jsWords(s string) []string { return strings.FieldsFunc(jsTrim(s), jsSpace) }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func mtxError(line int, format string, args ...any) error {
	return fmt.Errorf("line %d: %s", line, fmt.Sprintf(format, args...))
}

func mtxHeader(first string) (pattern bool, symmetry string, err error) {
	words := jsWords(strings.ToLower(first))
	word := func(i int) string {
		if i < len(words) {
			return words[i]
		}
		return ""
	}
	switch {
	case word(0) != "%%matrixmarket":
		return false, "", mtxError(1, "not a Matrix Market file: the first line must start with %%%%MatrixMarket")
	case word(1) != "matrix":
		return false, "", mtxError(1, "unsupported object %q (supported: matrix)", word(1))
	case word(2) != "coordinate":
		return false, "", mtxError(1, "unsupported format %q (supported: coordinate)", word(2))
	case !contains(mtxFields, word(3)):
		return false, "", mtxError(1, "unsupported field %q (supported: %s)", word(3), strings.Join(mtxFields, ", "))
	case !contains(mtxSymmetries, word(4)):
		return false, "", mtxError(1, "unsupported symmetry %q (supported: %s)", word(4), strings.Join(mtxSymmetries, ", "))
	}
	return word(3) == "pattern", word(4), nil
}

func mtxIndex(text string, line int, what string, max int) (int32, error) {
	if !mtxWhole.MatchString(text) {
		return 0, mtxError(line, "%s %q is not a whole number", what, text)
	}
	value, _ := strconv.ParseFloat(text, 64)
	if value < 1 || value > float64(max) {
		return 0, mtxError(line, "%s %v is outside 1..%d", what, value, max)
	}
	return int32(value) - 1, nil
}

// ParseMatrixMarket parses a Matrix Market coordinate file into CSR (parseMatrixMarket); an error
// "line N: …" for an unsupported header, a bad size line, a bad entry, or too many or too few entries.
func ParseMatrixMarket(text string) (*Csr, error) {
	lines := mtxLines.Split(text, -1)
	pattern, symmetry, err := mtxHeader(lines[0])
	if err != nil {
		return nil, err
	}
	skippable := func(s string) bool { t := jsTrim(s); return t == "" || strings.HasPrefix(t, "%") }
	i := 1
	for i < len(lines) && skippable(lines[i]) {
		i++
	}
	if i >= len(lines) {
		return nil, mtxError(i, `file ends before the size line "rows cols entries"`)
	}
	size := jsWords(lines[i])
	if len(size) != 3 || !mtxWhole.MatchString(size[0]) || !mtxWhole.MatchString(size[1]) || !mtxWhole.MatchString(size[2]) {
		return nil, mtxError(i+1, `size line must be "rows cols entries" (three whole numbers), got "%s"`, jsTrim(lines[i]))
	}
	rows, _ := strconv.Atoi(size[0])
	cols, _ := strconv.Atoi(size[1])
	declared, _ := strconv.Atoi(size[2])
	if rows < 1 || cols < 1 {
		return nil, mtxError(i+1, "a matrix needs at least one row and one column, got %d x %d", rows, cols)
	}
	if symmetry != "general" && rows != cols {
		return nil, mtxError(i+1, "a %s matrix must be square, got %d x %d", symmetry, rows, cols)
	}
	expect, fields := 3, "row col value"
	if pattern {
		expect, fields = 2, "row col"
	}
	var ri, ci []int32
	var vs []float64
	entries := 0
	for i++; i < len(lines); i++ {
		raw := jsTrim(lines[i])
		if raw == "" || strings.HasPrefix(raw, "%") {
			continue
		}
		line := i + 1
		if entries == declared {
			return nil, mtxError(line, "more entries than the %d the size line declares", declared)
		}
		words := jsWords(raw)
		if len(words) != expect {
			return nil, mtxError(line, "expected %d fields (%s), got %d", expect, fields, len(words))
		}
		r, err := mtxIndex(words[0], line, "row", rows)
		if err != nil {
			return nil, err
		}
		c, err := mtxIndex(words[1], line, "column", cols)
		if err != nil {
			return nil, err
		}
		v := 1.0
		if !pattern {
			if !mtxNumber.MatchString(words[2]) {
				return nil, mtxError(line, "value %q is not a number", words[2])
			}
			v, _ = strconv.ParseFloat(words[2], 64)
		}
		entries++
		ri, ci, vs = append(ri, r), append(ci, c), append(vs, v)
		if symmetry != "general" && r != c {
			mirrored := v
			if symmetry == "skew-symmetric" {
				mirrored = -v
			}
			ri, ci, vs = append(ri, c), append(ci, r), append(vs, mirrored)
		}
	}
	if entries < declared {
		return nil, mtxError(len(lines), "file ends after %d of the %d entries the size line declares", entries, declared)
	}
	return FromCoordinates(rows, cols, ri, ci, vs), nil
}

// LoadMatrix is the matrix in path, a relative path taken from $PARBENCH_CWD (where parbench was
// started) when set; an error naming the file (and the line, for bad content).
func LoadMatrix(path string) (*Csr, error) {
	full := path
	if cwd := os.Getenv("PARBENCH_CWD"); cwd != "" && !filepath.IsAbs(path) {
		full = filepath.Join(cwd, path)
	}
	text, err := os.ReadFile(full)
	if err != nil {
		code := "error"
		switch {
		case errors.Is(err, fs.ErrNotExist):
			code = "ENOENT"
		case errors.Is(err, fs.ErrPermission):
			code = "EACCES"
		}
		return nil, fmt.Errorf("cannot read %s (%s)", path, code)
	}
	m, err := ParseMatrixMarket(string(text))
	if err != nil {
		return nil, fmt.Errorf("%s %w", path, err)
	}
	return m, nil
}
