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
    """Hands the newest offered snapshot to ``draw`` at most every ``interval`` seconds."""

    def __init__(self, widget, draw, max_fps: float):
        super().__init__(widget)
        self.widget, self.draw = widget, draw
        self.interval = 1.0 / max_fps
        self.pending = None
        self.last_draw = -math.inf
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.flush)

    def offer(self, snapshot, interval: float | None = None) -> None:
        """Draw ``snapshot`` now if allowed, else keep it (replacing any older one) for later."""
        self.pending = snapshot
        if not self.widget.isVisible() or self.widget.visibleRegion().isEmpty():
            self._timer.stop()
            return  # flush() when the widget comes into view
        wait = (self.interval if interval is None else interval) - (time.monotonic() - self.last_draw)
        if wait <= 0:
            self.flush()
        elif not self._timer.isActive():
            self._timer.start(math.ceil(1000 * wait))

    def flush(self) -> None:
        """Draw the waiting snapshot now, if there is one."""
        self._timer.stop()
        snapshot, self.pending = self.pending, None
        if snapshot is not None:
            self.last_draw = time.monotonic()
            self.draw(snapshot)

    def drop(self) -> None:
        self._timer.stop()
        self.pending = None
