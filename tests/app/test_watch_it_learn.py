"""Watching a run unfold: the speed control, EPOCHS until paused, the headline numbers, and the
keys that keep working after a value is typed into the toolbar."""
import dataclasses

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLineEdit
from qt_helpers import (
    TIMEOUT_MS,
    choose_speed,
    click,
    click_action,
    menu_action,
    pause,
    type_into,
    wait_for_snapshot,
    worker_settled,
)

from nnplayground.app.file_actions import default_experiment
from nnplayground.app.headline import TimeLeft, count, number
from nnplayground.core import Trainer
from nnplayground.core.presets import load_preset
from nnplayground.core.snapshot import SnapshotTaker


def circle(**training):
    exp = load_preset("circle")
    return exp.replace(training=dataclasses.replace(exp.training, **training))


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    """A key pressed on the keyboard: it goes to whichever widget has the focus."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_a_first_start_trains_until_paused_at_a_watchable_speed(qtbot, make_window):
    window = make_window(default_experiment())
    assert window.experiment.training.epochs is None
    assert window.controls.epochs.text() == "until paused"
    assert window.controls.speed_combo.currentText() == "2 it/frame"
    click_action(qtbot, window, window.controls.play_action)
    per_epoch = window.snapshot.batches_per_epoch
    wait_for_snapshot(qtbot, window, lambda s: s.iteration > per_epoch)
    assert window.snapshot.status == "training" and window.snapshot.total_iterations is None
    qtbot.waitUntil(lambda: "Epoch 2 - iteration" in window.status_label.text(), timeout=TIMEOUT_MS)
    assert not window.progress.isVisible()  # no end to show progress towards
    click_action(qtbot, window, window.controls.play_action)


def test_typing_0_epochs_means_until_paused_and_a_budget_brings_the_progress_bar(qtbot, make_window):
    window = make_window(circle(epochs=40))
    qtbot.waitUntil(window.progress.isVisible, timeout=TIMEOUT_MS)
    type_into(qtbot, window.controls.epochs, "0")
    assert window.experiment.training.epochs is None
    assert window.controls.epochs.text() == "until paused"
    click_action(qtbot, window, window.controls.step_action)
    wait_for_snapshot(qtbot, window, lambda s: s.total_iterations is None)
    qtbot.waitUntil(lambda: not window.progress.isVisible(), timeout=TIMEOUT_MS)


def test_the_speed_is_remembered_by_the_window_not_saved_in_the_experiment(qtbot, make_window, monkeypatch):
    published = []  # the iteration of every snapshot the worker takes
    real_take = SnapshotTaker.take

    def recording_take(self, record=None):
        published.append(self.trainer.iteration)
        return real_take(self, record)

    monkeypatch.setattr(SnapshotTaker, "take", recording_take)
    window = make_window(circle(epochs=None))
    choose_speed(window, "5/frame")
    click_action(qtbot, window, window.controls.play_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration >= 40)
    click_action(qtbot, window, window.controls.play_action)
    worker_settled(qtbot, window.worker_thread)
    assert published[-1] >= 40 and all(n % 5 == 0 for n in published)  # five iterations a frame
    assert "speed" not in window.experiment.to_json()
    window.close()
    again = make_window(circle(epochs=None))
    assert again.controls.speed_combo.currentText() == "5 it/frame"


@pytest.mark.parametrize("damaged", ["warp 9", ["2/frame"], 7])
def test_a_damaged_speed_setting_falls_back_to_the_default(qtbot, make_window, settings, damaged):
    settings.setValue("training_speed", damaged)
    window = make_window(circle(epochs=None))
    assert window.controls.speed_combo.currentText() == "2 it/frame"


def test_a_budget_that_ends_says_so_and_more_epochs_let_play_go_on(qtbot, make_window):
    window = make_window(circle(epochs=2, batch_size=25))  # 250 training samples: 10 iterations an epoch
    choose_speed(window, "max")
    click_action(qtbot, window, window.controls.play_action)
    wait_for_snapshot(qtbot, window, lambda s: s.status == "completed")
    qtbot.waitUntil(lambda: not window.controls.play_action.isChecked(), timeout=TIMEOUT_MS)
    finished = "Finished: 2 epochs, 20 iterations"
    qtbot.waitUntil(lambda: finished in window.status_label.text(), timeout=TIMEOUT_MS)
    window.flush_views()
    assert window.headline.captions[3].text() == "Finished" and window.headline.toolTip() == finished
    assert window.progress.value() == window.progress.maximum() == 20
    type_into(qtbot, window.controls.epochs, "3")
    click_action(qtbot, window, window.controls.play_action)
    wait_for_snapshot(qtbot, window, lambda s: s.status == "completed" and s.iteration == 30)
    qtbot.waitUntil(lambda: "Finished: 3 epochs, 30 iterations" in window.status_label.text(), timeout=TIMEOUT_MS)


def test_the_headline_shows_the_latest_and_best_evaluation(qtbot, make_window):
    experiment = circle(epochs=None, batch_size=25)
    window = make_window(experiment)
    for epoch in (1, 2, 3, 4):
        click_action(qtbot, window, window.controls.epoch_action)
        wait_for_snapshot(qtbot, window, lambda s, n=epoch: s.iteration == 10 * n)
    window.flush_views()
    evaluations = []  # the same run again, outside the window
    Trainer(experiment).run(lambda r: r.evaluation is not None and evaluations.append(r.evaluation), max_iterations=40)
    last = evaluations[-1]
    values = [label.text() for label in window.headline.values]
    assert values == [f"{last.train_loss:.4g}", f"{last.test_loss:.4g}", f"{100 * last.test_metric:.4g}%", "4"]
    bests = [label.text() for label in window.headline.bests]
    assert bests == [f"best {min(e.train_loss for e in evaluations):.4g}",
                     f"best {min(e.test_loss for e in evaluations):.4g}",
                     f"best {100 * max(e.test_metric for e in evaluations):.4g}%", "iteration 40"]


def test_regression_shows_r2(qtbot, make_window):
    window = make_window(load_preset("regression-plane"))
    click_action(qtbot, window, window.controls.epoch_action)
    wait_for_snapshot(qtbot, window, lambda s: s.evaluation is not None)
    window.flush_views()
    assert window.headline.captions[2].text() == "Test R²"
    assert window.headline.values[2].text() == f"{window.snapshot.evaluation.test_metric:.4g}"


def test_the_numbers_move_to_the_status_bar_while_the_headline_is_hidden(qtbot, make_window):
    window = make_window(circle(epochs=None, batch_size=25))
    click_action(qtbot, window, window.controls.epoch_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration == 10)
    menu_action(window, "&View", "Headline numbers").trigger()
    assert not window.headline.isVisible()
    loss = number(window.snapshot.evaluation.test_loss)
    qtbot.waitUntil(lambda: f"Test loss {loss} (best {loss})" in window.status_label.text(), timeout=TIMEOUT_MS)
    assert "epoch 1, iteration 10" in window.status_label.text()
    menu_action(window, "&View", "Headline numbers").trigger()
    qtbot.waitUntil(lambda: window.status_label.text().startswith("Epoch 1 - iteration 10"), timeout=TIMEOUT_MS)


def test_counts_have_thousands_separators_and_numbers_four_digits():
    assert count(1_234_567) == "1,234,567" and count(999) == "999"
    assert number(0.000123456) == "0.0001235" and number(12.3456) == "12.35" and number(None) == "–"
    assert number(14987.2) == "14,990" and number(-123456.7) == "-123,500" and number(2.5e6) == "2.5e+06"


FIELDS = {  # a toolbar field, what to type into it, and where the experiment keeps it
    "learning rate": (lambda c: c.learning_rate, "0.3", lambda e: e.optimizer.learning_rate, 0.3),
    "reg rate": (lambda c: c.reg_rate, "0.001", lambda e: e.optimizer.l2, 0.001),
    "batch size": (lambda c: c.batch_size, "25", lambda e: e.training.batch_size, 25),
    "EPOCHS": (lambda c: c.epochs, "50", lambda e: e.training.epochs, 50),
    "seed": (lambda c: c.seed, "7", lambda e: e.seed, 7),
}


@pytest.mark.parametrize("name", FIELDS)
def test_space_and_the_step_keys_work_after_typing_a_value_and_enter(qtbot, make_window, name):
    field_of, text, read, expected = FIELDS[name]
    experiment = circle(epochs=None)
    window = make_window(experiment.replace(optimizer=dataclasses.replace(experiment.optimizer, l2=0.01)))
    window.activateWindow()
    field = field_of(window.controls)
    click(qtbot, field)
    line = field.findChild(QLineEdit)
    assert line.hasFocus()
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert read(window.experiment) == expected
    assert not line.hasFocus()
    wait_for_snapshot(qtbot, window, lambda s: s.experiment == window.experiment)  # a restart, if one was needed
    start = window.snapshot.iteration
    press(qtbot, Qt.Key.Key_Space)
    assert window.controls.play_action.isChecked()
    wait_for_snapshot(qtbot, window, lambda s: s.iteration > start)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not window.controls.play_action.isChecked(), timeout=TIMEOUT_MS)
    worker_settled(qtbot, window.worker_thread)
    paused = window.snapshot.iteration
    press(qtbot, Qt.Key.Key_Right)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration == paused + 1)
    press(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration > paused + 1 and s.batch == s.batches_per_epoch)
    assert read(window.experiment) == expected  # the keys went to the window, not into the field


def test_closing_while_playing_at_a_paced_speed_leaves_no_timer_behind(qtbot, make_window, qtlog):
    window = make_window(circle(epochs=None))
    click_action(qtbot, window, window.controls.play_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration > 10)
    window.close()
    assert not window.worker_thread.thread.isRunning()
    shiboken6.delete(window.worker_thread.worker)  # as the window's end would, here where its log is read
    assert not [r for r in qtlog.records if "Timers cannot be stopped" in r.message]


def test_a_number_too_long_for_its_room_shrinks_to_fit_and_keeps_the_row(qtbot, make_window):
    window = make_window()
    value = window.headline.values[0]
    room, height = value.width(), window.headline.height()
    for text in ("0.05286", "1.499e+04", "-1.234e+300"):
        value.setText(text)
        assert value.text() == text
        assert QFontMetrics(value.font()).horizontalAdvance(text) <= room  # nothing cut off
    value.setText("0.5")
    assert value.font().pointSizeF() == window.headline.values[1].font().pointSizeF()  # full size again
    assert window.headline.height() == height


def test_time_left_follows_the_recent_pace_and_starts_over_after_a_reset():
    left = TimeLeft()
    assert left.estimate(0, 1100, now=0.0) is None  # nothing to tell from yet
    assert left.estimate(100, 1100, now=1.0) == pytest.approx(10.0)  # 100 it/s, 1000 to go
    assert left.estimate(150, 1100, now=2.0) == pytest.approx(950 / 75)  # the pace since 0 s
    assert left.estimate(200, 1100, now=8.0) == pytest.approx(900 / (50 / 6))  # only the last 5 s count
    assert left.estimate(0, 1100, now=9.0) is None  # reset: a new pace
    assert left.estimate(100, 1100, now=10.0) == pytest.approx(1.0 * 1000 / 100)
    assert left.estimate(1100, 1100, now=11.0) is None  # finished: no time left to tell


def test_a_finite_budget_shows_the_time_left_in_the_progress_bar(qtbot, make_window):
    window = make_window(circle(epochs=100_000))
    choose_speed(window, "max")
    click_action(qtbot, window, window.controls.play_action)
    qtbot.waitUntil(lambda: "left" in window.progress.text(), timeout=TIMEOUT_MS)
    pause(qtbot, window)
    assert window.progress.text().startswith("0% - about ")
    assert QFontMetrics(window.progress.font()).horizontalAdvance(window.progress.text()) < window.progress.width()
