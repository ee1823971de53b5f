"""The File menu: new, open, save, recent files and exports, always through the experiment model.

Saving also writes the model's runs beside the file (``<file>.runs.json``); opening shows them.

A file's path becomes the window's, and enters Recent files, only when the model announces
that it holds that file's experiment (``ExperimentModel.path_changed``). An experiment the
window refuses, or that the worker cannot build, leaves the path, the recent list and every
file on disk as they were, and a dialog says why.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from ..core import Experiment, ExperimentError
from ..core.presets import load_preset
from ..core.runs import RunList, RunsError, runs_path
from .export import export_plot, save_metrics_csv
from .model import ExperimentModel

MAX_RECENT = 8
DEFAULT_PRESET = "circle"


def default_experiment() -> Experiment:
    """What File > New and a first start show: the circle preset, training until paused
    (as TF Playground does; EPOCHS sets a budget)."""
    preset = load_preset(DEFAULT_PRESET)
    return preset.replace(training=dataclasses.replace(preset.training, epochs=None))


def add_action(menu: QMenu, text: str, slot, shortcut=None):
    """A menu entry calling ``slot``, with an optional shortcut; returns the QAction."""
    action = menu.addAction(text)
    action.triggered.connect(slot)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    return action


class FileActions(QObject):
    """Builds the File menu of ``window`` and carries out its entries on ``model``.

    ``replaced`` fires when New, Open or a preset puts a whole other experiment in place:
    modes that belong to the old one (adding points by hand) end then."""

    replaced = Signal()

    def __init__(self, window: QWidget, model: ExperimentModel, settings: QSettings):
        super().__init__(window)
        self.window, self.model, self.settings = window, model, settings
        self.recent_menu: QMenu | None = None  # made by build_menu, as the other entries
        self._opening: Path | None = None  # a file whose experiment the worker is still building
        # (path, RunList) read beside a file being opened: shown once the model holds its experiment,
        # so a file the worker refuses leaves the runs list as it was.
        self._runs_opening: tuple[Path, RunList] | None = None
        model.path_changed.connect(self._path_changed)
        model.refused.connect(self._refused)

    def build_menu(self, menu: QMenu, plots) -> None:
        """Fill ``menu``; ``plots`` are the views offered under Export plot. The texts are
        written by ``retranslate``."""
        keys = QKeySequence.StandardKey
        self.new_action = add_action(menu, "", self.new_experiment, keys.New)
        self.open_action = add_action(menu, "", self.open_dialog, keys.Open)
        self.save_action = add_action(menu, "", self.save, keys.Save)
        self.save_as_action = add_action(menu, "", self.save_as_dialog, keys.SaveAs)
        self.recent_menu = menu.addMenu("")
        menu.addSeparator()
        self.export_menu = menu.addMenu("")
        self.export_plot_actions = []
        for view in plots:
            action = self.export_menu.addAction("")
            action.triggered.connect(lambda _=False, v=view, a=action: self.export_plot_dialog(v, a.data()))
            self.export_plot_actions.append(action)
        self.export_metrics_action = add_action(menu, "", self.export_metrics_dialog)
        menu.addSeparator()
        self.quit_action = add_action(menu, "", self.window.close, keys.Quit)
        self.menu = menu
        self._refresh_recent_menu()

    def retranslate(self, plot_titles) -> None:
        """Write the File menu's texts in the interface's language; ``plot_titles`` name the
        plots of ``build_menu``, in its order."""
        entries = ((self.new_action, self.tr("&New"), self.tr("Start again from the default experiment.")),
                   (self.open_action, self.tr("&Open experiment..."), self.tr("Open an experiment file (.json).")),
                   (self.save_action, self.tr("&Save"), self.tr("Save the experiment, and its runs beside it.")),
                   (self.save_as_action, self.tr("Save &As..."), self.tr("Save the experiment to a new file.")),
                   (self.export_metrics_action, self.tr("Export metrics CSV..."),
                    self.tr("Save the current run's loss and metric history as a CSV table.")),
                   (self.quit_action, self.tr("&Quit"), self.tr("Close the window.")))
        for action, text, tip in entries:
            action.setText(text)
            action.setToolTip(tip)
        self.menu.setToolTipsVisible(True)
        self.recent_menu.setTitle(self.tr("Recent files"))
        self.export_menu.setTitle(self.tr("Export plot"))
        for action, title in zip(self.export_plot_actions, plot_titles):
            action.setText(self.tr("{0}...").format(title))
            action.setData(title)  # the exported file's default name

    # ----- opening ---------------------------------------------------------------------------

    def new_experiment(self) -> None:
        self._replace(default_experiment(), None)

    def open_preset(self, name: str) -> bool:
        """Make the shipped preset ``name`` current (it has no file)."""
        return self._replace(load_preset(name), None)

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open experiment"), self.last_folder(),
                                              self.tr("Experiments (*.json);;All files (*)"))
        if path:
            self.open_file(path)

    def open_file(self, path) -> bool:
        """Open the experiment in ``path``; False (and a dialog) if it cannot be read or is refused."""
        try:
            experiment = Experiment.load(path)
        except ExperimentError as e:
            self._warn(self.tr("Cannot open experiment"), str(e))
            return False
        self._opening = Path(path)
        self._runs_opening = Path(path), self._read_runs(Path(path))
        accepted = self._replace(experiment, Path(path))
        if not self.model.restart_pending:
            self._opening = None
        if not accepted:
            self._runs_opening = None
        return accepted

    def _read_runs(self, path: Path) -> RunList:
        """The runs kept beside ``path`` (none if there is no runs file); a bad runs file is
        ignored with a line in the status bar: it never keeps the experiment from opening."""
        runs_file = runs_path(path)
        if runs_file.exists():
            try:
                return RunList.load(runs_file)
            except RunsError as e:
                self.window.statusBar().showMessage(self.tr("Runs not loaded: {0}").format(e))
        return RunList()

    def _replace(self, experiment: Experiment, path: Path | None) -> bool:
        accepted = self.model.propose(experiment, path=path, saved=experiment)
        if accepted:
            self.replaced.emit()
        return accepted

    # ----- saving ----------------------------------------------------------------------------

    def save(self) -> bool:
        if self.model.path is None:
            return self.save_as_dialog()
        return self.save_to(self.model.path)

    def save_as_dialog(self) -> bool:
        start = self.model.path or Path(self.last_folder()) / f"{self.model.experiment.name or 'experiment'}.json"
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save experiment"), str(start),
                                              self.tr("Experiments (*.json)"))
        return bool(path) and self.save_to(path)

    def save_to(self, path) -> bool:
        """Write the model's experiment to ``path`` (atomically) and make it the model's file."""
        try:
            self.model.experiment.save(path)
        except OSError as e:
            self._warn(self.tr("Cannot save experiment"), str(e))
            return False
        self.model.saved_to(Path(path))
        runs_file = runs_path(path)
        if len(self.model.runs) or runs_file.exists():  # no runs file beside an experiment never run
            try:
                self.model.runs.save(runs_file)
            except OSError as e:
                self._warn(self.tr("Cannot save the runs"), str(e))
        return True

    # ----- exports ---------------------------------------------------------------------------

    def export_plot_dialog(self, view, title: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export plot"),
                                              str(Path(self.last_folder()) / f"{title}.png"),
                                              self.tr("PNG image (*.png);;SVG drawing (*.svg)"))
        if path:
            try:
                export_plot(view, path)
            except (OSError, ValueError) as e:
                self._warn(self.tr("Cannot export plot"), str(e))

    def export_metrics_dialog(self) -> None:
        snapshot = self.model.snapshot
        if snapshot is None:
            return
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export metrics"),
                                              str(Path(self.last_folder()) / "metrics.csv"), self.tr("CSV (*.csv)"))
        if path:
            try:
                rows, stride = save_metrics_csv(snapshot, path)
            except OSError as e:
                self._warn(self.tr("Cannot export metrics"), str(e))
                return
            self.window.statusBar().showMessage(self.export_message(path, rows, stride))

    def export_message(self, path, rows: int, stride: int) -> str:
        """Where the metrics went and what they hold (a long run's history is thinned)."""
        if stride == 1:
            return self.tr("Exported {0} rows, one per iteration, to {1}").format(f"{rows:,}", path)
        return self.tr("Exported {0} rows, one every {1} iterations (the window keeps a long run's history thinned), "
                       "to {2}").format(f"{rows:,}", stride, path)

    # ----- recent files ----------------------------------------------------------------------

    def last_folder(self) -> str:
        path = self.model.path
        return str(path.parent) if path else str(Path.home())

    def recent_files(self) -> list[str]:
        """The remembered files, newest first; a damaged setting counts as none."""
        value = self.settings.value("recent_files")
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)):
            return []
        return [p for p in value if isinstance(p, str) and p][:MAX_RECENT]

    def _remember(self, path: Path) -> None:
        entry = str(path.resolve())
        self.settings.setValue("recent_files", [entry] + [p for p in self.recent_files() if p != entry][:MAX_RECENT - 1])
        self._refresh_recent_menu()

    def _refresh_recent_menu(self) -> None:
        if self.recent_menu is None:
            return
        self.recent_menu.clear()
        recent = self.recent_files()
        for path in recent:
            add_action(self.recent_menu, path, lambda _=False, p=path: self.open_file(p))
        self.recent_menu.setEnabled(bool(recent))

    # ----- the model's answers -----------------------------------------------------------------

    def _path_changed(self, path) -> None:
        self._opening = None
        if self._runs_opening is not None and path == self._runs_opening[0]:
            self.model.set_runs(self._runs_opening[1])
        self._runs_opening = None
        if path is not None:
            self._remember(Path(path))

    def _refused(self, message: str) -> None:
        self._runs_opening = None
        if self._opening is not None:  # the person chose this file: say so where they look
            path, self._opening = self._opening, None
            self._warn(self.tr("Cannot open experiment"), self.tr("{0}: {1}").format(path.name, message))

    def _warn(self, title: str, message: str) -> None:
        QMessageBox.warning(self.window, title, message)
