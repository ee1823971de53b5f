"""Controls for rows of settings, made the same way in every window (the labs, the panels).

A setting reads "name  [control]  value". In a QFormLayout the form writes the name; these
helpers make the rest:

- ``SliderRow``: a horizontal slider with its value written beside it, committing once the
  handle rests rather than at every position it passes;
- ``spin_box``, ``NumberSpin`` and ``combo_box``: a control set up in one call;
- ``labelled_row``: controls and texts side by side, for a row outside a form;
- ``scrolling``: a panel that scrolls up and down when its dock is shorter than it is;
- ``select`` and ``blocked``: set a control from code without the change looking like an edit.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (QApplication, QComboBox, QDoubleSpinBox, QFrame, QHBoxLayout, QLabel, QScrollArea, QSlider, QSpinBox,
                               QStyle, QWidget)

from .language import Retranslating

DEBOUNCE_MS = 150  # a slider moved by keyboard or wheel commits once it has rested this long


class SliderRow(Retranslating, QWidget):
    """A horizontal slider with its value written beside it.

    ``to_value`` turns a slider position (an int from ``minimum`` to ``maximum``) into the
    value that ``value()`` returns; ``text`` turns that value into the words beside the slider.
    ``widest`` is the longest of those words expected, so the slider keeps its length as they
    change. ``committed`` fires when the handle is released, or DEBOUNCE_MS after a keyboard
    or wheel change: connect expensive work (a rebuild) to it, cheap redraws to
    ``slider.valueChanged``. A language switch writes the value again (``text`` may use ``tr``).
    """

    committed = Signal()

    def __init__(self, minimum: int, maximum: int, position: int, to_value=float, text=str, parent=None, *,
                 widest: str = "×10.00"):
        super().__init__(parent)
        self.to_value, self.text = to_value, text
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(minimum, maximum)
        self.slider.setValue(position)
        self.label = QLabel(self)
        self.label.setMinimumWidth(self.fontMetrics().horizontalAdvance(widest))
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.slider, 1)
        row.addWidget(self.label)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.committed)
        self.slider.valueChanged.connect(self._moved)
        self.slider.sliderReleased.connect(self._released)
        self._write_value()

    def value(self):
        """The value at the handle's position (``to_value`` of the position)."""
        return self.to_value(self.slider.value())

    def set_position(self, position: int) -> None:
        """Move the handle without emitting anything (the caller acts once, afterwards)."""
        with blocked(self.slider):
            self.slider.setValue(position)
        self._write_value()

    def retranslate(self) -> None:
        """The value's words in the interface's language."""
        self._write_value()

    def _write_value(self) -> None:
        self.label.setText(self.text(self.value()))

    def _moved(self) -> None:
        self._write_value()
        if not self.slider.isSliderDown():  # a drag commits on release, not at every pixel
            self._timer.start()

    def _released(self) -> None:
        self._timer.stop()
        self.committed.emit()


def spin_box(parent, minimum: int, maximum: int, value: int, *, tip: str = "") -> QSpinBox:
    """An integer spin box from ``minimum`` to ``maximum`` showing ``value``. Typed digits
    apply on Enter or when focus leaves, not one keystroke at a time (typing "50" must not
    act on 5 first)."""
    spin = QSpinBox(parent, minimum=minimum, maximum=maximum, value=value, toolTip=tip)
    spin.setKeyboardTracking(False)
    return spin


class NumberSpin(QDoubleSpinBox):
    """A spin box for a real number that writes its value as briefly as it can (0.03, not
    0.030000) and steps in proportion to it (0.01 -> 0.011, 10 -> 11)."""

    def __init__(self, parent=None, minimum: float = 0.0, maximum: float = 1.0, decimals: int = 6, *,
                 tip: str = ""):
        super().__init__(parent)
        self.setDecimals(decimals)
        self.setRange(minimum, maximum)
        self.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.setToolTip(tip)

    def textFromValue(self, value: float) -> str:
        """The value as Python's ``g`` format writes it."""
        return f"{value:g}"


def combo_box(parent, items, current=None, *, tip: str = "") -> QComboBox:
    """A combo box of ``(data, text)`` items: ``text`` is shown, ``data`` is what
    ``currentData()`` returns. The item holding ``current`` is chosen (the first if None)."""
    combo = QComboBox(parent, toolTip=tip)
    for data, text in items:
        combo.addItem(text, data)
    if current is not None:
        combo.setCurrentIndex(combo.findData(current))
    return combo


def labelled_row(parent, *parts, grow=None) -> QWidget:
    """One widget holding ``parts`` side by side, left to right, with no margins (so it
    lines up as a field of a form). A ``str`` part becomes a label; ``grow`` (one of the
    parts) takes the spare width, else the row keeps to its parts' sizes."""
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        widget = QLabel(part, row) if isinstance(part, str) else part
        layout.addWidget(widget, 1 if part is grow else 0)
    if grow is None:
        layout.addStretch(1)
    return row


def scrolling(panel: QWidget, parent=None) -> QScrollArea:
    """``panel`` in a scroll area that scrolls it up and down when it is taller than the room it
    gets, and is always wide enough for it (less width would hide its right edge, not scroll)."""
    area = QScrollArea(parent, widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(panel)
    bar = area.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, area)
    area.setMinimumWidth(panel.minimumSizeHint().width() + bar)
    return area


def select(combo: QComboBox, data) -> None:
    """Choose the item of ``combo`` holding ``data`` without emitting anything."""
    with blocked(combo):
        combo.setCurrentIndex(combo.findData(data))


class blocked:
    """Block the signals of some widgets for the duration of a ``with``; each gets back the
    blocking state it had before (so nested ``blocked`` blocks are safe)."""

    def __init__(self, *widgets):
        self.widgets = widgets
        self.states: list[bool] = []

    def __enter__(self):
        self.states = [w.blockSignals(True) for w in self.widgets]

    def __exit__(self, *exc):
        for w, state in zip(self.widgets, self.states):
            w.blockSignals(state)


def set_item_texts(combo: QComboBox, texts) -> None:
    """Rewrite ``combo``'s item texts by index (a language switch): the current item and every
    item's data stay, and no signal says the choice changed."""
    with blocked(combo):
        for index, text in enumerate(texts):
            combo.setItemText(index, text)
    # QComboBox keeps the minimum size its old texts needed until its style changes; without
    # this a layout may squeeze the box below that stale minimum, or keep it too wide.
    QApplication.sendEvent(combo, QEvent(QEvent.Type.StyleChange))
