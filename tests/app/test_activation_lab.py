"""The activation lab driven as a person would: pick functions, move sliders, hover the plot,
open it from the main window's Labs menu and train there; every number checked independently."""
import re

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from nnplayground.app import labels
from nnplayground.app.labs import ActivationLab
from nnplayground.core.activations import ACTIVATIONS, SATURATION_FRACTION
from nnplayground.core.presets import load_preset
from qt_helpers import TIMEOUT_MS, click_action, menu_action, pause, show


@pytest.fixture
def lab(qtbot):
    window = show(qtbot, ActivationLab())
    yield window
    window.close()


def curve_at(curve, x: float) -> float:
    """The curve's y at the sample nearest ``x``."""
    xs, ys = curve.getData()
    i = int(np.argmin(np.abs(xs - x)))
    assert abs(xs[i] - x) < 1e-9
    return float(ys[i])


# ----- Functions -------------------------------------------------------------------------------

def test_the_curves_pass_through_known_points(qtbot, lab):
    tab = lab.functions_tab
    f, df = tab.plot.curves
    tab.select("sigmoid")
    assert curve_at(f, 0.0) == pytest.approx(0.5)
    assert curve_at(df, 0.0) == pytest.approx(0.25)
    assert curve_at(f, 2.0) == pytest.approx(1 / (1 + np.exp(-2.0)))
    tab.select("tanh")
    assert curve_at(df, 0.0) == pytest.approx(1.0)
    assert curve_at(f, 1.0) == pytest.approx(np.tanh(1.0))
    tab.select("relu")
    assert curve_at(f, -1.0) == 0.0 and curve_at(f, 3.0) == pytest.approx(3.0)
    assert curve_at(df, -1.0) == 0.0 and curve_at(df, 1.0) == 1.0
    tab.select("linear")
    assert curve_at(f, -4.5) == pytest.approx(-4.5) and curve_at(df, 5.0) == 1.0


def test_the_leaky_slope_follows_its_slider(qtbot, lab):
    tab = lab.functions_tab
    f, df = tab.plot.curves
    tab.select("leaky_relu")
    assert tab.alpha.isVisible()
    tab.alpha.slider.setFocus()
    tab.alpha.slider.setValue(0)
    for _ in range(20):  # as a person would: the arrow key, one hundredth at a time
        qtbot.keyClick(tab.alpha.slider, Qt.Key.Key_Right)
    assert tab.alpha.value() == pytest.approx(0.2)
    assert tab.alpha.label.text() == "α = 0.20"
    assert curve_at(f, -1.0) == pytest.approx(-0.2)
    assert curve_at(f, 2.0) == pytest.approx(2.0)
    assert curve_at(df, -3.0) == pytest.approx(0.2)
    tab.select("sigmoid")
    assert not tab.alpha.isVisible()  # only leaky ReLU has a slope to set


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu", "linear"])
def test_the_slope_curve_is_the_registry_derivative(qtbot, lab, name):
    tab = lab.functions_tab
    tab.select(name)
    xs, ys = tab.plot.curves[1].getData()
    rng = np.random.default_rng(3)
    picks = rng.choice(len(xs), 25, replace=False)
    act = ACTIVATIONS[name]
    expected = act.grad(xs[picks], tab.alpha_value())
    np.testing.assert_allclose(ys[picks], expected)
    np.testing.assert_allclose(tab.plot.curves[0].getData()[1][picks], act(xs[picks], tab.alpha_value()))


def test_the_output_range_is_drawn_and_named(qtbot, lab):
    tab = lab.functions_tab
    tab.select("sigmoid")
    lines = [line.value() for line in tab.plot.range_lines if line.isVisible()]
    assert lines == [0.0, 1.0]
    assert tab.plot.range_text.textItem.toPlainText() == "range (0, 1)"
    tab.select("tanh")
    assert [line.value() for line in tab.plot.range_lines if line.isVisible()] == [-1.0, 1.0]
    assert tab.plot.range_text.textItem.toPlainText() == "range (−1, 1)"
    tab.select("relu")
    assert [line.value() for line in tab.plot.range_lines if line.isVisible()] == [0.0]
    assert tab.plot.range_text.textItem.toPlainText() == "range [0, ∞)"
    tab.select("linear")
    assert not any(line.isVisible() for line in tab.plot.range_lines)
    assert tab.plot.range_text.textItem.toPlainText() == "range (−∞, ∞)"


