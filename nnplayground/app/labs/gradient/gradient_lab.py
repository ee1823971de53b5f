"""The gradient lab: a window that makes vanishing and exploding gradients visible.

Each tab is one experiment with its own controls and plots. Only the tab in front trains:
its experiments (one run, two with a remedy switched on: "before" and "after", or one run
per activation) are loaded into the lab's own worker thread, which publishes snapshots
carrying a backprop profile (||dL/dz|| per layer and pre-activation histograms; for the
recurrent net of the RNN tab, in rnn_tab.py, ||dL/dh_t|| per time step). As in
the main window, the GUI thread never calls a Trainer: commands go out as queued signals,
snapshots come back through the worker's mailbox and are drawn a few times a second.
The window is here; the tabs on deep nets in deep_tabs.py, the sigmoid comparison in
sigmoid_tab.py, the outlier and RNN tabs in outlier_tab.py and rnn_tab.py, the plots in
gradient_lab_plots.py, the frame and controls every tab shares in lab_tab.py.
"""
from __future__ import annotations

import re

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ....core import ExperimentError
from ....core.experiment import live_change
from ... import labels
from ...language import Retranslating
from ...throttle import Throttle
from ...worker import WorkerThread
from ..common import LabWindow
from .deep_tabs import DepthTab, InitScaleTab, SaturationTab
from .lab_tab import LabTab
from .outlier_tab import OutlierTab
from .rnn_tab import RNNTab
from .sigmoid_tab import SigmoidTab

STATUS_HZ = 10


# ----- the window -------------------------------------------------------------------------------

class GradientLab(Retranslating, LabWindow):
    """The lab window. Tabs: ``depth_tab``, ``init_tab``, ``saturation_tab``, ``sigmoid_tab``,
    ``outlier_tab``, ``rnn_tab``.

    Play/Pause, Step and Reset act on every run of the tab in front; ``status_labels`` hold
    one line per run. ``snapshots`` is the newest tuple received for the runs on show."""

    def __init__(self, parent=None):
        super().__init__(parent)
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
        self.retranslate()

    def retranslate(self) -> None:
        """Title, tab names, buttons and the status lines (from the newest snapshots) in the current language."""
        self.setWindowTitle(self.tr("Gradient lab - nnplayground"))
        titles = (self.tr("Depth"), self.tr("Large initialisation"), self.tr("Saturating activations"),
                  self.tr("Sigmoid: vanishing or exploding"), self.tr("Outliers"), self.tr("RNN over long sequences"))
        tips = (self.tr("How the backward signal fades or grows with the number of layers"),
                self.tr("Large initial weights push units onto the flat tails of tanh and sigmoid"),
                self.tr("One deep net trained once per activation: saturated and dead units"),
                self.tr("A deep sigmoid net with ordinary and with large weights: the signal shrinks or grows"),
                self.tr("Regression with a few far-off targets: gradient spikes, Huber loss and clipping"),
                self.tr("A tanh recurrent net over long sequences: the gradient per time step"))
        for i, (title, tip) in enumerate(zip(titles, tips)):
            self.tabs.setTabText(i, title)
            self.tabs.setTabToolTip(i, tip)
        self.play_button.setText(self.tr("Pause") if self._playing else self.tr("Play"))
        self.play_button.setToolTip(self.tr("Train every run of this tab; press again to pause"))
        self.step_button.setText(self.tr("Step"))
        self.step_button.setToolTip(self.tr("Train one iteration (one batch) and stop"))
        self.reset_button.setText(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Back to iteration 0 with the same initial weights"))
        self._make_status_labels(self.current_tab())
        if self.snapshots is not None:
            self._show_status(self.snapshots)
        self._show_reset_hint()

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget(self)
        self.depth_tab, self.init_tab = DepthTab(self), InitScaleTab(self)
        self.saturation_tab, self.sigmoid_tab = SaturationTab(self), SigmoidTab(self)
        self.outlier_tab, self.rnn_tab = OutlierTab(self), RNNTab(self)
        for tab in (self.depth_tab, self.init_tab, self.saturation_tab, self.sigmoid_tab, self.outlier_tab,
                    self.rnn_tab):
            self.tabs.addTab(tab, "")  # named in retranslate
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
        self.play_button = QPushButton(self, checkable=True)
        self.step_button = QPushButton(self)
        self.reset_button = QPushButton(self)
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
            self._show_reset_hint()
            if not diverged:
                self.statusBar().clearMessage()

    def _show_reset_hint(self) -> None:
        if self._reset_hint:
            self.statusBar().showMessage(self.tr("Press Reset to start the runs again from iteration 0."))

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
