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
from PySide6.QtWidgets import (QAbstractItemView, QDoubleSpinBox, QHeaderView, QSizePolicy, QTableWidget,
                               QTableWidgetItem, QToolTip, QWidget)

from ....core.activations import ACTIVATIONS
from ... import style

MAX_UNITS = 16  # neurons shown per layer, in the diagram and the tables
MAX_TERMS = 6  # terms of a sum written out in full in an explanation
HEADER_H = 40
CAPTION_H = 18
FOOTER_H = 40  # the "… n more" note and the legend
MAX_RADIUS = 26.0
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


def activation_name(name: str) -> str:
    """How the rest of the app writes an activation: "Leaky ReLU", not "leaky_relu"."""
    return ACTIVATIONS[name].display_name if name in ACTIVATIONS else name


def shown(count: int) -> int:
    return min(count, MAX_UNITS)


@dataclass(frozen=True)
class Column:
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
        self.trace = None
        self.phase, self.step_layer = "forward", 0
        self.columns: list[Column] = []
        self.selected: tuple[int, int] | None = None
        self.describe = None  # callable (column, unit) -> tooltip text, set by the window

    def sizeHint(self) -> QSize:
        return QSize(620, 460)

    def show_step(self, trace, phase: str, step_layer: int, columns: list[Column],
                  selected: tuple[int, int] | None) -> None:
        self.trace, self.phase, self.step_layer = trace, phase, step_layer
        self.columns, self.selected = columns, selected
        self.update()

    def circle_center(self, column: int, unit: int) -> QPointF:
        """Where neuron ``unit`` of ``column`` is drawn (widget coordinates), e.g. for tests."""
        return self._geometry()[1](column, unit)

    # ----- painting ---------------------------------------------------------------------

    def _geometry(self):
        count = max(len(self.columns), 1)
        width, height = self.width(), self.height()
        col_w = width / count
        top = HEADER_H + CAPTION_H
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
        self._paint_legend(painter)
        for k, column in enumerate(self.columns):
            self._paint_header(painter, k, column, col_w)
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

    def _paint_legend(self, painter: QPainter) -> None:
        """What the colours of the links mean at this step, bottom left."""
        k = self.step_layer
        text = {"forward": self.tr("Links: the weights w"), "loss": self.tr("Links: the weights w"),
                "backward": self.tr("Links into layer {0} and above: ∂L/∂w").format(max(k, 1)),
                "update": self.tr("Links into layer {0}: the change −η·∂L/∂w").format(k)}[self.phase]
        text += self.tr("  (blue > 0, orange < 0, thicker = larger)")
        painter.setPen(QColor("#555555"))
        painter.drawText(QRectF(6, self.height() - FOOTER_H, self.width() - 12, FOOTER_H - 2),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, text)

    def _paint_header(self, painter: QPainter, k: int, column: Column, col_w: float) -> None:
        font = QFont(self.font())
        font.setBold(column.state == "current")
        painter.setFont(font)
        painter.setPen(TEXT if column.state != "pending" else PENDING)
        painter.drawText(QRectF(k * col_w, 4, col_w, HEADER_H - 4),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, column.title)
        font.setBold(False)
        font.setItalic(True)
        painter.setFont(font)
        painter.setPen(QColor("#555555"))
        painter.drawText(QRectF(k * col_w, HEADER_H, col_w, CAPTION_H), Qt.AlignmentFlag.AlignCenter, column.caption)

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

class NumberSpin(QDoubleSpinBox):
    """A spin box that writes its value as briefly as possible (0.03, not 0.030000)."""

    def textFromValue(self, value: float) -> str:
        return f"{value:g}"


def make_table(parent) -> QTableWidget:
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


def term(value) -> str:
    """A number inside a formula: 4 significant digits, in brackets when negative."""
    text = number(value, 4)
    return f"({text})" if text.startswith("−") else text


class blocked:
    """Block the signals of some widgets for the duration of a ``with``."""

    def __init__(self, *widgets):
        self.widgets = widgets

    def __enter__(self):
        self.states = [w.blockSignals(True) for w in self.widgets]

    def __exit__(self, *exc):
        for w, state in zip(self.widgets, self.states):
            w.blockSignals(state)


