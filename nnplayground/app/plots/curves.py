"""Training curves: loss and accuracy / R^2 against iteration.

Every plot here only draws immutable ``Snapshot`` objects. ``show_snapshot`` is called up to
30 times a second on the GUI thread, so it only replaces the data of items created once
(``setData``); the snapshot's history is already bounded, so nothing grows without limit.
Numbers from a diverged run (NaN, inf, 1e300) are turned into gaps, never into exceptions.
"""
from __future__ import annotations


import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ...core.metrics import task_metric
from ...core.trainer import live_change
from .. import style
from ..language import Retranslating
from ..throttle import Throttle
from .axes import PlotAxis

BACKGROUND = "w"
AXIS_COLOR = "#555555"
TEXT_COLOR = "#222222"
TICK_POINT_SIZE = 8
LABEL_STYLE = {"color": TEXT_COLOR, "font-size": "9pt"}
LEGEND_TEXT_SIZE = "8pt"
# Few points get markers so a single evaluation is visible; many would only clutter.
MARKER_LIMIT = 40
EMPTY = np.empty(0)
X_HEADROOM = 0.08  # the iteration axis runs this far past the newest point, so it grows in steps


def finite(values, *, positive: bool = False) -> np.ndarray:
    """``values`` as floats with every non-finite (and, for log axes, non-positive) entry NaN.

    NaN is what pyqtgraph treats as a gap (with ``connect='finite'``); inf and zeros on a log
    axis would otherwise break the curve or the auto range. Returns the input itself when
    nothing needs replacing (snapshot arrays are never written again, so that is safe).
    """
    y = np.asarray(values, dtype=float)
    with np.errstate(invalid="ignore"):
        bad = ~np.isfinite(y)
        if positive:
            bad |= ~(y > 0)
    if bad.any():
        y = y.copy()
        y[bad] = np.nan
    return y


def style_axes(plot_item: pg.PlotItem, axes=("left", "bottom")) -> None:
    """Dark, small, readable axes on a white background, with a faint grid."""
    font = QFont()
    font.setPointSize(TICK_POINT_SIZE)
    for name in axes:
        axis = plot_item.getAxis(name)
        axis.setPen(pg.mkPen(AXIS_COLOR))
        axis.setTextPen(pg.mkPen(TEXT_COLOR))
        axis.setTickFont(font)
        axis.setStyle(tickTextOffset=4)
        axis.enableAutoSIPrefix(False)  # "(x1e+27)" is unreadable, and wrong on log axes
        # Label major ticks only: on a log axis spanning less than a decade, pyqtgraph would
        # label every minor tick and the labels pile on top of each other.
        axis.setStyle(maxTextLevel=0)
    # No grid: pyqtgraph draws a translucent grid into a picture it replays on every frame,
    # which cost ~14 ms per frame here, more than the curves themselves.


class TopLegend(pg.LegendItem):
    """A legend in its own strip above the view box (the plot's title row), so it never
    covers a curve; the strip is as tall as the legend's rows. It uses up to ``columns``
    columns, fewer when the plot is too narrow for them."""

    def __init__(self, plot_item: pg.PlotItem, columns: int = 1):
        super().__init__(offset=None, labelTextColor=TEXT_COLOR, labelTextSize=LEGEND_TEXT_SIZE,
                         pen=None, brush=None, colCount=columns, verSpacing=-6, horSpacing=12)
        self.plot_item = plot_item
        self.max_columns = columns
        self.setParentItem(plot_item)
        self.anchor(itemPos=(1, 0), parentPos=(1, 0), offset=(-8, 0))
        plot_item.geometryChanged.connect(self.refit)

    def set_max_columns(self, columns: int) -> None:
        """Use at most ``columns`` columns of entries (a narrow plot wants fewer)."""
        self.max_columns = max(1, columns)
        self.refit()

    def refit(self) -> None:
        """As many columns as fit the plot's width (called when the plot is resized)."""
        if self.columnCount != self.max_columns:
            self.setColumnCount(self.max_columns)  # updateSize() narrows it again if needed
        else:
            self.updateSize()

    def updateSize(self) -> None:
        super().updateSize()
        # pyqtgraph re-lays the entries out and calls this again, one column fewer each time.
        if self.columnCount > 1 and self.width() > self.plot_item.width() - 12:
            self.setColumnCount(self.columnCount - 1)
            return
        self.plot_item.layout.setRowFixedHeight(0, self.height())

    def mouseDragEvent(self, event) -> None:
        event.ignore()  # stays in its strip


