"""Axes whose tick labels never pile up: plain iteration counts and readable log scales.

pyqtgraph labels a log axis spanning less than a decade at every minor tick (2, 3, ... 9), so
on a plot 150 px tall the labels are drawn on top of each other; and it writes large
iterations as "1.5e+06". ``PlotAxis`` chooses its labelled ticks from the pixels it has:
the densest set whose neighbouring labels are at least one text line apart.
"""
from __future__ import annotations

import itertools
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF

# Mantissas labelled within each decade, densest first (1..9 is the minor grid).
DECADE_MANTISSAS = ((1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 5), (1, 3), (1,))
DECADE_STRIDES = (1, 2, 3, 5, 10, 20, 50, 100)
LINEAR_STEPS = (1.0, 2.0, 5.0)
LABEL_GAP = 1.15  # free room between labels, in text heights (vertical) or widths (horizontal)


def plain_number(value: float, step: float = 1.0) -> str:
    """``value`` in plain words for an axis whose ticks are ``step`` apart: "20k", "1.5M", "0.05"."""
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 1e12 or magnitude < 1e-3:
        return f"{value:.0e}".replace("e+", "e").replace("e0", "e").replace("e-0", "e-")
    for size, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if magnitude >= 10 * size if suffix == "k" else magnitude >= size:
            return f"{_trim(value / size, step / size)}{suffix}"
    return _trim(value, step)


def _trim(value: float, step: float) -> str:
    """As many decimals as the tick step needs, no trailing zeros."""
    decimals = max(0, min(6, -math.floor(math.log10(step)) if step > 0 else 0))
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def log_ticks(low: float, high: float, pixels: float, min_gap: float) -> list[float]:
    """Values (not logs) to label on a log axis showing 10**low..10**high over ``pixels``,
    at least ``min_gap`` pixels apart: whole decades, 1-2-5 or 1..9 within them, or (when
    the axis spans well under a decade) evenly spaced plain values."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low or pixels <= 0:
        return []
    per_decade = pixels / (high - low)
    best: list[float] = []
    for stride in DECADE_STRIDES:
        if stride * per_decade < min_gap:
            continue
        first = math.ceil(low / stride) * stride
        best = [10.0 ** e for e in range(first, math.floor(high) + 1, stride)]
        if stride == 1:  # finer within each decade, while labels still fit
            for mantissas in DECADE_MANTISSAS:
                if min(np.diff(np.log10((*mantissas, 10)))) * per_decade >= min_gap:
                    best = [m * 10.0 ** e for e in range(math.floor(low), math.ceil(high))
                            for m in mantissas if low <= math.log10(m) + e <= high]
                    break
        break
    return best if len(best) >= 2 else _linear_log_ticks(low, high, per_decade, min_gap)


def _linear_log_ticks(low: float, high: float, per_decade: float, min_gap: float) -> list[float]:
    """Evenly spaced round values for a log axis spanning too little for decades: the finest
    step whose most crowded pair (at the top, where a log axis squeezes values) fits."""
    top, bottom = 10.0 ** high, 10.0 ** low
    exponent = math.floor(math.log10(top - bottom)) - 2
    for _ in range(6):
        for mantissa in LINEAR_STEPS:
            step = mantissa * 10.0 ** exponent
            values = np.arange(math.ceil(bottom / step), math.floor(top / step) + 1) * step
            if len(values) < 2 or values[-2] <= 0:
                continue
            if (math.log10(values[-1]) - math.log10(values[-2])) * per_decade >= min_gap:
                return [float(v) for v in values]
        exponent += 1
    return [top] if bottom < top else []


class PlotAxis(pg.AxisItem):
    """An axis labelling plain numbers ("20k", "1.5M") and, in log mode, only as many values
    as fit without overlapping; ``set_empty(True)`` hides its ticks (a plot with no data).

    ``integer`` axes (iterations) never tick between whole numbers."""

    def __init__(self, orientation: str, integer: bool = False, **kwargs):
        super().__init__(orientation, **kwargs)
        self.integer = integer
        self.empty = False
        self._gap: tuple[str, float] | None = None  # (font key, pixels) of _min_gap

    def set_empty(self, empty: bool) -> None:
        """No ticks and no labels while the plot shows nothing (a range with no data)."""
        if empty != self.empty:
            self.empty = empty
            self.picture = None  # pyqtgraph's cached drawing of the ticks
            self.update()

    def _min_gap(self) -> float:
        """Pixels between neighbouring labels' centres that keep them apart (for this font)."""
        font = self.style["tickFont"] or self.font()
        if self._gap is None or self._gap[0] != font.key():
            metrics = QFontMetricsF(font)
            vertical = self.orientation in ("left", "right")
            # pyqtgraph draws each label in 0.8 of its text height; widths are of a long label.
            extent = metrics.height() if vertical else metrics.horizontalAdvance("0.000")
            self._gap = (font.key(), LABEL_GAP * extent)
        return self._gap[1]

    def tickSpacing(self, minVal: float, maxVal: float, size: float):
        levels = super().tickSpacing(minVal, maxVal, size)
        if self.integer and levels:
            levels = [(max(1.0, spacing), offset) for spacing, offset in levels]
            levels = [level for i, level in enumerate(levels) if i == 0 or level[0] < levels[0][0]]
        return levels

    def tickValues(self, minVal: float, maxVal: float, size: float):
        if self.empty:
            return []
        if not self.logMode:
            return super().tickValues(minVal, maxVal, size)
        low, high = sorted((minVal, maxVal))
        major = [math.log10(v) for v in log_ticks(low, high, size, self._min_gap())]
        return [(None, major)]

    def tickStrings(self, values, scale, spacing):
        if self.logMode:
            real = [10.0 ** v for v in values]
            step = min((abs(b - a) for a, b in itertools.pairwise(real)), default=1.0)
            return [plain_number(v, min(step, _decade(v))) for v in real]
        return [plain_number(v * scale, spacing * scale if spacing else 1.0) for v in values]


def _decade(value: float) -> float:
    return 10.0 ** math.floor(math.log10(value)) if value > 0 else 1.0
