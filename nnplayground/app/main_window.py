"""The main window: assembles the panels, plots, menus, labs and the worker around one model.

The window holds no experiment of its own: ``self.model`` (app/model.py) does, and every
panel observes it and writes its edits to it. The model decides whether an edit applies live
or restarts training and tells the worker; the window only passes the worker's snapshots to
the model and draws what the model accepts.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize, Qt, Slot
from PySide6.QtWidgets import (QDockWidget, QHBoxLayout, QLabel, QMainWindow, QMessageBox, QProgressBar, QPushButton,
                               QSizePolicy, QSplitter, QVBoxLayout, QWidget)

from .. import __version__
from ..core import Experiment, ExperimentError
from ..core.compiled.engine import unavailable
from ..core.metrics import duration
from ..core.presets import load_preset
from . import labels
from .autosave import Autosave
from .file_actions import FileActions, default_experiment
from .headline import Headline, TimeLeft, count, status_line, stopped_text
from .language import Language, Retranslating
from .menus import MenuBar
from .model import ExperimentModel
from .panels.data_panel import DataPanel
from .panels.network_builder import NetworkBuilder
from .panels.runs_panel import RunsPanel
from .panels.training_controls import TrainingControls
from .plots.curves import LossPlot, MetricPlot
from .plots.gradients import GradientHeatmap, GradientNormPlot
from .plots.output_view import OutputView
from .throttle import Throttle
from .widgets import scrolling
from .worker import WorkerThread

STATUS_HZ = 10  # the counters in the status bar change faster than anyone reads them
MESSAGE_MS = 8000
COMFORTABLE_SIZE = QSize(1400, 900)  # what a new window asks for when the screen has room
TITLE_BAR = 32  # a window manager puts its title bar above the window, on the same screen
TOOLBAR_ICON = 16
PLOTS_SHARE = 0.3  # the default layout gives the plots at the bottom this share of the height


def initial_size(available: QRect) -> QSize:
    """The size a new window opens at on a screen with ``available`` room (less its task bars):
    all of it, less a title bar, up to COMFORTABLE_SIZE."""
    return COMFORTABLE_SIZE.boundedTo(available.size() - QSize(0, TITLE_BAR))


def present(window):
    """Show a lab window in front, ready for input; returns it."""
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def plane_experiments_only(experiment: Experiment) -> str | None:
    """The main window draws an input plane and layers of units: a recurrent net on
    sequences has neither, so it is refused with a pointer to where it can be run."""
    if experiment.data.is_sequence:
        return QMainWindow.tr("{0} trains a recurrent net on sequences: open it in Labs > Gradient lab "
                              "or run it with `nnplayground run`.").format(experiment.name)
    return None


def last_experiment(settings: QSettings) -> Experiment | None:
    """The experiment the window held when it last closed, or None if there is none or it is
    damaged (a bad setting must never stop the window from opening)."""
    text = settings.value("last_experiment")
    if not isinstance(text, str) or not text:
        return None
    try:
        experiment = Experiment.from_json(text)
    except ExperimentError:
        return None
    return None if plane_experiments_only(experiment) else experiment


class MainWindow(Retranslating, QMainWindow):
    """The nnplayground window. ``model`` holds the experiment; ``files`` the File menu."""

    def __init__(self, settings: QSettings | None = None, experiment: Experiment | None = None):
        super().__init__()
        self.settings = settings or QSettings()
        self.language = Language(self.settings, self)
        self.language.start()  # before any widget is made, so each is made in the language shown
        self.setObjectName("main_window")
        self.setDockNestingEnabled(True)
        self.model = ExperimentModel(experiment or last_experiment(self.settings) or default_experiment(),
                                     accept=plane_experiments_only, parent=self)
        self.files = FileActions(self, self.model, self.settings)
        self.labs: dict[str, QMainWindow] = {}  # each lab is made on first use and reused

        self.controls = TrainingControls(self.model, self.settings, self)
        self.addToolBar(self.controls)
        self.addToolBarBreak()
        self.addToolBar(self.controls.schedule_bar)
        self.builder = NetworkBuilder(self.model, self)
        self.output = OutputView(self)
        self.headline = Headline(self)
        self.data_panel = DataPanel(self.model, self)
        self.loss_plot, self.metric_plot = LossPlot(self), MetricPlot(self)
        self.gradient_plot, self.gradient_heatmap = GradientNormPlot(self), GradientHeatmap(self)
        self.runs_panel = RunsPanel(self.model, self)
        self.history_plots = (self.loss_plot, self.metric_plot, self.gradient_plot, self.gradient_heatmap)
        self.views = (self.builder, self.headline, self.output, *self.history_plots)
        self._build_central()
        self._build_docks()
        self._build_status_bar()
        self.menus = MenuBar(self)
        self.setMenuBar(self.menus)
        m = self.menus  # the actions the window and its tests use, as the window's own
        self.preset_actions, self.engine_action, self.headline_action = m.preset_actions, m.engine_action, m.headline_action
        self.language_menu, self.language_actions = m.language_menu, m.language_actions
        self.guide = m.guide
        self.gradient_lab_action, self.propagation_inspector_action = m.gradient_lab_action, m.propagation_inspector_action
        self.activation_lab_action, self.parallel_lab_action = m.activation_lab_action, m.parallel_lab_action
        self.sweeps_action = m.sweeps_action

        # Snapshots carry a backprop profile (pre-activation histograms) for the activation lab.
        # On the default net that is ~60 us per snapshot, ~0.2% of training time: bench_gui.py
        # shows no difference beyond its run-to-run noise, so it is always on.
        self.worker_thread = WorkerThread(profiles=True)
        self.commands = self.worker_thread.commands
        self.worker_thread.connect_views(self._fetch_snapshots, self.controls.set_playing, self.show_message)
        self._connect()
        self.model.connect_worker(self.worker_thread)
        self.autosave = Autosave(self.model, self.settings, self.show_message, self)  # offer_restore() is the app's call

        for bar in (self.controls, self.controls.schedule_bar):  # two rows of toolbars: keep them low
            bar.setIconSize(QSize(TOOLBAR_ICON, TOOLBAR_ICON))
        self.resize(initial_size(self.screen().availableGeometry()))
        self._size_docks()
        self._default_state = self.saveState()
        self._restore_layout()
        self.retranslate()
        self.builder.setFocus()  # not the learning-rate box: typing there should be a choice

    @property
    def experiment(self) -> Experiment:
        """The model's experiment (read-only here: edits go through ``self.model``)."""
        return self.model.experiment

    @property
    def snapshot(self):
        """The newest snapshot of the current run, or None before the first."""
        return self.model.snapshot

    # ----- layout ----------------------------------------------------------------------

    def _build_central(self) -> None:
        self.banner = QWidget(self)
        self.banner.setObjectName("divergence_banner")
        self.banner.setStyleSheet("#divergence_banner { background: #fde2e1; border: 1px solid #d62728; }")
        row = QHBoxLayout(self.banner)
        self.banner_label = QLabel(self.banner)
        self.banner_label.setWordWrap(True)
        self.banner_reset = QPushButton(self.banner)
        self.banner_reset.clicked.connect(self.controls.reset_action.trigger)
        row.addWidget(self.banner_label, 1)
        row.addWidget(self.banner_reset)
        self.banner.hide()

        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.builder)
        splitter.addWidget(self.output)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.banner)
        # Across the top of the central area, not above the output view alone: on a 1024 px
        # screen the output column is ~300 px, too narrow for four numbers in large type.
        column.addWidget(self.headline)
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)

    def _dock(self, widget, name, area) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        if hasattr(widget, "flush"):  # a plot skips drawing while its tab is at the back
            dock.visibilityChanged.connect(lambda visible: visible and widget.flush())
        return dock

    def _build_docks(self) -> None:
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.data_dock = self._dock(scrolling(self.data_panel, self), "data_dock", Qt.DockWidgetArea.LeftDockWidgetArea)
        self.loss_dock = self._dock(self.loss_plot, "loss_dock", bottom)
        self.metric_dock = self._dock(self.metric_plot, "metric_dock", bottom)
        self.gradient_dock = self._dock(self.gradient_plot, "gradient_dock", bottom)
        self.heatmap_dock = self._dock(self.gradient_heatmap, "heatmap_dock", bottom)
        self.runs_dock = self._dock(self.runs_panel, "runs_dock", bottom)
        for dock in (self.loss_dock, self.metric_dock, self.gradient_dock, self.heatmap_dock, self.runs_dock):
            # The plots are wide and short: a title bar at their side leaves their height to them.
            dock.setFeatures(dock.features() | QDockWidget.DockWidgetFeature.DockWidgetVerticalTitleBar)
        self.splitDockWidget(self.loss_dock, self.gradient_dock, Qt.Orientation.Horizontal)
        self.tabifyDockWidget(self.loss_dock, self.metric_dock)
        self.tabifyDockWidget(self.gradient_dock, self.heatmap_dock)
        self.tabifyDockWidget(self.heatmap_dock, self.runs_dock)
        self.loss_dock.raise_()
        self.gradient_dock.raise_()
        self.docks = (self.data_dock, self.loss_dock, self.metric_dock, self.gradient_dock, self.heatmap_dock,
                      self.runs_dock)

    def _build_status_bar(self) -> None:
        self.status_label = QLabel(self)
        # The line's length changes with every count and with the headline's numbers moving
        # in: it takes the bar's free width and never widens the window (a 1024 px screen).
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.progress = QProgressBar(self, maximumWidth=260, textVisible=True)  # its width: retranslate
        self.time_left = TimeLeft()
        self.status_throttle = Throttle(self.status_label, self._show_status, STATUS_HZ)
        # A normal (not permanent) widget: a passing message (show_message) takes its place for
        # a few seconds; beside a permanent one taking the whole width, no message could show.
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)

    def plots(self) -> list[tuple[str, QWidget]]:
        """(title, view) of the views File > Export plot offers, in the interface's language."""
        return [(self.tr("Output"), self.output), (self.tr("Loss"), self.loss_plot),
                (self.tr("Accuracy / R²"), self.metric_plot), (self.tr("Gradient norms"), self.gradient_plot),
                (self.tr("Gradient heatmap"), self.gradient_heatmap)]

    def retranslate(self) -> None:
        """Write the window's own texts in the interface's language: dock titles, the banner,
        and the status bar re-rendered from the newest snapshot (the menus do their own)."""
        titles = {view: title for title, view in self.plots()}
        titles.update({self.data_dock.widget(): self.tr("Data"), self.runs_panel: self.tr("Runs")})
        for dock in self.docks:
            dock.setWindowTitle(titles[dock.widget()])
        self.banner_reset.setText(self.tr("Reset"))
        self.banner_reset.setToolTip(self.controls.reset_action.toolTip())
        longest = self._progress_format().replace("%p%", "100%").format(duration(23 * 3600 + 59 * 60))
        self.progress.setMinimumWidth(self.fontMetrics().horizontalAdvance(longest) + 24)
        self._update_title()
        snapshot = self.model.snapshot
        if snapshot is not None:
            self._show_divergence(snapshot.divergence)
            self.status_throttle.offer(snapshot, interval=0)

    def _connect(self) -> None:
        c, commands, model = self.controls, self.commands, self.model
        c.play_toggled.connect(lambda playing: (commands.play if playing else commands.pause).emit())
        c.step_requested.connect(commands.step)
        c.epoch_requested.connect(commands.epoch)
        c.reset_requested.connect(model.reset)  # the model records the run first
        c.invalid.connect(self.show_message)
        c.speed_changed.connect(commands.speed)
        commands.speed.emit(c.speed)  # queued before any Play
        self.engine_action.toggled.connect(self._engine_chosen)
        self._engine_chosen(self.engine_action.isChecked())
        c.entered.connect(self.builder.setFocus)  # Space plays again, the arrows step
        # Collapsing the output column moves its numbers into the status bar, and back.
        self.headline.seen_changed.connect(self._numbers_moved)
        # The gradient plot and the heatmap are two views of one measure: a pick in either applies to both.
        self.gradient_plot.measure_changed.connect(self.gradient_heatmap.set_measure)
        self.gradient_heatmap.measure_changed.connect(self.gradient_plot.set_measure)
        self.builder.neuron_clicked.connect(self.output.show_neuron)
        self.output.neuron_changed.connect(self.builder.select_neuron)
        self.builder.weight_edited.connect(commands.set_weight)
        self.output.point_added.connect(self._add_point)
        self.output.points_cleared.connect(lambda: model.update("data", extra_points=()))
        self.output.sample_picked.connect(self._sample_picked)
        self.files.replaced.connect(lambda: self.output.set_adding_points(False))  # points belong to the old one
        model.snapshot_changed.connect(self.show_snapshot)
        model.run_loaded.connect(self._run_loaded)
        model.refused.connect(self.show_message)
        model.experiment_changed.connect(self._experiment_changed)
        model.path_changed.connect(self._update_title)

    # ----- experiment ------------------------------------------------------------------------

    def open_preset(self, name: str) -> None:
        """Make preset ``name`` current; a recurrent-net preset opens in the gradient lab."""
        if load_preset(name).data.is_sequence:  # recurrent nets live in the gradient lab
            self.open_gradient_lab().show_sequence_preset(name)
            return
        self.files.open_preset(name)

    def _add_point(self, x1: float, x2: float, label: float) -> None:
        data = self.model.experiment.data
        point = (x1, label) if data.dataset == "sine" else (x1, x2, label)
        self.model.update("data", extra_points=data.extra_points + (point,))

    def _run_loaded(self, data) -> None:
        self.output.set_data(data)
        for plot in self.history_plots:  # a new run: the old curves mean nothing now
            plot.clear()
        self.status_throttle.drop()

    def _experiment_changed(self, _experiment) -> None:
        self._update_title()
        if self.model.restart_pending:
            self.statusBar().showMessage(self.tr("The experiment changed, so training restarts from iteration 0."),
                                         5000)

    # ----- snapshots ------------------------------------------------------------------------

    @Slot()
    def _fetch_snapshots(self) -> None:
        self.model.offer_snapshots(self.worker_thread.worker.take_snapshots())

    def show_snapshot(self, snapshot) -> None:
        """Hand ``snapshot`` (of the model's current run) to every view; each draws at its own rate."""
        for view in self.views:
            view.show_snapshot(snapshot)
        self.status_throttle.offer(snapshot)
        if (snapshot.divergence is not None) != self.banner.isVisible():
            self._show_divergence(snapshot.divergence)

    def flush_views(self) -> None:
        """Draw the newest snapshot everywhere now, skipping the views' rate limits."""
        for view in self.views:
            if hasattr(view, "flush"):  # the output view is never held back
                view.flush()
        self.status_throttle.flush()

    @Slot(bool)
    def _engine_chosen(self, compiled: bool) -> None:
        engine = "compiled" if compiled else "numpy"
        self.settings.setValue("engine", engine)
        self.commands.engine.emit(engine)

    def _engine_status(self, s) -> str:
        """Which engine trains, and why not the compiled one when it was chosen but is not running."""
        if s.engine_state == "unavailable":
            return self.tr("NumPy engine (the compiled one is unavailable: {0})").format(unavailable())
        if s.engine_state == "compiling":
            return self.tr("NumPy engine (compiling the fast one...)")
        return labels.engine(s.engine)  # "not covered": NumPy is as fast there, or the kernel does not apply

    def _show_status(self, s) -> None:
        epochs = s.experiment.training.epochs
        parts = [stopped_text(s)]
        if not self.headline.seen:  # hidden from the View menu
            parts.append(status_line(s))
        else:
            epoch = count(s.epoch) if epochs is None else f"{count(s.epoch)}/{count(epochs)}"
            parts.append(self.tr("Epoch {0} - iteration {1} - batch {2}/{3} - samples seen {4}").format(
                epoch, count(s.iteration), s.batch, s.batches_per_epoch, count(s.samples_seen)))
        parts.append(self._engine_status(s))
        self.status_label.setText(" - ".join(part for part in parts if part))
        # Training until paused has no end to show progress towards: the counters say it all.
        self.progress.setVisible(s.total_iterations is not None)
        if s.total_iterations is not None:
            self.progress.setMaximum(max(1, s.total_iterations))
            self.progress.setValue(min(s.iteration, s.total_iterations))
            left = self.time_left.estimate(s.iteration, s.total_iterations, time.monotonic())
            self.progress.setFormat("%p%" if left is None else self._progress_format().format(duration(left)))

    def _progress_format(self) -> str:
        return self.tr("%p% - about {0} left")

    def _numbers_moved(self) -> None:
        """The headline came into view or went out of it: the status bar hands its numbers
        back, or takes them over."""
        if self.model.snapshot is not None:
            self.status_throttle.offer(self.model.snapshot, interval=0)

    def _show_divergence(self, d) -> None:
        if d is not None:
            self.banner_label.setText(self.tr(
                "<b>Training diverged</b> at iteration {0}: the {1} of layer {2} became infinite or NaN. "
                "Lower the learning rate or change the initialisation, then press Reset.").format(
                d.iteration, labels.divergence_place(d.where), d.layer))
        self.banner.setVisible(d is not None)

    @Slot(str)
    def show_message(self, message: str) -> None:
        """A passing message (a refused edit, a stopped run) in the status bar."""
        self.statusBar().showMessage(message, MESSAGE_MS)

    def _update_title(self, *_) -> None:
        path = self.model.path
        self.setWindowTitle(f"{path.name if path else self.model.experiment.name}[*] - nnplayground")
        self.setWindowModified(self.model.modified)

    # ----- labs ------------------------------------------------------------------------------

    def _lab(self, name: str, make):
        if name not in self.labs:
            lab = self.labs[name] = make()
            # A lab's comfortable size may be more than a laptop's screen: never open beyond it.
            available = self.screen().availableGeometry()
            lab.resize(lab.size().boundedTo(available.size() - QSize(0, TITLE_BAR)))
        return present(self.labs[name])

    def open_gradient_lab(self):
        """Show the gradient lab (made on first use, then the same window each time)."""
        from .labs import GradientLab  # imported on first use: most sessions never open it
        return self._lab("gradient", GradientLab)

    def open_propagation_inspector(self):
        """Show the propagation inspector on the model's current network and weights."""
        from .labs import PropagationInspector  # imported on first use
        return self._lab("propagation", lambda: PropagationInspector(self.model))

    def open_activation_lab(self):
        """Show the activation lab, which draws the model's snapshots while it is open."""
        from .labs import ActivationLab  # imported on first use
        return self._lab("activation", lambda: ActivationLab(self.model))

    def open_parallel_lab(self):
        """Show the parallel lab, which trains the model's experiment (or a preset) in its own thread."""
        from .labs import ParallelLab  # imported on first use
        return self._lab("parallel", lambda: ParallelLab(self.model))

    def open_sweeps(self):
        """Show the sweep window, which trains grids of the model's experiment (or a preset) in
        the background."""
        from .sweep import SweepWindow  # imported on first use
        return self._lab("sweep", lambda: SweepWindow(self.model))

    def _sample_picked(self, index: int) -> None:
        inspector = self.labs.get("propagation")
        if inspector is not None and inspector.picking:
            inspector.pick_sample(index)

    # ----- layout and lifetime ------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry, state = self.settings.value("geometry"), self.settings.value("window_state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def _size_docks(self) -> None:
        """The default share of the window for the docks: the data panel as wide as it needs,
        the plots PLOTS_SHARE of the height (the network and the output view take the rest)."""
        self.resizeDocks([self.data_dock], [self.data_dock.minimumSizeHint().width()], Qt.Orientation.Horizontal)
        self.resizeDocks([self.loss_dock, self.gradient_dock], [int(self.height() * PLOTS_SHARE)] * 2,
                         Qt.Orientation.Vertical)

    def reset_layout(self) -> None:
        """Every dock and toolbar back in its place, in proportion to the window's present size
        (which does not change)."""
        for dock in self.docks:
            dock.setFloating(False)
            dock.show()
        self.restoreState(self._default_state)
        self._size_docks()

    def about(self) -> None:
        import numpy
        import pyqtgraph
        from PySide6 import __version__ as pyside_version
        QMessageBox.about(self, self.tr("About nnplayground"), self.tr(
            "<h3>nnplayground {0}</h3><p>Build a small neural network, train it and watch it learn.</p>"
            "<p>PySide6 {1} - pyqtgraph {2} - NumPy {3}</p>").format(
            __version__, pyside_version, pyqtgraph.__version__, numpy.__version__))

    def closeEvent(self, event) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState())
        self.settings.setValue("last_experiment", self.model.experiment.to_json())
        self.settings.sync()
        self.autosave.finish()  # after the experiment is in the settings: a crash between loses nothing
        self.hide()  # stopping the threads may take a moment: do not look frozen meanwhile
        for lab in self.labs.values():
            lab.shutdown()
            lab.close()
        self.runs_panel.stop()
        self.worker_thread.stop()
        super().closeEvent(event)
