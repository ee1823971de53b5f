"""`nnplayground run --engine`: both engines write the same metrics, and no numba means NumPy, said once."""
import csv
import subprocess
import sys

import pytest


def run(tmp_path, *args, env=None):
    return subprocess.run([sys.executable, "-m", "nnplayground", "run", "--preset", "circle", "--epochs", "2",
                           *args], cwd=tmp_path, capture_output=True, text=True, timeout=120, env=env)


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_both_engines_write_the_same_rows(tmp_path):
    for engine in ("compiled", "numpy"):
        result = run(tmp_path, "--engine", engine, "--out", engine)
        assert result.returncode == 0 and result.stderr == "", result.stderr
    compiled, numpy_rows = rows(tmp_path / "compiled" / "metrics.csv"), rows(tmp_path / "numpy" / "metrics.csv")
    assert [r["iteration"] for r in compiled] == [r["iteration"] for r in numpy_rows]
    assert [r["test_loss"] == "" for r in compiled] == [r["test_loss"] == "" for r in numpy_rows]
    for a, b in zip(compiled, numpy_rows):
        for key in a:
            if a[key]:
                assert float(a[key]) == pytest.approx(float(b[key]), rel=1e-9, abs=1e-300), key


def test_without_numba_the_run_trains_on_numpy_and_says_so_once(tmp_path):
    blocker = tmp_path / "blocked"
    blocker.mkdir()
    (blocker / "numba.py").write_text("raise ImportError('numba blocked for this test')\n", encoding="utf-8")
    import os
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(blocker), os.environ.get("PYTHONPATH", "")])}
    result = run(tmp_path, "--out", "without", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ("nnplayground: the compiled engine is unavailable (ImportError: numba blocked for this "
                             "test); training with NumPy\n")
    assert run(tmp_path, "--engine", "numpy", "--out", "numpy").returncode == 0
    assert rows(tmp_path / "without" / "metrics.csv") == rows(tmp_path / "numpy" / "metrics.csv")  # the NumPy engine exactly
