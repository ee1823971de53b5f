"""The gradient lab's tabs on deep feed-forward nets: depth, large initial weights, saturating
activations and outliers (the recurrent net's tab is in rnn_tab.py, the window in gradient_lab.py).

Each tab turns its controls into a baseline experiment (``baseline``); the remedies switched
on add an "after" run beside it, and the saturation tab trains one run per activation.
"""
from __future__ import annotations

import dataclasses

import numpy as np
from PySide6.QtWidgets import QComboBox, QGroupBox, QPushButton, QVBoxLayout

from ....core import Experiment, LayerSpec
from ....core.activations import HIDDEN_ACTIVATIONS
from ....core.presets import load_preset
from ... import labels
from ...plots.curves import EMPTY
from ...widgets import blocked, combo_box, select
from ..common import LabPlot
from .gradient_lab_plots import (LAB_EPOCHS, FractionPlot, HistogramMap, ProfilePlot, SpikePlot, nearest_learning_rate,
                                 ratio_text, zone_fraction)
from .lab_tab import LabTab

WIDTH = 16  # units per hidden layer in the deep nets
INIT_SCHEMES = {"xavier": "xavier_uniform", "he": "he_uniform", "orthogonal": "orthogonal"}
SATURATING_RUNS = ("sigmoid", "tanh", "relu", "leaky_relu")
ACTIVATION_COLORS = {"sigmoid": "#9467bd", "tanh": "#ff7f0e", "relu": "#2ca02c", "leaky_relu": "#1f77b4"}


def init_combo(tab: LabTab) -> QComboBox:
    """A choice of initialisation scheme (keys of INIT_SCHEMES) that rebuilds ``tab``'s runs."""
    return tab.combo([("xavier", tab.tr("Xavier")), ("he", tab.tr("He")), ("orthogonal", tab.tr("orthogonal"))])


def deep_network(base: Experiment, depth: int, activation: str, init: str, gain: float,
                 learning_rate: float) -> Experiment:
    """``base`` with ``depth`` hidden layers of WIDTH units, trained for LAB_EPOCHS."""
    net = dataclasses.replace(base.network, hidden=tuple(LayerSpec(WIDTH, activation) for _ in range(depth)),
                              init=init, init_gain=gain)
    return dataclasses.replace(base, network=net,
                               optimizer=dataclasses.replace(base.optimizer, learning_rate=learning_rate),
                               training=dataclasses.replace(base.training, epochs=LAB_EPOCHS))


