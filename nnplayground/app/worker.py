"""The training worker: a Trainer driven on its own QThread, seen only through snapshots.

The GUI thread never calls the Trainer. It sends commands as queued signals; the worker
trains in short time slices and, between slices, lets its event loop deliver those
commands. At most ``PUBLISH_HZ`` times a second it hands out an immutable Snapshot.

Why time slices and a pause between them: NumPy on playground-sized arrays holds the GIL
almost all the time, so a worker in a tight loop starves the GUI thread's repaints. After
each slice the worker sleeps briefly, which gives the GUI thread the GIL to draw, at a
small, bounded cost in training speed.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from ..core import Experiment, ExperimentError, Trainer
from ..core.snapshot import SnapshotTaker
from ..core.trainer import live_change

PUBLISH_HZ = 30
SLICE_SECONDS = 0.010  # train this long between event-loop turns
YIELD_SECONDS = 0.001  # then hand the GIL to the GUI thread this long


class TrainingWorker(QObject):
    snapshot_ready = Signal(object)  # Snapshot
    data_changed = Signal(object)  # the new trainer's Data (points to draw)
    failed = Signal(str)  # a command could not be carried out; the message says why
    playing_changed = Signal(bool)

    def __init__(self):
        super().__init__()
        self._trainer: Trainer | None = None
        self._taker: SnapshotTaker | None = None
        self._playing = False
        self._cancelled = False  # set from the GUI thread on shutdown; a plain bool is atomic
        self._last_publish = 0.0
        self._last_record = None

    # ----- commands (queued from the GUI thread) ---------------------------------------

    @Slot(object)
    def load(self, experiment: Experiment) -> None:
        """Start over with a new experiment, or adopt live settings when nothing else changed."""
        if self._trainer is not None and live_change(self._trainer.experiment, experiment):
            self._trainer.apply_live_settings(experiment)
            self._publish()
            return
        self._set_playing(False)
        try:
            trainer = Trainer(experiment)
        except (ExperimentError, ValueError, MemoryError) as e:
            self.failed.emit(str(e))
            return
        self._trainer, self._taker, self._last_record = trainer, SnapshotTaker(trainer), None
        self.data_changed.emit(trainer.data)
        self._publish()

    @Slot()
    def play(self) -> None:
        if self._trainer is None or self._trainer.status == "diverged":
            return
        if self._trainer.iteration >= self._trainer.total_iterations:
            self.failed.emit(self.tr("All EPOCHS are done: raise EPOCHS or reset to train more."))
            return
        if not self._playing:
            self._set_playing(True)
            QTimer.singleShot(0, self._train_slice)

    @Slot()
    def pause(self) -> None:
        self._set_playing(False)
        self._publish()

    @Slot()
    def step_iteration(self) -> None:
        self._step_while(lambda record: False)

    @Slot()
    def step_epoch(self) -> None:
        self._step_while(lambda record: record.batch < record.batches_per_epoch)

    @Slot()
    def reset(self) -> None:
        if self._trainer is not None:
            self._set_playing(False)
            self._trainer.reset()
            self._last_record = None
            self._publish()

    @Slot(int, int, int, float)
    def set_weight(self, layer: int, i: int, j: int, value: float) -> None:
        if self._trainer is not None:
            self._trainer.set_weight(layer, i, j, value)
            self._publish()

    def cancel(self) -> None:
        """Called directly from the GUI thread on shutdown: end the current slice at once."""
        self._cancelled = True

    # ----- training ----------------------------------------------------------------------

    def _set_playing(self, playing: bool) -> None:
        if playing != self._playing:
            self._playing = playing
            self.playing_changed.emit(playing)

    def _step_while(self, keep_going) -> None:
        """Pause, then step once and keep stepping while ``keep_going(record)`` holds."""
        trainer = self._trainer
        if trainer is None or trainer.status == "diverged":
            return
        self._set_playing(False)
        record = self._last_record = trainer.step()
        while keep_going(record) and record.status != "diverged" and not self._cancelled:
            record = self._last_record = trainer.step()
        self._publish()

    @Slot()
    def _train_slice(self) -> None:
        trainer = self._trainer
        if not self._playing or self._cancelled or trainer is None:
            return
        deadline = time.perf_counter() + SLICE_SECONDS
        record = None
        while time.perf_counter() < deadline and not self._cancelled:
            record = trainer.step()
            if record.status == "diverged" or trainer.iteration >= trainer.total_iterations \
                    or record.status in ("target_reached", "early_stopped"):
                self._set_playing(False)
                break
        self._last_record = record or self._last_record
        now = time.perf_counter()
        if not self._playing or now - self._last_publish >= 1.0 / PUBLISH_HZ:
            self._publish()
        if self._playing:
            time.sleep(YIELD_SECONDS)
            QTimer.singleShot(0, self._train_slice)

    def _publish(self) -> None:
        if self._taker is not None and not self._cancelled:
            self._last_publish = time.perf_counter()
            self.snapshot_ready.emit(self._taker.take(self._last_record))


class WorkerThread:
    """Owns the QThread and the worker living on it; ``stop()`` ends both within a second."""

    def __init__(self):
        self.thread = QThread()
        self.thread.setObjectName("nnplayground-trainer")
        self.worker = TrainingWorker()
        self.worker.moveToThread(self.thread)
        self.thread.start()

    def stop(self, timeout_ms: int = 1000) -> bool:
        self.worker.cancel()
        self.thread.quit()
        return self.thread.wait(timeout_ms)
