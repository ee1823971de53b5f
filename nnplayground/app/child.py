"""An ``nnplayground`` command (``run``, ``sweep``) run as a child process of the window.

The window hands long headless work to the command line rather than to a thread of its own:
the child shares no GIL with the window, and its Ctrl-C handling (stop_signals.StopSignals) is
what stops it cleanly. QProcess reports the end as an event, so the GUI thread never waits,
except in ``stop_and_wait`` when the application exits and no process may outlive it.

Cancelling sends SIGTERM now and every CANCEL_WAIT_MS while the child runs, then kills it
after CANCEL_SIGNALS: repeated because two signals close together may arrive as one, and the
real-rank launcher only kills its ranks at the second (distributed/launch.py).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

CANCEL_SIGNALS, CANCEL_WAIT_MS = 10, 300


def command(arguments) -> tuple[str, list[str]]:
    """The program and arguments that run ``nnplayground <arguments>`` with this Python."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the executable is nnplayground itself
        return sys.executable, [*map(str, arguments)]
    return sys.executable, ["-m", "nnplayground", *map(str, arguments)]


def last_line(text: str) -> str:
    """The last non-empty line of a process's error output (its one-line message)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


@dataclass(frozen=True)
class Outcome:
    """How a child ended: ``ok`` (exit 0), ``cancelled`` (by ``cancel``) or failed, with the
    one line that says why (its last line on stderr, or why it could not start)."""

    ok: bool
    cancelled: bool
    code: int
    message: str


class CliProcess(QObject):
    """Runs one command at a time; ``finished(Outcome)`` when it has ended, however it ended."""

    finished = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.process: QProcess | None = None
        self._cancelled = False
        self._signals_sent = 0
        self._stopper = QTimer(self, interval=CANCEL_WAIT_MS)
        self._stopper.timeout.connect(self._signal_again)

    @property
    def running(self) -> bool:
        """Whether a command is under way."""
        return self.process is not None and self.process.state() != QProcess.ProcessState.NotRunning

    def start(self, arguments) -> None:
        """Run ``nnplayground <arguments>`` in the background (nothing if one is running)."""
        if self.running:
            return
        self._cancelled = False
        if self.process is not None:
            self.process.deleteLater()
        self.process = process = QProcess(self)
        process.setStandardOutputFile(QProcess.nullDevice())  # progress lines: nobody reads them
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._error)
        process.start(*command(arguments))

    def cancel(self) -> None:
        """Stop the command under way without waiting (see the module docstring)."""
        if not self.running or self._cancelled:
            return
        self._cancelled, self._signals_sent = True, 0
        self._signal_again()
        self._stopper.start()

    def stop_and_wait(self) -> None:
        """Stop the command under way and wait until it has ended (the application is exiting)."""
        self._stopper.stop()
        if not self.running:
            return
        self._cancelled = True
        for _ in range(CANCEL_SIGNALS):
            self.process.terminate()
            if self.process.waitForFinished(CANCEL_WAIT_MS):
                return
        self.process.kill()
        self.process.waitForFinished(-1)

    def _signal_again(self) -> None:
        if not self.running:
            self._stopper.stop()
        elif self._signals_sent < CANCEL_SIGNALS:
            self._signals_sent += 1
            self.process.terminate()
        else:
            self._stopper.stop()
            self.process.kill()

    def _error(self, error) -> None:
        if error == QProcess.ProcessError.FailedToStart:  # no finished signal follows
            message = self.tr("could not start {0}: {1}").format(self.process.program(), self.process.errorString())
            self.finished.emit(Outcome(False, False, -1, message))

    def _finished(self, code: int, status) -> None:
        self._stopper.stop()
        ok = status == QProcess.ExitStatus.NormalExit and code == 0
        stderr = bytes(self.process.readAllStandardError().data()).decode(errors="replace")
        message = "" if ok else last_line(stderr) or self.tr("the command ended with exit code {0}").format(code)
        self.finished.emit(Outcome(ok, self._cancelled, code, message))
