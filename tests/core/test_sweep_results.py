"""A sweep's folder read back (core/sweep_results.py): the plan's grid order against
core.sweep.expand, rows placed by value and seed whatever order they were written in, a row
still being written left alone, and the heat map's mean and spread against statistics."""
import csv
import io
import math
import statistics

import numpy as np
import pytest

from nnplayground.core.presets import load_preset
from nnplayground.core.sweep import Setting, SweepError, SweepRow, build_settings, expand, sweep_header
from nnplayground.core.sweep_results import SweepPlan, parse_rows, read_folder, summarize

SETS = ["optimizer.learning_rate=0.01,0.03,0.1", "optimizer.name=sgd,adam"]


@pytest.fixture
def plan():
    base = load_preset("circle")
    return SweepPlan(build_settings(base, SETS), (3, 1, 2), base.to_dict())


def table_text(plan, rows) -> str:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow([*sweep_header(plan.settings, "accuracy"), "folder"])
    for row in rows:
        writer.writerow([*row.cells(), "runs/x"])
    return text.getvalue()


def grid_rows(plan, loss=lambda i: 0.1 * i, status=lambda i: "completed"):
    base = load_preset("circle")
    points = expand(base, plan.settings, plan.seeds)
    return [SweepRow(p.index, p.values, p.seed, status(p.index), 2 * loss(p.index), loss(p.index), 0.5, 10, 1, 0.25)
            for p in points]


def test_the_plan_numbers_runs_as_expand_orders_them(plan):
    points = expand(load_preset("circle"), plan.settings, plan.seeds)
    assert plan.runs == len(points) == 18 and plan.shape == (3, 2)
    assert [plan.index(p.values, p.seed) for p in points] == list(range(18))
    assert plan.cell((0.1, "adam")) == (2, 1)
    assert SweepPlan.from_json(plan.to_json()) == plan
    assert [plan.folder(p) for p in points[:2]] == ["runs/00-learning_rate=0.01-name=sgd-seed3",
                                                    "runs/01-learning_rate=0.01-name=sgd-seed1"]


def test_rows_in_any_order_come_back_in_grid_order_and_a_half_written_row_waits(plan):
    rows = grid_rows(plan)
    shuffled = [rows[i] for i in np.random.default_rng(0).permutation(len(rows))[:10]]
    text = table_text(plan, shuffled)
    read = parse_rows(text + "0.03,adam,2,compl", plan)  # the writer is mid-line
    assert [r.index for r in read] == sorted(r.index for r in shuffled)
    assert [r.identity() for r in read] == [rows[r.index].identity() for r in read]
    assert parse_rows("", plan) == []


@pytest.mark.parametrize("text, message", [
    ("training.batch_size,optimizer.name,seed,status\n", "its columns are not those of sweep.json"),
    (None, "a row cannot be read: 0.5,sgd,1"),
])
def test_a_table_that_does_not_fit_its_plan_is_one_line(plan, text, message):
    good = table_text(plan, [])
    with pytest.raises(SweepError, match=message):
        parse_rows(text or good + "0.5,sgd,1,completed,1,1,1,1,1,1,runs/x\n", plan)  # 0.5 is not in the grid


def test_the_grid_summary_is_the_mean_and_sample_spread_over_seeds(plan):
    nan_at = {4, 5}  # the second cell: two of its three seeds diverged
    rows = grid_rows(plan, loss=lambda i: math.nan if i in nan_at else (i % 7) * 0.3 + 0.1,
                     status=lambda i: "diverged" if i in nan_at else "completed")
    summary = summarize(plan, rows[:-1])  # the last run has not finished
    for r in range(3):
        for c in range(2):
            cell = [row.test_loss for row in rows[:-1] if plan.cell(row.values) == (r, c)]
            finite = [x for x in cell if math.isfinite(x)]
            assert summary.finished[r, c] == len(cell)
            assert summary.diverged[r, c] == len(cell) - len(finite)
            assert summary.mean[r, c] == pytest.approx(statistics.mean(finite), rel=1e-15)
            if len(finite) > 1:
                assert summary.spread[r, c] == pytest.approx(statistics.stdev(finite), rel=1e-12)
            else:
                assert math.isnan(summary.spread[r, c])
    assert summary.finished[2, 1] == 2 and summary.diverged[0, 1] == 2
    train = summarize(plan, rows[:-1], "train_loss")  # each run's train loss is twice its test loss
    assert np.allclose(train.mean, 2 * summary.mean, equal_nan=True, rtol=1e-14, atol=0)
    with pytest.raises(ValueError, match="column must be one of"):
        summarize(plan, rows, "wall_seconds")


def test_one_setting_makes_a_single_column(plan):
    one = SweepPlan((Setting("training.batch_size", (10, 50)),), (1,), plan.experiment)
    rows = [SweepRow(i, (b,), 1, "completed", 1.0, float(i), 0.5, 5, 1, 0.1) for i, b in enumerate((10, 50))]
    summary = summarize(one, rows)
    assert one.shape == (2, 1) and summary.mean.tolist() == [[0.0], [1.0]]


@pytest.mark.parametrize("bad", ["{", '{"format": 2}', '{"format": 1, "settings": [], "seeds": [1], "experiment": {}}',
                                 '{"format": 1, "settings": [{"path": "seed", "values": [1]}], "seeds": [], "experiment": {}}'])
def test_a_damaged_plan_is_one_line_naming_the_file(tmp_path, bad):
    (tmp_path / "sweep.json").write_text(bad)
    with pytest.raises(SweepError, match=r"^sweep\.json: ") as caught:
        read_folder(tmp_path)
    assert "\n" not in str(caught.value)


def test_a_folder_without_a_plan_names_what_is_missing(tmp_path):
    with pytest.raises(SweepError, match="cannot read .*sweep.json"):
        read_folder(tmp_path)


def test_a_reader_that_knows_the_plan_reads_only_the_rows(plan, tmp_path):
    rows = grid_rows(plan)[:4]
    (tmp_path / "sweep.csv").write_text(table_text(plan, rows))
    (tmp_path / "sweep.json").write_text("{")  # never parsed: the reader passes the plan
    folder = read_folder(tmp_path, plan)
    assert folder.plan is plan and [r.identity() for r in folder.rows] == [r.identity() for r in rows]
