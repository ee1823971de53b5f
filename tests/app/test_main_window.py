"""The whole window driven as a person would: build, train, pause, step, reset, save, close."""
import os
import threading

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from nnplayground.app.export import metrics_csv
from nnplayground.app.main_window import MainWindow
from nnplayground.core import Experiment, LayerSpec, NetworkSpec, OptimizerSpec, Trainer, TrainingSpec
from nnplayground.core.metrics import metrics_header
from nnplayground.core.presets import load_preset
from qt_helpers import TIMEOUT_MS, choose_speed, click_action, pause, wait_for_snapshot


def halved(losses) -> bool:
    return losses[-1] < 0.5 * losses[0]


def test_play_trains_on_the_worker_thread_until_the_loss_falls(qtbot, make_window, monkeypatch):
    threads = set()
    real_advance = Trainer.advance  # what the worker trains with (step() goes through it too)

    def recording_advance(self, count):
        threads.add(threading.current_thread())
        return real_advance(self, count)

    monkeypatch.setattr(Trainer, "advance", recording_advance)
    window = make_window()
    choose_speed(window, "max")
    click_action(qtbot, window, window.controls.play_action)
    # How far training gets before the pause depends on timing: wait for the fall itself.
    wait_for_snapshot(qtbot, window, lambda s: len(s.eval_x) >= 2 and halved(s.eval_history["test_loss"]))
    pause(qtbot, window)
    assert halved(window.snapshot.eval_history["test_loss"])
    assert threading.main_thread() not in threads and len(threads) == 1
    assert window.loss_plot.snapshot is not None and window.builder.snapshot is not None


def test_step_adds_one_iteration_and_reset_restores_the_initial_weights(qtbot, make_window):
    window = make_window()
    initial = [W.copy() for W in window.snapshot.weights]
    assert np.array_equal(initial[0], Trainer(window.experiment).network.params[0][0])
    for expected in (1, 2, 3):
        click_action(qtbot, window, window.controls.step_action)
        wait_for_snapshot(qtbot, window, lambda s, n=expected: s.iteration == n)
    qtbot.waitUntil(lambda: "iteration 3 -" in window.status_label.text(), timeout=TIMEOUT_MS)
    click_action(qtbot, window, window.controls.epoch_action)
    per_epoch = window.snapshot.batches_per_epoch
    wait_for_snapshot(qtbot, window, lambda s: s.iteration == per_epoch)
    click_action(qtbot, window, window.controls.reset_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration == 0)
    assert all(np.array_equal(a, b) for a, b in zip(initial, window.snapshot.weights))


def test_building_the_network_with_the_mouse_restarts_training(qtbot, make_window):
    window = make_window()
    click_action(qtbot, window, window.controls.step_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration == 1)
    qtbot.mouseClick(window.builder.add_layer_button, Qt.MouseButton.LeftButton)
    assert len(window.experiment.network.hidden) == 3
    assert "restarts" in window.statusBar().currentMessage()
    qtbot.mouseClick(window.builder.header(0).add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.builder.header(0).add_button, Qt.MouseButton.LeftButton)
    combo = window.builder.header(1).activation_combo
    combo.setCurrentIndex(combo.findData("relu"))
    hidden = window.experiment.network.hidden
    assert hidden[0].units == load_preset("circle").network.hidden[0].units + 2
    assert hidden[1].activation == "relu"
    wait_for_snapshot(qtbot, window, lambda s: s.iteration == 0 and s.experiment == window.experiment)
    assert [W.shape[1] for W in window.snapshot.weights][:3] == [h.units for h in hidden]


def test_the_learning_rate_changes_while_training_goes_on(qtbot, make_window):
    window = make_window()
    for _ in range(3):
        click_action(qtbot, window, window.controls.step_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration == 3)
    combo = window.controls.learning_rate
    combo.setCurrentIndex(combo.findText("0.3"))
    combo.activated.emit(combo.currentIndex())
    wait_for_snapshot(qtbot, window, lambda s: s.experiment.optimizer.learning_rate == 0.3)
    assert window.snapshot.iteration == 3  # kept its progress
    click_action(qtbot, window, window.controls.step_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration == 4)


