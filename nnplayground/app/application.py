"""Starting the window: the QApplication, settings, and the ``--smoke-test`` self-check."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ..resources import resource_path
from .file_actions import default_experiment
from .main_window import MainWindow

SMOKE_ITERATIONS = 200
# How long a thread may hold the GIL while another waits (Python's default is 5 ms). The
# training thread rarely lets go of it on its own, so every GIL hand-over the GUI thread
# needs while painting would wait this long. 1 ms measured best here: shorter intervals
# cost more in hand-overs than they save in waiting (benchmarks/bench_gui.py).
GIL_SWITCH_SECONDS = 0.001
SMOKE_TIMEOUT_S = 60


def make_application(argv=None) -> QApplication:
    sys.setswitchinterval(GIL_SWITCH_SECONDS)
    app = QApplication.instance() or QApplication(list(argv or sys.argv[:1]))
    app.setOrganizationName("nnplayground")
    app.setApplicationName("nnplayground")
    app.setDesktopFileName("nnplayground")  # Wayland finds the window's icon through nnplayground.desktop
    app.setWindowIcon(QIcon(str(resource_path("icons", "nnplayground.svg"))))
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    return app


def run(argv=None, smoke_test: bool = False, screenshot: str | None = None) -> int:
    app = make_application(argv)
    if not smoke_test:
        window = MainWindow()
        window.show()
        window.autosave.offer_restore()  # what a crashed window left; never in the smoke test
        return app.exec()
    with tempfile.TemporaryDirectory() as folder:  # never touch the person's own settings
        settings = QSettings(str(Path(folder) / "smoke.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings, experiment=default_experiment())
        window.show()
        return SmokeTest(window, screenshot).run(app)


class SmokeTest:
    """Train the default experiment for SMOKE_ITERATIONS through the real worker thread, check
    that every view received data, optionally save a screenshot, close, and report."""

    def __init__(self, window: MainWindow, screenshot: str | None):
        self.window, self.screenshot = window, screenshot
        self.problems: list[str] = []
        self.poll = QTimer(interval=50)
        self.poll.timeout.connect(self._check)

    def run(self, app: QApplication) -> int:
        QTimer.singleShot(0, self.window.controls.play_action.trigger)
        QTimer.singleShot(SMOKE_TIMEOUT_S * 1000, self._time_out)
        self.poll.start()
        app.exec()
        for problem in self.problems:
            print(f"smoke test: {problem}", file=sys.stderr)
        if not self.problems:
            print(f"smoke test: ok ({self.window.snapshot.iteration} iterations)")
        return 1 if self.problems else 0

    def _check(self) -> None:
        snapshot = self.window.snapshot
        if snapshot is None or snapshot.iteration < SMOKE_ITERATIONS:
            if snapshot is not None and snapshot.status == "diverged":
                self._finish([f"training diverged: {snapshot.divergence}"])
            return
        self.window.controls.play_action.setChecked(False)
        self.window.flush_views()  # rate-limited and background views draw lazily
        empty = [type(view).__name__ for view in self.window.views if view.snapshot is None]
        self._finish([f"{name} received no data" for name in empty])

    def _time_out(self) -> None:
        self._finish([f"did not reach {SMOKE_ITERATIONS} iterations within {SMOKE_TIMEOUT_S} s"])

    def _finish(self, problems: list[str]) -> None:
        self.poll.stop()
        self.problems = problems
        if self.screenshot:
            if not self.window.grab().save(self.screenshot):
                self.problems.append(f"could not save the screenshot to {self.screenshot}")
        self.window.close()
        QApplication.instance().quit()
