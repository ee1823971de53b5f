"""The gradient lab's "Sigmoid: both sides" tab: one deep sigmoid net trained twice, with
ordinary weights (Xavier, gain 1) and with large ones (gain g), to show that a saturating
activation by itself only shrinks the backward signal, and that it grows only when the
weights scale it by more than 1/f′ per layer.

Sigmoid's slope f′ never exceeds 0.25 (tanh's 1): a layer multiplies the signal by roughly
its weights' gain times the typical f′, so with Xavier weights (gain 1) every layer shrinks it.
Large weights push z onto the flat tails, which lowers the typical f′ and fights back, so the
gain that makes the early layers' gradients grow is well above 1/0.25 = 4; the tab states the
factor per layer measured on the runs on show (``BackpropProfile.factor_per_layer``).
"""
from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QLabel

from ....core import Experiment
from ....core.activations import ACTIVATIONS
from ....core.presets import load_preset
from ...widgets import select
from .deep_tabs import deep_network
from .gradient_lab_plots import ProfilePlot, nearest_learning_rate, ratio_text
from .lab_tab import LabTab

PRESET = "exploding-sigmoid-large-weights"
ORDINARY_GAIN = 1.0  # Xavier's own scale
INIT = "xavier_uniform"
COLORS = ("#9467bd", "#d62728")  # ordinary (sigmoid's colour elsewhere in the lab), large


def factor_text(snapshot) -> str:
    """The factor per hidden layer of a run's profile, as "×0.23" (a dash when not finite)."""
    if snapshot is None:
        return "—"
    text = ratio_text(snapshot.profile.factor_per_layer)
    return text if text == "—" else f"×{text}"


class SigmoidTab(LabTab):
    """A deep sigmoid net with ordinary and with large initial weights: vanishing versus exploding."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.base = load_preset(PRESET)
        net = self.base.network
        self.depth = self.slider(2, 60, len(net.hidden), int)
        self.gain = self.slider(2, 32, int(round(net.init_gain)), int, lambda g: f"×{g}")
        self.lr = self.lr_combo(self.base.optimizer.learning_rate)
        self.add_rows(self.depth, self.gain, self.lr)
        [self.preset_button] = self.preset_box(PRESET)
        self.finish_left()
        self.measured = QLabel(self, wordWrap=True)
        self.right.insertWidget(0, self.measured)  # above the plots
        self.place_profile_and_loss(ProfilePlot(self))
        self.retranslate()

    def write_texts(self) -> None:
        """The explanation, the rows, the preset button, the profile's axes and the measured factors."""
        self.explanation.setText(self.tr(
            "<b>Sigmoid: vanishing or exploding?</b> Backpropagation multiplies the signal at every layer by "
            "the weights and by the slope f′(z). Sigmoid's slope is at most 0.25 (tanh's at most 1), so a "
            "saturating activation by itself only shrinks the signal: with ordinary weights (Xavier, gain 1) "
            "it fades layer by layer. It can grow only when the weights scale it by more than 1/f′ per layer "
            "(4 for sigmoid). Large weights also push z onto the flat tails, where f′ is far below 0.25, so "
            "the gain it takes is larger still: compare the two curves."))
        self.name_rows(
            (self.depth, self.tr("Hidden layers"), self.tr("How many sigmoid layers of 16 units both runs have")),
            (self.gain, self.tr("Large gain g"), self.tr("The second run's initial weights are Xavier's times "
                                                         "g; growth needs g × typical f′ above 1")),
            (self.lr, self.tr("Learning rate"), self.lr_tip()))
        self.presets.setTitle(self.tr("Start from"))
        self.preset_button.setText(self.tr("Exploding: 20 sigmoid layers, gain 16"))
        self.preset_button.setToolTip(self.tr("The settings of the preset \"Exploding gradients: sigmoid with "
                                              "large weights\""))
        self.profile.set_labels(self.tr("layer k (1 = nearest the input)"), self.tr("‖∂L/∂z<sub>k</sub>‖"))
        self.profile.set_title(self.tr("Backward signal per layer"))
        self.measured.setText(self.measured_text(None))

    def apply_preset(self, name: str) -> None:
        """Set the controls to the preset's depth, gain and learning rate, then rebuild once."""
        exp = load_preset(name)
        self.depth.set_position(len(exp.network.hidden))
        self.gain.set_position(int(round(exp.network.init_gain)))
        select(self.lr, nearest_learning_rate(exp.optimizer.learning_rate))
        self.changed.emit()

    def baseline(self) -> Experiment:
        """The net with ordinary weights."""
        return deep_network(self.base, self.depth.value(), "sigmoid", INIT, ORDINARY_GAIN, self.lr.currentData())

    def build(self) -> list[Experiment]:
        """Two runs: ordinary weights, then large ones; remedies do not apply here."""
        self.loaded = [self.baseline(), deep_network(self.base, self.depth.value(), "sigmoid", INIT,
                                                     float(self.gain.value()), self.lr.currentData())]
        return self.loaded

    def run_names(self) -> list[str]:
        """What the two runs' weights are."""
        return [self.tr("ordinary weights (Xavier, gain 1)"),
                self.tr("large weights (gain {0})").format(self.gain_of(1))]

    def gain_of(self, i: int) -> str:
        """The initial gain of run ``i`` as built (the slider may have moved since)."""
        return f"{self.loaded[i].network.init_gain:g}" if len(self.loaded) > i else f"{self.gain.value():g}"

    def run_colors(self) -> list[str]:
        """Sigmoid's purple for the ordinary run, red for the large one."""
        return list(COLORS)

    def measured_text(self, shown) -> str:
        """The factor per layer measured on each run (a dash before any profile), and the rule."""
        ordinary, large = shown if shown is not None else (None, None)
        sigmoid, tanh = ACTIVATIONS["sigmoid"].peak_derivative, ACTIVATIONS["tanh"].peak_derivative
        return self.tr(
            "<b>Measured factor per hidden layer</b> (geometric mean of ‖∂L/∂z<sub>k</sub>‖ ÷ "
            "‖∂L/∂z<sub>k+1</sub>‖): ordinary weights {0}, large weights (gain {1}) {2}. Below ×1 the "
            "signal vanishes toward the input, above ×1 it explodes. The rule: f′ ≤ {3:g} for sigmoid and "
            "≤ {4:g} for tanh, so growth needs a weight gain per layer above 1/f′ ({5:g} for sigmoid, "
            "{6:g} for tanh)."
        ).format(factor_text(ordinary), self.gain_of(1), factor_text(large), sigmoid, tanh, 1 / sigmoid, 1 / tanh)

    def draw(self, snapshots) -> None:
        """Both runs' profiles, layer 1 over the last hidden layer in the title, the measured factors, the loss."""
        shown = self.show_profiles(self.profile, snapshots, self.series())
        ratios = []
        for p in shown:
            norms = p.profile.delta_norms if p is not None else None
            with np.errstate(all="ignore"):  # a norm of 0 (underflow) gives a dash, not a warning
                ratios.append(ratio_text(float(norms[0] / norms[-2])) if norms is not None and len(norms) > 2
                              else "—")
        self.profile.set_title(self.tr("‖∂L/∂z‖ of layer 1 ÷ last hidden layer: ordinary {0}; large {1}").format(
            *ratios))
        self.measured.setText(self.measured_text(shown))
        self.show_loss(self.loss, snapshots)
