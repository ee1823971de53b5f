"""Real ranks over torch.distributed (gloo): the same training as the simulation, replicas
bit-identical across processes, the measurements in summary.json, torchrun, a rank killed.

torch is in the test extra (pyproject.toml), so CI runs these; the tests that need no torch
are in test_without_torch.py.
"""
import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")

from nnplayground import cli  # noqa: E402
from nnplayground.core import DataSpec, Experiment, OptimizerSpec, TrainingSpec  # noqa: E402
from nnplayground.core import Trainer  # noqa: E402
from nnplayground.core.parallel import DataParallelTrainer, max_relative_difference, single_equivalent  # noqa: E402
from nnplayground.core.parallel_spec import ALGORITHMS, ParallelSpec  # noqa: E402
from nnplayground.distributed.launch import Job, launch  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def experiment(ranks, dtype="float64", epochs=2, schedule="per_rank_batch"):
    """Tiny: 100 training samples in batches of 5, momentum so that the updates compound."""
    return Experiment(dtype=dtype, seed=7, data=DataSpec(samples=200), training=TrainingSpec(batch_size=5, epochs=epochs),
                      optimizer=OptimizerSpec(name="momentum", learning_rate=0.1),
                      parallel=ParallelSpec(ranks=ranks, schedule=schedule, algorithm="sequential"))


def simulated(exp):
    trainer = DataParallelTrainer(exp)
    trainer.run()
    return trainer


def train_only(trainer, args, stem, stop):
    """A stand-in for the `run` command's writer: train, write nothing (rank 0 returns the parameters)."""
    trainer.run()
    return 0


def run_ranks(exp, tmp_path):
    outcome = launch(Job(argparse.Namespace(out=str(tmp_path)), exp, "test", train_only, None))
    assert outcome.exit_code == 0 and outcome.message is None
    return outcome.parameters


@pytest.mark.parametrize("ranks,schedule", [(2, "per_rank_batch"), (4, "per_rank_batch"), (3, "epoch_blocks")])
def test_in_float64_the_final_parameters_are_the_simulated_runs(ranks, schedule, tmp_path):
    exp = experiment(ranks, schedule=schedule, epochs=2 if schedule == "per_rank_batch" else 5)
    parameters = run_ranks(exp, tmp_path)
    reference = simulated(exp).network.theta
    if ranks == 2:  # a + b is b + a: gloo's sum of two is the sequential one, bit for bit
        assert np.array_equal(parameters, reference)
    else:  # gloo adds K > 2 in its own order: the last bits may differ
        assert max_relative_difference(parameters, reference) < 1e-13
    assert not np.array_equal(parameters, DataParallelTrainer(exp).network.theta)  # it did train


def test_in_float32_the_difference_from_the_simulation_stays_at_rounding_level(tmp_path):
    exp = experiment(4, dtype="float32")
    parameters = run_ranks(exp, tmp_path)
    difference = max_relative_difference(parameters, simulated(exp).network.theta)
    print(f"float32, 4 ranks: max relative parameter difference, gloo against sequential: {difference:.3g}")
    assert difference < 1e-5


