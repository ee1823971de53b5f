"""The output view's points and clicks: adding points, picking a training sample, the controls."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from nnplayground.app import style
from output_view_helpers import LEFT, blobs, gaussian, plane, run, show, shown_view, sine, widget_pos


@pytest.fixture
def view(qtbot):
    return shown_view(qtbot)


# ----- points ----------------------------------------------------------------------------------------------

def test_points_train_test_and_hand_added(qtbot, view):
    extra = ((1.0, -1.0, 1.0), (-2.0, 3.0, 0.0))
    trainer, snap = run(gaussian(extra_points=extra))
    show(view, trainer, snap)
    data = trainer.data
    n = len(data.train_points)
    assert len(view.train_scatter.data) == n - 2
    assert np.allclose(np.column_stack([view.extra_scatter.data["x"], view.extra_scatter.data["y"]]),
                       np.array(extra)[:, :2])
    assert view.extra_scatter.opts["symbol"] == "star"
    assert len(view.test_scatter.data) == len(data.test_points)
    assert not view.test_scatter.isVisible()
    qtbot.mouseClick(view.show_test_box, LEFT, pos=QPoint(6, view.show_test_box.height() // 2))
    assert view.test_scatter.isVisible()
    # Training points are filled with their class colour; test points are rings in it.
    brush = view.train_scatter.data["brush"][0].color()
    label = int(data.train_labels[0])
    assert brush.name() == style.CLASS_COLORS[label]
    pen = view.test_scatter.data["pen"][0].color()
    assert pen.name() == style.CLASS_COLORS[int(data.test_labels[0])]

    with qtbot.waitSignal(view.points_cleared, timeout=1000):
        qtbot.mouseClick(view.clear_button, LEFT)


def test_clicking_in_add_mode_emits_the_data_position(qtbot, view):
    trainer, snap = run(blobs(3))
    show(view, trainer, snap)
    viewport = view.plot_widget.viewport()
    with qtbot.assertNotEmitted(view.point_added):  # not in add mode yet
        qtbot.mouseClick(viewport, LEFT, pos=widget_pos(view, 2.0, 3.0))

    qtbot.mouseClick(view.add_button, LEFT)
    assert view.adding_points
    view.class_combo.setCurrentIndex(2)
    with qtbot.waitSignal(view.point_added, timeout=1000) as blocker:
        qtbot.mouseClick(viewport, LEFT, pos=widget_pos(view, 2.0, 3.0))
    x1, x2, label = blocker.args
    pixel = (snap.extent[1] - snap.extent[0]) / view.view_box.width()
    assert x1 == pytest.approx(2.0, abs=2 * pixel)
    assert x2 == pytest.approx(3.0, abs=2 * pixel)
    assert label == 2.0

    with qtbot.assertNotEmitted(view.point_added):  # the right button adds nothing
        qtbot.mouseClick(viewport, Qt.MouseButton.RightButton, pos=widget_pos(view, 2.0, 3.0))


def test_adding_regression_points_uses_the_target(qtbot, view):
    trainer, snap = run(plane())
    show(view, trainer, snap)
    view.add_button.setChecked(True)
    view.target_spin.setValue(-0.75)
    with qtbot.waitSignal(view.point_added, timeout=1000) as blocker:
        qtbot.mouseClick(view.plot_widget.viewport(), LEFT, pos=widget_pos(view, -4.0, 1.0))
    x1, x2, label = blocker.args
    assert (x1, x2) == (pytest.approx(-4.0, abs=0.1), pytest.approx(1.0, abs=0.1))
    assert label == -0.75


def test_adding_sine_points_uses_the_click_height(qtbot, view):
    trainer, snap = run(sine())
    show(view, trainer, snap)
    view.add_button.setChecked(True)
    with qtbot.waitSignal(view.point_added, timeout=1000) as blocker:
        qtbot.mouseClick(view.plot_widget.viewport(), LEFT, pos=widget_pos(view, 1.5, 0.5))
    x1, height, target = blocker.args
    assert x1 == pytest.approx(1.5, abs=0.1)
    assert target == height == pytest.approx(0.5, abs=0.05)




# ----- picking a training sample -----------------------------------------------------------------------

def screen_points(view, points) -> np.ndarray:
    """The viewport pixel of every (x, y) in ``points``."""
    return np.array([[p.x(), p.y()] for p in (widget_pos(view, x, y) for x, y in points)], dtype=float)


def find_click(view, screen: np.ndarray, low: float, high: float):
    """A viewport pixel inside the plot whose nearest point lies between ``low`` and ``high``
    pixels away, clearly nearer than the second nearest: (pixel, index of the nearest)."""
    rect = view.view_box.sceneBoundingRect()
    corner = view.plot_widget.mapFromScene(rect.topLeft())
    for x in range(corner.x() + 5, corner.x() + int(rect.width()) - 5, 3):
        for y in range(corner.y() + 5, corner.y() + int(rect.height()) - 5, 3):
            distance = np.hypot(screen[:, 0] - x, screen[:, 1] - y)
            first, second = np.partition(distance, 1)[:2]
            if low < first < high and second > first + 4:
                return QPoint(x, y), int(np.argmin(distance))
    raise AssertionError("no such place on the plot")


def test_a_click_near_a_training_point_picks_the_nearest(qtbot, view):
    trainer, snap = run(blobs(3))
    show(view, trainer, snap)
    screen = screen_points(view, trainer.data.train_points)
    viewport = view.plot_widget.viewport()
    for low, high in ((0.0, 3.0), (25.0, 37.0)):  # on a point, and a little short of 40 px from one
        pixel, nearest = find_click(view, screen, low, high)
        with qtbot.waitSignal(view.sample_picked, timeout=1000) as blocker:
            qtbot.mouseClick(viewport, LEFT, pos=pixel)
        assert blocker.args == [nearest]
    far, _ = find_click(view, screen, 43.0, 48.0)  # a little beyond 40 px from every point
    with qtbot.assertNotEmitted(view.sample_picked):
        qtbot.mouseClick(viewport, LEFT, pos=far)
    with qtbot.assertNotEmitted(view.sample_picked):  # the right button picks nothing
        qtbot.mouseClick(viewport, Qt.MouseButton.RightButton, pos=find_click(view, screen, 0.0, 3.0)[0])


def test_a_sine_point_is_picked_where_it_is_drawn(qtbot, view):
    trainer, snap = run(sine())
    show(view, trainer, snap)
    data = trainer.data
    screen = screen_points(view, np.column_stack([data.train_points[:, 0], data.train_labels]))
    pixel, nearest = find_click(view, screen, 0.0, 3.0)
    with qtbot.waitSignal(view.sample_picked, timeout=1000) as blocker:
        qtbot.mouseClick(view.plot_widget.viewport(), LEFT, pos=pixel)
    assert blocker.args == [nearest]


def test_add_points_mode_adds_instead_of_picking_and_can_be_set_from_outside(qtbot, view):
    trainer, snap = run(gaussian())
    show(view, trainer, snap)
    viewport = view.plot_widget.viewport()
    pixel, _ = find_click(view, screen_points(view, trainer.data.train_points), 0.0, 3.0)
    view.set_adding_points(True)
    assert view.adding_points and view.add_button.isChecked()
    with qtbot.assertNotEmitted(view.sample_picked), qtbot.waitSignal(view.point_added, timeout=1000):
        qtbot.mouseClick(viewport, LEFT, pos=pixel)
    view.set_adding_points(False)
    assert not view.adding_points and not view.add_button.isChecked()
    with qtbot.assertNotEmitted(view.point_added), qtbot.waitSignal(view.sample_picked, timeout=1000):
        qtbot.mouseClick(viewport, LEFT, pos=pixel)
    view.clear()
    view.set_adding_points(True)  # nothing to add points to
    assert not view.adding_points


# ----- discretize -----------------------------------------------------------------------------------------

def click_box(qtbot, box) -> None:
    qtbot.mouseClick(box, LEFT, pos=QPoint(6, box.height() // 2))


def colour_count(view) -> int:
    return len(np.unique(view.image_item.image.reshape(-1, 3), axis=0))


def test_discretize_is_off_for_regression_and_comes_back_for_classes(qtbot, view):
    binary, regression = run(gaussian(), steps=50), run(plane(), steps=20)
    show(view, *binary)
    box = view.discretize_box
    click_box(qtbot, box)
    assert box.isChecked() and colour_count(view) == 2
    show(view, *regression)
    assert not box.isChecked() and not box.isEnabled()
    assert colour_count(view) > 2  # the prediction's shades
    show(view, *binary)
    assert box.isEnabled() and box.isChecked() and colour_count(view) == 2  # the person's choice is back
    click_box(qtbot, box)
    show(view, *regression)
    show(view, *binary)
    assert box.isEnabled() and not box.isChecked() and colour_count(view) > 2
