"""The gradient lab's plots, and the controls and frame every tab shares.

Every plot keeps its items between draws and only replaces their data (``setData``), so a
redraw costs little of the GIL the trainer needs. A curve set is rebuilt only when the
runs it shows change (a remedy switched on or off). Non-finite numbers from a diverged
run become gaps (``finite``), never exceptions.
"""
from __future__ import annotations

import dataclasses
import html
import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QSizePolicy, QSlider, QVBoxLayout, QWidget)

from ...core import Experiment
from .. import style
from ..plots.curves import EMPTY, LABEL_STYLE, TEXT_COLOR, finite, make_curve, set_markers, style_axes
from ..plots.gradients import _nice_step
from ..throttle import Throttle

PLOT_HZ = 8  # the plots change little between frames; every GUI millisecond is taken from training
DEBOUNCE_MS = 150  # a slider moved by keyboard or wheel rebuilds the runs once it rests this long
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


def layer_ticks(layers: int, output_name: str | None = None) -> list[tuple[float, str]]:
    """Integer ticks for a 1..layers axis, a few when deep; the last one may be named."""
    if layers <= 0:
        return []
    step = 1 if layers <= 12 else _nice_step(layers)
    ticks = [1, *(k for k in range(step, layers, step) if k > 1 and layers - k >= step / 2)]
    ticks.append(layers)
    return [(k, output_name if k == layers and output_name else str(k)) for k in ticks]


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def decade_label(n: int) -> str:
    return f"{10.0 ** n:g}" if -2 <= n <= 2 else "10" + str(n).translate(SUPERSCRIPT)


def decade_ticks(low: int, high: int, most: int = 7):
    """Ticks for a log axis from 10^low to 10^high (in log10 units, as pyqtgraph's log mode
    wants them): a label every few decades so at most ``most`` show, unlabelled ones between."""
    step = max(1, math.ceil((high - low) / (most - 1)))
    major = [(n, decade_label(n)) for n in range(low, high + 1) if n % step == 0]
    minor = [(n, "") for n in range(low, high + 1) if n % step]
    if step == 1:  # a few decades: 2..9 times each one, unlabelled
        minor = [(n + math.log10(m), "") for n in range(low, high) for m in range(2, 10)]
    return [major, minor]


class LabPlot(pg.PlotWidget):
    """A white plot with a title, axis labels and a list of reusable curves.

    The legend is a line of coloured samples under the title, not a box over the data:
    in these plots every corner is sometimes where the curves run."""

    markers_when_few = True  # per-iteration series; per-layer profiles always have a line

    def __init__(self, parent=None, log_y: bool = False):
        super().__init__(parent, background="w")
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
        """On a log axis: whole decades around every finite positive value, labelled by
        ``decade_ticks`` (spanning less than a decade, pyqtgraph labels every minor tick)."""
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
            self.item.getAxis("left").setTicks(decade_ticks(low, high))
            self.item.setYRange(low, high, padding=0.02)


class ProfilePlot(LabPlot):
    """||dL/dz|| of every layer (1 = nearest the input, the last = output) on a log axis,
    per run; optionally the line a linear orthogonal net is expected to follow."""

    markers_when_few = False

    def __init__(self, parent=None):
        super().__init__(parent, log_y=True)
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
            self.item.getAxis("bottom").setTicks([layer_ticks(layers, output_name), []])
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
        super().__init__(parent)
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
        super().__init__(parent)
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
            self.item.getAxis("left").setTicks([layer_ticks(layers), []])
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