class Explanations:
    """The propagation inspector's texts that spell out one computation with the sample's
    numbers (a mix-in of the window: it reads ``trace``, the step and the names there)."""

    def _sum(self, pairs) -> str:
        """"a·w + a·w + ..." for (a, w) pairs, the first MAX_TERMS written out."""
        parts = [f"{term(a)}·{term(w)}" for a, w in pairs[:MAX_TERMS]]
        if len(pairs) > MAX_TERMS:
            parts.append(self.tr("… ({0} more terms)").format(len(pairs) - MAX_TERMS))
        return " + ".join(parts)

    def _fprime_text(self, layer, j) -> str:
        a, z = term(layer.a[j]), term(layer.z[j])
        return {"sigmoid": f"a(1 − a) = {a}·(1 − {a})", "tanh": f"1 − a² = 1 − {a}²",
                "relu": self.tr("1 if z > 0, else 0 (z = {0})").format(z),
                "leaky_relu": self.tr("1 if z > 0, else α = {0} (z = {1})").format(term(layer.alpha), z),
                "linear": self.tr("1 (linear)")}[layer.activation]

    def loss_formula(self) -> str:
        """The loss written out with the sample's numbers (HTML)."""
        t = self.trace
        p, y, z, value = t.prediction, t.y, t.output_z, number(t.data_loss)
        if t.loss_name == "bce":
            text = self.tr("Binary cross-entropy: L = −[y·log p + (1 − y)·log(1 − p)] "
                           "= −[{0}·log {1} + {2}·log {3}] = <b>{4}</b>").format(
                term(y[0]), term(p[0]), term(1 - y[0]), term(1 - p[0]), value)
        elif t.loss_name == "softmax_ce":
            c = int(np.argmax(y))
            text = self.tr("Cross-entropy: L = −Σ y<sub>c</sub>·log p<sub>c</sub> = −log p<sub>{0}</sub> "
                           "(the target class) = −log {1} = <b>{2}</b>").format(c, term(p[c]), value)
        elif t.loss_name == "mse":
            text = self.tr("Squared error: L = (ŷ − y)² = ({0} − {1})² = <b>{2}</b>").format(
                term(z[0]), term(y[0]), value)
        else:
            r, d = float(z[0] - y[0]), t.huber_delta
            if abs(r) <= d:
                text = self.tr("Huber: r = ŷ − y = {0}; |r| ≤ δ = {1}, so L = ½r² = <b>{2}</b>").format(
                    term(r), term(d), value)
            else:
                text = self.tr("Huber: r = ŷ − y = {0}; |r| > δ = {1}, so L = δ(|r| − δ/2) = <b>{2}</b> "
                               "(linear far from the target: an outlier pulls no harder than δ)").format(
                    term(r), term(d), value)
        if t.penalty:
            text += self.tr("<br>Plus the penalty on the weights, {0}: the total L = <b>{1}</b>").format(
                number(t.penalty), number(t.loss))
        return text

    def _explain(self) -> None:
        t, phase, k, j = self.trace, self.phase, self.step_layer, self.selected_unit
        if phase == "forward" and k == 0:
            text = self.tr("The input layer holds the sample's features, a<sub>0</sub> = x. Nothing is computed "
                           "here; press Next to compute the first layer.")
        elif phase == "forward":
            layer = t.layers[k - 1]
            name = (self.tr("Softmax over all the outputs") if layer.activation == "softmax"
                    else activation_name(layer.activation))
            text = self.tr("<b>{0}</b>: z = b + Σ a·w = {1} + {2} = <b>{3}</b><br>a = f(z) with f = {4}: "
                           "<b>{5}</b>").format(self.unit_name(k, j), term(layer.bias[j]),
                                                self._sum(list(zip(layer.inputs, layer.weights[:, j]))),
                                                number(layer.z[j]), name, number(layer.a[j]))
        elif phase == "loss":
            text = self.loss_formula()
        elif phase == "backward":
            text = self._explain_backward(t, k, j)
        else:
            layer = t.layers[k - 1]
            lr = term(t.learning_rate)
            text = self.tr("Gradient descent moves every parameter a small step against its gradient: "
                           "w ← w − η·∂L/∂w, with η = {0}.<br>"
                           "<b>{1}</b>: bias {2} − {3}·{4} = <b>{5}</b>; "
                           "weight from {6}: {7} − {3}·{8} = <b>{9}</b>").format(
                number(t.learning_rate, 4), self.unit_name(k, j), term(layer.bias[j]), lr, term(layer.d_bias[j]),
                number(layer.bias_after[j]), self.unit_name(k - 1, 0), term(layer.weights[0, j]),
                term(layer.d_weights[0, j]), number(layer.weights_after[0, j]))
        self.explanation.setText(text)

    def _explain_backward(self, t, k, j) -> str:
        layer = t.layers[k - 1]
        name = self.unit_name(k, j)
        if layer.is_output and layer.d_a is None:
            text = self.tr("<b>{0}</b>: ∂L/∂z = p − y = {1} − {2} = <b>{3}</b><br>With {4} and cross-entropy, "
                           "the derivative of the loss through the output activation simplifies to prediction minus "
                           "target, so it is shown directly.").format(
                name, term(layer.a[j]), term(t.y[j]), number(layer.d_z[j]), activation_name(layer.activation))
        elif layer.is_output:
            rule = "2(ŷ − y)" if t.loss_name == "mse" else self.tr("ŷ − y, clipped to ±δ")
            text = self.tr("<b>{0}</b>: ∂L/∂a = {1} = <b>{2}</b><br>The output is linear, f′(z) = 1, so "
                           "∂L/∂z = ∂L/∂a = <b>{3}</b>").format(name, rule, number(layer.d_a[j]),
                                                                 number(layer.d_z[j]))
        else:
            above = t.layers[k]
            text = self.tr("<b>{0}</b>: ∂L/∂a = Σ w·∂L/∂z over its links to {1} = {2} = <b>{3}</b><br>"
                           "f′(z) = {4} = <b>{5}</b><br>∂L/∂z = ∂L/∂a · f′(z) = <b>{6}</b>").format(
                name, self.layer_name(k + 1), self._sum(list(zip(above.weights[j], above.d_z))),
                number(layer.d_a[j]), self._fprime_text(layer, j), number(layer.fprime[j]), number(layer.d_z[j]))
        text += self.tr("<br>Each weight into it: ∂L/∂w = a (from) · ∂L/∂z; its bias: ∂L/∂b = ∂L/∂z.")
        if t.l1 or t.l2:
            extra = [f"{number(t.l2, 4)}·w" if t.l2 else "", f"{number(t.l1, 4)}·sign(w)" if t.l1 else ""]
            text += self.tr(" The penalty adds {0} to each weight's gradient.").format(
                " + ".join(e for e in extra if e))
        return text

    def describe_neuron(self, column: int, unit: int) -> str:
        """The tooltip of a circle in the diagram: that neuron's numbers so far."""
        t = self.trace
        if t is None:
            return ""
        if column > len(t.layers):
            return self.tr("target y = {0}").format(number(t.y[unit]))
        if column == 0:
            return f"{self.unit_name(0, unit)} = {number(t.x[unit])}"
        layer = t.layers[column - 1]
        if self.phase == "forward" and column > self.step_layer:
            return self.tr("{0}: not computed yet").format(self.unit_name(column, unit))
        lines = [f"<b>{self.unit_name(column, unit)}</b>", f"z = {number(layer.z[unit])}",
                 f"a = {number(layer.a[unit])}"]
        if self.phase == "update" or self.phase == "backward" and column >= self.step_layer:
            if layer.d_a is not None:
                lines += [f"∂L/∂a = {number(layer.d_a[unit])}", f"f′(z) = {number(layer.fprime[unit])}"]
            lines.append(f"∂L/∂z = {number(layer.d_z[unit])}")
        if self.phase == "update":
            lines.append(self.tr("bias {0} → {1}").format(number(layer.bias[unit]), number(layer.bias_after[unit])))
        return "<br>".join(lines)
