"""The activation lab's plots (a function with its slope, probability bars, one hidden layer's
pre-activations over its activation curve) and its logit slider (see activation_lab.py).

Every value drawn comes from the activation registry (core/activations.py), so what the lab
shows is exactly what the network computes. Items are made once and only get new data.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSlider, QVBoxLayout, QWidget

from ....core.activations import ACTIVATIONS, DEFAULT_LEAKY_ALPHA, SATURATION_FRACTION
from ... import style
from ...plots.curves import EMPTY, TEXT_COLOR, style_axes
from ...language import Retranslating
from ...widgets import blocked
from ..common import LabPlot, zone_region

X_RANGE = (-6.0, 6.0)  # the Functions tab's x axis
SAMPLES = 1201  # points per curve over X_RANGE: a step of 0.01
F_COLOR = style.POSITIVE
DF_COLOR = style.NEGATIVE
RANGE_PEN = pg.mkPen("#555555", width=1, style=Qt.PenStyle.DashLine)
HIST_BRUSH = (120, 178, 222, 200)  # a pale POSITIVE; the curve is drawn on top
HIST_PEN = (8, 119, 189, 180)
LAYER_PLOT_HEIGHT = 290
AXIS_WIDTH = 44  # fixed, so the plots of a column line up whatever their tick labels
CURVE_COLOR = "#222222"
LOGIT_STEPS = 10  # slider positions per unit of z
LOGIT_LIMIT = 5.0


def number(value: float) -> str:
    """A range bound for text: ±∞ as a symbol, a minus sign rather than a hyphen."""
    if np.isinf(value):
        return "∞" if value > 0 else "−∞"
    return f"{value:g}".replace("-", "−")


def values(name: str, x, alpha: float = DEFAULT_LEAKY_ALPHA) -> tuple[np.ndarray, np.ndarray]:
    """f(x) and f'(x) from the registry (as 1-D arrays: its functions need array buffers)."""
    act = ACTIVATIONS[name]
    x = np.atleast_1d(np.asarray(x, dtype=float))
    return act(x, alpha), act.grad(x, alpha)


def sigmoid(z) -> np.ndarray:
    """The registry's sigmoid of ``z``."""
    return values("sigmoid", z)[0]


def saturation_threshold(name: str) -> float:
    """The slope below which the trainer counts a unit saturated or dead."""
    return SATURATION_FRACTION * ACTIVATIONS[name].peak_derivative


def saturation_zones(name: str, alpha: float, lo: float, hi: float, samples: int = 2401) -> list[tuple[float, float]]:
    """The intervals of [lo, hi] where f'(x) is below ``saturation_threshold``; each edge is
    found by bisection on the registry's derivative, so it is exact to rounding."""
    act, threshold = ACTIVATIONS[name], saturation_threshold(name)

    def low(x: float) -> bool:
        return bool(act.grad(np.array([x]), alpha)[0] < threshold)

    x = np.linspace(lo, hi, samples)
    flat = act.grad(x, alpha) < threshold
    zones, start = [], lo if flat[0] else None
    for i in np.flatnonzero(flat[1:] != flat[:-1]):
        a, b = float(x[i]), float(x[i + 1])
        left = low(a)
        for _ in range(60):
            m = 0.5 * (a + b)
            if low(m) == left:
                a = m
            else:
                b = m
        edge = 0.5 * (a + b)
        if flat[i]:
            zones.append((start, edge))
            start = None
        else:
            start = edge
    if start is not None:
        zones.append((start, hi))
    return zones


