"""The sweep window's form: what to vary, over which values and seeds, where the runs train and
where the results go.

The form keeps no experiment of its own: the source is the main window's current experiment
(read from its model when a sweep starts) or a preset. Every edit is checked at once by the
core (core.sweep: the values parsed as ``--set`` parses them, every run's experiment
validated), so the form can say "12 runs" or name the field in error before anything starts.
A ready-made sweep fills the form in one pick.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QLabel, QLineEdit, QPushButton, QWidget)

from ...core import Experiment, ExperimentError
from ...core.executors import free_cores
from ...core.experiment import MAX_EPOCHS
from ...core.sweep import SweepError, build_settings, expand, parse_seeds, value_text
from ...core.sweep_results import SweepPlan
from ...core.sweep_settings import suggested_values, sweepable
from ..labs.common import CURRENT, source_combo, source_experiment
from ..language import Retranslating
from ..widgets import blocked, combo_box, labelled_row, select, set_item_texts, spin_box

NONE = ""  # the second setting's item for "vary one setting only"
MAX_RUNS = 2000  # a grid beyond this is surely a typo (and a table no one reads)
UNTIL_PAUSED_EPOCHS = 50  # what a sweep of an experiment that trains until paused offers first


@dataclass(frozen=True)
class ReadyMade:
    """A sweep the form can fill in at once: its source, one or two (path, values) and seeds."""

    title: str
    source: str  # CURRENT or a preset's name
    settings: tuple[tuple[str, str], ...]
    seeds: str


def ready_made() -> dict[str, ReadyMade]:
    """The ready-made sweeps, by key (translated titles, so built when asked for)."""
    return {
        "learning_rate": ReadyMade(QCoreApplication.translate("SweepForm", "Learning rate × seed"), CURRENT,
                                   (("optimizer.learning_rate", "0.003,0.01,0.03,0.1,0.3,1"),), "1,2,3"),
        "batch_modes": ReadyMade(QCoreApplication.translate("SweepForm", "Batch modes: shuffle, fixed order, one batch"), "batch-modes",
                                 (("training.batch_mode", "shuffle,fixed,repeat_one"),), "1"),
        "learning_rate_batch": ReadyMade(QCoreApplication.translate("SweepForm", "Learning rate × batch size"), CURRENT,
                                         (("optimizer.learning_rate", "0.01,0.03,0.1,0.3"),
                                          ("training.batch_size", "1,10,50")), "1,2"),
        "activation_depth": ReadyMade(QCoreApplication.translate("SweepForm", "Activation × hidden units"), CURRENT,
                                      (("network.hidden.activation", "sigmoid,tanh,relu"),
                                       ("network.hidden.units", "2,4,8")), "1,2,3"),
    }


class SweepForm(Retranslating, QWidget):
    """The form. ``changed`` is emitted on every edit; ``check()`` says whether it describes a
    sweep. Fields: ``source``, ``ready``, ``paths`` and ``values`` (one per setting),
    ``seeds``, ``epochs`` (0: each run's own), ``workers``, ``scheduler``, ``out``."""

    changed = Signal()

    def __init__(self, model, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self._filling = False  # a ready-made sweep is being filled in: its edits are not the user's
        self._offered_epochs = False  # the epochs on show were offered for a source that trains until paused
        self.source = source_combo(self, model, "")
        self.ready = combo_box(self, [("", "")] + [(k, k) for k in ready_made()])  # texts: retranslate
        self.paths = [QComboBox(self) for _ in range(2)]
        self.values = [QLineEdit(self) for _ in range(2)]
        self.seeds = QLineEdit("1,2,3", self)
        self.epochs = spin_box(self, 0, MAX_EPOCHS, 0)
        self.workers = spin_box(self, 1, 256, free_cores())
        self.scheduler, self.out = QLineEdit(self), QLineEdit(self)
        self.browse = QPushButton(self)
        self._layout()
        self._fill_paths()
        self._connect()
        self.retranslate()

    def _layout(self) -> None:
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        for widget in (self.ready, self.source, self.paths[0], self.values[0], self.paths[1], self.values[1],
                       self.seeds, self.epochs, self.workers, self.scheduler):
            self.form.addRow(QLabel(self), widget)
        self.folder_row = labelled_row(self, self.out, self.browse, grow=self.out)
        self.form.addRow(QLabel(self), self.folder_row)
        self.summary = QLabel(self, wordWrap=True)
        self.form.addRow(self.summary)

    def retranslate(self) -> None:
        """The rows' names, the tooltips, the items' texts and the summary in the current language."""
        value_tip = self.tr("Comma-separated values, e.g. 0.01,0.03,0.1 or sgd,adam; every value makes a column "
                            "(or row) of the grid")
        path_tip = self.tr("The setting to vary (its path in the experiment file)")
        rows = (
            (self.ready, self.tr("Ready-made"), self.tr("Fill the form with a ready-made sweep")),
            (self.source, self.tr("Experiment"), self.tr("The experiment every run starts from")),
            (self.paths[0], self.tr("Vary"), path_tip), (self.values[0], self.tr("over"), value_tip),
            (self.paths[1], self.tr("and vary"), self.tr(
                "A second setting to vary: every value of the first is combined with every value of this one")),
            (self.values[1], self.tr("over"), value_tip),
            (self.seeds, self.tr("Seeds"), self.tr(
                "Each combination trains once per seed, e.g. 1,2,3; the spread over seeds shows what is luck")),
            (self.epochs, self.tr("Epochs"), self.tr("Epochs every run trains (0: the experiment's own)")),
            (self.workers, self.tr("Workers"), self.tr(
                "Worker processes on this machine, each training one run at a time (default: one per core)")),
            (self.scheduler, self.tr("Dask scheduler"), self.tr(
                "Send the runs to a running Dask scheduler instead (needs nnplayground[cluster])")),
            (self.folder_row, self.tr("Folder"), ""),
            (self.out, None, self.tr("Where sweep.csv and each run's metrics.csv are written")),
            (self.browse, None, self.tr("Pick the folder for the sweep's results")))
        for widget, label, tip in rows:
            if label is not None:
                self.form.labelForField(widget).setText(label)
            widget.setToolTip(tip)
        self.epochs.setSpecialValueText(self.tr("as the experiment"))
        self.scheduler.setPlaceholderText(self.tr("optional, e.g. tcp://host:8786"))
        self.out.setPlaceholderText(self.tr("a new folder for each sweep"))
        self.browse.setText(self.tr("Browse…"))
        set_item_texts(self.ready, [self.tr("Custom"), *(r.title for r in ready_made().values())])
        if self.paths[1].count():
            set_item_texts(self.paths[1], [self.tr("(nothing else)")])
        self.check()

    def _connect(self) -> None:
        self.source.currentIndexChanged.connect(self._fill_paths)
        if self.model is not None:  # the main window's experiment changed: so may what it can vary
            self.model.experiment_changed.connect(self._main_experiment_changed)
        self.ready.currentIndexChanged.connect(self._ready_picked)
        for i, combo in enumerate(self.paths):
            combo.currentIndexChanged.connect(lambda _index, i=i: self._path_picked(i))
        for edit in (*self.values, self.seeds, self.scheduler, self.out):
            edit.textEdited.connect(self._edited)
        self.epochs.valueChanged.connect(self._epochs_edited)
        self.workers.valueChanged.connect(self._edited)
        self.browse.clicked.connect(self._browse)

    # ----- reading --------------------------------------------------------------------------

    def base(self) -> Experiment:
        """The experiment every run starts from: the source, with the form's epochs if set."""
        experiment = source_experiment(self.source, self.model)
        if self.epochs.value():
            experiment = experiment.replace(training=dataclasses.replace(experiment.training,
                                                                         epochs=self.epochs.value()))
        return experiment

    def setting_texts(self) -> list[str]:
        """The settings as ``--set`` takes them: ``path=v1,v2``."""
        return [f"{combo.currentData()}={edit.text()}" for combo, edit in zip(self.paths, self.values)
                if combo.currentData() != NONE]

    def plan(self) -> SweepPlan:
        """The sweep the form describes, every run's experiment checked; SweepError or
        ExperimentError (one line naming the field) if it describes none."""
        base = self.base()
        if base.training.epochs is None:
            raise SweepError(self.tr("{0} trains until paused: set the epochs every run trains").format(base.name))
        settings = build_settings(base, self.setting_texts())
        seeds = parse_seeds(self.seeds.text())
        plan = SweepPlan(settings, seeds, base.to_dict())
        if plan.runs > MAX_RUNS:
            raise SweepError(self.tr("{0} runs: at most {1} in one sweep").format(plan.runs, MAX_RUNS))
        expand(base, settings, seeds)  # every combination must make an experiment
        return plan

    def check(self) -> SweepPlan | None:
        """The plan, with its size in ``summary``; None, with the reason there, if there is none."""
        try:
            plan = self.plan()
        except (SweepError, ExperimentError) as e:
            self.summary.setText(self.tr("Cannot sweep: {0}").format(e))
            self.summary.setStyleSheet("color: #b00020")
            return None
        sizes = " × ".join(self.tr("{0} values").format(len(s.values)) for s in plan.settings)
        self.summary.setText(self.tr("{0} runs: {1} × {2} seeds").format(plan.runs, sizes, len(plan.seeds)))
        self.summary.setStyleSheet("")
        return plan

    def executor_arguments(self) -> list[str]:
        """``--workers N`` or ``--scheduler ADDRESS``, as the form says."""
        address = self.scheduler.text().strip()
        return ["--scheduler", address] if address else ["--workers", str(self.workers.value())]

    # ----- writing --------------------------------------------------------------------------

    def _fill_paths(self) -> None:
        """The settings the source can vary, keeping the ones picked where it still has them.
        A source that trains until paused gets a number of epochs: a sweep's runs must end."""
        own = source_experiment(self.source, self.model).training.epochs
        if self.epochs.value() == 0 and own is None:
            with blocked(self.epochs):
                self.epochs.setValue(UNTIL_PAUSED_EPOCHS)
            self._offered_epochs = True
        elif self._offered_epochs and own is not None:  # offered for another source: back to its own
            with blocked(self.epochs):
                self.epochs.setValue(0)
            self._offered_epochs = False
        paths = sweepable(self.base())
        for i, combo in enumerate(self.paths):
            picked = combo.currentData() or ("optimizer.learning_rate" if i == 0 else NONE)
            with blocked(combo):
                combo.clear()
                if i == 1:
                    combo.addItem(self.tr("(nothing else)"), NONE)
                for path in paths:
                    combo.addItem(path, path)
                index = combo.findData(picked)
                combo.setCurrentIndex(max(index, 0))
            if not self.values[i].text() and combo.currentData() != NONE:
                self._path_picked(i)
        self.changed.emit()

    def _main_experiment_changed(self, _experiment) -> None:
        if self.source.currentData() == CURRENT and self.isEnabled():  # not while a sweep of it runs
            self._fill_paths()

    def _path_picked(self, i: int) -> None:
        path = self.paths[i].currentData()
        self.values[i].setEnabled(path != NONE)
        self.values[i].setText("" if path == NONE else ",".join(map(value_text, suggested_values(self.base(), path))))
        self._edited()

    def _ready_picked(self) -> None:
        key = self.ready.currentData()
        if not key:
            return
        sweep = ready_made()[key]
        self._filling = True
        try:
            index = self.source.findData(sweep.source)
            if index >= 0:
                self.source.setCurrentIndex(index)
            filled = list(sweep.settings) + [(NONE, "")] * (2 - len(sweep.settings))
            for combo, edit, (path, values) in zip(self.paths, self.values, filled):
                select(combo, path)
                edit.setText(values)
                edit.setEnabled(path != NONE)
            self.seeds.setText(sweep.seeds)
        finally:
            self._filling = False
        self.changed.emit()

    def _epochs_edited(self) -> None:
        self._offered_epochs = False  # the user's own number: kept whatever the source
        self._edited()

    def _edited(self, *_args) -> None:
        if self._filling:
            return
        select(self.ready, "")  # edited by hand: no longer the ready-made sweep
        self.changed.emit()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the sweep's results"), self.out.text())
        if folder:
            self.out.setText(folder)
            self._edited()
