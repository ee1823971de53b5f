"""How the command line stops on a signal: ``StopSignals`` notes or raises SIGINT, SIGTERM and SIGHUP."""
from __future__ import annotations

import contextlib
import signal


class Interrupted(KeyboardInterrupt):
    """A stop signal (see ``StopSignals``) that ends ``run`` at once; the exit code is 128 + signal."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """130 for Ctrl-C (SIGINT), 143 for SIGTERM, 129 for SIGHUP."""
        return 128 + self.signum


class StopSignals:
    """How ``run`` answers SIGINT (Ctrl-C), SIGTERM (a job scheduler, `timeout`) and SIGHUP (a closed terminal).

    While it starts, trains or writes its files (inside ``deferred``) a signal is only noted in
    ``signum``: start-up raises it between its steps (``raise_noted``), training stops after the
    iteration under way, which is logged, so metrics.csv ends at the iteration summary.json
    reports, and no file is left half written. Anywhere else (the final evaluation) it raises
    ``Interrupted`` at once: every row is on disk already. Once one has been raised, later
    signals are only noted, so handling it cannot be interrupted in turn.

    Why start-up only notes: Python runs a handler at whatever bytecode the main thread is at,
    and an exception raised while that is a finalizer or an import-machinery callback is
    printed as "Exception ignored" and dropped, after which the run trained on as if no signal
    had come (seen as a run that ignored Ctrl-C). A raised signal is noted as well, so a
    dropped one still stops training at the next iteration.
    """

    NAMES = ("SIGINT", "SIGTERM", "SIGHUP")  # no SIGHUP on Windows

    def __init__(self):
        self.signum: int | None = None
        self._deferring = self._raised = False

    def _handle(self, signum, _frame) -> None:
        if self.signum is None:
            self.signum = signum
        if self._deferring or self._raised:
            return
        self._raised = True
        raise Interrupted(signum)

    def raise_noted(self) -> None:
        """Raise ``Interrupted`` for a signal noted inside ``deferred``, if there was one."""
        if self.signum is not None and not self._raised:
            self._raised = True
            raise Interrupted(self.signum)

    @contextlib.contextmanager
    def installed(self):
        """Handle the stop signals inside the block; the old handlers come back after."""
        signums = [getattr(signal, name) for name in self.NAMES if hasattr(signal, name)]
        previous = {signum: signal.signal(signum, self._handle) for signum in signums}
        try:
            yield self
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    @contextlib.contextmanager
    def deferred(self):
        """Inside the block, a signal is noted rather than raised."""
        self._deferring = True
        try:
            yield
        finally:
            self._deferring = False
