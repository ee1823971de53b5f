"""The loss and metric plots draw exactly the snapshot's data; every plot survives diverged
runs, exports and translates."""
from __future__ import annotations

import contextlib
import dataclasses
import warnings
from xml.etree import ElementTree

import numpy as np
import pytest
from PySide6.QtCore import QEvent, Qt, QTranslator
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from nnplayground.app import style
from nnplayground.app.export import export_plot
from nnplayground.app.plots import GradientHeatmap, GradientNormPlot, LossPlot, MetricPlot
from nnplayground.core.experiment import DataSpec, Experiment, NetworkSpec
from nnplayground.core.presets import load_preset
from nnplayground.core.snapshot import SnapshotTaker
from nnplayground.core.trainer import Trainer
from plot_snapshots import (ALL_PLOTS, assert_curve, classification, diverged, draw, drawn_ticks, npoints,
                            regression, run, shown, with_history)


@pytest.fixture(scope="module")
def reg_snap():
    return regression()


@pytest.fixture(scope="module")
def div_snap():
    return diverged()


# ----- LossPlot ----------------------------------------------------------------------


def test_loss_plot_holds_the_snapshot_data(qtbot, snap):
    plot = shown(qtbot, LossPlot)
    draw(plot, snap)
    assert len(snap.history_x) == 300 and len(snap.eval_x) > 5
    assert_curve(plot.batch_curve, snap.history_x, snap.history["train_loss"])
    assert_curve(plot.train_curve, snap.eval_x, snap.eval_history["train_loss"])
    assert_curve(plot.test_curve, snap.eval_x, snap.eval_history["test_loss"])
    assert plot.snapshot is snap


def test_loss_plot_reuses_its_items_and_replaces_data(qtbot, snap):
    plot = shown(qtbot, LossPlot)
    draw(plot, snap)
    items = list(plot.plot_item.items)
    curves = (plot.batch_curve, plot.train_curve, plot.test_curve)
    later = classification(steps=500)
    for _ in range(3):
        draw(plot, later)
    assert list(plot.plot_item.items) == items
    assert (plot.batch_curve, plot.train_curve, plot.test_curve) == curves
    assert len(plot.batch_curve.xData) == 500  # replaced, not appended
    assert_curve(plot.test_curve, later.eval_x, later.eval_history["test_loss"])


def test_loss_plot_axes_legend_and_style(qtbot, snap):
    plot = shown(qtbot, LossPlot)
    draw(plot, snap)
    item = plot.plot_item
    assert item.getAxis("bottom").labelText == "iteration"
    assert item.getAxis("left").labelText == "loss"
    assert [label.text for _, label in plot.legend.items] == ["train", "test", "batch"]
    assert plot.plot_widget.backgroundBrush().color() == QColor("white")
    assert QColor(plot.train_curve.opts["pen"].color()) == QColor(style.TRAIN_LOSS)
    assert QColor(plot.test_curve.opts["pen"].color()).rgb() == QColor(style.TEST_LOSS).rgb()
    batch_pen = plot.batch_curve.opts["pen"]
    assert QColor(batch_pen.color()) == QColor(style.BATCH_LOSS) and batch_pen.widthF() <= 1.0  # faint and thin
    assert QColor(style.BATCH_LOSS).lightness() > QColor(style.TRAIN_LOSS).lightness() + 100
    for curve in (plot.batch_curve, plot.train_curve, plot.test_curve):
        assert curve.opts["autoDownsample"] and curve.opts["downsampleMethod"] == "peak"
        assert curve.opts["clipToView"] and curve.opts["connect"] == "finite"


def test_log_scale_checkbox_switches_the_y_axis(qtbot, snap):
    plot = shown(qtbot, LossPlot)
    draw(plot, snap)
    assert not plot.log_check.isChecked()
    qtbot.mouseClick(plot.log_check, Qt.MouseButton.LeftButton)
    assert plot.log_check.isChecked() and plot.log_scale
    assert plot.plot_item.ctrl.logYCheck.isChecked()
    assert plot.plot_item.getAxis("left").logMode
    for curve in (plot.batch_curve, plot.train_curve, plot.test_curve):
        assert tuple(curve.opts["logMode"]) == (False, True)
    # what is drawn is log10 of the data
    np.testing.assert_allclose(plot.test_curve.getData()[1],
                               np.log10(snap.eval_history["test_loss"]))
    qtbot.mouseClick(plot.log_check, Qt.MouseButton.LeftButton)
    assert not plot.plot_item.ctrl.logYCheck.isChecked()
    assert tuple(plot.test_curve.opts["logMode"]) == (False, False)
    # the plot's own context menu and the box stay in step
    plot.plot_item.setLogMode(y=True)
    assert plot.log_check.isChecked()


