"""The gradient lab's RNN tab driven as a person would: the signal per time step under its
bound, truncated backpropagation, the long-sequence preset, clipping an exploding net."""
import dataclasses

import gradient_lab_helpers
import numpy as np
from gradient_lab_helpers import (
    choose,
    open_rnn_tab,
    play_until,
    set_rnn,
    step_and_draw,
    wait_drawn,
    wait_for,
)
from PySide6.QtCore import Qt
from qt_helpers import click

from nnplayground.core.presets import load_preset

lab = gradient_lab_helpers.lab  # the fixture, by the name the tests ask for


def test_a_spectral_radius_below_one_makes_the_signal_vanish_over_time(qtbot, lab):
    tab = open_rnn_tab(qtbot, lab)
    set_rnn(qtbot, lab, tab, radius=0.5, length=200)
    step_and_draw(qtbot, lab, tab)

    s = lab.snapshots[0]
    net = s.experiment.network
    assert (net.hidden[0].units, net.bptt_truncate, s.experiment.data.dataset) == (32, None, "remember_first")
    norms = s.profile.delta_norms
    assert len(norms) == 200 and len(s.profile.histograms) == 0
    curve = tab.profile.curves[0]
    np.testing.assert_array_equal(curve.xData, np.arange(1, 201))  # time steps 1..T
    np.testing.assert_array_equal(curve.yData, norms)
    assert s.profile.first_over_last < 1e-6
    assert tab.profile.title == f"‖∂L/∂h₁‖ ÷ ‖∂L/∂h₂₀₀‖ = {s.profile.first_over_last:.2g}"
    assert not tab.profile.band.isVisible()
    # Each step back multiplies by W_h^T (at most its largest singular value) and tanh' <= 1.
    sigma = np.linalg.norm(s.weights[0][1:], 2)  # the recurrent weights are [W_x; W_h]
    bound = tab.profile.expected.yData
    np.testing.assert_allclose(bound, norms[-1] * sigma ** (200 - np.arange(1, 201)), rtol=1e-9)
    assert np.all(norms <= bound * (1 + 1e-9))
    assert f"σ = ‖Wₕ‖₂ = {sigma:.3g}" in tab.profile.legend_entries()[0][2]
    np.testing.assert_array_equal(tab.loss.curves[0].yData, s.history["train_loss"])
    assert len(tab.loss.curves[0].yData) == 1

    play_until(qtbot, lab, lambda s: s[0].iteration >= 20)
    wait_drawn(qtbot, lab, tab)
    np.testing.assert_array_equal(tab.profile.curves[0].yData, lab.snapshots[0].profile.delta_norms)
    np.testing.assert_array_equal(tab.loss.curves[0].yData, lab.snapshots[0].history["train_loss"])


def test_truncated_bptt_gives_the_early_steps_no_gradient(qtbot, lab):
    tab = open_rnn_tab(qtbot, lab)
    assert not tab.truncate.isEnabled()  # full BPTT: k means nothing
    choose(tab.bptt, "truncated")
    tab.truncate.setValue(20)
    set_rnn(qtbot, lab, tab, length=200, condition=lambda s: s[0].experiment.network.bptt_truncate == 20)
    assert tab.truncate.isEnabled()
    step_and_draw(qtbot, lab, tab)

    norms = lab.snapshots[0].profile.delta_norms
    assert len(norms) == 200 and not norms[:180].any() and (norms[180:] > 0).all()
    y = tab.profile.curves[0].yData
    assert np.isnan(y[:180]).all()  # zero has no place on a log axis: a gap, under a grey band
    np.testing.assert_array_equal(y[180:], norms[180:])
    assert tab.profile.band.isVisible() and tab.profile.band.getRegion() == (0.5, 180.5)
    assert np.isnan(tab.profile.expected.yData[:180]).all()
    assert tab.profile.title.startswith(
        "Truncated at k = 20: steps 1–180 get no gradient · ‖∂L/∂h₁₈₁‖ ÷ ‖∂L/∂h₂₀₀‖ = ")
    assert "truncated: no gradient" in [name for _, _, name in tab.profile.legend_entries()]

    tab.truncate.lineEdit().selectAll()  # type another k
    qtbot.keyClicks(tab.truncate, "50")
    assert lab.snapshots[0].experiment.network.bptt_truncate == 20  # not before Enter
    qtbot.keyClick(tab.truncate, Qt.Key.Key_Return)
    wait_for(qtbot, lab, lambda s: s[0].experiment.network.bptt_truncate == 50)
    wait_drawn(qtbot, lab, tab)
    assert tab.profile.band.getRegion() == (0.5, 150.5)
    assert tab.profile.title.startswith("Truncated at k = 50: steps 1–150 get no gradient")

    choose(tab.bptt, "full")
    wait_for(qtbot, lab, lambda s: s[0].experiment.network.bptt_truncate is None)
    wait_drawn(qtbot, lab, tab)
    assert not tab.profile.band.isVisible() and tab.profile.title.startswith("‖∂L/∂h₁‖ ÷")


