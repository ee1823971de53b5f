"""The gradient lab's plots and the settings its modules share (see lab_tab.py for the controls).

The plot, its legend and the tab frame come from ``labs.common``. A curve set is rebuilt
only when the runs it shows change (a remedy switched on or off). Non-finite numbers from a
diverged run become gaps, never exceptions; a log axis is labelled in whole decades.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from ... import style
from ...plots.curves import EMPTY, finite
from ..common import MARKER, SOLID, LabPlot, zone_region

PLOT_HZ = 8  # the plots change little between frames; every GUI millisecond is taken from training
LAB_EPOCHS = 1000  # tens of thousands of iterations: Play rarely runs out; Reset starts over
LEARNING_RATES = (1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0)
RELU_FAMILY = ("relu", "leaky_relu")
BEFORE_COLOR = "#333333"  # dashed when an "after" run is shown
AFTER_COLOR = style.POSITIVE
EXPECTED_COLOR = "#f3a5a5"  # a pale red
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


def nearest_learning_rate(value: float) -> float:
    """The one of LEARNING_RATES nearest ``value`` on a log scale."""
    return min(LEARNING_RATES, key=lambda v: abs(math.log10(v) - math.log10(value)))


def ratio_text(value: float) -> str:
    """A ratio of gradient norms in two significant digits; a dash when it is not finite."""
    return f"{value:.2g}" if math.isfinite(value) else "—"


class DecadePlot(LabPlot):
    """A LabPlot on a log y axis labelled in whole decades (``fit_decades``)."""

    def __init__(self, parent=None, layer_axis: str | None = None):
        super().__init__(parent, log_y=True, layer_axis=layer_axis)
        self.decades = (0, 0)  # the range of the axis, in powers of ten

    def fit_decades(self, arrays) -> None:
        """On a log axis: whole decades around every finite positive value (labelled by the
        DecadeAxis: spanning less than a decade, pyqtgraph would label every minor tick)."""
        values = [np.asarray(a, dtype=float) for a in arrays if a is not None and len(a)]
        with np.errstate(all="ignore"):
            logs = np.log10(np.concatenate(values)) if values else EMPTY
        logs = logs[np.isfinite(logs)]
        if not logs.size:
            return
        low, high = math.floor(logs.min()), math.ceil(logs.max())
        if high <= low:
            low, high = low - 1, high + 1
        if (low, high) != self.decades:
            self.decades = (low, high)
            self.item.setYRange(low, high, padding=0.02)


class ProfilePlot(DecadePlot):
    """||dL/dz|| of every layer (1 = nearest the input, the last = output) on a log axis,
    per run; optionally the line a linear orthogonal net is expected to follow."""

    markers_when_few = False

    def __init__(self, parent=None):
        super().__init__(parent, layer_axis="bottom")
        self.layers = 0
        # A broad pale band under the runs' curves: where theory holds, the curve runs inside it.
        self.expected = pg.PlotDataItem(pen=pg.mkPen(EXPECTED_COLOR, width=6))
        self.expected.setZValue(-1)
        self.item.addItem(self.expected)
        self.expected_name = ""  # its legend entry

    def set_expected_name(self, name: str) -> None:
        """The legend name of the expected line."""
        self.expected_name = name

    def set_layers(self, layers: int, output_name: str) -> None:
        """An x axis for layers 1..``layers``, the last tick named ``output_name``."""
        if layers != self.layers:
            self.layers = layers
            self.item.getAxis("bottom").set_layers(layers, output_name)
            self.item.setXRange(0.5, layers + 0.5, padding=0.02)

    def show_expected(self, y) -> None:
        """The expected line (None hides it)."""
        self.set_extra_entries([(SOLID, EXPECTED_COLOR, self.expected_name)] if y is not None else [])
        if y is None:
            self.expected.setData(EMPTY, EMPTY)
        else:
            self.expected.setData(np.arange(1, len(y) + 1, dtype=float), finite(y, positive=True))

    def fit(self) -> None:
        """Fit the log axis to the curves and the expected line."""
        self.fit_decades([c.yData for c in self.curves] + [self.expected.yData])

    def clear_curves(self) -> None:
        """Empty the curves and the expected line."""
        super().clear_curves()
        self.expected.setData(EMPTY, EMPTY)


class FractionPlot(LabPlot):
    """A fraction (0..1) per hidden layer, per run."""

    markers_when_few = False

    def __init__(self, parent=None):
        super().__init__(parent, layer_axis="bottom")
        self.item.setYRange(-0.02, 1.02, padding=0)
        self.item.getViewBox().setMouseEnabled(x=True, y=False)
        self.layers = 0

    def set_layers(self, layers: int) -> None:
        """An x axis for hidden layers 1..``layers``."""
        if layers != self.layers:
            self.layers = layers
            self.item.getAxis("bottom").set_layers(layers)
            self.item.setXRange(0.5, layers + 0.5, padding=0.02)


class SpikePlot(LabPlot):
    """A per-iteration series with markers on chosen iterations (batches holding outliers)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.markers = pg.ScatterPlotItem(size=6, symbol="o", pen=pg.mkPen(None),
                                          brush=pg.mkBrush(MARKER_COLOR))
        self.markers.setZValue(10)
        self.item.addItem(self.markers)

    def set_marker_name(self, name: str) -> None:
        """The legend name of the markers."""
        self.set_extra_entries([(MARKER, MARKER_COLOR, name)])

    def set_markers(self, x, y) -> None:
        """Markers at (x, y); non-finite y are left out."""
        x, y = np.asarray(x, dtype=float), finite(y)
        keep = np.isfinite(y)
        self.markers.setData(x[keep], y[keep])

    @property
    def marker_count(self) -> int:
        """How many markers show."""
        return len(self.markers.data)

    def clear_curves(self) -> None:
        """Empty the curves and the markers."""
        super().clear_curves()
        self.markers.clear()