@dataclass(frozen=True)
class Remedies:
    """The fixes a person can switch on; ``apply`` makes the "after" experiment."""
    clip_norm: float | None = None  # clip the global gradient norm to this
    init: bool = False  # Xavier (He for the ReLU family) at gain 1
    relu: bool = False  # saturating and linear hidden layers become ReLU
    lower_lr: bool = False  # the learning rate / 10
    huber: bool = False  # regression: Huber loss instead of squared error

    @property
    def active(self) -> bool:
        return self.clip_norm is not None or self.init or self.relu or self.lower_lr or self.huber

    def apply(self, experiment: Experiment) -> Experiment:
        net, opt = experiment.network, experiment.optimizer
        hidden = net.hidden
        if self.relu:
            hidden = tuple(h if h.activation in RELU_FAMILY else dataclasses.replace(h, activation="relu")
                           for h in hidden)
        changes = {"hidden": hidden}
        if self.init:
            relu_like = bool(hidden) and all(h.activation in RELU_FAMILY for h in hidden)
            changes.update(init="he_uniform" if relu_like else "xavier_uniform", init_gain=1.0)
        if self.huber and net.task == "regression":
            changes["regression_loss"] = "huber"
        if self.lower_lr:
            opt = dataclasses.replace(opt, learning_rate=opt.learning_rate / 10)
        if self.clip_norm is not None:
            opt = dataclasses.replace(opt, clip_norm=self.clip_norm)
        return dataclasses.replace(experiment, network=dataclasses.replace(net, **changes), optimizer=opt)


# ----- controls ------------------------------------------------------------------------------

class LabeledSlider(QWidget):
    """A horizontal slider with its value written beside it. ``committed`` fires when the
    handle is released, or DEBOUNCE_MS after a keyboard or wheel change."""

    committed = Signal()

    def __init__(self, minimum: int, maximum: int, value: int, to_value=float, text=str, parent=None):
        super().__init__(parent)
        self.to_value, self.text = to_value, text
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(minimum, maximum)
        self.slider.setValue(value)
        self.label = QLabel(self)
        self.label.setMinimumWidth(self.fontMetrics().horizontalAdvance("×10.00"))
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.slider, 1)
        row.addWidget(self.label)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.committed)
        self.slider.valueChanged.connect(self._moved)
        self.slider.sliderReleased.connect(self._released)
        self._show()

    def value(self):
        return self.to_value(self.slider.value())

    def set_position(self, position: int) -> None:
        """Move the handle without committing (the caller rebuilds once, afterwards)."""
        self.slider.blockSignals(True)
        self.slider.setValue(position)
        self.slider.blockSignals(False)
        self._show()

    def _show(self) -> None:
        self.label.setText(self.text(self.value()))

    def _moved(self) -> None:
        self._show()
        if not self.slider.isSliderDown():
            self._timer.start()

    def _released(self) -> None:
        self._timer.stop()
        self.committed.emit()


SCALE_STEPS_PER_DECADE = 10  # 1.0, 1.3, 1.6, 2.0, 2.5, 3.2, 4.0, 5.0, 6.3, 7.9, 10


def log_position(value: float) -> int:
    """Slider position 0..20 for a scale between 0.1 and 10."""
    return int(round((math.log10(value) + 1) * SCALE_STEPS_PER_DECADE))


def log_value(position: int) -> float:
    return float(f"{10 ** (position / SCALE_STEPS_PER_DECADE - 1):.2g}")