class ZonedPlot(LabPlot):
    """A LabPlot that can shade saturation zones (the gradient lab's faint red wash)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.item.hideButtons()
        self.item.getViewBox().setMouseEnabled(x=False, y=False)
        self.zones: list[pg.LinearRegionItem] = []
        self.zone_box = self.item.getViewBox()  # where the zones go

    def set_zones(self, zones) -> None:
        """Shade these (low, high) intervals of x, replacing the zones shown."""
        for zone in self.zones:
            self.zone_box.removeItem(zone)
        self.zones = []
        for a, b in zones:
            zone = zone_region(a, b)
            zone.setZValue(-5)
            self.zone_box.addItem(zone)
            self.zones.append(zone)

    def zone_edges(self) -> list[tuple[float, float]]:
        """The (low, high) of every shaded zone."""
        return [tuple(float(v) for v in zone.getRegion()) for zone in self.zones]


class FunctionPlot(ZonedPlot):
    """f(x) and f'(x) over X_RANGE, the output range as dashed lines with a note, the
    saturation zones shaded, and a cursor that follows the mouse (``hovered`` sends its x)."""

    hovered = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumSize(360, 260)
        self.item.setXRange(*X_RANGE, padding=0.01)
        self.range_lines = [pg.InfiniteLine(angle=0, pen=RANGE_PEN, movable=False) for _ in range(2)]
        for line in self.range_lines:
            line.setZValue(-2)
            self.item.addItem(line)
        self.range_text = pg.TextItem(color=TEXT_COLOR, anchor=(0, 0))
        self.range_text.setZValue(20)
        self.item.addItem(self.range_text, ignoreBounds=True)
        self.cursor = pg.InfiniteLine(angle=90, pen=pg.mkPen("#999999", width=1), movable=False)
        self.cursor.setZValue(-1)
        self.cursor.hide()
        self.item.addItem(self.cursor, ignoreBounds=True)
        self.dots = pg.ScatterPlotItem(size=8, pen=pg.mkPen("w", width=1.5))
        self.dots.setZValue(30)
        self.item.addItem(self.dots, ignoreBounds=True)
        self.scene().sigMouseMoved.connect(self._mouse_moved)

    def show_function(self, x, f, df, bounds: tuple[float, float], range_text: str, zones) -> None:
        """f and f' over ``x``, the range ``bounds`` as dashed lines with ``range_text``, ``zones`` shaded."""
        self.curves[0].setData(x, f)
        self.curves[1].setData(x, df)
        finite_bounds = [b for b in bounds if np.isfinite(b)]
        for line, bound in zip(self.range_lines, finite_bounds + [None, None]):
            line.setVisible(bound is not None)
            if bound is not None:
                line.setValue(bound)
        self.set_zones(zones)
        low = min(float(f.min()), float(df.min()), *finite_bounds)
        high = max(float(f.max()), float(df.max()), *finite_bounds)
        span = high - low
        top = high + 0.13 * span  # room for the range note above the curves
        self.item.setYRange(low - 0.06 * span, top, padding=0)
        self.range_text.setText(range_text)
        self.range_text.setPos(X_RANGE[0] + 0.15, top)
        self.dots.clear()
        self.cursor.hide()

    def show_cursor(self, x: float, fx: float, dfx: float) -> None:
        """The cursor line at ``x`` with dots at (x, f(x)) and (x, f'(x))."""
        self.cursor.setValue(x)
        self.cursor.show()
        self.dots.setData([x, x], [fx, dfx], brush=[pg.mkBrush(F_COLOR), pg.mkBrush(DF_COLOR)])

    def _mouse_moved(self, pos) -> None:
        vb = self.item.getViewBox()
        if vb.sceneBoundingRect().contains(pos):
            x = vb.mapSceneToView(pos).x()
            self.hovered.emit(float(np.clip(x, *X_RANGE)))


class BarPlot(LabPlot):
    """One bar per class (class colours), its value written above it, y fixed to 0..1."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.item.hideButtons()
        self.item.getViewBox().setMouseEnabled(x=False, y=False)
        self.item.setYRange(0.0, 1.12, padding=0)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.6, pen=pg.mkPen(None))
        self.item.addItem(self.bars)
        self.texts: list[pg.TextItem] = []
        self.count = 0

    def set_values(self, heights) -> None:
        """One bar per value (class 1 first), each value written above its bar."""
        heights = np.asarray(heights, dtype=float)
        k = len(heights)
        x = np.arange(1, k + 1, dtype=float)
        if k != self.count:
            self.count = k
            self.item.getAxis("bottom").setTicks([[(i, str(i)) for i in range(1, k + 1)], []])
            self.item.setXRange(0.4, k + 0.6, padding=0)
            while len(self.texts) < k:
                text = pg.TextItem(color=TEXT_COLOR, anchor=(0.5, 1))
                self.item.addItem(text, ignoreBounds=True)
                self.texts.append(text)
            for i, text in enumerate(self.texts):
                text.setVisible(i < k)
        brushes = [pg.mkBrush(style.CLASS_COLORS[i % len(style.CLASS_COLORS)]) for i in range(k)]
        self.bars.setOpts(x=x, height=heights, width=0.6, brushes=brushes)
        for i, (text, h) in enumerate(zip(self.texts, heights)):
            text.setText(f"{h:.2f}")
            text.setPos(i + 1, h + 0.01)

    @property
    def heights(self) -> np.ndarray:
        """The bars' heights on show."""
        return np.asarray(self.bars.opts["height"], dtype=float)


