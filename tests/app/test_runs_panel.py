"""The Runs dock: runs recorded as training ends or restarts, exact repeats, overlay, persistence."""
import csv
import dataclasses

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from nnplayground.core.presets import load_preset
from nnplayground.core.runs import max_difference, repeat, runs_path
from qt_helpers import TIMEOUT_MS, choose_speed, click, click_action, wait_for_snapshot

EPOCHS = 2


def short_circle(epochs=EPOCHS):
    circle = load_preset("circle")
    return circle.replace(training=dataclasses.replace(circle.training, epochs=epochs))


def train_to_the_end(qtbot, window, runs_before: int):
    choose_speed(window, "max")
    click_action(qtbot, window, window.controls.play_action)
    qtbot.waitUntil(lambda: len(window.model.runs) == runs_before + 1, timeout=TIMEOUT_MS)


def masked(record, key):
    """The points of ``key`` with a number, computed here from the record."""
    y = record.curves[key]
    keep = ~np.isnan(y)
    return record.curves["iteration"][keep], y[keep]


def test_a_finished_run_is_recorded_and_a_same_seed_repeat_is_identical(qtbot, make_window):
    window = make_window(short_circle())
    panel = window.runs_panel
    train_to_the_end(qtbot, window, 0)
    run = window.model.runs[0]
    snapshot = window.snapshot
    assert run.status == "completed" and run.iterations == snapshot.iteration > 0
    assert np.array_equal(run.curves["train_loss"], snapshot.history["train_loss"])
    assert panel.table.item(0, 0).text() == "Run 1" and panel.table.item(0, 1).text() == str(snapshot.experiment.seed)

    click(qtbot, panel.repeat_button)
    qtbot.waitUntil(lambda: len(window.model.runs) == 2 and not panel.busy, timeout=TIMEOUT_MS)
    again = window.model.runs[1]
    for key in run.curves:
        assert np.array_equal(run.curves[key], again.curves[key], equal_nan=True)
    assert panel.message.text() == "Run 2 is identical to Run 1: max difference 0"

    panel.table.selectRow(0)
    click(qtbot, panel.new_seed_button)
    qtbot.waitUntil(lambda: len(window.model.runs) == 3 and not panel.busy, timeout=TIMEOUT_MS)
    other = window.model.runs[2]
    assert other.seed != run.seed and other.iterations == run.iterations
    difference = np.max(np.abs(other.curves["train_loss"] - run.curves["train_loss"]))
    assert difference > 0 and max_difference(run, other) >= difference
    assert panel.message.text().startswith("Run 3 differs from Run 1")


def test_the_overlay_draws_exactly_the_checked_runs(qtbot, make_window):
    window = make_window(short_circle())
    panel = window.runs_panel
    train_to_the_end(qtbot, window, 0)
    click(qtbot, panel.new_seed_button)
    qtbot.waitUntil(lambda: len(window.model.runs) == 2 and not panel.busy, timeout=TIMEOUT_MS)
    runs = list(window.model.runs)
    for key in ("train_loss", "test_loss", "metric", "grad_norm"):
        panel.curve_box.setCurrentIndex(panel.curve_box.findData(key))
        assert set(panel.curves) == set(runs)
        for record, curve in panel.curves.items():
            x, y = masked(record, key)
            assert np.array_equal(curve.xData, x) and np.array_equal(curve.yData, y)
    assert [label.text for _, label in panel.legend.items] == ["Run 1", "Run 2"]
    panel.set_checked(0, False)
    assert list(panel.curves) == [runs[1]]
    assert [label.text for _, label in panel.legend.items] == ["Run 2"]


def test_reset_and_a_restart_record_the_run_on_show(qtbot, make_window):
    window = make_window(short_circle(epochs=None))
    for _ in range(3):
        click_action(qtbot, window, window.controls.step_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration == 3)
    click_action(qtbot, window, window.controls.reset_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration == 0)
    assert [(r.iterations, r.status) for r in window.model.runs] == [(3, "interrupted")]
    click_action(qtbot, window, window.controls.step_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration == 1)
    window.model.update("", seed=window.experiment.seed + 7)  # a restart replaces the run
    qtbot.waitUntil(lambda: len(window.model.runs) == 2, timeout=TIMEOUT_MS)
    second = window.model.runs[1]
    assert second.iterations == 1 and second.differs == "same settings"
    wait_for_snapshot(qtbot, window, lambda s: s.iteration == 0 and s.experiment == window.experiment)
    click_action(qtbot, window, window.controls.step_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration == 1)
    click_action(qtbot, window, window.controls.reset_action)
    qtbot.waitUntil(lambda: len(window.model.runs) == 3, timeout=TIMEOUT_MS)
    seed = window.experiment.seed
    assert window.model.runs[2].differs == f"seed {seed - 7} -> {seed}"


