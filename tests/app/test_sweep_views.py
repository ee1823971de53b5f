"""The sweep's heat map (final numbers per grid cell) and its curves (runs' metrics.csv files)."""
import math
import statistics

import numpy as np
import pytest
from qt_helpers import show

from nnplayground.app.sweep.sweep_views import LIGHT_TEXT, MAX_POINTS, SweepCurves, SweepHeatMap
from nnplayground.core import Experiment
from nnplayground.core.sweep import Setting, SweepRow
from nnplayground.core.sweep_results import SweepPlan, summarize

RATES = (0.01, 0.1, 1.0)
BATCHES = (16, 64)
SEEDS = (1, 2, 3)
HEADER = "iteration,epoch,batch,samples_seen,train_loss,test_loss,accuracy,grad_norm_1,weight_norm_1,update_ratio_1"


GRID = (Setting("optimizer.learning_rate", RATES), Setting("training.batch_size", BATCHES))


def make_plan(settings=GRID, seeds=SEEDS, task=None):
    experiment = Experiment().to_dict()
    if task:
        experiment["network"]["task"] = task
    return SweepPlan(tuple(settings), tuple(seeds), experiment)


def make_rows(plan, loss, diverged=()):
    """Every run of ``plan`` in grid order, its test loss ``loss(values, seed)``; runs whose
    (values, seed) is in ``diverged`` have status "diverged" and no loss."""
    rows = []
    grids = [s.values for s in plan.settings]
    combos = [(a, b) for a in grids[0] for b in grids[1]] if len(grids) > 1 else [(a,) for a in grids[0]]
    for values in combos:
        for seed in plan.seeds:
            bad = (values, seed) in diverged
            number = math.nan if bad else loss(values, seed)
            rows.append(SweepRow(len(rows), values, seed, "diverged" if bad else "finished",
                                 number, number, 1.0 - number if not bad else math.nan, 100, 2, 0.5))
    return rows


def smooth_loss(values, seed):
    rate, batch = values
    return 0.3 + 0.2 * abs(math.log10(rate) + 1) + batch / 640 + 0.013 * seed * (1 + RATES.index(rate))


def expected_texts(plan, rows):
    """Each cell's text computed here: statistics.mean and stdev over its finite test losses."""
    cells = {}
    for row in rows:
        i = plan.settings[0].values.index(row.values[0])
        j = plan.settings[1].values.index(row.values[1]) if len(plan.settings) > 1 else 0
        cells.setdefault((i, j), []).append(row)
    texts, means = {}, {}
    for cell, runs in cells.items():
        numbers = [r.test_loss for r in runs if math.isfinite(r.test_loss)]
        lines = [f"{statistics.mean(numbers):.3g}" if numbers else "–"]
        if len(numbers) > 1:
            lines.append(f"± {statistics.stdev(numbers):.3g}")
        bad = sum(r.status == "diverged" for r in runs)
        if bad:
            lines.append(f"{bad} of {len(runs)} diverged")
        texts[cell] = "\n".join(lines)
        if numbers:
            means[cell] = statistics.mean(numbers)
    return texts, means


@pytest.fixture
def heat(qtbot):
    return show(qtbot, SweepHeatMap(), (600, 400))


def test_cells_show_mean_and_spread_over_seeds_and_the_best_cell(heat):
    plan = make_plan()
    rows = make_rows(plan, smooth_loss, diverged={((0.1, 64), 2)})
    heat.show_summary(plan, summarize(plan, rows, "test_loss"))
    texts, means = expected_texts(plan, rows)
    assert len(heat.texts) == 6
    for (i, j), text in texts.items():
        assert heat.cell_text(i, j) == text
    assert heat.cell_text(1, 1).endswith("\n1 of 3 diverged")
    assert heat.best_cell == min(means, key=means.get)
    assert heat.outline.isVisible()
    assert heat.outline.rect().center().x() == heat.best_cell[0]
    assert heat.outline.rect().center().y() == heat.best_cell[1]
    assert not heat.log_scale  # these losses span less than a factor of 20
    image = heat.image.image
    assert image.shape == (3, 2)
    for cell, mean in means.items():
        assert image[cell] == pytest.approx(mean, rel=1e-12)
    assert heat.title.startswith("Final test loss: mean ± spread")
    assert "3 seeds" in heat.title
    assert heat.plot_item.getAxis("bottom").labelText == "optimizer.learning_rate"
    assert heat.plot_item.getAxis("left").labelText == "training.batch_size"


