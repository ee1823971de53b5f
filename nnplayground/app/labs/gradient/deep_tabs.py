"""The gradient lab's tabs on deep feed-forward nets: depth, large initial weights, saturating
activations. Each builds a deep net of WIDTH units per hidden layer (``deep_network``)."""
from __future__ import annotations

import dataclasses

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox

from ....core import Experiment, LayerSpec
from ....core.activations import HIDDEN_ACTIVATIONS
from ....core.presets import load_preset
from ... import labels
from ...plots.curves import EMPTY
from ...widgets import select
from .gradient_lab_plots import (LAB_EPOCHS, FractionPlot, HistogramMap, ProfilePlot, nearest_learning_rate,
                                 ratio_text, zone_fraction)
from .lab_tab import LabTab, retitle

WIDTH = 16  # units per hidden layer in the deep nets
INIT_SCHEMES = {"xavier": "xavier_uniform", "he": "he_uniform", "orthogonal": "orthogonal"}
# Filed under LabTab, which every tab derives from (language.Translator looks there). The
# names of people are catalogued too, so that every language has an entry for each item.
INIT_NAMES = {"xavier": QT_TRANSLATE_NOOP("LabTab", "Xavier"), "he": QT_TRANSLATE_NOOP("LabTab", "He"),
              "orthogonal": QT_TRANSLATE_NOOP("LabTab", "orthogonal")}
SATURATING_RUNS = ("sigmoid", "tanh", "relu", "leaky_relu")
ACTIVATION_COLORS = {"sigmoid": "#9467bd", "tanh": "#ff7f0e", "relu": "#2ca02c", "leaky_relu": "#1f77b4"}


def init_name(key: str) -> str:
    """The name of an initialisation scheme (a key of INIT_SCHEMES) in the current language."""
    return QCoreApplication.translate("LabTab", INIT_NAMES[key])


def init_combo(tab: LabTab) -> QComboBox:
    """A choice of initialisation scheme (keys of INIT_SCHEMES) that rebuilds ``tab``'s runs."""
    return tab.combo([(key, init_name(key)) for key in INIT_SCHEMES])


