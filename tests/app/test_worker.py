"""The training worker on its thread, driven through its commands as the window drives it."""
import dataclasses

import pytest

from nnplayground.app.worker import WorkerThread, iterations_per_second, steps_per_frame
from nnplayground.core import Trainer
from nnplayground.core.presets import load_preset
from nnplayground.core.snapshot import SnapshotTaker
from qt_helpers import signal_from_thread, worker_settled

TIMEOUT_MS = 20_000


@pytest.fixture
def worker_thread():
    thread = WorkerThread(planes=False)
    yield thread
    thread.stop()


def load(qtbot, worker_thread, experiment, generation=1):
    built, data = signal_from_thread(qtbot, worker_thread.worker.loaded,
                                     lambda: worker_thread.commands.load.emit(experiment, generation))
    assert built == generation
    return data


def newest(qtbot, worker_thread, condition=lambda published: True):
    found = []

    def ready():
        published = worker_thread.worker.take_snapshots()
        if published is not None and condition(published):
            found.append(published)
        return bool(found)

    qtbot.waitUntil(ready, timeout=TIMEOUT_MS)
    return found[0]


def test_the_mailbox_keeps_only_the_newest_snapshots(qtbot, worker_thread):
    data = load(qtbot, worker_thread, load_preset("circle"))
    assert len(data.X_train) > 0
    assert newest(qtbot, worker_thread).snapshots[0].iteration == 0  # the mailbox is empty now
    signals = []
    worker_thread.worker.snapshot_ready.connect(lambda: signals.append(1))
    for _ in range(5):
        worker_thread.commands.step.emit()
    worker_settled(qtbot, worker_thread)  # the five steps ran, and their events were handled
    published = worker_thread.worker.take_snapshots()
    assert published.generation == 1 and published.snapshots[0].iteration == 5
    assert len(signals) == 1  # one event for five publications: the window never draws a backlog
    assert worker_thread.worker.take_snapshots() is None


def test_a_load_that_cannot_be_built_keeps_the_old_run(qtbot, worker_thread, spiral_out_of_memory):
    load(qtbot, worker_thread, load_preset("circle"))
    generation, why = signal_from_thread(qtbot, worker_thread.worker.load_failed,
                                         lambda: worker_thread.commands.load.emit(load_preset("spiral"), 2))
    assert generation == 2 and "memory" in why
    worker_thread.commands.step.emit()
    published = newest(qtbot, worker_thread, lambda p: p.snapshots[0].iteration == 1)
    assert published.generation == 1 and published.snapshots[0].experiment.data.dataset == "circle"


def test_an_exception_while_training_stops_play_and_is_reported(qtbot, worker_thread, monkeypatch):
    load(qtbot, worker_thread, load_preset("circle"))

    def broken(self, count):
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(Trainer, "advance", broken)
    states = []
    worker_thread.worker.playing_changed.connect(states.append)
    message, = signal_from_thread(qtbot, worker_thread.worker.failed, worker_thread.commands.play.emit)
    assert "ZeroDivisionError" in message and "float division by zero" in message
    qtbot.waitUntil(lambda: states[-1:] == [False], timeout=TIMEOUT_MS)
    assert worker_thread.thread.isRunning()  # the thread lives on and takes the next command
    monkeypatch.undo()
    worker_thread.commands.step.emit()
    assert newest(qtbot, worker_thread, lambda p: p.snapshots[0].iteration == 1)


def test_live_settings_from_an_older_generation_are_ignored(qtbot, worker_thread):
    circle = load_preset("circle")
    load(qtbot, worker_thread, circle, generation=3)
    worker_thread.commands.adopt.emit(circle.replace(optimizer=dataclasses.replace(circle.optimizer, learning_rate=1.0)), 2)
    worker_thread.commands.step.emit()
    published = newest(qtbot, worker_thread, lambda p: p.snapshots[0].iteration == 1)
    assert published.snapshots[0].experiment.optimizer.learning_rate == circle.optimizer.learning_rate


