"""Autosave and crash recovery (app/autosave.py), driven as a person meets it: edit, crash, start
again, answer the dialog. A crash is either real (a child process killed with SIGKILL) or its
trace written by hand: an autosave file named with the pid of a process that has ended."""
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from qt_helpers import TIMEOUT_MS

import nnplayground
from nnplayground.app import autosave
from nnplayground.app.autosave import Autosaved
from nnplayground.core import Experiment
from nnplayground.core.presets import load_preset

FAST_MS = 50


@pytest.fixture(autouse=True)
def fast_autosave(monkeypatch):
    monkeypatch.setattr(autosave, "AUTOSAVE_MS", FAST_MS)


def ended_pid() -> int:
    """The pid of a process that has run and been reaped."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


@pytest.fixture
def answer(qtbot):
    """``answer(button_text)``: from now on click ``button_text`` in any dialog that opens, as
    a person would; returns the list of the texts of the dialogs seen (empty if none opened)."""
    timers = []

    def start(button_text: str) -> list[str]:
        seen = []

        def click():
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox) and box.isVisible():
                seen.append(box.text())
                button = next(b for b in box.buttons() if b.text() == button_text)
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

        timer = QTimer(interval=20)
        timer.timeout.connect(click)
        timer.start()
        timers.append(timer)
        return seen

    yield start
    for timer in timers:
        timer.stop()


def files_of(window) -> list[Path]:
    """Every autosave file beside the window's settings, whoever wrote it."""
    return sorted(window.autosave.folder.glob(window.autosave.prefix + "*"))


def wait_for_autosave(qtbot, window, experiment: Experiment) -> Autosaved:
    """Until the window's own autosave file holds ``experiment``; returns what it holds."""
    def holds():
        return window.autosave.file.exists() and Autosaved.load(window.autosave.file).experiment == experiment
    qtbot.waitUntil(holds, timeout=TIMEOUT_MS)
    return Autosaved.load(window.autosave.file)


def add_layer(qtbot, window) -> Experiment:
    qtbot.mouseClick(window.builder.add_layer_button, Qt.MouseButton.LeftButton)
    return window.experiment


def crash_trace(window, text: str, pid: int | None = None) -> Path:
    """An autosave file as a crashed window (pid ``pid``, an ended one by default) leaves it."""
    file = window.autosave.folder / f"{window.autosave.prefix}{pid or ended_pid()}-0badf00d.json"
    file.write_text(text, encoding="utf-8")
    return file


def crashed_after_edit(qtbot, make_window) -> tuple[Experiment, Path]:
    """A window edited, autosaved and then gone without closing: its autosave file is left
    under the pid of a process that no longer runs. Returns the edited experiment and the file."""
    window = make_window()
    edited = add_layer(qtbot, window)
    wait_for_autosave(qtbot, window, edited)
    text = window.autosave.file.read_text(encoding="utf-8")
    window.close()
    assert files_of(window) == []  # a clean close leaves nothing
    return edited, crash_trace(window, text)


def test_an_edit_is_autosaved_and_only_when_something_changed(qtbot, make_window):
    window = make_window()
    qtbot.wait(10 * FAST_MS)  # ten ticks, nothing changed: nothing to save
    assert not window.autosave.file.exists()
    edited = add_layer(qtbot, window)
    saved = wait_for_autosave(qtbot, window, edited)
    assert saved.modified and saved.path is None
    assert len(edited.network.hidden) == len(load_preset("circle").network.hidden) + 1


def test_after_a_crash_restore_brings_back_the_edited_experiment(qtbot, make_window, answer):
    edited, trace = crashed_after_edit(qtbot, make_window)
    window = make_window()
    seen = answer("Restore")
    assert window.autosave.offer_restore()
    assert len(seen) == 1 and "did not close properly" in seen[0] and edited.name in seen[0]
    assert window.experiment == edited
    assert window.model.modified and window.model.path is None
    assert not trace.exists()
    wait_for_autosave(qtbot, window, edited)  # the restored experiment is this window's to keep safe now
    assert files_of(window) == [window.autosave.file]


def test_a_restored_file_experiment_is_written_to_its_file_only_when_saved(qtbot, make_window, tmp_path, answer):
    first = make_window()
    mine = tmp_path / "mine.json"
    assert first.files.save_to(mine)
    edited = add_layer(qtbot, first)
    wait_for_autosave(qtbot, first, edited)
    text = first.autosave.file.read_text(encoding="utf-8")
    first.close()
    crash_trace(first, text)

    window = make_window()
    answer("Restore")
    assert window.autosave.offer_restore()
    assert window.model.path == mine and window.model.modified
    assert Experiment.load(mine) == load_preset("circle")  # not written behind the person's back
    assert window.files.save()
    assert Experiment.load(mine) == edited and not window.model.modified


def test_discard_keeps_the_start_experiment_and_deletes_the_autosave(qtbot, make_window, answer):
    edited, trace = crashed_after_edit(qtbot, make_window)
    window = make_window()
    seen = answer("Discard")
    assert not window.autosave.offer_restore()
    assert len(seen) == 1
    assert window.experiment == load_preset("circle") != edited
    assert not trace.exists() and files_of(window) == []
    assert not window.autosave.offer_restore() and len(seen) == 1  # asked once only


def test_a_clean_close_leaves_nothing_to_offer(qtbot, make_window, answer):
    window = make_window()
    edited = add_layer(qtbot, window)
    wait_for_autosave(qtbot, window, edited)
    window.close()
    again = make_window()
    seen = answer("Restore")
    assert not again.autosave.offer_restore()
    assert seen == [] and files_of(again) == []


