"""The parallel lab's worker: its ParallelRuns trained on a QThread of their own.

As in the main window (app/worker.py), the GUI thread never trains: it emits the commands of
a ``WorkerCommands`` (queued, so they run on the worker's thread), and the worker trains in
short slices, returning to its event loop between them so commands are taken at once. At
most PUBLISH_HZ times a second it leaves a LabSnapshot in a one-slot mailbox and says so
with ``snapshot_ready`` (sent only when the mailbox was empty: never a backlog of events).
"""
from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from ....core import Experiment, memory
from ... import labels
from ...worker import Mailbox, WorkerCommands, failure_message, reported
from .runs import ParallelRuns

PUBLISH_HZ = 10  # the lab's curves cover the whole run: more frames would only cost training time
SLICE_SECONDS = 0.02  # train at most this long between event-loop turns


class ParallelWorker(QObject):
    """Trains the lab's runs; see the module docstring. ``take_snapshot`` is safe from any thread."""

    snapshot_ready = Signal()
    playing_changed = Signal(bool)
    failed = Signal(str)  # a load refused or training stopped; the message says why

    def __init__(self):
        super().__init__()
        self._runs: ParallelRuns | None = None
        self._generation = 0
        self._playing = False
        self._cancelled = False  # set from the GUI thread on shutdown; a plain bool is atomic
        self._slice_queued = False
        self._next_publish = 0.0
        self._mailbox = Mailbox()

    @Slot(object, int)
    def load(self, experiment: Experiment, generation: int) -> None:
        """New runs for ``experiment`` (with a parallel section), paused at iteration 0. If they
        cannot be built the old ones stay and ``failed`` says why."""
        self._set_playing(False)
        try:
            memory.check(experiment)  # refused before anything is allocated when above the budget
            runs = ParallelRuns(experiment)
        except Exception as error:  # noqa: BLE001 - too big, impossible settings: the person is told
            self.failed.emit(failure_message(error))
            return
        self._runs, self._generation = runs, generation
        self._publish()

    @Slot(object, int)
    @reported
    def adopt(self, experiment: Experiment, generation: int) -> None:
        """Live settings (learning rate, EPOCHS...) on the runs of ``generation``."""
        if self._runs is not None and generation == self._generation:
            self._runs.apply_live_settings(experiment)
            self._publish()

    @Slot()
    @reported
    def play(self) -> None:
        if self._runs is None or not self._runs.can_train:
            self.playing_changed.emit(False)  # the button shows Pause since the click: undo that
            if self._runs is not None:
                self.failed.emit(self.tr("The run has stopped ({0}): press Reset to train again.").format(
                    labels.status(self._runs.parallel.status)))
            return
        self._set_playing(True)
        self._queue_slice()

    @Slot()
    @reported
    def pause(self) -> None:
        self._set_playing(False)
        self._publish()

    @Slot()
    @reported
    def step(self) -> None:
        self._set_playing(False)
        if self._runs is not None and self._runs.can_train:
            self._runs.step()
        self._publish()

    @Slot()
    @reported
    def reset(self) -> None:
        self._set_playing(False)
        if self._runs is not None:
            self._runs.reset()
        self._publish()

    def take_snapshot(self):
        """(generation, LabSnapshot), the newest, or None if already taken."""
        return self._mailbox.take()

    def cancel(self) -> None:
        """Called directly from the GUI thread on shutdown: end the current slice at once."""
        self._cancelled = True

    def _set_playing(self, playing: bool) -> None:
        if playing != self._playing:
            self._playing = playing
            self.playing_changed.emit(playing)

    def _queue_slice(self) -> None:
        if not self._slice_queued:
            self._slice_queued = True
            QTimer.singleShot(0, self._train_slice)

    @Slot()
    @reported
    def _train_slice(self) -> None:
        """Iterations for up to SLICE_SECONDS (or until a snapshot is due), then back to the event loop."""
        self._slice_queued = False
        if not self._playing or self._cancelled:
            return
        end = min(time.perf_counter() + SLICE_SECONDS, self._next_publish)
        runs = self._runs
        while runs.can_train and not self._cancelled:
            runs.step()
            if time.perf_counter() >= end:
                break
        if not runs.can_train:
            self._set_playing(False)
        if not self._playing or time.perf_counter() >= self._next_publish:
            self._publish()
        if self._playing:
            self._queue_slice()

    def _publish(self) -> None:
        if self._runs is None or self._cancelled:
            return
        snapshot = (self._generation, self._runs.snapshot())
        self._next_publish = time.perf_counter() + 1.0 / PUBLISH_HZ
        if self._mailbox.put(snapshot):
            self.snapshot_ready.emit()


class ParallelWorkerThread:
    """The QThread, the worker living on it and the ``commands`` reaching it; ``stop()`` ends the thread."""

    def __init__(self, on_snapshot, on_playing, on_failed):
        self.thread = QThread()
        self.thread.setObjectName("nnplayground-parallel-lab")
        self.worker = w = ParallelWorker()
        w.moveToThread(self.thread)
        self.commands = c = WorkerCommands()
        for signal, slot in ((c.load, w.load), (c.adopt, w.adopt), (c.play, w.play), (c.pause, w.pause),
                             (c.step, w.step), (c.reset, w.reset)):
            signal.connect(slot)
        queued = Qt.ConnectionType.QueuedConnection  # delivered on the GUI thread
        w.snapshot_ready.connect(on_snapshot, queued)
        w.playing_changed.connect(on_playing, queued)
        w.failed.connect(on_failed, queued)
        self.thread.start()

    @property
    def running(self) -> bool:
        """Whether the thread still runs (until ``stop``)."""
        return self.thread.isRunning()

    def stop(self) -> None:
        """Cancel the running slice, end the thread's event loop and wait for it (the worker
        looks at the cancel flag after every iteration, so this takes one iteration at most)."""
        self.worker.cancel()
        self.thread.quit()
        self.thread.wait()
