"""The gradient lab's "RNN over long sequences" tab: a vanilla tanh RNN (core/rnn.py) on a
task whose answer hangs on early inputs, with ||dL/dh_t|| drawn against the time step t.

For sequence runs a snapshot's profile holds ||dL/dh_t|| for t = 1..T (index 0 the earliest
step) and no histograms. Truncated BPTT leaves the steps before the last k with exactly zero
gradient: on the log axis those are gaps, under a grey band that says why. Steps whose
signal underflowed to 0 in full BPTT are gaps too; the title counts them.
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer

from ....core import Experiment, LayerSpec
from ....core.experiment import SEQUENCE_DATASETS
from ....core.presets import load_preset
from ....core.rnn import input_size
from ... import labels
from ...plots.curves import EMPTY, MARKER_LIMIT, finite
from ...widgets import DEBOUNCE_MS, blocked, combo_box, labelled_row, select, spin_box
from ..common import SOLID
from .gradient_lab_plots import EXPECTED_COLOR, LAB_EPOCHS, ProfilePlot, nearest_learning_rate, ratio_text
from .lab_tab import LabTab, retitle

PRESET = "rnn-long-sequence"
CUT_BRUSH = (0, 0, 0, 22)  # the steps truncated BPTT gives no gradient: a faint grey band
CUT_PEN = (0, 0, 0, 70)
CUT_COLOR = "#b0b0b0"  # its legend sample
BLOCK = "██"
SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def subscript(n: int) -> str:
    """``n`` in subscript digits: h₁₂."""
    return str(n).translate(SUBSCRIPT)


def cut_steps(experiment: Experiment) -> int:
    """How many of the earliest steps truncated BPTT leaves without gradient (0: full BPTT)."""
    k = experiment.network.bptt_truncate
    return 0 if k is None else max(0, experiment.data.sequence_length - k)


def leading_zeros(norms: np.ndarray) -> int:
    """How many of the earliest steps have exactly zero gradient."""
    nonzero = np.flatnonzero(norms)
    return int(nonzero[0]) if nonzero.size else len(norms)


class TimePlot(ProfilePlot):
    """||dL/dh_t|| per time step t (1 = the first input) on a log axis, per run; the pale line
    is the bound on it (in the fit: its distance above the curve is the point), and the steps
    truncated BPTT leaves without gradient are shaded."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.cut = 0
        self.cut_name = ""
        self.band = pg.LinearRegionItem((0.5, 0.5), brush=pg.mkBrush(*CUT_BRUSH), pen=pg.mkPen(CUT_PEN),
                                        movable=False)
        self.band.setZValue(-2)
        self.band.hide()
        self.item.addItem(self.band)

    def set_cut_name(self, name: str) -> None:
        """The legend name of the shaded band."""
        self.cut_name = name

    def set_cut(self, steps: int) -> None:
        """Shade steps 1..``steps`` (0: nothing)."""
        if steps != self.cut:
            self.cut = steps
            self.band.setRegion((0.5, steps + 0.5))
            self.band.setVisible(steps > 0)
            self._show_title()

    def legend_entries(self) -> list[tuple[str, str, str]]:
        """The curves' and the bound's entries, then the band's while it shows."""
        cut = [(BLOCK, CUT_COLOR, self.cut_name)] if self.cut else []
        return super().legend_entries() + cut

    def set_curve(self, index: int, x, y) -> None:
        """A line, with markers while few steps have a drawable value (after a short
        truncation, or all but the last underflowed): a lone point draws no line."""
        y = finite(y, positive=True)
        curve = self.curves[index]
        want = 0 < np.count_nonzero(np.isfinite(y)) <= MARKER_LIMIT
        if want != (curve.opts["symbol"] is not None):
            curve.setSymbol("o" if want else None)
        curve.setData(np.asarray(x, dtype=float), y)

    def fit(self) -> None:
        """Fit the log axis to the measured curves alone: the bound can run hundreds of decades
        above them and would squash them into a line at the bottom. Above the axis it is cut off,
        and its legend entry says so."""
        self.fit_decades([c.yData for c in self.curves])
        bound = self.expected.yData
        if bound is None or not len(bound):
            return
        with np.errstate(invalid="ignore"):
            cut = bool(np.nanmax(bound, initial=0.0) > 10.0 ** self.item.getViewBox().viewRange()[1][1])
        name = self.tr("{0}, cut off above the axis").format(self.expected_name) if cut else self.expected_name
        self.set_extra_entries([(SOLID, EXPECTED_COLOR, name)])

    def clear_curves(self) -> None:
        """Empty the curves and the bound, and hide the band."""
        super().clear_curves()
        self.set_cut(0)


