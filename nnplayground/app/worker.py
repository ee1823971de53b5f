"""The training worker: a Trainer driven on its own QThread, seen only through snapshots.

The GUI thread never calls the Trainer. It sends commands as queued signals; the worker
trains in short slices and, between slices, lets its event loop deliver those commands.
About PUBLISH_HZ times a second it leaves an immutable Snapshot in a one-slot mailbox.
At a paced ``Speed`` (n iterations a second, or k iterations a frame) a QTimer owes it the
next iterations each tick, and it publishes when they are done; in between it is idle in
its event loop, so commands are taken at once.

The GIL decides how smooth the window is: NumPy on playground-sized arrays holds it almost
all the time, so the GUI thread waits for it on every hand-over a repaint needs. The
application shortens the interpreter's switch interval (application.GIL_SWITCH_SECONDS)
so each wait is short; the worker itself never sleeps, which would cost training speed
even while the window is idle. The views keep their share of the GIL small by redrawing
cheap things every frame and expensive ones less often.
"""
from __future__ import annotations

import functools
import math
import threading
import time
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

from ..core import Experiment, ExperimentError, memory
from ..core.compiled.engine import DEFAULT_ENGINE
from ..core.parallel import DataParallelTrainer, make_trainer
from ..core.snapshot import SnapshotTaker
from ..core.trainer import TERMINAL

PUBLISH_HZ = 34  # the window draws 30-31 frames a second (32 gave 28.8-29.5; 36 cost training speed and lateness)
SLICE_SECONDS = 0.010  # train at most this long between event-loop turns (commands wait at most this)
CHUNK_SECONDS = 0.001  # look at the clock about this often


class Speed(NamedTuple):
    """How fast Play trains: ``steps`` iterations, then a snapshot, ``per_second`` times a
    second; ``steps`` 0 trains as fast as possible (a snapshot about PUBLISH_HZ times a second).
    A playback preference, not part of the experiment: the same run trains the same at any speed."""
    steps: int
    per_second: float


FULL_SPEED = Speed(0, PUBLISH_HZ)


def iterations_per_second(n: int) -> Speed:
    """``n`` iterations a second, each one shown."""
    return Speed(1, n)


def steps_per_frame(k: int) -> Speed:
    """``k`` iterations between frames, at the worker's publishing rate."""
    return Speed(k, PUBLISH_HZ)


class Published(NamedTuple):
    """What the mailbox holds: the newest snapshot of every run, and the generation of the
    load that built those runs (so a window can tell them from a replaced run's)."""
    generation: int
    snapshots: tuple


def failure_message(error: BaseException) -> str:
    """One line for a person: what went wrong, in the exception's own words."""
    if isinstance(error, MemoryError):
        return QCoreApplication.translate("TrainingWorker", "Not enough memory for this experiment: make the network "
                                          "or the data set smaller.")
    text = str(error) or type(error).__name__
    return text if isinstance(error, ExperimentError) else f"{type(error).__name__}: {text}"


def reported(command):
    """Run a worker command; an exception stops training and reaches the window as ``failed``
    instead of ending the thread's event loop silently."""
    @functools.wraps(command)
    def guarded(self, *args):
        try:
            return command(self, *args)
        except Exception as error:  # noqa: BLE001 - every failure must reach the person
            self._set_playing(False)
            # Named as lupdate files it: this function is no method of the worker's class.
            self.failed.emit(QCoreApplication.translate("TrainingWorker", "Training stopped: {0}").format(
                failure_message(error)))
    return guarded


class Run:
    """One trainer in the worker, with what its snapshots need: a DataParallelTrainer when the
    experiment has a ``parallel`` section (``ranks`` then says how many it simulates), else a
    one-process Trainer (``ranks`` None)."""

    def __init__(self, experiment: Experiment, profile: bool, plane: bool, engine: str):
        self.trainer = make_trainer(experiment)
        self.trainer.engine = engine  # compiled slices release the GIL: the window draws meanwhile
        self.ranks = self.trainer.spec.ranks if isinstance(self.trainer, DataParallelTrainer) else None
        self.taker = SnapshotTaker(self.trainer, profile=profile, plane=plane)
        self.record = None  # the latest step's record

    @property
    def can_train(self) -> bool:
        t = self.trainer
        return t.status not in TERMINAL and not t.budget_spent

    def snapshot(self):
        return self.taker.take(self.record)


