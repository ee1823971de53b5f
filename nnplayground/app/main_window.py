"""The main window: assembles panels, plots, menus and the worker. It holds no training logic.

The window keeps the current Experiment. Every edit from a panel arrives as a new
Experiment; the worker either adopts it live (learning rate, regularisation, EPOCHS) or
starts over with it, and the status bar says which.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QHBoxLayout, QLabel, QMainWindow, QMessageBox,
                               QProgressBar, QPushButton, QSplitter, QVBoxLayout, QWidget)

from .. import __version__
from ..core import Experiment, ExperimentError
from ..core.presets import list_presets, load_preset
from ..core.trainer import live_change
from .export import export_plot, save_metrics_csv
from .panels.data_panel import DataPanel
from .panels.network_builder import NetworkBuilder
from .panels.training_controls import TrainingControls
from .plots.curves import LossPlot, MetricPlot
from .plots.gradients import GradientHeatmap, GradientNormPlot
from .plots.output_view import OutputView
from .throttle import Throttle
from .worker import WorkerThread

MAX_RECENT = 8
STATUS_HZ = 10  # the counters in the status bar change faster than anyone reads them
DEFAULT_PRESET = "circle"


def present(window):
    """Show a lab window in front, ready for input; returns it."""
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def default_experiment() -> Experiment:
    return load_preset(DEFAULT_PRESET)


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None, experiment: Experiment | None = None):
        super().__init__()
        self.settings = settings or QSettings()
        self.setWindowTitle("nnplayground")
        self.setObjectName("main_window")
        self.setDockNestingEnabled(True)
        self.path: Path | None = None
        self.snapshot = None
        self.gradient_lab = None  # the Labs menu's window, made on first use
        self.propagation_inspector = None  # likewise; it reads self.experiment and self.snapshot when asked
        self.activation_lab = None  # likewise; it draws this window's snapshots while open
        self.experiment = experiment or self._last_experiment() or default_experiment()

        self.controls = TrainingControls(self)
        self.addToolBar(self.controls)
        self.addToolBarBreak()
        self.addToolBar(self.controls.schedule_bar)
        self.builder = NetworkBuilder(parent=self)
        self.output = OutputView(self)
        self.data_panel = DataPanel(self)
        self.loss_plot, self.metric_plot = LossPlot(self), MetricPlot(self)
        self.gradient_plot, self.gradient_heatmap = GradientNormPlot(self), GradientHeatmap(self)
        self.views = (self.builder, self.output, self.loss_plot, self.metric_plot,
                      self.gradient_plot, self.gradient_heatmap)
        self._build_central()
        self._build_docks()
        self._build_status_bar()
        self._build_menus()

        # Snapshots carry a backprop profile (pre-activation histograms) for the activation lab.
        # On the default net that is ~60 us per snapshot, ~0.2% of training time: bench_gui.py
        # shows no difference beyond its run-to-run noise, so it is always on.
        self.worker_thread = WorkerThread(profiles=True)
        self.commands = self.worker_thread.commands
        self.worker_thread.connect_views(self._fetch_snapshot, self.controls.set_playing, self._show_failure)
        self.worker_thread.worker.data_changed.connect(self.output.set_data, Qt.ConnectionType.QueuedConnection)
        self._connect()

        self.resize(1400, 900)
        self._default_state = self.saveState()
        self._restore_layout()
        self.set_experiment(self.experiment)
        self.builder.setFocus()  # not the learning-rate box: typing there should be a choice

    # ----- layout ----------------------------------------------------------------------

    def _build_central(self) -> None:
        self.banner = QWidget(self)
        self.banner.setObjectName("divergence_banner")
        self.banner.setStyleSheet("#divergence_banner { background: #fde2e1; border: 1px solid #d62728; }")
        row = QHBoxLayout(self.banner)
        self.banner_label = QLabel(self.banner)
        self.banner_label.setWordWrap(True)
        banner_reset = QPushButton(self.tr("Reset"), self.banner)
        banner_reset.clicked.connect(self.controls.reset_action.trigger)
        row.addWidget(self.banner_label, 1)
        row.addWidget(banner_reset)
        self.banner.hide()

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.builder)
        splitter.addWidget(self.output)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.banner)
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)

    def _dock(self, widget, title, name, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        if hasattr(widget, "flush"):  # a plot skips drawing while its tab is at the back
            dock.visibilityChanged.connect(lambda visible: visible and widget.flush())
        return dock

    def _build_docks(self) -> None:
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.data_dock = self._dock(self.data_panel, self.tr("Data"), "data_dock", Qt.DockWidgetArea.LeftDockWidgetArea)
        self.loss_dock = self._dock(self.loss_plot, self.tr("Loss"), "loss_dock", bottom)
        self.metric_dock = self._dock(self.metric_plot, self.tr("Accuracy / R²"), "metric_dock", bottom)
        self.gradient_dock = self._dock(self.gradient_plot, self.tr("Gradient norms"), "gradient_dock", bottom)
        self.heatmap_dock = self._dock(self.gradient_heatmap, self.tr("Gradient heatmap"), "heatmap_dock", bottom)
        self.splitDockWidget(self.loss_dock, self.gradient_dock, Qt.Orientation.Horizontal)
        self.tabifyDockWidget(self.loss_dock, self.metric_dock)
        self.tabifyDockWidget(self.gradient_dock, self.heatmap_dock)
        self.loss_dock.raise_()
        self.gradient_dock.raise_()
        self.docks = (self.data_dock, self.loss_dock, self.metric_dock, self.gradient_dock, self.heatmap_dock)

    def _build_status_bar(self) -> None:
        self.status_label = QLabel(self)
        self.status_label.setMinimumWidth(self.fontMetrics().horizontalAdvance(
            "Epoch 10000/10000 - iteration 1000000 - batch 1000/1000 - samples seen 100000000"))
        self.progress = QProgressBar(self, maximumWidth=200, textVisible=True)
        self.status_throttle = Throttle(self.status_label, self._show_status, STATUS_HZ)
        self.statusBar().addPermanentWidget(self.status_label)
        self.statusBar().addPermanentWidget(self.progress)

    def _action(self, menu, text, slot, shortcut=None) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(file_menu, self.tr("&New"), self.new_experiment, QKeySequence.StandardKey.New)
        self._action(file_menu, self.tr("&Open experiment..."), self.open_dialog, QKeySequence.StandardKey.Open)
        self._action(file_menu, self.tr("&Save"), self.save, QKeySequence.StandardKey.Save)
        self._action(file_menu, self.tr("Save &As..."), self.save_as_dialog, QKeySequence.StandardKey.SaveAs)
        self.recent_menu = file_menu.addMenu(self.tr("Recent files"))
        file_menu.addSeparator()
        export_menu = file_menu.addMenu(self.tr("Export plot"))
        plots = ((self.tr("Output"), self.output), (self.tr("Loss"), self.loss_plot),
                 (self.tr("Accuracy / R²"), self.metric_plot), (self.tr("Gradient norms"), self.gradient_plot),
                 (self.tr("Gradient heatmap"), self.gradient_heatmap))
        for title, view in plots:
            self._action(export_menu, title + "...", lambda _=False, v=view, t=title: self.export_plot_dialog(v, t))
        self._action(file_menu, self.tr("Export metrics CSV..."), self.export_metrics_dialog)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        preset_menu = bar.addMenu(self.tr("&Presets"))
        for name, description in list_presets():
            action = self._action(preset_menu, name, lambda _=False, n=name: self.open_preset(n))
            action.setToolTip(description)
            action.setStatusTip(description)
        preset_menu.setToolTipsVisible(True)

        labs_menu = bar.addMenu(self.tr("&Labs"))
        self.gradient_lab_action = self._action(labs_menu, self.tr("Gradient lab..."), self.open_gradient_lab)
        self.propagation_inspector_action = self._action(labs_menu, self.tr("Propagation inspector..."),
                                                         self.open_propagation_inspector)
        self.activation_lab_action = self._action(labs_menu, self.tr("Activation lab..."), self.open_activation_lab)

        view_menu = bar.addMenu(self.tr("&View"))
        for dock in self.docks:
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addAction(self.controls.toggleViewAction())
        view_menu.addAction(self.controls.schedule_bar.toggleViewAction())
        view_menu.addSeparator()
        self._action(view_menu, self.tr("Reset layout"), self.reset_layout)

        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&About nnplayground"), self.about)
        self._refresh_recent_menu()

    def _connect(self) -> None:
        c = self.controls
        commands = self.commands
        c.play_toggled.connect(lambda playing: (commands.play if playing else commands.pause).emit())
        c.step_requested.connect(commands.step)
        c.epoch_requested.connect(commands.epoch)
        c.reset_requested.connect(commands.reset)
        c.invalid.connect(self._show_failure)
        for panel in (c, self.builder, self.data_panel):
            panel.changed.connect(self.set_experiment)
        self.builder.neuron_clicked.connect(self.output.show_neuron)
        self.output.neuron_changed.connect(self.builder.select_neuron)
        self.builder.weight_edited.connect(commands.set_weight)
        self.output.point_added.connect(self._add_point)
        self.output.points_cleared.connect(self._clear_points)
        self.output.plot_widget.scene().sigMouseClicked.connect(self._pick_for_inspector)

    # ----- experiment --------------------------------------------------------------------

    @Slot(object)
    def set_experiment(self, experiment: Experiment) -> None:
        """Make ``experiment`` current everywhere; the worker restarts unless the change is live."""
        if experiment.data.is_sequence:  # no input plane, no layers of units to draw here
            self._show_failure(self.tr("{0} trains a recurrent net on sequences: open it in Labs > Gradient lab "
                                       "or run it with `nnplayground run`.").format(experiment.name))
            return
        restart = not live_change(self.experiment, experiment) or self.snapshot is None
        self.experiment = experiment
        for panel in (self.controls, self.builder, self.data_panel):
            panel.set_experiment(experiment)
        self.commands.load.emit(experiment)
        if restart and self.snapshot is not None:
            self.statusBar().showMessage(self.tr("The experiment changed, so training restarted from iteration 0."), 5000)
        self._update_title()

    def _add_point(self, x1: float, x2: float, label: float) -> None:
        data = self.experiment.data
        point = (x1, label) if data.dataset == "sine" else (x1, x2, label)
        self._replace_data(extra_points=data.extra_points + (point,))

    def _clear_points(self) -> None:
        self._replace_data(extra_points=())

    def _replace_data(self, **changes) -> None:
        try:
            self.set_experiment(self.experiment.replace(data=dataclasses.replace(self.experiment.data, **changes)))
        except ExperimentError as e:
            self._show_failure(str(e))

    def _last_experiment(self) -> Experiment | None:
        text = self.settings.value("last_experiment")
        if not text:
            return None
        try:
            return Experiment.from_dict(json.loads(text))
        except (ValueError, TypeError):  # an old or damaged setting: fall back to the default
            return None

    # ----- snapshots ------------------------------------------------------------------------

    @Slot()
    def _fetch_snapshot(self) -> None:
        snapshots = self.worker_thread.worker.take_snapshots()
        if snapshots:
            self.show_snapshot(snapshots[0])

    def show_snapshot(self, snapshot) -> None:
        if snapshot.experiment is not self.experiment and not live_change(snapshot.experiment, self.experiment):
            return  # from a trainer that a newer edit has already replaced
        self.snapshot = snapshot
        for view in self.views:
            view.show_snapshot(snapshot)
        self.status_throttle.offer(snapshot)
        if self.activation_lab is not None and self.activation_lab.isVisible():
            self.activation_lab.show_snapshot(snapshot)
        if (snapshot.divergence is not None) != self.banner.isVisible():
            self._show_divergence(snapshot.divergence)

    def flush_views(self) -> None:
        """Draw the newest snapshot everywhere now, skipping the views' rate limits."""
        for view in self.views:
            if hasattr(view, "flush"):  # the output view is never held back
                view.flush()
        self.status_throttle.flush()

    def _show_status(self, s) -> None:
        self.status_label.setText(self.tr("Epoch {0}/{1} - iteration {2} - batch {3}/{4} - samples seen {5}").format(
            s.epoch, s.experiment.training.epochs, s.iteration, s.batch, s.batches_per_epoch, s.samples_seen))
        self.progress.setMaximum(max(1, s.total_iterations))
        self.progress.setValue(min(s.iteration, s.total_iterations))

    def _show_divergence(self, d) -> None:
        if d is not None:
            self.banner_label.setText(self.tr(
                "<b>Training diverged</b> at iteration {0}: the {1} of layer {2} became infinite or NaN. "
                "Lower the learning rate or change the initialisation, then press Reset.").format(
                d.iteration, self._where_text(d.where), d.layer))
        self.banner.setVisible(d is not None)

    def _where_text(self, where: str) -> str:
        return {"activations": self.tr("activations"), "loss": self.tr("loss"),
                "gradients": self.tr("gradients"), "weights": self.tr("weights")}.get(where, where)

    @Slot(str)
    def _show_failure(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # ----- files ----------------------------------------------------------------------------

    def new_experiment(self) -> None:
        self.path = None
        self.set_experiment(default_experiment())

    def open_preset(self, name: str) -> None:
        experiment = load_preset(name)
        if experiment.data.is_sequence:  # recurrent nets live in the gradient lab
            lab = self.open_gradient_lab()
            lab.tabs.setCurrentWidget(lab.rnn_tab)
            lab.rnn_tab.apply_preset(name)
            return
        self.path = None
        self.set_experiment(experiment)

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open experiment"), self._last_folder(),
                                              self.tr("Experiments (*.json);;All files (*)"))
        if path:
            self.open_file(path)

    def open_file(self, path) -> bool:
        try:
            experiment = Experiment.load(path)
        except ExperimentError as e:
            QMessageBox.warning(self, self.tr("Cannot open experiment"), str(e))
            return False
        self.path = Path(path)
        self._remember_recent(self.path)
        self.set_experiment(experiment)
        return True

    def save(self) -> bool:
        if self.path is None:
            return self.save_as_dialog()
        return self.save_to(self.path)

    def save_as_dialog(self) -> bool:
        start = str(self.path or Path(self._last_folder()) / f"{self.experiment.name or 'experiment'}.json")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save experiment"), start,
                                              self.tr("Experiments (*.json)"))
        return bool(path) and self.save_to(path)

    def save_to(self, path) -> bool:
        try:
            self.experiment.save(path)
        except OSError as e:
            QMessageBox.warning(self, self.tr("Cannot save experiment"), str(e))
            return False
        self.path = Path(path)
        self._remember_recent(self.path)
        self._update_title()
        self.statusBar().showMessage(self.tr("Saved {0}").format(self.path), 4000)
        return True

    def export_plot_dialog(self, view, title: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export plot"), str(Path(self._last_folder()) / f"{title}.png"),
                                              self.tr("PNG image (*.png);;SVG drawing (*.svg)"))
        if path:
            try:
                export_plot(view, path)
            except (OSError, ValueError) as e:
                QMessageBox.warning(self, self.tr("Cannot export plot"), str(e))

    def export_metrics_dialog(self) -> None:
        if self.snapshot is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export metrics"), str(Path(self._last_folder()) / "metrics.csv"),
                                              self.tr("CSV (*.csv)"))
        if path:
            try:
                save_metrics_csv(self.snapshot, path)
            except OSError as e:
                QMessageBox.warning(self, self.tr("Cannot export metrics"), str(e))

    def _last_folder(self) -> str:
        return str(self.path.parent) if self.path else str(Path.home())

    def _recent(self) -> list[str]:
        value = self.settings.value("recent_files") or []
        return [value] if isinstance(value, str) else list(value)

    def _remember_recent(self, path: Path) -> None:
        recent = [str(path.resolve())] + [p for p in self._recent() if p != str(path.resolve())]
        self.settings.setValue("recent_files", recent[:MAX_RECENT])
        self._refresh_recent_menu()

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self._recent():
            self._action(self.recent_menu, path, lambda _=False, p=path: self.open_file(p))
        self.recent_menu.setEnabled(bool(self._recent()))

    def _update_title(self) -> None:
        name = self.path.name if self.path else self.experiment.name
        self.setWindowTitle(f"{name} - nnplayground")

    # ----- layout and lifetime ------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry, state = self.settings.value("geometry"), self.settings.value("window_state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def reset_layout(self) -> None:
        for dock in self.docks:
            dock.setFloating(False)
            dock.show()
        self.restoreState(self._default_state)

    def open_gradient_lab(self):
        """Show the gradient lab (one window, made on first use; a closed one is made anew)."""
        from .labs import GradientLab  # imported on first use: most sessions never open it
        if self.gradient_lab is None or not self.gradient_lab.is_running:
            self.gradient_lab = GradientLab()
        return present(self.gradient_lab)

    def open_propagation_inspector(self):
        """Show the propagation inspector (one window, made on first use) with the current network."""
        from .labs.propagation_inspector import PropagationInspector  # imported on first use
        if self.propagation_inspector is None:
            self.propagation_inspector = PropagationInspector(source=self)
        else:
            self.propagation_inspector.refresh()
        return present(self.propagation_inspector)

    def _pick_for_inspector(self, event) -> None:
        """While the inspector's "Pick a sample" is on, a click on the output plot (outside
        "Add points" mode) sends the nearest training point to it."""
        inspector = self.propagation_inspector
        if (inspector is None or not inspector.picking or self.output.adding_points
                or event.button() != Qt.MouseButton.LeftButton):
            return
        from .plots.output_view import nearest_training_point
        index = nearest_training_point(self.output, event.scenePos())
        if index is not None:
            event.accept()
            inspector.pick_sample(index)

    def open_activation_lab(self):
        """Show the activation lab (one window, made on first use), with the newest snapshot."""
        from .labs.activation_lab import ActivationLab  # imported on first use, like the gradient lab
        if self.activation_lab is None:
            self.activation_lab = ActivationLab()
        if self.snapshot is not None:
            self.activation_lab.show_snapshot(self.snapshot)
        return present(self.activation_lab)

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
        self.settings.setValue("last_experiment", self.experiment.to_json())
        self.settings.sync()
        if self.gradient_lab is not None:
            self.gradient_lab.close()  # stops its worker thread
        if self.propagation_inspector is not None:
            self.propagation_inspector.close()
        if self.activation_lab is not None:
            self.activation_lab.close()
        self.worker_thread.stop()
        super().closeEvent(event)