@pytest.mark.parametrize("text, reason", [
    ("{not json", "not valid JSON"),
    ('{"format": 1, "path": null, "saved_at": 1, "boot": null, "modified": true, '
     '"experiment": {"optimizer": {"learning_rate": -1}}}', "learning_rate"),
    ('[1, 2]', "not an autosave file"),
])
def test_an_unreadable_autosave_is_discarded_with_a_message(qtbot, make_window, text, reason, answer):
    window = make_window()
    trace = crash_trace(window, text)
    seen = answer("Restore")
    assert not window.autosave.offer_restore()
    assert seen == [] and not trace.exists()
    message = window.statusBar().currentMessage()
    assert "could not be read and was discarded" in message and trace.name in message and reason in message
    assert window.experiment == load_preset("circle")


def test_an_unreadable_autosave_does_not_hide_a_readable_one(qtbot, make_window, answer):
    edited, trace = crashed_after_edit(qtbot, make_window)
    window = make_window()
    broken = crash_trace(window, "", pid=ended_pid())
    os.utime(trace, (1, 1))  # the broken one is newer: it is looked at first
    answer("Restore")
    assert window.autosave.offer_restore()
    assert window.experiment == edited and not broken.exists()


def test_a_restored_experiment_the_window_cannot_hold_is_refused_with_its_reason(qtbot, make_window, answer):
    window = make_window()
    sequence = load_preset("rnn-long-sequence")  # the gradient lab's, never the main window's
    trace = crash_trace(window, Autosaved(sequence, None, True, 1.0).to_json())
    seen = answer("Restore")
    assert not window.autosave.offer_restore()
    assert len(seen) == 1 and not trace.exists() and files_of(window) == []
    assert window.experiment == load_preset("circle")
    assert "Labs > Gradient lab" in window.statusBar().currentMessage()


def test_a_running_window_keeps_its_autosave(qtbot, make_window, answer):
    first = make_window()
    edited = add_layer(qtbot, first)
    wait_for_autosave(qtbot, first, edited)
    second = make_window()  # same settings, same process, both running
    seen = answer("Restore")
    assert not second.autosave.offer_restore()
    assert seen == [] and Autosaved.load(first.autosave.file).experiment == edited


def test_another_running_process_keeps_its_autosave_until_it_ends(qtbot, make_window):
    edited, trace = crashed_after_edit(qtbot, make_window)
    text = trace.read_text(encoding="utf-8")
    trace.unlink()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        window = make_window()
        alive = crash_trace(window, text, pid=sleeper.pid)
        assert window.autosave.orphans() == []
    finally:
        sleeper.kill()
        sleeper.wait()
    assert window.autosave.orphans() == [alive]


def test_a_pid_from_before_the_last_boot_belongs_to_nobody(qtbot, make_window, monkeypatch, tmp_path, answer):
    boot = tmp_path / "boot_id"
    boot.write_text("this-boot\n")
    monkeypatch.setattr(autosave, "BOOT_ID_FILE", boot)
    window = make_window()
    record = json.loads(Autosaved(load_preset("xor"), None, True, 1.0, boot="an-earlier-boot").to_json())
    trace = crash_trace(window, json.dumps(record), pid=os.getpid())  # our pid now, another process's then
    assert window.autosave.orphans() == [trace]
    answer("Restore")
    assert window.autosave.offer_restore()
    assert window.experiment == load_preset("xor")


def test_a_failed_autosave_says_why_and_succeeds_later(qtbot, make_window):
    window = make_window()
    window.autosave.file.mkdir()  # the file's name is taken by a folder
    edited = add_layer(qtbot, window)
    qtbot.waitUntil(lambda: "Autosave failed" in window.statusBar().currentMessage(), timeout=TIMEOUT_MS)
    assert window.autosave.file.name in window.statusBar().currentMessage()
    window.autosave.file.rmdir()
    wait_for_autosave(qtbot, window, edited)


CRASHING_WINDOW = textwrap.dedent("""
    import json, os, sys
    from PySide6.QtCore import QSettings, QTimer
    from nnplayground.app import autosave
    from nnplayground.app.application import make_application
    from nnplayground.app.main_window import MainWindow

    autosave.AUTOSAVE_MS = 50
    app = make_application()
    window = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
    window.show()
    window.model.update("optimizer", learning_rate=0.125)

    def report():
        if window.autosave.file.exists():
            timer.stop()
            with open(sys.argv[2] + ".part", "w") as f:  # renamed when whole: the test reads it once it exists
                json.dump(window.experiment.to_dict(), f)
            os.replace(sys.argv[2] + ".part", sys.argv[2])

    timer = QTimer(interval=20)
    timer.timeout.connect(report)
    timer.start()
    app.exec()
""")


def test_a_window_killed_by_sigkill_is_offered_at_the_next_start(qtbot, make_window, settings, tmp_path, answer):
    report = tmp_path / "experiment.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(Path(nnplayground.__file__).parents[1]), os.environ.get("PYTHONPATH", "")])}
    child = subprocess.Popen([sys.executable, "-c", CRASHING_WINDOW, settings.fileName(), str(report)], env=env,
                             stderr=subprocess.PIPE, text=True)
    try:
        qtbot.waitUntil(lambda: report.exists() or child.poll() is not None, timeout=TIMEOUT_MS * 2)
    finally:
        child.send_signal(signal.SIGKILL)
        _, errors = child.communicate()
    assert report.exists(), errors[-2000:]
    edited = Experiment.from_dict(json.loads(report.read_text()))
    assert edited.optimizer.learning_rate == 0.125

    window = make_window()
    seen = answer("Restore")
    assert window.autosave.offer_restore()
    assert len(seen) == 1 and window.experiment == edited