class Mailbox:
    """A one-slot mailbox between a worker's thread and the GUI thread: ``put`` replaces what
    it holds and returns True when it was empty (only then is a "ready" signal worth sending:
    the GUI fetches the newest item, never a backlog); ``take`` empties it. Both are safe from
    any thread."""

    def __init__(self):
        self._item = None
        self._lock = threading.Lock()

    def put(self, item) -> bool:
        """Hold ``item`` in place of anything older; True if the slot was empty."""
        with self._lock:
            was_empty, self._item = self._item is None, item
        return was_empty

    def take(self):
        """What the slot holds (None if empty), leaving it empty."""
        with self._lock:
            item, self._item = self._item, None
        return item


class TrainingWorker(QObject):
    """Trains one or more runs side by side (the window: one; a lab: a run per variant).

    Commands apply to every run. Snapshots are published as a ``Published`` tuple, one per run.
    ``load`` always starts over; ``adopt`` applies live settings: the caller decides which
    (with ``core.live_change``), so the decision is made once, where the edit is made."""

    # New snapshots are waiting: fetch them with take_snapshots(). The signal carries no data
    # and is sent only when the mailbox was empty, so however slowly the window draws, at
    # most one snapshot event is ever queued: the window draws the newest, never a backlog.
    snapshot_ready = Signal()
    loaded = Signal(int, object)  # generation, the first run's Data (points to draw)
    load_failed = Signal(int, str)  # generation, why; the previous runs are kept
    failed = Signal(str)  # a command could not be carried out, or training stopped; the message says why
    playing_changed = Signal(bool)

    def __init__(self, profiles: bool = False, planes: bool = True):
        super().__init__()
        self._profiles = profiles  # snapshots carry a BackpropProfile (the gradient lab)
        self._planes = planes  # snapshots carry the output and neuron maps over the input plane
        self._runs: list[Run] = []
        self._generation = 0  # of the load that built _runs
        self._playing = False
        self._cancelled = False  # set from the GUI thread on shutdown; a plain bool is atomic
        self._next_publish = 0.0
        self._chunk = 1  # iterations per chunk, adapted to the step's cost
        self._speed = FULL_SPEED
        self._owed = math.inf  # iterations left before the next snapshot (paced speeds)
        self._frame_ready = 0.0  # when a paced frame may start: snapshots take at most a quarter of the time
        self._pace = None  # the QTimer of paced speeds, made on the worker's thread
        self._slice_queued = False
        self._mailbox = Mailbox()
        self._engine = DEFAULT_ENGINE

    @property
    def playing(self) -> bool:
        """Whether Play is on: the worker trains (as fast as it may, or paced) until paused or
        stopped. Read from any thread; the window learns of each change by ``playing_changed``."""
        return self._playing

    # ----- commands (queued from the GUI thread) ---------------------------------------

    @Slot(object, int)
    def load(self, experiments, generation: int) -> None:
        """Start over with new experiments (one, or a sequence for side-by-side runs). If they
        cannot be built, the current runs stay and ``load_failed`` says why."""
        experiments = [experiments] if isinstance(experiments, Experiment) else list(experiments)
        self._set_playing(False)
        try:
            # Refused before anything is allocated when above the budget (core.memory).
            memory.check(experiments, window=self._planes)
            runs = [Run(exp, self._profiles, self._planes, self._engine) for exp in experiments]
        except Exception as error:  # noqa: BLE001 - too big, impossible data: the person is told
            self.load_failed.emit(generation, failure_message(error))
            self._publish()  # the runs that remain, for an owner that dropped their snapshots meanwhile
            return
        self._runs, self._generation = runs, generation
        self.loaded.emit(generation, runs[0].trainer.data)
        self._publish()

    @Slot(object, int)
    @reported
    def adopt(self, experiments, generation: int) -> None:
        """Adopt live settings (learning rate, regularisation, EPOCHS...) without losing
        progress. Ignored unless the runs are those of ``generation``: a load that failed
        must not have its live edits applied to the runs it left in place."""
        if generation != self._generation:
            return
        experiments = [experiments] if isinstance(experiments, Experiment) else list(experiments)
        for run, exp in zip(self._runs, experiments):
            run.trainer.apply_live_settings(exp)
        self._publish()

    @Slot(str)
    def set_engine(self, engine: str) -> None:
        """Train with ``engine`` ("compiled" or "numpy") from the next iteration on: both engines
        share the whole training state, so the run goes on where it was."""
        self._engine = engine
        for run in self._runs:
            run.trainer.engine = engine
        self._publish()

    @Slot()
    @reported
    def play(self) -> None:
        if not any(run.can_train for run in self._runs):
            self.playing_changed.emit(False)  # the window shows Pause since the click: undo that
            if any(run.trainer.status == "diverged" for run in self._runs):
                self.failed.emit(self.tr("Training diverged: press Reset to start again."))
            elif self._runs:
                self.failed.emit(self.tr("All EPOCHS are done: raise EPOCHS or reset to train more."))
            return
        if not self._playing:
            self._set_playing(True)
            self._start_pacing()

    @Slot(object)
    def set_speed(self, speed: Speed) -> None:
        """Train at ``speed`` from now on (playing or not)."""
        self._speed = speed
        if self._pace is not None:
            self._pace.stop()
        if self._playing:
            self._start_pacing()

    @Slot()
    @reported
    def pause(self) -> None:
        self._set_playing(False)
        self._publish()

    @Slot()
    @reported
    def step_iteration(self) -> None:
        self._step_while(lambda record: False)

    @Slot()
    @reported
    def step_epoch(self) -> None:
        self._step_while(lambda record: record.batch < record.batches_per_epoch)

    @Slot()
    @reported
    def reset(self) -> None:
        if self._runs:
            self._set_playing(False)
            for run in self._runs:
                run.trainer.reset()
                run.record = None
            self._publish()

    @Slot(int, int, int, float)
    @reported
    def set_weight(self, layer: int, i: int, j: int, value: float) -> None:
        if self._runs:
            self._runs[0].trainer.set_weight(layer, i, j, value)
            self._publish()

    @property
    def data_parallel_ranks(self) -> tuple[int | None, ...]:
        """Per run of the latest successful load, how many ranks its data-parallel trainer
        simulates (None: one process). Fixed when a run is built, so safe from any thread."""
        return tuple(run.ranks for run in self._runs)

    def take_snapshots(self) -> Published | None:
        """The newest snapshots (one per run, with their generation), or None if already
        taken. Safe from any thread."""
        return self._mailbox.take()

    @Slot()
    def halt(self) -> None:
        """Stop the pacing timer on the worker's thread as it ends (a timer stopped from another
        thread only warns)."""
        if self._pace is not None:
            self._pace.stop()

    def cancel(self) -> None:
        """Called directly from the GUI thread on shutdown: end the current slice at once."""
        self._cancelled = True

    # ----- training ----------------------------------------------------------------------

    def _set_playing(self, playing: bool) -> None:
        if playing != self._playing:
            self._playing = playing
            if not playing and self._pace is not None:
                self._pace.stop()
            self.playing_changed.emit(playing)

    def _start_pacing(self) -> None:
        """Start training at the current speed: slices back to back, or a timer that owes
        ``steps`` iterations each tick. Never a sleep, so commands are taken between ticks."""
        if self._speed.steps == 0:
            self._owed = math.inf
            self._queue_slice()
            return
        if self._pace is None:
            self._pace = QTimer(self, timerType=Qt.TimerType.PreciseTimer)
            self._pace.timeout.connect(self._tick)
        self._pace.start(max(1, round(1000 / self._speed.per_second)))
        self._owed = 0
        self._tick()

    @Slot()
    def _tick(self) -> None:
        """A paced frame: owe the next ``steps`` iterations, unless the last frame's are still
        training or its snapshot was so costly that the next must wait (a deep net's planes)."""
        now = time.perf_counter()
        if self._owed == 0 and now >= self._frame_ready:
            self._owed = self._speed.steps
            # A frame gets a whole frame's time before a slow one shows its progress so far.
            self._next_publish = max(self._next_publish, now + 1.0 / PUBLISH_HZ)
            self._queue_slice()

    def _step_while(self, keep_going) -> None:
        """Pause, then step every run that can once, and keep stepping while ``keep_going(record)``."""
        self._set_playing(False)
        for run in self._runs:
            if run.trainer.status == "diverged":
                continue
            record = run.record = run.trainer.step()
            while keep_going(record) and record.status != "diverged" and not self._cancelled:
                record = run.record = run.trainer.step()
        self._publish()

    @Slot()
    @reported
    def _train_slice(self) -> None:
        """Train until the next snapshot is due (at most SLICE_SECONDS), or paced until the
        frame's iterations are done, in chunks of about CHUNK_SECONDS between clock checks,
        runs taking turns; then return to the event loop for queued commands."""
        self._slice_queued = False
        if not self._playing or self._cancelled:
            return
        start = now = time.perf_counter()
        # End the slice when the next snapshot is due, so snapshots keep their rate exactly;
        # paced, also when this frame's iterations are done (a slow frame still shows progress).
        end = min(start + SLICE_SECONDS, self._next_publish)
        active = [run for run in self._runs if run.can_train]
        while active and now < end and self._owed > 0 and not self._cancelled:
            steps, chunk = 0, min(self._chunk, self._owed)
            for run in active:
                before = run.trainer.iteration
                run.record = run.trainer.advance(chunk)
                steps += run.trainer.iteration - before
            self._owed -= chunk
            previous, now = now, time.perf_counter()
            # Size the next chunk from this one's speed (steps cost microseconds to seconds).
            per_step = (now - previous) / max(1, steps)
            self._chunk = max(1, min(10_000, int(CHUNK_SECONDS / len(active) / max(per_step, 1e-7))))
            active = [run for run in self._runs if run.can_train]
        if not active:  # all done (EPOCHS, a stop rule, divergence): Play comes up before the snapshot
            self._set_playing(False)
        if not self._playing or self._owed == 0 or now >= self._next_publish:
            self._publish()
        if self._playing and self._owed > 0:  # else a paced frame is done: the next tick trains on
            self._queue_slice()

    def _queue_slice(self) -> None:
        """Train the next slice after the commands waiting now; one slice queued at a time, so
        a change of speed never starts a second chain of slices."""
        if not self._slice_queued:
            self._slice_queued = True
            QTimer.singleShot(0, self._train_slice)

    def _publish(self) -> None:
        if not self._runs or self._cancelled:
            return
        started = time.perf_counter()
        snapshots = Published(self._generation, tuple(run.snapshot() for run in self._runs))
        # The next one is due after 1/PUBLISH_HZ, or later when snapshots are costly (a deep
        # net's output surface): snapshots never take more than a quarter of the time.
        finished = time.perf_counter()
        self._frame_ready = finished + 3.0 * (finished - started)
        self._next_publish = max(finished + 1.0 / PUBLISH_HZ, self._frame_ready)
        if self._mailbox.put(snapshots):
            self.snapshot_ready.emit()


