"""The gradient lab driven as a person would: open it from the Labs menu, move the controls,
press Play, Step and Reset, and check that the plots show the real numbers of the runs."""
import dataclasses

import gradient_lab_helpers
import numpy as np
import pytest
from gradient_lab_helpers import choose, hidden_layers, play_until, wait_drawn, wait_for
from PySide6.QtCore import Qt
from qt_helpers import TIMEOUT_MS, click, worker_settled

from nnplayground.app.labs import GradientLab, Remedies
from nnplayground.app.worker import PUBLISH_HZ
from nnplayground.core import Trainer
from nnplayground.core.presets import load_preset

lab = gradient_lab_helpers.lab  # the fixture, by the name the tests ask for


def test_the_labs_menu_opens_one_lab_and_reopens_it_as_it_was(qtbot, main_window):
    window = main_window
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("&Labs") == titles.index("&Presets") + 1 == titles.index("&View") - 1

    window.gradient_lab_action.trigger()
    lab = window.labs["gradient"]
    assert isinstance(lab, GradientLab) and lab.isVisible() and lab.is_running
    wait_for(qtbot, lab, lambda s: True)
    window.gradient_lab_action.trigger()
    assert window.labs["gradient"] is lab  # raised, not opened twice

    lab.tabs.setCurrentWidget(lab.saturation_tab)
    click(qtbot, lab.play_button)
    qtbot.waitUntil(lambda: lab.play_button.isChecked(), timeout=TIMEOUT_MS)
    lab.close()  # closing pauses: nobody watches, and training would take the GIL from the main window
    qtbot.waitUntil(lambda: not lab.play_button.isChecked(), timeout=TIMEOUT_MS)
    assert lab.is_running
    window.gradient_lab_action.trigger()
    assert window.labs["gradient"] is lab and lab.isVisible() and lab.tabs.currentWidget() is lab.saturation_tab
    click(qtbot, lab.play_button)
    qtbot.waitUntil(lambda: lab.play_button.isChecked(), timeout=TIMEOUT_MS)
    window.close()  # shuts the lab down too, while it trains
    assert not lab.is_running and not lab.isVisible()


def test_fifty_sigmoid_layers_make_the_gradient_vanish(qtbot, lab):
    tab = lab.depth_tab
    choose(tab.activation, "sigmoid")
    tab.depth.slider.setValue(50)
    wait_for(qtbot, lab, lambda s: hidden_layers(s) == 50)
    assert lab.depth_tab.loaded[0].network.hidden[0].activation == "sigmoid"
    click(qtbot, lab.step_button)
    wait_for(qtbot, lab, lambda s: s[0].iteration == 1)
    wait_drawn(qtbot, lab, tab)

    profile = lab.snapshots[0].profile
    assert len(profile.delta_norms) == 51  # 50 hidden layers and the output layer
    curve = tab.profile.curves[0]
    np.testing.assert_array_equal(curve.xData, np.arange(1, 52))
    np.testing.assert_array_equal(curve.yData, profile.delta_norms)
    assert profile.first_over_last < 1e-3
    assert "iteration 1" in lab.status_lines()[0]


def test_a_linear_orthogonal_net_scales_the_signal_by_the_gain_per_layer(qtbot, lab):
    tab = lab.depth_tab
    choose(tab.activation, "linear")
    choose(tab.init, "orthogonal")
    tab.gain.slider.setValue(150)
    tab.depth.slider.setValue(30)
    wait_for(qtbot, lab, lambda s: hidden_layers(s) == 30 and s[0].experiment.network.init_gain == 1.5)
    wait_drawn(qtbot, lab, tab)

    net = lab.snapshots[0].experiment.network
    assert net.init == "orthogonal" and {h.activation for h in net.hidden} == {"linear"}
    profile = lab.snapshots[0].profile
    assert profile.first_over_last > 1e3
    L = len(profile.delta_norms)
    expected = profile.delta_norms[-1] * 1.5 ** (L - np.arange(1, L + 1))
    np.testing.assert_allclose(tab.profile.expected.yData, expected)
    np.testing.assert_allclose(profile.delta_norms, expected, rtol=1e-9)  # orthogonal: exactly the gain
    assert profile.first_over_last == pytest.approx(1.5 ** 30, rel=1e-9)

    choose(tab.activation, "tanh")  # the expected line is only for linear nets
    wait_for(qtbot, lab, lambda s: s[0].experiment.network.hidden[0].activation == "tanh")
    wait_drawn(qtbot, lab, tab)
    assert tab.profile.expected.yData is None or len(tab.profile.expected.yData) == 0
    assert tab.profile.extra_entries == []  # nor its legend entry


