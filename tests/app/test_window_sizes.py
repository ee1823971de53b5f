"""The main window on a small laptop, a common laptop and a desktop screen: it fits, no widget
lies on another, none is cut off by its parent, and View > Reset layout keeps the window's size.

Run on a real X server too (`make test-x11`): there the window system, not Qt alone, decides
the window's size.
"""
import dataclasses
import os
from itertools import combinations

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QAbstractScrollArea, QDockWidget, QLabel, QScrollArea, QToolBar, QWidget

from nnplayground.app.main_window import initial_size
from nnplayground.core.presets import load_preset
from qt_helpers import click_action, menu_action, show, wait_for_snapshot

SIZES = [(1024, 640), (1366, 768), (1920, 1080)]
SETTLE_MS = 2000  # a real window system answers a resize asynchronously


def name(widget: QWidget) -> str:
    """A widget as a person would find it: its class, object name and text, if any."""
    text = widget.property("text") or widget.property("title") or widget.property("windowTitle") or ""
    return f"{widget.metaObject().className()}({widget.objectName() or text!s:.30})"


def behind_a_tab(widget: QWidget) -> bool:
    """A dock tabified behind another: Qt keeps it "visible" but moves it out of sight."""
    return isinstance(widget, QDockWidget) and widget.visibleRegion().isEmpty() and bool(
        widget.parent().tabifiedDockWidgets(widget))


def visible_children(widget: QWidget) -> list[QWidget]:
    return [c for c in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if c.isVisible() and not c.isWindow() and not behind_a_tab(c)]


def scrolled_viewport(widget: QWidget) -> bool:
    """A scroll area's viewport: its content is meant to reach beyond it (that is scrolling)."""
    area = widget.parent()
    return isinstance(area, QAbstractScrollArea) and area.viewport() is widget


def smaller_than(size: QSize, minimum: QSize) -> bool:
    return size.width() < minimum.width() or size.height() < minimum.height()


def layout_problems(root: QWidget) -> list[str]:
    """Every visible widget under ``root`` checked against its visible siblings (no two
    intersect) and its parent (none reaches beyond it, none is squeezed below the minimum its
    layout promised it)."""
    problems = []
    parents = [root]
    for parent in parents:
        children = visible_children(parent)
        for a, b in combinations(children, 2):
            if a.geometry().intersects(b.geometry()):
                problems.append(f"{name(a)} {a.geometry().getRect()} overlaps {name(b)} {b.geometry().getRect()}"
                                f" in {name(parent)}")
        parents.extend(children)
        for child in children:
            if not scrolled_viewport(parent) and not parent.rect().contains(child.geometry()):
                problems.append(f"{name(child)} {child.geometry().getRect()} is cut off by {name(parent)} "
                                f"{parent.rect().getRect()}")
            managed = parent.layout() is not None and parent.layout().indexOf(child) >= 0
            if managed and smaller_than(child.size(), child.minimumSize().expandedTo(child.minimumSizeHint())):
                problems.append(f"{name(child)} is squeezed to {child.size().toTuple()}, below its minimum "
                                f"{child.minimumSizeHint().toTuple()}, in {name(parent)}")
    return problems


def resized(qtbot, window, size) -> None:
    """The window at ``size``, laid out; on a real X server the resize arrives later."""
    window.resize(*size)
    try:
        qtbot.waitUntil(lambda: window.size() == QSize(*size), timeout=SETTLE_MS)
    except qtbot.TimeoutError:
        pass  # the assertions below say what size the window took instead
    qtbot.wait(50)  # the dock areas lay themselves out on the next pass of the event loop