def test_divergence_shows_a_banner_and_reset_recovers(qtbot, make_window):
    exploding = Experiment(
        network=NetworkSpec(hidden=tuple(LayerSpec(8, "linear") for _ in range(6))),
        optimizer=OptimizerSpec(learning_rate=100.0), training=TrainingSpec(epochs=50))
    window = make_window(exploding)
    click_action(qtbot, window, window.controls.play_action)
    wait_for_snapshot(qtbot, window, lambda s: s.status == "diverged")
    assert window.banner.isVisible()
    divergence = window.snapshot.divergence
    assert f"iteration {divergence.iteration}" in window.banner_label.text()
    assert f"layer {divergence.layer}" in window.banner_label.text()
    assert not window.controls.play_action.isChecked()
    click_action(qtbot, window, window.controls.reset_action)
    wait_for_snapshot(qtbot, window, lambda s: s.status == "ready")
    assert not window.banner.isVisible()


def test_save_and_reopen_gives_the_identical_experiment(qtbot, make_window, tmp_path, monkeypatch):
    window = make_window()
    qtbot.mouseClick(window.builder.add_layer_button, Qt.MouseButton.LeftButton)
    path = tmp_path / "mine.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    assert window.files.save_as_dialog()
    saved = window.experiment
    window.files.new_experiment()
    assert window.experiment != saved
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.files.open_dialog()
    assert window.experiment == saved == Experiment.load(path)
    assert window.windowTitle().startswith("mine.json")
    qtbot.waitUntil(lambda: [a.text() for a in window.files.recent_menu.actions()][:1] == [str(path.resolve())],
                    timeout=TIMEOUT_MS)


def test_a_malformed_file_is_refused_with_its_reason(qtbot, make_window, tmp_path, monkeypatch):
    window = make_window()
    before = window.experiment
    bad = tmp_path / "bad.json"
    bad.write_text('{"network": {"hidden": [{"units": -3}]}}')
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: messages.append(text))
    assert not window.files.open_file(bad)
    assert messages == ["network.hidden[0].units: must be in [1, 4096]; got -3"]
    assert window.experiment == before


def test_opening_a_pipe_is_refused_at_once_and_keeps_the_experiment(qtbot, make_window, tmp_path, monkeypatch):
    window = make_window()
    before = window.experiment
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)  # reading it would wait for a writer for ever, freezing the window
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: messages.append(text))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(pipe), ""))
    window.files.open_dialog()
    assert messages == [f"{pipe} is not a regular file (a folder, device or pipe), so it is not read"]
    assert window.experiment == before


def test_points_added_on_the_plot_join_the_experiment(qtbot, make_window):
    window = make_window()
    window.output.point_added.emit(1.0, -2.0, 1.0)
    assert window.experiment.data.extra_points == ((1.0, -2.0, 1.0),)
    wait_for_snapshot(qtbot, window, lambda s: s.experiment.data.extra_points == ((1.0, -2.0, 1.0),))
    window.output.points_cleared.emit()
    assert window.experiment.data.extra_points == ()


def test_closing_while_training_stops_the_thread(qtbot, make_window, qtlog):
    window = make_window()
    click_action(qtbot, window, window.controls.play_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration > 50)
    window.close()
    assert not window.worker_thread.thread.isRunning()
    assert not [r for r in qtlog.records if "QThread" in r.message]


def test_the_window_remembers_the_last_experiment_and_layout(qtbot, make_window, settings):
    window = make_window()
    qtbot.mouseClick(window.builder.add_layer_button, Qt.MouseButton.LeftButton)
    window.loss_dock.hide()
    expected = window.experiment
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.experiment == expected
    assert again.loss_dock.isHidden()
    again.reset_layout()
    assert not again.loss_dock.isHidden()
    again.close()


