"""The defects found by using the window as a new user would, each reproduced the way a user
meets it: menus, clicks and keys on a real window, or a prepared settings file and a real start."""
import dataclasses
import json
import time

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from nnplayground.app.file_actions import default_experiment
from nnplayground.app.labs import GradientLab
from nnplayground.app.main_window import MainWindow
from nnplayground.core import Experiment, Trainer
from nnplayground.core.presets import load_preset
from qt_helpers import LEFT, TIMEOUT_MS, click, click_action, show, type_into


@pytest.fixture
def dialogs(monkeypatch):
    """Warnings the window shows, recorded instead of waiting for a click."""
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append((title, text)))
    return shown


def choose_file(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


# 1 ----------------------------------------------------------------------------------------------

def test_opening_a_sequence_experiment_never_lets_save_overwrite_it(qtbot, make_window, dialogs, monkeypatch,
                                                                    tmp_path):
    window = make_window()
    mine = tmp_path / "circle.json"
    choose_file(monkeypatch, mine)
    window.files.save_as_dialog()
    rnn = tmp_path / "rnn.json"
    rnn_text = load_preset("rnn-long-sequence").to_json()
    rnn.write_text(rnn_text)
    choose_file(monkeypatch, rnn)
    window.files.open_dialog()
    assert dialogs and "recurrent net" in dialogs[-1][1]
    assert window.model.path == mine and window.windowTitle().startswith("circle.json")
    qtbot.waitUntil(lambda: window.files.recent_files() == [str(mine.resolve())], timeout=TIMEOUT_MS)
    window.files.save()
    assert rnn.read_text() == rnn_text  # untouched
    assert Experiment.load(mine) == window.experiment


# 2 ----------------------------------------------------------------------------------------------

def test_raising_epochs_after_the_run_finished_lets_play_train_on(qtbot, make_window):
    circle = load_preset("circle")
    window = make_window(circle.replace(training=dataclasses.replace(circle.training, batch_size=25, epochs=2)))
    click_action(qtbot, window, window.controls.play_action)
    qtbot.waitUntil(lambda: window.snapshot.status == "completed", timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: not window.controls.play_action.isChecked(), timeout=TIMEOUT_MS)
    done = window.snapshot.iteration
    type_into(qtbot, window.controls.epochs, "100000")
    click_action(qtbot, window, window.controls.play_action)
    qtbot.waitUntil(lambda: window.snapshot.iteration > done + 20, timeout=TIMEOUT_MS)
    assert window.controls.play_action.isChecked()
    assert "EPOCHS are done" not in window.statusBar().currentMessage()
    click_action(qtbot, window, window.controls.play_action)


def test_play_on_a_finished_run_says_why_and_does_not_stay_pressed(qtbot, make_window):
    circle = load_preset("circle")
    window = make_window(circle.replace(training=dataclasses.replace(circle.training, batch_size=25, epochs=1)))
    click_action(qtbot, window, window.controls.epoch_action)
    qtbot.waitUntil(lambda: window.snapshot.status == "completed", timeout=TIMEOUT_MS)
    click_action(qtbot, window, window.controls.play_action)
    qtbot.waitUntil(lambda: not window.controls.play_action.isChecked(), timeout=TIMEOUT_MS)
    assert "EPOCHS are done" in window.statusBar().currentMessage()


# 3 ----------------------------------------------------------------------------------------------

def test_opening_and_closing_the_gradient_lab_reuses_one_window(qtbot, make_window):
    window = make_window()
    earlier = {id(w) for w in QApplication.topLevelWidgets() if isinstance(w, GradientLab)}  # other tests'
    seen = []
    for _ in range(6):
        window.gradient_lab_action.trigger()
        lab = window.labs["gradient"]
        qtbot.waitUntil(lambda: lab.snapshots is not None, timeout=TIMEOUT_MS)
        qtbot.mouseClick(lab.play_button, LEFT)
        qtbot.waitUntil(lambda: lab.play_button.isChecked(), timeout=TIMEOUT_MS)
        lab.close()
        qtbot.waitUntil(lambda: not lab.play_button.isChecked(), timeout=TIMEOUT_MS)
        seen.append((lab, lab.worker_thread.thread))
    assert len(set(seen)) == 1  # one window, one worker thread, however often it is opened
    assert sum(isinstance(w, GradientLab) and id(w) not in earlier for w in QApplication.topLevelWidgets()) == 1


# 5 ----------------------------------------------------------------------------------------------

def test_a_preset_change_resets_settings_that_no_longer_apply(qtbot, make_window):
    window = make_window()
    output = window.output
    click(qtbot, output.discretize_box)
    assert output.discretize_box.isChecked()
    click(qtbot, output.add_button)
    assert output.adding_points
    window.open_preset("regression-plane")
    qtbot.waitUntil(lambda: output.data is not None and output.data.task == "regression", timeout=TIMEOUT_MS)
    assert not output.discretize_box.isChecked() and not output.discretize_box.isEnabled()
    assert not output.adding_points
    click(qtbot, output.add_button)
    assert output.adding_points
    window.files.new_experiment()  # File > New replaces the experiment too
    assert not output.adding_points


# 6 ----------------------------------------------------------------------------------------------

def test_the_propagation_inspector_follows_a_network_edit(qtbot, make_window):
    window = make_window()
    inspector = window.open_propagation_inspector()
    layers = len(inspector.trace.layers)
    qtbot.mouseClick(window.builder.add_layer_button, LEFT)
    qtbot.waitUntil(lambda: len(inspector.trace.layers) == layers + 1, timeout=TIMEOUT_MS)
    assert inspector.experiment is window.experiment
    shapes = [W.shape for W in window.snapshot.weights]
    assert [np.shape(W) for W in inspector.weights] == shapes


# 7 ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("setting, value", [
    ("recent_files", 7),
    ("recent_files", [3, None, "x"]),
    ("last_experiment", "[" * 10_000 + "]" * 10_000),
    ("last_experiment", '{"seed": ' + "9" * 5000 + "}"),
    ("last_experiment", 12),
])
def test_a_damaged_settings_file_never_stops_the_window_from_opening(qtbot, settings, setting, value):
    settings.setValue(setting, value)
    settings.sync()
    window = show(qtbot, MainWindow(QSettings(settings.fileName(), QSettings.Format.IniFormat)))
    qtbot.waitUntil(lambda: window.snapshot is not None, timeout=TIMEOUT_MS)
    assert window.experiment == default_experiment()
    assert all(isinstance(p, str) for p in window.files.recent_files())
    window.close()