def test_the_preset_button_loads_the_long_sequence_preset(qtbot, lab):
    tab = open_rnn_tab(qtbot, lab)
    choose(tab.task, "adding")
    choose(tab.bptt, "truncated")
    choose(tab.optimizer, "sgd")
    choose(tab.lr, 0.1)
    tab.hidden.slider.setValue(8)
    set_rnn(qtbot, lab, tab, radius=1.5, length=500,
            condition=lambda s: s[0].experiment.data.dataset == "adding" and s[0].experiment.optimizer.name == "sgd"
            and s[0].experiment.network.hidden[0].units == 8 and s[0].experiment.network.bptt_truncate == 20)

    click(qtbot, tab.preset_button)
    wait_for(qtbot, lab, lambda s: s[0].experiment.data.dataset == "remember_first")
    preset = load_preset("rnn-long-sequence")
    assert tab.loaded[0] == dataclasses.replace(preset, training=dataclasses.replace(preset.training, epochs=1000))
    assert lab.snapshots[0].experiment is tab.loaded[0]
    assert (tab.length.value(), tab.hidden.value(), tab.radius.value()) == (200, 32, 0.9)
    assert tab.bptt.currentData() == "full" and not tab.truncate.isEnabled()
    assert tab.optimizer.currentData() == "adam" and tab.lr.currentData() == 0.003


def test_a_radius_above_one_explodes_and_clipping_keeps_sgd_from_diverging(qtbot, lab):
    tab = open_rnn_tab(qtbot, lab)
    choose(tab.optimizer, "sgd")
    set_rnn(qtbot, lab, tab, radius=2.0, length=100, condition=lambda s: s[0].experiment.optimizer.name == "sgd")
    wait_drawn(qtbot, lab, tab)
    assert lab.snapshots[0].profile.first_over_last > 1e3  # tanh still near its linear range

    choose(tab.lr, 0.3)
    tab.remedy_bar.checks["clip"].setChecked(True)
    set_rnn(qtbot, lab, tab, radius=1.5,
            condition=lambda s: len(s) == 2 and s[0].experiment.optimizer.learning_rate == 0.3)
    before, after = (s.experiment for s in lab.snapshots)
    assert before.optimizer.clip_norm is None and after.optimizer.clip_norm == 1.0
    assert dataclasses.replace(after, optimizer=before.optimizer) == before
    play_until(qtbot, lab, lambda s: s[0].status == "diverged")
    wait_drawn(qtbot, lab, tab)

    diverged, clipped = lab.snapshots
    assert clipped.divergence is None and np.isfinite(clipped.history["global_grad_norm"]).all()
    assert clipped.history["global_grad_norm"].max() > 1.0  # clipping had something to do
    last = tab.finite[0]  # the diverged run shows its last profile from before it diverged
    assert last.iteration < diverged.divergence.iteration and last.divergence is None
    for curve, s in zip(tab.profile.curves, (last, clipped)):  # an underflowed 0 is a gap
        norms = s.profile.delta_norms
        np.testing.assert_array_equal(curve.yData, np.where(norms > 0, norms, np.nan))
    assert tab.profile.curves[0].opts["pen"].style() == Qt.PenStyle.DashLine
    assert f"at iteration {last.iteration}, before it diverged" in tab.profile.title
    assert len(tab.loss.curves) == 2


def test_the_bound_never_squashes_the_measured_curve(qtbot, lab):
    tab = open_rnn_tab(qtbot, lab)
    set_rnn(qtbot, lab, tab, radius=2.0, length=100)
    step_and_draw(qtbot, lab, tab)
    norms = lab.snapshots[0].profile.delta_norms
    logs = np.log10(norms[norms > 0])
    bound = tab.profile.expected.yData
    low, high = tab.profile.item.viewRange()[1]  # log10 units
    assert np.log10(np.nanmax(bound)) > high + 5  # the bound runs far above the axis...
    assert low <= logs.min() and high >= logs.max()  # ...which spans the measured curve
    assert high - low <= logs.max() - logs.min() + 2.2  # with at most a decade of room each side
    assert tab.profile.legend_entries()[-1][2].endswith(", cut off above the axis")