class RemedyBar(QWidget):
    """A row of remedy toggles (only the ones that make sense for the tab)."""

    changed = Signal()

    def __init__(self, keys, parent=None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(14)
        title = QLabel(self.tr("<b>Remedies:</b>"), self)
        row.addWidget(title)
        texts = {
            "clip": (self.tr("Clip gradients at"), self.tr("Scale the whole gradient down whenever its norm exceeds the threshold")),
            "init": (self.tr("Xavier/He init"), self.tr("Xavier initialisation (He for ReLU layers) at gain 1: "
                                                        "keeps the spread of z the same from layer to layer")),
            "relu": (self.tr("ReLU"), self.tr("ReLU hidden layers: slope exactly 1 wherever a unit is active")),
            "lower_lr": (self.tr("Learning rate ÷10"), self.tr("Take ten times smaller steps")),
            "huber": (self.tr("Huber loss"), self.tr("Cap each sample's gradient once its error exceeds δ")),
        }
        self.checks: dict[str, QCheckBox] = {}
        self.clip_spin = QDoubleSpinBox(self, decimals=2, minimum=0.01, maximum=1000.0, value=1.0, singleStep=0.5)
        for key in keys:
            text, tip = texts[key]
            check = QCheckBox(text, self)
            check.setToolTip(tip)
            check.toggled.connect(self.changed)
            self.checks[key] = check
            row.addWidget(check)
            if key == "clip":
                self.clip_spin.setToolTip(self.tr("The largest global gradient norm a step may use"))
                self.clip_spin.valueChanged.connect(lambda _: self.checks["clip"].isChecked() and self._debounce.start())
                row.addWidget(self.clip_spin)
        row.addStretch(1)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.changed)

    def remedies(self) -> Remedies:
        on = {key: check.isChecked() for key, check in self.checks.items()}
        return Remedies(clip_norm=self.clip_spin.value() if on.get("clip") else None, init=on.get("init", False),
                        relu=on.get("relu", False), lower_lr=on.get("lower_lr", False), huber=on.get("huber", False))

    def describe(self) -> str:
        """The switched-on remedies in a few words, for the legend."""
        r = self.remedies()
        parts = []
        if r.clip_norm is not None:
            parts.append(self.tr("clip at {0:g}").format(r.clip_norm))
        words = {"init": self.tr("Xavier/He init"), "relu": self.tr("ReLU"),
                 "lower_lr": self.tr("learning rate ÷10"), "huber": self.tr("Huber loss")}
        parts += [words[key] for key in ("init", "relu", "lower_lr", "huber") if getattr(r, key)]
        return ", ".join(parts)


def activation_combo(parent, names, current: str) -> QComboBox:
    combo = QComboBox(parent)
    for key in names:
        combo.addItem(parent.activation_name(key), key)
    combo.setCurrentIndex(combo.findData(current))
    return combo


def select(combo: QComboBox, data) -> None:
    combo.blockSignals(True)
    combo.setCurrentIndex(combo.findData(data))
    combo.blockSignals(False)


# ----- the frame of a tab -------------------------------------------------------------------