def test_rows_arriving_update_the_same_cells_in_place(heat):
    plan = make_plan()
    rows = make_rows(plan, smooth_loss)
    heat.show_summary(plan, summarize(plan, rows[:4], "test_loss"))  # cell (0, 0) done, (0, 1) has one seed
    items = dict(heat.texts)
    assert heat.cell_text(0, 0) == expected_texts(plan, rows[:3])[0][(0, 0)]
    assert heat.cell_text(0, 1) == f"{rows[3].test_loss:.3g}"  # one seed: no spread yet
    assert heat.cell_text(2, 1) == "–"
    assert heat.best_cell in {(0, 0), (0, 1)}
    assert np.isnan(heat.image.image[2, 1])

    heat.show_summary(make_plan(), summarize(plan, rows, "test_loss"))  # an equal plan read again from sweep.json
    assert heat.texts == items and all(heat.texts[c] is items[c] for c in items)
    texts, means = expected_texts(plan, rows)
    assert heat.cell_text(0, 1) == texts[(0, 1)] != f"{rows[3].test_loss:.3g}"
    assert heat.cell_text(2, 1) == texts[(2, 1)]
    assert heat.best_cell == min(means, key=means.get)

    other = make_plan(settings=(Setting("optimizer.learning_rate", RATES),))
    heat.show_summary(other, summarize(other, make_rows(other, lambda v, s: 0.5 + s / 10), "test_loss"))
    assert set(heat.texts) == {(0, 0), (1, 0), (2, 0)}  # a new plan: cells built again
    assert not any(item is heat.texts.get(c) for c, item in items.items())


def test_one_setting_and_the_metric_picks_the_highest(heat):
    plan = make_plan(settings=(Setting("network.hidden.0.units", (2, 4, 8, 16)),), task="regression")
    rows = make_rows(plan, lambda values, seed: 0.4 / values[0] + 0.01 * seed)
    summary = summarize(plan, rows, "metric")
    heat.show_summary(plan, summary)
    metric = {i: [1.0 - (0.4 / units + 0.01 * seed) for seed in SEEDS]
              for i, units in enumerate(plan.settings[0].values)}
    for i, numbers in metric.items():
        assert heat.cell_text(i) == f"{statistics.mean(numbers):.3g}\n± {statistics.stdev(numbers):.3g}"
    assert heat.best_cell == (max(metric, key=lambda i: statistics.mean(metric[i])), 0)
    assert heat.image.image.shape == (4, 1)
    assert heat.title.startswith("Final test R²")
    left = heat.plot_item.getAxis("left")
    assert not left.label.isVisible()


def test_log_colours_for_losses_spanning_decades_and_readable_text(heat):
    plan = make_plan(seeds=(7,))
    rows = make_rows(plan, lambda values, seed: values[0] * values[1] / 16)  # 0.01 .. 4: a factor of 400
    heat.show_summary(plan, summarize(plan, rows, "train_loss"))
    assert heat.log_scale and "log scale" in heat.title
    losses = np.array([[r * b / 16 for b in BATCHES] for r in RATES])
    np.testing.assert_allclose(heat.image.image, np.log10(losses), rtol=1e-12)
    assert heat.cell_text(0, 0) == f"{0.01:.3g}"  # one seed: no spread
    assert heat.title.startswith("Final training loss: one seed")
    assert heat.best_cell == (0, 0)
    # viridis runs from dark purple (lowest) to light yellow (highest)
    assert heat.texts[(0, 0)].color.name() == LIGHT_TEXT
    assert heat.texts[(2, 1)].color.name() != LIGHT_TEXT


def test_a_cell_whose_runs_all_diverged_has_no_number_and_1x1_and_12x12_grids(heat):
    plan = make_plan()
    everything_bad = {((0.01, 16), s) for s in SEEDS}
    rows = make_rows(plan, smooth_loss, diverged=everything_bad)
    heat.show_summary(plan, summarize(plan, rows, "test_loss"))
    assert heat.cell_text(0, 0) == "–\n3 of 3 diverged"
    assert np.isnan(heat.image.image[0, 0])

    single = make_plan(settings=(Setting("optimizer.learning_rate", (0.1,)),), seeds=(3,))
    heat.show_summary(single, summarize(single, make_rows(single, lambda v, s: 0.25), "test_loss"))
    assert heat.cell_text(0) == "0.25" and heat.best_cell == (0, 0)

    values = tuple(range(12))
    big = make_plan(settings=(Setting("a", values), Setting("b", values)), seeds=(1, 2))
    big_rows = make_rows(big, lambda v, s: 1.0 + ((v[0] * 7 + v[1] * 5) % 12) / 10 + s / 100)
    heat.show_summary(big, summarize(big, big_rows, "test_loss"))
    texts, means = expected_texts(big, big_rows)
    assert len(heat.texts) == 144
    assert all(heat.cell_text(*cell) == text for cell, text in texts.items())
    assert heat.best_cell == min(means, key=means.get)

    heat.clear()
    assert heat.texts == {} and heat.best_cell is None and heat.title.startswith("No sweep on show")


# ----- curves ------------------------------------------------------------------------------------