class WorkerCommands(QObject):
    """Signals a window emits to command the worker; queued, so they run on its thread."""
    load = Signal(object, int)  # experiments, generation: always a restart
    adopt = Signal(object, int)  # experiments, generation: live settings only
    play = Signal()
    pause = Signal()
    step = Signal()
    epoch = Signal()
    reset = Signal()
    set_weight = Signal(int, int, int, float)
    speed = Signal(object)  # a Speed
    engine = Signal(str)  # "compiled" or "numpy"


class WorkerThread:
    """Owns the QThread, the worker living on it and the ``commands`` that reach it;
    ``stop()`` ends the thread."""

    def __init__(self, profiles: bool = False, planes: bool = True):
        self.thread = QThread()
        self.thread.setObjectName("nnplayground-trainer")
        self.worker = TrainingWorker(profiles, planes)
        self.worker.moveToThread(self.thread)
        self.commands = c = WorkerCommands()
        w = self.worker
        for signal, slot in ((c.load, w.load), (c.adopt, w.adopt), (c.play, w.play), (c.pause, w.pause), (c.step, w.step_iteration),
                             (c.epoch, w.step_epoch), (c.reset, w.reset), (c.set_weight, w.set_weight)):
            signal.connect(slot)
        c.speed.connect(w.set_speed)
        c.engine.connect(w.set_engine)
        self.thread.finished.connect(w.halt, Qt.ConnectionType.DirectConnection)  # runs on the ending thread
        self.thread.start()

    def connect_views(self, on_snapshots, on_playing, on_failed) -> None:
        """Worker -> window signals, always delivered on the window's (GUI) thread."""
        queued = Qt.ConnectionType.QueuedConnection
        self.worker.snapshot_ready.connect(on_snapshots, queued)
        self.worker.playing_changed.connect(on_playing, queued)
        self.worker.failed.connect(on_failed, queued)

    def connect_model(self, on_loaded, on_load_failed) -> None:
        """Worker -> experiment owner: whether a load was built (generation, data) or refused
        (generation, message); delivered on the owner's (GUI) thread."""
        queued = Qt.ConnectionType.QueuedConnection
        self.worker.loaded.connect(on_loaded, queued)
        self.worker.load_failed.connect(on_load_failed, queued)

    def stop(self) -> None:
        """Cancel the running slice, end the thread's event loop and wait for it. No time
        limit: the worker checks for cancellation every few milliseconds of training, and a
        QThread destroyed while running would take the process down with it."""
        self.worker.cancel()
        self.thread.quit()
        self.thread.wait()
