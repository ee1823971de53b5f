"""The gradient lab's plots and the settings its modules share (see lab_tab.py for the controls).

Every plot keeps its items between draws and only replaces their data (``setData``), so a
redraw costs little of the GIL the trainer needs. A curve set is rebuilt only when the
runs it shows change (a remedy switched on or off). Non-finite numbers from a diverged
run become gaps (``finite``), never exceptions.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QSizePolicy

from .. import style
from ..plots.curves import EMPTY, LABEL_STYLE, TEXT_COLOR, finite, make_curve, set_markers, style_axes
from ..plots.gradients import LayerAxis

PLOT_HZ = 8  # the plots change little between frames; every GUI millisecond is taken from training
DEBOUNCE_MS = 150  # a slider moved by keyboard or wheel rebuilds the runs once it rests this long
LAB_EPOCHS = 1000  # tens of thousands of iterations: Play rarely runs out; Reset starts over
LEARNING_RATES = (1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0)
RELU_FAMILY = ("relu", "leaky_relu")
BEFORE_COLOR = "#333333"  # dashed when an "after" run is shown
AFTER_COLOR = style.POSITIVE
LEFT_WIDTH = 330
TITLE_SIZE = "9pt"
LEGEND_SIZE = "8pt"
LEGEND_GAP = "&nbsp;" * 5
SOLID, DASHED, MARKER = "━━", "‒ ‒ ‒", "●"  # legend samples
EXPECTED_COLOR = "#f3a5a5"  # a pale red
LOG_AXIS_WIDTH = 58
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


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def decade_label(n: int) -> str:
    return f"{10.0 ** n:g}" if -2 <= n <= 2 else "10" + str(n).translate(SUPERSCRIPT)


class DecadeAxis(pg.AxisItem):
    """A log axis labelled at whole decades: pyqtgraph's automatic spacing for the axis's
    length, rounded up to whole decades (1, 2, 5, 10, 20, 50... apart), with unlabelled ticks
    between (at most four per gap: an RNN's signal can span 600 decades)."""

    def tickSpacing(self, minVal: float, maxVal: float, size: float):
        """pyqtgraph's major spacing rounded up to whole decades, and the unlabelled one between."""
        levels = super().tickSpacing(minVal, maxVal, size)
        if not self.logMode or not levels:
            return levels
        step = max(1, math.ceil(levels[0][0]))
        between = step // 5 if step % 5 == 0 else step // 2 if step % 2 == 0 else step
        return [(float(step), 0.0)] + ([(float(between), 0.0)] if between < step else [])

    def logTickValues(self, minVal, maxVal, size, stdTicks):
        """The decades as spaced; within a few decades also 2..9 times each (pyqtgraph would
        add those however many decades there are)."""
        if stdTicks and stdTicks[0][0] == 1:  # a few decades: 2..9 times each one, unlabelled
            minor = [n + math.log10(m) for n in range(math.floor(minVal), math.ceil(maxVal)) for m in range(2, 10)]
            return [stdTicks[0], (None, [v for v in minor if minVal < v < maxVal])]
        return stdTicks

    def logTickStrings(self, values, scale, spacing):
        """0.01 .. 100 as numbers, further decades as powers of ten."""
        return [decade_label(round(v)) for v in values]


class LabPlot(pg.PlotWidget):
    """A white plot with a title, axis labels and a list of reusable curves; ``log_y`` puts
    the y axis in decades, ``layer_axis`` ("left" or "bottom") makes that axis count layers.

    The legend is a line of coloured samples under the title, not a box over the data:
    in these plots every corner is sometimes where the curves run."""

    markers_when_few = True  # per-iteration series; per-layer profiles always have a line

    def __init__(self, parent=None, log_y: bool = False, layer_axis: str | None = None):
        axes = {"left": DecadeAxis("left")} if log_y else {}
        if layer_axis is not None:  # "left" or "bottom": an axis over layers 1..n
            axes[layer_axis] = LayerAxis(layer_axis)
        super().__init__(parent, background="w", axisItems=axes)
        self.setMinimumSize(280, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.item: pg.PlotItem = self.getPlotItem()
        self.item.layout.setContentsMargins(4, 4, 10, 4)
        self.item.setMenuEnabled(False)
        style_axes(self.item)
        self.item.setLogMode(x=False, y=log_y)
        if log_y:  # room for "10⁻²⁰" from the start: the axis would widen only a frame later
            self.item.getAxis("left").setWidth(LOG_AXIS_WIDTH)
        self.log_y = log_y
        self.series: tuple[Series, ...] = ()
        self.curves: list[pg.PlotDataItem] = []
        self.extra_entries: list[tuple[str, str, str]] = []  # (sample, colour, name) after the curves'
        self.title = ""
        self._decades = (0, 0)
        self.item.setTitle(" ", size=TITLE_SIZE)  # the title row from the start: no jump at the first draw

    def set_title(self, text: str) -> None:
        if text != self.title:
            self.title = text
            self._show_title()

    def legend_entries(self) -> list[tuple[str, str, str]]:
        """(sample, colour, name) per legend entry; a lone curve needs none."""
        curves = [(DASHED if s.dashed else SOLID, s.color, s.name) for s in self.series] if len(self.series) > 1 else []
        return curves + self.extra_entries

    def _show_title(self) -> None:
        text = html.escape(self.title)
        entries = self.legend_entries()
        if entries:
            legend = LEGEND_GAP.join(f'<span style="color:{color}"><b>{sample}</b></span>&nbsp;{html.escape(name)}'
                                     for sample, color, name in entries)
            text += f'<br><span style="font-size:{LEGEND_SIZE}">{legend}</span>'
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
            self.curves = []
            for s in series:
                curve = make_curve(self.item, s.color, s.width, dense=s.dense)
                if s.dashed:
                    curve.setPen(pg.mkPen(s.color, width=s.width, style=Qt.PenStyle.DashLine))
                self.curves.append(curve)
            self.series = series
            self._show_title()
        return self.curves

    def set_curve(self, index: int, x, y) -> None:
        y = finite(y, positive=self.log_y)
        if self.markers_when_few:  # a single step's point would otherwise be invisible
            set_markers(self.curves[index], y)
        self.curves[index].setData(np.asarray(x, dtype=float), y)

    def clear_curves(self) -> None:
        for curve in self.curves:
            curve.setData(EMPTY, EMPTY)

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
        if (low, high) != self._decades:
            self._decades = (low, high)
            self.item.setYRange(low, high, padding=0.02)


class ProfilePlot(LabPlot):
    """||dL/dz|| of every layer (1 = nearest the input, the last = output) on a log axis,
    per run; optionally the line a linear orthogonal net is expected to follow."""

    markers_when_few = False

    def __init__(self, parent=None):
        super().__init__(parent, log_y=True, layer_axis="bottom")
        self.layers = 0
        # A broad pale band under the runs' curves: where theory holds, the curve runs inside it.
        self.expected = pg.PlotDataItem(pen=pg.mkPen(EXPECTED_COLOR, width=6))
        self.expected.setZValue(-1)
        self.item.addItem(self.expected)
        self._expected_name = ""

    def set_expected_name(self, name: str) -> None:
        self._expected_name = name

    def set_layers(self, layers: int, output_name: str) -> None:
        if layers != self.layers:
            self.layers = layers
            self.item.getAxis("bottom").set_layers(layers, output_name)
            self.item.setXRange(0.5, layers + 0.5, padding=0.02)

    def show_expected(self, y) -> None:
        """The expected line (None hides it)."""
        entries = [(SOLID, EXPECTED_COLOR, self._expected_name)] if y is not None else []
        if entries != self.extra_entries:
            self.extra_entries = entries
            self._show_title()
        if y is None:
            self.expected.setData(EMPTY, EMPTY)
        else:
            self.expected.setData(np.arange(1, len(y) + 1, dtype=float), finite(y, positive=True))

    def fit(self) -> None:
        self.fit_decades([c.yData for c in self.curves] + [self.expected.yData])

    def clear_curves(self) -> None:
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
        self.extra_entries = [(MARKER, MARKER_COLOR, name)]
        self._show_title()

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
            zone = pg.LinearRegionItem((max(a, lo), min(b, hi)), brush=pg.mkBrush(*ZONE_BRUSH),
                                       pen=pg.mkPen(ZONE_PEN), movable=False)
            zone.setZValue(0)
            self.item.addItem(zone)
            self.zones.append(zone)

    def show_histograms(self, histograms: np.ndarray, edges: np.ndarray) -> None:
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


# ----- remedies ------------------------------------------------------------------------------