class RNNTab(LabTab):
    """A vanilla tanh RNN over long sequences: ||dL/dh_t|| per time step under its bound."""

    REMEDIES = ("clip", "lower_lr")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.base = load_preset(PRESET)
        self._build_network_rows()
        self._build_training_rows()
        [self.preset_button] = self.preset_box(PRESET)
        self.finish_left()
        self._bptt_changed(emit=False)
        self.place_profile_and_loss(TimePlot(self))
        self.retranslate()

    def write_texts(self) -> None:
        """The explanation, the rows with their tooltips, the choices' names, the preset button, the axes."""
        self.explanation.setText(self.tr(
            "<b>Recurrent nets over long sequences.</b> An RNN uses the same recurrent weights W<sub>h</sub> at "
            "every step, so the error signal that reaches step t from the last step T has been multiplied "
            "T − t times by W<sub>h</sub><sup>T</sup>·diag(1 − h<sup>2</sup>): the weights, then the slope of "
            "tanh. With a spectral radius below 1 each factor shrinks it and the early steps get a "
            "geometrically small gradient, so the net cannot learn what the first inputs said. Above 1 it "
            "can grow geometrically while tanh stays in its linear range, but as the hidden state grows, "
            "h<sup>2</sup> nears 1, the slope nears 0 and pulls the signal back toward vanishing. "
            "Truncated backpropagation through time stops the chain after k steps: nothing explodes, but "
            "the earlier steps get no gradient at all. The pale red line is the most the signal can be."))
        self.name_rows(
            (self.task, self.tr("Task"), self.tr("Remember the first input: the target is the first input. Adding "
                                                 "problem: the target is the sum of the two inputs marked by a "
                                                 "second channel.")),
            (self.length, self.tr("Sequence length T"), self.tr("How many steps each sequence has: the signal to "
                                                                "step 1 passes T − 1 recurrent steps")),
            (self.hidden, self.tr("Hidden units"), self.tr("The size of the hidden state h")),
            (self.radius, self.tr("Spectral radius"), self.tr("Every eigenvalue of the initial W_h has this "
                                                              "modulus (W_h is this times a random orthogonal "
                                                              "matrix)")),
            (self.bptt_row, self.tr("BPTT"), self.tr("Backpropagation through time: through every step, or only "
                                                     "the last k")),
            (self.optimizer, self.tr("Optimizer"), self.tr("SGD steps in proportion to the gradient, so an "
                                                           "exploding gradient throws the weights far; Adam "
                                                           "divides by its running size")),
            (self.lr, self.tr("Learning rate"), self.lr_tip()))
        self.bptt.setToolTip(self.bptt_row.toolTip())
        self.truncate.setToolTip(self.tr("How many of the last steps the gradient flows back through"))
        retitle(self.task, labels.dataset)
        retitle(self.bptt, {"full": self.tr("full"), "truncated": self.tr("truncated")}.get)
        retitle(self.optimizer, labels.optimizer)
        self.presets.setTitle(self.tr("Start from"))
        self.preset_button.setText(self.tr("Recall the first of 200 inputs (radius 0.9)"))
        self.preset_button.setToolTip(self.tr("The settings of the \"RNN over a long sequence\" preset"))
        self.profile.set_labels(self.tr("time step t (1 = the first input)"), self.tr("‖∂L/∂h<sub>t</sub>‖"))
        self.profile.set_cut_name(self.tr("truncated: no gradient"))

    def _build_network_rows(self) -> None:
        """The task and the shape of the net: sequence length, hidden units, spectral radius."""
        net = self.base.network
        self.task = self.combo([(key, labels.dataset(key)) for key in SEQUENCE_DATASETS], self.base.data.dataset)
        self.length = self.slider(10, 1000, self.base.data.sequence_length, int)
        self.length.slider.setSingleStep(10)
        self.length.slider.setPageStep(100)
        self.hidden = self.slider(8, 64, net.hidden[0].units, int)
        self.hidden.slider.setPageStep(8)
        self.radius = self.slider(10, 200, int(round(net.spectral_radius * 100)), lambda v: v / 100,
                                  lambda r: f"{r:.2f}")
        self.radius.slider.setSingleStep(5)
        self.radius.slider.setPageStep(25)
        self.add_rows(self.task, self.length, self.hidden, self.radius)

    def _build_training_rows(self) -> None:
        """How the gradient flows back (full or truncated BPTT) and how the weights step."""
        self.bptt = combo_box(self, [("full", ""), ("truncated", "")])  # named in write_texts
        self.bptt.currentIndexChanged.connect(self._bptt_changed)
        self.truncate = spin_box(self, 1, 1000, self.base.network.bptt_truncate or 20)
        self._truncate_timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._truncate_timer.timeout.connect(self.changed)
        self.truncate.valueChanged.connect(lambda _: self.bptt.currentData() == "truncated"
                                           and self._truncate_timer.start())
        # Adam divides each step by the gradient's running size, so an exploding gradient does
        # little harm there; plain SGD steps in proportion to it: that is where clipping matters.
        self.optimizer = self.combo([(key, labels.optimizer(key)) for key in ("adam", "sgd")],
                                    self.base.optimizer.name)
        self.lr = self.lr_combo(self.base.optimizer.learning_rate)
        self.bptt_row = labelled_row(self, self.bptt, "k =", self.truncate, grow=self.bptt)
        self.add_rows(self.bptt_row, self.optimizer, self.lr)

    def _bptt_changed(self, *_, emit: bool = True) -> None:
        self.truncate.setEnabled(self.bptt.currentData() == "truncated")
        if emit:
            self.changed.emit()

    def apply_preset(self, name: str) -> None:
        """Set the controls to the preset's task, net and optimiser, then rebuild once."""
        exp = load_preset(name)
        net = exp.network
        select(self.task, exp.data.dataset)
        self.length.set_position(exp.data.sequence_length)
        self.hidden.set_position(net.hidden[0].units)
        self.radius.set_position(int(round(net.spectral_radius * 100)))
        select(self.bptt, "full" if net.bptt_truncate is None else "truncated")
        if net.bptt_truncate is not None:
            with blocked(self.truncate):
                self.truncate.setValue(net.bptt_truncate)
        self._bptt_changed(emit=False)
        select(self.optimizer, exp.optimizer.name)
        select(self.lr, nearest_learning_rate(exp.optimizer.learning_rate))
        self.changed.emit()

    # ----- experiments --------------------------------------------------------------------

    def baseline(self) -> Experiment:
        """The sequence task, net and optimiser the controls describe."""
        b = self.base
        k = self.truncate.value() if self.bptt.currentData() == "truncated" else None
        return dataclasses.replace(
            b, data=dataclasses.replace(b.data, dataset=self.task.currentData(), sequence_length=self.length.value()),
            network=dataclasses.replace(b.network, hidden=(LayerSpec(self.hidden.value(), "tanh"),),
                                        spectral_radius=self.radius.value(), bptt_truncate=k),
            optimizer=dataclasses.replace(b.optimizer, name=self.optimizer.currentData(),
                                          learning_rate=self.lr.currentData()),
            training=dataclasses.replace(b.training, epochs=LAB_EPOCHS))

    def build(self) -> list[Experiment]:
        """As for every tab, but a new sequence or net forgets the runs' last finite profiles."""
        old = self.loaded[0] if self.loaded else None
        loaded = super().build()
        if old is None or (old.data, old.network) != (loaded[0].data, loaded[0].network):
            self.finite.clear()  # a diverged run must not fall back on another sequence's profile
        return loaded

    # ----- drawing ------------------------------------------------------------------------

    def bound(self, snapshot, cut: int):
        """||W_h||_2^(T-t) * ||dL/dh_T||: each step back multiplies the signal by W_h^T (at most its
        largest singular value) and by tanh's slope (at most 1). None when it cannot be drawn."""
        if snapshot is None:
            return None
        exp, norms = snapshot.experiment, snapshot.profile.delta_norms
        W_h = snapshot.weights[0][input_size(exp.data.dataset):]
        with np.errstate(all="ignore"):
            if not np.isfinite(W_h).all() or not norms[-1] > 0:
                return None
            sigma = float(np.linalg.norm(W_h, 2))
            steps = len(norms)
            y = 10.0 ** (math.log10(norms[-1]) + (steps - np.arange(1, steps + 1)) * math.log10(sigma))
        y[:cut] = np.nan
        self.profile.set_expected_name(self.tr("bound σᵀ⁻ᵗ·‖∂L/∂h{0}‖ (σ = ‖Wₕ‖₂ = {1})").format(
            subscript(steps), f"{sigma:.3g}"))
        return y

    def draw(self, snapshots) -> None:
        """The signal per time step (with its bound and the truncated band) and the loss."""
        exp = snapshots[0].experiment
        steps, cut = exp.data.sequence_length, cut_steps(exp)
        shown = [p if p is not None and len(p.profile.delta_norms) == steps else None
                 for p in (self.profile_snapshot(i, s) for i, s in enumerate(snapshots))]
        plot = self.profile
        plot.set_layers(steps, "")
        plot.set_series(self.series())
        plot.set_cut(cut)
        t = np.arange(1, steps + 1)
        for i, p in enumerate(shown):
            if p is None:
                plot.curves[i].setData(EMPTY, EMPTY)
            else:
                plot.set_curve(i, t, p.profile.delta_norms)
        plot.show_expected(self.bound(shown[0], cut))
        plot.fit()
        plot.set_title(self.title(snapshots, shown, steps, cut))
        self.show_loss(self.loss, snapshots)

    def title(self, snapshots, shown, steps: int, cut: int) -> str:
        """What reaches the earliest step that gets any gradient, relative to the last step."""
        ratios = []
        for s, p in zip(snapshots, shown):
            if p is None:
                ratios.append(self.tr("not finite"))
                continue
            norms = p.profile.delta_norms
            with np.errstate(all="ignore"):
                text = ratio_text(float(norms[cut] / norms[-1]))
            if p is not s:
                text = self.tr("{0} at iteration {1}, before it diverged").format(text, p.iteration)
            ratios.append(text)
        name = f"‖∂L/∂h{subscript(cut + 1)}‖ ÷ ‖∂L/∂h{subscript(steps)}‖"
        if len(ratios) == 2:
            parts = [self.tr("{0}: before {1}; after {2}").format(name, *ratios)]
        else:
            parts = [self.tr("{0} = {1}").format(name, *ratios)]
        underflow = max((leading_zeros(p.profile.delta_norms[cut:]) for p in shown if p is not None), default=0)
        if underflow:
            parts.insert(0, self.tr("steps {0}–{1} underflow to 0").format(cut + 1, cut + underflow))
        if cut:
            k = snapshots[0].experiment.network.bptt_truncate
            parts.insert(0, self.tr("Truncated at k = {0}: steps 1–{1} get no gradient").format(k, cut))
        return " · ".join(parts)
