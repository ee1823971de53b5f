"""The gradient plots: a log-scale curve per layer and the layer x iteration heatmap."""
from __future__ import annotations

import itertools

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from nnplayground.app import style
from nnplayground.app.plots import GradientHeatmap, GradientNormPlot
from nnplayground.app.plots.gradients import legend_layers
from plot_snapshots import assert_curve, classification, draw, drawn_ticks, grad_norms, shown, with_history
from qt_helpers import TIMEOUT_MS


# ----- GradientNormPlot --------------------------------------------------------------


def test_gradient_norm_plot_has_one_curve_per_layer(qtbot, snap):
    plot = shown(qtbot, GradientNormPlot)
    draw(plot, snap)
    norms = grad_norms(snap)
    assert len(norms) == 3 == len(plot.curves)
    for i, (curve, y) in enumerate(zip(plot.curves, norms)):
        assert_curve(curve, snap.history_x, y)
        assert QColor(curve.opts["pen"].color()).rgb() == style.layer_color(i).rgb()
        assert tuple(curve.opts["logMode"]) == (False, True)
    assert plot.plot_item.getAxis("left").logMode
    assert [label.text for _, label in plot.legend.items] == ["layer 1", "layer 2", "output"]
    assert not plot.note.isVisible()


def test_gradient_norm_curves_follow_a_new_network(qtbot, snap):
    plot = shown(qtbot, GradientNormPlot)
    draw(plot, snap)
    old = list(plot.curves)
    for _ in range(3):  # same network: the same items
        draw(plot, snap)
    assert plot.curves == old
    deeper = classification(hidden=(5, 5, 5, 5, 5), steps=50)
    draw(plot, deeper)
    assert len(plot.curves) == 6
    assert not any(c in plot.plot_item.items for c in old)
    assert sum(c in plot.plot_item.items for c in plot.curves) == 6
    for curve, y in zip(plot.curves, grad_norms(deeper)):
        assert_curve(curve, deeper.history_x, y)
    assert len(plot.legend.items) == 6
    shallow = classification(hidden=(2,), steps=20)
    draw(plot, shallow)
    assert len(plot.curves) == 2
    assert [label.text for _, label in plot.legend.items] == ["layer 1", "output"]


def test_gradient_norm_plot_copes_with_a_very_deep_net(qtbot):
    deep = classification(hidden=(3,) * 120, steps=40)
    plot = shown(qtbot, GradientNormPlot)
    draw(plot, deep)  # a new layer count: drawn at once
    assert len(plot.curves) == 121
    names = [label.text for _, label in plot.legend.items]
    assert names == ["layer 1", "layer 2", "layer 61", "layer 120", "output"]
    assert plot.note.isVisible() and "121" in plot.note.text()
    for curve, y in zip(plot.curves[::20], grad_norms(deep)[::20]):
        np.testing.assert_array_equal(curve.yData, np.where(y > 0, y, np.nan))
    # with this many curves, redraws are spaced out, but the newest snapshot always lands
    later = classification(hidden=(3,) * 120, steps=60)
    plot.show_snapshot(later)
    qtbot.waitUntil(lambda: len(plot.curves[0].xData) == 60, timeout=2000)
    assert plot.snapshot is later
    plot.grab()


def test_legend_landmarks():
    assert legend_layers(1) == [0]
    assert legend_layers(6) == list(range(6))
    assert legend_layers(7) == [0, 1, 3, 5, 6]
    assert legend_layers(300) == [0, 1, 149, 298, 299]


# ----- GradientHeatmap ---------------------------------------------------------------


def test_heatmap_image_is_log10_of_the_norms(qtbot, snap):
    plot = shown(qtbot, GradientHeatmap)
    draw(plot, snap)
    image = plot.image.image
    norms = np.vstack(grad_norms(snap))
    assert image.shape == (3, len(snap.history_x)) == norms.shape  # (layers, history rows)
    assert plot.image.axisOrder == "row-major"
    assert plot.image.width() == len(snap.history_x) and plot.image.height() == 3
    np.testing.assert_allclose(image, np.log10(norms))
    low, high = plot.colorbar.levels()
    assert low <= np.log10(norms).min() and high >= np.log10(norms).max()
    assert plot.image.getLevels() is not None and tuple(plot.image.getLevels()) == (low, high)


