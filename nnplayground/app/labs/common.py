"""What several labs share: the plot with its legend under the title, the frame of a tab,
the faint red wash of a saturation zone and the log scale of the "×0.1 to ×10" sliders.

The shared pieces that show text of their own (a tab's settings box, a source combo's first
item) are small Retranslating widgets, so every lab gets them rewritten on a language switch
without doing anything; a lab's own texts are written in its own ``retranslate()``.

Every plot keeps its items between draws and only replaces their data (``setData``), so a
redraw costs little of the GIL a trainer needs. Non-finite numbers become gaps
(``finite``), never exceptions.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QMainWindow,
                               QSizePolicy, QVBoxLayout, QWidget)

from ...core.presets import list_presets, load_preset
from ..plots.curves import EMPTY, LABEL_STYLE, TEXT_COLOR, finite, make_curve, set_markers, style_axes
from ..plots.gradients import LayerAxis
from ..language import Retranslating
from ..widgets import SliderRow, set_item_texts

CURRENT = ""  # a source combo's item for the main window's experiment
LEFT_WIDTH = 330
TITLE_SIZE = "9pt"
LEGEND_SIZE = "8pt"
LEGEND_GAP = "&nbsp;" * 5
SOLID, DASHED, MARKER = "━━", "‒ ‒ ‒", "●"  # legend samples
LOG_AXIS_WIDTH = 58
ZONE_BRUSH = (214, 39, 40, 38)  # a saturation zone: a faint red wash
ZONE_PEN = (214, 39, 40, 110)
SCALE_STEPS_PER_DECADE = 10  # 1.0, 1.3, 1.6, 2.0, 2.5, 3.2, 4.0, 5.0, 6.3, 7.9, 10


def log_position(value: float) -> int:
    """Slider position 0..20 for a scale between 0.1 and 10."""
    return int(round((math.log10(value) + 1) * SCALE_STEPS_PER_DECADE))


def log_value(position: int) -> float:
    """The scale at a slider position (two significant digits): the inverse of ``log_position``."""
    return float(f"{10 ** (position / SCALE_STEPS_PER_DECADE - 1):.2g}")


def scale_slider(parent, value: float, text, *, widest: str = "×10.00") -> SliderRow:
    """A slider over the scales 0.1 to 10, evenly spaced in log10, starting at ``value``;
    ``text`` writes a scale beside it."""
    return SliderRow(0, 2 * SCALE_STEPS_PER_DECADE, log_position(value), log_value, text, parent, widest=widest)


def zone_region(low: float, high: float) -> pg.LinearRegionItem:
    """The faint red band that marks a saturation zone from ``low`` to ``high`` on the x axis."""
    return pg.LinearRegionItem((low, high), brush=pg.mkBrush(*ZONE_BRUSH), pen=pg.mkPen(ZONE_PEN), movable=False)


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
    """10^n as an axis shows it: 0.01 to 100 written out, "10⁻⁵" beyond."""
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
        self.item.setTitle(" ", size=TITLE_SIZE)  # the title row from the start: no jump at the first draw

    def set_title(self, text: str) -> None:
        """The title line (the legend goes under it)."""
        if text != self.title:
            self.title = text
            self._show_title()

    def set_extra_entries(self, entries) -> None:
        """Legend entries after the curves', as (sample, colour, name): a band, markers, a line."""
        entries = list(entries)
        if entries != self.extra_entries:
            self.extra_entries = entries
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
        """The axis titles."""
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
                curve.sigPlotChanged.connect(self._show_ticks_with_data)
                self.curves.append(curve)
            self.series = series
            self._show_title()
            self._show_ticks_with_data()
        return self.curves

    def _show_ticks_with_data(self, *_) -> None:
        """Curves with nothing to draw yet get axes without numbers: an empty log axis would
        otherwise read "1 ... 10" and an empty iteration axis "0.2 ... 0.8" before any data."""
        empty = bool(self.curves) and not any(
            curve.yData is not None and np.isfinite(curve.yData).any() for curve in self.curves)
        for name in ("left", "bottom"):
            axis = self.item.getAxis(name)
            if axis.style["showValues"] == empty:
                axis.setStyle(showValues=not empty)

    def set_curve(self, index: int, x, y) -> None:
        """Curve ``index`` shows (x, y); non-finite y (and y <= 0 on a log axis) become gaps."""
        y = finite(y, positive=self.log_y)
        if self.markers_when_few:  # a single step's point would otherwise be invisible
            set_markers(self.curves[index], y)
        self.curves[index].setData(np.asarray(x, dtype=float), y)

    def clear_curves(self) -> None:
        """Empty every curve (a new network: the old ones mean nothing now)."""
        for curve in self.curves:
            curve.setData(EMPTY, EMPTY)



