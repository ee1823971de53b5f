"""File > Export metrics CSV as a person uses it: train, export, read the file back and compare
it with a run of the same experiment stepped here, record by record."""
import csv
import dataclasses

from PySide6.QtWidgets import QFileDialog
from qt_helpers import choose_speed, click_action, menu_action, pause, wait_for_snapshot

from nnplayground.core.history import HISTORY_ROWS
from nnplayground.core.metrics import metrics_header
from nnplayground.core.presets import load_preset
from nnplayground.core.trainer import Trainer


def export(window, monkeypatch, path):
    """File > Export metrics CSV..., saving to ``path``; the file's lines."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    menu_action(window, "&File", "Export metrics CSV...").trigger()
    return path.read_text(encoding="utf-8").splitlines()


def records(experiment, iterations):
    """Every StepRecord of a run of ``experiment`` stepped here, iteration 1 first."""
    trainer = Trainer(experiment)
    return [trainer.step() for _ in range(iterations)]


def check_rows(rows, expected):
    assert [int(r["iteration"]) for r in rows] == [e.iteration for e in expected]
    for row, record in zip(rows, expected):
        assert float(row["train_loss"]) == record.train_loss  # full precision: exactly the same number
        assert int(row["epoch"]) == record.epoch and int(row["samples_seen"]) == record.samples_seen
        assert float(row["grad_norm_1"]) == record.grad_norm[0]
        tested = record.evaluation is not None
        assert (row["test_loss"] != "") == tested
        if tested:
            assert float(row["test_loss"]) == record.evaluation.test_loss


def test_a_short_runs_export_holds_every_iteration_and_says_where_it_went(qtbot, make_window, monkeypatch, tmp_path):
    window = make_window()
    for _ in range(12):
        click_action(qtbot, window, window.controls.step_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration == 12)
    path = tmp_path / "metrics.csv"
    lines = export(window, monkeypatch, path)
    assert lines[0].split(",") == metrics_header("accuracy", 3)  # no note: nothing was thinned
    check_rows(list(csv.DictReader(lines)), records(window.experiment, 12))
    assert window.statusBar().currentMessage() == f"Exported 12 rows, one per iteration, to {path}"


def test_a_long_runs_export_says_in_the_file_and_the_message_that_it_holds_every_second_iteration(
        qtbot, make_window, monkeypatch, tmp_path):
    circle = load_preset("circle")
    experiment = dataclasses.replace(circle, training=dataclasses.replace(circle.training, batch_size=1))
    window = make_window(experiment)
    choose_speed(window, "100/frame")  # not "max": the compiled engine would train past 2 x HISTORY_ROWS before the pause
    click_action(qtbot, window, window.controls.play_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration > HISTORY_ROWS + 100)
    pause(qtbot, window)
    trained = window.snapshot.iteration
    assert trained < 2 * HISTORY_ROWS  # thinned once: every second iteration

    path = tmp_path / "metrics.csv"
    lines = export(window, monkeypatch, path)
    assert lines[0].startswith("# one row every 2 iterations")
    rows = list(csv.DictReader(lines[1:]))
    every = records(experiment, trained)
    check_rows(rows, every[::2])  # iterations 1, 3, 5, ...: the rows the plots show
    assert len(rows) == len(window.snapshot.history_x) == (trained + 1) // 2
    assert window.statusBar().currentMessage() == (
        f"Exported {len(rows):,} rows, one every 2 iterations (the window keeps a long run's history thinned), "
        f"to {path}")


def test_an_export_that_cannot_be_written_says_why_and_claims_nothing(qtbot, make_window, monkeypatch, tmp_path):
    window = make_window()
    warnings = []
    monkeypatch.setattr("nnplayground.app.file_actions.QMessageBox.warning", lambda *a: warnings.append(a[2]))
    path = tmp_path / "no-such-folder" / "metrics.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    menu_action(window, "&File", "Export metrics CSV...").trigger()
    assert len(warnings) == 1 and "no-such-folder" in warnings[0]
    assert not path.exists() and "Exported" not in window.statusBar().currentMessage()
