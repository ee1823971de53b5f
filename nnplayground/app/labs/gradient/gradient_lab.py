"""The gradient lab: a window that makes vanishing and exploding gradients visible.

Each tab is one experiment with its own controls and plots. Only the tab in front trains:
its experiments (one run, two with a remedy switched on: "before" and "after", or one run
per activation) are loaded into the lab's own worker thread, which publishes snapshots
carrying a backprop profile (||dL/dz|| per layer and pre-activation histograms; for the
recurrent net of the RNN tab, in rnn_tab.py, ||dL/dh_t|| per time step). As in
the main window, the GUI thread never calls a Trainer: commands go out as queued signals,
snapshots come back through the worker's mailbox and are drawn a few times a second.
The tabs on deep nets are in deep_tabs.py; the plots in gradient_lab_plots.py, the frame and
the controls every tab shares in lab_tab.py.
"""
from __future__ import annotations

import re

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel, QMainWindow, QPushButton, QTabWidget, QVBoxLayout,
                               QWidget)

from ....core import ExperimentError
from ... import labels
from ...throttle import Throttle
from ...worker import WorkerThread
from .deep_tabs import DepthTab, InitScaleTab, OutlierTab, SaturationTab
from .lab_tab import LabTab
from .rnn_tab import RNNTab

STATUS_HZ = 10


class GradientLab(QMainWindow):
    """The lab window. Tabs: ``depth_tab``, ``init_tab``, ``saturation_tab``, ``outlier_tab``, ``rnn_tab``.

    Play/Pause, Step and Reset act on every run of the tab in front; ``status_labels`` hold
    one line per run. ``snapshots`` is the newest tuple received for the runs on show."""


    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Gradient lab - nnplayground"))
        self.setObjectName("gradient_lab")
        self.snapshots = None
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
        self.play_button.clicked.connect(self._play_clicked)
        self.step_button.clicked.connect(self.commands.step)
        self.reset_button.clicked.connect(self.commands.reset)
        self.tabs.currentChanged.connect(lambda _: self.reload())

    # ----- runs ----------------------------------------------------------------------------

    def current_tab(self) -> LabTab:
        """The tab in front: the one whose runs train."""
        return self.tabs.currentWidget()

    def reload(self) -> None:
        """Build the front tab's experiments and hand them to the worker."""
        tab = self.current_tab()
        try:
            experiments = tab.build()
        except ExperimentError as e:
            self._show_failure(str(e))
            return
        if self.snapshots is None or len(self.snapshots) != len(experiments) or any(
                s.experiment.network != e.network for s, e in zip(self.snapshots, experiments)):
            tab.clear()  # a new network: the old curves mean nothing now
        self.snapshots = None
        self.status_throttle.drop()
        self._make_status_labels(tab)
        self.commands.load.emit(experiments)

    def _tab_edited(self, tab: LabTab) -> None:
        if tab is self.current_tab():
            self.reload()

    @Slot()
    def _fetch_snapshots(self) -> None:
        snapshots = self.worker_thread.worker.take_snapshots()
        tab = self.current_tab()
        if not snapshots or len(snapshots) != len(tab.loaded) or any(
                s.experiment is not e for s, e in zip(snapshots, tab.loaded)):
            return  # from runs a newer edit (or another tab) has already replaced
        self.snapshots = snapshots
        tab.offer(snapshots)
        self.status_throttle.offer(snapshots)

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
        """Whether the worker thread still runs (it stops when the window closes)."""
        return self.worker_thread.thread.isRunning()

    def closeEvent(self, event) -> None:
        self.worker_thread.stop()
        super().closeEvent(event)

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
        self.close()
        self.worker_thread.stop()