def test_the_shaded_zones_start_where_the_slope_falls_below_one_percent(qtbot, lab):
    tab = lab.functions_tab
    tab.select("sigmoid")
    zones = tab.plot.zone_edges()
    assert len(zones) == 2
    (a0, b0), (a1, b1) = zones
    assert a0 == -6.0 and b1 == 6.0  # out to the plot's edges
    # where sigmoid' = 1% of its peak 0.25: s (1 - s) = 0.0025, independently of the registry
    s = (1 - np.sqrt(1 - 4 * SATURATION_FRACTION * 0.25)) / 2
    edge = np.log((1 - s) / s)
    assert b0 == pytest.approx(-edge, abs=1e-9) and a1 == pytest.approx(edge, abs=1e-9)
    assert edge == pytest.approx(5.9865, abs=1e-4)
    tab.select("tanh")
    (_, b0), (a1, _) = tab.plot.zone_edges()
    assert a1 == pytest.approx(np.arctanh(np.sqrt(1 - SATURATION_FRACTION)), abs=1e-9) == pytest.approx(-b0)
    tab.select("relu")
    [(a, b)] = tab.plot.zone_edges()
    assert a == -6.0 and b == pytest.approx(0.0, abs=1e-9)  # the dead side
    assert "x < 0" in tab.zone_label.text()
    tab.select("leaky_relu")  # alpha 0.01 is exactly 1% of the peak slope: not dead
    assert tab.plot.zone_edges() == []
    tab.alpha.slider.setValue(0)
    assert len(tab.plot.zone_edges()) == 1
    tab.select("linear")
    assert tab.plot.zone_edges() == []


def hover(qtbot, plot, x: float, y: float = 0.5):
    """Move the mouse over the plot to the data point (x, y), aiming afresh until the cursor
    stands within a pixel of x (the plot may still be laying out its axes)."""
    vb = plot.item.getViewBox()

    def aimed():
        qtbot.mouseMove(plot.viewport(), plot.mapFromScene(vb.mapViewToScene(QPointF(x, y))))
        return plot.cursor.isVisible() and abs(plot.cursor.value() - x) < 0.02  # a pixel is about 0.015
    qtbot.waitUntil(aimed, timeout=TIMEOUT_MS)


@pytest.mark.parametrize("name, x", [("sigmoid", 1.5), ("tanh", -0.75), ("relu", 2.25), ("leaky_relu", -2.0)])
def test_hovering_reads_off_both_functions(qtbot, lab, name, x):
    tab = lab.functions_tab
    tab.select(name)
    hover(qtbot, tab.plot, x)
    match = re.fullmatch(r"x = (\S+), f\(x\) = (\S+), f′\(x\) = (\S+)", tab.readout.text())
    assert match, tab.readout.text()
    shown_x, fx, dfx = (float(v.replace("−", "-")) for v in match.groups())
    assert shown_x == pytest.approx(x, abs=0.02)  # a pixel is about 0.015 of x here
    act = ACTIVATIONS[name]
    exact_x = tab.plot.cursor.value()
    assert fx == pytest.approx(act(np.array([exact_x]), tab.alpha_value())[0], abs=1e-4)
    assert dfx == pytest.approx(act.grad(np.array([exact_x]), tab.alpha_value())[0], abs=1e-4)
    assert tab.plot.cursor.isVisible()


# ----- Softmax ----------------------------------------------------------------------------------