def fade_in(color: str, n: int = 256) -> np.ndarray:
    """An RGBA lookup table from transparent to opaque ``color``."""
    c = QColor(color)
    lut = np.empty((n, 4), dtype=np.ubyte)
    lut[:, :3] = (c.red(), c.green(), c.blue())
    lut[:, 3] = np.linspace(0, 255, n).astype(np.ubyte)
    return lut


class HistogramMap(LabPlot):
    """Pre-activation histograms as an image: a row per hidden layer (layer 1 at the bottom),
    a column per bin of z, each row scaled to its own peak; the activation's saturation
    zone is shaded."""

    def __init__(self, parent=None):
        super().__init__(parent, layer_axis="left")
        self.item.getViewBox().setDefaultPadding(0.0)
        self.item.getViewBox().setMouseEnabled(x=False, y=False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setLookupTable(fade_in(style.POSITIVE))
        self.image.setZValue(1)  # over the zone's wash, which shows through where z is rare
        self.item.addItem(self.image)
        self.zones: list[pg.LinearRegionItem] = []
        self.activation = ""  # whose zone is shaded
        self.layers = 0
        self.density = None  # what the image shows, (layers, bins), each row's peak 1

    def set_activation(self, activation: str, edges) -> None:
        """Shade ``activation``'s saturation zone."""
        self.activation = activation
        for zone in self.zones:
            self.item.removeItem(zone)
        self.zones = []
        lo, hi = float(edges[0]), float(edges[-1])
        for a, b in SATURATION_ZONES.get(activation, ()):
            zone = zone_region(max(a, lo), min(b, hi))
            zone.setZValue(0)
            self.item.addItem(zone)
            self.zones.append(zone)

    def show_histograms(self, histograms: np.ndarray, edges: np.ndarray) -> None:
        """One row per hidden layer of ``histograms`` over the bins ``edges``, each row scaled to its peak."""
        layers = histograms.shape[0]
        if layers != self.layers:
            self.layers = layers
            self.item.getAxis("left").set_layers(layers)
        if not layers:
            self.image.clear()
            return
        counts = histograms.astype(float)
        peaks = counts.max(axis=1, keepdims=True)
        density = np.divide(counts, peaks, out=np.zeros_like(counts), where=peaks > 0)
        self.density = density
        self.image.setImage(density, levels=(0.0, 1.0))
        self.image.setRect(QRectF(float(edges[0]), 0.5, float(edges[-1] - edges[0]), float(layers)))
        self.item.setRange(xRange=(float(edges[0]), float(edges[-1])), yRange=(0.5, layers + 0.5), padding=0)

    def clear_curves(self) -> None:
        """Empty the image."""
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