def test_a_remedy_trains_before_and_after_side_by_side(qtbot, lab):
    tab = lab.depth_tab
    tab.remedy_bar.clip_spin.setValue(0.5)
    tab.remedy_bar.checks["clip"].setChecked(True)
    wait_for(qtbot, lab, lambda s: len(s) == 2)
    before, after = (s.experiment for s in lab.snapshots)
    assert before.optimizer.clip_norm is None and after.optimizer.clip_norm == 0.5
    assert dataclasses.replace(after, optimizer=before.optimizer) == before
    click(qtbot, lab.step_button)
    wait_for(qtbot, lab, lambda s: all(x.iteration == 1 for x in s))
    wait_drawn(qtbot, lab, tab)

    assert len(tab.profile.curves) == 2 and len(tab.loss.curves) == 2
    for curve, snapshot in zip(tab.profile.curves, lab.snapshots):
        np.testing.assert_array_equal(curve.yData, snapshot.profile.delta_norms)
    assert tab.profile.curves[0].opts["pen"].style() == Qt.PenStyle.DashLine  # before
    assert tab.profile.curves[1].opts["pen"].style() == Qt.PenStyle.SolidLine  # after
    assert tab.profile.series[1].name == "after (clip at 0.5)"
    record = lab.snapshots[1].record
    assert record.clipped == (record.global_grad_norm > 0.5) and not lab.snapshots[0].record.clipped
    assert [line.split(":")[0] for line in lab.status_lines()] == ["■ before", "■ after (clip at 0.5)"]

    tab.remedy_bar.checks["clip"].setChecked(False)
    wait_for(qtbot, lab, lambda s: len(s) == 1)
    wait_drawn(qtbot, lab, tab)
    assert len(tab.profile.curves) == 1


def test_the_exploding_preset_diverges_at_a_usual_learning_rate_and_reset_recovers(qtbot, lab):
    tab = lab.depth_tab
    click(qtbot, tab.exploding_button)
    wait_for(qtbot, lab, lambda s: s[0].experiment.network.init == "orthogonal")
    preset = load_preset("exploding-deep-gain")
    net = lab.snapshots[0].experiment.network
    assert net.hidden == preset.network.hidden and net.init_gain == preset.network.init_gain
    assert tab.lr.currentData() == preset.optimizer.learning_rate

    choose(tab.lr, 0.01)
    wait_for(qtbot, lab, lambda s: s[0].experiment.optimizer.learning_rate == 0.01)
    play_until(qtbot, lab, lambda s: s[0].status == "diverged")
    d = lab.snapshots[0].divergence
    reference = Trainer(lab.snapshots[0].experiment)  # the same run without the window
    assert reference.run() == "diverged" and reference.divergence == d
    qtbot.waitUntil(lambda: "diverged" in lab.status_lines()[0], timeout=TIMEOUT_MS)
    line = lab.status_lines()[0]
    assert f"diverged at iteration {d.iteration}, layer {d.layer} (non-finite {d.where})" in line
    assert d.iteration < 10
    wait_drawn(qtbot, lab, tab)
    # The diverged run's norms are not finite: the plot keeps its last finite profile.
    assert not np.isfinite(lab.snapshots[0].profile.delta_norms).all()
    last = tab.finite[0]
    assert last.iteration < d.iteration and np.isfinite(last.profile.delta_norms).all()
    np.testing.assert_array_equal(tab.profile.curves[0].yData, last.profile.delta_norms)
    assert "before it diverged" in tab.profile.title

    click(qtbot, lab.reset_button)
    wait_for(qtbot, lab, lambda s: s[0].iteration == 0 and s[0].divergence is None)
    qtbot.waitUntil(lambda: lab.status_lines() == ["iteration 0"], timeout=TIMEOUT_MS)
    click(qtbot, lab.step_button)
    wait_for(qtbot, lab, lambda s: s[0].iteration == 1)  # trains again


