"""The headline numbers above the output view: training loss, test loss and accuracy (or R²),
each with its best so far, then epoch and iteration, in large type as TF Playground shows them.

The numbers come from the snapshot (its latest evaluation and ``best``) and are formatted
here once, for the headline and for the status bar's line when the output view is hidden.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from .throttle import Throttle

HEADLINE_HZ = 10  # as the status bar: the numbers change faster than anyone reads them
VALUE_SCALE = 1.5  # the values' type size over the window's


def _tr(text: str) -> str:
    return QCoreApplication.translate("Headline", text)


def number(x: float | None) -> str:
    """Four significant digits, or a dash before there is a number."""
    return "–" if x is None or not math.isfinite(x) else f"{x:.4g}"


def count(n: int) -> str:
    """A count with thousands separators: 1,000."""
    return f"{n:,}"


def metric(name: str, x: float | None) -> str:
    """Accuracy in percent, R² as a number; four significant digits."""
    if name == "accuracy" and x is not None and math.isfinite(x):
        return f"{100 * x:.4g}%"
    return number(x)


def figures(s) -> list[tuple[str, str, str]]:
    """(caption, value, best) of training loss, test loss and the test metric for snapshot ``s``."""
    ev, best = s.evaluation, s.best
    name = "r2" if s.experiment.network.task == "regression" else "accuracy"
    shown = (
        (_tr("Training loss"), number, "train_loss"),
        (_tr("Test loss"), number, "test_loss"),
        (_tr("Test R²") if name == "r2" else _tr("Test accuracy"), lambda x: metric(name, x), "test_metric"),
    )
    return [(caption, form(getattr(ev, field, None)), _tr("best {0}").format(form(getattr(best, field, None))))
            for caption, form, field in shown]


def completed_epochs(s) -> int:
    """Epochs whose every iteration trained, at snapshot ``s``."""
    return s.epoch if s.batch == s.batches_per_epoch else s.epoch - 1


def stopped_text(s) -> str:
    """Why a run stopped by itself, with how far it went; empty while it can train on."""
    text = {
        "completed": _tr("Finished: {0} epochs, {1} iterations"),
        "target_reached": _tr("Target loss reached: {0} epochs, {1} iterations"),
        "early_stopped": _tr("Stopped early, the test loss no longer improved: {0} epochs, {1} iterations"),
    }.get(s.status, "")
    return text.format(count(completed_epochs(s)), count(s.iteration))


def status_line(s) -> str:
    """The headline on one line, for the status bar when the headline cannot be seen."""
    parts = [f"{caption} {value} ({best})" for caption, value, best in figures(s)]
    parts.append(_tr("epoch {0}, iteration {1}").format(count(s.epoch), count(s.iteration)))
    return " - ".join(parts)


class Headline(QWidget):
    """Large, live numbers of the run on show; redraws at most HEADLINE_HZ times a second.
    ``seen_changed`` fires when it comes into view or goes out of it (its column collapsed
    or hidden), so the window can move the numbers to the status bar and back."""

    seen_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("headline")
        grid = QGridLayout(self)
        grid.setContentsMargins(2, 0, 2, 2)
        grid.setVerticalSpacing(0)
        big = self.font()
        big.setPointSizeF(big.pointSizeF() * VALUE_SCALE)
        big.setBold(True)
        captions = (_tr("Training loss"), _tr("Test loss"), _tr("Test accuracy"), _tr("Epoch"))
        self.captions, self.values, self.bests = [], [], []
        for column, caption in enumerate(captions):
            cells = (QLabel(caption, self), QLabel("–", self), QLabel("", self))
            cells[1].setFont(big)
            for row, (label, group) in enumerate(zip(cells, (self.captions, self.values, self.bests))):
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                grid.addWidget(label, row, column)
                group.append(label)
            cells[0].setStyleSheet("color: palette(mid);")
            cells[2].setStyleSheet("color: palette(mid);")
        self.stopped = QLabel(self)  # "Finished: 40 epochs, 1,000 iterations"
        self.stopped.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stopped.hide()
        grid.addWidget(self.stopped, 3, 0, 1, len(captions))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.throttle = Throttle(self, self.draw, HEADLINE_HZ)
        self.snapshot = None
        self._seen = False

    @property
    def seen(self) -> bool:
        """True while some of the headline is on screen."""
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def show_snapshot(self, snapshot) -> None:
        """Draw ``snapshot`` soon (rate-limited, and not while hidden)."""
        self.throttle.offer(snapshot)

    def flush(self) -> None:
        """Draw the newest offered snapshot now."""
        self.throttle.flush()

    def draw(self, s) -> None:
        """Show snapshot ``s``'s numbers."""
        self.snapshot = s
        for column, (caption, value, best) in enumerate(figures(s)):
            self.captions[column].setText(caption)
            self.values[column].setText(value)
            self.bests[column].setText(best)
        self.values[3].setText(count(s.epoch))
        self.bests[3].setText(_tr("iteration {0}").format(count(s.iteration)))
        text = stopped_text(s)
        self.stopped.setText(text)
        self.stopped.setVisible(bool(text))

    def _check_seen(self) -> None:
        if self.seen != self._seen:
            self._seen = self.seen
            if self._seen:
                self.flush()  # what arrived while out of view
            self.seen_changed.emit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._check_seen()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._check_seen()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._check_seen()
