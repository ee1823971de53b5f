"""The gradient views can show the backward signal ||dL/dz|| per layer (the gradient lab's
measure), checked against the textbook backward pass; on the exploding preset it spans the
decades that the weight gradients hide."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnplayground.app.plots import GradientHeatmap, GradientNormPlot
from nnplayground.app.plots.gradients import SIGNAL, SIGNAL_ROWS, WEIGHTS, SignalHistory, evenly_spaced
from nnplayground.core import reference
from nnplayground.core.presets import load_preset
from nnplayground.core.snapshot import SnapshotTaker
from nnplayground.core.trainer import PROBE_SAMPLES, Trainer
from plot_snapshots import draw, shown


def profiled_run(experiment, steps: int):
    """The trainer and its snapshots (with a backprop profile, as the window takes them) after
    each of ``steps`` iterations."""
    trainer = Trainer(experiment)
    taker = SnapshotTaker(trainer, resolution=8, profile=True)
    snapshots = [taker.take()]
    for _ in range(steps):
        snapshots.append(taker.take(trainer.step()))
    return trainer, snapshots


def textbook_signal(trainer, snapshot) -> np.ndarray:
    """||dL/dz|| per layer on the probe batch (the first PROBE_SAMPLES training samples, mean
    loss), from the reference backward pass one sample at a time: the batch's dL/dz of sample
    i is that sample's own dL/dz divided by the batch size."""
    data = trainer.data
    n = min(PROBE_SAMPLES, len(data.X_train))
    squares = 0.0
    for x, y in zip(data.X_train[:n], data.Y_train[:n]):
        trace = reference.trace_step(snapshot.experiment, snapshot.weights, snapshot.biases, x, y, 0.0)
        squares = squares + np.array([np.sum(layer.d_z ** 2) for layer in trace.layers])
    return np.sqrt(squares) / n


def choose(qtbot, plot, measure: str) -> None:
    """Pick ``measure`` in the plot's combo box with the keyboard, as a person would."""
    combo = plot.measure_combo
    combo.setFocus()
    key = Qt.Key.Key_Down if combo.findData(measure) > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentData() != measure:
        qtbot.keyClick(combo, key)


@pytest.fixture(scope="module")
def exploding():
    return profiled_run(load_preset("exploding-deep-gain"), 3)


@pytest.mark.parametrize("cls", [GradientNormPlot, GradientHeatmap])
def test_the_backward_signal_matches_the_textbook_backward_pass(qtbot, exploding, cls):
    trainer, snapshots = exploding
    plot = shown(qtbot, cls, (400, 220))
    choose(qtbot, plot, SIGNAL)
    for snap in snapshots:
        plot.show_snapshot(snap)
    plot.flush()
    last = snapshots[-1]
    expected = textbook_signal(trainer, last)
    if cls is GradientNormPlot:
        drawn = np.array([curve.yData[-1] for curve in plot.curves])
        assert np.array_equal(plot.curves[0].xData, [s.iteration for s in snapshots])
    else:
        drawn = 10.0 ** plot.image.image[:, -1]
    np.testing.assert_allclose(drawn, expected, rtol=1e-8)


def test_the_exploding_preset_looks_exploding_in_the_backward_signal(qtbot, exploding):
    _, snapshots = exploding
    plot = shown(qtbot, GradientHeatmap, (400, 220))
    for snap in snapshots:
        plot.show_snapshot(snap)
    plot.flush()
    weights = plot.image.image[:, -1]
    choose(qtbot, plot, SIGNAL)
    signal = plot.image.image[:, -1]
    # 30 layers of gain 1.5: the signal grows ~1.5^30 (over 5 decades) toward layer 1.
    assert signal[0] - signal[-1] > 4.0
    assert signal[0] - signal[-1] > 2 * abs(weights[0] - weights[-1])
    assert plot.colorbar.getAxis("right").labelText == "log₁₀ ‖dL/dz‖"
    choose(qtbot, plot, WEIGHTS)
    np.testing.assert_array_equal(plot.image.image[:, -1], weights)


def test_the_signal_history_starts_over_and_stays_bounded(exploding):
    _, snapshots = exploding
    snap = snapshots[-1]
    history = SignalHistory()
    for i in range(SIGNAL_ROWS + 10):
        history.record(dataclasses.replace(snap, iteration=i))
    history.record(dataclasses.replace(snap, iteration=SIGNAL_ROWS + 9))  # the same step again
    assert len(history.x) <= SIGNAL_ROWS and np.all(np.diff(history.x) > 0)
    assert history.x[-1] == SIGNAL_ROWS + 9 and history.x[0] <= 1
    np.testing.assert_array_equal(np.stack(history.columns(), axis=1)[-1], snap.profile.delta_norms)
    history.record(dataclasses.replace(snap, iteration=0))  # Reset: a new run
    assert list(history.x) == [0.0]
    history.record(dataclasses.replace(snap, profile=None, iteration=5))  # no profile: nothing to add
    assert list(history.x) == [0.0]


def test_clear_forgets_the_signal(qtbot, exploding):
    _, snapshots = exploding
    plot = shown(qtbot, GradientNormPlot)
    choose(qtbot, plot, SIGNAL)
    draw(plot, snapshots[-1])
    assert len(plot.curves[0].xData) == 1
    plot.clear()
    draw(plot, dataclasses.replace(snapshots[-1], iteration=snapshots[-1].iteration))
    assert len(plot.curves[0].xData) == 1
    assert plot.plot_item.getAxis("left").labelText == "‖dL/dz‖"


def test_the_heatmap_puts_uneven_measurements_on_even_columns():
    x = np.array([0.0, 1.0, 10.0])
    norms = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    even, held = evenly_spaced(x, norms)
    np.testing.assert_array_equal(even, [0.0, 5.0, 10.0])
    np.testing.assert_array_equal(held, [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])  # at 5: the one from 1
    even, held = evenly_spaced(np.array([0.0, 8.0, 9.0, 10.0]), np.array([[1.0, 2.0, 3.0, 4.0]]))
    np.testing.assert_allclose(even, [0.0, 10 / 3, 20 / 3, 10.0])
    np.testing.assert_array_equal(held, [[1.0, 1.0, 1.0, 4.0]])


@pytest.mark.parametrize("cls", [GradientNormPlot, GradientHeatmap])
def test_the_measure_box_keeps_its_size_at_the_right(qtbot, cls):
    plot = shown(qtbot, cls, (900, 260))
    combo = plot.measure_combo
    assert combo.width() <= combo.sizeHint().width() + 2
    assert combo.geometry().right() >= plot.width() - 12


def test_picking_a_measure_in_one_gradient_view_picks_it_in_both(qtbot, main_window):
    plot, heatmap = main_window.gradient_plot, main_window.gradient_heatmap
    plot.measure_combo.setCurrentIndex(plot.measure_combo.findData(SIGNAL))
    assert heatmap.measure == SIGNAL
    heatmap.measure_combo.setCurrentIndex(heatmap.measure_combo.findData(WEIGHTS))
    assert plot.measure == WEIGHTS and heatmap.measure == WEIGHTS