class LabTab(QWidget):
    """One experiment: an explanation and controls on the left, remedies and plots on the right.

    ``build()`` makes the experiments to train (remembered in ``loaded``); ``changed`` asks
    the window to build and load them again. ``offer(snapshots)`` draws, rate-limited."""

    changed = Signal()
    REMEDIES: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.loaded: list[Experiment] = []
        self.drawn = None  # the snapshots on screen
        self.finite = {}  # run index -> the newest snapshot offered whose profile is all finite
        self.throttle = Throttle(self, self._draw_now, PLOT_HZ)
        self.plots: list = []

        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.RichText)
        self.explanation.setStyleSheet("QLabel { background: #f4f6f8; border: 1px solid #dde1e5;"
                                       " border-radius: 4px; padding: 8px; color: #222; }")
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        settings = QGroupBox(self.tr("Settings"), self)
        settings.setLayout(self.form)
        left_widget = QWidget(self)
        left_widget.setFixedWidth(LEFT_WIDTH)
        self.left = QVBoxLayout(left_widget)
        self.left.setContentsMargins(0, 0, 0, 0)
        self.left.addWidget(self.explanation)
        self.left.addWidget(settings)

        right = QVBoxLayout()
        right.setSpacing(6)
        self.remedy_bar = RemedyBar(self.REMEDIES, self) if self.REMEDIES else None
        if self.remedy_bar is not None:
            self.remedy_bar.changed.connect(self.changed)
            right.addWidget(self.remedy_bar)
        self.plot_area = QGridLayout()
        self.plot_area.setSpacing(8)
        right.addLayout(self.plot_area, 1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(12)
        layout.addWidget(left_widget)
        layout.addLayout(right, 1)

    def finish_left(self) -> None:
        self.left.addStretch(1)

    def activation_name(self, key: str) -> str:
        return {"sigmoid": self.tr("sigmoid"), "tanh": self.tr("tanh"), "relu": self.tr("ReLU"),
                "leaky_relu": self.tr("leaky ReLU"), "linear": self.tr("linear")}[key]

    def lr_combo(self, value: float) -> QComboBox:
        combo = QComboBox(self)
        for lr in LEARNING_RATES:
            combo.addItem(f"{lr:g}", lr)
        combo.setCurrentIndex(combo.findData(value))
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def slider(self, minimum, maximum, value, to_value=float, text=str) -> LabeledSlider:
        s = LabeledSlider(minimum, maximum, value, to_value, text, self)
        s.committed.connect(self.changed)
        return s

    # ----- experiments --------------------------------------------------------------------

    def baseline(self) -> Experiment:  # pragma: no cover - overridden
        raise NotImplementedError

    def build(self) -> list[Experiment]:
        base = self.baseline()
        remedies = self.remedy_bar.remedies() if self.remedy_bar is not None else Remedies()
        self.loaded = [base, remedies.apply(base)] if remedies.active else [base]
        return self.loaded

    def run_names(self) -> list[str]:
        if len(self.loaded) == 2:
            return [self.tr("before"), self.tr("after ({0})").format(self.remedy_bar.describe())]
        return [self.tr("run")]

    def run_colors(self) -> list[str]:
        return [BEFORE_COLOR, AFTER_COLOR][:len(self.loaded)]

    def series(self, dense: bool = False) -> list[Series]:
        """The curves of the runs; the "before" run dashed when an "after" one is shown."""
        width = 1.0 if dense else 2.0
        compared = len(self.loaded) == 2
        return [Series(name, color, dashed=compared and i == 0, width=width, dense=dense)
                for i, (name, color) in enumerate(zip(self.run_names(), self.run_colors()))]

    # ----- drawing ------------------------------------------------------------------------

    def offer(self, snapshots) -> None:
        for i, s in enumerate(snapshots):  # cheap: at most a hundred norms per run
            if s.profile is not None and np.isfinite(s.profile.delta_norms).all():
                self.finite[i] = s
        self.throttle.offer(snapshots)

    def profile_snapshot(self, i: int, snapshot):
        """The snapshot whose profile shows for run ``i``: this one, or when its norms are not
        finite (the run diverged) the last one offered whose norms were (None if none was)."""
        p = snapshot.profile
        if p is not None and np.isfinite(p.delta_norms).all():
            return snapshot
        return self.finite.get(i)

    def flush(self) -> None:
        self.throttle.flush()

    def clear(self) -> None:
        self.throttle.drop()
        self.drawn = None
        self.finite.clear()
        for plot in self.plots:
            plot.clear_curves()

    def _draw_now(self, snapshots) -> None:
        self.drawn = snapshots
        self.draw(snapshots)

    def draw(self, snapshots) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def show_loss(self, plot: LabPlot, snapshots) -> None:
        plot.set_series(self.series(dense=True))
        for i, s in enumerate(snapshots):
            plot.set_curve(i, s.history_x, s.history["train_loss"])
        plot.fit_decades([c.yData for c in plot.curves])

    def show_profiles(self, plot: ProfilePlot, snapshots, series) -> list:
        """Draw each run's profile (a diverged run's last finite one); returns the snapshots shown."""
        shown = [self.profile_snapshot(i, s) for i, s in enumerate(snapshots)]
        layers = max((len(s.profile.delta_norms) for s in shown if s is not None), default=0)
        plot.set_layers(layers, self.tr("out"))
        plot.set_series(series)
        for i, s in enumerate(shown):
            if s is None:
                plot.curves[i].setData(EMPTY, EMPTY)
            else:
                plot.set_curve(i, np.arange(1, layers + 1), s.profile.delta_norms)
        plot.fit()
        return shown
