"""The gradient lab: a window that makes vanishing and exploding gradients visible.

Each tab is one experiment with its own controls and plots. Only the tab in front trains:
its experiments (one run, two with a remedy switched on: "before" and "after", or one run
per activation) are loaded into the lab's own worker thread, which publishes snapshots
carrying a backprop profile (||dL/dz|| per layer and pre-activation histograms; for the
recurrent net of the RNN tab, in rnn_tab.py, ||dL/dh_t|| per time step). As in
the main window, the GUI thread never calls a Trainer: commands go out as queued signals,
snapshots come back through the worker's mailbox and are drawn a few times a second.
The tabs on deep nets are here; the outlier and RNN tabs in outlier_tab.py and rnn_tab.py,
the plots in gradient_lab_plots.py, the frame and controls every tab shares in lab_tab.py.
"""
from __future__ import annotations

import dataclasses
import re

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton,
                               QTabWidget, QVBoxLayout, QWidget)

from ....core import Experiment, ExperimentError, LayerSpec
from ....core.activations import HIDDEN_ACTIVATIONS
from ....core.experiment import live_change
from ....core.presets import load_preset
from ... import labels
from ...plots.curves import EMPTY
from ...throttle import Throttle
from ...widgets import select
from ...worker import WorkerThread
from ..common import LabWindow
from .gradient_lab_plots import (LAB_EPOCHS, FractionPlot, HistogramMap, ProfilePlot, nearest_learning_rate,
                                 ratio_text, zone_fraction)
from .lab_tab import LabTab
from .outlier_tab import OutlierTab
from .rnn_tab import RNNTab

STATUS_HZ = 10
WIDTH = 16  # units per hidden layer in the deep nets
INIT_SCHEMES = {"xavier": "xavier_uniform", "he": "he_uniform", "orthogonal": "orthogonal"}
SATURATING_RUNS = ("sigmoid", "tanh", "relu", "leaky_relu")
ACTIVATION_COLORS = {"sigmoid": "#9467bd", "tanh": "#ff7f0e", "relu": "#2ca02c", "leaky_relu": "#1f77b4"}


def init_combo(tab: LabTab) -> QComboBox:
    """A choice of initialisation scheme (keys of INIT_SCHEMES) that rebuilds ``tab``'s runs."""
    # Filed under LabTab, which every tab derives from (language.Translator looks there).
    names = [("xavier", "Xavier"), ("he", "He"), ("orthogonal", QT_TRANSLATE_NOOP("LabTab", "orthogonal"))]
    return tab.combo([(key, QCoreApplication.translate("LabTab", name)) for key, name in names])


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


# ----- the window -------------------------------------------------------------------------------