def test_zeros_and_infinities_become_gaps(qtbot, snap):
    n = len(snap.history_x)
    loss = snap.history["train_loss"].copy()
    loss[[3, 10, 20, 30]] = [0.0, np.inf, np.nan, -np.inf]
    odd = with_history(snap, train_loss=loss)
    plot = shown(qtbot, LossPlot)
    draw(plot, odd)
    y = plot.batch_curve.yData
    assert y[3] == 0.0 and np.isnan(y[[10, 20, 30]]).all()
    assert np.isfinite(plot.plot_item.viewRange()).all()
    plot.log_check.setChecked(True)  # redraws the same snapshot for the log axis
    y = plot.batch_curve.yData
    assert np.isnan(y[[3, 10, 20, 30]]).all()
    keep = np.ones(n, bool)
    keep[[3, 10, 20, 30]] = False
    np.testing.assert_array_equal(y[keep], loss[keep])
    assert np.isfinite(plot.plot_item.viewRange()).all()
    plot.grab()  # paints without raising


def test_loss_plot_clear(qtbot, snap):
    plot = shown(qtbot, LossPlot)
    draw(plot, snap)
    plot.clear()
    for curve in (plot.batch_curve, plot.train_curve, plot.test_curve):
        assert npoints(curve) == 0
    assert plot.snapshot is None
    plot.log_check.setChecked(True)  # nothing to redraw: no error
    draw(plot, snap)
    assert_curve(plot.train_curve, snap.eval_x, snap.eval_history["train_loss"])


def test_first_evaluation_is_visible_as_a_marker(qtbot):
    one_eval = classification(steps=10)  # the first epoch's end
    plot = shown(qtbot, LossPlot)
    draw(plot, one_eval)
    assert len(one_eval.eval_x) == 1
    assert plot.train_curve.opts["symbol"] is not None
    many = classification(steps=1200)
    draw(plot, many)
    assert len(many.eval_x) > 40 and plot.train_curve.opts["symbol"] is None


# ----- MetricPlot --------------------------------------------------------------------


def test_metric_plot_shows_accuracy_for_classification(qtbot, snap):
    plot = shown(qtbot, MetricPlot)
    draw(plot, snap)
    assert snap.evaluation.metric_name == "accuracy"
    assert plot.metric_name == "accuracy"
    assert plot.plot_item.getAxis("left").labelText == "accuracy"
    assert_curve(plot.train_curve, snap.eval_x, snap.eval_history["train_metric"])
    assert_curve(plot.test_curve, snap.eval_x, snap.eval_history["test_metric"])
    low, high = plot.plot_item.viewRange()[1]
    assert -0.1 < low <= 0.0 and 1.0 <= high < 1.1


def test_metric_plot_label_switches_between_accuracy_and_r2(qtbot, snap, reg_snap):
    plot = shown(qtbot, MetricPlot)
    draw(plot, reg_snap)
    assert plot.metric_name == "r2"
    assert plot.plot_item.getAxis("left").labelText == "R²"
    assert_curve(plot.test_curve, reg_snap.eval_x, reg_snap.eval_history["test_metric"])
    draw(plot, snap)
    assert plot.plot_item.getAxis("left").labelText == "accuracy"
    draw(plot, reg_snap)
    assert plot.plot_item.getAxis("left").labelText == "R²"


def test_metric_plot_before_any_evaluation_uses_the_task(qtbot):
    exp = Experiment(data=DataSpec(dataset="sine", features=("x1",)), network=NetworkSpec(task="regression"))
    trainer = Trainer(exp)
    empty = SnapshotTaker(trainer, resolution=8).take()
    assert empty.evaluation is None and len(empty.eval_x) == 0
    plot = shown(qtbot, MetricPlot)
    draw(plot, empty)
    assert plot.plot_item.getAxis("left").labelText == "R²"
    assert npoints(plot.test_curve) == 0


def test_r2_far_below_zero_does_not_squash_the_view(qtbot, reg_snap):
    metric = reg_snap.eval_history["test_metric"].copy()
    metric[0] = -5000.0
    eval_history = dict(reg_snap.eval_history, test_metric=metric)
    plot = shown(qtbot, MetricPlot)
    draw(plot, dataclasses.replace(reg_snap, eval_history=eval_history))
    view_box = plot.plot_item.getViewBox()
    qtbot.waitUntil(lambda: view_box.viewRange()[1][0] <= MetricPlot.R2_FLOOR)  # it followed the data down...
    low, high = view_box.viewRange()[1]
    assert low >= MetricPlot.R2_FLOOR - 0.1 and high <= 1.1
    assert plot.test_curve.yData[0] == -5000.0  # the data is still all there


