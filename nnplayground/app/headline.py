"""The headline numbers above the output view: training loss, test loss and accuracy (or R²),
each with its best so far, then epoch and iteration, in large type as TF Playground shows them.

The numbers come from the snapshot (its latest evaluation and ``best``) and are formatted
here once, for the headline and for the status bar's line when the output view is hidden.
"""
from __future__ import annotations

import math
from collections import deque

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QWidget

from ..core.metrics import task_metric
from ..core.trainer import epochs_done
from .language import Retranslating
from .throttle import Throttle

HEADLINE_HZ = 10  # as the status bar: the numbers change faster than anyone reads them
VALUE_SCALE = 1.5  # the values' type size over the window's
PACE_SECONDS = 5.0  # the time left follows the pace of the last few seconds
MIN_PACE_SECONDS = 0.5  # less than this tells nothing yet
MIN_FIT = 0.6  # a number too long for its room shrinks to no less than this of its size
CAPTION_STYLE = "color: palette(mid);"
STOPPED_STYLE = "color: #2ca02c; font-weight: bold;"


def number(x: float | None) -> str:
    """Four significant digits ("14,990" rather than "1.499e+04" below a million), or a dash
    before there is a number."""
    if x is None or not math.isfinite(x):
        return "–"
    if 1e4 <= abs(x) < 1e6:
        return f"{float(f'{x:.4g}'):,.0f}"
    return f"{x:.4g}"


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
    name = task_metric(s.experiment.network.task)
    captions = captions_now()
    shown = (
        (captions[0], number, "train_loss"),
        (captions[1], number, "test_loss"),
        (QCoreApplication.translate("Headline", "Test R²") if name == "r2" else captions[2],
         lambda x: metric(name, x), "test_metric"),
    )
    best_text = QCoreApplication.translate("Headline", "best {0}")
    return [(caption, form(getattr(ev, field, None)), best_text.format(form(getattr(best, field, None))))
            for caption, form, field in shown]


def captions_now() -> tuple[str, str, str, str]:
    """The four columns' captions before a snapshot says more (R² for regression, a stopped run's word)."""
    return (QCoreApplication.translate("Headline", "Training loss"), QCoreApplication.translate("Headline", "Test loss"),
            QCoreApplication.translate("Headline", "Test accuracy"), QCoreApplication.translate("Headline", "Epoch"))


def stops() -> dict[str, tuple[str, str]]:
    """Status -> (the headline's word, the status bar's sentence) for a run that stopped by itself."""
    translate = QCoreApplication.translate
    return {
        "completed": (translate("Headline", "Finished"), translate("Headline", "Finished: {0} epochs, {1} iterations")),
        "target_reached": (translate("Headline", "Target reached"),
                           translate("Headline", "Target loss reached: {0} epochs, {1} iterations")),
        "early_stopped": (translate("Headline", "Stopped early"),
                          translate("Headline", "Stopped early, the test loss no longer improved: {0} epochs, "
                                    "{1} iterations")),
    }


def stopped_word(s) -> str:
    """One or two words for why a run stopped by itself ("Finished"); empty while it can go on."""
    return stops().get(s.status, ("", ""))[0]


def stopped_text(s) -> str:
    """Why a run stopped by itself, with how far it went; empty while it can train on."""
    return stops().get(s.status, ("", ""))[1].format(count(epochs_done(s.epoch, s.batch, s.batches_per_epoch)), count(s.iteration))


def status_line(s) -> str:
    """The headline on one line, for the status bar when the headline cannot be seen."""
    parts = [f"{caption} {value} ({best})" for caption, value, best in figures(s)]
    parts.append(QCoreApplication.translate("Headline", "epoch {0}, iteration {1}").format(count(s.epoch),
                                                                                          count(s.iteration)))
    return " - ".join(parts)


class TimeLeft:
    """The time a finite EPOCHS budget still needs, from the pace of the last PACE_SECONDS:
    shown from the first second of training, gone while training is paused."""

    def __init__(self):
        self.samples: deque[tuple[float, int]] = deque()  # (clock, iteration)

    def estimate(self, iteration: int, total: int, now: float) -> float | None:
        """Seconds until iteration ``total`` at the recent pace; None while it cannot be told,
        and once the budget is spent ("about 0 s left" beside a finished run says nothing)."""
        if iteration >= total:
            return None
        if self.samples and iteration < self.samples[-1][1]:
            self.samples.clear()  # reset or a new run: the old pace means nothing
        self.samples.append((now, iteration))
        while len(self.samples) > 1 and now - self.samples[1][0] >= PACE_SECONDS:
            self.samples.popleft()
        started, first = self.samples[0]
        if now - started < MIN_PACE_SECONDS or iteration <= first:
            return None
        return (total - iteration) * (now - started) / (iteration - first)