def test_large_initial_weights_saturate_tanh_and_xavier_fixes_it(qtbot, lab):
    lab.tabs.setCurrentWidget(lab.init_tab)
    tab = lab.init_tab
    wait_for(qtbot, lab, lambda s: s[0].experiment.network.init_gain == 4.0)
    tab.remedy_bar.checks["init"].setChecked(True)
    wait_for(qtbot, lab, lambda s: len(s) == 2)
    play_until(qtbot, lab, lambda s: s[0].iteration >= 30)
    wait_drawn(qtbot, lab, tab)

    before, after = lab.snapshots
    assert after.experiment.network.init_gain == 1.0
    for plot, snapshot in zip(tab.maps, lab.snapshots):
        counts = snapshot.profile.histograms
        np.testing.assert_allclose(plot.density, counts / counts.max(axis=1, keepdims=True))
    edges = before.profile.bin_edges
    centres = (edges[:-1] + edges[1:]) / 2

    def saturated(s):
        return s.profile.histograms[:, np.abs(centres) > 2].sum() / s.profile.histograms.sum()
    assert saturated(before) > 0.4 > 0.1 > saturated(after)
    assert tab.maps[1].isVisible()
    assert [z.getRegion() for z in tab.maps[0].zones] == [(-8.0, -2.0), (2.0, 8.0)]


def test_four_activations_side_by_side_show_dead_units_and_fading_gradients(qtbot, lab):
    lab.tabs.setCurrentWidget(lab.saturation_tab)
    tab = lab.saturation_tab
    wait_for(qtbot, lab, lambda s: len(s) == 4)
    activations = [s.experiment.network.hidden[0].activation for s in lab.snapshots]
    assert activations == ["sigmoid", "tanh", "relu", "leaky_relu"]
    assert all(hidden_layers(lab.snapshots) == 20 for _ in activations)
    wait_drawn(qtbot, lab, tab)
    assert all(curve.yData is None or len(curve.yData) == 0  # measured on training batches
               for curve in tab.saturation.curves)

    click(qtbot, lab.step_button)
    wait_for(qtbot, lab, lambda s: all(x.iteration == 1 for x in s))
    wait_drawn(qtbot, lab, tab)
    assert len(tab.saturation.curves) == 4 and len(tab.profile.curves) == 4
    saturation = {}
    for curve, snapshot, name in zip(tab.saturation.curves, lab.snapshots, activations):
        np.testing.assert_array_equal(curve.yData, snapshot.record.saturated)
        saturation[name] = snapshot.record.saturated
    assert saturation["relu"].max() > 0.2  # units with z < 0 pass nothing back for that sample
    assert not saturation["leaky_relu"].any()  # its slope there, 0.01, is never below 1% of 1
    ratios = {name: s.profile.first_over_last for name, s in zip(activations, lab.snapshots)}
    for curve, snapshot in zip(tab.profile.curves, lab.snapshots):
        np.testing.assert_array_equal(curve.yData, snapshot.profile.delta_norms)
    # Xavier init: sigmoid (slope <= 0.25) vanishes by many decades; ReLU, with half its units
    # passing nothing, by a few; tanh (slope 1 near 0) hardly at all.
    assert ratios["sigmoid"] < 1e-9 < 1e-5 < ratios["relu"] < 1e-2 < ratios["tanh"]

    choose(tab.init, "he")  # twice Xavier's variance makes up for the dead half
    wait_for(qtbot, lab, lambda s: s[0].experiment.network.init == "he_uniform")
    click(qtbot, lab.step_button)
    wait_for(qtbot, lab, lambda s: all(x.iteration == 1 for x in s))
    he = {name: s.profile.first_over_last for name, s in zip(activations, lab.snapshots)}
    assert he["relu"] > 0.1 and he["leaky_relu"] > 0.1 and he["sigmoid"] < 1e-6