def test_heatmap_places_columns_at_iterations_and_layer_1_at_the_bottom(qtbot, snap):
    plot = shown(qtbot, GradientHeatmap)
    draw(plot, snap)
    x = snap.history_x
    for col in (0, 57, len(x) - 1):
        for row in range(3):
            centre = plot.image.mapToView(QPointF(col + 0.5, row + 0.5))
            assert centre.x() == pytest.approx(x[col])
            assert centre.y() == pytest.approx(row + 1)  # row 0 (layer 1) at y = 1, the lowest
    # the view's y axis points up, so layer 1 is drawn at the bottom
    assert not plot.plot_item.getViewBox().yInverted()
    assert drawn_ticks(plot.plot_item.getAxis("left")) == [(1, "1"), (2, "2"), (3, "output")]
    assert plot.plot_item.getAxis("bottom").labelText == "iteration"
    assert plot.plot_item.getAxis("left").labelText == "layer"


def test_heatmap_is_updated_in_place(qtbot, snap):
    plot = shown(qtbot, GradientHeatmap)
    image = plot.image
    items = list(plot.plot_item.items)
    draw(plot, snap)
    deeper = classification(hidden=(4,) * 6, steps=80)
    draw(plot, deeper)
    assert plot.image is image and list(plot.plot_item.items) == items
    assert image.image.shape == (7, 80)
    plot.clear()
    assert image.image is None
    draw(plot, snap)
    assert image.image.shape == (3, 300)


def test_heatmap_ticks_for_a_deep_net_stay_sparse_and_follow_the_axis_length(qtbot):
    deep = classification(hidden=(3,) * 60, steps=5)
    short, tall = shown(qtbot, GradientHeatmap, size=(420, 200)), shown(qtbot, GradientHeatmap, size=(420, 900))
    counts = []
    for plot in (short, tall):
        draw(plot, deep)
        axis = plot.plot_item.getAxis("left")
        ticks = drawn_ticks(axis)
        assert len(ticks) >= 3
        assert ticks[0] == (1, "1") and ticks[-1] == (61, "output")
        numbers = [v for v, _ in ticks[:-1]]
        assert all(v == int(v) for v in numbers)  # whole layers only
        step = numbers[2] - numbers[1]
        assert step >= 2 and all(b - a == step for a, b in itertools.pairwise(numbers[1:]))
        pixels_per_layer = axis.geometry().height() / (axis.range[1] - axis.range[0])
        assert step * pixels_per_layer >= 20  # the labels never run into each other
        assert 61 - numbers[-1] >= step / 2  # the output's name is not crowded
        counts.append(len(ticks))
    assert counts[1] > counts[0]  # a longer axis gets more ticks


def hover(qtbot, plot, iteration: float, layer: float) -> str:
    """Move the mouse over the map at (iteration, layer), aiming afresh until the note reads that
    iteration's column (the view may still be following the image, the axes settling their
    widths); the note it then shows."""
    column = f", iteration {int(iteration)}:"

    def aimed():
        scene = plot.plot_item.getViewBox().mapViewToScene(QPointF(iteration, layer))
        qtbot.mouseMove(plot.plot_widget.viewport(), plot.plot_widget.mapFromScene(scene))
        return column in plot.note.text()
    qtbot.waitUntil(aimed, timeout=TIMEOUT_MS)
    return plot.note.text()


@pytest.fixture(scope="module")
def short():
    """Few columns, several pixels wide each: the mouse lands on the one it aims at."""
    return classification(steps=60)


def test_heatmap_hover_reads_a_value(qtbot, short):
    plot = shown(qtbot, GradientHeatmap)
    draw(plot, short)
    x = short.history_x
    note = hover(qtbot, plot, float(x[30]), 2.0)
    value = short.history["grad_norm_2"][30]
    assert "layer 2" in note and f"{value:.3g}" in note and f"iteration {int(x[30])}" in note
    assert hover(qtbot, plot, float(x[5]), 3.2).startswith("output, iteration")


def test_heatmap_shows_zero_norms_as_gaps_but_reads_them_as_zero(qtbot, short):
    norms = short.history["grad_norm_1"].copy()
    norms[30] = 0.0
    plot = shown(qtbot, GradientHeatmap)
    draw(plot, with_history(short, grad_norm_1=norms))
    assert np.isnan(plot.image.image[0, 30]) and np.isfinite(plot.image.image[0, 29])
    assert hover(qtbot, plot, float(short.history_x[30]), 1.0).endswith("‖dL/dW‖ 0")