def test_raising_epochs_after_the_run_completed_trains_on(qtbot, worker_thread):
    circle = load_preset("circle")
    short = circle.replace(training=dataclasses.replace(circle.training, epochs=1))
    load(qtbot, worker_thread, short)
    states = []
    worker_thread.worker.playing_changed.connect(states.append)
    worker_thread.commands.play.emit()
    done = newest(qtbot, worker_thread, lambda p: p.snapshots[0].status == "completed")
    per_epoch = done.snapshots[0].batches_per_epoch
    assert done.snapshots[0].iteration == per_epoch
    qtbot.waitUntil(lambda: states[-1:] == [False], timeout=TIMEOUT_MS)
    longer = circle.replace(training=dataclasses.replace(circle.training, epochs=3))
    worker_thread.commands.adopt.emit(longer, 1)
    worker_thread.commands.play.emit()
    finished = newest(qtbot, worker_thread, lambda p: p.snapshots[0].iteration == 3 * per_epoch)
    assert finished.snapshots[0].status == "completed"


def test_playing_reports_play_and_the_stop_at_the_end_of_epochs(qtbot, worker_thread):
    circle = load_preset("circle")
    load(qtbot, worker_thread, circle.replace(training=dataclasses.replace(circle.training, epochs=1)))
    worker = worker_thread.worker
    assert not worker.playing
    seen = []  # (what playing_changed said, what ``playing`` said then), on the worker's thread
    worker.playing_changed.connect(lambda playing: seen.append((playing, worker.playing)))
    worker_thread.commands.play.emit()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=TIMEOUT_MS)  # the one epoch ends by itself
    assert seen == [(True, True), (False, False)] and not worker.playing
    assert newest(qtbot, worker_thread).snapshots[0].status == "completed"


def test_stop_ends_a_thread_that_is_training(qtbot):
    thread = WorkerThread(planes=False)
    load(qtbot, thread, load_preset("circle"))
    thread.commands.play.emit()
    qtbot.waitUntil(lambda: (p := thread.worker.take_snapshots()) is not None and p.snapshots[0].iteration > 50,
                    timeout=TIMEOUT_MS)
    thread.stop()
    assert thread.thread.isFinished()


@pytest.mark.parametrize("speed, frame", [(steps_per_frame(3), 3), (iterations_per_second(20), 1)],
                         ids=["3 a frame", "20 a second"])
def test_a_paced_speed_publishes_once_after_each_frame_of_iterations(qtbot, worker_thread, monkeypatch, speed, frame):
    published = []  # the iteration of every snapshot taken, on the worker's thread
    real_take = SnapshotTaker.take

    def recording_take(self, record=None):
        published.append(self.trainer.iteration)
        return real_take(self, record)

    monkeypatch.setattr(SnapshotTaker, "take", recording_take)
    load(qtbot, worker_thread, load_preset("circle"))
    worker_thread.commands.speed.emit(speed)
    worker_thread.commands.play.emit()
    newest(qtbot, worker_thread, lambda p: p.snapshots[0].iteration >= 8 * frame)
    worker_thread.commands.pause.emit()
    worker_settled(qtbot, worker_thread)
    assert published[:9] == [n * frame for n in range(9)]  # the load's, then one per frame


def test_the_mailbox_holds_only_the_newest_item_and_says_when_a_signal_is_due():
    from nnplayground.app.worker import Mailbox
    box = Mailbox()
    assert box.take() is None
    assert box.put("first") is True  # empty: the GUI must be told
    assert box.put("second") is False  # already told: the GUI will fetch the newest
    assert box.take() == "second" and box.take() is None
    assert box.put("third") is True


def test_the_engine_can_change_between_iterations_and_the_run_goes_on(qtbot, worker_thread):
    """View > Compiled engine reaches the worker's trainer between two steps, without a restart."""
    experiment = load_preset("circle")
    load(qtbot, worker_thread, experiment)
    worker_thread.commands.engine.emit("numpy")
    for _ in range(3):
        worker_thread.commands.step.emit()
    worker_settled(qtbot, worker_thread)
    first = worker_thread.worker.take_snapshots().snapshots[0]
    assert (first.iteration, first.engine) == (3, "numpy")
    worker_thread.commands.engine.emit("compiled")
    worker_thread.commands.epoch.emit()  # to the end of the first epoch, compiled
    worker_settled(qtbot, worker_thread)
    second = worker_thread.worker.take_snapshots().snapshots[0]
    assert second.engine == "compiled" and second.engines == ((0, "numpy"), (3, "compiled"))
    reference = Trainer(experiment, engine="numpy")  # the whole epoch on NumPy, independently
    reference.run(max_iterations=second.iteration)
    assert second.iteration == reference.schedule.batches_per_epoch
    assert second.evaluation.test_loss == pytest.approx(reference.last_evaluation.test_loss, rel=1e-9)