def test_outlier_batches_are_marked_where_the_gradient_spikes(qtbot, lab):
    lab.tabs.setCurrentWidget(lab.outlier_tab)
    tab = lab.outlier_tab
    tab.count.slider.setValue(10)
    wait_for(qtbot, lab, lambda s: s[0].experiment.data.outliers == 10)
    play_until(qtbot, lab, lambda s: s[0].iteration >= 100)
    wait_drawn(qtbot, lab, tab)

    s = lab.snapshots[0]
    has_outlier = s.history["outliers"] > 0
    assert 0 < has_outlier.sum() < len(has_outlier)
    assert tab.spikes.marker_count == int(has_outlier.sum())
    x, y = tab.spikes.markers.getData()
    np.testing.assert_array_equal(x, s.history_x[has_outlier])
    np.testing.assert_array_equal(y, s.history["global_grad_norm"][has_outlier])
    np.testing.assert_array_equal(tab.spikes.curves[0].yData, s.history["global_grad_norm"])
    norms = s.history["global_grad_norm"]
    assert np.median(norms[has_outlier]) > 2 * np.median(norms[~has_outlier])

    tab.remedy_bar.checks["huber"].setChecked(True)
    wait_for(qtbot, lab, lambda s: len(s) == 2)
    assert lab.snapshots[1].experiment.network.regression_loss == "huber"
    play_until(qtbot, lab, lambda s: s[0].iteration >= 100)
    wait_drawn(qtbot, lab, tab)
    mse, huber = (x.history["global_grad_norm"] for x in lab.snapshots)
    assert np.max(huber) < np.max(mse)
    assert tab.spikes.marker_count == int((lab.snapshots[0].history["outliers"] > 0).sum())

    tab.count.slider.setValue(0)  # no outliers: no markers
    wait_for(qtbot, lab, lambda s: s[0].experiment.data.outliers == 0)
    click(qtbot, lab.step_button)
    wait_for(qtbot, lab, lambda s: s[0].iteration == 1)
    wait_drawn(qtbot, lab, tab)
    assert tab.spikes.marker_count == 0


def test_choosing_huber_loss_disables_the_huber_remedy(qtbot, lab):
    lab.tabs.setCurrentWidget(lab.outlier_tab)
    tab = lab.outlier_tab
    tab.remedy_bar.checks["huber"].setChecked(True)
    wait_for(qtbot, lab, lambda s: len(s) == 2)
    choose(tab.loss_choice, "huber")
    wait_for(qtbot, lab, lambda s: len(s) == 1 and s[0].experiment.network.regression_loss == "huber")
    assert not tab.remedy_bar.checks["huber"].isEnabled()


def test_remedies_change_only_what_they_name():
    base = load_preset("vanishing-deep-sigmoid")
    assert not Remedies().active and Remedies().apply(base) == base
    he = Remedies(init=True, relu=True).apply(base)
    assert {h.activation for h in he.network.hidden} == {"relu"}
    assert (he.network.init, he.network.init_gain) == ("he_uniform", 1.0)
    xavier = Remedies(init=True).apply(dataclasses.replace(
        base, network=dataclasses.replace(base.network, init="orthogonal", init_gain=3.0)))
    assert (xavier.network.init, xavier.network.init_gain) == ("xavier_uniform", 1.0)
    slow = Remedies(lower_lr=True, clip_norm=2.0).apply(base)
    assert slow.optimizer.learning_rate == pytest.approx(base.optimizer.learning_rate / 10)
    assert slow.optimizer.clip_norm == 2.0 and slow.network == base.network
    assert Remedies(huber=True).apply(base) == base  # classification has no Huber loss
    assert Remedies(huber=True).apply(load_preset("outliers-regression")).network.regression_loss == "huber"