def make_legend(plot_item: pg.PlotItem, columns: int = 1) -> TopLegend:
    """The plot's legend, above its view box."""
    return TopLegend(plot_item, columns)


def rename_legend_entry(legend: pg.LegendItem, item, name: str) -> None:
    for sample, label in legend.items:
        if sample.item is item:
            label.setText(name)
    legend.updateSize()


def make_curve(plot_item: pg.PlotItem, color, width: float = 2.0, dense: bool = False) -> pg.PlotDataItem:
    """One reusable line: gaps at NaN, peak downsampling, clipped to the view.

    ``dense`` lines (a point per iteration) are drawn without antialiasing and thinned to
    about one min/max pair per two pixels ("peak" keeps every spike); on such jagged lines
    nobody sees the difference, and each redraw costs a fraction. The line has no name, so
    the legend leaves it out; views add entries themselves, translated.
    """
    curve = pg.PlotDataItem(pen=pg.mkPen(color, width=width), connect="finite", antialias=not dense,
                            autoDownsampleFactor=DENSE_DOWNSAMPLE if dense else 5.0, symbol=None, symbolSize=5,
                            symbolPen=pg.mkPen(color), symbolBrush=pg.mkBrush(color))
    curve.setDownsampling(auto=True, method="peak")
    curve.setClipToView(True)
    plot_item.addItem(curve)
    return curve


def set_markers(curve: pg.PlotDataItem, y: np.ndarray) -> None:
    """Show small markers while there are few points (changed only when crossing the limit).

    Never for all-NaN data: pyqtgraph's scatter then warns about an all-NaN slice.
    """
    want = 0 < len(y) <= MARKER_LIMIT and bool(np.isfinite(y).any())
    if want != (curve.opts["symbol"] is not None):
        curve.setSymbol("o" if want else None)


DENSE_DOWNSAMPLE = 0.5  # pyqtgraph's autoDownsampleFactor: samples per bin = visible samples / (width * this)


def is_new_run(drawn, snapshot) -> bool:
    """True when ``snapshot`` starts over from what ``drawn`` (the snapshot on screen, or None)
    showed: its iteration went back (Reset, another preset) or it trains another experiment
    (a restart) rather than the same one with a live change such as the learning rate."""
    if drawn is None:
        return False
    if snapshot.iteration < drawn.iteration:
        return True
    return snapshot.experiment is not drawn.experiment and not live_change(drawn.experiment, snapshot.experiment)


