"""A fuzz of the main window: hundreds of random actions a person could take (play, pause,
step, reset, network and data edits, presets, labs, bad files, saves), chosen with a fixed
seed, then closing the window. After each action, once the workers have answered: Play
shows what the worker does, the experiment validates and the panels show it, no exception
was raised in a slot and Qt warned of nothing. At the end no thread is left running.

NNPLAYGROUND_FUZZ_SEED and NNPLAYGROUND_FUZZ_ACTIONS override the seed and the number of
actions, to run it longer by hand. A failure names the seed, the action's index and the
actions before it (all of them are printed, so pytest shows them with the failure).
"""
import os
import random
import subprocess
import sys
import textwrap
import threading
import time
import traceback

import pytest
from PySide6.QtCore import qWarning

from fuzz_actions import Dialogs, WindowFuzzer, qt_warnings
from qt_helpers import TIMEOUT_MS, menu_action

SEED = int(os.environ.get("NNPLAYGROUND_FUZZ_SEED", "20261202"))
ACTIONS = int(os.environ.get("NNPLAYGROUND_FUZZ_ACTIONS", "500"))
CONTEXT = 15  # actions before the failing one shown in its message
# The offscreen platform the tests run on has no window manager to pass a window's minimum
# size to (the toolbar's Play/Pause text resizes it) or to raise a lab's window with, and
# says so each time; desktop platforms implement both. Every other warning fails the fuzz.
OFFSCREEN_ONLY = r"^This plugin does not support (propagateSizeHints|raise)\(\)$"


def failure(done: list[str], index: int, what: str, problem) -> str:
    """The message of a failed action: the seed, its index, what it did, the problem, and the
    actions before it."""
    if isinstance(problem, BaseException):  # where it was raised, in a line
        problem = problem.__cause__ or problem  # a retried check that kept failing: its last assertion
        frame = traceback.extract_tb(problem.__traceback__)[-1]
        problem = f"{problem!r} at {os.path.basename(frame.filename)}:{frame.lineno}: {frame.line}"
    return (f"fuzz seed {SEED}, action {index} ({what}): {problem}\n"
            f"the actions before it:\n" + "\n".join(done[-CONTEXT:]))


@pytest.mark.qt_log_level_fail("WARNING")
@pytest.mark.qt_log_ignore(OFFSCREEN_ONLY)
def test_random_actions_never_crash_hang_warn_or_leave_a_thread(qtbot, make_window, monkeypatch, tmp_path, qtlog):
    dialogs = Dialogs(monkeypatch)
    window = make_window()
    fuzzer = WindowFuzzer(qtbot, window, dialogs, tmp_path)
    rng = random.Random(SEED)
    done: list[str] = []
    for index in range(ACTIONS):
        seen = len(qtlog.records)
        what = "?"
        with qtbot.captureExceptions() as exceptions:
            try:
                started = time.perf_counter()
                what = fuzzer.act(rng)
                qtbot.wait(rng.randint(0, 30))
                fuzzer.check()
                print(f"{index}: {what} ({(time.perf_counter() - started) * 1000:.0f} ms with its check)")
            except Exception as error:  # an assertion, or a bounded wait that timed out
                pytest.fail(failure(done, index, what if what != "?" else fuzzer.current, error))
        assert not exceptions, failure(done, index, what, "an exception in a slot:\n" + "".join(
            "".join(traceback.format_exception(*e)) for e in exceptions))
        warnings = qt_warnings(qtlog.records[seen:])
        assert not warnings, failure(done, index, what, f"Qt warned: {warnings}")
        done.append(f"{index}: {what}")

    labs = list(window.labs.values())
    menu_action(window, "&File", "&Quit").trigger()
    assert not window.isVisible()
    assert not window.worker_thread.thread.isRunning()
    assert not [lab for lab in labs if hasattr(lab, "worker_thread") and lab.worker_thread.thread.isRunning()]
    qtbot.waitUntil(lambda: threading.enumerate() == [threading.main_thread()], timeout=TIMEOUT_MS)
    assert not qt_warnings(qtlog.records)


def test_qt_warnings_are_seen(qtlog):
    """The per-action check reads the warnings pytest-qt captured."""
    qWarning("a probe warning")
    assert qt_warnings(qtlog.records) == ["a probe warning"]


def test_a_qt_warning_fails_a_test_marked_like_the_fuzz(tmp_path):
    """The marker the fuzz relies on really fails a test that makes Qt warn (run in a pytest
    of its own: here it would fail this test)."""
    probe = tmp_path / "test_probe.py"
    probe.write_text(textwrap.dedent("""
        import pytest
        from PySide6.QtCore import qWarning

        @pytest.mark.qt_log_level_fail("WARNING")
        def test_warns(qtbot):
            qWarning("a probe warning")
    """))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(probe)],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 failed" in result.stdout and "a probe warning" in result.stdout
