"""The setting rows shared by the labs and the panels (app/widgets.py), driven with the mouse
and the keyboard as a person would."""
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QSlider, QStyle, QStyleOptionSlider, QWidget

from nnplayground.app.widgets import (DEBOUNCE_MS, NumberSpin, SliderRow, blocked, combo_box, labelled_row, select,
                                      spin_box)
from qt_helpers import show


@pytest.fixture
def host(qtbot):
    return show(qtbot, QWidget(), (400, 80))


def show_in(qtbot, host, child):
    child.setParent(host)
    child.resize(host.width(), child.sizeHint().height())
    child.show()
    qtbot.waitExposed(child)
    return child


def handle_center(slider: QSlider) -> QPoint:
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    rect = slider.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                         QStyle.SubControl.SC_SliderHandle, slider)
    return rect.center()


def test_a_slider_row_writes_its_value_and_commits_once_the_keys_rest(qtbot, host):
    row = show_in(qtbot, host, SliderRow(0, 20, 10, lambda p: p / 10, lambda v: f"×{v:.1f}"))
    assert row.value() == 1.0 and row.label.text() == "×1.0"
    commits = []
    row.committed.connect(lambda: commits.append(row.value()))
    row.slider.setFocus()
    for _ in range(3):
        qtbot.keyClick(row.slider, Qt.Key.Key_Right)
    assert row.label.text() == "×1.3"  # at once, while the commit waits
    assert commits == []
    qtbot.waitUntil(lambda: bool(commits), timeout=10 * DEBOUNCE_MS)
    qtbot.wait(2 * DEBOUNCE_MS)
    assert commits == [1.3]  # one commit for the three presses


def test_a_dragged_slider_row_commits_on_release(qtbot, host):
    row = show_in(qtbot, host, SliderRow(0, 100, 0, int))
    commits = []
    row.committed.connect(lambda: commits.append(row.value()))
    start = handle_center(row.slider)
    qtbot.mousePress(row.slider, Qt.MouseButton.LeftButton, pos=start)
    for dx in (20, 60, 120):
        qtbot.mouseMove(row.slider, start + QPoint(dx, 0))
    assert row.value() > 0 and row.label.text() == str(row.value())
    qtbot.wait(3 * DEBOUNCE_MS)
    assert commits == []  # not while the handle is held
    qtbot.mouseRelease(row.slider, Qt.MouseButton.LeftButton, pos=start + QPoint(120, 0))
    assert commits == [row.value()]


def test_set_position_moves_the_handle_without_a_signal(qtbot, host):
    row = show_in(qtbot, host, SliderRow(0, 20, 0, text=lambda v: f"{v:g}"))
    moves, commits = [], []
    row.slider.valueChanged.connect(moves.append)
    row.committed.connect(lambda: commits.append(1))
    row.set_position(15)
    qtbot.wait(3 * DEBOUNCE_MS)
    assert row.value() == 15.0 and row.label.text() == "15"
    assert moves == [] and commits == []


def test_a_spin_box_applies_typed_digits_on_enter(qtbot, host):
    spin = show_in(qtbot, host, spin_box(None, 1, 1000, 20, tip="steps"))
    assert (spin.minimum(), spin.maximum(), spin.value(), spin.toolTip()) == (1, 1000, 20, "steps")
    values = []
    spin.valueChanged.connect(values.append)
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "50")
    assert values == []  # not 5, then 50
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert values == [50]


def test_a_number_spin_writes_briefly_and_steps_in_proportion(qtbot, host):
    spin = show_in(qtbot, host, NumberSpin(None, 1e-6, 100.0, tip="rate"))
    spin.setValue(0.03)
    assert spin.text() == "0.03" and spin.toolTip() == "rate"
    spin.setValue(0.01)
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert spin.value() == pytest.approx(0.011)
    spin.setValue(10.0)
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert spin.value() == pytest.approx(11.0) and spin.text() == "11"


def test_a_combo_box_shows_texts_and_returns_data(qtbot, host):
    combo = show_in(qtbot, host, combo_box(None, [("sgd", "SGD"), ("adam", "Adam")], "adam", tip="optimizer"))
    assert [combo.itemText(i) for i in range(combo.count())] == ["SGD", "Adam"]
    assert combo.currentData() == "adam" and combo.currentText() == "Adam" and combo.toolTip() == "optimizer"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    assert combo.currentData() == "sgd"
    assert combo_box(None, [(1, "one"), (2, "two")]).currentData() == 1  # no current: the first


def test_select_chooses_an_item_without_a_signal(qtbot, host):
    combo = show_in(qtbot, host, combo_box(None, [("a", "A"), ("b", "B"), ("c", "C")]))
    changes = []
    combo.currentIndexChanged.connect(changes.append)
    select(combo, "c")
    assert combo.currentData() == "c" and changes == []
    combo.setCurrentIndex(1)
    assert changes == [1]  # signals flow again afterwards


def test_a_labelled_row_lines_up_texts_and_controls(qtbot, host):
    combo, spin = QComboBox(), spin_box(None, 1, 9, 3)
    row = show_in(qtbot, host, labelled_row(None, "BPTT", combo, "k =", spin, grow=combo))
    layout = row.layout()
    parts = [layout.itemAt(i).widget() for i in range(layout.count())]
    assert [p.text() for p in parts if isinstance(p, QLabel)] == ["BPTT", "k ="]
    assert parts[1] is combo and parts[3] is spin
    assert layout.contentsMargins().left() == 0
    assert combo.width() > 200  # it takes the spare width
    assert spin.geometry().right() > 300  # pushed to the right end


def test_a_labelled_row_without_grow_keeps_to_its_parts(qtbot, host):
    spin = spin_box(None, 1, 9, 3)
    row = show_in(qtbot, host, labelled_row(None, "k =", spin))
    assert spin.geometry().right() < row.width() / 2


def test_blocked_restores_each_widgets_own_state():
    first, second = QComboBox(), QComboBox()
    second.blockSignals(True)
    with blocked(first, second):
        assert first.signalsBlocked() and second.signalsBlocked()
        with blocked(first):
            pass
        assert first.signalsBlocked()  # the inner block gave back the outer one's state
    assert not first.signalsBlocked() and second.signalsBlocked()
