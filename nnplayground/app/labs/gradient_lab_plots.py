"""The gradient lab's plots: small pyqtgraph views that draw one tab's snapshots.

Every plot keeps its items between draws and only replaces their data (``setData``), so a
redraw costs little of the GIL the trainer needs. A curve set is rebuilt only when the
runs it shows change (a remedy switched on or off). Non-finite numbers from a diverged
run become gaps (``finite``), never exceptions.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QSizePolicy

from .. import style
from ..plots.curves import EMPTY, LABEL_STYLE, TEXT_COLOR, finite, make_curve, make_legend, style_axes
from ..plots.gradients import _nice_step

TITLE_SIZE = "9pt"
ZONE_BRUSH = (214, 39, 40, 38)  # the saturation zone: a faint red wash
ZONE_PEN = (214, 39, 40, 110)
MARKER_COLOR = "#d62728"
# The saturation zone of each activation: where f'(z) is below about 7% of its peak
# (tanh'(2) / 1 = sigmoid'(4) / 0.25 = 0.07), or where ReLU passes nothing back at all.
SATURATION_ZONES = {
    "tanh": ((-np.inf, -2.0), (2.0, np.inf)),
    "sigmoid": ((-np.inf, -4.0), (4.0, np.inf)),
    "relu": ((-np.inf, 0.0),),
    "leaky_relu": ((-np.inf, 0.0),),
    "linear": (),
}


@dataclass(frozen=True)
class Series:
    """One curve: its legend text, colour and line style (``dashed`` = the "before" run)."""
    name: str
    color: str
    dashed: bool = False
    width: float = 2.0
    dense: bool = False  # a point per iteration: thinner, cheaper drawing


def layer_ticks(layers: int, output_name: str | None = None) -> list[tuple[float, str]]:
    """Integer ticks for a 1..layers axis, a few when deep; the last one may be named."""
    if layers <= 0:
        return []
    step = 1 if layers <= 12 else _nice_step(layers)
    ticks = [1, *(k for k in range(step, layers, step) if k > 1 and layers - k >= step / 2)]
    ticks.append(layers)
    return [(k, output_name if k == layers and output_name else str(k)) for k in ticks]


class LabPlot(pg.PlotWidget):
    """A white plot with a title, axis labels, a legend and a list of reusable curves."""

    def __init__(self, parent=None, log_y: bool = False, legend_columns: int = 1, legend_offset=(-6, 6)):
        super().__init__(parent, background="w")
        self.setMinimumSize(280, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.item: pg.PlotItem = self.getPlotItem()
        self.item.layout.setContentsMargins(4, 4, 10, 4)
        self.item.setMenuEnabled(False)
        style_axes(self.item)
        self.item.setLogMode(x=False, y=log_y)
        self.log_y = log_y
        self.legend = make_legend(self.item, offset=legend_offset, columns=legend_columns)
        self.series: tuple[Series, ...] = ()
        self.curves: list[pg.PlotDataItem] = []

    def set_title(self, text: str) -> None:
        self.item.setTitle(text, color=TEXT_COLOR, size=TITLE_SIZE)

    def set_labels(self, x: str, y: str) -> None:
        self.item.setLabel("bottom", x, **LABEL_STYLE)
        self.item.setLabel("left", y, **LABEL_STYLE)

    def set_series(self, series) -> list[pg.PlotDataItem]:
        """Show these curves (reusing the current ones when nothing changed)."""
        series = tuple(series)
        if series != self.series:
            for curve in self.curves:
                self.item.removeItem(curve)
                self.legend.removeItem(curve)
            self.curves = []
            for s in series:
                curve = make_curve(self.item, s.color, s.width, dense=s.dense)
                if s.dashed:
                    curve.setPen(pg.mkPen(s.color, width=s.width, style=Qt.PenStyle.DashLine))
                self.legend.addItem(curve, s.name)
                self.curves.append(curve)
            self.series = series
        return self.curves

    def set_curve(self, index: int, x, y) -> None:
        self.curves[index].setData(np.asarray(x, dtype=float), finite(y, positive=self.log_y))

    def clear_curves(self) -> None:
        for curve in self.curves:
            curve.setData(EMPTY, EMPTY)


class ProfilePlot(LabPlot):
    """||dL/dz|| of every layer (1 = nearest the input, the last = output) on a log axis,
    per run; optionally the line a linear orthogonal net is expected to follow."""

    def __init__(self, parent=None):
        super().__init__(parent, log_y=True)
        self.layers = 0
        self.expected = pg.PlotDataItem(pen=pg.mkPen("#d62728", width=1.5, style=Qt.PenStyle.DotLine))
        self.expected.setZValue(5)
        self._expected_name = ""
        self._expected_shown = False

    def set_expected_name(self, name: str) -> None:
        self._expected_name = name

    def set_layers(self, layers: int, output_name: str) -> None:
        if layers != self.layers:
            self.layers = layers
            self.item.getAxis("bottom").setTicks([layer_ticks(layers, output_name), []])
            self.item.setXRange(0.5, layers + 0.5, padding=0.02)

    def show_expected(self, y) -> None:
        """The expected line (None hides it)."""
        shown = y is not None
        if shown != self._expected_shown:
            if shown:
                self.item.addItem(self.expected)
                self.legend.addItem(self.expected, self._expected_name)
            else:
                self.legend.removeItem(self.expected)
                self.item.removeItem(self.expected)
            self._expected_shown = shown
        if shown:
            self.expected.setData(np.arange(1, len(y) + 1, dtype=float), finite(y, positive=True))

    def clear_curves(self) -> None:
        super().clear_curves()
        self.expected.setData(EMPTY, EMPTY)


class FractionPlot(LabPlot):
    """A fraction (0..1) per hidden layer, per run."""

    def __init__(self, parent=None, legend_columns: int = 2):
        super().__init__(parent, legend_columns=legend_columns)
        self.item.setYRange(-0.02, 1.02, padding=0)
        self.item.getViewBox().setMouseEnabled(x=True, y=False)
        self.layers = 0

    def set_layers(self, layers: int) -> None:
        if layers != self.layers:
            self.layers = layers
            self.item.getAxis("bottom").setTicks([layer_ticks(layers), []])
            self.item.setXRange(0.5, layers + 0.5, padding=0.02)


class SpikePlot(LabPlot):
    """A per-iteration series with markers on chosen iterations (batches holding outliers)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.markers = pg.ScatterPlotItem(size=7, symbol="o", pen=pg.mkPen("w", width=0.8),
                                          brush=pg.mkBrush(MARKER_COLOR))
        self.markers.setZValue(10)
        self.item.addItem(self.markers)
        self._marker_name = ""

    def set_marker_name(self, name: str) -> None:
        if name != self._marker_name:
            self.legend.removeItem(self.markers)
            self.legend.addItem(self.markers, name)
            self._marker_name = name

    def set_markers(self, x, y) -> None:
        x, y = np.asarray(x, dtype=float), finite(y)
        keep = np.isfinite(y)
        self.markers.setData(x[keep], y[keep])

    @property
    def marker_count(self) -> int:
        return len(self.markers.data)

    def clear_curves(self) -> None:
        super().clear_curves()
        self.markers.clear()