def test_switching_tabs_trains_only_the_tab_in_front(qtbot, lab):
    play_until(qtbot, lab, lambda s: s[0].iteration >= 5)
    lab.tabs.setCurrentWidget(lab.outlier_tab)
    wait_for(qtbot, lab, lambda s: s[0].experiment.data.dataset == "plane")
    assert lab.snapshots[0].iteration == 0 and not lab.play_button.isChecked()
    lab.tabs.setCurrentWidget(lab.depth_tab)
    wait_for(qtbot, lab, lambda s: s[0].experiment.data.dataset == "circle" and s[0].iteration == 0)


def test_a_closed_lab_shows_again_with_its_tab_settings_and_runs(qtbot, lab):
    lab.tabs.setCurrentWidget(lab.outlier_tab)
    tab = lab.outlier_tab
    choose(tab.loss_choice, "huber")
    tab.count.slider.setValue(12)  # rebuilds last, once the slider rests
    wait_for(qtbot, lab, lambda s: s[0].experiment.data.outliers == 12)
    shown = lab.snapshots

    assert lab.close() and not lab.isVisible()
    lab.show()
    qtbot.waitExposed(lab)
    assert lab.tabs.currentWidget() is tab and lab.tabs.tabText(lab.tabs.currentIndex()) == "Outliers"
    assert (tab.count.value(), tab.count.label.text(), tab.loss_choice.currentData()) == (12, "12", "huber")
    assert not tab.remedy_bar.checks["huber"].isEnabled()
    assert lab.snapshots is shown and shown[0].experiment is tab.loaded[0]  # the same runs, not rebuilt


