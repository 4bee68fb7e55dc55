//! Matrix Market coordinate files, identical to suites/spmm/mtx.ts: real, integer or pattern entries;
//! general, symmetric or skew-symmetric; the same CSR arrays for the same file, and the same one-line
//! errors naming the line.

use super::csr::Csr;

const FIELDS: [&str; 3] = ["real", "integer", "pattern"];
const SYMMETRIES: [&str; 3] = ["general", "symmetric", "skew-symmetric"];

/// JavaScript's `\s` (and String.prototype.trim): Unicode white space and the byte-order mark.
fn js_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn trim(s: &str) -> &str {
    s.trim_matches(js_space)
}

fn words(s: &str) -> Vec<&str> {
    trim(s).split(js_space).filter(|w| !w.is_empty()).collect()
}

fn whole(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn digits(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// The regular expression `^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$` (case-insensitive).
fn number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(!b.is_empty() && (b[0] == b'+' || b[0] == b'-'));
    let start = i;
    i = digits(b, i);
    if i > start {
        if i < b.len() && b[i] == b'.' {
            i = digits(b, i + 1);
        }
    } else {
        if i >= b.len() || b[i] != b'.' {
            return false;
        }
        let after = digits(b, i + 1);
        if after == i + 1 {
            return false;
        }
        i = after;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let after = digits(b, i);
        if after == i {
            return false;
        }
        i = after;
    }
    i == b.len()
}

fn err(line: usize, detail: String) -> String {
    format!("line {line}: {detail}")
}

fn header(first: &str) -> Result<(bool, String), String> {
    let lower = first.to_lowercase();
    let w = words(&lower);
    let word = |i: usize| w.get(i).copied().unwrap_or("");
    if word(0) != "%%matrixmarket" {
        return Err(err(1, "not a Matrix Market file: the first line must start with %%MatrixMarket".into()));
    }
    if word(1) != "matrix" {
        return Err(err(1, format!("unsupported object \"{}\" (supported: matrix)", word(1))));
    }
    if word(2) != "coordinate" {
        return Err(err(1, format!("unsupported format \"{}\" (supported: coordinate)", word(2))));
    }
    if !FIELDS.contains(&word(3)) {
        return Err(err(1, format!("unsupported field \"{}\" (supported: {})", word(3), FIELDS.join(", "))));
    }
    if !SYMMETRIES.contains(&word(4)) {
        return Err(err(1, format!("unsupported symmetry \"{}\" (supported: {})", word(4), SYMMETRIES.join(", "))));
    }
    Ok((word(3) == "pattern", word(4).to_string()))
}

fn index(text: &str, line: usize, what: &str, max: usize) -> Result<u32, String> {
    if !whole(text) {
        return Err(err(line, format!("{what} \"{text}\" is not a whole number")));
    }
    let value: f64 = text.parse().unwrap_or(f64::INFINITY);
    if value < 1.0 || value > max as f64 {
        return Err(err(line, format!("{what} {value} is outside 1..{max}")));
    }
    Ok(value as u32 - 1)
}

fn skippable(line: &str) -> bool {
    let t = trim(line);
    t.is_empty() || t.starts_with('%')
}

/// Parse a Matrix Market coordinate file into CSR, as parseMatrixMarket; an error "line N: …".
pub fn parse_matrix_market(text: &str) -> Result<Csr, String> {
    let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let (pattern, symmetry) = header(lines[0])?;
    let mut i = 1;
    while i < lines.len() && skippable(lines[i]) {
        i += 1;
    }
    if i >= lines.len() {
        return Err(err(i, "file ends before the size line \"rows cols entries\"".into()));
    }
    let size = words(lines[i]);
    if size.len() != 3 || !size.iter().all(|w| whole(w)) {
        return Err(err(i + 1, format!("size line must be \"rows cols entries\" (three whole numbers), got \"{}\"", trim(lines[i]))));
    }
    let dims: Vec<f64> = size.iter().map(|w| w.parse().unwrap_or(f64::INFINITY)).collect();
    let (rows, cols, declared) = (dims[0], dims[1], dims[2]);
    if rows < 1.0 || cols < 1.0 {
        return Err(err(i + 1, format!("a matrix needs at least one row and one column, got {rows} x {cols}")));
    }
    if symmetry != "general" && rows != cols {
        return Err(err(i + 1, format!("a {symmetry} matrix must be square, got {rows} x {cols}")));
    }
    let (rows, cols) = (rows as usize, cols as usize);
    i += 1;
    let expect = if pattern { 2 } else { 3 };
    let (mut ri, mut ci, mut vs) = (Vec::new(), Vec::new(), Vec::new());
    let mut entries = 0.0;
    while i < lines.len() {
        let raw = trim(lines[i]);
        let line = i + 1;
        i += 1;
        if raw.is_empty() || raw.starts_with('%') {
            continue;
        }
        if entries == declared {
            return Err(err(line, format!("more entries than the {declared} the size line declares")));
        }
        let w = words(raw);
        if w.len() != expect {
            let fields = if pattern { "row col" } else { "row col value" };
            return Err(err(line, format!("expected {expect} fields ({fields}), got {}", w.len())));
        }
        let r = index(w[0], line, "row", rows)?;
        let c = index(w[1], line, "column", cols)?;
        let mut v = 1.0;
        if !pattern {
            if !number(w[2]) {
                return Err(err(line, format!("value \"{}\" is not a number", w[2])));
            }
            v = w[2].parse::<f64>().map_err(|e| err(line, format!("value \"{}\": {e}", w[2])))?;
        }
        entries += 1.0;
        ri.push(r);
        ci.push(c);
        vs.push(v);
        if symmetry != "general" && r != c {
            ri.push(c);
            ci.push(r);
            vs.push(if symmetry == "skew-symmetric" { -v } else { v });
        }
    }
    if entries < declared {
        return Err(err(lines.len(), format!("file ends after {entries} of the {declared} entries the size line declares")));
    }
    Ok(Csr::from_coordinates(rows, cols, &ri, &ci, &vs))
}

/// The matrix in `path`, a relative path taken from $PARBENCH_CWD (the directory parbench was started
/// in) when set; an error naming the file (and the line, for bad content).
pub fn load_matrix(path: &str) -> Result<Csr, String> {
    let full = match std::env::var("PARBENCH_CWD") {
        Ok(cwd) if !cwd.is_empty() => std::path::Path::new(&cwd).join(path),
        _ => std::path::PathBuf::from(path),
    };
    let bytes = std::fs::read(&full).map_err(|e| format!("cannot read {path} ({})", e.kind()))?;
    // The byte rules of the TypeScript and Python readers: a UTF-8 byte order mark is skipped, and a
    // comment may hold any bytes (old collections ship Latin-1 headers), so the text is decoded leniently.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    parse_matrix_market(&String::from_utf8_lossy(body)).map_err(|e| format!("{path} {e}"))
}

#[cfg(test)]
mod tests {
    use super::parse_matrix_market;

    #[test]
    fn errors_name_the_line_as_the_typescript_reader_does() {
        let cases = [
            ("hello\n", "line 1: not a Matrix Market file: the first line must start with %%MatrixMarket"),
            ("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1\n", "line 3: expected 3 fields (row col value), got 2"),
            ("%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1.0\n", "line 3: row 3 is outside 1..2"),
            ("%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1.0\n", "line 4: file ends after 1 of the 2 entries the size line declares"),
            ("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 0x10\n", "line 3: value \"0x10\" is not a number"),
            ("%%MatrixMarket matrix array real general\n2 2\n", "line 1: unsupported format \"array\" (supported: coordinate)"),
        ];
        for (text, want) in cases {
            assert_eq!(parse_matrix_market(text).err().as_deref(), Some(want), "{text:?}");
        }
    }

    #[test]
    fn values_take_every_form_the_typescript_reader_takes() {
        let m = parse_matrix_market("%%MatrixMarket matrix coordinate real general\n1 5 5\n1 1 +1.\n1 2 .5\n1 3 -2E-1\n1 4 3e+0\n1 5 7\n").unwrap();
        assert_eq!(m.values, vec![1.0, 0.5, -0.2, 3.0, 7.0]);
    }
}