# ----- all plots ---------------------------------------------------------------------


@contextlib.contextmanager
def no_warnings():
    """Fail on any warning, also one raised while Qt paints (turning those into exceptions
    with ``filterwarnings('error')`` would unwind through C++ and crash the process)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    assert [str(w.message) for w in caught] == []


def test_a_diverged_run_is_drawn_without_errors(qtbot, div_snap):
    with no_warnings():
        diverged_run_checks(qtbot, div_snap)


def draw_in_every_plot(qtbot, snapshot):
    """Draw ``snapshot`` in each plot, linear and (for the loss) log scale, twice over."""
    for cls in ALL_PLOTS:
        plot = shown(qtbot, cls)
        draw(plot, snapshot)
        plot.grab()
        if cls is LossPlot:
            plot.log_check.setChecked(True)
            plot.grab()
            assert np.isfinite(plot.plot_item.viewRange()).all()
        draw(plot, snapshot)
        QApplication.processEvents()


def diverged_run_checks(qtbot, div_snap):
    assert div_snap.status == "diverged"
    assert not np.isfinite(div_snap.history["train_loss"]).all()
    draw_in_every_plot(qtbot, div_snap)
    heatmap = shown(qtbot, GradientHeatmap)
    draw(heatmap, div_snap)
    image = heatmap.image.image
    assert np.isnan(image[:, -1]).all()  # the non-finite step is a gap
    assert np.isfinite(heatmap.colorbar.levels()).all()
    norms = shown(qtbot, GradientNormPlot)
    draw(norms, div_snap)
    assert np.isnan(norms.curves[0].yData[-1])


def test_an_all_nan_history_is_harmless(qtbot, snap):
    nan = np.full(len(snap.history_x), np.nan)
    blank = with_history(snap, train_loss=nan, **{f"grad_norm_{i}": nan for i in (1, 2, 3)})
    blank = dataclasses.replace(blank, eval_history={k: np.full(len(snap.eval_x), np.inf)
                                                     for k in snap.eval_history})
    with no_warnings():
        draw_in_every_plot(qtbot, blank)
    assert heatmap_levels_default(blank, qtbot) == (0.0, 1.0)


def heatmap_levels_default(snapshot, qtbot):
    plot = shown(qtbot, GradientHeatmap)
    draw(plot, snapshot)
    return tuple(plot.colorbar.levels())


def test_empty_snapshot_before_training(qtbot):
    trainer = Trainer(Experiment())
    empty = SnapshotTaker(trainer, resolution=8).take()
    for cls in ALL_PLOTS:
        plot = shown(qtbot, cls)
        draw(plot, empty)
        plot.grab()
        plot.clear()


@pytest.mark.parametrize("cls", ALL_PLOTS)
def test_hidden_plots_draw_when_shown(qtbot, snap, cls):
    plot = cls()
    qtbot.addWidget(plot)
    plot.show_snapshot(snap)  # hidden: kept, not drawn
    assert plot.snapshot is None
    plot.show()
    qtbot.waitExposed(plot)
    assert plot.snapshot is snap
    plot.hide()
    later = classification(steps=310)
    plot.show_snapshot(later)
    plot.flush()  # e.g. before exporting a hidden dock
    assert plot.snapshot is later


@pytest.mark.parametrize("cls", ALL_PLOTS)
@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plots_export_as_png_and_svg(qtbot, snap, cls, suffix, tmp_path):
    plot = shown(qtbot, cls)
    draw(plot, snap)
    path = tmp_path / f"plot{suffix}"
    export_plot(plot, path)
    if suffix == ".png":
        image = QImage(str(path))
        assert image.width() >= 2 * plot.plot_item.sceneBoundingRect().width() - 1
    else:
        root = ElementTree.parse(path).getroot()
        drawn = [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] in ("path", "polyline", "image", "text")]
        assert root.tag.endswith("svg") and len(drawn) > 3
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary left behind


def test_export_refuses_other_formats_and_leaves_nothing(qtbot, snap, tmp_path):
    plot = shown(qtbot, LossPlot)
    with pytest.raises(ValueError, match="png or .svg"):
        export_plot(plot, tmp_path / "plot.jpg")
    assert not list(tmp_path.iterdir())


def test_export_draws_a_hidden_plots_latest_snapshot_first(qtbot, snap, tmp_path):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.show_snapshot(snap)  # hidden: not drawn yet
    export_plot(plot, tmp_path / "loss.png")
    assert plot.snapshot is snap


@pytest.mark.parametrize("cls", ALL_PLOTS)
def test_language_change_retranslates(qtbot, snap, cls):
    plot = shown(qtbot, cls)
    draw(plot, snap)
    bottom = plot.plot_item.getAxis("bottom")
    bottom.setLabel("stale")
    QApplication.sendEvent(plot, QEvent(QEvent.Type.LanguageChange))
    assert bottom.labelText == "iteration"


def test_minimum_sizes_fit_a_dock(qtbot):
    for cls in ALL_PLOTS:
        plot = cls()
        qtbot.addWidget(plot)
        hint = plot.minimumSizeHint()
        size = plot.minimumSize()
        assert size.width() <= 400 and size.height() <= 250
        assert max(hint.width(), size.width()) <= 400 and max(hint.height(), size.height()) <= 250


def test_long_deep_and_diverged_runs_are_shown_over_their_whole_length(qtbot, div_snap, screenshot):
    """Runs as a person meets them, in dock-sized plots (pictures of them on request)."""
    spiral = run(load_preset("spiral"), 2500)[1]
    deep = classification(hidden=(4,) * 40, steps=400)
    cases = [
        (LossPlot, spiral, "loss"), (MetricPlot, spiral, "metric"), (MetricPlot, regression(600), "r2"),
        (GradientNormPlot, spiral, "gradnorm"), (GradientHeatmap, spiral, "heatmap"),
        (GradientNormPlot, deep, "gradnorm_deep"), (GradientHeatmap, deep, "heatmap_deep"),
        (LossPlot, div_snap, "loss_diverged"), (GradientHeatmap, div_snap, "heatmap_diverged"),
    ]
    for cls, snapshot, name in cases:
        plot = shown(qtbot, cls, size=(400, 250))
        draw(plot, snapshot)
        x = snapshot.eval_x if cls is MetricPlot else snapshot.history_x
        view_box = plot.plot_item.getViewBox()
        qtbot.waitUntil(lambda: view_box.viewRange()[0][0] <= x[0] and view_box.viewRange()[0][1] >= x[-1])
        assert np.isfinite(view_box.viewRange()).all()
        screenshot(plot, f"plots_{name}.png")
    log = shown(qtbot, LossPlot, size=(400, 250))
    log.log_check.setChecked(True)
    draw(log, spiral)
    losses = np.log10(spiral.history["train_loss"])
    view_box = log.plot_item.getViewBox()
    qtbot.waitUntil(lambda: view_box.viewRange()[1][0] <= losses.min() and view_box.viewRange()[1][1] >= losses.max())
    screenshot(log, "plots_loss_log.png")


class MarkingTranslator(QTranslator):
    """Translates every string of the plot classes to a marked copy, like a real language."""

    def translate(self, context, source, disambiguation=None, n=-1):
        if context in {c.__name__ for c in ALL_PLOTS}:
            return "ZH:" + source
        return None

    def isEmpty(self):  # an empty translator would not announce a language change
        return False


# Axis labels that are formulas, written the same in every language (not through tr).
FORMULAS = {"R²", "‖dL/dW‖", "‖dL/dz‖", "log₁₀ ‖dL/dW‖", "log₁₀ ‖dL/dz‖"}


def visible_texts(plot) -> list[str]:
    item = plot.plot_item
    texts = [item.getAxis("bottom").labelText, item.getAxis("left").labelText]
    legend = getattr(plot, "legend", None)
    if legend is not None:
        texts += [label.text for _, label in legend.items]
    if plot.note.isVisible():
        texts.append(plot.note.text())
    if isinstance(plot, LossPlot):
        texts.append(plot.log_check.text())
    if isinstance(plot, GradientHeatmap):
        texts.append(plot.colorbar.getAxis("right").labelText)
        texts += [label for _, label in drawn_ticks(item.getAxis("left")) if not label.isdigit()]
    return texts


@pytest.mark.parametrize("cls", ALL_PLOTS)
def test_every_visible_string_is_translatable(qtbot, snap, cls):
    plot = shown(qtbot, cls)
    draw(plot, classification(hidden=(3,) * 10, steps=30) if cls is GradientNormPlot else snap)
    translator = MarkingTranslator()
    app = QApplication.instance()
    app.installTranslator(translator)  # sends LanguageChange to every widget
    try:
        QApplication.processEvents()
        texts = visible_texts(plot)
        words = [t for t in texts if t not in FORMULAS]
        assert len(words) >= 3
        assert all(t.startswith("ZH:") for t in words), texts
    finally:
        app.removeTranslator(translator)
    QApplication.processEvents()
    assert not any(t.startswith("ZH:") for t in visible_texts(plot))