def set_tip(widget: QWidget, text: str) -> None:
    """``text`` as the tooltip of ``widget``, and of its slider too when it is a SliderRow (the
    slider is the control a person points at)."""
    widget.setToolTip(text)
    if isinstance(widget, SliderRow):
        widget.slider.setToolTip(text)


class SettingsBox(Retranslating, QGroupBox):
    """A tab's settings box: titled "Settings" unless a tab gives it another title with
    ``set_title_text`` (a function returning the translated title, called at every switch)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title_text = lambda: self.tr("Settings")
        self.retranslate()

    def set_title_text(self, title_text) -> None:
        """Title the box with ``title_text()`` now and after every language switch."""
        self.title_text = title_text
        self.retranslate()

    def retranslate(self) -> None:
        """The title in the current language."""
        self.setTitle(self.title_text())


class TabFrame(QWidget):
    """The frame of a lab's tab: an ``explanation`` above a ``settings`` box on the left (its
    rows go in ``form``; more boxes in ``left``), plots in the grid ``plot_area`` on the right
    (more above it in ``right``). A tab fills it, then calls ``finish_left``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.RichText)
        self.explanation.setStyleSheet("QLabel { background: #f4f6f8; border: 1px solid #dde1e5;"
                                       " border-radius: 4px; padding: 8px; color: #222; }")
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.settings = SettingsBox(self)
        self.settings.setLayout(self.form)
        left_widget = QWidget(self)
        left_widget.setFixedWidth(LEFT_WIDTH)
        self.left = QVBoxLayout(left_widget)
        self.left.setContentsMargins(0, 0, 0, 0)
        self.left.addWidget(self.explanation)
        self.left.addWidget(self.settings)

        self.right = QVBoxLayout()
        self.right.setSpacing(6)
        self.plot_area = QGridLayout()
        self.plot_area.setSpacing(8)
        self.right.addLayout(self.plot_area, 1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(12)
        layout.addWidget(left_widget)
        layout.addLayout(self.right, 1)

    def finish_left(self) -> None:
        """Push the left column's boxes to the top."""
        self.left.addStretch(1)

    def add_row(self, field: QWidget) -> None:
        """A row of the settings form for ``field``, named later by ``name_rows`` (in a tab's
        ``retranslate``, so the name follows the language)."""
        self.form.addRow(QLabel(self), field)

    def name_rows(self, names) -> None:
        """Write the names of form rows: ``names`` is (field, name) pairs."""
        for field, name in names:
            self.form.labelForField(field).setText(name)


class LabWindow(QMainWindow):
    """A lab's window: made once by the main window, hidden on close and shown again as it
    was; ``shutdown()`` ends it for good when the application exits."""

    def shutdown(self) -> None:
        """Close for good; labs with a worker thread also stop it."""
        self.close()


class SourceCombo(Retranslating, QComboBox):
    """A ``source_combo``: its first item names the main window's experiment in the current
    language (preset names are names and stay as they are)."""

    def retranslate(self) -> None:
        """The main window's item in the current language; the choice stays."""
        if self.count() and self.itemData(0) == CURRENT:
            set_item_texts(self, [self.main_window_text()])

    def main_window_text(self) -> str:
        """The text of the item for the main window's experiment."""
        return self.tr("Main window's experiment")


def source_combo(parent, model, tip: str) -> QComboBox:
    """A combo of the experiments a lab can take: the main window's (when it has a ``model``)
    and every preset of a plane (a recurrent net's preset lives in the gradient lab)."""
    combo = SourceCombo(parent, toolTip=tip)
    if model is not None:
        combo.addItem(combo.main_window_text(), CURRENT)
    for p in list_presets():
        if not load_preset(p.name).data.is_sequence:
            combo.addItem(p.name, p.name)
    return combo


def source_experiment(combo: QComboBox, model):
    """The experiment picked in a ``source_combo``: the model's current one, or a preset."""
    name = combo.currentData()
    return model.experiment if name == CURRENT else load_preset(name)