def read_metrics(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def test_the_cli_run_writes_the_simulated_runs_metrics_and_the_measurements(tmp_path, capfd):
    exp = experiment(2)
    path = tmp_path / "exp.json"
    path.write_text(json.dumps(exp.to_dict()))
    out = tmp_path / "out"
    assert cli.main(["run", str(path), "--ranks-backend", "torch", "--out", str(out)]) == 0
    assert "completed: 2 epochs, 20 iterations" in capfd.readouterr().out
    reference = simulated(exp)
    rows = read_metrics(out / "metrics.csv")
    assert [int(r["iteration"]) for r in rows] == list(range(1, 21))
    np.testing.assert_array_equal([float(r["train_loss"]) for r in rows], reference.history.column("train_loss"))
    summary = json.loads((out / "summary.json").read_text())
    assert summary["status"] == "completed" and summary["iterations"] == 20
    assert summary["test_loss"] == reference.evaluate().test_loss  # the final weights are the simulation's
    assert summary["ranks_backend"] == "torch" and summary["replicas_identical"] is True
    assert set(summary["max_abs_diff_vs_simulated"]) == set(ALGORITHMS)
    assert all(d == 0.0 for d in summary["max_abs_diff_vs_simulated"].values())  # two ranks: one possible sum
    single = Trainer(single_equivalent(exp))
    single.run(max_iterations=20)
    assert summary["max_rel_diff_vs_single"] == max_relative_difference(reference.network.theta, single.network.theta)
    assert summary["parallel"]["ranks"] == 2 and "worst_reduction_error" not in summary["parallel"]
    details = summary["torch"]
    assert details["world_size"] == 2 and details["backend"] == "gloo"
    assert details["gradient_bytes"] == reference.gradient_bytes
    assert set(details["bitwise_equal_to"]) == set(ALGORITHMS)
    link = details["link"]
    assert len(link["all_reduce_bytes"]) == len(link["all_reduce_seconds"]) >= 2
    assert all(t > 0 for t in link["all_reduce_seconds"])
    seconds = details["seconds_per_iteration"]
    assert 0 < seconds["compute"] < seconds["measured"]  # the measured time includes the all-reduce
    per_rank = details["per_rank"]
    assert [entry["rank"] for entry in per_rank] == [0, 1]
    assert all(0 < entry["compute"] <= seconds["measured"] and entry["all_reduce"] > 0 for entry in per_rank)
    # the slowest rank's compute per iteration, averaged, is at least any one rank's mean
    assert max(entry["compute"] for entry in per_rank) <= seconds["compute"]
    if link["error"] is None:  # timings on a busy machine may not grow with the size: then no fit, and it says so
        assert link["latency_us"] >= 0 and link["bandwidth_gb_s"] > 0
        assert seconds["predicted_fitted_link"] > seconds["compute"]
    else:
        assert link["latency_us"] is None and seconds["predicted_fitted_link"] is None
    assert seconds["predicted_configured_link"] > seconds["compute"]


def test_under_torchrun_each_process_is_one_rank(tmp_path):
    exp = experiment(2, epochs=1)
    path = tmp_path / "exp.json"
    path.write_text(json.dumps(exp.to_dict()))
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2",
                           "-m", "nnplayground", "run", str(path), "--ranks-backend", "torch", "--out", str(out)],
                          env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("completed: 1 epochs, 10 iterations") == 1  # rank 0 alone writes and reports
    summary = json.loads((out / "summary.json").read_text())
    assert summary["replicas_identical"] is True and summary["torch"]["world_size"] == 2
    assert summary["test_loss"] == simulated(exp).evaluate().test_loss


def test_a_world_size_other_than_the_ranks_is_refused_in_one_line(tmp_path, monkeypatch, capsys):
    path = tmp_path / "exp.json"
    path.write_text(json.dumps(experiment(2).to_dict()))
    monkeypatch.setenv("RANK", "0")
    monkeypatch.setenv("WORLD_SIZE", "3")
    assert cli.main(["run", str(path), "--ranks-backend", "torch", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "WORLD_SIZE is 3 but the experiment's parallel.ranks is 2" in err


def rank_processes(pid):
    """The spawned children of ``pid`` that are ranks (not multiprocessing's resource tracker)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(c) for c in children if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()
            and b"resource_tracker" not in Path(f"/proc/{c}/cmdline").read_bytes()]


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the rank processes through Linux's /proc")
def test_a_killed_rank_ends_the_run_with_one_line_instead_of_a_hang(tmp_path):
    path = tmp_path / "exp.json"
    path.write_text(json.dumps(experiment(2, epochs=100000).to_dict()))
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NNPLAYGROUND_RANK_TIMEOUT": "30"}
    parent = subprocess.Popen([sys.executable, "-m", "nnplayground", "run", str(path), "--ranks-backend", "torch",
                               "--out", str(out)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(1200):  # until training is under way (rows reach metrics.csv)
            if (out / "metrics.csv").exists() and (out / "metrics.csv").stat().st_size > 4096:
                break
            time.sleep(0.1)
        ranks = rank_processes(parent.pid)
        assert len(ranks) == 2
        os.kill(max(ranks), signal.SIGKILL)
        stdout, stderr = parent.communicate(timeout=120)  # a hang fails here
    finally:
        parent.kill()
    assert parent.returncode == 1
    assert stderr.count("\n") == 1 and "was killed by signal 9" in stderr and "Traceback" not in stderr
    assert not any(Path(f"/proc/{pid}").exists() and b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
                   for pid in ranks)  # no rank left behind
