"""The sweep window (Labs > Sweeps): one experiment trained over a grid of settings and seeds
in the background, shown as a heat map, a table and the runs' curves as rows arrive.

The form (sweep_form.py) says what to sweep; the runner (sweep_runner.py) hands it to
``nnplayground sweep`` in a child process and reads the folder it writes; the views
(sweep_views.py) draw what was read. The folder is the sweep's one record: a sweep opened
later (Open…) is drawn from it the same way. "Load into main window" makes a run's settings
the main window's experiment, through its model like any other edit.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QProgressBar,
                               QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout,
                               QWidget)

from ...core import ExperimentError
from ...core.experiment import Experiment
from ...core.sweep import SweepError, value_text, with_values
from ...core.sweep_results import TABLE_FILE, SweepFolder, read_folder, summarize
from .. import labels
from ..labs.common import LabWindow
from ..language import Retranslating
from ..widgets import combo_box, scrolling, set_item_texts
from .sweep_form import SweepForm
from .sweep_runner import SweepRunner
from .sweep_views import SweepCurves, SweepHeatMap

MAX_DEFAULT_CURVES = 8  # with no row selected, the curves of the first seed's runs, at most this many
MESSAGE_MS = 8000
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1  # a table item's run status key (its text is translated)


def sweeps_folder() -> Path:
    """Where sweeps go unless the form names a folder: <data>/nnplayground/sweeps (on Linux
    <data> is ~/.local/share)."""
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(data) / "nnplayground" / "sweeps"


def default_folder(name: str) -> Path:
    """A folder no sweep uses yet for a sweep of experiment ``name``: <time>-<name> in
    ``sweeps_folder()``, with -2, -3... when sweeps start within the same second."""
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-").lower() or "sweep"
    base = sweeps_folder() / f"{time.strftime('%Y%m%d-%H%M%S')}-{slug}"
    n = 1
    while (folder := base if n == 1 else base.with_name(f"{base.name}-{n}")).exists():
        n += 1
    return folder


def run_label(folder: SweepFolder, row) -> str:
    """"learning_rate=0.1, seed 2": what a run set, as short as the curves' legend needs."""
    text = ", ".join(f"{s.path.rsplit('.', 1)[-1]}={value_text(v)}" for s, v in zip(folder.plan.settings, row.values))
    if len(folder.plan.seeds) > 1:
        text = QCoreApplication.translate("SweepWindow", "{0}, seed {1}").format(text, row.seed)
    return text