class LayerPlot(ZonedPlot):
    """One hidden layer: its pre-activation histogram (right axis: share of all z) behind its
    activation curve f(z) (left axis), over the histogram's bins, saturation zones shaded."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumWidth(300)
        self.setFixedHeight(LAYER_PLOT_HEIGHT)  # a few layers: wide plots rather than tall, steep ones
        item = self.item
        self.hist_box = pg.ViewBox(enableMouse=False)
        self.hist_box.setMouseEnabled(x=False, y=False)
        self.hist_box.setZValue(-10)  # under the plot item, whose curve and zones go on top
        item.scene().addItem(self.hist_box)
        item.showAxis("right")
        right = item.getAxis("right")
        right.linkToView(self.hist_box)
        style_axes(item, ("right",))
        right.setWidth(AXIS_WIDTH)
        item.getAxis("left").setWidth(AXIS_WIDTH)
        self.hist_box.setXLink(item)
        item.getViewBox().sigResized.connect(self._fit_box)
        self.histogram = pg.PlotDataItem(stepMode="center", fillLevel=0, brush=pg.mkBrush(*HIST_BRUSH),
                                         pen=pg.mkPen(HIST_PEN, width=1))
        self.hist_box.addItem(self.histogram)
        self.zone_box = self.hist_box  # the red wash under the histogram, not over it
        self.curve = pg.PlotDataItem(pen=pg.mkPen(CURVE_COLOR, width=2))
        self.curve.setZValue(10)
        item.addItem(self.curve)
        self.key = None  # (activation, alpha, edges) the curve and zones were drawn for
        self.counts = None  # the histogram on show (counts per bin)

    def _fit_box(self) -> None:
        self.hist_box.setGeometry(self.item.getViewBox().sceneBoundingRect())
        self.hist_box.linkedViewChanged(self.item.getViewBox(), self.hist_box.XAxis)

    def set_activation(self, name: str, alpha: float, edges: np.ndarray) -> None:
        """Draw activation ``name`` (with slope ``alpha``) over the histogram's bins and shade its zones."""
        key = (name, alpha, float(edges[0]), float(edges[-1]))
        if key == self.key:
            return
        self.key = key
        z = np.linspace(edges[0], edges[-1], 401)
        f, _ = values(name, z, alpha)
        self.curve.setData(z, f)
        self.set_zones(saturation_zones(name, alpha, float(edges[0]), float(edges[-1])))
        low, high = float(f.min()), float(f.max())
        pad = 0.06 * (high - low)
        self.item.setYRange(low - pad, high + pad, padding=0)
        self.item.setXRange(float(edges[0]), float(edges[-1]), padding=0)

    def show_histogram(self, counts: np.ndarray, edges: np.ndarray) -> None:
        """The layer's counts per bin, drawn as shares of all its z."""
        self.counts = counts
        total = counts.sum()
        share = counts / total if total else np.zeros(len(counts))
        self.histogram.setData(np.asarray(edges, dtype=float), share)
        self.hist_box.setYRange(0.0, max(float(share.max()), 0.01) * 1.1, padding=0)

    @property
    def shares(self) -> np.ndarray:
        """The share of z per bin on show."""
        return EMPTY if self.histogram.yData is None else np.asarray(self.histogram.yData)


class LogitSlider(Retranslating, QWidget):
    """A vertical slider for one class's logit, its class above and its value below."""

    def __init__(self, index: int, parent=None):
        super().__init__(parent)
        self.index = index
        color = style.CLASS_COLORS[index % len(style.CLASS_COLORS)]
        self.name = QLabel(f'<span style="color:{color}">■</span> {index + 1}', self)
        self.slider = QSlider(Qt.Orientation.Vertical, self)
        self.slider.setRange(int(-LOGIT_LIMIT * LOGIT_STEPS), int(LOGIT_LIMIT * LOGIT_STEPS))
        self.slider.setMinimumHeight(110)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBothSides)
        self.slider.setTickInterval(LOGIT_STEPS)  # a tick per unit of z
        self.value_label = QLabel(self)
        self.value_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("−5.0 "))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        for widget in (self.name, self.slider, self.value_label):
            column.addWidget(widget, 0 if widget is not self.slider else 1, Qt.AlignmentFlag.AlignHCenter)
        self.slider.valueChanged.connect(self._write_value)
        self._write_value()
        self.retranslate()

    def retranslate(self) -> None:
        """The slider's tooltip in the current language."""
        self.slider.setToolTip(self.tr("The logit z of class {0}, from −{1:g} to {1:g}: raising it takes "
                                       "probability from every other class").format(self.index + 1, LOGIT_LIMIT))

    def value(self) -> float:
        """The logit z at the handle (a tenth of a unit per slider step)."""
        return self.slider.value() / LOGIT_STEPS

    def set_value(self, z: float) -> None:
        """Move the handle to the step nearest ``z`` without emitting anything."""
        with blocked(self.slider):
            self.slider.setValue(int(round(z * LOGIT_STEPS)))
        self._write_value()

    def _write_value(self) -> None:
        self.value_label.setText(number(self.value()) if self.value() else "0")
