"""`run --ranks-backend torch` refuses what it cannot run with one line and exit 2, whether or
not PyTorch is installed (these tests never need it)."""
import json
import sys

from nnplayground import cli
from nnplayground.core import DataSpec, Experiment, TrainingSpec
from nnplayground.core.parallel_spec import ParallelSpec


def write(tmp_path, parallel):
    path = tmp_path / "exp.json"
    experiment = Experiment(data=DataSpec(samples=40), training=TrainingSpec(batch_size=5, epochs=1), parallel=parallel)
    path.write_text(json.dumps(experiment.to_dict()))
    return str(path)


def test_without_torch_the_option_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "torch", None)  # as if PyTorch were not installed: import torch fails
    out = tmp_path / "out"
    code = cli.main(["run", write(tmp_path, ParallelSpec(ranks=2)), "--ranks-backend", "torch", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "pip install nnplayground[distributed]" in err and "Traceback" not in err
    assert not out.exists()  # nothing written


def test_an_experiment_without_a_parallel_section_is_refused_in_one_line(tmp_path, capsys):
    out = tmp_path / "out"
    code = cli.main(["run", write(tmp_path, None), "--ranks-backend", "torch", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "no parallel section" in err
    assert not out.exists()


def test_an_unknown_backend_is_a_usage_error(tmp_path, capsys):
    code = cli.main(["run", write(tmp_path, ParallelSpec(ranks=2)), "--ranks-backend", "nccl"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "invalid choice: 'nccl'" in err