def numpy_softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def test_softmax_bars_sum_to_one_and_follow_the_temperature(qtbot, lab):
    tab = lab.softmax_tab
    lab.tabs.setCurrentWidget(tab)
    rng = np.random.default_rng(7)
    for count in (2, 5, 10):
        tab.classes.setValue(count)
        positions = rng.integers(-50, 51, count)
        for slider, position in zip(tab.logit_sliders, positions):
            slider.slider.setValue(int(position))
        assert sum(s.isVisible() for s in tab.logit_sliders) == count
        z = positions / 10
        bars = tab.softmax_plot.heights
        assert len(bars) == count and bars.sum() == pytest.approx(1.0)
        np.testing.assert_allclose(bars, numpy_softmax(z))
        np.testing.assert_allclose(tab.sigmoid_plot.heights, 1 / (1 + np.exp(-z)))
        for t_position, t in ((0, 0.1), (5, 10 ** -0.5), (20, 10.0)):
            tab.temperature.slider.setValue(t_position)
            assert tab.temperature.value() == pytest.approx(float(f"{t:.2g}"))
            t = tab.temperature.value()
            np.testing.assert_allclose(tab.softmax_plot.heights, numpy_softmax(z / t))
            assert tab.softmax_plot.heights.sum() == pytest.approx(1.0)
            np.testing.assert_allclose(tab.sigmoid_plot.heights, 1 / (1 + np.exp(-z)))  # no temperature
        tab.temperature.slider.setValue(10)
        assert tab.temperature.value() == 1.0
        sums = re.findall(r"<b>([0-9.]+)</b>", tab.sums.text())
        assert float(sums[0]) == pytest.approx(1.0)
        assert float(sums[1]) == pytest.approx((1 / (1 + np.exp(-z))).sum(), abs=5e-4)


def test_the_buttons_set_the_logits(qtbot, lab):
    tab = lab.softmax_tab
    lab.tabs.setCurrentWidget(tab)
    tab.classes.setValue(6)
    qtbot.mouseClick(tab.zero_button, Qt.MouseButton.LeftButton)
    np.testing.assert_allclose(tab.softmax_plot.heights, np.full(6, 1 / 6))
    np.testing.assert_allclose(tab.sigmoid_plot.heights, np.full(6, 0.5))
    qtbot.mouseClick(tab.random_button, Qt.MouseButton.LeftButton)
    z = tab.logits()
    assert len(z) == 6 and np.ptp(z) > 0
    np.testing.assert_allclose(tab.softmax_plot.heights, numpy_softmax(z))


def test_a_closed_lab_shows_again_with_its_tab_and_settings(qtbot, lab):
    tab = lab.functions_tab
    tab.select("leaky_relu")
    tab.alpha.slider.setValue(30)
    lab.tabs.setCurrentWidget(lab.softmax_tab)
    lab.softmax_tab.classes.setValue(7)
    qtbot.mouseClick(lab.softmax_tab.zero_button, Qt.MouseButton.LeftButton)

    assert lab.close() and not lab.isVisible()
    lab.show()
    qtbot.waitExposed(lab)
    assert lab.tabs.currentWidget() is lab.softmax_tab
    assert lab.softmax_tab.classes.value() == 7 and sum(s.isVisible() for s in lab.softmax_tab.logit_sliders) == 7
    np.testing.assert_allclose(lab.softmax_tab.softmax_plot.heights, np.full(7, 1 / 7))
    lab.tabs.setCurrentWidget(tab)
    assert tab.current() == "leaky_relu" and tab.alpha.isVisible() and tab.alpha.label.text() == "α = 0.30"
    assert curve_at(tab.plot.curves[0], -2.0) == pytest.approx(-0.6)


# ----- the main window: Output by task, During training ------------------------------------------