class DepthTab(LabTab):
    """How the backward signal fades or grows with depth; presets for both."""

    REMEDIES = ("clip", "init", "relu", "lower_lr")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.base = load_preset("vanishing-deep-sigmoid")
        self.explanation.setText(self.tr(
            "<b>Why depth matters.</b> On the way down, backpropagation multiplies the error signal by every "
            "layer's weights and by the slope of its activation. Over many layers these factors compound: "
            "when they are typically below 1 the signal shrinks geometrically and the first layers hardly "
            "learn (vanishing); above 1 it grows geometrically until the numbers overflow (exploding). "
            "Sigmoid's slope is at most 0.25, so deep sigmoid nets vanish. A linear net with orthogonal "
            "weights scales the signal by exactly the gain at each layer: the pale red line."))
        self.depth = self.slider(1, 100, 30, int)
        self.activation = self.activation_combo(HIDDEN_ACTIVATIONS, "sigmoid")
        self.init = init_combo(self)
        self.gain = self.slider(50, 200, 100, lambda v: v / 100, lambda g: f"×{g:.2f}")
        self.gain.slider.setSingleStep(5)
        self.gain.slider.setPageStep(25)
        self.lr = self.lr_combo(0.1)
        self.form.addRow(self.tr("Hidden layers"), self.depth)
        self.form.addRow(self.tr("Activation"), self.activation)
        self.form.addRow(self.tr("Initialisation"), self.init)
        self.form.addRow(self.tr("Gain per layer"), self.gain)
        self.form.addRow(self.tr("Learning rate"), self.lr)
        presets = QGroupBox(self.tr("Start from"), self)
        column = QVBoxLayout(presets)
        self.vanishing_button = QPushButton(self.tr("Vanishing: 30 sigmoid layers"), presets)
        self.exploding_button = QPushButton(self.tr("Exploding: 30 linear layers, gain 1.5"), presets)
        self.vanishing_button.clicked.connect(lambda: self.apply_preset("vanishing-deep-sigmoid"))
        self.exploding_button.clicked.connect(lambda: self.apply_preset("exploding-deep-gain"))
        column.addWidget(self.vanishing_button)
        column.addWidget(self.exploding_button)
        self.left.addWidget(presets)
        self.finish_left()

        profile = ProfilePlot(self)
        profile.set_labels(self.tr("layer k (1 = nearest the input)"), self.tr("‖∂L/∂z<sub>k</sub>‖"))
        profile.set_expected_name(self.tr("expected: gain^(L−k)"))
        self.place_profile_and_loss(profile)

    def apply_preset(self, name: str) -> None:
        """Set the controls to the preset's network and learning rate, then rebuild once."""
        exp = load_preset(name)
        net = exp.network
        self.depth.set_position(len(net.hidden))
        select(self.activation, net.hidden[0].activation)
        select(self.init, next((k for k, v in INIT_SCHEMES.items() if v == net.init), "xavier"))
        self.gain.set_position(int(round(net.init_gain * 100)))
        select(self.lr, nearest_learning_rate(exp.optimizer.learning_rate))
        self.changed.emit()

    def baseline(self) -> Experiment:
        """A deep net of the chosen depth, activation, initialisation, gain and learning rate."""
        return deep_network(self.base, self.depth.value(), self.activation.currentData(),
                            INIT_SCHEMES[self.init.currentData()], self.gain.value(), self.lr.currentData())

    def expected_profile(self, snapshot):
        """gain^(L-k) times the output layer's norm, for a linear net with orthogonal weights; else None."""
        net = snapshot.experiment.network if snapshot is not None else None
        if net is None or net.init != "orthogonal" or any(h.activation != "linear" for h in net.hidden):
            return None
        norms = snapshot.profile.delta_norms
        L = len(norms)
        return norms[-1] * net.init_gain ** (L - np.arange(1, L + 1))

    def draw(self, snapshots) -> None:
        """The profiles (with the expected line), titled with layer 1's signal over the output's; the loss."""
        shown = self.show_profiles(self.profile, snapshots, self.series())
        self.profile.show_expected(self.expected_profile(shown[0]))
        ratios = []
        for s, p in zip(snapshots, shown):
            if p is None:
                ratios.append(self.tr("not finite"))
            elif p is not s:
                ratios.append(self.tr("{0} at iteration {1}, before it diverged").format(
                    ratio_text(p.profile.first_over_last), p.iteration))
            else:
                ratios.append(ratio_text(p.profile.first_over_last))
        if len(ratios) == 2:
            text = self.tr("‖∂L/∂z‖ of layer 1 ÷ output layer: before {0}; after {1}").format(*ratios)
        else:
            text = self.tr("‖∂L/∂z‖ of layer 1 ÷ output layer: {0}").format(*ratios)
        self.profile.set_title(text)
        self.show_loss(self.loss, snapshots)


class InitScaleTab(LabTab):
    """Large initial weights push pre-activations onto the flat tails of tanh and sigmoid."""

    REMEDIES = ("init", "relu", "clip", "lower_lr")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.base = load_preset("large-init")
        self.explanation.setText(self.tr(
            "<b>Too-large initial weights.</b> Large weights spread every layer's pre-activations z wide. "
            "A tanh or sigmoid unit far out on its flat tails (shaded red) has a slope near zero: it passes "
            "almost no gradient back and hardly changes however long you train. Too-small weights fail the "
            "other way: each layer shrinks the signal. Xavier and He initialisation pick the scale that keeps "
            "the spread of z the same from layer to layer, so the profile below stays flat."))
        self.scale = self.scale_slider(4.0)
        self.activation = self.activation_combo(HIDDEN_ACTIVATIONS, "tanh")
        self.depth = self.slider(2, 16, 8, int)
        self.lr = self.lr_combo(0.03)
        self.form.addRow(self.tr("Initial weight scale"), self.scale)
        self.form.addRow(self.tr("Activation"), self.activation)
        self.form.addRow(self.tr("Hidden layers"), self.depth)
        self.form.addRow(self.tr("Learning rate"), self.lr)
        self.finish_left()

        self.maps = [HistogramMap(self), HistogramMap(self)]
        for m in self.maps:
            m.set_labels(self.tr("pre-activation z (end columns: |z| ≥ 8)"), self.tr("layer"))
        self.profile = ProfilePlot(self)
        self.profile.set_labels(self.tr("layer k (1 = nearest the input)"), self.tr("‖∂L/∂z<sub>k</sub>‖"))
        self.profile.set_title(self.tr("Backward signal per layer"))
        self.plots = [*self.maps, self.profile]
        self.plot_area.addWidget(self.maps[0], 0, 0)
        self.plot_area.addWidget(self.maps[1], 0, 1)
        self.plot_area.addWidget(self.profile, 1, 0, 1, 2)
        self.plot_area.setRowStretch(0, 3)
        self.plot_area.setRowStretch(1, 2)
        self.maps[1].hide()

    def baseline(self) -> Experiment:
        """A deep net of the chosen activation and depth, its initial weights scaled."""
        return deep_network(self.base, self.depth.value(), self.activation.currentData(),
                            self.base.network.init, self.scale.value(), self.lr.currentData())

    def build(self) -> list[Experiment]:
        """As for every tab; the second map shows only beside an "after" run."""
        loaded = super().build()
        self.maps[1].setVisible(len(loaded) > 1)
        return loaded

    def draw(self, snapshots) -> None:
        """Each run's pre-activation map with its share in the shaded zone, and the profiles."""
        names = [self.tr("before"), self.tr("after")]
        shown = self.show_profiles(self.profile, snapshots, self.series())
        for i, (m, s) in enumerate(zip(self.maps, shown)):
            if s is None:  # diverged before a finite profile arrived
                m.clear_curves()
                continue
            p, activation = s.profile, s.experiment.network.hidden[0].activation
            if m.activation != activation:
                m.set_activation(activation, p.bin_edges)
            m.show_histograms(p.histograms, p.bin_edges)
            share = zone_fraction(p.histograms, p.bin_edges, activation)
            m.set_title(self.tr("z per layer, {0}: {1:.0%} in the shaded zone").format(names[i], share)
                        if len(snapshots) > 1 else
                        self.tr("Pre-activations z per layer: {0:.0%} in the shaded zone").format(share))


