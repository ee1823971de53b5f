"""The parts of the propagation inspector: its network diagram, its tables and its explanations.

The diagram has one column of circles per layer, a number in each.

What the circles and links show depends on the step (see ``column_values`` and
``link_values``): activations on the way forward, dL/dz on the way back, the new biases and
weights in the update. The layer being computed is highlighted, layers not reached yet are
empty, and the rest are faded. At most ``MAX_UNITS`` neurons of a layer are drawn.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QSizePolicy, QTableWidget,
                               QTableWidgetItem, QToolTip, QWidget)

from ... import style

MAX_UNITS = 16  # neurons shown per layer, in the diagram and the tables
FOOTER_H = 24  # the "… n more" note
MAX_RADIUS = 26.0
HEADER_PAD = 6  # pixels of air on each side of a column's header text
MIN_COLUMN_W = 48  # a column is never narrower, whatever its header (room for a circle)
HIGHLIGHT = QColor("#fff3c4")
PENDING = QColor("#b0b0b0")
TEXT = QColor("#202020")
PHASES = ("forward", "loss", "backward", "update")


def number(value: float, digits: int = 6) -> str:
    """A number as the tables show it: ``digits`` significant digits and a true minus sign."""
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if value == 0:
        return "0"
    text = f"{value:.{digits}g}"
    return text.replace("-", "−")


def short(value: float) -> str:
    """A number short enough for the inside of a circle."""
    value = float(value)
    if math.isfinite(value) and value != 0 and not 1e-3 <= abs(value) < 1e4:
        return f"{value:.1e}".replace("e-0", "e-").replace("e+0", "e").replace("-", "−")
    return number(value, 3)


def shown(count: int) -> int:
    """How many of ``count`` neurons are drawn and listed."""
    return min(count, MAX_UNITS)


@dataclass(frozen=True)
class Column:
    """One column of the diagram: a layer (or the input, or the targets) at the step on show."""
    title: str
    caption: str
    values: np.ndarray | None  # None: not computed yet at this step
    total: int  # neurons in the layer (only the first MAX_UNITS are drawn)
    state: str  # "current", "done", "faded" or "pending"
    square: bool = False  # the targets are squares: they are not neurons


def column_values(trace, phase: str, step_layer: int, column: int) -> tuple[np.ndarray | None, str]:
    """What column ``column`` (0 = the input, k = layer k) shows at a step, and how prominently."""
    if column == 0:
        x = trace.x
        if phase == "forward":
            return x, "current" if step_layer == 0 else "done"
        return x, "faded"
    layer = trace.layers[column - 1]
    if phase == "forward":
        if column > step_layer:
            return None, "pending"
        return layer.a, "current" if column == step_layer else "done"
    if phase == "loss":
        return layer.a, "current" if layer.is_output else "done"
    if phase == "backward":
        if column < step_layer:
            return layer.a, "faded"
        return layer.d_z, "current" if column == step_layer else "done"
    return (layer.bias_after, "current") if column == step_layer else (layer.bias_after, "faded")


def link_values(trace, phase: str, step_layer: int, layer_index: int) -> tuple[np.ndarray, float]:
    """The matrix colouring the links into layer ``layer_index`` and their opacity."""
    layer = trace.layers[layer_index - 1]
    if phase == "forward":
        if layer_index == step_layer:
            return layer.weights, 1.0
        return layer.weights, 0.45 if layer_index < step_layer else 0.12
    if phase == "loss":
        return layer.weights, 0.35
    if phase == "backward":
        if layer_index >= step_layer:
            return layer.d_weights, 1.0 if layer_index == step_layer else 0.4
        return layer.weights, 0.12
    if layer_index == step_layer:
        return layer.weights_after - layer.weights, 1.0  # what the update changes
    return layer.weights_after, 0.2


def _blend(hex_color: str, t: float) -> QColor:
    """White blended ``t`` of the way to ``hex_color``."""
    c = QColor(hex_color)
    t = max(0.0, min(1.0, t))
    return QColor(round(255 + t * (c.red() - 255)), round(255 + t * (c.green() - 255)),
                  round(255 + t * (c.blue() - 255)))


def _fill_color(value: float, scale: float) -> QColor:
    if not math.isfinite(value):
        return QColor("#c8c8c8")
    t = 0.6 * min(1.0, abs(value) / scale) if scale > 0 else 0.0
    return _blend(style.POSITIVE if value >= 0 else style.NEGATIVE, t)


def _scale(values) -> float:
    v = np.abs(np.asarray(values, dtype=float))
    v = v[np.isfinite(v)]
    return float(v.max()) if v.size and v.max() > 0 else 1.0


class NetworkDiagram(QWidget):
    """Paints the columns of a ``StepTrace`` at one step; click a circle to select its neuron."""

    neuron_clicked = Signal(int, int)  # column (0 = the input, k = layer k), unit (0-based)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 260)
        self.setMouseTracking(True)
        self.column_width = float(MIN_COLUMN_W)  # the narrowest a column may be: its widest header
        self.trace = None
        self.phase, self.step_layer = "forward", 0
        self.columns: list[Column] = []
        self.selected: tuple[int, int] | None = None
        self.describe = None  # callable (column, unit) -> tooltip text, set by the window

    def sizeHint(self) -> QSize:
        return QSize(620, 460)

    def show_step(self, trace, phase: str, step_layer: int, columns: list[Column],
                  selected: tuple[int, int] | None) -> None:
        """Draw ``columns`` for the step (``phase``, ``step_layer``) of ``trace``, with ``selected``
        (column, unit) outlined."""
        self.trace, self.phase, self.step_layer = trace, phase, step_layer
        self.columns, self.selected = columns, selected
        # A deep net gets as wide as its headers need (the window scrolls it) rather than
        # squeezing "Hidden 12" into a few pixels, where the titles ran together.
        self.column_width = max([float(MIN_COLUMN_W)] + [self._header_width(c) for c in columns])
        self.setMinimumWidth(max(360, math.ceil(self.column_width * len(columns))))
        self.update()

    def header_font(self, column: Column, caption: bool = False) -> QFont:
        """The font of ``column``'s title (bold for the layer at hand) or of its caption (italic)."""
        font = QFont(self.font())
        font.setBold(column.state == "current" and not caption)
        font.setItalic(caption)
        return font

    def _header_width(self, column: Column) -> float:
        """The width ``column``'s title and caption need, measured bold (so stepping never resizes)."""
        bold = QFont(self.font())
        bold.setBold(True)
        italic = QFont(self.font())
        italic.setItalic(True)
        widths = [QFontMetricsF(bold).horizontalAdvance(line) for line in column.title.split("\n")]
        widths.append(QFontMetricsF(italic).horizontalAdvance(column.caption))
        return max(widths) + 2 * HEADER_PAD

    def _header_heights(self) -> tuple[float, float]:
        """The heights of the titles (two lines: the layer and its activation) and of the captions."""
        line = QFontMetricsF(self.font()).lineSpacing() + 1  # bold and italic lines are no taller
        return 2 * line + 2, line + 2

    def header_rects(self, k: int) -> tuple[QRectF, QRectF]:
        """Where column ``k``'s title and caption are drawn (widget coordinates)."""
        col_w = self._geometry()[0]
        title_h, caption_h = self._header_heights()
        return (QRectF(k * col_w + HEADER_PAD, 4, col_w - 2 * HEADER_PAD, title_h),
                QRectF(k * col_w + HEADER_PAD, 4 + title_h, col_w - 2 * HEADER_PAD, caption_h))

    def circle_center(self, column: int, unit: int) -> QPointF:
        """Where neuron ``unit`` of ``column`` is drawn (widget coordinates), e.g. for tests."""
        return self._geometry()[1](column, unit)

    # ----- painting ---------------------------------------------------------------------

    def _geometry(self):
        count = max(len(self.columns), 1)
        width, height = self.width(), self.height()
        col_w = width / count
        top = 4 + sum(self._header_heights())
        body = max(height - top - FOOTER_H, 40)
        rows = max((shown(c.total) for c in self.columns), default=1)
        pitch = body / rows
        radius = max(6.0, min(MAX_RADIUS, 0.42 * pitch, 0.2 * col_w))

        def center(column: int, unit: int) -> QPointF:
            n = shown(self.columns[column].total)
            y = top + body / 2 + (unit - (n - 1) / 2) * pitch
            return QPointF((column + 0.5) * col_w, y)
        return col_w, center, radius, top, body

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        if self.trace is None or not self.columns:
            painter.end()
            return
        col_w, center, radius, top, body = self._geometry()
        for k, column in enumerate(self.columns):
            if column.state == "current":
                painter.fillRect(QRectF(k * col_w + 4, 2, col_w - 8, self.height() - 4), HIGHLIGHT)
        self._paint_links(painter, center, radius)
        for k, column in enumerate(self.columns):
            self._paint_header(painter, k, column)
            self._paint_column(painter, k, column, center, radius)
        painter.end()

    def _paint_links(self, painter: QPainter, center, radius: float) -> None:
        layers = len(self.trace.layers)
        for k in range(1, layers + 1):
            values, opacity = link_values(self.trace, self.phase, self.step_layer, k)
            fan_in, fan_out = shown(values.shape[0]), shown(values.shape[1])
            part = values[:fan_in, :fan_out]
            scale = _scale(part)
            painter.setOpacity(opacity)
            for i in range(fan_in):
                start = center(k - 1, i) + QPointF(radius, 0)
                for j in range(fan_out):
                    v = float(part[i, j])
                    t = min(1.0, abs(v) / scale) if math.isfinite(v) else 0.0
                    color = QColor(style.POSITIVE if v >= 0 else style.NEGATIVE) if math.isfinite(v) else PENDING
                    painter.setPen(QPen(color, 0.6 + 3.4 * t))
                    painter.drawLine(start, center(k, j) - QPointF(radius, 0))
        painter.setOpacity(1.0)

    def legend(self) -> str:
        """What the colours of the links mean at the step on show (the window shows it under the diagram,
        which may be scrolled)."""
        k = self.step_layer
        text = {"forward": self.tr("Links: the weights w"), "loss": self.tr("Links: the weights w"),
                "backward": self.tr("Links into layer {0} and above: ∂L/∂w").format(max(k, 1)),
                "update": self.tr("Links into layer {0}: the change −η·∂L/∂w").format(k)}[self.phase]
        return text + self.tr("  (blue > 0, orange < 0, thicker = larger)")

    def _paint_header(self, painter: QPainter, k: int, column: Column) -> None:
        title, caption = self.header_rects(k)
        painter.setFont(self.header_font(column))
        painter.setPen(TEXT if column.state != "pending" else PENDING)
        painter.drawText(title, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, column.title)
        painter.setFont(self.header_font(column, caption=True))
        painter.setPen(QColor("#555555"))
        painter.drawText(caption, Qt.AlignmentFlag.AlignCenter, column.caption)

    def _paint_column(self, painter: QPainter, k: int, column: Column, center, radius: float) -> None:
        n = shown(column.total)
        faded = column.state == "faded"
        painter.setOpacity(0.45 if faded else 1.0)
        values = column.values
        scale = _scale(values[:n]) if values is not None else 1.0
        font = QFont(self.font())
        font.setPixelSize(max(7, min(13, int(radius * 0.62))))
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        for unit in range(n):
            c = center(k, unit)
            rect = QRectF(c.x() - radius, c.y() - radius, 2 * radius, 2 * radius)
            selected = self.selected == (k, unit)
            if values is None:
                painter.setPen(QPen(PENDING, 1.2, Qt.PenStyle.DashLine))
                painter.setBrush(QColor("white"))
            else:
                width = 3.0 if selected else 2.0 if column.state == "current" else 1.2
                painter.setPen(QPen(QColor("#111111") if selected else QColor("#555555"), width))
                painter.setBrush(_fill_color(float(values[unit]), scale))
            if column.square:
                painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 3, 3)
            else:
                painter.drawEllipse(rect)
            if values is not None:
                text = short(values[unit])
                painter.setPen(TEXT)
                room = 2 * radius - 4
                if metrics.horizontalAdvance(text) > room:  # squeeze long numbers to fit the circle
                    small = QFont(font)
                    small.setPixelSize(max(6, int(font.pixelSize() * room / metrics.horizontalAdvance(text))))
                    painter.setFont(small)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
                painter.setFont(font)
        painter.setOpacity(1.0)
        if column.total > n:
            last = center(k, n - 1)
            painter.setPen(QColor("#555555"))
            painter.drawText(QRectF(last.x() - 60, last.y() + radius + 2, 120, 16),
                             Qt.AlignmentFlag.AlignCenter, self.tr("… {0} more").format(column.total - n))

    # ----- the mouse ---------------------------------------------------------------------

    def neuron_at(self, pos: QPointF) -> tuple[int, int] | None:
        """The (column, unit) of the circle under ``pos``, or None."""
        if self.trace is None:
            return None
        _, center, radius, _, _ = self._geometry()
        for column, c in enumerate(self.columns):
            for unit in range(shown(c.total)):
                d = center(column, unit) - pos
                if d.x() ** 2 + d.y() ** 2 <= radius ** 2:
                    return column, unit
        return None

    def mousePressEvent(self, event) -> None:
        hit = self.neuron_at(event.position())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self.neuron_clicked.emit(*hit)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        hit = self.neuron_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            hit = self.neuron_at(QPointF(event.pos()))
            text = self.describe(*hit) if hit is not None and self.describe is not None else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


# ----- the window's parts ------------------------------------------------------------

def make_table(parent) -> QTableWidget:
    """A read-only table whose rows are selected whole, one at a time, and which leaves the arrow keys to the window."""
    table = QTableWidget(parent)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the arrow keys step through the phases instead
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
    table.horizontalHeader().setStretchLastSection(False)
    table.setAlternatingRowColors(True)
    return table


def fill_table(table: QTableWidget, headers, rows) -> None:
    """Replace ``table``'s contents; numbers (floats) are right-aligned, with the full value as tooltip."""
    table.clearContents()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, (float, np.floating)):
                item = QTableWidgetItem(number(value))
                item.setToolTip(repr(float(value)))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            else:
                item = QTableWidgetItem(str(value))
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    for c in range(len(headers)):  # names as narrow as they can be, numbers share the rest
        numeric = any(isinstance(row[c], (float, np.floating)) for row in rows)
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if numeric else
                                    QHeaderView.ResizeMode.ResizeToContents)
