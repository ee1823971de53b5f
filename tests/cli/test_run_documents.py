"""`nnplayground run` on generated documents (issue 10): a valid one trains and writes its two
files and nothing else; an invalid one exits 2 with exactly one line on stderr, no traceback,
and leaves no file behind, not even a temporary one."""
import contextlib
import dataclasses
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings

from documents import BadFile, as_json, invalid_documents, valid_documents
from nnplayground.cli import main
from nnplayground.core import Experiment
from nnplayground.core.experiment import MAX_POINT_VALUE, MAX_UNITS


def run(*args: str) -> tuple[int, str, str]:
    """`nnplayground ARGS` in this process: exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def every_file(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@settings(max_examples=60, deadline=None)
@given(valid_documents())
def test_a_valid_document_trains_and_writes_its_two_files(document):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "doc.json").write_bytes(as_json(document))
        code, stdout, stderr = run("run", str(folder / "doc.json"), "--out", str(folder / "out"), "--epochs", "1")
        assert code in (0, 3), stderr  # 3: diverged, which a learning rate up to 1e6 may well do
        assert every_file(folder) == {"doc.json", "out", "out/metrics.csv", "out/summary.json"}
        summary = json.loads((folder / "out" / "summary.json").read_text(encoding="utf-8"))
    expected = Experiment.from_dict(document)
    expected = expected.replace(training=dataclasses.replace(expected.training, epochs=1))
    assert summary["experiment"] == expected.to_dict()
    assert len(stdout.splitlines()) == (1 if code == 0 else 0)
    assert len(stderr.splitlines()) == (0 if code == 0 else 1)


@settings(max_examples=150, deadline=None)
@given(invalid_documents())
@example(BadFile(b'{"name": "\\ud800"}', "name", "lone surrogate, once lost after training"))
def test_an_invalid_document_exits_2_with_one_line_and_leaves_nothing(bad):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "doc.json").write_bytes(bad.content)
        code, stdout, stderr = run("run", str(folder / "doc.json"), "--out", str(folder / "out"), "--epochs", "1")
        assert every_file(folder) == {"doc.json"}, bad.kind
        assert (folder / "doc.json").read_bytes() == bad.content
    assert code == 2, (bad.kind, stderr[:300])
    assert stdout == "" and stderr.startswith("nnplayground: error: ") and stderr.count("\n") == 1, bad.kind
    assert "Traceback" not in stderr and len(stderr) < 400 + len(folder.name)


EXTREME_DATA = {"dataset": "plane", "samples": 200, "noise": 1.0, "outliers": 100, "outlier_magnitude": 1e6,
                "features": ["x1", "x2", "x1^2", "x2^2", "x1*x2"],
                "extra_points": [[MAX_POINT_VALUE, -MAX_POINT_VALUE, MAX_POINT_VALUE]] * 20}
EXTREME_RUNS = {  # dtype, network, optimizer; and the exit code
    "float64 trains": ("float64", {}, {"name": "adam", "learning_rate": 1e-3}, 0),
    "float32 diverges": ("float32", {"init_gain": 1e6}, {"name": "adam", "learning_rate": 1e6, "beta1": 0.999999,
                                                        "beta2": 0.999999}, 3),
}


@pytest.mark.parametrize("case", EXTREME_RUNS)
def test_a_run_with_extreme_valid_settings_prints_only_its_result(tmp_path, case):
    """No NumPy warning reaches the terminal: points at the edge of the plane (their squares in
    the features), outliers of 1e6, the widest layer; in float32 with the largest learning
    rate and initial weights the run diverges at once, and says only that."""
    dtype, network, optimizer, code = EXTREME_RUNS[case]
    experiment = Experiment.from_dict({
        "dtype": dtype, "data": EXTREME_DATA,
        "network": {"task": "regression", "hidden": [{"units": MAX_UNITS, "activation": "relu"}], **network},
        "optimizer": optimizer, "training": {"batch_size": 50, "epochs": 2},
    })
    path = tmp_path / "extreme.json"
    experiment.save(path)
    env = {**os.environ, "PYTHONWARNINGS": "default"}  # a warning would be printed, not hidden
    done = subprocess.run([sys.executable, "-m", "nnplayground", "run", str(path), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == code, done.stderr
    if code == 0:
        assert done.stderr == "" and done.stdout.startswith("completed: ") and done.stdout.count("\n") == 1
    else:  # the one line that says it diverged, on stderr
        assert done.stdout == "" and done.stderr.startswith("nnplayground: diverged") and done.stderr.count("\n") == 1