def test_rename_by_double_click_and_delete(qtbot, make_window):
    window = make_window(short_circle())
    panel = window.runs_panel
    train_to_the_end(qtbot, window, 0)
    click(qtbot, panel.repeat_button)
    qtbot.waitUntil(lambda: len(window.model.runs) == 2 and not panel.busy, timeout=TIMEOUT_MS)
    window.runs_dock.raise_()  # the Runs tab to the front, as a person would click it
    table = panel.table
    qtbot.waitUntil(table.isVisible, timeout=TIMEOUT_MS)
    rect = table.visualItemRect(table.item(0, 0))
    # A double click is a press, a release and a second press: the view edits the item pressed.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not table
    editor.selectAll()
    qtbot.keyClicks(editor, "baseline")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits the edit on its next event-loop turn.
    qtbot.waitUntil(lambda: [r.name for r in window.model.runs] == ["baseline", "Run 2"], timeout=TIMEOUT_MS)
    assert [label.text for _, label in panel.legend.items] == ["baseline", "Run 2"]
    table.selectRow(1)
    click(qtbot, panel.delete_button)
    assert [r.name for r in window.model.runs] == ["baseline"] and table.rowCount() == 1


def test_runs_persist_through_save_and_open(qtbot, make_window, tmp_path, monkeypatch):
    window = make_window(short_circle())
    train_to_the_end(qtbot, window, 0)
    window.model.rename_run(0, "kept")
    saved = window.model.runs[0]
    path = tmp_path / "mine.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    assert window.files.save_as_dialog()
    assert runs_path(path).exists()
    window.model.delete_run(0)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.files.open_dialog()
    assert [r.name for r in window.model.runs] == ["kept"]
    back = window.model.runs[0]
    assert max_difference(saved, back) == 0 and back.iterations == saved.iterations and back.seed == saved.seed
    assert window.runs_panel.table.item(0, 0).text() == "kept"


def test_a_bad_runs_file_is_ignored_with_a_message(qtbot, make_window, tmp_path, monkeypatch):
    window = make_window()
    path = tmp_path / "other.json"
    short_circle().save(path)
    runs_path(path).write_text("{ not json")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.files.open_dialog()
    assert window.experiment == short_circle() and len(window.model.runs) == 0
    assert window.statusBar().currentMessage().startswith("Runs not loaded: other.json.runs.json: ")


def test_export_writes_the_checked_runs_curves(qtbot, make_window, tmp_path, monkeypatch):
    window = make_window(short_circle())
    panel = window.runs_panel
    train_to_the_end(qtbot, window, 0)
    click(qtbot, panel.new_seed_button)
    qtbot.waitUntil(lambda: len(window.model.runs) == 2 and not panel.busy, timeout=TIMEOUT_MS)
    panel.set_checked(0, False)
    path = tmp_path / "runs.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    click(qtbot, panel.export_button)
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["run", "seed", "iteration", "train_loss", "test_loss", "metric", "grad_norm"]
    only = window.model.runs[1]
    assert len(rows) == 1 + len(only.curves["iteration"]) and {r[0] for r in rows[1:]} == {"Run 2"}
    test_loss = np.array([float(r[4]) if r[4] else np.nan for r in rows[1:]])
    assert np.array_equal(test_loss, only.curves["test_loss"], equal_nan=True)
    assert panel.message.text() == f"Exported 1 run(s) to {path}"


def test_closing_the_window_cancels_a_repeat_at_once(qtbot, make_window):
    window = make_window(short_circle(epochs=None))
    long_run = dataclasses.replace(repeat(window.experiment, 5, "Run 1"), iterations=10**9)  # days of training
    window.model.add_run(long_run)
    click(qtbot, window.runs_panel.repeat_button)
    assert window.runs_panel.busy
    window.close()  # returns once the repeat's thread has ended
    assert window.runs_panel.pool.activeThreadCount() == 0 and len(window.model.runs) == 1


def test_a_file_the_worker_refuses_leaves_the_runs_list_alone(qtbot, make_window, tmp_path, monkeypatch,
                                                              spiral_out_of_memory):
    window = make_window(short_circle())
    train_to_the_end(qtbot, window, 0)
    mine = list(window.model.runs)
    circle = short_circle()
    path = tmp_path / "spiral.json"
    circle.replace(data=dataclasses.replace(circle.data, dataset="spiral")).save(path)
    runs_path(path).write_text(window.model.runs.to_json().replace('"Run 1"', '"of the file"'))  # valid
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    window.files.open_file(path)
    qtbot.waitUntil(lambda: len(warnings) == 1, timeout=TIMEOUT_MS)
    assert "spiral.json" in warnings[0] and window.experiment == circle
    assert list(window.model.runs) == mine and [r.name for r in window.model.runs] == ["Run 1"]
