"""A new run (another preset, Reset, a restart) is shown from iteration 0 in every plot,
however long the run before it was: its first points must be visible at once."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from nnplayground.app.plots import MetricPlot
from nnplayground.core.presets import load_preset
from nnplayground.core.snapshot import SnapshotTaker
from nnplayground.core.trainer import Trainer
from plot_snapshots import ALL_PLOTS, draw, run, shown
from qt_helpers import click_action, pause, wait_for_snapshot

LONG = 3000
SHORT = 20


@pytest.fixture(scope="module")
def long_run():
    """The last snapshot of a long spiral run."""
    return run(load_preset("spiral"), LONG)[1]


@pytest.fixture(scope="module")
def new_run():
    """A fresh circle run: its snapshot before the first step and after SHORT steps."""
    trainer = Trainer(load_preset("circle"))
    taker = SnapshotTaker(trainer, resolution=8)
    start = taker.take()
    record = None
    for _ in range(SHORT):
        record = trainer.step()
    return start, taker.take(record)


def x_range(plot) -> tuple[float, float]:
    QApplication.processEvents()
    low, high = plot.plot_item.getViewBox().viewRange()[0]
    return low, high


def drawn_iterations(plot, snapshot) -> np.ndarray:
    """The iterations ``plot`` draws points at for ``snapshot``."""
    return snapshot.eval_x if isinstance(plot, MetricPlot) else snapshot.history_x


def assert_shows_from_zero(plot, snapshot) -> None:
    """The iteration axis starts at 0 (never below) and ends just past the newest point."""
    low, high = x_range(plot)
    x = drawn_iterations(plot, snapshot)
    first, last = (float(x[0]), float(x[-1])) if len(x) else (0.0, 0.0)  # nothing drawn: from 0 anyway
    assert 0.0 <= low <= first, (low, high)
    assert last <= high <= 1.1 * max(snapshot.iteration, 1) + 1.0, (low, high)


@pytest.mark.parametrize("cls", ALL_PLOTS)
def test_a_new_run_after_a_long_one_is_shown_from_iteration_0(qtbot, cls, long_run, new_run):
    plot = shown(qtbot, cls)
    draw(plot, long_run)
    assert x_range(plot)[1] >= LONG
    start, later = new_run
    draw(plot, start)  # nothing to draw yet
    low, high = x_range(plot)
    assert 0.0 <= low and high <= 2.0
    draw(plot, later)
    assert_shows_from_zero(plot, later)


@pytest.mark.parametrize("cls", ALL_PLOTS)
def test_clear_resets_the_ranges(qtbot, cls, long_run, new_run):
    plot = shown(qtbot, cls)
    draw(plot, long_run)
    plot.clear()
    low, high = x_range(plot)
    assert 0.0 <= low and high <= 2.0
    draw(plot, new_run[1])
    assert_shows_from_zero(plot, new_run[1])


def test_a_zoomed_loss_plot_follows_the_new_run_again(qtbot, long_run, new_run):
    plot = shown(qtbot, ALL_PLOTS[0])
    draw(plot, long_run)
    plot.plot_item.getViewBox().setRange(xRange=(1000, 1200), yRange=(5.0, 6.0))  # as a person zooms
    later = new_run[1]
    draw(plot, later)
    assert_shows_from_zero(plot, later)
    low, high = plot.plot_item.getViewBox().viewRange()[1]
    loss = later.history["train_loss"]
    assert low <= loss.min() and loss.max() <= high <= loss.max() + (loss.max() - loss.min())


def test_accuracy_keeps_its_fixed_axis_after_a_new_run(qtbot, long_run, new_run):
    plot = shown(qtbot, MetricPlot)
    draw(plot, long_run)
    plot.plot_item.getViewBox().setRange(yRange=(0.4, 0.6))
    draw(plot, new_run[1])
    low, high = plot.plot_item.getViewBox().viewRange()[1]
    assert -0.1 < low <= 0.0 and 1.0 <= high < 1.1


def test_choosing_another_preset_in_the_window_shows_the_new_run_from_0(qtbot, main_window):
    window = main_window
    plots = (window.loss_plot, window.metric_plot, window.gradient_plot, window.gradient_heatmap)
    click_action(qtbot, window, window.controls.play_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration >= 600)
    pause(qtbot, window)
    window.flush_views()
    assert all(x_range(plot)[1] >= 600 for plot in plots)

    window.open_preset("xor")
    wait_for_snapshot(qtbot, window, lambda s: s.experiment.data.dataset == "xor")
    for _ in range(3):
        click_action(qtbot, window, window.controls.step_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration == 3)
    window.flush_views()
    for plot in plots:
        assert_shows_from_zero(plot, window.snapshot)


def wheel(plot, steps: int = 1) -> None:
    """Turn the mouse wheel over the middle of the plot, as a person zooms in."""
    viewport = plot.plot_widget.viewport()
    centre = QPointF(viewport.width() / 2, viewport.height() / 2)
    event = QWheelEvent(centre, viewport.mapToGlobal(centre), QPoint(0, 0), QPoint(0, 120 * steps),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, event)


def test_a_zoom_is_kept_while_the_run_goes_on_and_the_data_is_followed_otherwise(qtbot):
    trainer = Trainer(load_preset("circle"))
    taker = SnapshotTaker(trainer, resolution=8)
    for _ in range(200):
        trainer.step()
    plot = shown(qtbot, ALL_PLOTS[0])
    draw(plot, taker.take())
    assert 200 <= x_range(plot)[1] <= 1.1 * 200
    wheel(plot)
    zoomed = plot.plot_item.getViewBox().viewRange()
    assert zoomed[0][1] - zoomed[0][0] < 180
    for _ in range(100):
        trainer.step()
    draw(plot, taker.take())
    assert np.allclose(plot.plot_item.getViewBox().viewRange(), zoomed)
    plot.follow_data()
    low, high = plot.plot_item.getViewBox().viewRange()[1]
    loss = trainer.history.column("train_loss")
    assert low <= np.nanmin(loss) and np.nanmax(loss) <= high
    assert 300 <= x_range(plot)[1] <= 1.1 * 300