class GradientLab(LabWindow):
    """The lab window. Tabs: ``depth_tab``, ``init_tab``, ``saturation_tab``, ``outlier_tab``, ``rnn_tab``.

    Play/Pause, Step and Reset act on every run of the tab in front; ``status_labels`` hold
    one line per run. ``snapshots`` is the newest tuple received for the runs on show."""


    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Gradient lab - nnplayground"))
        self.setObjectName("gradient_lab")
        self.snapshots = None
        self.generation = 0  # of the newest runs asked of the worker
        self._playing = False
        self._build_tabs()
        self._build_status()
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(4, 4, 4, 0)
        column.addWidget(self.tabs, 1)
        column.addLayout(self._build_buttons())
        self.setCentralWidget(central)
        self._start_worker()
        self.resize(1100, 750)
        self.reload()

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget(self)
        self.depth_tab, self.init_tab = DepthTab(self), InitScaleTab(self)
        self.saturation_tab, self.outlier_tab = SaturationTab(self), OutlierTab(self)
        self.rnn_tab = RNNTab(self)
        for tab, title in ((self.depth_tab, self.tr("Depth")), (self.init_tab, self.tr("Large initialisation")),
                           (self.saturation_tab, self.tr("Saturating activations")),
                           (self.outlier_tab, self.tr("Outliers")), (self.rnn_tab, self.tr("RNN over long sequences"))):
            self.tabs.addTab(tab, title)
            tab.changed.connect(lambda t=tab: self._tab_edited(t))

    def _build_status(self) -> None:
        """Two compact columns of run lines beside the buttons, then space."""
        self.status_box = QWidget(self)
        self.status_grid = QGridLayout(self.status_box)
        self.status_grid.setContentsMargins(12, 0, 0, 0)
        self.status_grid.setHorizontalSpacing(24)
        self.status_grid.setVerticalSpacing(2)
        self.status_grid.setColumnStretch(2, 1)
        self.status_labels: list[QLabel] = []
        self._runs: list[tuple[str, str]] = []  # (name, colour) of each status line
        self._reset_hint = False  # the status bar says to press Reset
        self.status_throttle = Throttle(self.status_box, self._show_status, STATUS_HZ)

    def _build_buttons(self) -> QHBoxLayout:
        """Play/Pause, Step and Reset, then the status lines."""
        self.play_button = QPushButton(self.tr("Play"), self, checkable=True)
        self.step_button = QPushButton(self.tr("Step"), self)
        self.reset_button = QPushButton(self.tr("Reset"), self)
        self.play_button.setToolTip(self.tr("Train every run of this tab; press again to pause"))
        self.step_button.setToolTip(self.tr("Train one iteration (one batch) and stop"))
        self.reset_button.setToolTip(self.tr("Back to iteration 0 with the same initial weights"))
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 0, 8, 6)
        for button in (self.play_button, self.step_button, self.reset_button):
            button.setMinimumWidth(80)
            bar.addWidget(button)
        bar.addWidget(self.status_box, 1)
        return bar

    def _start_worker(self) -> None:
        self.worker_thread = WorkerThread(profiles=True, planes=False)  # the lab draws no input plane
        self.commands = self.worker_thread.commands
        self.worker_thread.connect_views(self._fetch_snapshots, self._set_playing, self._show_failure)
        self.worker_thread.connect_model(lambda generation, data: None, lambda generation, why: self._show_failure(why))
        self.play_button.clicked.connect(self._play_clicked)
        self.step_button.clicked.connect(self.commands.step)
        self.reset_button.clicked.connect(self.commands.reset)
        self.tabs.currentChanged.connect(lambda _: self.reload())

    # ----- runs ----------------------------------------------------------------------------

    def current_tab(self) -> LabTab:
        """The tab in front: the one whose runs train."""
        return self.tabs.currentWidget()

    def reload(self, keep_playing: bool = False) -> None:
        """Hand the front tab's experiments to the worker: live when only live settings changed
        (``core.live_change``), else as new runs, playing on if ``keep_playing`` and the old ones played."""
        tab = self.current_tab()
        try:
            experiments = tab.build()
        except ExperimentError as e:
            self._show_failure(str(e))
            return
        live = self.snapshots is not None and len(self.snapshots) == len(experiments) and all(
            live_change(s.experiment, e) for s, e in zip(self.snapshots, experiments))
        if live:
            self.commands.adopt.emit(experiments, self.generation)
            return
        if self.snapshots is None or len(self.snapshots) != len(experiments) or any(
                s.experiment.network != e.network for s, e in zip(self.snapshots, experiments)):
            tab.clear()  # a new network: the old curves mean nothing now
        self.snapshots = None
        self.status_throttle.drop()
        self._make_status_labels(tab)
        self.generation += 1
        self.commands.load.emit(experiments, self.generation)  # the worker pauses to load...
        if keep_playing and self._playing:  # (its queued "paused" has not arrived yet)
            self.commands.play.emit()  # ...and, queued after it, the new runs play from iteration 0

    def _tab_edited(self, tab: LabTab) -> None:  # a person comparing runs expects them to play on
        if tab is self.current_tab():
            self.reload(keep_playing=True)

    @Slot()
    def _fetch_snapshots(self) -> None:
        published = self.worker_thread.worker.take_snapshots()
        if published is None or published.generation != self.generation:
            return  # from runs a newer edit (or another tab) has already replaced
        self.snapshots = published.snapshots
        self.current_tab().offer(self.snapshots)
        self.status_throttle.offer(self.snapshots)

    def flush(self) -> None:
        """Draw the newest snapshots now, skipping the rate limits (tests, screenshots)."""
        self.current_tab().flush()
        self.status_throttle.flush()

    # ----- controls and status -------------------------------------------------------------

    def _play_clicked(self) -> None:
        self.play_button.setChecked(self._playing)  # the worker's playing_changed decides
        (self.commands.pause if self._playing else self.commands.play).emit()

    @Slot(bool)
    def _set_playing(self, playing: bool) -> None:
        self._playing = playing
        self.play_button.setChecked(playing)
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))

    def _make_status_labels(self, tab: LabTab) -> None:
        """One line per run, reusing the labels (two rows, then a second column)."""
        names = tab.run_names()
        self._runs = list(zip(names if len(names) > 1 else [""], tab.run_colors()))
        while len(self.status_labels) < len(self._runs):
            label = QLabel(self.status_box)
            label.setTextFormat(Qt.TextFormat.RichText)
            i = len(self.status_labels)
            self.status_grid.addWidget(label, i % 2, i // 2)
            self.status_labels.append(label)
        for i, label in enumerate(self.status_labels):
            label.setVisible(i < len(self._runs))
            if i < len(self._runs):
                label.setText(self._status_line(*self._runs[i], self.tr("starting...")))

    @staticmethod
    def _status_line(name: str, color: str, text: str) -> str:
        return f'<span style="color:{color}">■</span> <b>{name}</b>: {text}' if name else text

    def _show_status(self, snapshots) -> None:
        for label, (name, color), s in zip(self.status_labels, self._runs, snapshots):
            d = s.divergence
            if d is not None:
                text = '<span style="color:#d62728"><b>{0}</b></span>'.format(self.tr(
                    "diverged at iteration {0}, layer {1} (non-finite {2})").format(
                    d.iteration, d.layer, labels.divergence_place(d.where)))
            elif s.status == "completed":
                text = self.tr("iteration {0} (all epochs done)").format(s.iteration)
            else:
                text = self.tr("iteration {0}").format(s.iteration)
            label.setText(self._status_line(name, color, text))
        self.status_grid.activate()  # fit the new text now, not a frame later
        diverged = any(s.divergence is not None for s in snapshots)
        if diverged != self._reset_hint:  # only on a change: other messages stay readable
            self._reset_hint = diverged
            if diverged:
                self.statusBar().showMessage(self.tr("Press Reset to start the runs again from iteration 0."))
            else:
                self.statusBar().clearMessage()

    def status_lines(self) -> list[str]:
        """The status line of every run on show, as plain text."""
        return [re.sub(r"<[^>]+>", "", label.text()) for label in self.status_labels[:len(self._runs)]]

    @Slot(str)
    def _show_failure(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # ----- lifetime ------------------------------------------------------------------------

    @property
    def is_running(self) -> bool:
        """Whether the worker thread still runs: from construction until shutdown()."""
        return self.worker_thread.thread.isRunning()

    def show_sequence_preset(self, name: str) -> None:
        """Bring the RNN tab to the front with the sequence preset ``name`` on it."""
        self.tabs.setCurrentWidget(self.rnn_tab)
        self.rnn_tab.apply_preset(name)

    def hideEvent(self, event) -> None:
        """Hidden (closed), the lab pauses: nobody watches its runs, and training them would take
        the GIL from the main window's. Runs, tab and settings stay, so showing the window again
        carries on where it stopped. Minimising (the window system's hide) pauses nothing."""
        super().hideEvent(event)
        if not event.spontaneous():
            self.commands.pause.emit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.flush()  # what arrived while hidden: the throttles kept it for now

    def shutdown(self) -> None:
        """Close the window and stop the worker thread for good (the application is exiting).
        The lab cannot train after this."""
        super().shutdown()
        self.worker_thread.stop()
