"""A sweep's results drawn: its grid of final numbers as a heat map, and chosen runs' curves.

``SweepHeatMap`` shows a ``GridSummary`` (core/sweep_results.py): one coloured cell per
combination of the settings' values, written with its mean and spread over the seeds. Rows
arrive one by one while a sweep runs, so a redraw for the same plan only replaces the image's
data and the cells' texts; a new plan builds the cells again.

``SweepCurves`` reads runs' metrics.csv files, which a running sweep may still be writing: a
last line without its newline is left for the next read, and a file that is missing or cannot
be read is left out, never an exception. A long run is thinned to at most ``MAX_POINTS``
points per curve, keeping each stretch's lowest and highest value (as the loss plot's "peak"
downsampling does), so a spike stays visible.
"""
from __future__ import annotations

import html
import math
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QTextOption
from PySide6.QtWidgets import QCheckBox, QGraphicsRectItem, QGridLayout, QLabel, QVBoxLayout, QWidget

from ...core.sweep import value_text
from .. import style
from ..language import Retranslating
from ..plots.axes import PlotAxis
from ..plots.colormaps import NAN_RGB
from ..plots.curves import (BACKGROUND, EMPTY, LABEL_STYLE, TEXT_COLOR, finite, make_curve, set_markers, style_axes)
from ..labs.common import LEGEND_GAP, SOLID
from ..plots.gradients import HEATMAP_COLORMAP

COLORMAP = pg.colormap.get(HEATMAP_COLORMAP)  # perceptual: equal steps in number look like equal steps
TITLE_SIZE = "9pt"
# Losses spanning more than this factor get colours by log10: a diverging corner at 2.0
# would otherwise paint every good cell the same dark colour.
LOG_SPAN = 20.0
LIGHT_TEXT = "#ffffff"
# Relative luminance above which dark text contrasts more than white (WCAG: equal contrast at 0.179).
BRIGHT = 0.179
BEST_PEN = pg.mkPen("#ff2d2d", width=3)  # cosmetic: 3 px whatever the cell's size
NO_NUMBER = "–"
MAX_POINTS = 2000  # per drawn curve
CURVE_COLUMNS = ("iteration", "train_loss", "test_loss")


def luminance(rgb) -> float:
    """Relative luminance (0 black .. 1 white) of an sRGB colour given as 0..255 numbers."""
    c = np.asarray(rgb[:3], dtype=float) / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(linear @ np.array([0.2126, 0.7152, 0.0722]))


def number_text(value: float) -> str:
    """A final number as a cell writes it: three significant digits."""
    return f"{value:.3g}"


def set_centred_text(item: pg.TextItem, text: str, colour: QColor) -> None:
    """Show ``text`` in ``item`` with every line centred (a TextItem aligns its lines left)."""
    item.setText(text, color=colour)
    label = item.textItem
    label.setTextWidth(-1)  # measure the widest line afresh, then centre the lines within it
    label.setTextWidth(label.document().idealWidth())
    item.updateTextPos()  # re-anchor on the new bounds