def test_metrics_export_has_the_run_command_columns(qtbot, make_window):
    window = make_window()
    for _ in range(4):
        click_action(qtbot, window, window.controls.step_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration == 4)
    lines = metrics_csv(window.snapshot).splitlines()
    assert lines[0].split(",") == metrics_header("accuracy", 3)
    assert [int(line.split(",")[0]) for line in lines[1:]] == [1, 2, 3, 4]


def test_a_setting_that_cannot_be_valid_is_refused_in_the_status_bar(qtbot, make_window):
    window = make_window()
    before = window.experiment
    window.controls.learning_rate.setCurrentText("fast")
    window.controls.learning_rate.lineEdit().editingFinished.emit()
    assert "learning_rate" in window.statusBar().currentMessage()
    assert window.experiment == before


def test_a_background_tab_draws_when_brought_to_the_front(qtbot, make_window):
    window = make_window()
    for _ in range(3):
        click_action(qtbot, window, window.controls.step_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration == 3)
    assert window.metric_plot.snapshot is None  # behind the loss tab: nothing drawn
    window.metric_dock.raise_()
    qtbot.waitUntil(lambda: window.metric_plot.snapshot is window.snapshot, timeout=TIMEOUT_MS)


def test_a_sequence_preset_opens_in_the_gradient_lab(qtbot, make_window):
    window = make_window()
    before = window.experiment
    window.preset_actions["rnn-long-sequence"].trigger()
    lab = window.labs["gradient"]
    assert lab is not None and lab.tabs.currentWidget() is lab.rnn_tab
    qtbot.waitUntil(lambda: lab.rnn_tab.loaded and lab.rnn_tab.loaded[0].data.dataset == "remember_first",
                    timeout=TIMEOUT_MS)
    assert lab.rnn_tab.loaded[0].data.sequence_length == load_preset("rnn-long-sequence").data.sequence_length
    assert window.experiment == before  # the main window keeps its own network


def test_view_compiled_engine_switches_the_engine_between_steps_and_is_remembered(qtbot, make_window, settings):
    window = make_window()
    assert window.engine_action.isChecked()  # the default
    click_action(qtbot, window, window.controls.step_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration == 1)
    qtbot.waitUntil(lambda: window.status_label.text().endswith("Compiled engine"), timeout=TIMEOUT_MS)
    window.engine_action.trigger()  # View > Compiled engine, off
    click_action(qtbot, window, window.controls.step_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration == 2)
    qtbot.waitUntil(lambda: window.status_label.text().endswith("NumPy engine"), timeout=TIMEOUT_MS)
    assert window.snapshot.engines == ((0, "compiled"), (1, "numpy"))
    assert settings.value("engine") == "numpy"
    window.close()
    assert not make_window().engine_action.isChecked()


def test_without_numba_the_window_trains_on_numpy_and_says_why(qtbot, make_window, monkeypatch):
    from nnplayground.core.compiled.engine import COMPILER
    monkeypatch.setattr(COMPILER, "kernel", lambda dtype: None)  # as when numba cannot be imported
    monkeypatch.setattr(COMPILER, "error", "ImportError: No module named 'numba'")
    window = make_window()
    click_action(qtbot, window, window.controls.step_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration == 1)
    expected = "NumPy engine (the compiled one is unavailable: ImportError: No module named 'numba')"
    qtbot.waitUntil(lambda: window.status_label.text().endswith(expected), timeout=TIMEOUT_MS)
    assert window.snapshot.engines == ((0, "numpy"),)


def test_a_passing_message_shows_in_place_of_the_status_line(qtbot, main_window):
    """A message (a refused edit, an export) takes the status line's place for a while; the
    line was a permanent widget once and took the bar's whole width, hiding every message."""
    bar, message = main_window.statusBar(), "Exported 12 rows, one per iteration, to /tmp/metrics.csv"
    main_window.show_message(message)
    assert bar.currentMessage() == message
    assert not main_window.status_label.isVisible()
    room = bar.width() - main_window.progress.width()
    assert room > bar.fontMetrics().horizontalAdvance(message)
    bar.clearMessage()
    qtbot.waitUntil(main_window.status_label.isVisible, timeout=2000)