class SweepWindow(Retranslating, LabWindow):
    """The window. ``model`` is the main window's ExperimentModel. Parts: ``form``,
    ``start_button``, ``stop_button``, ``open_button``, ``progress``, ``status``, ``tabs``
    (``heat_map`` with its ``column`` picker, ``table``, ``curves``), ``load_button``;
    ``folder`` is the sweep on show (a core.sweep_results.SweepFolder, or None). Closing the
    window hides it: a sweep under way goes on, and shows again with the window."""

    def __init__(self, model, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.folder: SweepFolder | None = None
        self.runner = SweepRunner(self)
        self._said = (lambda: self.tr("Pick what to vary, then Start."), False)  # the status line's maker
        splitter = QSplitter(self)
        left = scrolling(self._build_left(), splitter)
        left.setMaximumWidth(left.minimumWidth())  # as wide as the form needs: the plots take the rest
        splitter.addWidget(left)
        splitter.addWidget(self._build_right())
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self.resize(1280, 800)
        self._connect()
        self._form_changed()
        self.retranslate()

    def _build_left(self) -> QWidget:
        panel = QWidget(self)
        column = QVBoxLayout(panel)
        self.form = SweepForm(self.model, panel)
        self.start_button = QPushButton(panel)
        self.stop_button = QPushButton(panel, enabled=False)
        self.open_button = QPushButton(panel)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.stop_button, self.open_button):
            buttons.addWidget(button)
        self.progress = QProgressBar(panel)
        self.progress.setRange(0, 1)
        self.status = QLabel(panel, wordWrap=True, textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        for part in (self.form, buttons, self.progress, self.status):
            (column.addLayout if isinstance(part, QHBoxLayout) else column.addWidget)(part)
        column.addStretch(1)
        return panel

    def _build_right(self) -> QWidget:
        self.tabs = QTabWidget(self)
        heat = QWidget(self.tabs)
        self.column = combo_box(heat, [(key, key) for key in ("test_loss", "train_loss", "metric")])
        self.heat_map = SweepHeatMap(heat)
        layout = QVBoxLayout(heat)
        layout.addWidget(self.column, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.heat_map, 1)
        self.table = QTableWidget(self.tabs, editTriggers=QAbstractItemView.EditTrigger.NoEditTriggers,
                                  selectionBehavior=QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.load_button = QPushButton(self.tabs, enabled=False)
        table_tab = QWidget(self.tabs)
        layout = QVBoxLayout(table_tab)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.load_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.curves = SweepCurves(self.tabs)
        for tab in (heat, table_tab, self.curves):
            self.tabs.addTab(tab, "")
        return self.tabs

    def retranslate(self) -> None:
        """Every text in the current language; the sweep on show is drawn again, its numbers unchanged."""
        self.setWindowTitle(self.tr("Sweeps - nnplayground"))
        for button, text, tip in (
                (self.start_button, self.tr("Start sweep"), self.tr(
                    "Train every combination of the values once per seed, in the background")),
                (self.stop_button, self.tr("Stop"), self.tr(
                    "Stop the sweep: the runs under way are dropped, the finished rows stay")),
                (self.open_button, self.tr("Open…"), self.tr("Show a sweep saved in a folder")),
                (self.load_button, self.tr("Load the selected run into the main window"), self.tr(
                    "Make the selected run's settings and seed the main window's experiment"))):
            button.setText(text)
            button.setToolTip(tip)
        self.progress.setFormat(self.tr("%v of %m runs"))
        set_item_texts(self.column, [self.tr("Final test loss"), self.tr("Final training loss"),
                                     self.tr("Final accuracy or R²")])
        self.column.setToolTip(self.tr("The final number each cell shows, over the whole training or test set"))
        for index, title in enumerate((self.tr("Heat map"), self.tr("Table"), self.tr("Curves"))):
            self.tabs.setTabText(index, title)
        self.status.setText(self._said[0]())
        if self.folder is not None:
            self.table.setHorizontalHeaderLabels(self._header())
            for r in range(self.table.rowCount()):  # the status column's words
                item = self.table.item(r, len(self.folder.plan.settings) + 1)
                item.setData(Qt.ItemDataRole.DisplayRole, labels.status(item.data(STATUS_ROLE)))
            self._selection_changed()  # the curves' legend

    def _connect(self) -> None:
        self.form.changed.connect(self._form_changed)
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.runner.cancel)
        self.open_button.clicked.connect(self._open_clicked)
        self.runner.progressed.connect(self.show_folder)
        self.runner.ended.connect(self._ended)
        self.column.currentIndexChanged.connect(self._draw_heat_map)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.load_button.clicked.connect(self.load_selected_run)

    # ----- running ----------------------------------------------------------------------------

    def _form_changed(self) -> None:
        self.start_button.setEnabled(self.form.check() is not None and not self.runner.running)

    def start(self) -> None:
        """Start the sweep the form describes, in the background."""
        plan = self.form.check()
        if plan is None or self.runner.running:
            return
        out = Path(self.form.out.text()).expanduser() if self.form.out.text().strip() else \
            default_folder(self.form.base().name)
        if (out / TABLE_FILE).exists() and QMessageBox.question(
                self, self.tr("Replace the sweep?"),
                self.tr("{0} already holds a sweep. Replace its results?").format(out)) != QMessageBox.StandardButton.Yes:
            return
        try:
            self.runner.start(self.form.base(), plan, out, self.form.executor_arguments())
        except (OSError, ExperimentError) as e:
            self._say(lambda e=e: self.tr("Cannot write the sweep's folder: {0}").format(e), error=True)
            return
        self.folder = None
        self.progress.setRange(0, plan.runs)
        self.progress.setValue(0)
        self._set_running(True)
        self._say(lambda: self.tr("Training {0} runs into {1}…").format(plan.runs, out))

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running and self.form.check() is not None)
        self.stop_button.setEnabled(running)
        self.open_button.setEnabled(not running)
        self.form.setEnabled(not running)

    def _ended(self, outcome, folder) -> None:
        self._set_running(False)
        if folder is not None:
            self.show_folder(folder)
        done = len(folder.rows) if folder is not None else 0
        runs = folder.plan.runs if folder is not None else self.progress.maximum()
        where = self.runner.folder / TABLE_FILE
        if outcome.cancelled and done == 0:
            self._say(lambda: self.tr("Stopped before any run finished."))
        elif outcome.cancelled:
            self._say(lambda: self.tr("Stopped: {0} of {1} runs finished; their rows are in {2}").format(
                done, runs, where))
        elif outcome.ok:
            diverged = sum(row.status == "diverged" for row in folder.rows) if folder is not None else 0
            self._say(lambda: self.tr("Done: {0} runs ({1} diverged), in {2}").format(done, diverged, where))
        else:
            self._say(lambda: self.tr("The sweep failed: {0}").format(outcome.message), error=True)

    def _say(self, make, error: bool = False) -> None:
        """Show the line ``make()`` returns; a language switch calls it again (so it must say
        the same thing later: its values bound when made)."""
        self._said = (make, error)
        text = make()
        self.status.setText(text)
        self.status.setStyleSheet("color: #b00020" if error else "")
        if error:
            self.statusBar().showMessage(text, MESSAGE_MS)

    # ----- showing ----------------------------------------------------------------------------

    def show_folder(self, folder: SweepFolder) -> None:
        """Draw the sweep ``folder`` (as read so far) in every view."""
        new_plan = self.folder is None or self.folder.plan != folder.plan
        self.folder = folder
        self.progress.setRange(0, folder.plan.runs)
        self.progress.setValue(len(folder.rows))
        self._fill_table(new_plan)
        self._draw_heat_map()
        self._selection_changed()

    def _draw_heat_map(self) -> None:
        if self.folder is not None:
            self.heat_map.show_summary(self.folder.plan, summarize(self.folder.plan, self.folder.rows,
                                                           self.column.currentData()))

    def _fill_table(self, new_plan: bool) -> None:
        folder = self.folder
        selected = {self.table.item(i.row(), 0).data(Qt.ItemDataRole.UserRole)
                    for i in self.table.selectionModel().selectedRows()} if not new_plan else set()
        self.table.blockSignals(True)
        self.table.setSortingEnabled(False)
        header = self._header()
        self.table.setColumnCount(len(header))
        self.table.setHorizontalHeaderLabels(header)
        self.table.setRowCount(len(folder.rows))
        for r, row in enumerate(folder.rows):
            cells = [*map(value_text, row.values), row.seed, labels.status(row.status), row.train_loss, row.test_loss,
                     row.metric, row.iterations, row.wall_seconds]
            for c, value in enumerate(cells):
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.DisplayRole, f"{value:.4g}" if isinstance(value, float) else value)
                item.setData(Qt.ItemDataRole.UserRole, row.index)
                item.setData(STATUS_ROLE, row.status)  # the key, for the words in another language
                self.table.setItem(r, c, item)
            if row.index in selected:
                self.table.selectRow(r)
        self.table.setSortingEnabled(True)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()

    def _header(self) -> list[str]:
        """The table's column titles: the settings' paths (names in the experiment file), then the run's numbers."""
        metric = self.tr("test R²") if self.folder.plan.metric == "r2" else self.tr("test accuracy")
        return [*(s.path for s in self.folder.plan.settings), self.tr("seed"), self.tr("status"),
                self.tr("training loss"), self.tr("test loss"), metric, self.tr("iterations"), self.tr("time (s)")]

    def selected_rows(self) -> list:
        """The runs selected in the table (SweepRows), in grid order."""
        if self.folder is None:
            return []
        indices = {self.table.item(i.row(), 0).data(Qt.ItemDataRole.UserRole)
                   for i in self.table.selectionModel().selectedRows()}
        return [row for row in self.folder.rows if row.index in indices]

    def _selection_changed(self) -> None:
        if self.folder is None:
            return
        rows = self.selected_rows()
        self.load_button.setEnabled(len(rows) == 1)
        if not rows:  # the first seed's run of every cell: one curve per setting
            rows = [row for row in self.folder.rows if row.seed == self.folder.plan.seeds[0]][:MAX_DEFAULT_CURVES]
        self.curves.show_runs([(run_label(self.folder, row), self.folder.path / self.folder.plan.folder(row) /
                                "metrics.csv") for row in rows])

    # ----- files and the main window ----------------------------------------------------------

    def open_folder(self, path) -> bool:
        """Show the sweep saved in folder ``path``; False, with the reason on show, if it cannot be read."""
        try:
            folder = read_folder(path)
        except SweepError as e:
            self._say(lambda e=e: self.tr("Cannot open the sweep: {0}").format(e), error=True)
            return False
        self.folder = None
        self.show_folder(folder)
        self._say(lambda: self.tr("{0} of {1} runs, from {2}").format(len(folder.rows), folder.plan.runs, folder.path))
        return True

    def _open_clicked(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Open a sweep's folder"), str(sweeps_folder()))
        if path:
            self.open_folder(path)

    def load_selected_run(self) -> None:
        """Make the selected run's settings (the sweep's experiment with its values and seed)
        the main window's experiment."""
        rows = self.selected_rows()
        if len(rows) != 1 or self.model is None:
            return
        row, plan = rows[0], self.folder.plan
        experiment = with_values(Experiment.from_dict(plan.experiment), [s.path for s in plan.settings],
                                 row.values, row.seed)
        if self.model.propose(experiment, path=None):
            self._say(lambda folder=self.folder: self.tr("The main window now trains {0}.").format(run_label(folder, row)))

    def shutdown(self) -> None:
        """Close for good and stop a sweep under way (the application is exiting)."""
        super().shutdown()
        self.runner.stop_and_wait()
