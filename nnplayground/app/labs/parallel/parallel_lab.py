"""The parallel lab: one process against data-parallel training on K simulated ranks.

The notes' fifth topic names three differences between updating after every batch and
data-parallel training: numeric precision, convergence speed, over- or under-fitting. The
lab trains both side by side on the same seed and data (the runs are in runs.py) and shows
each difference in a tab (views.py), with the cost model's speed-up over K and the ranks'
timeline (and, on request, the same experiment measured on K real processes: real_ranks.py).
The experiment is the main window's current one, read from its ExperimentModel whenever it
changes (never a copy of its own), or a preset; the controls on the left make
its ``parallel`` section. Training runs on the lab's own thread (worker.py): the GUI thread
only sends commands and draws snapshots, a few times a second. Closing the window ends the
thread (and a run on real ranks); showing it again starts a new one on the same settings.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Slot
from PySide6.QtWidgets import (QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton,
                               QSplitter, QTabWidget, QVBoxLayout, QWidget)

from ....core import Experiment, ExperimentError
from ....core.collectives import assign_batches
from ....core.experiment import live_change
from ....core.parallel_spec import ALGORITHMS, LINKS, MAX_RANKS, ParallelSpec
from ... import labels
from ...language import Retranslating
from ...throttle import Throttle
from ...widgets import blocked, combo_box, DEBOUNCE_MS, scrolling, select, set_item_texts, spin_box
from ..common import CURRENT, LabWindow, source_combo, source_experiment
from . import real_ranks
from .views import ConvergenceView, CostView, PrecisionView, rank_share
from .worker import ParallelWorkerThread

DRAW_HZ = 10
LAB_SCHEDULES = ("per_rank_batch", "epoch_blocks")  # "single" is the reference each run is compared with
LEFT_WIDTH = 300
SPEEDUP_TOLERANCE = 0.02  # redraw the speed-up when the measured compute time moved by more than this share


def notes_example() -> str:
    """The notes' example, worked out by assign_batches: 100 batches over 4 ranks in one iteration."""
    shares = assign_batches("epoch_blocks", 100, 4)[0]
    return QCoreApplication.translate("ParallelLab", "{0} ({1} batches)").format(
        ", ".join(rank_share(r, b) for r, b in enumerate(shares)), ", ".join(str(len(b)) for b in shares))


