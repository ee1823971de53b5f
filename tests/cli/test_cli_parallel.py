"""``nnplayground run`` on an experiment with a ``parallel`` section: it trains data-parallel
(simulated) and summary.json says whether the replicas stayed identical, how far the run
ended from its single-process equivalent and what the all-reduce did. Numbers are checked
against runs trained here, independently of the command's code path."""
import csv
import dataclasses
import json
import subprocess
import sys

import numpy as np
import pytest

from nnplayground.core import Experiment, Trainer
from nnplayground.core.parallel import DataParallelTrainer
from nnplayground.core.parallel_spec import ParallelSpec
from nnplayground.core.presets import load_preset, preset_names

PARALLEL_PRESETS = ("parallel-4-ranks-float64", "parallel-4-ranks-float32", "parallel-epoch-blocks",
                    "parallel-single-process")


def nnp(*args, cwd):
    return subprocess.run([sys.executable, "-m", "nnplayground", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def run(tmp_path, experiment, out, *extra):
    """Run ``experiment`` headless from a file; (summary, metrics rows)."""
    experiment.save(tmp_path / f"{out}.json")
    result = nnp("run", f"{out}.json", "--out", out, *extra, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with open(tmp_path / out / "metrics.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return json.loads((tmp_path / out / "summary.json").read_text(encoding="utf-8")), rows


def small(dtype="float64", epochs=6, **parallel):
    """The circle preset, 200 training samples in batches of 10, with a parallel section."""
    exp = load_preset("circle")
    return exp.replace(dtype=dtype, data=dataclasses.replace(exp.data, samples=400),
                       training=dataclasses.replace(exp.training, epochs=epochs),
                       parallel=ParallelSpec(**parallel))


def final_theta(trainer, iterations):
    trainer.run(max_iterations=iterations)
    return trainer.network.theta.astype(np.float64)


def test_a_parallel_section_trains_data_parallel_and_matches_one_process_with_k_times_the_batch(tmp_path):
    exp = small(ranks=4, schedule="per_rank_batch", algorithm="ring")
    summary, rows = run(tmp_path, exp, "par")
    assert summary["status"] == "completed" and summary["iterations"] == 6 * 5  # 20 batches / 4 ranks per epoch
    assert [int(r["samples_seen"]) for r in rows[:2]] == [40, 80]  # 4 ranks x 10 samples per update
    assert summary["replicas_identical"] is True
    assert 0 <= summary["max_rel_diff_vs_single"] < 1e-12
    # One process with batch 40, written out by hand rather than with single_equivalent:
    by_hand = exp.replace(parallel=None, training=dataclasses.replace(exp.training, batch_size=40))
    reference = Trainer(by_hand)
    reference.run()
    evaluation = reference.evaluate()
    assert summary["train_loss"] == pytest.approx(evaluation.train_loss, rel=1e-12)
    assert summary["test_loss"] == pytest.approx(evaluation.test_loss, rel=1e-12)
    assert summary["parallel"]["single_equivalent"] == {"batch_size": 40, "iterations": 30, "status": "completed"}
    # ... and not the one-process run with the file's own batch of 10, which the section used to leave behind
    plain = Trainer(exp.replace(parallel=None))
    plain.run()
    assert abs(plain.evaluate().train_loss - summary["train_loss"]) > 1e-3


def test_the_parallel_block_reports_the_setting_the_errors_and_the_cost_model(tmp_path):
    exp = small(dtype="float32", ranks=4, algorithm="tree", link="ethernet", latency_us=80.0)
    summary, rows = run(tmp_path, exp, "par")
    block = summary["parallel"]
    assert {k: block[k] for k in ("ranks", "schedule", "algorithm", "reduce_dtype")} == {
        "ranks": 4, "schedule": "per_rank_batch", "algorithm": "tree", "reduce_dtype": "float32"}
    assert block["link"] == {"name": "ethernet", "bandwidth_gb_s": 1.25, "latency_us": pytest.approx(80.0)}
    theta = sum((a + 1) * b for a, b in zip(exp.layer_sizes[:-1], exp.layer_sizes[1:]))
    assert block["gradient_bytes"] == 4 * theta
    # tree over 4 ranks: 2 ceil(log2 4) = 4 messages of the whole gradient
    assert block["communication_seconds_per_iteration"] == pytest.approx(4 * (80e-6 + 4 * theta / 1.25e9))
    assert block["simulated_seconds_per_iteration"] == pytest.approx(block["simulated_seconds"] / summary["iterations"])
    assert block["simulated_seconds_per_iteration"] > block["communication_seconds_per_iteration"]
    # metrics.csv's last column is the simulated clock, growing by at least the all-reduce each update
    clock = np.array([float(r["simulated_seconds"]) for r in rows])
    assert len(clock) == summary["iterations"] and clock[-1] == pytest.approx(block["simulated_seconds"])
    assert np.all(np.diff(clock) >= block["communication_seconds_per_iteration"] * (1 - 1e-12))
    # the worst error per algorithm, field by field over the iterations, recomputed step by step here
    trainer, worst = DataParallelTrainer(exp), {}
    for _ in range(summary["iterations"]):
        trainer.step()
        for name, error in trainer.last_parallel.errors.items():
            worst[name] = np.maximum(worst.get(name, np.zeros(3)), error)
    for name in ("sequential", "ring", "tree"):
        reported = block["worst_reduction_error"][name]
        assert [reported[k] for k in ("max_abs", "max_rel", "max_ulps")] == worst[name].tolist()
        assert 0 < reported["max_rel"] < 1e-5  # float32 rounding, against a float64 sum


def test_float32_ring_and_sequential_end_apart_and_each_is_measured_against_one_process(tmp_path):
    runs = {name: run(tmp_path, small(dtype="float32", ranks=4, algorithm=name), name)[0] for name in ("ring", "sequential")}
    iterations = runs["ring"]["iterations"]
    exp = small(dtype="float32")
    by_hand = exp.replace(parallel=None, training=dataclasses.replace(exp.training, batch_size=40))
    single = final_theta(Trainer(by_hand), iterations)
    ends = {name: final_theta(DataParallelTrainer(small(dtype="float32", ranks=4, algorithm=name)), iterations)
            for name in runs}
    assert np.abs(ends["ring"] - ends["sequential"]).max() > 0  # another order of additions, another trajectory
    for name, summary in runs.items():
        expected = np.abs(ends[name] - single).max() / np.abs(single).max()
        assert 0 < expected < 1e-4 and summary["max_rel_diff_vs_single"] == pytest.approx(expected, rel=1e-12)
        assert summary["replicas_identical"]
    # within one run, every algorithm reduces the same gradients, and they round differently
    worst = runs["ring"]["parallel"]["worst_reduction_error"]
    assert worst["ring"] != worst["sequential"]


def test_without_a_single_equivalent_the_difference_is_null_and_the_reason_given(tmp_path):
    exp = small(ranks=4).replace(  # 100 samples in batches of 7, dropping: 98 kept, not a multiple of 4 x 7
        data=dataclasses.replace(load_preset("circle").data, samples=200),
        training=dataclasses.replace(load_preset("circle").training, batch_size=7, partial_batch="drop", epochs=2))
    summary, _ = run(tmp_path, exp, "drop")
    assert summary["status"] == "completed" and summary["max_rel_diff_vs_single"] is None
    assert "match no single batch size" in summary["parallel"]["single_equivalent"]["error"]


def test_without_a_parallel_section_the_summary_has_no_parallel_fields(tmp_path):
    summary, rows = run(tmp_path, small(epochs=1).replace(parallel=None), "plain")
    assert not {"replicas_identical", "max_rel_diff_vs_single", "parallel"} & set(summary)
    assert "simulated_seconds" not in rows[0]


@pytest.mark.parametrize("name", PARALLEL_PRESETS)
def test_each_parallel_preset_runs_headless(tmp_path, name):
    assert name in preset_names()
    exp = load_preset(name)
    result = nnp("run", "--preset", name, "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["status"] == "completed" and summary["replicas_identical"] is True
    assert summary["parallel"]["ranks"] == exp.parallel.ranks and Experiment.from_dict(summary["experiment"]) == exp
    bound = 1e-4 if exp.dtype == "float32" else 1e-12
    assert 0 <= summary["max_rel_diff_vs_single"] < bound


def test_the_notes_example_trains_one_update_per_epoch_and_falls_behind_one_process(tmp_path):
    blocks, single = load_preset("parallel-epoch-blocks"), load_preset("parallel-single-process")
    assert blocks.train_samples == 1000 and blocks.training.batch_size == 10
    assert (blocks.parallel.ranks, blocks.parallel.schedule) == (4, "epoch_blocks")
    assert blocks.replace(parallel=None, name="", description="") == single.replace(parallel=None, name="", description="")
    trainer = DataParallelTrainer(blocks)
    assert trainer.schedule.assignment == [(range(0, 25), range(25, 50), range(50, 75), range(75, 100))]
    fast, slow = Trainer(single.replace(parallel=None)), trainer
    fast.run(), slow.run()
    assert slow.iteration == blocks.training.epochs and fast.iteration == 100 * blocks.training.epochs
    assert slow.evaluate().test_loss > fast.evaluate().test_loss  # the contrast the two descriptions promise
    assert round(slow.evaluate().test_metric, 2) == 0.80 and fast.evaluate().test_metric == 1.0