class SweepHeatMap(Retranslating, QWidget):
    """One final number (mean over seeds) per grid cell: the first setting's values across,
    the second's up; each cell written "mean\\n± spread", the best cell outlined.

    ``texts`` maps a cell (i, j) to its TextItem; ``image`` is the ImageItem, whose data are
    the means (their log10 when ``log_scale``); ``title`` is the line above the map."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget(background=BACKGROUND)
        self.plot_item: pg.PlotItem = self.plot_widget.getPlotItem()
        style_axes(self.plot_item)
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        view_box = self.plot_item.getViewBox()
        view_box.setMouseEnabled(False, False)  # a fixed grid: nothing to pan or zoom
        view_box.setDefaultPadding(0.0)
        # NaN pixels of an image are transparent: this grey behind the grid shows through them.
        self.backdrop = QGraphicsRectItem()
        self.backdrop.setBrush(pg.mkBrush(*NAN_RGB))
        self.backdrop.setPen(pg.mkPen(None))
        self.backdrop.setZValue(-2)
        self.image = pg.ImageItem(axisOrder="col-major")  # image[i, j] is at x = i, y = j
        self.image.setColorMap(COLORMAP)
        self.outline = QGraphicsRectItem()
        self.outline.setPen(BEST_PEN)
        self.outline.setZValue(2)
        for item in (self.backdrop, self.image, self.outline):
            self.plot_item.addItem(item)
        self.plan = None
        self.summary = None
        self.texts: dict[tuple[int, int], pg.TextItem] = {}
        self.log_scale = False
        self.title = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        self.clear()
        self.retranslate()

    # ----- public ----------------------------------------------------------------------------

    def show_summary(self, plan, summary) -> None:
        """Draw ``summary`` (a GridSummary over ``plan``'s grid)."""
        if plan != self.plan:
            self._build(plan)
        self.summary = summary
        values = self._colour_values(summary)
        levels = self._levels(values)
        n1, n2 = plan.shape
        self.image.setImage(values, autoLevels=False, levels=levels)
        self.image.setRect(QRectF(-0.5, -0.5, n1, n2))
        for (i, j), item in self.texts.items():
            set_centred_text(item, self._cell_text(summary, i, j), self._text_colour(values[i, j], levels))
        best = self.best_cell
        self.outline.setVisible(best is not None)
        if best is not None:  # inset a little: at the grid's edge the view would clip half the line
            self.outline.setRect(QRectF(best[0] - 0.5, best[1] - 0.5, 1.0, 1.0).adjusted(0.02, 0.02, -0.02, -0.02))
        self._set_title(plan, summary)

    def clear(self) -> None:
        """Show nothing: no cells, no title (a new sweep before its plan is known)."""
        for item in self.texts.values():
            self.plot_item.removeItem(item)
        self.texts = {}
        self.plan = self.summary = None
        self.log_scale = False
        self.image.clear()
        self.outline.hide()
        self.backdrop.setRect(QRectF())
        for name in ("bottom", "left"):
            axis = self.plot_item.getAxis(name)
            axis.setTicks([[], []])
            axis.setLabel("")
            axis.showLabel(False)
        self._set_empty_title()

    def cell_text(self, i: int, j: int = 0) -> str:
        """The text cell (i, j) shows (i: first setting's value, j: second's)."""
        return self.texts[(i, j)].toPlainText()

    @property
    def best_cell(self) -> tuple[int, int] | None:
        """The cell with the best mean (lowest loss, highest accuracy or R²); None: no number yet."""
        if self.summary is None:
            return None
        mean = self.summary.mean
        if not np.isfinite(mean).any():
            return None
        higher_is_better = self.summary.column == "metric"
        flat = np.nanargmax(mean) if higher_is_better else np.nanargmin(mean)
        i, j = np.unravel_index(flat, mean.shape)
        return int(i), int(j)

    def retranslate(self) -> None:
        """The title and the cells' "diverged" in the current language; the numbers stay."""
        if self.plan is not None:
            self.show_summary(self.plan, self.summary)
        else:
            self._set_empty_title()

    def _set_empty_title(self) -> None:
        self.title = self.tr("No sweep on show: start one, or open a saved one")
        self.plot_item.setTitle(self.title, color=TEXT_COLOR, size=TITLE_SIZE)

    # ----- drawing ---------------------------------------------------------------------------

    def _build(self, plan) -> None:
        """The cells' texts and the axes for a new plan."""
        self.clear()
        self.plan = plan
        n1, n2 = plan.shape
        font = QFont()
        font.setPointSize(9 if max(n1, n2) <= 4 else 8 if max(n1, n2) <= 8 else 7)  # 12 x 12 still fits
        for i in range(n1):
            for j in range(n2):
                item = pg.TextItem("", anchor=(0.5, 0.5))
                item.setFont(font)
                item.textItem.document().setDefaultTextOption(QTextOption(Qt.AlignmentFlag.AlignHCenter))
                item.setPos(i, j)
                self.plot_item.addItem(item)
                self.texts[(i, j)] = item
        self.backdrop.setRect(QRectF(-0.5, -0.5, n1, n2))
        for name, setting in zip(("bottom", "left"), plan.settings):
            axis = self.plot_item.getAxis(name)
            axis.setTicks([[(k, value_text(v)) for k, v in enumerate(setting.values)], []])
            axis.setLabel(setting.path, **LABEL_STYLE)
        self.plot_item.getViewBox().setRange(xRange=(-0.5, n1 - 0.5), yRange=(-0.5, n2 - 0.5), padding=0.0)

    def _colour_values(self, summary) -> np.ndarray:
        """What the colours show: the means, or their log10 for losses spanning more than LOG_SPAN."""
        mean = np.asarray(summary.mean, dtype=float)
        numbers = mean[np.isfinite(mean)]
        self.log_scale = bool(summary.column != "metric" and numbers.size and (numbers > 0).all()
                              and numbers.max() > LOG_SPAN * numbers.min())
        if not self.log_scale:
            return mean
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log10(mean)

    @staticmethod
    def _levels(values: np.ndarray) -> tuple[float, float]:
        """The colour map's ends: the finite values' extent (a single value sits mid-map)."""
        numbers = values[np.isfinite(values)]
        if not numbers.size:
            return 0.0, 1.0
        low, high = float(numbers.min()), float(numbers.max())
        return (low - 0.5, high + 0.5) if high == low else (low, high)

    @staticmethod
    def _text_colour(value: float, levels: tuple[float, float]) -> QColor:
        """Dark text on a light cell, white on a dark one (a cell without a number is light grey)."""
        if math.isfinite(value):
            rgb = COLORMAP.map((value - levels[0]) / (levels[1] - levels[0]), mode="byte")
        else:
            rgb = NAN_RGB
        return QColor(TEXT_COLOR if luminance(rgb) > BRIGHT else LIGHT_TEXT)

    def _cell_text(self, summary, i: int, j: int) -> str:
        """"mean\\n± spread" (the spread needs two seeds), "–" without a number; and how many
        of the cell's finished runs diverged, if any did."""
        mean, spread = float(summary.mean[i, j]), float(summary.spread[i, j])
        lines = [number_text(mean) if math.isfinite(mean) else NO_NUMBER]
        if math.isfinite(spread):
            lines.append(f"± {number_text(spread)}")
        diverged = int(summary.diverged[i, j])
        if diverged:
            lines.append(self.tr("{0} of {1} diverged").format(diverged, int(summary.finished[i, j])))
        return "\n".join(lines)

    def _set_title(self, plan, summary) -> None:
        """"Final test loss: mean ± spread over 3 seeds", and whether the colours are logarithmic."""
        regression = plan.metric == "r2"
        name = {"train_loss": self.tr("Final training loss"), "test_loss": self.tr("Final test loss"),
                "metric": self.tr("Final test R²") if regression else self.tr("Final test accuracy")}[summary.column]
        seeds = len(plan.seeds)
        if seeds > 1:
            text = self.tr("{0}: mean ± spread (standard deviation) over {1} seeds").format(name, seeds)
        else:
            text = self.tr("{0}: one seed").format(name)
        if self.log_scale:
            text = self.tr("{0}; colours on a log scale").format(text)
        self.title = text
        self.plot_item.setTitle(text, color=TEXT_COLOR, size=TITLE_SIZE)


# ----- curves ----------------------------------------------------------------------------------


def read_curves(path) -> dict[str, np.ndarray] | None:
    """``iteration``, ``train_loss`` (the batch's) and ``test_loss`` (NaN where not evaluated)
    from the metrics.csv at ``path``; None if it is missing, unreadable or not a metrics.csv.
    A last line without its newline is still being written and is left out."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines.pop()
    if not lines:
        return None
    header = lines[0].strip().split(",")
    if not set(CURVE_COLUMNS) <= set(header):
        return None
    columns = [header.index(c) for c in CURVE_COLUMNS]
    if len(lines) == 1:
        return {c: EMPTY for c in CURVE_COLUMNS}
    try:
        # Only the test loss has empty cells (no evaluation): only it needs a Python converter,
        # so the other columns keep loadtxt's fast path (50,000 rows in a few tens of ms).
        table = np.loadtxt(lines[1:], delimiter=",", usecols=columns, ndmin=2,
                           converters={columns[2]: lambda s: float(s) if s.strip() else math.nan})
    except ValueError:
        return None
    return {c: table[:, k] for k, c in enumerate(CURVE_COLUMNS)}


def thin(x: np.ndarray, y: np.ndarray, limit: int = MAX_POINTS) -> tuple[np.ndarray, np.ndarray]:
    """At most ``limit`` points of (x, y): each of ``limit // 2`` equal stretches keeps its lowest
    and highest point, in order, so spikes survive; a stretch of NaN keeps a NaN (a gap)."""
    n = len(x)
    if n <= limit:
        return x, y
    bins = limit // 2
    width = math.ceil(n / bins)
    padded = np.full(bins * width, np.nan)
    padded[:n] = y
    # NaN never wins a stretch with a number; real points come before the padding, so a
    # stretch's first point is only picked when it has no number at all.
    low = np.argmin(np.where(np.isnan(padded), np.inf, padded).reshape(bins, width), axis=1)
    high = np.argmax(np.where(np.isnan(padded), -np.inf, padded).reshape(bins, width), axis=1)
    starts = np.arange(bins) * width
    keep = np.unique(np.concatenate([starts + low, starts + high]))
    keep = keep[keep < n]
    return x[keep], y[keep]


class SweepCurves(Retranslating, QWidget):
    """Chosen runs' batch loss (left) and test loss (right) against iteration, one colour per
    run in both plots, named once in the ``legend`` under them; "Log scale" puts both y axes in
    decades."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.batch_title, self.batch_plot = self._plot()
        self.test_title, self.test_plot = self._plot()
        self.legend = QLabel(self, wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.log_check = QCheckBox(self)
        self.log_check.toggled.connect(self._set_log_scale)
        # Per drawn run: its label, its (x, y) arrays by curve ("batch", "test") and its two lines.
        self.runs: list[tuple[str, dict[str, tuple[np.ndarray, np.ndarray]], pg.PlotDataItem, pg.PlotDataItem]] = []
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.log_check, 0, 0, 1, 2, Qt.AlignmentFlag.AlignRight)
        for column, (title, plot) in enumerate(((self.batch_title, self.batch_plot),
                                                (self.test_title, self.test_plot))):
            layout.addWidget(title, 1, column)
            layout.addWidget(plot, 2, column)
        layout.addWidget(self.legend, 3, 0, 1, 2)
        layout.setRowStretch(2, 1)
        self.retranslate()
        self.clear()

    def _plot(self) -> tuple[QLabel, pg.PlotWidget]:
        title = QLabel(self)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet(f"color: {TEXT_COLOR};")
        plot = pg.PlotWidget(background=BACKGROUND,
                             axisItems={"left": PlotAxis("left"), "bottom": PlotAxis("bottom", integer=True)})
        plot.setMinimumSize(200, 150)
        item = plot.getPlotItem()
        item.layout.setContentsMargins(2, 4, 8, 2)
        style_axes(item)
        return title, plot

    def retranslate(self) -> None:
        """Every visible text in the current language."""
        self.batch_title.setText(self.tr("Batch loss (training)"))
        self.test_title.setText(self.tr("Test loss"))
        self.log_check.setText(self.tr("Log scale"))
        self.log_check.setToolTip(self.tr("Show the losses on a logarithmic axis"))
        for plot in (self.batch_plot, self.test_plot):
            plot.getPlotItem().setLabel("bottom", self.tr("iteration"), **LABEL_STYLE)
            plot.getPlotItem().setLabel("left", self.tr("loss"), **LABEL_STYLE)

    def show_runs(self, runs) -> None:
        """Draw the runs given as (label, metrics.csv path); a run whose file is missing or
        cannot be read yet is left out. A run's colour follows its place in ``runs``."""
        self.clear()
        entries = []
        for index, (label, path) in enumerate(runs):
            table = read_curves(path)
            if table is None:
                continue
            x, test = table["iteration"], table["test_loss"]
            evaluated = ~np.isnan(test)
            data = {"batch": thin(x, table["train_loss"]), "test": thin(x[evaluated], test[evaluated])}
            color = style.layer_color(index)
            batch = make_curve(self.batch_plot.getPlotItem(), color, width=1.0, dense=True)
            curve = make_curve(self.test_plot.getPlotItem(), color)
            entries.append(f'<span style="color:{color.name()}"><b>{SOLID}</b></span>&nbsp;{html.escape(label)}')
            self.runs.append((label, data, batch, curve))
        self.legend.setText(LEGEND_GAP.join(entries))
        self._draw()

    def clear(self) -> None:
        """No runs drawn."""
        for _, _, batch, test in self.runs:
            self.batch_plot.getPlotItem().removeItem(batch)
            self.test_plot.getPlotItem().removeItem(test)
        self.legend.clear()
        self.runs = []
        self._set_empty(True)

    def curve_data(self, label: str) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """The (x, y) arrays drawn for run ``label``: ``batch`` (every row's batch loss, thinned)
        and ``test`` (the evaluated rows' test loss); KeyError if no run of that label is drawn."""
        for name, data, _, _ in self.runs:
            if name == label:
                return data
        raise KeyError(label)

    @property
    def log_scale(self) -> bool:
        """Whether the y axes are logarithmic."""
        return self.log_check.isChecked()

    def _set_log_scale(self, on: bool) -> None:
        for plot in (self.batch_plot, self.test_plot):
            plot.getPlotItem().setLogMode(x=False, y=on)
        self._draw()  # zeros must become gaps (or stop being gaps)

    def _draw(self) -> None:
        log = self.log_scale
        for _, data, batch, test in self.runs:
            batch.setData(data["batch"][0], finite(data["batch"][1], positive=log))
            y = finite(data["test"][1], positive=log)
            set_markers(test, y)
            test.setData(data["test"][0], y)
        self._set_empty(not self.runs)
        for plot in (self.batch_plot, self.test_plot):
            plot.getPlotItem().enableAutoRange()

    def _set_empty(self, empty: bool) -> None:
        """Axes without ticks while no run is drawn: no made-up range such as 0..1."""
        for plot in (self.batch_plot, self.test_plot):
            for name in ("left", "bottom"):
                plot.getPlotItem().getAxis(name).set_empty(empty)
