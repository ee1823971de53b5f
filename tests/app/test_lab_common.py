"""What the labs share (labs/common.py): the log-scale slider, the plot with its legend under
the title, the saturation zone's band and the frame of a tab."""
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from nnplayground.app.labs.common import (DASHED, SOLID, LabPlot, Series, TabFrame, log_position, log_value,
                                          scale_slider, zone_region)
from qt_helpers import show


def test_the_scale_positions_span_two_decades_evenly():
    scales = [log_value(p) for p in range(21)]
    assert scales[0] == 0.1 and scales[10] == 1.0 and scales[20] == 10.0
    assert scales[:11] == [0.1, 0.13, 0.16, 0.2, 0.25, 0.32, 0.4, 0.5, 0.63, 0.79, 1.0]
    assert all(log_position(v) == p for p, v in enumerate(scales))
    np.testing.assert_allclose(scales[11:], np.array(scales[1:11]) * 10)  # the next decade, the same steps


def test_a_scale_slider_moves_by_the_keys_in_log_steps(qtbot):
    slider = show(qtbot, scale_slider(None, 4.0, lambda g: f"×{g:.2f}"))
    assert slider.value() == 4.0 and slider.label.text() == "×4.00"
    slider.slider.setFocus()
    qtbot.keyClick(slider.slider, Qt.Key.Key_Right)
    assert slider.value() == 5.0
    qtbot.keyClick(slider.slider, Qt.Key.Key_End)
    assert slider.value() == 10.0 and slider.label.text() == "×10.00"


@pytest.fixture
def plot(qtbot):
    return show(qtbot, LabPlot())


def test_the_legend_under_the_title_names_each_curve(plot):
    plot.set_title("Loss")
    plot.set_series([Series("run", "#111111")])
    assert plot.legend_entries() == []  # a lone curve needs no legend
    curves = plot.set_series([Series("before", "#111111", dashed=True), Series("after", "#222222")])
    assert len(curves) == 2 and plot.item.titleLabel.text.startswith("Loss<br>")
    assert plot.legend_entries() == [(DASHED, "#111111", "before"), (SOLID, "#222222", "after")]
    assert curves[0].opts["pen"].style() == Qt.PenStyle.DashLine
    assert plot.set_series([Series("before", "#111111", dashed=True), Series("after", "#222222")]) is curves
    plot.set_extra_entries([("●", "#d62728", "outlier")])
    assert plot.legend_entries()[-1] == ("●", "#d62728", "outlier")
    assert "outlier" in plot.item.titleLabel.text and "after" in plot.item.titleLabel.text


def test_non_finite_values_become_gaps(plot):
    plot.set_series([Series("run", "#111111")])
    plot.set_curve(0, [1, 2, 3], [0.5, np.inf, np.nan])
    x, y = plot.curves[0].getData()
    np.testing.assert_array_equal(x, [1, 2, 3])
    assert y[0] == 0.5 and np.isnan(y[1:]).all()
    plot.clear_curves()
    x, y = plot.curves[0].getData()
    assert x is None or len(x) == 0


def test_a_zone_region_is_a_fixed_band():
    band = zone_region(-8.0, -2.0)
    assert band.getRegion() == (-8.0, -2.0) and not band.movable


def test_a_tab_frame_puts_the_explanation_and_settings_left_and_plots_right(qtbot):
    frame = TabFrame()
    frame.explanation.setText("Why")
    frame.form.addRow("Depth", QLabel("30"))
    plot = LabPlot(frame)
    frame.plot_area.addWidget(plot, 0, 0)
    frame.finish_left()
    show(qtbot, frame, (1000, 600))
    assert frame.settings.title() == "Settings" and frame.settings.isVisible()
    assert frame.explanation.geometry().bottom() < frame.settings.geometry().top()
    assert plot.mapTo(frame, plot.rect().topLeft()).x() > frame.settings.geometry().right()


def test_a_plot_without_data_shows_no_numbers_on_its_axes(qtbot):
    plot = LabPlot(log_y=True)
    qtbot.addWidget(plot)
    plot.set_series([Series("loss", "#000000")])
    axes = [plot.item.getAxis(name) for name in ("left", "bottom")]
    assert [axis.style["showValues"] for axis in axes] == [False, False]  # no "1 ... 10" before data
    plot.set_curve(0, [1, 2, 3], [0.5, 0.3, 0.2])
    assert [axis.style["showValues"] for axis in axes] == [True, True]
    plot.clear_curves()
    assert [axis.style["showValues"] for axis in axes] == [False, False]