def test_a_hidden_lab_pauses_trains_on_when_shown_again_and_stops_at_shutdown(qtbot, lab):
    click(qtbot, lab.play_button)
    wait_for(qtbot, lab, lambda s: s[0].iteration >= 5)
    lab.hide()  # what closing will do once the window is reused
    qtbot.waitUntil(lambda: not lab.play_button.isChecked(), timeout=TIMEOUT_MS)
    worker_settled(qtbot, lab.worker_thread)  # the snapshot the worker published when it paused is in
    paused = lab.snapshots[0].iteration
    assert lab.snapshots[0].status == "training" and lab.is_running  # paused long before every epoch was done
    qtbot.wait(10 * 1000 // PUBLISH_HZ)  # ten snapshots' time, if the worker were training
    assert lab.snapshots[0].iteration == paused  # nothing trains while hidden

    lab.show()
    qtbot.waitExposed(lab)
    assert lab.tabs.currentWidget() is lab.depth_tab and lab.snapshots[0].iteration == paused
    click(qtbot, lab.step_button)
    wait_for(qtbot, lab, lambda s: s[0].iteration == paused + 1)  # the same runs, on from where they stopped

    click(qtbot, lab.play_button)
    qtbot.waitUntil(lab.play_button.isChecked, timeout=TIMEOUT_MS)
    lab.shutdown()  # the application exits while the lab trains
    assert not lab.isVisible() and not lab.is_running


def test_switching_a_remedy_on_while_playing_plays_on(qtbot, lab):
    tab = lab.depth_tab
    click(qtbot, lab.play_button)
    wait_for(qtbot, lab, lambda s: s[0].iteration >= 3)
    qtbot.mouseClick(tab.remedy_bar.checks["lower_lr"], Qt.MouseButton.LeftButton)
    wait_for(qtbot, lab, lambda s: len(s) == 2 and all(x.iteration >= 3 for x in s))  # new runs, training
    assert lab.play_button.isChecked() and lab.play_button.text() == "Pause"
    assert lab.snapshots[1].experiment.optimizer.learning_rate == pytest.approx(0.01)
    qtbot.mouseClick(tab.remedy_bar.checks["lower_lr"], Qt.MouseButton.LeftButton)
    wait_for(qtbot, lab, lambda s: len(s) == 1 and s[0].iteration >= 3)
    assert lab.play_button.isChecked()
    click(qtbot, lab.play_button)
    qtbot.waitUntil(lambda: not lab.play_button.isChecked(), timeout=TIMEOUT_MS)
    qtbot.mouseClick(tab.remedy_bar.checks["lower_lr"], Qt.MouseButton.LeftButton)  # paused: stays paused
    wait_for(qtbot, lab, lambda s: len(s) == 2)
    worker_settled(qtbot, lab.worker_thread)
    assert not lab.play_button.isChecked() and lab.snapshots[1].iteration == 0


def test_an_after_run_whose_relu_units_died_says_why_its_curve_is_missing(qtbot, lab):
    tab = lab.depth_tab
    tab.depth.slider.setValue(100)
    wait_for(qtbot, lab, lambda s: hidden_layers(s) == 100)
    wait_drawn(qtbot, lab, tab)
    assert not tab.silence_label.isVisibleTo(lab)
    qtbot.mouseClick(tab.remedy_bar.checks["relu"], Qt.MouseButton.LeftButton)
    wait_for(qtbot, lab, lambda s: len(s) == 2)
    play_until(qtbot, lab, lambda s: s[1].profile.delta_norms[0] == 0)  # a lr of 0.1 kills 100 ReLU layers
    wait_drawn(qtbot, lab, tab)

    before, after = lab.snapshots
    norms = after.profile.delta_norms
    top = int(np.flatnonzero(norms[:-1] == 0).max()) + 1  # the highest layer with no signal at all
    assert after.experiment.network.hidden[top - 1].activation == "relu"
    assert np.count_nonzero(np.isfinite(tab.profile.curves[1].yData[:top])) == 0  # nothing drawn there
    assert "after 0" in tab.profile.title
    assert tab.silence_label.isVisibleTo(lab)
    assert tab.silence_label.text().startswith(f"after (ReLU): no gradient reaches layers 1 to {top}: "
                                               f"every ReLU unit of layer {top} outputs 0")
    assert "before" not in tab.silence_label.text()  # the sigmoid run's tiny signal is still drawn
    assert np.all(before.profile.delta_norms > 0)


def test_the_r2_axis_shows_values_below_minus_one_and_labels_where_it_cuts(qtbot, lab):
    lab.tabs.setCurrentWidget(lab.outlier_tab)
    tab = lab.outlier_tab
    tab.count.slider.setValue(10)
    tab.magnitude.slider.setValue(20)
    choose(tab.lr, 0.03)
    wait_for(qtbot, lab, lambda s: s[0].experiment.optimizer.learning_rate == 0.03
             and s[0].experiment.data.outlier_magnitude == 20 and s[0].experiment.data.outliers == 10)
    for _ in range(60):  # exactly 60 iterations: how far Play gets decides how low R² has been
        click(qtbot, lab.step_button)
    wait_for(qtbot, lab, lambda s: s[0].iteration == 60)
    wait_drawn(qtbot, lab, tab)
    r2 = lab.snapshots[0].eval_history["test_metric"]
    low, high = tab.r2.item.viewRange()[1]
    assert -10 < r2.min() < -1  # the old axis stopped at -1
    assert low <= r2.min() and high >= max(r2.max(), 1.0)
    assert high - 1.0 <= 0.06 * (high - low)  # above R² = 1 only a margin: nothing is drawn there
    assert "cut" not in tab.r2.title

    tab.count.slider.setValue(30)
    choose(tab.lr, 0.3)
    wait_for(qtbot, lab, lambda s: s[0].experiment.optimizer.learning_rate == 0.3
             and s[0].experiment.data.outliers == 30)
    play_until(qtbot, lab, lambda s: s[0].iteration >= 30)
    wait_drawn(qtbot, lab, tab)
    r2 = lab.snapshots[0].eval_history["test_metric"]
    low, high = tab.r2.item.viewRange()[1]
    assert r2.min() < -10 and -11 < low < -10
    assert tab.r2.title.endswith(f"axis cut at -10: the lowest R² is {r2.min():.3g}")