class ParallelLab(Retranslating, LabWindow):
    """The lab window. ``model`` is the main window's ExperimentModel (or None: presets only).

    Controls: ``source``, ``ranks``, ``schedule``, ``algorithm``, ``reduce_dtype``, ``link``,
    ``bandwidth`` (GB/s), ``latency`` (µs); ``run_button``, ``step_button``, ``reset_button``.
    Views: ``convergence_view``, ``precision_view``, ``cost_view`` (with ``cost_view.real_ranks``,
    the measurement on real ranks, real_ranks.py). ``snapshot`` is the
    newest LabSnapshot of the runs on show; ``worker_thread`` trains them."""

    def __init__(self, model=None, parent=None):
        super().__init__(parent)
        self.model = model
        self.setObjectName("parallel_lab")
        self.snapshot = None
        self.generation = 0
        self.loaded: Experiment | None = None  # what the worker was last asked to train
        self.batch_seconds = math.nan  # the newest measured compute per batch (kept across reloads)
        self._speedup_drawn = math.nan  # the compute time the speed-up curves were drawn with
        self._playing = False
        left = self._build_controls()
        self.tabs = QTabWidget(self)
        self.convergence_view, self.precision_view = ConvergenceView(self), PrecisionView(self)
        self.cost_view = CostView(self)
        for view in (self.convergence_view, self.precision_view, self.cost_view):
            self.tabs.addTab(view, "")
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        area = scrolling(left, self)
        # the panel's width is fixed, not its layout's minimum: the splitter would squeeze it and hide Reset
        area.setMinimumWidth(max(area.minimumWidth(), LEFT_WIDTH + area.verticalScrollBar().sizeHint().width()))
        splitter.addWidget(area)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self.throttle = Throttle(self.tabs, self._draw, DRAW_HZ)
        self._connect()
        self.worker_thread = None
        self._start_worker()
        self.resize(1340, 740)
        if model is not None:
            model.experiment_changed.connect(self._source_changed)
        self._adopt_source_spec()
        self.retranslate()
        self.reload()

    # ----- building ------------------------------------------------------------------

    def _build_controls(self) -> QWidget:
        panel = QWidget(self)
        panel.setFixedWidth(LEFT_WIDTH)
        column = QVBoxLayout(panel)
        column.setContentsMargins(4, 4, 4, 4)
        self.source = source_combo(panel, self.model, "")
        self.ranks = spin_box(panel, 1, MAX_RANKS, 4)
        self.schedule = combo_box(panel, [(s, s) for s in LAB_SCHEDULES])  # texts: retranslate
        self.algorithm = combo_box(panel, [(a, a) for a in ALGORITHMS], "ring")
        self.reduce_dtype = combo_box(panel, [("float32", "float32"), ("float64", "float64")])
        self.link = combo_box(panel, [(key, key) for key in LINKS])
        self.bandwidth = QDoubleSpinBox(panel, decimals=3, minimum=0.001, maximum=1e6, suffix=" GB/s")
        self.latency = QDoubleSpinBox(panel, decimals=1, minimum=0.0, maximum=1e6, suffix=" µs")
        self._show_link_defaults()
        self.settings_box = QGroupBox(panel)
        self.settings_form = QFormLayout(self.settings_box)
        for widget in (self.source, self.ranks, self.schedule, self.algorithm, self.reduce_dtype, self.link,
                       self.bandwidth, self.latency):
            self.settings_form.addRow(QLabel(self.settings_box), widget)
        column.addWidget(self.settings_box)
        column.addLayout(self._build_buttons(panel))
        self.status = QLabel(panel, wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.batches_label = QLabel(panel, wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.notes_label = QLabel(panel, wordWrap=True)
        for label in (self.status, self.batches_label, self.notes_label):
            column.addWidget(label)
        column.addStretch(1)
        return panel

    def _build_buttons(self, parent) -> QHBoxLayout:
        self.run_button = QPushButton(parent, checkable=True)
        self.step_button = QPushButton(parent)
        self.reset_button = QPushButton(parent)
        row = QHBoxLayout()
        for button in (self.run_button, self.step_button, self.reset_button):
            row.addWidget(button)
        return row

    def retranslate(self) -> None:
        """Every text of the window in the current language (the views write their own)."""
        self.setWindowTitle(self.tr("Parallel lab - nnplayground"))
        for index, title in enumerate((self.tr("Convergence and fitting"), self.tr("Precision"),
                                       self.tr("Cost model"))):
            self.tabs.setTabText(index, title)
        self.settings_box.setTitle(self.tr("Data-parallel settings"))
        rows = (
            (self.source, self.tr("Experiment"), self.tr("The experiment both runs train: the main window's or a preset")),
            (self.ranks, self.tr("Ranks K"), self.tr(
                "K, the number of simulated ranks (GPUs): each computes the gradient of its own batch of b samples")),
            (self.schedule, self.tr("Schedule"), self.tr(
                "A batch per rank: an iteration trains K batches. Epoch blocks: an iteration is the whole epoch, "
                "each rank taking a contiguous block of its batches")),
            (self.algorithm, self.tr("All-reduce"), self.tr(
                "The order in which the all-reduce adds the ranks' gradients: the same sum in exact arithmetic, "
                "different roundings in floating point")),
            (self.reduce_dtype, self.tr("Reduce in"), self.tr(
                "The float type the all-reduce adds in: float32 keeps about 7 significant digits, float64 about 16")),
            (self.link, self.tr("Link"), self.tr(
                "The interconnect the cost model assumes; picking one fills in its bandwidth and latency")),
            (self.bandwidth, self.tr("Bandwidth"), self.tr(
                "What the link carries per second: a message of n bytes takes latency + n / bandwidth")),
            (self.latency, self.tr("Latency"), self.tr(
                "The fixed cost of every message; with a small gradient it dominates the all-reduce")))
        for widget, label, tip in rows:
            self.settings_form.labelForField(widget).setText(label)
            widget.setToolTip(tip)
        set_item_texts(self.schedule, [labels.schedule(s) for s in LAB_SCHEDULES])
        set_item_texts(self.algorithm, [labels.allreduce(a) for a in ALGORITHMS])
        set_item_texts(self.link, [labels.link(key) for key in LINKS])
        self._show_run_text()
        self.step_button.setText(self.tr("Step"))
        self.reset_button.setText(self.tr("Reset"))
        self.run_button.setToolTip(self.tr("Train both runs; press again to pause"))
        self.step_button.setToolTip(self.tr("One data-parallel iteration (the one-process run catches up)"))
        self.reset_button.setToolTip(self.tr("Both runs back to iteration 0"))
        self.notes_label.setText(self.tr("<b>The notes' example</b>: 100 batches over 4 ranks in one iteration: "
                                         "{0}.").format(notes_example()))
        if self.snapshot is not None:
            self._show_batches(self.snapshot)
            self._show_status(self.snapshot)

    def _connect(self) -> None:
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(lambda: self.reload(keep_playing=True))
        self.source.currentIndexChanged.connect(self._source_picked)
        for combo in (self.schedule, self.algorithm, self.reduce_dtype):
            combo.currentIndexChanged.connect(lambda _: self.reload(keep_playing=True))
        self.ranks.valueChanged.connect(lambda _: self._debounce.start())
        self.link.currentIndexChanged.connect(self._link_picked)
        for spin in (self.bandwidth, self.latency):
            spin.valueChanged.connect(self._link_edited)
        self.run_button.clicked.connect(self._run_clicked)
        self.cost_view.real_ranks.button.clicked.connect(self.measure_on_real_ranks)
        self.cost_view.real_ranks.failed.connect(self._show_failure)
        self.tabs.currentChanged.connect(lambda _: self._redraw())
        self.convergence_view.x_axis.currentIndexChanged.connect(lambda _: self._redraw())
        self.precision_view.measure.currentIndexChanged.connect(lambda _: self._redraw())

    def _start_worker(self) -> None:
        self.worker_thread = ParallelWorkerThread(self._fetch_snapshot, self._set_playing, self._show_failure)
        commands = self.commands = self.worker_thread.commands
        for button, command in ((self.step_button, commands.step), (self.reset_button, commands.reset)):
            button.clicked.connect(command)  # a new thread has new commands: disconnect the old ones first

    # ----- settings --------------------------------------------------------------------

    def source_experiment(self) -> Experiment:
        """The experiment picked as the source: the main window's current one, or a preset."""
        return source_experiment(self.source, self.model)

    def spec(self) -> ParallelSpec:
        """The parallel section the controls describe."""
        return ParallelSpec(self.ranks.value(), self.schedule.currentData(), self.algorithm.currentData(),
                            self.reduce_dtype.currentData(), self.link.currentData(),
                            self.bandwidth.value(), self.latency.value())

    def experiment(self) -> Experiment:
        """The source experiment with the controls' parallel section (raises ExperimentError or ValueError)."""
        return self.source_experiment().replace(parallel=self.spec())

    def _adopt_source_spec(self) -> None:
        """Controls set from the source's own parallel section, if it has one (a parallel preset)."""
        spec = self.source_experiment().parallel
        if spec is None or spec.schedule not in LAB_SCHEDULES:
            return
        controls = (self.ranks, self.schedule, self.algorithm, self.reduce_dtype, self.link, self.bandwidth, self.latency)
        with blocked(*controls):
            self.ranks.setValue(spec.ranks)
            for combo, value in ((self.schedule, spec.schedule), (self.algorithm, spec.algorithm),
                                 (self.reduce_dtype, spec.reduce_dtype or "float64"), (self.link, spec.link)):
                select(combo, value)
            link = spec.interconnect
            self.bandwidth.setValue(link.bandwidth / 1e9)
            self.latency.setValue(link.latency * 1e6)

    def _show_link_defaults(self) -> None:
        link = LINKS[self.link.currentData()]
        with blocked(self.bandwidth, self.latency):
            self.bandwidth.setValue(link.bandwidth / 1e9)
            self.latency.setValue(link.latency * 1e6)

    def _link_picked(self) -> None:
        self._show_link_defaults()
        self._link_edited()

    def _link_edited(self) -> None:
        """The speed-up curve follows at once; the runs' simulated time after a restart."""
        self.draw_speedup()
        self._debounce.start()

    def _source_picked(self) -> None:
        self._adopt_source_spec()
        self.reload(keep_playing=True)

    def _source_changed(self, _experiment) -> None:
        """The main window's experiment changed: live settings carry over, anything else restarts."""
        if self.source.currentData() != CURRENT or self.worker_thread is None:
            return
        try:
            experiment = self.experiment()
        except (ExperimentError, ValueError) as error:
            self._show_failure(str(error))
            return
        if self.loaded is not None and live_change(self.loaded, experiment):
            self.loaded = experiment
            self.commands.adopt.emit(experiment, self.generation)
        else:
            self.reload(keep_playing=True)

    def reload(self, keep_playing: bool = False) -> None:
        """New runs for the controls' settings, paused at iteration 0 unless ``keep_playing``
        and they were playing. Settings that make no valid experiment are named in the status bar."""
        self._debounce.stop()
        try:
            experiment = self.experiment()
        except (ExperimentError, ValueError) as error:
            self._show_failure(str(error))
            return
        self.loaded = experiment
        self.generation += 1
        self.snapshot = None
        self.throttle.drop()
        self.commands.load.emit(experiment, self.generation)
        if keep_playing and self._playing:
            self.commands.play.emit()

    # ----- snapshots and drawing ---------------------------------------------------------

    @Slot()
    def _fetch_snapshot(self) -> None:
        if self.worker_thread is None:  # queued before the window closed and its thread ended
            return
        published = self.worker_thread.worker.take_snapshot()
        if published is None or published[0] != self.generation:
            return  # from runs an edit has already replaced
        first = self.snapshot is None
        self.snapshot = snapshot = published[1]
        if math.isfinite(snapshot.batch_seconds):
            self.batch_seconds = snapshot.batch_seconds
        if first:
            self._show_batches(snapshot)
            self.draw_speedup()
        self.throttle.offer(snapshot)

    def flush(self) -> None:
        """Draw the newest snapshot now, skipping the rate limit (tests, screenshots)."""
        self.throttle.flush()

    def _redraw(self) -> None:
        if self.snapshot is not None:
            self.throttle.offer(self.snapshot, interval=0)

    def _draw(self, snapshot) -> None:
        self.tabs.currentWidget().draw(snapshot)
        if not abs(self.batch_seconds / self._speedup_drawn - 1) <= SPEEDUP_TOLERANCE:  # NaN: not drawn yet
            self.draw_speedup()
        self._show_status(snapshot)

    def _show_status(self, snapshot) -> None:
        single = snapshot.curves["single"].x
        self.status.setText(self.tr("Iteration {0} ({1}); one process: iteration {2}").format(
            snapshot.iteration, labels.status(snapshot.status), int(single[-1]) if len(single) else 0))

    def draw_speedup(self) -> None:
        """The speed-up curves for the controls' link and the newest measured compute time."""
        spec = self.spec()
        snapshot = self.snapshot
        if snapshot is None:
            return
        self._speedup_drawn = self.batch_seconds
        self.cost_view.draw_speedup(spec.schedule, snapshot.batches_per_epoch, self.batch_seconds,
                                    snapshot.gradient_bytes, spec.interconnect, spec.ranks, spec.algorithm)

    def _show_batches(self, snapshot) -> None:
        """This experiment's numbers, as the notes' example states its own."""
        exp, spec = snapshot.experiment, snapshot.experiment.parallel
        first = snapshot.assignment[0]
        self.batches_label.setText(self.tr(
            "<b>This experiment</b>: {0} training samples in {1} batches of {2} per epoch; over {3} ranks "
            "({4}) that is {5} iteration(s) per epoch, the first one giving {6}.").format(
            exp.train_samples, snapshot.batches_per_epoch, exp.training.batch_size, spec.ranks,
            labels.schedule(spec.schedule), len(snapshot.assignment),
            ", ".join(rank_share(r, b) for r, b in enumerate(first))))

    # ----- controls --------------------------------------------------------------------

    def _run_clicked(self) -> None:
        self.run_button.setChecked(self._playing)  # the worker's playing_changed decides
        (self.commands.pause if self._playing else self.commands.play).emit()

    def measure_on_real_ranks(self) -> None:
        """The runs on show trained on K processes (real_ranks.py) for about the iterations
        trained so far; the Cost model tab shows what they measured."""
        snapshot = self.snapshot
        if snapshot is None:  # nothing trained yet: the controls' experiment, one epoch
            try:
                experiment = real_ranks.budgeted(self.experiment(), 1, 1)
            except (ExperimentError, ValueError) as error:
                self._show_failure(str(error))
                return
        else:
            experiment = real_ranks.budgeted(snapshot.experiment, snapshot.iteration, len(snapshot.assignment))
        self.cost_view.real_ranks.start(experiment)

    @Slot(bool)
    def _set_playing(self, playing: bool) -> None:
        self._playing = playing
        self.run_button.setChecked(playing)
        self._show_run_text()

    def _show_run_text(self) -> None:
        self.run_button.setText(self.tr("Pause") if self._playing else self.tr("Run"))

    @Slot(str)
    def _show_failure(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # ----- lifetime --------------------------------------------------------------------

    @property
    def is_running(self) -> bool:
        """Whether the lab's worker thread runs: while the window is open."""
        return self.worker_thread is not None and self.worker_thread.running

    def showEvent(self, event) -> None:
        """Shown again after a close: a new worker thread, new runs on the same settings."""
        super().showEvent(event)
        if not self.is_running:
            self._start_worker()
            self.reload()

    def closeEvent(self, event) -> None:
        """Closing ends the worker thread and a run on real ranks (nobody watches; the settings
        stay for the next show)."""
        self._stop_worker()
        self.cost_view.real_ranks.cancel()
        super().closeEvent(event)

    def _stop_worker(self) -> None:
        if self.worker_thread is not None:
            for button, command in ((self.step_button, self.commands.step), (self.reset_button, self.commands.reset)):
                button.clicked.disconnect(command)
            self.worker_thread.stop()
            self.worker_thread = None
            self._set_playing(False)

    def shutdown(self) -> None:
        """Close the window and stop the worker thread and a run on real ranks for good (the
        application is exiting)."""
        super().shutdown()
        self._stop_worker()
        self.cost_view.real_ranks.stop_and_wait()
