"""The output view draws real snapshots: colours, alignment, neurons, the 1-D curve, ranges."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor

from nnplayground.app import style
from nnplayground.app.plots.colormaps import NAN_RGB, argmax_classes, colorize
from nnplayground.app.plots.surface import BACKGROUND_LUT, BACKGROUND_STRENGTH
from nnplayground.core import Experiment, Trainer
from nnplayground.core.experiment import DataSpec, LayerSpec, NetworkSpec
from nnplayground.core.snapshot import SnapshotTaker
from output_view_helpers import LEFT, blobs, gaussian, plane, run, show, shown_view, sine, widget_pos


@pytest.fixture
def view(qtbot):
    return shown_view(qtbot)


def rendered_rgb(view, x: float, y: float) -> tuple[int, int, int]:
    """The colour the screen shows at data position (x, y), after all scatter points are hidden."""
    for item in (view.train_scatter, view.test_scatter, view.extra_scatter, view.outlier_scatter):
        item.hide()
    image = view.plot_widget.viewport().grab().toImage()
    c = image.pixelColor(widget_pos(view, x, y))
    return c.red(), c.green(), c.blue()


def is_blue(rgb):
    r, g, b = (int(v) for v in rgb)
    return b > r + 40


def is_orange(rgb):
    r, g, b = (int(v) for v in rgb)
    return r > b + 40


def soft(hex_color):
    """A colour 80% of the way from white, as the output view's background shows it."""
    c = QColor(hex_color)
    return tuple(int(v) for v in np.rint(255 - 0.8 * (255 - np.array([c.red(), c.green(), c.blue()]))))


def background(values, lo, hi):
    """The output view's background colours (the colour map itself is checked in test_colormaps.py)."""
    return colorize(values, lo, hi, BACKGROUND_LUT)


# ----- binary --------------------------------------------------------------------------------------

def test_binary_surface_is_drawn_through_the_diverging_colours(view, screenshot):
    trainer, snap = run(gaussian(), steps=300)
    show(view, trainer, snap)
    p = snap.surface[..., 0]
    image = view.image_item.image
    assert image.shape == p.shape + (3,)
    assert np.array_equal(image, background(p, 0.0, 1.0))
    # The gaussian's class 1 sits around (2, 2), class 0 around (-2, -2).
    iy, ix = np.unravel_index(np.argmax(p), p.shape)
    assert p[iy, ix] > 0.95 and is_blue(image[iy, ix])
    iy, ix = np.unravel_index(np.argmin(p), p.shape)
    assert p[iy, ix] < 0.05 and is_orange(image[iy, ix])
    assert view.title.text() == "Output"
    screenshot(view, "output_view.png")


def test_pixels_line_up_with_data_coordinates(view):
    trainer, snap = run(gaussian())
    lo, hi = snap.extent
    axis = np.linspace(lo, hi, snap.surface.shape[0])
    gx, gy = np.meshgrid(axis, axis)
    # P(class 1) = 1 exactly where x1 > 0 and x2 > 1: the boundary must appear at x1 = 0, x2 = 1.
    surface = ((gx > 0) & (gy > 1)).astype(float)[..., None]
    show(view, trainer, dataclasses.replace(snap, surface=surface))
    step = (hi - lo) / (len(axis) - 1)
    assert is_blue(rendered_rgb(view, 3.0, 4.0))
    assert is_orange(rendered_rgb(view, -3.0, 4.0))
    assert is_orange(rendered_rgb(view, 3.0, -2.0))
    assert is_blue(rendered_rgb(view, 2 * step, 1 + 2 * step))
    assert is_orange(rendered_rgb(view, -2 * step, 1 + 2 * step))
    assert is_orange(rendered_rgb(view, 2 * step, 1 - 2 * step))
    # Row 0 is the lowest x2: the image's bottom-left pixel sits at (lo, lo).
    rect = view.image_item.mapRectToParent(view.image_item.boundingRect())
    assert rect.left() == pytest.approx(lo - step / 2)
    assert rect.bottom() == pytest.approx(hi + step / 2)