class RoomyLabel(QLabel):
    """A label as wide as ``template`` whatever it shows: numbers grow as they change ("0.5" ->
    "0.05286"), so room for the usual ones is kept from the start, and a longer one ("1.499e+04")
    is set in smaller type to fit rather than widen the window or lose its end."""

    def __init__(self, template: str, text: str, parent: QWidget):
        super().__init__(text, parent)
        self.template = template
        self.full_size = self.font().pointSizeF()

    def setFont(self, font) -> None:
        """The type size the label uses when its text fits."""
        super().setFont(font)
        self.full_size = font.pointSizeF()

    def setText(self, text: str) -> None:
        """Show ``text``, in smaller type if it is longer than the room kept for it."""
        font = self.full_font()
        room = self.room(font)
        width = QFontMetrics(font).horizontalAdvance(text)
        if width > room:
            # A little under the exact ratio: hinted glyphs do not shrink quite in proportion.
            font.setPointSizeF(max(0.97 * self.full_size * room / width, self.full_size * MIN_FIT))
        super().setFont(font)
        super().setText(text)

    def full_font(self):
        """The label's font at its full type size."""
        font = self.font()
        font.setPointSizeF(self.full_size)
        return font

    def room(self, font=None) -> int:
        """The template's width in ``font`` (the full-size font by default)."""
        return QFontMetrics(font or self.full_font()).horizontalAdvance(self.template)

    def sizeHint(self) -> QSize:
        """The template's size at full type size (a shrunk number keeps the row's height)."""
        return QSize(self.room(), QFontMetrics(self.full_font()).height())

    def minimumSizeHint(self) -> QSize:
        """As ``sizeHint``: the layout keeps the template's room, no more."""
        return self.sizeHint()


class Headline(Retranslating, QWidget):
    """Large, live numbers of the run on show, in one row; redraws at most HEADLINE_HZ times a
    second. ``seen_changed`` fires when it comes into view or goes out of it (hidden from the
    View menu), so the window can move the numbers to the status bar and back."""

    seen_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("headline")
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 0, 6, 2)
        row.setSpacing(12)
        big = self.font()
        big.setPointSizeF(big.pointSizeF() * VALUE_SCALE)
        big.setBold(True)
        self.captions, self.values, self.bests = [], [], []
        for template in ("0.00000", "0.00000", "0.00000", "000"):  # four significant digits; the bests' in retranslate
            # One group a number: its caption above, the value in large type, its best beside it.
            group = QGridLayout()
            group.setVerticalSpacing(0)
            cells = (QLabel(self), RoomyLabel(template, "–", self), RoomyLabel("", "", self))
            cells[0].setStyleSheet(CAPTION_STYLE)
            cells[1].setFont(big)
            cells[2].setStyleSheet(CAPTION_STYLE)
            group.addWidget(cells[0], 0, 0, 1, 2)
            group.addWidget(cells[1], 1, 0)
            group.addWidget(cells[2], 1, 1)
            cells[2].setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
            group.setColumnStretch(1, 1)
            for label, labels in zip(cells, (self.captions, self.values, self.bests)):
                labels.append(label)
            row.addLayout(group, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.throttle = Throttle(self, self.draw, HEADLINE_HZ)
        self.snapshot = None
        self._seen = False
        self.retranslate()

    def retranslate(self) -> None:
        """Captions, and the room kept for the bests, in the interface's language; the numbers
        of the snapshot on show again."""
        rooms = [self.tr("best {0}").format("0.00000")] * 3 + [self.tr("iteration {0}").format("00,000")]
        for label, room in zip(self.bests, rooms):
            label.template = room
            label.updateGeometry()
        if self.snapshot is None:
            for label, caption in zip(self.captions, captions_now()):
                label.setText(caption)
        else:
            self.draw(self.snapshot)
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
        # A run that stopped by itself says so in the epoch column's caption, which keeps the
        # headline's height (a 1024x640 window has no row to spare); the sentence is the tooltip.
        word = stopped_word(s)
        self.captions[3].setText(word or captions_now()[3])
        self.captions[3].setStyleSheet(STOPPED_STYLE if word else CAPTION_STYLE)
        self.values[3].setText(count(s.epoch))
        self.bests[3].setText(self.tr("iteration {0}").format(count(s.iteration)))
        self.setToolTip(stopped_text(s))

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
