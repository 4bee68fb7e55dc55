import json
import os
import sys
from pathlib import Path

import pytest

PYTHON_DIR = Path(__file__).resolve().parents[1]
ROOT = PYTHON_DIR.parent
sys.path.insert(0, str(PYTHON_DIR))


@pytest.fixture(scope='session')
def vectors():
    return json.loads((ROOT / 'test' / 'fixtures' / 'shared-vectors.json').read_text())


@pytest.fixture(autouse=True, scope='session')
def worker_environment():
    """Process pools and HTEX workers import parbench_py and HTEX starts its scripts by name."""
    from parbench_py.driver import _environment
    _environment()
    os.environ['PARBENCH_CWD'] = str(ROOT)  # --matrix paths in the shared vectors are relative to the repository root
    yield


@pytest.fixture(scope='session')
def calibration_vectors():
    return json.loads((ROOT / 'test' / 'fixtures' / 'calibration-vectors.json').read_text())
