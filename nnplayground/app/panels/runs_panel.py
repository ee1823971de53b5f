"""The Runs dock: every run the model recorded, their curves overlaid, and exact repeats.

The list shows the model's RunList (one source of truth: edits go through the model). Checked
runs are drawn together in one plot, one colour per run, with a legend; a selector picks the
curve. "Repeat with the same seed" and "New seed" train the current run's experiment again
from scratch for as many iterations, headless (core.runs.repeat) on a pool thread, never on the
GUI thread, then say how far the new curves are from the original's (0 for an exact repeat).
"""
from __future__ import annotations

import csv
import io
import math
import threading
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton,
                               QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...core import Experiment
from ...core.files import write_atomic
from ...core.runs import CURVES, RunRecord, max_difference, repeat
from .. import labels, style
from ..language import Retranslating
from ..plots.curves import finite, make_legend, style_axes
from ..model import ExperimentModel
from ..widgets import set_item_texts

MIN_PART_WIDTH = 60  # the list and the plot each keep this much when the dock is narrow
COLUMNS = ("name", "seed", "status", "test_loss", "test_metric", "differs")
# What the list shows for a run's status (core.trainer.TERMINAL and core.runs.INTERRUPTED) and
# for the two whole-sentence answers of core.runs.differences; other texts are shown as they are.
SHOWN = {
    "first run": QT_TRANSLATE_NOOP("RunsPanel", "first run"),
    "same settings": QT_TRANSLATE_NOOP("RunsPanel", "same settings"),
}


def plotted(record: RunRecord, curve: str) -> tuple[np.ndarray, np.ndarray]:
    """The points of ``curve`` the overlay draws for ``record``: those with a finite value
    (test loss and the metric exist only where the run was evaluated)."""
    x, y = record.curves["iteration"], finite(record.curves[curve])
    keep = np.isfinite(y)
    return x[keep], y[keep]


def _cell(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.4g}"


def shown(text: str) -> str:
    """``text`` (a run's status or what differs) in the interface's language where it is one of SHOWN."""
    if text in labels.STATUSES:
        return labels.status(text)
    return QCoreApplication.translate("RunsPanel", SHOWN[text]) if text in SHOWN else text


class _Done(QObject):
    """Carries a repeat's result from the pool thread to the panel (a queued signal)."""
    finished = Signal(object, object, str)  # the original record, the new record (or None), an error