def test_the_labs_menu_opens_one_lab_that_follows_training(qtbot, main_window):
    window = main_window
    action = menu_action(window, "&Labs", "Activation lab...")
    assert action is window.activation_lab_action
    action.trigger()
    lab = window.labs["activation"]
    assert isinstance(lab, ActivationLab) and lab.isVisible()
    assert lab.snapshot is window.snapshot  # the newest snapshot at once
    action.trigger()
    assert window.labs["activation"] is lab  # raised, not opened twice

    assert lab.output_tab.task == "binary" and lab.output_tab.badges["binary"].isVisibleTo(lab.output_tab)
    assert not lab.output_tab.badges["multiclass"].isVisibleTo(lab.output_tab)
    lab.tabs.setCurrentWidget(lab.training_tab)
    tab = lab.training_tab
    click_action(qtbot, window, window.controls.play_action)
    qtbot.waitUntil(lambda: tab.drawn is not None and tab.drawn.iteration >= 100, timeout=TIMEOUT_MS)
    pause(qtbot, window)  # unless every epoch is done already

    def drawn_newest():
        lab.flush()
        return tab.drawn is window.snapshot
    qtbot.waitUntil(drawn_newest, timeout=TIMEOUT_MS)
    snapshot = window.snapshot
    assert lab.snapshot is snapshot and snapshot.profile is not None
    hidden = snapshot.experiment.network.hidden
    assert len(tab.plots) == len(hidden) == snapshot.profile.histograms.shape[0]
    saturated = snapshot.record.saturated
    for i, (plot, layer) in enumerate(zip(tab.plots, hidden)):
        counts = snapshot.profile.histograms[i]
        np.testing.assert_array_equal(plot.counts, counts)
        np.testing.assert_allclose(plot.shares, counts / counts.sum())
        np.testing.assert_array_equal(plot.histogram.xData, snapshot.profile.bin_edges)
        z, f = plot.curve.getData()
        np.testing.assert_allclose(f, ACTIVATIONS[layer.activation](z, layer.alpha))
        match = re.search(r"Layer (\d+), ([\w ]+): (\d+)% saturated", plot.title)
        assert match, plot.title
        assert int(match.group(1)) == i + 1 and match.group(2) == labels.activation(layer.activation)
        assert int(match.group(3)) == pytest.approx(100 * saturated[i], abs=0.5)
    assert tab.iteration_label.text() == str(snapshot.iteration)

    lab.close()
    iteration = lab.snapshot.iteration
    click_action(qtbot, window, window.controls.step_action)
    qtbot.waitUntil(lambda: window.snapshot.iteration == iteration + 1, timeout=TIMEOUT_MS)
    assert lab.snapshot.iteration == iteration  # a closed lab is left alone
    action.trigger()
    assert window.labs["activation"] is lab and lab.isVisible() and lab.snapshot is window.snapshot
    window.close()
    assert not lab.isVisible()


def test_the_task_and_a_deep_network_show_in_the_lab(qtbot, main_window):
    window = main_window
    lab = window.open_activation_lab()
    window.model.propose(load_preset("blobs"))
    qtbot.waitUntil(lambda: lab.snapshot is not None and lab.snapshot.experiment.name == window.experiment.name,
                    timeout=TIMEOUT_MS)
    assert window.experiment.network.task == "multiclass"
    assert lab.output_tab.task == "multiclass" and lab.output_tab.badges["multiclass"].isVisibleTo(lab.output_tab)
    assert not lab.output_tab.badges["binary"].isVisibleTo(lab.output_tab)
    lab.tabs.setCurrentWidget(lab.output_tab)

    deep = load_preset("vanishing-deep-sigmoid")
    window.model.propose(deep)
    lab.tabs.setCurrentWidget(lab.training_tab)
    tab = lab.training_tab
    click_action(qtbot, window, window.controls.step_action)

    def drawn_step():
        lab.flush()
        return tab.drawn is not None and tab.drawn.experiment.name == deep.name and tab.drawn.iteration == 1
    qtbot.waitUntil(drawn_step, timeout=TIMEOUT_MS)
    layers = len(deep.network.hidden)
    assert layers > 12 and len(tab.plots) == 12 and sum(p.isVisible() for p in tab.layer_plots) == 12
    assert tab.note.isVisible() and f"{layers} hidden layers" in tab.note.text()
    snapshot = tab.drawn
    for i, plot in enumerate(tab.plots):
        np.testing.assert_array_equal(plot.counts, snapshot.profile.histograms[i])
        assert f"{100 * snapshot.record.saturated[i]:.0f}% saturated" in plot.title
    assert lab.output_tab.task == "binary"


def test_before_any_step_the_titles_ask_for_training(qtbot, main_window):
    window = main_window
    lab = window.open_activation_lab()
    lab.tabs.setCurrentWidget(lab.training_tab)
    lab.flush()
    tab = lab.training_tab
    assert tab.drawn is window.snapshot and window.snapshot.record is None
    assert all("press Step or Play" in plot.title for plot in tab.plots)
    np.testing.assert_array_equal(tab.plots[0].counts, window.snapshot.profile.histograms[0])