class SaturationTab(LabTab):
    """One deep net trained once per hidden activation: saturated or dead units and fading signals."""
    def __init__(self, parent=None):
        super().__init__(parent)
        self.base = load_preset("vanishing-deep-sigmoid")
        self.explanation.setText(self.tr(
            "<b>Saturating activations.</b> The same deep network trained four times, once per activation. "
            "Each layer multiplies the backward signal by the slope f′(z). Sigmoid's slope never exceeds 0.25 "
            "and tanh's falls to zero in its tails, so their gradients fade with depth. ReLU passes a slope "
            "of exactly 1 where z > 0 and 0 elsewhere: for each sample some units are dead. Leaky ReLU keeps "
            "a small slope there, so no unit goes completely silent. With Xavier initialisation the ReLU "
            "nets still fade a little, as half their units pass nothing; He initialisation makes up for that. "
            "Saturation is measured on each training batch: press Step or Play."))
        self.depth = self.slider(1, 100, 20, int)
        self.init = init_combo(self)
        self.scale = self.scale_slider(1.0)
        self.lr = self.lr_combo(0.1)
        self.form.addRow(self.tr("Hidden layers"), self.depth)
        self.form.addRow(self.tr("Initialisation"), self.init)
        self.form.addRow(self.tr("Initial weight scale"), self.scale)
        self.form.addRow(self.tr("Learning rate"), self.lr)
        self.finish_left()

        self.saturation = FractionPlot(self)
        self.saturation.set_title(self.tr("Saturated or dead units per hidden layer (f′ below 1% of its peak)"))
        self.saturation.set_labels(self.tr("hidden layer"), self.tr("fraction of units"))
        self.profile = ProfilePlot(self)
        self.profile.set_title(self.tr("Backward signal per layer"))
        self.profile.set_labels(self.tr("layer k (1 = nearest the input)"), self.tr("‖∂L/∂z<sub>k</sub>‖"))
        self.plots = [self.saturation, self.profile]
        self.plot_area.addWidget(self.saturation, 0, 0)
        self.plot_area.addWidget(self.profile, 1, 0)

    def baseline(self) -> Experiment:
        """The deep net of the chosen depth, initialisation and scale (its activations are replaced per run)."""
        return deep_network(self.base, self.depth.value(), "sigmoid", INIT_SCHEMES[self.init.currentData()],
                            self.scale.value(), self.lr.currentData())

    def build(self) -> list[Experiment]:
        """One run per activation of SATURATING_RUNS; remedies do not apply here."""
        base = self.baseline()
        self.loaded = [dataclasses.replace(base, network=dataclasses.replace(
            base.network, hidden=tuple(LayerSpec(WIDTH, a) for _ in base.network.hidden))) for a in SATURATING_RUNS]
        return self.loaded

    def run_names(self) -> list[str]:
        """The activations' names."""
        return [labels.activation(a) for a in SATURATING_RUNS]

    def run_colors(self) -> list[str]:
        """A colour per activation."""
        return [ACTIVATION_COLORS[a] for a in SATURATING_RUNS]

    def draw(self, snapshots) -> None:
        """Saturated shares per layer (once a batch has trained) and the profiles."""
        series = self.series()
        self.saturation.set_layers(len(snapshots[0].experiment.network.hidden))
        self.saturation.set_series(series)
        for i, s in enumerate(snapshots):
            if s.record is not None:
                saturated = s.record.saturated
                self.saturation.set_curve(i, np.arange(1, len(saturated) + 1), saturated)
            else:
                self.saturation.curves[i].setData(EMPTY, EMPTY)  # measured once a batch has trained
        self.show_profiles(self.profile, snapshots, series)


