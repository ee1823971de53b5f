"""The output view uses its panel (a square plane fitted to the data), draws a smooth
surface and the decision boundary as a line through the grid, checked against independent
computations."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from nnplayground.app.plots.output_view import OutputView
from nnplayground.app.plots.surface import zero_segments
from output_view_helpers import blobs, gaussian, plane, run, show, widget_pos
import qt_helpers


def bilinear(field: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``field`` [iy, ix] interpolated at grid-index points (x, y)."""
    x0 = np.clip(np.floor(x).astype(int), 0, field.shape[1] - 2)
    y0 = np.clip(np.floor(y).astype(int), 0, field.shape[0] - 2)
    tx, ty = x - x0, y - y0
    return ((1 - ty) * ((1 - tx) * field[y0, x0] + tx * field[y0, x0 + 1])
            + ty * ((1 - tx) * field[y0 + 1, x0] + tx * field[y0 + 1, x0 + 1]))


def boundary_in_grid_units(view, snap) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = snap.extent
    scale = (snap.surface.shape[0] - 1) / (hi - lo)
    x, y = view.boundary.getData()
    return (np.asarray(x) - lo) * scale, (np.asarray(y) - lo) * scale


@pytest.mark.parametrize("size", [(700, 380), (360, 720), (520, 600)])
def test_the_plane_fills_a_square_view_box_fitted_to_the_data(qtbot, size):
    view = qt_helpers.show(qtbot, OutputView(), size)
    trainer, snap = run(gaussian())
    show(view, trainer, snap)
    QApplication.processEvents()
    box = view.view_box.size()
    assert abs(box.width() - box.height()) <= 2, (box.width(), box.height())
    lo, hi = snap.extent
    (x0, x1), (y0, y1) = view.view_box.viewRange()
    for low, high in ((x0, x1), (y0, y1)):
        assert low == pytest.approx(lo, abs=0.03 * (hi - lo)) and high == pytest.approx(hi, abs=0.03 * (hi - lo))
    points = np.vstack([trainer.data.train_points, trainer.data.test_points])
    assert np.abs(points).max() > 0.85 * hi  # the data reaches close to the edges


def test_the_binary_boundary_runs_where_p_is_one_half(qtbot):
    view = qt_helpers.show(qtbot, OutputView(), (520, 600))
    trainer, snap = run(gaussian(), steps=60)
    show(view, trainer, snap)
    p = snap.surface[..., 0]
    x, y = boundary_in_grid_units(view, snap)
    assert len(x) >= 40 and len(x) % 2 == 0
    assert np.abs(bilinear(p, x, y) - 0.5).max() < 1e-9
    # Every grid cell whose corners lie on both sides of 1/2 holds a piece of the line.
    above = p > 0.5
    corners = np.stack([above[:-1, :-1], above[:-1, 1:], above[1:, :-1], above[1:, 1:]])
    cut = corners.any(axis=0) & ~corners.all(axis=0)
    mid_x, mid_y = x.reshape(-1, 2).mean(axis=1), y.reshape(-1, 2).mean(axis=1)  # inside its cell
    cells = set(zip(np.floor(mid_y).astype(int), np.floor(mid_x).astype(int)))
    assert {tuple(c) for c in np.argwhere(cut)} <= cells


def test_the_multiclass_boundary_separates_the_two_likeliest_classes(qtbot):
    view = qt_helpers.show(qtbot, OutputView(), (520, 600))
    trainer, snap = run(blobs(), steps=200)
    show(view, trainer, snap)
    x, y = boundary_in_grid_units(view, snap)
    assert len(x) >= 40
    p = np.stack([bilinear(snap.surface[..., k], x, y) for k in range(4)], axis=-1)
    top_two = np.sort(p, axis=-1)[:, -2:]
    assert np.abs(top_two[:, 1] - top_two[:, 0]).max() < 0.05


def test_regression_and_neurons_have_no_boundary(qtbot):
    view = qt_helpers.show(qtbot, OutputView(), (520, 600))
    trainer, snap = run(plane(), steps=20)
    show(view, trainer, snap)
    assert not view.boundary.isVisible() and len(view.boundary.getData()[0]) == 0
    trainer, snap = run(gaussian(), steps=20)
    show(view, trainer, snap)
    assert view.boundary.isVisible()
    view.show_neuron(0, 0)
    assert not view.boundary.isVisible()


def test_zero_segments_follow_a_circle_and_split_saddles_by_the_centre():
    n = 41
    g = np.arange(n, dtype=float)
    gx, gy = np.meshgrid(g, g)
    radius = 12.0
    points = zero_segments(np.hypot(gx - 20, gy - 20) - radius)
    r = np.hypot(points[:, 0] - 20, points[:, 1] - 20)
    assert np.abs(r - radius).max() < 0.05
    angles = np.arctan2(points[:, 1] - 20, points[:, 0] - 20)
    assert np.histogram(angles, 12, (-np.pi, np.pi))[0].min() > 0  # all the way round
    # A saddle whose mean has the sign of corner (0, 0): corners (1, 0) and (0, 1) are cut off.
    saddle = zero_segments(np.array([[1.0, -1.0], [-1.0, 2.0]])).reshape(-1, 2, 2)
    got = {tuple(sorted(map(tuple, np.round(s, 6)))) for s in saddle}
    third = round(1 / 3, 6)
    assert got == {((0.5, 0.0), (1.0, third)), ((0.0, 0.5), (third, 1.0))}
    assert len(zero_segments(np.array([[1.0, np.nan], [-1.0, 2.0]]))) == 0  # not finite: no line


def test_the_surface_is_scaled_smoothly(qtbot):
    """Between two grid samples of a sharp step the screen shows the colours in between."""
    view = qt_helpers.show(qtbot, OutputView(), (520, 600))
    trainer, snap = run(gaussian())
    lo, hi = snap.extent
    axis = np.linspace(lo, hi, snap.surface.shape[0])
    gx, _ = np.meshgrid(axis, axis)
    step_at = axis[32]
    surface = (gx >= step_at).astype(float)[..., None]
    show(view, trainer, dataclasses.replace(snap, surface=surface))
    for item in (view.train_scatter, view.test_scatter, view.boundary):
        item.hide()
    image = view.plot_widget.viewport().grab().toImage()
    left, right = widget_pos(view, axis[31], 0.0), widget_pos(view, step_at, 0.0)
    assert right.x() - left.x() >= 5
    row = {image.pixelColor(x, left.y()).getRgb()[:3] for x in range(left.x(), right.x() + 1)}
    assert len(row) >= 4, row