class RunsPanel(Retranslating, QWidget):
    """The runs list with checkboxes, the overlay plot, and Rename/Delete/Export/Repeat."""

    def __init__(self, model: ExperimentModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self._checked: set[RunRecord] = set()
        self._seen: set[RunRecord] = set()  # a record not seen before starts checked
        self._busy = False
        self._done: _Done | None = None  # the running repeat's messenger, kept alive until it reports
        self._cancel = threading.Event()
        self.pool = QThreadPool(self)  # the panel's own, so stop() waits for its repeat alone
        self.pool.setMaxThreadCount(1)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()  # the names number the runs
        self.table.itemChanged.connect(self._item_changed)
        self.curve_box = QComboBox(self)
        for key in CURVES[1:]:
            self.curve_box.addItem(key, key)
        self.curve_box.currentIndexChanged.connect(self.redraw)
        self.plot = pg.PlotWidget(background="w")
        style_axes(self.plot.getPlotItem())
        self.legend = make_legend(self.plot.getPlotItem())
        self.curves: dict[RunRecord, pg.PlotDataItem] = {}
        self.repeat_button, self.new_seed_button = QPushButton(self), QPushButton(self)
        self.delete_button, self.export_button = QPushButton(self), QPushButton(self)
        self.repeat_button.clicked.connect(lambda: self.repeat(new_seed=False))
        self.new_seed_button.clicked.connect(lambda: self.repeat(new_seed=True))
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button.clicked.connect(self.export_dialog)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self._message = lambda: ""  # the message in the interface's language (it is written again on a switch)
        self.curve_label = QLabel(self)
        self._layout()
        model.runs_changed.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        """Write the buttons, tooltips, headers, curve names and the last message in the interface's
        language, and show the list again (its statuses are translated)."""
        texts = ((self.repeat_button, self.tr("Repeat with the same seed"),
                  self.tr("Train the selected run's experiment again from scratch with its seed: an exact repeat "
                          "gives max difference 0")),
                 (self.new_seed_button, self.tr("New seed"),
                  self.tr("Train the selected run's experiment again with a seed no run has used, to see how "
                          "much the result depends on chance")),
                 (self.delete_button, self.tr("Delete"), self.tr("Remove the selected runs from the list")),
                 (self.export_button, self.tr("Export CSV..."),
                  self.tr("Save the ticked runs' curves as one CSV table")))
        for button, text, tip in texts:
            button.setText(text)
            button.setToolTip(tip)
        self.table.setHorizontalHeaderLabels([labels.run_column(c) for c in COLUMNS])
        self.curve_label.setText(self.tr("Curve:"))
        set_item_texts(self.curve_box, map(labels.run_curve, CURVES[1:]))
        self.curve_box.setToolTip(self.tr("Which curve the plot overlays for the ticked runs"))
        self._say(self._message)
        self.refresh()

    def _say(self, message) -> None:
        """Show ``message()``, a function giving the text in the interface's language."""
        self._message = message
        self.message.setText(message())

    def _layout(self) -> None:
        """Buttons in a column at the left, the list and the plot side by side in a splitter:
        the bottom docks are short and, side by side, narrow (tests/app/test_window_sizes.py)."""
        column = QVBoxLayout()
        for w in (self.repeat_button, self.new_seed_button, self.delete_button, self.export_button):
            column.addWidget(w)
        column.addStretch(1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.table)
        split.addWidget(self.plot)
        split.setSizes([3000, 2000])  # in proportion: the list's columns (name, seed, status, numbers) need room
        self.table.setMinimumWidth(MIN_PART_WIDTH)
        self.plot.setMinimumSize(MIN_PART_WIDTH, 0)
        header = QHBoxLayout()
        header.addWidget(self.curve_label)
        header.addWidget(self.curve_box)
        header.addWidget(self.message, 1)
        right = QVBoxLayout()
        right.addLayout(header)
        right.addWidget(split, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(column)
        layout.addLayout(right, 1)

    # ----- the list -----------------------------------------------------------------------------

    @property
    def checked_runs(self) -> list[RunRecord]:
        """The runs whose box is ticked, in list order: those the plot overlays."""
        return [r for r in self.model.runs if r in self._checked]

    def set_checked(self, row: int, checked: bool) -> None:
        """Tick or untick run ``row`` (as a click on its box does)."""
        self.table.item(row, 0).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def refresh(self) -> None:
        """Show the model's runs again (after any change to the list)."""
        runs = list(self.model.runs)
        self._checked = {r for r in runs if r in self._checked or r not in self._seen}
        self._seen = set(runs)
        self.table.blockSignals(True)  # filling cells is no edit by the person
        self.table.setRowCount(len(runs))
        for row, r in enumerate(runs):
            texts = (r.name, str(r.seed), shown(r.status), _cell(r.final["test_loss"]), _cell(r.final["test_metric"]),
                     shown(r.differs))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
                    item.setCheckState(Qt.CheckState.Checked if r in self._checked else Qt.CheckState.Unchecked)
                else:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        has_runs = bool(runs)
        for button in (self.repeat_button, self.new_seed_button):
            button.setEnabled(has_runs and not self._busy)
        self.delete_button.setEnabled(has_runs)
        self.export_button.setEnabled(has_runs)
        self.redraw()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0:
            return
        record = self.model.runs[item.row()]
        name = item.text().strip()
        if name and name != record.name:
            self.model.rename_run(item.row(), name)  # refreshes the list and the legend
            return
        if item.checkState() == Qt.CheckState.Checked:
            self._checked.add(record)
        else:
            self._checked.discard(record)
        self.redraw()

    def delete_selected(self) -> None:
        """Delete the selected runs (the current one if none is selected)."""
        rows = sorted({i.row() for i in self.table.selectedIndexes()} or {self.table.currentRow()} - {-1})
        for row in reversed(rows):
            self.model.delete_run(row)

    # ----- the overlay ----------------------------------------------------------------------------

    def redraw(self) -> None:
        """Draw the checked runs' chosen curve, one colour per run, named in the legend."""
        item = self.plot.getPlotItem()
        for curve in self.curves.values():
            item.removeItem(curve)
        self.legend.clear()
        self.curves = {}
        key = self.curve_box.currentData()
        for index, record in enumerate(self.model.runs):
            if record in self._checked:
                x, y = plotted(record, key)
                curve = item.plot(x, y, pen=pg.mkPen(style.layer_color(index), width=2))
                self.legend.addItem(curve, record.name)
                self.curves[record] = curve
        item.setLabel("bottom", self.tr("iteration"), **{"color": "#222222"})  # the selector names the y axis

    # ----- export -------------------------------------------------------------------------------

    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export runs"), str(Path.home() / "runs.csv"),
                                              self.tr("CSV (*.csv)"))
        if path:
            try:
                write_atomic(path, self.csv_text())
            except OSError as e:
                self._say(lambda error=str(e): self.tr("Cannot export the runs: {0}").format(error))
                return
            self._say(lambda n=len(self.checked_runs): self.tr("Exported {0} run(s) to {1}").format(n, path))

    def csv_text(self) -> str:
        """The checked runs' curves, one row per run and history row (empty cells: not evaluated)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["run", "seed", *CURVES])
        for r in self.checked_runs:
            columns = [r.curves[k] for k in CURVES]
            for values in zip(*columns):
                writer.writerow([r.name, r.seed, *("" if math.isnan(v) else repr(float(v)) for v in values)])
        return out.getvalue()

    # ----- repeats ------------------------------------------------------------------------------

    def source_run(self) -> RunRecord | None:
        """The run a repeat starts from: the current row's, else the newest."""
        row = self.table.currentRow()
        runs = self.model.runs
        return runs[row] if 0 <= row < len(runs) else (runs[len(runs) - 1] if len(runs) else None)

    def repeat(self, new_seed: bool) -> None:
        """Train the source run's experiment again for as many iterations, on a pool thread:
        with its seed, or with a seed no run in the list has used."""
        original = self.source_run()
        if original is None or self._busy:
            return
        experiment = Experiment.from_dict(original.experiment)
        if new_seed:
            experiment = experiment.replace(seed=max(r.seed for r in self.model.runs) + 1)
        name, previous = self.model.runs.next_name(), self.model.runs.last_experiment
        done = _Done()
        done.finished.connect(self._repeated)
        self._done = done

        def work():
            try:
                record = repeat(experiment, original.iterations, name, previous, self._cancel.is_set,
                                original.engines if not new_seed else ())
                error = ""
            except Exception as e:  # noqa: BLE001 - the person is told, the thread never dies silently
                record, error = None, (str(e).splitlines() or [type(e).__name__])[0]
            if not self._cancel.is_set():
                done.finished.emit(original, record, error)

        self._set_busy(True)
        self._say(lambda: self.tr("Training {0} again for {1} iterations...").format(original.name,
                                                                                      original.iterations))
        self.pool.start(work)

    def stop(self) -> None:
        """Cancel a running repeat and wait for its thread (the window is closing)."""
        self._cancel.set()
        self.pool.waitForDone()

    @property
    def busy(self) -> bool:
        """True while a repeat trains."""
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (self.repeat_button, self.new_seed_button):
            button.setEnabled(not busy and len(self.model.runs) > 0)

    def _repeated(self, original: RunRecord, record: RunRecord | None, error: str) -> None:
        self._done = None
        self._set_busy(False)
        if record is None:
            self._say(lambda: self.tr("The repeat failed: {0}").format(error))
            return
        self.model.add_run(record)
        difference = max_difference(original, record)
        if difference == 0:
            self._say(lambda: self.tr("{0} is identical to {1}: max difference 0").format(record.name, original.name))
        else:
            self._say(lambda: self.tr("{0} differs from {1} (seed {2} vs {3}): max difference {4:.3g}").format(
                record.name, original.name, record.seed, original.seed, difference))