def white_to(color: str, n: int = 256) -> np.ndarray:
    """A lookup table from white to ``color``."""
    c = QColor(color)
    target = np.array([c.red(), c.green(), c.blue()], dtype=float)
    t = np.linspace(0.0, 1.0, n)[:, None]
    return np.clip(255.0 + t * (target - 255.0), 0, 255).astype(np.ubyte)


class HistogramMap(LabPlot):
    """Pre-activation histograms as an image: a row per hidden layer (layer 1 at the bottom),
    a column per bin of z, each row scaled to its own peak; the activation's saturation
    zone is shaded."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.legend.hide()
        self.item.getViewBox().setDefaultPadding(0.0)
        self.item.getViewBox().setMouseEnabled(x=False, y=False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setLookupTable(white_to(style.POSITIVE))
        self.item.addItem(self.image)
        self.zones: list[pg.LinearRegionItem] = []
        self.layers = 0
        self.density = None  # what the image shows, (layers, bins), each row's peak 1

    def set_activation(self, activation: str, edges) -> None:
        for zone in self.zones:
            self.item.removeItem(zone)
        self.zones = []
        lo, hi = float(edges[0]), float(edges[-1])
        for a, b in SATURATION_ZONES.get(activation, ()):
            zone = pg.LinearRegionItem((max(a, lo), min(b, hi)), brush=pg.mkBrush(*ZONE_BRUSH),
                                       pen=pg.mkPen(ZONE_PEN), movable=False)
            zone.setZValue(5)
            self.item.addItem(zone)
            self.zones.append(zone)

    def show_histograms(self, histograms: np.ndarray, edges: np.ndarray) -> None:
        layers = histograms.shape[0]
        if layers != self.layers:
            self.layers = layers
            self.item.getAxis("left").setTicks([layer_ticks(layers), []])
        if not layers:
            self.image.clear()
            return
        counts = histograms.astype(float)
        peaks = counts.max(axis=1, keepdims=True)
        density = np.divide(counts, peaks, out=np.zeros_like(counts), where=peaks > 0)
        self.density = density
        self.image.setImage(np.sqrt(density), levels=(0.0, 1.0))  # sqrt: the thin tails still show
        self.image.setRect(QRectF(float(edges[0]), 0.5, float(edges[-1] - edges[0]), float(layers)))
        self.item.setRange(xRange=(float(edges[0]), float(edges[-1])), yRange=(0.5, layers + 0.5), padding=0)

    def clear_curves(self) -> None:
        self.image.clear()
        self.density = None


def zone_fraction(histograms: np.ndarray, edges: np.ndarray, activation: str) -> float:
    """Share of all hidden pre-activations inside the activation's saturation zone."""
    centres = (edges[:-1] + edges[1:]) / 2
    inside = np.zeros(len(centres), dtype=bool)
    for a, b in SATURATION_ZONES.get(activation, ()):
        inside |= (centres > a) & (centres < b)
    total = histograms.sum()
    return float(histograms[:, inside].sum() / total) if total else 0.0