class OutlierTab(LabTab):
    """Regression with outliers: gradient spikes on their batches, and what Huber loss or clipping does."""

    REMEDIES = ("huber", "clip", "lower_lr")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.base = load_preset("outliers-regression")
        self.explanation.setText(self.tr(
            "<b>Outliers.</b> With squared error, a sample's gradient grows with its error, so a few targets "
            "far off the rest dominate every batch they land in: the gradient norm spikes (red dots mark "
            "batches holding an outlier) and the weights jump. Huber loss caps each sample's gradient once "
            "its error passes δ; gradient clipping caps the whole step. Either keeps the spikes from "
            "derailing the fit, as the test R² shows."))
        data = self.base.data
        self.count = self.slider(0, 30, data.outliers, int)
        self.magnitude = self.slider(0, 20, int(data.outlier_magnitude), int)
        self.loss_choice = combo_box(self, [("mse", self.tr("squared error (MSE)")), ("huber", self.tr(
            "Huber (δ = {0:g})").format(self.base.network.huber_delta))])
        self.loss_choice.currentIndexChanged.connect(self._loss_changed)
        self.lr = self.lr_combo(self.base.optimizer.learning_rate)
        self.form.addRow(self.tr("Outliers k"), self.count)
        self.form.addRow(self.tr("Outlier magnitude m"), self.magnitude)
        self.form.addRow(self.tr("Loss"), self.loss_choice)
        self.form.addRow(self.tr("Learning rate"), self.lr)
        self.finish_left()

        self.spikes = SpikePlot(self)
        self.spikes.set_title(self.tr("Global gradient norm per iteration"))
        self.spikes.set_labels(self.tr("iteration"), self.tr("‖∇L‖"))
        self.spikes.set_marker_name(self.tr("batch held an outlier"))
        self.r2 = LabPlot(self)
        self.r2.set_title(self.tr("Test R² (the test targets have no outliers)"))
        self.r2.set_labels(self.tr("iteration"), self.tr("R²"))
        self.r2.item.setYRange(-1.0, 1.05, padding=0)
        self.r2.item.getViewBox().enableAutoRange(axis="y", enable=False)
        self.plots = [self.spikes, self.r2]
        self.plot_area.addWidget(self.spikes, 0, 0)
        self.plot_area.addWidget(self.r2, 1, 0)
        self.plot_area.setRowStretch(0, 3)
        self.plot_area.setRowStretch(1, 2)

    def _loss_changed(self) -> None:
        huber = self.remedy_bar.checks["huber"]
        is_huber = self.loss_choice.currentData() == "huber"
        with blocked(huber):
            huber.setChecked(huber.isChecked() and not is_huber)
        huber.setEnabled(not is_huber)
        self.changed.emit()

    def baseline(self) -> Experiment:
        """The regression preset with the chosen outliers, loss and learning rate."""
        b = self.base
        return dataclasses.replace(
            b, data=dataclasses.replace(b.data, outliers=self.count.value(), outlier_magnitude=float(self.magnitude.value())),
            network=dataclasses.replace(b.network, regression_loss=self.loss_choice.currentData()),
            optimizer=dataclasses.replace(b.optimizer, learning_rate=self.lr.currentData()),
            training=dataclasses.replace(b.training, epochs=LAB_EPOCHS, eval_every=5))

    def draw(self, snapshots) -> None:
        """The gradient norm per iteration (outlier batches marked) and the test R²."""
        self.spikes.set_series(self.series(dense=True))
        for i, s in enumerate(snapshots):
            self.spikes.set_curve(i, s.history_x, s.history["global_grad_norm"])
        first = snapshots[0]
        hit = first.history["outliers"] > 0
        self.spikes.set_markers(first.history_x[hit], first.history["global_grad_norm"][hit])
        self.r2.set_series(self.series())
        for i, s in enumerate(snapshots):
            self.r2.set_curve(i, s.eval_x, s.eval_history["test_metric"])
