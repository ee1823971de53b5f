"""The window's one experiment model: the current experiment, its file, and the run trained from it.

Panels never keep their own copy of the experiment. They observe ``experiment_changed`` and
write edits back through ``update()`` or ``propose()``; the model validates the edit, decides
once (with ``core.live_change``) whether the running trainer can adopt it or training must
start over, and tells the worker. A restart is only settled when the worker has built the new
run: if it refuses (too big, impossible data), the model rolls back to the experiment the
worker still trains, with the file path that belongs to it, and says why through ``refused``.
So the window's path and Recent files only ever name a file whose experiment the model holds.

Every request to the worker carries a generation number; snapshots come back tagged with the
generation of the run that took them, and only the current run's are accepted. That is how a
view never draws a snapshot of a network that an edit has already replaced.

The model also holds the runs list (core.runs.RunList): a run is recorded once it has trained
at least one iteration and then ends (a TERMINAL status), is reset, or is replaced by a restart,
from the newest snapshot of it; if it trains on after ending, its record is brought up to date.

The model never touches widgets. Later it also holds the language.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal, Slot

from ..core import Experiment, ExperimentError
from ..core.experiment import live_change
from ..core.runs import RunList, RunRecord
from ..core.trainer import TERMINAL

# A check a window applies to experiments before adopting them: returns why one is refused, or None.
Acceptor = Callable[[Experiment], "str | None"]
_KEEP = object()  # propose(..., path=_KEEP): the file path stays as it is


class ExperimentModel(QObject):
    """Holds the current experiment; see the module docstring for the rules.

    Signals:
      experiment_changed(Experiment)  the experiment now current (an edit, a load, a rollback)
      run_loaded(Data)                the worker built a new run from it (restart settled); its data
      snapshot_changed(Snapshot)      the newest snapshot of the current run
      path_changed(object)            the file (a Path, or None) now holding the current experiment
      refused(str)                    an edit or load was refused; the message says why
      runs_changed()                  a run was recorded, renamed or deleted, or the list replaced
    """

    experiment_changed = Signal(object)
    run_loaded = Signal(object)
    snapshot_changed = Signal(object)
    path_changed = Signal(object)
    refused = Signal(str)
    runs_changed = Signal()

    def __init__(self, experiment: Experiment, accept: Acceptor | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._accept = accept or (lambda experiment: None)
        self._experiment = experiment
        self._path: Path | None = None
        self._saved: Experiment | None = experiment  # as opened or last saved: "modified" compares with it
        self._confirmed = (experiment, None, experiment)  # experiment, path, saved: what the worker's run was built from
        self._worker = None
        self._announce_path = False  # a file's experiment waits for the worker: name the file once it is built
        self._generation = 0  # of the newest request to the worker
        self._requests: dict[int, tuple] = {}  # generation -> (experiment, path, saved) asked for
        self._run_generation = 0  # of the run the worker trains now
        self._run_data = None  # and its Data, as the worker sent it
        # The run on show: its Data (points, split) and newest snapshot. While a restart is
        # pending they still belong to the old run (snapshot.experiment says which).
        self.data = None
        self.snapshot = None
        self._snapshot_generation = -1
        self._early = None  # (generation, snapshot) of a run whose answer has not arrived yet
        self.runs = RunList()
        self._resets = 0  # Reset starts another run of the same generation
        # After a Reset, snapshots taken before it may still arrive: none is recorded until the
        # worker's first one from iteration 0 shows the reset was done.
        self._reset_pending = False
        self._recorded: tuple | None = None  # ((generation, resets), record) of the run on show, once recorded

    # ----- reading ---------------------------------------------------------------------------

    @property
    def experiment(self) -> Experiment:
        return self._experiment

    @property
    def path(self) -> Path | None:
        """The file the current experiment was opened from or saved to, if any."""
        return self._path

    @property
    def modified(self) -> bool:
        """True when the experiment differs from what it was when opened or last saved."""
        return self._saved != self._experiment

    @property
    def restart_pending(self) -> bool:
        """True between a restart request and the worker's answer."""
        return self._generation != self._run_generation

    # ----- the worker ------------------------------------------------------------------------

    def connect_worker(self, worker_thread) -> None:
        """Drive ``worker_thread`` (an app.worker.WorkerThread) from now on, starting with the
        current experiment."""
        self._worker = worker_thread
        worker_thread.connect_model(self.on_loaded, self.on_load_failed)
        self._request_restart()

    @Slot(int, object)
    def on_loaded(self, generation: int, data) -> None:
        """The worker built the run of ``generation``: it trains that run from now on."""
        requested = self._requests.pop(generation, None)
        if requested is None:
            return
        self._run_generation, self._run_data = generation, data
        if generation != self._generation:  # a newer request is on its way: a rollback would come here
            self._confirmed = requested
            return
        self._confirmed = (self._experiment, self._path, self._saved)  # with live edits made meanwhile
        if self._early is not None and self._early[0] == generation:
            self.snapshot, self._snapshot_generation = self._early[1], generation
        self._early = None
        self._show_run()
        if self._announce_path:
            self._announce_path = False
            self.path_changed.emit(self._path)

    @Slot(int, str)
    def on_load_failed(self, generation: int, message: str) -> None:
        """The worker refused the run of ``generation``: go back to the one it still trains."""
        self._requests.pop(generation, None)
        if generation != self._generation:
            return
        self._generation = self._run_generation
        self._announce_path = False
        self._experiment, self._path, self._saved = self._confirmed
        self.experiment_changed.emit(self._experiment)
        self._show_run()
        self.refused.emit(message)

    def offer_snapshots(self, published) -> None:
        """Take the worker's newest ``Published`` snapshots; those of a replaced run are dropped.
        A new run's snapshot can come before the worker's word that the run was built (a
        snapshot event queued earlier fetches the newest one): it waits for that word, so the
        snapshot on show and ``data`` always belong to the same run."""
        if published is None or published.generation != self._generation or not published.snapshots:
            return
        if published.generation != self._run_generation:
            self._early = published.generation, published.snapshots[0]
            return
        self.snapshot, self._snapshot_generation = published.snapshots[0], published.generation
        if self.snapshot.iteration == 0:
            self._reset_pending = False
        elif self.snapshot.status in TERMINAL:
            self._record_run()
        self.snapshot_changed.emit(self.snapshot)

    # ----- writing -----------------------------------------------------------------------------

    def propose(self, experiment: Experiment, path=_KEEP, saved: Experiment | None = None) -> bool:
        """Make ``experiment`` current: live when only live settings changed, else a restart.
        ``path`` names the file it came from (None: no file, as for a preset) and ``saved``
        what it was opened as; the default keeps the current file. Returns False, and emits ``refused``, if not accepted."""
        reason = self._accept(experiment)
        if reason:
            self.refused.emit(reason)
            return False
        if path is not _KEEP:
            self._path, self._saved = path, saved
        unchanged = experiment == self._experiment
        live = live_change(self._experiment, experiment)
        self._experiment = experiment
        if not unchanged:
            if live:
                self._adopt_live()
            else:
                self._request_restart()
            self.experiment_changed.emit(experiment)
        if path is not _KEEP:
            self._settle_path()
        return True

    def update(self, section: str, **fields) -> bool:
        """Change some fields of one part of the experiment (``"data"``, ``"network"``,
        ``"optimizer"``, ``"training"``), or top-level fields with ``section=""``. An invalid
        combination is refused with the core's message, naming the field."""
        try:
            if section:
                part = dataclasses.replace(getattr(self._experiment, section), **fields)
                new = self._experiment.replace(**{section: part})
            else:
                new = self._experiment.replace(**fields)
        except ExperimentError as e:
            self.refused.emit(str(e))
            return False
        return self.propose(new)

    def saved_to(self, path: Path) -> None:
        """The current experiment was written to ``path``: it is now the model's file."""
        self._path, self._saved = Path(path), self._experiment
        self._settle_path()

    def reset(self) -> None:
        """Record the run on show, then have the worker start it over from iteration 0."""
        self._record_run()
        self._resets += 1
        if self._worker is not None:
            self._reset_pending = True
            self._worker.commands.reset.emit()

    # ----- the runs list ---------------------------------------------------------------------

    def add_run(self, record: RunRecord) -> None:
        """Append a run made elsewhere (a headless repeat)."""
        self.runs.add(record)
        self.runs_changed.emit()

    def rename_run(self, index: int, name: str) -> None:
        self.runs.rename(index, name)
        self.runs_changed.emit()

    def delete_run(self, index: int) -> None:
        self.runs.delete(index)
        self.runs_changed.emit()

    def set_runs(self, runs: RunList) -> None:
        """Replace the whole list (the runs of an opened file)."""
        self.runs = runs
        self._recorded = None
        self.runs_changed.emit()

    def _record_run(self) -> None:
        """Record the run on show from its newest snapshot, or bring its record up to date."""
        snapshot = self.snapshot
        if (snapshot is None or snapshot.iteration == 0 or self._reset_pending
                or self._snapshot_generation != self._run_generation):
            return
        key = (self._run_generation, self._resets)
        if self._recorded is not None and self._recorded[0] == key:
            old = self._recorded[1]
            if old in self.runs.records and snapshot.iteration > old.iterations:  # it trained on
                index = self.runs.records.index(old)
                self.runs.set(index, RunRecord.from_snapshot(old.name, snapshot, None))
                self._recorded = key, self.runs[index]
                self.runs_changed.emit()
            return
        record = RunRecord.from_snapshot(self.runs.next_name(), snapshot, self.runs.last_experiment)
        self.runs.add(record)
        self._recorded = key, record
        self.runs_changed.emit()

    # ----- internals ----------------------------------------------------------------------------

    def _settle_path(self) -> None:
        """Announce the file now, or once the worker has built the run it belongs to."""
        if self.restart_pending:
            self._announce_path = True
        else:
            self._confirmed = (self._experiment, self._path, self._saved)
            self.path_changed.emit(self._path)

    def _adopt_live(self) -> None:
        if not self.restart_pending:
            self._confirmed = (self._experiment, self._path, self._saved)
        if self._worker is not None:
            self._worker.commands.adopt.emit(self._experiment, self._generation)

    def _request_restart(self) -> None:
        if self._worker is None:  # no worker (a panel on its own): nothing to wait for
            self._confirmed = (self._experiment, self._path, self._saved)
            return
        self._record_run()  # the run being replaced, while its snapshot is still the one on show
        self._generation += 1
        self._requests[self._generation] = (self._experiment, self._path, self._saved)
        self._worker.commands.load.emit(self._experiment, self._generation)

    def _show_run(self) -> None:
        """Tell the views which run the worker trains now: its data, and its newest snapshot
        if one came before this answer (views clear on run_loaded, so it is sent again)."""
        if self.data is not self._run_data:
            self.data = self._run_data
            if self._snapshot_generation != self._run_generation:
                self.snapshot = None
            self.run_loaded.emit(self.data)
        if self.snapshot is not None:
            self.snapshot_changed.emit(self.snapshot)
