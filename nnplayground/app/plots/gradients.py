"""Per-layer gradient norms: one log-scale curve per layer, and a layer x iteration heatmap.

Layer 1 is the layer nearest the input; the last layer is the output layer. Vanishing
gradients show as the low layers' curves (and the heatmap's bottom rows) falling decades
below the top ones; exploding gradients as them rising above. Both views only draw
``Snapshot`` objects and keep their items between calls; the curves are rebuilt only when a
snapshot of a network with a different number of layers arrives.

Each view measures either the weight gradients ||dL/dW|| of every step (the snapshots'
history) or the backward signal ||dL/dz||, the gradient at each layer's pre-activations on
a fixed probe batch (``snapshot.profile``, the gradient lab's measure). The second shows
what backpropagation does to the signal from layer to layer: in a deep net whose weight
gradients look alike (each layer's dL/dW also depends on the activations it receives), the
signal still grows or shrinks by a constant factor per layer.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QWidget

from .. import style
from .curves import (AXIS_COLOR, EMPTY, LABEL_STYLE, TEXT_COLOR, TICK_POINT_SIZE, PlotPanel,
                     finite, is_new_run, make_curve, make_legend, rename_legend_entry)
from ..widgets import set_item_texts

GRAD_PREFIX = "grad_norm_"
HEATMAP_COLORMAP = "viridis"
NOT_FINITE_COLOR = "#e4e4e4"  # what shows through where a norm is 0, NaN or inf
WEIGHTS, SIGNAL = "weights", "signal"  # what the views measure: ||dL/dW|| per step, ||dL/dz|| per snapshot
SIGNAL_ROWS = 2048  # the backward signal's history is thinned to every second row beyond this


def layer_count(snapshot) -> int:
    """Number of weight layers recorded in the snapshot's history (hidden layers + output)."""
    return sum(1 for name in snapshot.history if name.startswith(GRAD_PREFIX))


def gradient_norms(snapshot, layers: int) -> list[np.ndarray]:
    return [snapshot.history[f"{GRAD_PREFIX}{i}"] for i in range(1, layers + 1)]