def write_metrics(path, batch_losses, test_every, partial=""):
    """A metrics.csv: a row per iteration from 1, the test loss every ``test_every`` rows."""
    lines = [HEADER]
    for k, loss in enumerate(batch_losses, start=1):
        test = repr(loss * 1.5) if k % test_every == 0 else ""
        lines.append(f"{k},0,{k},{k * 8},{loss!r},{test},{'' if not test else 0.75},1.5,2.5,0.001")
    path.write_text("\n".join(lines) + "\n" + partial, encoding="utf-8")


@pytest.fixture
def curves(qtbot):
    return show(qtbot, SweepCurves(), (800, 300))


def test_curves_read_what_was_written_and_skip_a_missing_file(curves, tmp_path):
    a = [1.0 / k for k in range(1, 21)]
    b = [2.0 - 0.05 * k for k in range(1, 8)]
    write_metrics(tmp_path / "a.csv", a, test_every=5)
    write_metrics(tmp_path / "b.csv", b, test_every=3, partial="8,0,8,64,1.6")  # still being written
    curves.show_runs([("lr=0.1", tmp_path / "a.csv"), ("gone", tmp_path / "missing.csv"),
                      ("lr=1", tmp_path / "b.csv")])

    data = curves.curve_data("lr=0.1")
    np.testing.assert_array_equal(data["batch"][0], np.arange(1, 21))
    np.testing.assert_array_equal(data["batch"][1], a)
    np.testing.assert_array_equal(data["test"][0], [5, 10, 15, 20])
    np.testing.assert_array_equal(data["test"][1], [a[k - 1] * 1.5 for k in (5, 10, 15, 20)])
    data = curves.curve_data("lr=1")
    np.testing.assert_array_equal(data["batch"][0], np.arange(1, 8))  # not the partial 8th row
    np.testing.assert_array_equal(data["batch"][1], b)
    np.testing.assert_array_equal(data["test"][0], [3, 6])
    with pytest.raises(KeyError):
        curves.curve_data("gone")

    assert [label for label, *_ in curves.runs] == ["lr=0.1", "lr=1"]
    colours = [(batch.opts["pen"].color().name(), test.opts["pen"].color().name()) for _, _, batch, test in curves.runs]
    assert all(left == right for left, right in colours)  # a run has one colour in both plots
    assert colours[0] != colours[1]
    legend = curves.legend.text()  # one legend under both plots, each run in its colour
    assert [legend.count(f'color:{c}') for c, _ in colours] == [1, 1]
    assert legend.index(colours[0][0]) < legend.index("lr=0.1") < legend.index(colours[1][0]) < legend.index("lr=1")
    np.testing.assert_array_equal(curves.runs[1][3].yData, [b[2] * 1.5, b[5] * 1.5])  # what is drawn

    curves.show_runs([("gone", tmp_path / "missing.csv")])
    assert curves.runs == [] and curves.legend.text() == ""


def test_unreadable_files_are_skipped_and_a_header_alone_draws_nothing(curves, tmp_path):
    (tmp_path / "header.csv").write_text(HEADER + "\n", encoding="utf-8")
    (tmp_path / "other.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "torn.csv").write_text(HEADER + "\n1,0,1,8,0.5\n", encoding="utf-8")  # a row cut short
    (tmp_path / "binary.csv").write_bytes(b"\xff\xfe\x00")
    curves.show_runs([(name, tmp_path / f"{name}.csv") for name in ("header", "other", "torn", "binary")])
    assert [label for label, *_ in curves.runs] == ["header"]
    assert len(curves.curve_data("header")["batch"][0]) == 0


def test_long_runs_are_thinned_keeping_their_spikes_and_log_scale_gaps_zeros(curves, tmp_path):
    n = 10_000
    losses = [1.0 + 0.5 * math.sin(k / 50) for k in range(n)]
    losses[4321], losses[7777] = 40.0, 0.0  # a spike, and a zero a log axis cannot show
    write_metrics(tmp_path / "long.csv", losses, test_every=2)
    curves.show_runs([("long", tmp_path / "long.csv")])
    x, y = curves.curve_data("long")["batch"]
    assert len(x) <= MAX_POINTS and len(curves.curve_data("long")["test"][0]) <= MAX_POINTS
    assert np.all(np.diff(x) > 0) and x[0] == 1
    assert y.max() == 40.0 and y.min() == 0.0
    assert 4322 in x and 7778 in x
    np.testing.assert_array_equal(y, np.asarray(losses)[x.astype(int) - 1])  # real points, at their iterations

    batch = curves.runs[0][2]
    assert np.isfinite(batch.yData).all()
    curves.log_check.setChecked(True)
    assert curves.log_scale
    drawn = curves.runs[0][2].yData
    assert np.isnan(drawn[x == 7778]).all() and np.isfinite(drawn[x != 7778]).all()
