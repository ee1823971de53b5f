"""A sweep trained in the background: ``nnplayground sweep`` as a child process, its folder
read as its rows arrive.

The window trains nothing itself: the command line's sweep (its process pool or a Dask
cluster, its Ctrl-C that keeps every finished row) runs as a child (app/child.py), sharing no
GIL with the window. The runner reads the sweep's rows (core/sweep_results.py) POLL_MS apart
while it runs, and once more when it ends, against the plan it started (sweep.json is only
checked for, not parsed again); only a read that found new rows is announced.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from ...core import Experiment
from ...core.sweep import SweepError, value_text
from ...core.sweep_results import PLAN_FILE, SweepFolder, SweepPlan, read_folder
from ..child import CliProcess, Outcome

POLL_MS = 250
EXPERIMENT_FILE = "experiment.json"  # the experiment every run starts from, beside sweep.csv


def sweep_arguments(experiment_file: Path, plan: SweepPlan, out: Path, executor: list[str]) -> list[str]:
    """The ``nnplayground`` arguments that train ``plan`` from ``experiment_file`` into ``out``."""
    arguments = ["sweep", str(experiment_file)]
    for setting in plan.settings:
        arguments += ["--set", f"{setting.path}={','.join(map(value_text, setting.values))}"]
    return [*arguments, "--seeds", ",".join(map(str, plan.seeds)), "--out", str(out), *executor]


class SweepRunner(QObject):
    """Runs one sweep at a time.

    Signals:
      progressed(SweepFolder)          the folder read with new rows
      ended(Outcome, SweepFolder|None) the sweep has ended (done, stopped or failed) and its
                                       folder as last read (None if it could not be read)
    """

    progressed = Signal(object)
    ended = Signal(object, object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.child = CliProcess(self)
        self.child.finished.connect(self._ended)
        self.folder: Path | None = None
        self._plan: SweepPlan | None = None  # of the sweep under way: its sweep.json need not be read again
        self._rows_seen = -1
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._poll)

    @property
    def running(self) -> bool:
        """Whether a sweep is under way."""
        return self.child.running

    def start(self, experiment: Experiment, plan: SweepPlan, out: Path, executor: list[str]) -> None:
        """Write ``experiment`` into ``out`` and train ``plan`` from it there (an OSError, naming
        the file, if the folder cannot be written; nothing is started then)."""
        if self.running:
            return
        out.mkdir(parents=True, exist_ok=True)
        experiment.save(out / EXPERIMENT_FILE)
        self.folder, self._plan, self._rows_seen = out, plan, -1
        self.child.start(sweep_arguments(out / EXPERIMENT_FILE, plan, out, executor))
        self._timer.start()

    def cancel(self) -> None:
        """Stop the sweep without waiting: the runs under way are dropped, the finished rows stay."""
        self.child.cancel()

    def stop_and_wait(self) -> None:
        """Stop the sweep and wait until it has ended (the application is exiting)."""
        self._timer.stop()
        self.child.stop_and_wait()

    def _read(self) -> SweepFolder | None:
        if not (self.folder / PLAN_FILE).exists():  # the child is starting, or refused the sweep
            return None
        try:
            return read_folder(self.folder, self._plan)
        except SweepError:  # damaged
            return None

    def _poll(self) -> None:
        folder = self._read()
        if folder is not None and len(folder.rows) != self._rows_seen:
            self._rows_seen = len(folder.rows)
            self.progressed.emit(folder)

    def _ended(self, outcome: Outcome) -> None:
        self._timer.stop()
        self.ended.emit(outcome, self._read() if self.folder is not None else None)