class PlotPanel(Retranslating, QWidget):
    """A white pyqtgraph plot with an optional slim row of controls above it.

    ``show_snapshot`` draws the newest snapshot at most ``MAX_FPS`` times a second and not
    while hidden (see throttle.py); ``flush()`` draws a waiting one at once (e.g. before an
    export). ``plot_item`` is the main ``pg.PlotItem``, for the exporters.
    """

    MINIMUM_SIZE = (240, 150)
    MAX_FPS = 2
    Y_MARGIN = 0.05  # of the data's height, above and below it

    def __init__(self, parent: QWidget | None = None, axis_items: dict[str, pg.AxisItem] | None = None):
        super().__init__(parent)
        axes = {"left": PlotAxis("left"), "bottom": PlotAxis("bottom", integer=True), **(axis_items or {})}
        self.plot_widget = pg.PlotWidget(background=BACKGROUND, axisItems=axes)
        self.plot_widget.setMinimumSize(*self.MINIMUM_SIZE)
        self.plot_widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.plot_item: pg.PlotItem = self.plot_widget.getPlotItem()
        self.plot_item.setDownsampling(auto=True, mode="peak")
        self.plot_item.setClipToView(True)
        self.plot_item.layout.setContentsMargins(2, 4, 8, 2)
        self.plot_item.getViewBox().setLimits(xMin=0.0)  # no iteration comes before 0
        self.plot_item.getViewBox().disableAutoRange()  # the plot follows the data itself (_follow)
        style_axes(self.plot_item)
        self.set_empty(True)

        self.controls = QHBoxLayout()
        self.controls.setContentsMargins(6, 2, 6, 0)
        self.controls.setSpacing(8)
        self.note = QLabel()
        self.note.setStyleSheet("color: #666666;")
        # A long remark is cut at the plot's edge rather than widening the plot's minimum.
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.note.hide()
        self.controls.addWidget(self.note, 1)

        palette = self.palette()  # the control row sits on the plot's white, not a grey strip
        palette.setColor(QPalette.ColorRole.Window, QColor("white"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(TEXT_COLOR))
        self.setPalette(palette)
        self.setAutoFillBackground(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self.controls)
        layout.addWidget(self.plot_widget, 1)
        self.setMinimumSize(self.MINIMUM_SIZE[0], self.MINIMUM_SIZE[1] + 24)

        self.snapshot = None  # the snapshot on screen
        # Whether the view follows the data on x and y: set from the data at each drawing
        # (cheaper than pyqtgraph's auto-range, which measures every item again), until the
        # person zooms or pans that axis; a new run follows again.
        self.following = [True, True]
        self.plot_item.getViewBox().sigRangeChangedManually.connect(self._stop_following)
        self.throttle = Throttle(self, self._show_now, self.MAX_FPS)

    # ----- drawing ---------------------------------------------------------------------

    def show_snapshot(self, snapshot) -> None:
        """Draw ``snapshot`` (cheap; fine to call for every snapshot the trainer sends)."""
        self.throttle.offer(snapshot, self._min_interval(snapshot))

    def flush(self) -> None:
        """Draw the waiting snapshot now, if there is one (e.g. before an export)."""
        self.throttle.flush()

    def _show_now(self, snapshot) -> None:
        if is_new_run(self.snapshot, snapshot):
            self.reset_ranges(snapshot.iteration)
        self.snapshot = snapshot
        self.set_empty(not len(self._drawn_x(snapshot)))
        self._draw(snapshot)
        self._follow(snapshot)
        # Fit the axes and their transform now: left to the paint itself, the new range
        # would ask for a second full repaint straight after the first.
        self.plot_item.getViewBox().prepareForPaint()

    def redraw(self) -> None:
        """Draw the current snapshot again (after a display setting changed)."""
        if self.snapshot is not None:
            self._show_now(self.snapshot)

    def clear(self) -> None:
        """Empty the plot (a new experiment or a reset) and reset its ranges; the items stay for reuse."""
        self.throttle.drop()
        self.snapshot = None
        self._clear_items()
        self.set_empty(True)
        self.reset_ranges()

    def set_empty(self, empty: bool) -> None:
        """Axes without ticks while there is nothing to draw: no made-up range such as 2..9."""
        for name in ("left", "bottom"):
            axis = self.plot_item.getAxis(name)
            if isinstance(axis, PlotAxis):
                axis.set_empty(empty)

    @staticmethod
    def _drawn_x(snapshot) -> np.ndarray:
        """The iterations this plot draws points at (the per-step history; evaluations for some)."""
        return snapshot.history_x

    def reset_ranges(self, last_iteration: float = 0.0) -> None:
        """Show iterations 0..``last_iteration`` (at least 0..1) and follow the data again on
        both axes, whatever the person zoomed to.

        Called before a new run's first drawing: the curves thin themselves out for the range
        on screen, and an old run's range of a million iterations would thin a new run's few
        points down to one, so the view would never find them."""
        view_box = self.plot_item.getViewBox()
        view_box.setXRange(0.0, max(1.0, float(last_iteration)), padding=0.0)
        self._reset_y_range()
        self.following = [True, True]

    def follow_data(self) -> None:
        """Fit both axes to the data again now and at every drawing (e.g. after the log scale changed)."""
        self.following = [True, True]
        if self.snapshot is not None:
            self._follow(self.snapshot)

    def _stop_following(self, changed) -> None:
        """The person zoomed or panned: keep their range on the axes they changed."""
        self.following = [f and not c for f, c in zip(self.following, changed)]

    def _follow(self, snapshot) -> None:
        """Fit the followed axes to the data, with some headroom, and leave them alone while
        the data still fits well: a range that changes redraws its axis (its tick labels),
        which would otherwise happen at every drawing of a growing run."""
        (x_low, x_high), (y_low, y_high) = self.plot_item.getViewBox().viewRange()
        x_range = y_range = None
        if self.following[0]:
            x = self._drawn_x(snapshot)
            last = max(1.0, float(x[-1]) if len(x) else 0.0)
            if not (last <= x_high <= last * (1.0 + 2 * X_HEADROOM)) or x_low > 0:
                x_range = (0.0, last * (1.0 + X_HEADROOM))
        bounds = self._y_bounds() if self.following[1] else None
        if bounds is not None:
            low, high = bounds
            margin = self.Y_MARGIN * (high - low)
            fits = y_low <= low - margin / 2 and high + margin / 2 <= y_high
            if not fits or (high - low) + 2 * margin < 0.8 * (y_high - y_low):
                y_range = (low - margin, high + margin)
        if x_range or y_range:
            self.plot_item.getViewBox().setRange(xRange=x_range, yRange=y_range, padding=0.0)

    def _y_bounds(self) -> tuple[float, float] | None:
        """The finite extent of every curve's y values (their logs on a log axis); None: none."""
        log = self.plot_item.getAxis("left").logMode
        lows, highs = [], []
        for item in self.plot_item.listDataItems():
            y = item.yData
            if y is None or not len(y):
                continue
            y = y[y > 0] if log else y
            with np.errstate(divide="ignore", invalid="ignore"):
                y = np.log10(y) if log else y
            y = y[np.isfinite(y)]
            if len(y):
                lows.append(float(y.min()))
                highs.append(float(y.max()))
        if not lows:
            return None
        low, high = min(lows), max(highs)
        return (low - 0.5, high + 0.5) if high == low else (low, high)

    def _reset_y_range(self) -> None:
        """Plots with a fixed y axis restore it here."""

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.flush()

    def _min_interval(self, snapshot) -> float | None:
        """Seconds between redraws for ``snapshot``; None: 1 / MAX_FPS.

        Curves over the whole history redraw at most ``MAX_FPS`` times a second: they change
        little between frames, and every GUI-thread millisecond is taken from training
        (the GIL). The output view and the network diagram draw more often."""
        return None

    def _draw(self, snapshot) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _clear_items(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    # ----- text ------------------------------------------------------------------------

    def set_note(self, text: str) -> None:
        """A short grey remark above the plot; the row collapses when there is none."""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def set_axis_labels(self, x: str, y: str) -> None:
        self.plot_item.setLabel("bottom", x, **LABEL_STYLE)
        self.plot_item.setLabel("left", y, **LABEL_STYLE)

    def retranslate(self) -> None:
        """A plot with no texts of its own has nothing to rewrite; subclasses name their axes here."""


class LossPlot(PlotPanel):
    """Train and test loss from the evaluations, and the raw per-batch loss as a faint line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        item = self.plot_item
        self.legend = make_legend(item, columns=3)
        faint = QColor(style.BATCH_LOSS)  # opaque: translucent lines cost more to draw
        self.train_curve = make_curve(item, style.TRAIN_LOSS)
        self.test_curve = make_curve(item, style.TEST_LOSS)
        self.batch_curve = make_curve(item, faint, width=1.0, dense=True)
        self.batch_curve.setZValue(-1)  # under the evaluated curves
        for curve in (self.train_curve, self.test_curve, self.batch_curve):
            self.legend.addItem(curve, "")  # named by retranslate()

        self.log_check = QCheckBox()
        self.log_check.toggled.connect(self.set_log_scale)
        # The plot's own context menu can switch log mode too: keep the box in step.
        item.ctrl.logYCheck.toggled.connect(self._log_mode_changed)
        self.controls.addWidget(self.log_check, 0, Qt.AlignmentFlag.AlignRight)
        self.retranslate()

    def retranslate(self) -> None:
        self.set_axis_labels(self.tr("iteration"), self.tr("loss"))
        rename_legend_entry(self.legend, self.train_curve, self.tr("train"))
        rename_legend_entry(self.legend, self.test_curve, self.tr("test"))
        rename_legend_entry(self.legend, self.batch_curve, self.tr("batch"))
        self.log_check.setText(self.tr("Log scale"))
        self.log_check.setToolTip(self.tr("Show the loss on a logarithmic axis"))

    @property
    def log_scale(self) -> bool:
        return self.log_check.isChecked()

    def set_log_scale(self, on: bool) -> None:
        if self.log_check.isChecked() != on:
            self.log_check.setChecked(on)  # comes back here through toggled
            return
        self.plot_item.setLogMode(x=False, y=on)
        self.following = [True, True]
        self.redraw()  # zeros must become gaps (or stop being gaps)

    def _log_mode_changed(self, on: bool) -> None:
        if self.log_check.isChecked() != on:
            self.log_check.setChecked(on)

    def _draw(self, snapshot) -> None:
        log = self.log_scale
        self.batch_curve.setData(snapshot.history_x, finite(snapshot.history["train_loss"], positive=log))
        eval_x = snapshot.eval_x
        for curve, column in ((self.train_curve, "train_loss"), (self.test_curve, "test_loss")):
            y = finite(snapshot.eval_history[column], positive=log)
            set_markers(curve, y)
            curve.setData(eval_x, y)

    def _clear_items(self) -> None:
        for curve in (self.batch_curve, self.train_curve, self.test_curve):
            curve.setData(EMPTY, EMPTY)


class MetricPlot(PlotPanel):
    """Train and test accuracy (classification, y in [0, 1]) or R^2 (regression) per evaluation."""

    # R^2 can start far below zero; the view follows the data but never below this.
    R2_FLOOR = -1.0

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        item = self.plot_item
        self.legend = make_legend(item, columns=2)
        self.train_curve = make_curve(item, style.TRAIN_LOSS)
        self.test_curve = make_curve(item, style.TEST_LOSS)
        for curve in (self.train_curve, self.test_curve):
            self.legend.addItem(curve, "")  # named by retranslate()
        self.metric_name = ""
        self.set_metric("accuracy")

    def retranslate(self) -> None:
        y = "R²" if self.metric_name == "r2" else self.tr("accuracy")  # a symbol, the same in every language
        self.set_axis_labels(self.tr("iteration"), y)
        rename_legend_entry(self.legend, self.train_curve, self.tr("train"))
        rename_legend_entry(self.legend, self.test_curve, self.tr("test"))

    def set_metric(self, name: str) -> None:
        """``"accuracy"`` (fixed 0..1 axis) or ``"r2"`` (follows the data, clamped to [-1, 1])."""
        if name == self.metric_name:
            return
        self.metric_name = name
        self._reset_y_range()
        self.following = [True, True]
        self.retranslate()

    def _reset_y_range(self) -> None:
        """Accuracy on a fixed 0..1 axis; R^2 follows the data but never below R2_FLOOR."""
        vb = self.plot_item.getViewBox()
        # A little room beyond 0 and 1 so their tick labels are not cut off at the edges.
        if self.metric_name == "r2":
            vb.setLimits(yMin=self.R2_FLOOR - 0.06, yMax=1.06)
        else:
            vb.setLimits(yMin=-0.06, yMax=1.06)
            vb.setYRange(-0.05, 1.05, padding=0.0)

    def _y_bounds(self) -> tuple[float, float] | None:
        """Accuracy keeps its fixed axis; R^2 follows the data (the limits keep it above R2_FLOOR)."""
        return super()._y_bounds() if self.metric_name == "r2" else None

    @staticmethod
    def _drawn_x(snapshot) -> np.ndarray:
        return snapshot.eval_x

    @staticmethod
    def metric_of(snapshot) -> str:
        if snapshot.evaluation is not None:
            return snapshot.evaluation.metric_name
        return task_metric(snapshot.experiment.network.task)

    def _draw(self, snapshot) -> None:
        self.set_metric(self.metric_of(snapshot))
        x = snapshot.eval_x
        for curve, column in ((self.train_curve, "train_metric"), (self.test_curve, "test_metric")):
            y = finite(snapshot.eval_history[column])
            set_markers(curve, y)
            curve.setData(x, y)

    def _clear_items(self) -> None:
        for curve in (self.train_curve, self.test_curve):
            curve.setData(EMPTY, EMPTY)
