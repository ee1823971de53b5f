"""The propagation inspector's "Check with PyTorch": the sample on show computed again by torch
autograd (core/torch_check.py), its loss and gradient norms beside the app's, with a verdict.

torch is optional. Without it the button is disabled and its tooltip says how to install it.
With it, the first click imports torch on a plain Python thread (the import takes a second or
two; the window stays responsive) and a timer on the GUI thread waits for it: no Qt object is
touched off the GUI thread. The check itself, one sample through a small net, takes
milliseconds and runs on the GUI thread. Once shown, the check follows the inspector: a new
sample or new weights are checked again at once.
"""
from __future__ import annotations

import math
import threading
from concurrent.futures import Future

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ....core import torch_check
from ...language import Retranslating
from .propagation_views import fill_table, make_table

POLL_MS = 50  # how often the GUI thread looks whether torch has finished importing


def _import_in_background() -> Future:
    """A future that holds the torch module once a daemon thread has imported it (or the
    ImportError saying why it could not be)."""
    future: Future = Future()

    def load() -> None:
        try:
            future.set_result(torch_check.import_torch())
        except ImportError as error:
            future.set_exception(error)

    threading.Thread(target=load, name="import torch", daemon=True).start()
    return future


def relative(value: float) -> str:
    """A relative difference in one significant digit, as the verdict writes it: 3e-16."""
    return f"{value:.1g}"


class TorchCheckPanel(Retranslating, QWidget):
    """A button, a one-line verdict and a table: quantity, app, PyTorch, max |Δ|, max relative Δ."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.trace = None  # the core.reference.StepTrace on show in the inspector
        self.sample = 0  # its 1-based sample number, for the verdict
        self.check: torch_check.TorchCheck | None = None  # the last check shown
        self._import: Future | None = None
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._poll_import)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.run_check)
        self.installed = torch_check.available()
        self.button.setEnabled(self.installed)
        self.verdict = QLabel(self, wordWrap=True)
        self.table = make_table(self)
        self.table.setVisible(False)
        for widget in (self.button, self.verdict):
            column.addWidget(widget)
        column.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """The button, and the verdict and table of the check on show, in the current language."""
        self.button.setText(self.tr("Check with PyTorch"))
        if self.installed:
            self.button.setToolTip(self.tr("Compute this sample's loss and every gradient again with PyTorch "
                                           "autograd (float64) and compare them with the app's"))
        else:
            self.button.setToolTip(self.tr("Needs PyTorch, which is not installed. Install it with: {0}").format(
                torch_check.INSTALL_COMMAND))
        if self.busy:
            self._write_loading()
        elif self._import is not None and self._import.done() and self._import.exception() is not None:
            self._write_error()
        elif self.check is not None:
            self._write_check()

    def set_trace(self, trace, sample: int) -> None:
        """The inspector traced sample ``sample`` (1-based): a check on show is redone for it."""
        self.trace, self.sample = trace, sample
        if self.check is not None:
            self._compare()

    def run_check(self) -> None:
        """Check the sample on show; the first time, after importing torch in the background."""
        if self.trace is None:
            return
        if self._import is None or (self._import.done() and self._import.exception() is not None):
            self._import = _import_in_background()
        if self._import.done():
            self._imported()
            return
        self.button.setEnabled(False)
        self._write_loading()
        self._poll.start()

    def _write_loading(self) -> None:
        self.verdict.setText(self.tr("Loading PyTorch (a second or two the first time)…"))

    def _write_error(self) -> None:
        """Why torch cannot be used, in one line."""
        self.verdict.setText(self.tr("{0}. Install it with: {1}").format(self._import.exception(),
                                                                          torch_check.INSTALL_COMMAND))

    @property
    def busy(self) -> bool:
        """Whether torch is still being imported."""
        return self._poll.isActive()

    def _poll_import(self) -> None:
        if self._import.done():
            self._poll.stop()
            self.button.setEnabled(True)
            self._imported()

    def _imported(self) -> None:
        """torch's import has ended: compare, or say in one line why torch cannot be used."""
        if self._import.exception() is not None:
            self._write_error()
            return
        self._compare()

    def _compare(self) -> None:
        self.check = torch_check.check_trace(self.trace)
        self._write_check()

    def _write_check(self) -> None:
        """The verdict and the table of the check on show."""
        check = self.check
        rows = [[self.quantity(d.name), d.app_norm if d.name != "loss" else float(d.app),
                 d.torch_norm if d.name != "loss" else float(d.torch), d.max_abs, d.max_rel] for d in check.rows]
        largest = check.largest
        if not math.isfinite(check.max_rel):
            text = self.tr("Sample {0}: the numbers are not finite (the run has diverged), so they cannot be "
                           "compared; see {2}.")
        elif check.max_rel == 0:
            text = self.tr("Sample {0}: the app and PyTorch agree exactly.")
        elif check.agrees:
            text = self.tr("Sample {0}: the app and PyTorch agree to {1} (largest relative difference, in {2}).")
        else:
            text = self.tr("Sample {0}: the app and PyTorch DISAGREE: relative difference {1} in {2}.")
        self.verdict.setText(text.format(self.sample, relative(check.max_rel), self.quantity(largest.name)))
        fill_table(self.table, [self.tr("Quantity"), self.tr("app"), "PyTorch", self.tr("max |Δ|"),
                                self.tr("max relative Δ")], rows)
        self.table.setVisible(True)

    def quantity(self, name: str) -> str:
        """What a row of the table holds: "loss L", or the norm of a parameter's gradient, ‖∂L/∂W1‖."""
        return self.tr("loss L") if name == "loss" else f"‖∂L/∂{name}‖"
