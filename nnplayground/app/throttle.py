"""Rate limiting for views: draw the newest snapshot, but not too often and not while hidden.

Every millisecond the GUI thread spends drawing is a millisecond the trainer waits for the
GIL, so views that change little between frames (curves over the whole run, thumbnails)
draw a few times a second, and views nobody can see (a closed panel, a dock tab at the
back) draw nothing until they come into view.
"""
from __future__ import annotations

import math
import time

from PySide6.QtCore import QObject, QTimer


class Throttle(QObject):
    """Hands the newest offered snapshot to ``draw`` at most every ``interval`` seconds.

    Snapshots arrive up to 30 times a second for every view, so an offer while a drawing is
    already scheduled only swaps the waiting snapshot: asking Qt whether the widget can be seen
    (its visible region) cost more than 0.1 ms each time and is done only when it is time to draw.
    """

    def __init__(self, widget, draw, max_fps: float):
        super().__init__(widget)
        self.widget, self.draw = widget, draw
        self.interval = 1.0 / max_fps
        self.pending = None
        self._last_turn = -math.inf  # when a snapshot was last drawn, or found its widget hidden
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._draw_if_seen)

    def offer(self, snapshot, interval: float | None = None) -> None:
        """Draw ``snapshot`` now if allowed, else keep it (replacing any older one) for later."""
        self.pending = snapshot
        if self._timer.isActive() and interval is None:
            return  # the timer draws the newest snapshot; an explicit ``interval`` may come sooner
        wait = (self.interval if interval is None else interval) - (time.monotonic() - self._last_turn)
        if wait <= 0:
            self._draw_if_seen()
        else:
            self._timer.start(math.ceil(1000 * wait))

    def _draw_if_seen(self) -> None:
        if self.widget.isVisible() and not self.widget.visibleRegion().isEmpty():
            self.flush()
        else:  # keep the snapshot: its owner calls flush() when the widget comes into view
            self._last_turn = time.monotonic()

    def flush(self) -> None:
        """Draw the waiting snapshot now, if there is one."""
        self._timer.stop()
        snapshot, self.pending = self.pending, None
        if snapshot is not None:
            self._last_turn = time.monotonic()
            self.draw(snapshot)

    def drop(self) -> None:
        """Forget the waiting snapshot."""
        self._timer.stop()
        self.pending = None