def test_discretize_shows_only_the_class_colours(qtbot, view):
    trainer, snap = run(gaussian(), steps=50)
    show(view, trainer, snap)
    assert len(np.unique(view.image_item.image.reshape(-1, 3), axis=0)) > 2
    qtbot.mouseClick(view.discretize_box, LEFT, pos=QPoint(6, view.discretize_box.height() // 2))
    assert view.discretize_box.isChecked()
    colors = {tuple(c) for c in np.unique(view.image_item.image.reshape(-1, 3), axis=0)}
    assert colors == {soft(style.CLASS_COLORS[0]), soft(style.CLASS_COLORS[1])}
    p = snap.surface[..., 0]
    expected = np.where(p[..., None] >= 0.5, soft(style.CLASS_COLORS[1]), soft(style.CLASS_COLORS[0]))
    assert np.array_equal(view.image_item.image, expected)
    view.discretize_box.setChecked(False)
    assert np.array_equal(view.image_item.image, background(p, 0.0, 1.0))


def test_snapshot_updates_the_image_in_place_and_leaves_points_alone(view, monkeypatch):
    trainer = Trainer(gaussian())
    taker = SnapshotTaker(trainer)
    view.set_data(trainer.data)
    calls = []
    monkeypatch.setattr(view.train_scatter, "setData", lambda *a, **k: calls.append(a))
    image_item = view.image_item
    for _ in range(5):
        trainer.step()
        snap = taker.take()
        view.show_snapshot(snap)
        assert np.array_equal(view.image_item.image, background(snap.surface[..., 0], 0.0, 1.0))
    assert calls == []
    assert view.image_item is image_item
    assert image_item in view.plot_item.items


# ----- multiclass -------------------------------------------------------------------------------------

def test_multiclass_shows_the_likeliest_class_by_its_confidence(qtbot, view):
    trainer, snap = run(blobs(), steps=300)
    show(view, trainer, snap)
    image = view.image_item.image
    # Where one class is nearly certain the pixel is (nearly) that class's colour.
    for k in range(4):
        iy, ix = np.unravel_index(np.argmax(snap.surface[..., k]), snap.surface.shape[:2])
        assert snap.surface[iy, ix, k] > 0.95
        assert np.abs(image[iy, ix].astype(int) - soft(style.CLASS_COLORS[k])).max() < 15
    # Every pixel: white moved toward the winner's colour by (p_max - 1/4) / (3/4).
    p = snap.surface
    for iy, ix in [(0, 0), (10, 50), (32, 32), (63, 5), (40, 20)]:
        k = int(np.argmax(p[iy, ix]))
        t = (p[iy, ix, k] - 0.25) / 0.75
        expected = 255 - t * (255 - np.array(soft(style.CLASS_COLORS[k]), float))
        assert np.abs(image[iy, ix] - expected).max() <= 1.5, (iy, ix, image[iy, ix], expected)

    qtbot.mouseClick(view.discretize_box, LEFT, pos=QPoint(6, view.discretize_box.height() // 2))
    assert np.array_equal(view.image_item.image, argmax_classes(snap.surface, BACKGROUND_STRENGTH))
    colors = {tuple(c) for c in np.unique(view.image_item.image.reshape(-1, 3), axis=0)}
    assert colors <= {soft(c) for c in style.CLASS_COLORS[:4]}
    assert view.class_combo.count() == 4
    assert [view.class_combo.itemText(i) for i in range(4)] == ["class 0", "class 1", "class 2", "class 3"]


# ----- regression --------------------------------------------------------------------------------------

def test_regression_plane_uses_symmetric_levels(view):
    trainer, snap = run(plane(outliers=3), steps=100)
    show(view, trainer, snap)
    ordinary = np.abs(trainer.data.train_labels[~trainer.data.outlier_mask]).max()
    assert np.array_equal(view.image_item.image, background(snap.surface[..., 0], -ordinary, ordinary))
    # A prediction of 0 is white, +level fully blue, -level fully orange.
    assert tuple(background(np.array([0.0]), -2.0, 2.0)[0]) == (255, 255, 255)
    assert tuple(background(np.array([2.0]), -2.0, 2.0)[0]) == soft(style.POSITIVE)
    assert tuple(background(np.array([-5.0]), -2.0, 2.0)[0]) == soft(style.NEGATIVE)
    # The three outliers are ringed.
    assert len(view.outlier_scatter.data) == 3
    outlier_points = np.column_stack([view.outlier_scatter.data["x"], view.outlier_scatter.data["y"]])
    assert np.allclose(np.sort(outlier_points, axis=0),
                       np.sort(trainer.data.train_points[trainer.data.outlier_mask], axis=0))
    # Discretizing a regression output changes nothing.
    assert not view.discretize_box.isEnabled()
    image = view.image_item.image.copy()
    view.discretize_box.setChecked(True)
    assert np.array_equal(view.image_item.image, image)
    assert view.target_spin.isVisible() and not view.class_combo.isVisible()


def test_sine_draws_a_curve_over_x1(view):
    trainer, snap = run(sine(100, outliers=2), steps=50)
    show(view, trainer, snap)
    assert snap.surface.ndim == 2
    assert not view.image_item.isVisible()
    assert view.curve.isVisible()
    x, y = view.curve.getData()
    assert np.allclose(x, np.linspace(*snap.extent, snap.surface.shape[0]))
    assert np.allclose(y, snap.surface[:, 0])
    # Points are (x1, target); the outliers among them are ringed.
    data = trainer.data
    n = len(data.train_points)
    assert np.allclose(view.train_scatter.data["x"], data.train_points[:, 0])
    assert np.allclose(view.train_scatter.data["y"], data.train_labels)
    assert len(view.train_scatter.data) == n
    assert len(view.outlier_scatter.data) == 2
    assert view.plot_item.getAxis("left").labelText == "target"
    assert view.height_hint.isVisible()


# ----- neurons --------------------------------------------------------------------------------------------

def test_show_neuron_draws_the_neuron_map_and_goes_back(qtbot, view):
    trainer, snap = run(gaussian(), steps=20)
    show(view, trainer, snap)
    changes = []
    view.neuron_changed.connect(lambda layer, unit: changes.append((layer, unit)))
    view.show_neuron(0, 2)
    view.show_neuron(0, 2)  # the same neuron again: no news
    assert changes == [(0, 2)]
    values = snap.neuron_maps[0][..., 2]
    assert values.shape[0] < snap.surface.shape[0]  # the coarser grid
    assert np.array_equal(view.image_item.image, background(values, -1.0, 1.0))  # tanh: fixed [-1, 1]
    assert view.title.text() == "Neuron 3 of hidden layer 1"
    assert view.show_output_button.isVisible()
    # The coarse image covers the same extent as the output.
    lo, hi = snap.extent
    rect = view.image_item.mapRectToParent(view.image_item.boundingRect())
    fine_step = (hi - lo) / (snap.surface.shape[0] - 1)
    assert rect.left() == pytest.approx(lo - fine_step)  # half a coarse (stride 2) cell
    assert rect.center().x() == pytest.approx((lo + hi) / 2, abs=fine_step)

    # A newer snapshot keeps showing the neuron.
    trainer.step()
    snap2 = SnapshotTaker(trainer).take()
    view.show_snapshot(snap2)
    assert np.array_equal(view.image_item.image, background(snap2.neuron_maps[0][..., 2], -1.0, 1.0))

    qtbot.mouseClick(view.show_output_button, LEFT)
    assert view.neuron is None
    assert changes == [(0, 2), (-1, -1)]
    assert not view.show_output_button.isVisible()
    assert np.array_equal(view.image_item.image, background(snap2.surface[..., 0], 0.0, 1.0))
    assert view.title.text() == "Output"


def test_clicking_the_title_returns_to_the_output(qtbot, view):
    trainer, snap = run(gaussian())
    show(view, trainer, snap)
    last = len(snap.neuron_maps) - 1
    view.show_neuron(last, 0)
    assert view.title.text() == "Output neuron: P(class 1)"
    assert np.array_equal(view.image_item.image, background(snap.neuron_maps[last][..., 0], 0.0, 1.0))
    qtbot.mouseClick(view.title, LEFT)
    assert view.neuron is None
    assert view.title.text() == "Output"


def test_neuron_of_a_relu_layer_scales_symmetrically(view):
    exp = Experiment(data=DataSpec(dataset="xor", samples=100),
                     network=NetworkSpec(hidden=(LayerSpec(3, "relu"), LayerSpec(2, "sigmoid"))))
    trainer, snap = run(exp, steps=5)
    show(view, trainer, snap)
    view.show_neuron(0, 1)
    values = snap.neuron_maps[0][..., 1]
    level = np.abs(values).max()
    assert np.array_equal(view.image_item.image, background(values, -level, level))
    view.show_neuron(1, 0)
    assert np.array_equal(view.image_item.image, background(snap.neuron_maps[1][..., 0], 0.0, 1.0))
    assert view.title.text() == "Neuron 1 of hidden layer 2"
    changes = []
    view.neuron_changed.connect(lambda layer, unit: changes.append((layer, unit)))
    view.show_neuron(7, 0)  # no such layer: back to the output rather than a crash
    assert view.neuron is None
    assert changes[-1] == (-1, -1)
    assert np.array_equal(view.image_item.image, background(snap.surface[..., 0], 0.0, 1.0))
    view.show_neuron(0, 0)
    view.show_neuron(-1, -1)  # the builder's "nothing selected"
    assert view.neuron is None and changes[-1] == (-1, -1)


def test_sine_neuron_is_a_curve(view):
    trainer, snap = run(sine(), steps=3)
    show(view, trainer, snap)
    view.show_neuron(1, 1)
    x, y = view.curve.getData()
    assert np.allclose(y, snap.neuron_maps[1][:, 1])
    assert np.allclose(x, np.linspace(*snap.extent, snap.surface.shape[0])[::2])


def test_nan_output_is_grey_and_clear_empties(view):
    trainer, snap = run(gaussian())
    show(view, trainer, dataclasses.replace(snap, surface=np.full_like(snap.surface, np.nan)))
    assert (view.image_item.image == NAN_RGB).all()
    view.clear()
    assert view.image_item.image is None
    assert len(view.train_scatter.data) == 0
    assert not view.add_button.isEnabled()
    view.show_snapshot(snap)  # a snapshot without data still draws the surface
    assert np.array_equal(view.image_item.image, background(snap.surface[..., 0], 0.0, 1.0))


def test_new_data_replaces_the_old(view):
    t1, s1 = run(blobs(3))
    show(view, t1, s1)
    assert view.class_combo.count() == 3
    t2, s2 = run(plane())
    show(view, t2, s2)
    assert len(view.train_scatter.data) == len(t2.data.train_points)
    assert view.class_combo.isHidden()


def assert_shows_plane(view, lo: float, hi: float) -> None:
    """The view shows x1 and x2 over [lo, hi]: one axis exactly, the other (aspect kept) at least."""
    (x0, x1), (y0, y1) = view.view_box.viewRange()
    tolerance = 1e-6 * (hi - lo)
    assert x0 <= lo + tolerance and x1 >= hi - tolerance and y0 <= lo + tolerance and y1 >= hi - tolerance
    assert min(x1 - x0, y1 - y0) == pytest.approx(hi - lo)


def test_clear_and_a_new_runs_snapshot_fit_the_plane_again(view):
    trainer, snap = run(sine(), steps=5)
    show(view, trainer, snap)
    (_, _), (y0, y1) = view.view_box.viewRange()
    targets = np.concatenate([trainer.data.train_labels, trainer.data.test_labels])
    assert y0 < targets.min() and targets.max() < y1 < 3.0  # upright: the targets' heights
    view.clear()
    assert_shows_plane(view, -6.0, 6.0)
    assert view.plot_item.getAxis("left").labelText == "x2"
    trainer, snap = run(gaussian(noise=1.0))  # a new run over a wider plane; its data comes later
    assert snap.extent[1] > 6.0
    view.show_snapshot(snap)
    assert_shows_plane(view, *snap.extent)