# 8 and 9 ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ('{"optimizer": {"name": "adam", "beta1": 1.0}}', "beta1"),
    ("[" * 10_000 + "]" * 10_000, "nested"),
    ('{"seed": ' + "9" * 5000 + "}", "digits"),
])
def test_a_file_that_cannot_run_is_refused_with_a_dialog(qtbot, make_window, dialogs, monkeypatch, tmp_path,
                                                         text, expected):
    window = make_window()
    before = window.experiment
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    choose_file(monkeypatch, bad)
    window.files.open_dialog()
    assert len(dialogs) == 1 and expected in dialogs[0][1]
    assert window.experiment is before and window.model.path is None


def test_a_failure_in_the_training_thread_reaches_the_user(qtbot, make_window, monkeypatch):
    window = make_window()

    def broken(self, count):
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(Trainer, "advance", broken)
    click_action(qtbot, window, window.controls.play_action)
    qtbot.waitUntil(lambda: "Training stopped" in window.statusBar().currentMessage(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: not window.controls.play_action.isChecked(), timeout=TIMEOUT_MS)
    monkeypatch.undo()
    click_action(qtbot, window, window.controls.step_action)
    qtbot.waitUntil(lambda: window.snapshot.iteration == 1, timeout=TIMEOUT_MS)


# 10 ---------------------------------------------------------------------------------------------

def test_a_run_the_worker_cannot_build_is_rolled_back_and_the_window_goes_on(qtbot, make_window,
                                                                             spiral_out_of_memory):
    window = make_window()
    before = window.experiment
    click(qtbot, window.data_panel.dataset_buttons["spiral"])
    qtbot.waitUntil(lambda: "memory" in window.statusBar().currentMessage(), timeout=TIMEOUT_MS)
    assert window.experiment is before
    assert window.data_panel.dataset_buttons["circle"].isChecked()
    click_action(qtbot, window, window.controls.step_action)
    qtbot.waitUntil(lambda: window.snapshot.iteration == 1, timeout=TIMEOUT_MS)
    window.flush_views()
    assert window.loss_plot.snapshot is window.snapshot or window.builder.snapshot is window.snapshot


# 11 ---------------------------------------------------------------------------------------------

def test_closing_waits_for_a_worker_busy_longer_than_a_second(qtbot, make_window, monkeypatch, qtlog):
    window = make_window()
    real_advance = Trainer.advance
    busy = []

    def slow(self, count):
        busy.append(1)
        time.sleep(1.5)
        return real_advance(self, count)

    monkeypatch.setattr(Trainer, "advance", slow)
    click_action(qtbot, window, window.controls.play_action)
    qtbot.waitUntil(lambda: bool(busy), timeout=TIMEOUT_MS)
    window.close()
    assert window.worker_thread.thread.isFinished()
    assert not [r for r in qtlog.records if "QThread" in r.message]
    saved = json.loads(QSettings(window.settings.fileName(), QSettings.Format.IniFormat).value("last_experiment"))
    assert Experiment.from_dict(saved) == window.experiment