def legend_layers(layers: int, limit: int = 6) -> list[int]:
    """0-based layers named in the legend: all of them for shallow nets, else a few
    landmarks (the two nearest the input, the middle, the last hidden one and the output)."""
    if layers <= limit:
        return list(range(layers))
    return sorted({0, 1, (layers - 1) // 2, layers - 2, layers - 1})


class SignalHistory:
    """The backward signal ||dL/dz|| per layer of the snapshots seen so far in one run: the
    snapshots carry only the latest profile, so the views keep its history themselves.
    Bounded: when full, every second row is dropped (older rows thinned, never a gap at the end)."""

    def __init__(self):
        self.clear()

    def clear(self) -> None:
        """Forget every recorded row (a new run)."""
        self._start(0)
        self.last = None  # the latest snapshot recorded

    def _start(self, layers: int) -> None:
        self._x = np.empty(SIGNAL_ROWS)
        self._norms = np.empty((SIGNAL_ROWS, layers))
        self.rows = 0

    @property
    def x(self) -> np.ndarray:
        """The iterations recorded."""
        return self._x[:self.rows]

    def columns(self) -> list[np.ndarray]:
        """One array of norms per layer (layer 1 first), a row per recorded iteration."""
        return list(self._norms[:self.rows].T)

    def record(self, snapshot) -> None:
        """Add ``snapshot``'s profile (a new run or another network starts over)."""
        if snapshot.profile is None:
            return
        norms = snapshot.profile.delta_norms
        if is_new_run(self.last, snapshot) or len(norms) != self._norms.shape[1]:
            self._start(len(norms))
        self.last = snapshot
        if self.rows and self._x[self.rows - 1] == snapshot.iteration:  # the same step again (paused)
            self.rows -= 1
        elif self.rows == SIGNAL_ROWS:
            half = SIGNAL_ROWS // 2
            self._x[:half], self._norms[:half] = self._x[1::2], self._norms[1::2]
            self.rows = half
        self._x[self.rows] = snapshot.iteration
        self._norms[self.rows] = norms
        self.rows += 1


def measure_box(parent: QWidget) -> QComboBox:
    """The choice between ||dL/dW|| and ||dL/dz||; items named by ``name_measures``."""
    box = QComboBox(parent)
    box.addItem("", WEIGHTS)
    box.addItem("", SIGNAL)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return box


class MeasuredPlot(PlotPanel):
    """A plot of per-layer norms that measures either the weight gradients or the backward
    signal (``set_measure``); it keeps the backward signal's history (``SignalHistory``).
    ``measure_changed`` says when the person picks the other measure."""

    measure_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, axis_items=None):
        super().__init__(parent, axis_items)
        self.signal = SignalHistory()
        self.measure_combo = measure_box(self)
        self.measure_combo.currentIndexChanged.connect(self._measure_changed)
        self.controls.addWidget(self.measure_combo, 0, Qt.AlignmentFlag.AlignRight)

    @property
    def measure(self) -> str:
        """``WEIGHTS`` (||dL/dW|| per step) or ``SIGNAL`` (||dL/dz|| per snapshot)."""
        return self.measure_combo.currentData()

    def set_measure(self, measure: str) -> None:
        """Measure ``WEIGHTS`` or ``SIGNAL``, as if picked in the box."""
        self.measure_combo.setCurrentIndex(self.measure_combo.findData(measure))

    def _measure_changed(self) -> None:
        self.retranslate()
        self.following = [True, True]
        self.redraw()
        self.measure_changed.emit(self.measure)

    def name_measures(self) -> None:
        """The measure box's entries and tooltip, in the current language."""
        set_item_texts(self.measure_combo, [self.tr("weight gradients ‖dL/dW‖"), self.tr("backward signal ‖dL/dz‖")])
        self.measure_combo.setToolTip(self.tr(
            "‖dL/dW‖: each layer's weight gradient at every step. ‖dL/dz‖: the gradient backpropagation "
            "passes down to each layer (on a fixed batch), which shows vanishing or exploding directly"))

    def show_snapshot(self, snapshot) -> None:
        """Record the snapshot's backward signal, then draw it at the plot's rate."""
        self.signal.record(snapshot)  # every snapshot, drawn or not
        super().show_snapshot(snapshot)

    def clear(self) -> None:
        """Empty the plot and its backward-signal history (a new run)."""
        self.signal.clear()
        super().clear()

    def _drawn_x(self, snapshot) -> np.ndarray:
        return self.signal.x if self.measure == SIGNAL else snapshot.history_x

    def measured(self, snapshot) -> tuple[np.ndarray, list[np.ndarray]]:
        """(iterations, one array of norms per layer) of the chosen measure."""
        if self.measure == SIGNAL:
            return self.signal.x, self.signal.columns()
        return snapshot.history_x, gradient_norms(snapshot, layer_count(snapshot))


def evenly_spaced(x: np.ndarray, norms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``norms`` (layers, rows) measured at increasing iterations ``x``, as as many columns at
    evenly spaced iterations, each holding the latest measurement at or before it."""
    if len(x) < 2:
        return x, norms
    even = np.linspace(x[0], x[-1], len(x))
    latest = np.searchsorted(x, even, side="right") - 1
    return even, norms[:, latest]


class LayerAxis(pg.AxisItem):
    """An axis over layers 1..n: pyqtgraph's automatic tick spacing for the axis's length, but
    only whole layers are ticked, layer 1 always, and the last layer can carry a name ("output").

    Without layers (``set_layers(0)``) it is an ordinary automatic axis.
    """

    # Denser than pyqtgraph's default: a short axis over a dozen layers still numbers every
    # second one, and a handful of layers gets a tick each.
    TICK_DENSITY = 2.0

    def __init__(self, orientation: str, **kwargs):
        super().__init__(orientation, **kwargs)
        self.setTickDensity(self.TICK_DENSITY)
        self.layers = 0
        self.last_name: str | None = None

    def set_layers(self, layers: int, last_name: str | None = None) -> None:
        """Tick layers 1..``layers``; the last one is labelled ``last_name`` when given."""
        if (layers, last_name) != (self.layers, self.last_name):
            self.layers, self.last_name = layers, last_name
            self.picture = None  # pyqtgraph's cached drawing of the ticks (as setTicks resets it)
            self.update()

    def tickSpacing(self, minVal: float, maxVal: float, size: float):
        """pyqtgraph's major spacing rounded up to whole layers; no minor ticks."""
        levels = super().tickSpacing(minVal, maxVal, size)
        if not self.layers or not levels:
            return levels
        return [(float(max(1, math.ceil(levels[0][0]))), 0.0)]

    def tickValues(self, minVal: float, maxVal: float, size: float):
        """Layer 1, the multiples of the spacing between, and the last layer; a multiple too
        close to the last layer gives way to it, so the name is never crowded."""
        ticks = super().tickValues(minVal, maxVal, size)
        if not self.layers or not ticks:
            return ticks
        step, values = ticks[0]
        last = self.layers
        inner = [v for v in values if 1 < v < last and last - v > step / 2]
        low, high = sorted((minVal, maxVal))
        return [(step, [v for v in (1.0, *inner, float(last)) if low <= v <= high])]

    def tickStrings(self, values, scale, spacing):
        """Layer numbers, and the last layer's name."""
        if not self.layers:
            return super().tickStrings(values, scale, spacing)
        return [self.last_name if self.last_name and round(v) == self.layers else str(round(v))
                for v in values]


class GradientNormPlot(MeasuredPlot):
    """The gradient norm of every layer (its weights' or its backward signal's) against
    iteration, on a log axis."""

    LEGEND_LIMIT = 6

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot_item.setLogMode(x=False, y=True)
        self.plot_item.getAxis("left").setWidth(58)  # room for "0.001" beside the axis label
        self.legend = make_legend(self.plot_item)
        self.curves: list[pg.PlotDataItem] = []
        self._legend_layers: list[int] = []
        self.retranslate()

    def layer_name(self, index: int, layers: int) -> str:
        if index == layers - 1:
            return self.tr("output")
        return self.tr("layer {0}").format(index + 1)

    def retranslate(self) -> None:
        self.name_measures()
        y = "‖dL/dz‖" if self.measure == SIGNAL else "‖dL/dW‖"  # formulas, the same in every language
        self.set_axis_labels(self.tr("iteration"), y)
        layers = len(self.curves)
        for i in self._legend_layers:
            rename_legend_entry(self.legend, self.curves[i], self.layer_name(i, layers))
        hidden = layers > len(self._legend_layers)
        self.set_note(self.tr("{0} layers; the legend names {1} of them").format(
            layers, len(self._legend_layers)) if hidden else "")

    def _rebuild(self, layers: int) -> None:
        for curve in self.curves:
            self.plot_item.removeItem(curve)
        self.legend.clear()
        # Thin lines: noisy per-step norms drawn thicker than 1 px are many times slower in Qt.
        self.curves = [make_curve(self.plot_item, style.layer_color(i), 1.0, dense=True) for i in range(layers)]
        self._legend_layers = legend_layers(layers, self.LEGEND_LIMIT)
        self.legend.set_max_columns(len(self._legend_layers))
        for i in self._legend_layers:
            self.legend.addItem(self.curves[i], self.layer_name(i, layers))
        self.retranslate()

    def _min_interval(self, snapshot) -> float | None:
        """Deep nets mean one curve per layer: redraw about every ``layers * 2`` ms (at most
        every 250 ms) when that is rarer than MAX_FPS, so the GUI thread stays responsive."""
        layers = layer_count(snapshot)
        if layers != len(self.curves):
            return 0.0  # a new network: draw its curves at once
        return max(self.throttle.interval, min(0.25, 0.002 * layers))

    def _draw(self, snapshot) -> None:
        layers = layer_count(snapshot)
        if layers != len(self.curves):
            self._rebuild(layers)
        x, columns = self.measured(snapshot)
        for curve, norms in zip(self.curves, columns):
            curve.setData(x, finite(norms, positive=True))

    def _clear_items(self) -> None:
        for curve in self.curves:
            curve.setData(EMPTY, EMPTY)


class GradientHeatmap(MeasuredPlot):
    """log10 of every layer's gradient norm (weights' or backward signal's) as an image: rows
    are layers (layer 1 at the bottom, the output on top), columns are history rows placed at
    their iterations."""

    Y_MARGIN = 0.0  # the rows fill the plot

    def __init__(self, parent: QWidget | None = None):
        self.layer_axis = LayerAxis("left")
        super().__init__(parent, axis_items={"left": self.layer_axis})
        item = self.plot_item
        item.showGrid(x=False, y=False)
        item.getViewBox().setDefaultPadding(0.0)
        item.getViewBox().setBackgroundColor(NOT_FINITE_COLOR)  # NaN pixels are transparent
        self.image = pg.ImageItem(axisOrder="row-major")
        item.addItem(self.image)
        self.colorbar = pg.ColorBarItem(values=(-3.0, 1.0), colorMap=HEATMAP_COLORMAP, width=12,
                                        interactive=False, colorMapMenu=False)
        self.colorbar.setImageItem(self.image, insert_in=item)
        self._style_colorbar()
        self.layers = 0
        self._x = EMPTY
        self._logs: np.ndarray | None = None  # what the image shows
        self._norms: np.ndarray | None = None  # the norms behind it, for the hover read-out
        self._rect = QRectF()
        self.plot_widget.scene().sigMouseMoved.connect(self._hover)
        self.retranslate()

    def _style_colorbar(self) -> None:
        font = QFont()
        font.setPointSize(TICK_POINT_SIZE)
        for name in ("left", "right", "top", "bottom"):
            axis = self.colorbar.getAxis(name)
            axis.setPen(pg.mkPen(AXIS_COLOR))
            axis.setTextPen(pg.mkPen(TEXT_COLOR))
            axis.setTickFont(font)
        self.colorbar.axis.setWidth(None)  # room for the tick labels and the label

    def retranslate(self) -> None:
        self.name_measures()
        self.set_axis_labels(self.tr("iteration"), self.tr("layer"))
        label = "log₁₀ ‖dL/dz‖" if self.measure == SIGNAL else "log₁₀ ‖dL/dW‖"
        self.colorbar.getAxis("right").setLabel(label, **LABEL_STYLE)
        self.layer_axis.set_layers(self.layers, self.tr("output"))
        self.set_note(self.tr("Hover over the map to read a value"))  # the next move re-reads

    def _draw(self, snapshot) -> None:
        layers = layer_count(snapshot)
        x, columns = self.measured(snapshot)
        if layers != self.layers:
            self.layers = layers
            self.layer_axis.set_layers(layers, self.tr("output"))
        if not layers or not len(x) or len(columns) != layers:
            self._clear_items()
            return
        norms = np.vstack(columns)  # (layers, rows)
        if self.measure == SIGNAL:  # snapshots come at uneven iterations: columns must be even
            x, norms = evenly_spaced(x, norms)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            logs = np.log10(norms)
        logs[~np.isfinite(logs)] = np.nan  # zero, NaN and inf norms show the grey background
        self._norms, self._logs, self._x = norms, logs, x
        self.colorbar.setLevels(self._levels(logs))
        self.image.setImage(logs, autoLevels=False)
        n = len(x)
        dx = (x[-1] - x[0]) / (n - 1) if n > 1 else 1.0
        if not dx > 0:
            dx = 1.0
        self._rect = QRectF(float(x[0]) - dx / 2, 0.5, n * dx, float(layers))
        self.image.setRect(self._rect)

    def _y_bounds(self) -> tuple[float, float] | None:
        """Every layer's row, whole."""
        return (0.5, self.layers + 0.5) if self.layers else None

    @staticmethod
    def _levels(logs: np.ndarray) -> tuple[float, float]:
        """Whole decades around the finite values, so colours only shift when a decade is crossed."""
        values = logs[np.isfinite(logs)]
        if not values.size:
            return (0.0, 1.0)
        lo, hi = math.floor(float(values.min())), math.ceil(float(values.max()))
        if hi <= lo:
            hi = lo + 1
        return (float(lo), float(hi))

    def _hover(self, position: QPointF) -> None:
        if self._logs is None or not self.plot_item.sceneBoundingRect().contains(position):
            return
        point = self.plot_item.getViewBox().mapSceneToView(position)
        if not self._rect.contains(point):
            return
        layers, n = self._logs.shape
        col = min(n - 1, max(0, int((point.x() - self._rect.left()) / self._rect.width() * n)))
        row = min(layers - 1, max(0, int(round(point.y())) - 1))
        name = self.tr("output") if row == layers - 1 else self.tr("layer {0}").format(row + 1)
        text = self.tr("{0}, iteration {1}: ‖dL/dz‖ {2}") if self.measure == SIGNAL else self.tr(
            "{0}, iteration {1}: ‖dL/dW‖ {2}")
        self.set_note(text.format(name, int(self._x[col]), f"{self._norms[row, col]:.3g}"))

    def _clear_items(self) -> None:
        self._norms, self._logs, self._x = None, None, EMPTY
        self.image.clear()
        self.set_note(self.tr("Hover over the map to read a value"))