def init_tip(tab: LabTab) -> str:
    """The initialisation combo's tooltip (filed under LabTab like the names)."""
    return QCoreApplication.translate(
        "LabTab", "How the first weights are drawn: Xavier keeps the spread of z for tanh and sigmoid, He for ReLU; "
                  "orthogonal weights keep the norm of the signal")


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
        self.depth = self.slider(1, 100, 30, int)
        self.activation = self.activation_combo(HIDDEN_ACTIVATIONS, "sigmoid")
        self.init = init_combo(self)
        self.gain = self.slider(50, 200, 100, lambda v: v / 100, lambda g: f"×{g:.2f}")
        self.gain.slider.setSingleStep(5)
        self.gain.slider.setPageStep(25)
        self.lr = self.lr_combo(0.1)
        self.add_rows(self.depth, self.activation, self.init, self.gain, self.lr)
        self.vanishing_button, self.exploding_button = self.preset_box("vanishing-deep-sigmoid", "exploding-deep-gain")
        self.finish_left()
        self.place_profile_and_loss(ProfilePlot(self))
        self.retranslate()

    def write_texts(self) -> None:
        """The explanation, the rows, the preset buttons and the profile's axes."""
        self.explanation.setText(self.tr(
            "<b>Why depth matters.</b> On the way down, backpropagation multiplies the error signal by every "
            "layer's weights and by the slope of its activation. Over many layers these factors compound: "
            "when they are typically below 1 the signal shrinks geometrically and the first layers hardly "
            "learn (vanishing); above 1 it grows geometrically until the numbers overflow (exploding). "
            "Sigmoid's slope is at most 0.25, so deep sigmoid nets vanish. A linear net with orthogonal "
            "weights scales the signal by exactly the gain at each layer: the pale red line."))
        self.name_rows(
            (self.depth, self.tr("Hidden layers"), self.tr("How many hidden layers of 16 units the signal passes "
                                                           "through; each multiplies it once more")),
            (self.activation, self.tr("Activation"), self.tr("The hidden layers' activation: its slope f′ "
                                                             "multiplies the backward signal at every layer")),
            (self.init, self.tr("Initialisation"), init_tip(self)),
            (self.gain, self.tr("Gain per layer"), self.tr("Multiplies every initial weight: a linear net with "
                                                           "orthogonal weights scales the signal by it per layer")),
            (self.lr, self.tr("Learning rate"), self.lr_tip()))
        retitle(self.activation, labels.activation)
        retitle(self.init, init_name)
        self.presets.setTitle(self.tr("Start from"))
        self.vanishing_button.setText(self.tr("Vanishing: 30 sigmoid layers"))
        self.vanishing_button.setToolTip(self.tr("The settings of the preset \"Vanishing gradients: 30 sigmoid "
                                                 "layers\""))
        self.exploding_button.setText(self.tr("Exploding: 30 linear layers, gain 1.5"))
        self.exploding_button.setToolTip(self.tr("The settings of the preset \"Exploding gradients: 30 linear "
                                                 "layers with gain 1.5\""))
        self.profile.set_labels(self.tr("layer k (1 = nearest the input)"), self.tr("‖∂L/∂z<sub>k</sub>‖"))
        self.profile.set_expected_name(self.tr("expected: gain^(L−k)"))

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
        self.scale = self.scale_slider(4.0)
        self.activation = self.activation_combo(HIDDEN_ACTIVATIONS, "tanh")
        self.depth = self.slider(2, 16, 8, int)
        self.lr = self.lr_combo(0.03)
        self.add_rows(self.scale, self.activation, self.depth, self.lr)
        self.finish_left()

        self.maps = [HistogramMap(self), HistogramMap(self)]
        self.profile = ProfilePlot(self)
        self.plots = [*self.maps, self.profile]
        self.plot_area.addWidget(self.maps[0], 0, 0)
        self.plot_area.addWidget(self.maps[1], 0, 1)
        self.plot_area.addWidget(self.profile, 1, 0, 1, 2)
        self.plot_area.setRowStretch(0, 3)
        self.plot_area.setRowStretch(1, 2)
        self.maps[1].hide()
        self.retranslate()

    def write_texts(self) -> None:
        """The explanation, the rows and the plots' fixed titles."""
        self.explanation.setText(self.tr(
            "<b>Too-large initial weights.</b> Large weights spread every layer's pre-activations z wide. "
            "A tanh or sigmoid unit far out on its flat tails (shaded red) has a slope near zero: it passes "
            "almost no gradient back and hardly changes however long you train. Too-small weights fail the "
            "other way: each layer shrinks the signal. Xavier and He initialisation pick the scale that keeps "
            "the spread of z the same from layer to layer, so the profile below stays flat."))
        self.name_rows(
            (self.scale, self.tr("Initial weight scale"), self.tr("Multiplies every initial weight (×1: the "
                                                                  "preset's Xavier scale); wider weights spread z")),
            (self.activation, self.tr("Activation"), self.tr("The hidden layers' activation; tanh and sigmoid "
                                                             "saturate on their flat tails")),
            (self.depth, self.tr("Hidden layers"), self.tr("How many hidden layers of 16 units")),
            (self.lr, self.tr("Learning rate"), self.lr_tip()))
        retitle(self.activation, labels.activation)
        for m in self.maps:
            m.set_labels(self.tr("pre-activation z (end columns: |z| ≥ 8)"), self.tr("layer"))
            m.set_title(self.tr("Pre-activations z per layer"))
        self.profile.set_labels(self.tr("layer k (1 = nearest the input)"), self.tr("‖∂L/∂z<sub>k</sub>‖"))
        self.profile.set_title(self.tr("Backward signal per layer"))

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
        self.depth = self.slider(1, 100, 20, int)
        self.init = init_combo(self)
        self.scale = self.scale_slider(1.0)
        self.lr = self.lr_combo(0.1)
        self.add_rows(self.depth, self.init, self.scale, self.lr)
        self.finish_left()

        self.saturation = FractionPlot(self)
        self.profile = ProfilePlot(self)
        self.plots = [self.saturation, self.profile]
        self.plot_area.addWidget(self.saturation, 0, 0)
        self.plot_area.addWidget(self.profile, 1, 0)
        self.retranslate()

    def write_texts(self) -> None:
        """The explanation, the rows and the plots' titles."""
        self.explanation.setText(self.tr(
            "<b>Saturating activations.</b> The same deep network trained four times, once per activation. "
            "Each layer multiplies the backward signal by the slope f′(z). Sigmoid's slope never exceeds 0.25 "
            "and tanh's falls to zero in its tails, so their gradients fade with depth. ReLU passes a slope "
            "of exactly 1 where z > 0 and 0 elsewhere: for each sample some units are dead. Leaky ReLU keeps "
            "a small slope there, so no unit goes completely silent. With Xavier initialisation the ReLU "
            "nets still fade a little, as half their units pass nothing; He initialisation makes up for that. "
            "Saturation is measured on each training batch: press Step or Play."))
        self.name_rows(
            (self.depth, self.tr("Hidden layers"), self.tr("How many hidden layers of 16 units each run has")),
            (self.init, self.tr("Initialisation"), init_tip(self)),
            (self.scale, self.tr("Initial weight scale"), self.tr("Multiplies every initial weight of all four "
                                                                  "runs")),
            (self.lr, self.tr("Learning rate"), self.lr_tip()))
        retitle(self.init, init_name)
        self.saturation.set_title(self.tr("Saturated or dead units per hidden layer (f′ below 1% of its peak)"))
        self.saturation.set_labels(self.tr("hidden layer"), self.tr("fraction of units"))
        self.profile.set_title(self.tr("Backward signal per layer"))
        self.profile.set_labels(self.tr("layer k (1 = nearest the input)"), self.tr("‖∂L/∂z<sub>k</sub>‖"))

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