def check_window(window, size) -> None:
    assert not smaller_than(QSize(*size), window.minimumSizeHint()), \
        f"the window needs at least {window.minimumSizeHint().toTuple()}"
    assert window.size() == QSize(*size)
    for dock in window.findChildren(QDockWidget):
        if dock.isVisible() and not behind_a_tab(dock):
            assert not smaller_than(dock.size(), dock.minimumSizeHint()), \
                f"{dock.objectName()} is {dock.size().toTuple()}, needs {dock.minimumSizeHint().toTuple()}"
    for bar in window.findChildren(QToolBar):  # a toolbar too short folds controls into a menu
        folded = bar.findChild(QWidget, "qt_toolbar_ext_button")
        assert folded is None or not folded.isVisible(), \
            f"{bar.objectName()} needs {bar.sizeHint().width()} px, has {bar.width()}"
    assert layout_problems(window) == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_window_fits_and_nothing_overlaps_at(qtbot, make_window, size):
    window = make_window()
    resized(qtbot, window, size)
    check_window(window, size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reset_layout_fits_the_window_it_is_in(qtbot, make_window, size):
    window = make_window()
    resized(qtbot, window, size)
    window.data_dock.setFloating(True)
    window.loss_dock.hide()
    window.splitDockWidget(window.gradient_dock, window.heatmap_dock, Qt.Orientation.Vertical)
    menu_action(window, "&View", "Reset layout").trigger()
    resized(qtbot, window, size)
    assert not window.data_dock.isFloating() and window.loss_dock.isVisible()
    assert set(window.tabifiedDockWidgets(window.gradient_dock)) == {window.heatmap_dock, window.runs_dock}
    check_window(window, size)


def test_a_short_data_panel_scrolls_to_its_last_control(qtbot, make_window):
    window = make_window()
    resized(qtbot, window, SIZES[0])
    area = window.data_dock.widget()
    assert isinstance(area, QScrollArea) and area.widget() is window.data_panel
    assert area.verticalScrollBar().isVisible()  # the panel is taller than the dock at 1024x640
    last = window.data_panel.feature_boxes["sin(x2)"]
    area.ensureWidgetVisible(last)
    qtbot.wait(50)
    shown = QRect(last.mapTo(area.viewport(), last.rect().topLeft()), last.size())
    assert area.viewport().rect().contains(shown)
    assert window.data_panel.width() <= area.viewport().width()  # no sideways scrolling


@pytest.mark.parametrize("available", [QRect(0, 0, 1024, 640), QRect(0, 0, 1366, 728), QRect(0, 24, 1920, 1056),
                                       QRect(1920, 0, 2560, 1440)])
def test_a_new_window_takes_what_its_screen_has_up_to_a_comfortable_size(available):
    size = initial_size(available)
    assert size.width() <= available.width() and size.height() <= available.height()
    assert size.width() >= min(1024, available.width()) and size.height() >= min(640, available.height()) - 40
    assert size.width() <= 1600 and size.height() <= 1000  # a big screen does not get a sprawling window


def test_a_window_remembered_from_a_bigger_screen_opens_within_this_one(qtbot, make_window):
    window = make_window()
    window.setGeometry(500, 400, 3000, 2000)
    window.close()
    again = make_window()
    screen = again.screen().availableGeometry()
    fits = screen.size().expandedTo(again.minimumSizeHint())  # never below its minimum, whatever the screen
    assert not smaller_than(fits, again.size()), f"{again.size().toTuple()} on a screen of {screen.getRect()}"
    assert screen.contains(again.frameGeometry().topLeft())


def test_the_tests_run_on_the_window_system_asked_for():
    """`make test-x11` asks for a real X server (xcb); nothing may quietly swap it for offscreen."""
    asked = os.environ.get("QT_QPA_PLATFORM", "offscreen").split(":")[0]
    assert QGuiApplication.platformName() == asked


def test_the_check_sees_widgets_on_each_other_and_cut_off(qtbot):
    """What the checks above would report, on a panel built wrong on purpose."""
    panel = QWidget(objectName="panel")
    QLabel("first", panel, objectName="first").setGeometry(0, 0, 120, 20)
    QLabel("second", panel, objectName="second").setGeometry(100, 10, 80, 20)
    QLabel("cut", panel, objectName="cut").setGeometry(150, 90, 80, 20)
    area = QScrollArea(panel, objectName="area")
    area.setGeometry(0, 40, 90, 40)
    area.setWidget(QLabel("long " * 40, objectName="scrolled"))  # beyond its viewport: scrolling, no fault
    show(qtbot, panel, (200, 100))
    assert layout_problems(panel) == [
        "QLabel(first) (0, 0, 120, 20) overlaps QLabel(second) (100, 10, 80, 20) in QWidget(panel)",
        "QLabel(cut) (150, 90, 80, 20) is cut off by QWidget(panel) (0, 0, 200, 100)"]


def test_numbers_of_a_finished_run_never_widen_or_heighten_the_window(qtbot, make_window):
    """Long numbers ("0.05286", "Finished: ..."), in the headline and, with the headline
    hidden, in the status bar, keep a 1024x640 window as it is."""
    preset = load_preset("circle")
    window = make_window(preset.replace(training=dataclasses.replace(preset.training, epochs=3, batch_size=25)))
    resized(qtbot, window, SIZES[0])
    for _ in range(3):
        click_action(qtbot, window, window.controls.epoch_action)
    wait_for_snapshot(qtbot, window, lambda s: s.status == "completed")
    window.flush_views()
    assert window.headline.captions[3].text() == "Finished"
    check_window(window, SIZES[0])
    menu_action(window, "&View", "Headline numbers").trigger()
    qtbot.waitUntil(lambda: "Test loss" in window.status_label.text(), timeout=5000)
    assert "Finished: 3 epochs, 30 iterations" in window.status_label.text()
    check_window(window, SIZES[0])


@pytest.mark.parametrize("opener", ["open_gradient_lab", "open_propagation_inspector", "open_activation_lab",
                                    "open_sweeps"])
def test_a_lab_opens_within_a_small_screen(qtbot, make_window, monkeypatch, opener):
    window = make_window()
    monkeypatch.setattr(QScreen, "availableGeometry", lambda screen: QRect(0, 0, *SIZES[0]))  # a 1024x640 laptop
    lab = getattr(window, opener)()
    qtbot.waitExposed(lab)
    assert lab.width() <= SIZES[0][0] and lab.height() <= SIZES[0][1]
    assert not smaller_than(lab.size(), lab.minimumSizeHint())
