"""spmm --matrix on the Python side: the Matrix Market reader gives the TypeScript reader's CSR (the shared
vectors check the products) and its one-line errors; relative paths are the user's (PARBENCH_CWD)."""
import pytest

from parbench_py.suites.spmm import spmm
from parbench_py.suites.spmm_mtx import MatrixMarketError, load_matrix, parse_matrix_market

HEAD = '%%MatrixMarket matrix coordinate real general\n'


def test_tiny_fixture_by_hand():
    a = load_matrix('test/fixtures/tiny.mtx')
    assert (a['rows'], a['cols']) == (3, 3)
    assert a['rowPtr'] == [0, 2, 3, 5]
    assert list(a['colIdx']) == [0, 2, 1, 0, 2] and list(a['values']) == [1, 2, 3, 4, 5]


def test_symmetric_and_skew_entries_are_mirrored_and_repeats_summed():
    sym = load_matrix('test/fixtures/symmetric.mtx')
    assert sym['rowPtr'] == [0, 2, 4, 6] and list(sym['values']) == [2, 1, 1, 3, 3, 4]
    skew = parse_matrix_market('%%MatrixMarket matrix coordinate integer skew-symmetric\n2 2 3\n2 1 5\n2 1 -2\n2 2 0\n')
    assert skew['rowPtr'] == [0, 1, 3] and list(skew['colIdx']) == [1, 0, 1] and list(skew['values']) == [-3, 3, 0]
    pattern = parse_matrix_market('%%MatrixMarket matrix coordinate pattern general\n% c\n\n2 3 2\n1 3\n2 1\n')
    assert list(pattern['values']) == [1.0, 1.0] and list(pattern['colIdx']) == [2, 0]


@pytest.mark.parametrize('text,message', [
    ('%%MatrixMarket matrix array real general\n', 'line 1: unsupported format "array"'),
    ('hello\n', 'line 1: not a Matrix Market file'),
    (HEAD + '2 2\n', 'line 2: size line must be "rows cols entries"'),
    (HEAD + '2 2 1\n1 3 1.0\n', 'line 3: column 3 is outside 1..2'),
    (HEAD + '2 2 1\n1 1 x\n', 'line 3: value "x" is not a number'),
    (HEAD + '2 2 2\n1 1 1\n', 'line 4: file ends after 1 of the 2 entries'),
    (HEAD + '2 2 1\n1 1 1\n2 2 2\n', 'line 4: more entries than the 1'),
])
def test_bad_files_name_the_line(text, message):
    with pytest.raises(MatrixMarketError) as error:
        parse_matrix_market(text)
    assert str(error.value).startswith(message)


def test_unreadable_or_malformed_file_is_one_line_naming_it():
    with pytest.raises(ValueError, match=r'^cannot read test/fixtures/missing\.mtx \(No such file or directory\)$'):
        load_matrix('test/fixtures/missing.mtx')
    with pytest.raises(ValueError, match=r'^test/fixtures/malformed\.mtx line 4: expected 3 fields \(row col value\), got 2$'):
        load_matrix('test/fixtures/malformed.mtx')


def test_relative_paths_are_taken_from_parbench_cwd(monkeypatch, tmp_path):
    (tmp_path / 'm.mtx').write_text(HEAD + '1 1 1\n1 1 7.5\n')
    monkeypatch.setenv('PARBENCH_CWD', str(tmp_path))
    inp = spmm.make_input({'size': 5, 'density': 0.5, 'rowlen': 'uniform', 'k': 1, 'matrix': 'm.mtx'}, 1)
    assert list(inp['context']['values']) == [7.5] and inp['context']['rows'] == 1
