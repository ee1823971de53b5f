"""The gradient lab's axes tick whole layers and whole decades at pyqtgraph's own spacing."""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtWidgets import QApplication

from nnplayground.app.labs.gradient.gradient_lab_plots import DecadePlot, FractionPlot, ProfilePlot
from qt_helpers import show


SIZE = (420, 300)


def levels(axis):
    """(spacing, values) per tick level, and the labels of the first, as the axis draws them now."""
    QApplication.processEvents()  # the axis follows the view's range
    vertical = axis.orientation in ("left", "right")
    size = axis.geometry().height() if vertical else axis.geometry().width()
    ticks = axis.tickValues(*axis.range, size)
    spacing, values = ticks[0]
    return ticks, axis.tickStrings(values, axis.scale, spacing)


SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def decade_text(n: int) -> str:
    """How 10^n reads on the axis: plainly near 1, else as a power."""
    return {-2: "0.01", -1: "0.1", 0: "1", 1: "10", 2: "100"}.get(n) or "10" + str(n).translate(SUPERSCRIPTS)


def decade_ticks_of(qtbot, low: int, high: int):
    plot = show(qtbot, DecadePlot(), SIZE)
    plot.fit_decades([np.array([10.0 ** low, 10.0 ** high])])
    ticks, labels = levels(plot.item.getAxis("left"))
    (step, major), *minor = ticks
    assert all(v == int(v) and int(v) % step == 0 for v in major)  # whole decades, evenly apart
    assert labels == [decade_text(int(v)) for v in major]
    return step, major, [v for _, values in minor for v in values]


def test_a_log_axis_over_a_few_decades_labels_each_and_ticks_2_to_9_times(qtbot):
    step, major, minor = decade_ticks_of(qtbot, -3, 0)
    assert step == 1 and major == [-3, -2, -1, 0]
    expected = [n + math.log10(m) for n in range(-3, 0) for m in range(2, 10)]
    np.testing.assert_allclose(sorted(v for v in minor if -3 < v < 0), expected)
    assert not set(minor) & set(major)  # each place ticked once


def test_a_log_axis_over_600_decades_stays_sparse(qtbot):
    step, major, minor = decade_ticks_of(qtbot, -300, 300)
    assert step >= 50 and 2 <= len(major) <= 12
    assert 0 < len(minor) <= 4 * len(major)  # a few unlabelled ticks per gap, not thousands


def test_layer_axes_count_whole_layers_and_name_the_output(qtbot):
    profile = show(qtbot, ProfilePlot(), SIZE)
    profile.set_layers(5, "output")
    ticks, drawn = levels(profile.item.getAxis("bottom"))
    assert ticks[0][1] == [1, 2, 3, 4, 5] and drawn == ["1", "2", "3", "4", "output"]
    fraction = show(qtbot, FractionPlot(), (300, 300))
    fraction.set_layers(90)
    ticks, drawn = levels(fraction.item.getAxis("bottom"))
    (step, values), = ticks
    assert values[0] == 1 and values[-1] == 90 and drawn[-1] == "90"
    assert step == int(step) >= 10 and len(values) <= 12
    assert all(math.isclose(v % step, 0) for v in values[1:-1])


def test_the_output_label_has_room_next_to_the_last_numbered_layer(qtbot):
    profile = show(qtbot, ProfilePlot(), (700, 300))
    profile.set_layers(31, "output")  # the depth tab's 30 hidden layers and the output
    ticks, drawn = levels(profile.item.getAxis("bottom"))
    (step, values), = ticks
    assert step >= 2 and values[-1] == 31 and drawn[-1] == "output"
    assert 31 - values[-2] > step / 2  # 30 would print "30" against "output"
