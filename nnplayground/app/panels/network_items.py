"""The pieces of the network builder's scene.

Neurons (``NeuronItem``) show a thumbnail of their output over the input plane (coloured in
``network_thumbnails``); all links
between two columns are one ``LinkBundle`` painted in a single pass, coloured by the sign of
each weight and thickened by its size. ``NetworkView`` scales the scene to fit; texts
(``SceneText``, and the widgets above the columns in ``network_headers``) grow in scene units
as it shrinks, so none is drawn below READABLE_PT.
Items know nothing of the builder: they get callbacks (``NeuronHooks``, ``LinkHooks``) for
what they draw and report, and the header emits signals, so the builder decides what a click
means.
"""
from __future__ import annotations

import math
from functools import cache
from typing import Callable, NamedTuple

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView

from nnplayground.app import style

MAX_BUILDER_UNITS = 32  # the builder grows no layer past this (files may hold wider ones)

# ----- sizes, in scene pixels (the view scales the whole scene to fit) ---------------------------
HEADER_W = 94  # width of the controls above a hidden column
READABLE_PT = 9.0  # no text of the diagram is drawn smaller on screen (its font grows as the scene shrinks)
MIN_SCALE = 0.75  # below this the texts would crowd the columns: scroll instead
SCROLL_SCALE = 0.75  # the most a network that needs scrolling is shown at
MAX_SCALE = 1.2  # a small network grows a little to fill a big window
LINK_SCALE = 2.0  # link width in px per unit of |w|
LINK_MIN_W, LINK_MAX_W = 0.5, 6.0
HOVER_TOLERANCE = 5.0  # px on screen around a link that counts as "on" it

_NEUTRAL_LINK = QColor("#c5cacf")
_FRAME_PENS = {"selected": QPen(QColor("#202124"), 2.5), "hover": QPen(QColor("#5f6368"), 1.5),
               "plain": QPen(QColor("#b5bbc1"), 1.0)}


def link_pen(weight: float) -> QPen:
    """The pen of a link: POSITIVE or NEGATIVE by sign, clip(|w| · 2, 0.5, 6) px wide (¼ px steps)."""
    if not math.isfinite(weight):
        return QPen(_NON_FINITE_PEN)
    return QPen(_pen(int(np.sign(weight)), int(_quarter_widths(abs(weight)))))


def _quarter_widths(magnitude):
    """Link widths in quarter pixels: clip(|w| · 2, 0.5, 6) px, rounded to a quarter."""
    return np.rint(np.clip(np.asarray(magnitude) * LINK_SCALE, LINK_MIN_W, LINK_MAX_W) * 4.0)


@cache
def _pen(sign: int, quarters: int) -> QPen:
    """The shared pen of links of one sign (-1, 0, 1) and width (in quarter pixels)."""
    color = _NEUTRAL_LINK if sign == 0 else QColor(style.POSITIVE if sign > 0 else style.NEGATIVE)
    pen = QPen(color, quarters / 4.0)
    # Opaque colours and flat caps: translucent or round-capped wide lines are ten times slower
    # to rasterise, and a deep network draws thousands of them.
    pen.setCapStyle(Qt.FlatCap)
    return pen


_NON_FINITE_PEN = QPen(QColor("#999999"), 1.0, Qt.DashLine)


# ----- scene items ------------------------------------------------------------------------------

class NeuronHooks(NamedTuple):
    """What a neuron item asks its owner, each called with (layer, unit)."""
    thumbnail: Callable[[int, int], QImage | None]  # the picture of its output, or None
    is_selected: Callable[[int, int], bool]
    pressed: Callable[[int, int], None]  # a left click on a hidden or output neuron


class LinkHooks(NamedTuple):
    """What a link bundle asks its owner."""
    weights: Callable[[int], tuple[int, np.ndarray | None]]  # layer -> (version, W or None)
    tooltip: Callable[[int, int, int], str]  # (layer, i, j) -> text
    edit: Callable[[int, int, int], None]  # a double click on link (layer, i, j)


class NeuronItem(QGraphicsItem):
    """One neuron (or input feature): a square with a thumbnail of its output over the plane."""

    def __init__(self, hooks: NeuronHooks, layer: int, unit: int, size: float):
        super().__init__()
        self.hooks, self.layer, self.unit = hooks, layer, unit
        self._rect = QRectF(-size / 2, -size / 2, size, size)
        self.setZValue(2)
        if layer < 0:  # an input's picture changes only with the features: keep it as pixels
            self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        if layer >= 0:
            self.setAcceptHoverEvents(True)
            self.setCursor(Qt.PointingHandCursor)
        self._hover = False

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-4, -4, 4, 4)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        image = self.hooks.thumbnail(self.layer, self.unit)
        r = self._rect
        if image is not None:  # inside the frame, on the scene's white background
            painter.drawImage(r.adjusted(1, 1, -1, -1), image)
        selected = self.hooks.is_selected(self.layer, self.unit)
        painter.setPen(_FRAME_PENS["selected" if selected else "hover" if self._hover else "plain"])
        painter.setBrush(Qt.NoBrush)
        painter.drawRoundedRect(r if not selected else r.adjusted(-1.5, -1.5, 1.5, 1.5), 3, 3)

    def hoverEnterEvent(self, event) -> None:
        self._hover = True
        self.update()

    def hoverLeaveEvent(self, event) -> None:
        self._hover = False
        self.update()

    def mousePressEvent(self, event) -> None:
        if self.layer >= 0 and event.button() == Qt.LeftButton:
            event.accept()
            self.hooks.pressed(self.layer, self.unit)
        else:
            event.ignore()


class LinkBundle(QGraphicsItem):
    """Every drawn link of one weight matrix, painted in one pass grouped by pen."""

    def __init__(self, hooks: LinkHooks, layer: int, src: np.ndarray, dst: np.ndarray):
        super().__init__()
        self.hooks, self.layer = hooks, layer
        self.n_in, self.n_out = len(src), len(dst)
        # Endpoints per link, row-major in (i, j): link k = i * n_out + j.
        p0 = np.repeat(src, self.n_out, axis=0)
        p1 = np.tile(dst, (self.n_in, 1))
        self._p0, self._d = p0, p1 - p0
        self._len2 = np.maximum((self._d ** 2).sum(axis=1), 1e-9)
        self._lines = [QLineF(a[0], a[1], b[0], b[1]) for a, b in zip(p0, p1)]
        allp = np.vstack([src, dst]) if len(src) and len(dst) else np.zeros((1, 2))
        lo, hi = allp.min(axis=0), allp.max(axis=0)
        pad = LINK_MAX_W + 4
        self._bounds = QRectF(lo[0], lo[1] - pad, hi[0] - lo[0], hi[1] - lo[1] + 2 * pad)
        self._groups_version = None
        self._groups_key: np.ndarray | None = None  # the pen of each link, as a sortable number
        self._groups: list[tuple[QPen, list[QLineF]]] = []
        self.hovered: tuple[int, int] | None = None
        self.setZValue(0)
        self.setAcceptHoverEvents(True)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def line(self, i: int, j: int) -> QLineF:
        return QLineF(self._lines[i * self.n_out + j])

    def _weights(self) -> tuple[int, np.ndarray | None]:
        version, w = self.hooks.weights(self.layer)
        return version, None if w is None else w[: self.n_in, : self.n_out]

    def pen(self, i: int, j: int) -> QPen:
        """The pen link (i, j) is drawn with right now."""
        _, w = self._weights()
        if w is None:
            return QPen(_NEUTRAL_LINK, 1.0)
        return link_pen(float(w[i, j]))

    def _pen_groups(self):
        """(pen, lines) per sign and width of the current weights, thin links first so thick ones
        land on top, non-finite ones first of all. Worked out once per weights version, and
        sorted again only when some link's pen changed (weights move slowly)."""
        version, w = self._weights()
        if self._groups_version == version:
            return self._groups
        self._groups_version = version
        if w is None:
            self._groups_key, self._groups = None, [(QPen(_NEUTRAL_LINK, 1.0), self._lines)]
            return self._groups
        flat = np.asarray(w, dtype=np.float64).ravel()
        finite = np.isfinite(flat)
        safe = np.where(finite, flat, 0.0)
        sign, quarters = np.sign(safe).astype(int), _quarter_widths(np.abs(safe)).astype(int)
        key = np.where(finite, quarters * 4 + sign + 2, -1)  # sign + 2 < 4: no two pens share a key
        if self._groups_key is not None and np.array_equal(key, self._groups_key):
            return self._groups
        order = np.argsort(key, kind="stable")
        starts = np.flatnonzero(np.diff(key[order], prepend=-2))
        groups = []
        for start, end in zip(starts.tolist(), [*starts[1:].tolist(), len(order)]):
            k = order[start]
            pen = _pen(sign[k], quarters[k]) if finite[k] else _NON_FINITE_PEN
            groups.append((pen, [self._lines[m] for m in order[start:end].tolist()]))
        self._groups_key, self._groups = key, groups
        return groups

    def paint(self, painter: QPainter, option, widget=None) -> None:
        for pen, lines in self._pen_groups():
            painter.setPen(pen)
            painter.drawLines(lines)
        if self.hovered is not None:
            i, j = self.hovered
            pen = self.pen(i, j)
            halo = QPen(QColor(32, 33, 36, 110), pen.widthF() + 3.0)
            halo.setCapStyle(Qt.RoundCap)
            painter.setPen(halo)
            line = self._lines[i * self.n_out + j]
            painter.drawLine(line)
            painter.setPen(pen)
            painter.drawLine(line)

    # hit testing: the link nearest to a point, within a few screen pixels
    def link_at(self, pos: QPointF) -> tuple[int, int] | None:
        if not self._lines:
            return None
        p = np.array([pos.x(), pos.y()])
        t = np.clip(((p - self._p0) * self._d).sum(axis=1) / self._len2, 0.0, 1.0)
        nearest = self._p0 + t[:, None] * self._d
        dist = np.hypot(*(nearest - p).T)
        k = int(np.argmin(dist))
        views = self.scene().views() if self.scene() else []
        scale = views[0].transform().m11() if views else 1.0
        if dist[k] > HOVER_TOLERANCE / max(scale, 1e-6):
            return None
        return divmod(k, self.n_out)

    def clear_hover(self) -> None:
        """Forget the link under the mouse (its numbers are gone)."""
        self._set_hovered(None)

    def _set_hovered(self, link) -> None:
        if link != self.hovered:
            self.hovered = link
            self.setToolTip(self.hooks.tooltip(self.layer, *link) if link else "")
            self.setCursor(Qt.PointingHandCursor if link else Qt.ArrowCursor)
            self.update()

    def hoverMoveEvent(self, event) -> None:
        self._set_hovered(self.link_at(event.pos()))

    def hoverLeaveEvent(self, event) -> None:
        self._set_hovered(None)

    def mousePressEvent(self, event) -> None:
        if self.link_at(event.pos()) is None:
            event.ignore()
        else:
            event.accept()

    def mouseDoubleClickEvent(self, event) -> None:
        link = self.link_at(event.pos())
        if link is None or event.button() != Qt.LeftButton:
            event.ignore()
            return
        event.accept()
        self.hooks.edit(self.layer, *link)


def readable_pt(point_size: float, scale: float) -> float:
    """The font size, in scene units, that shows ``point_size`` but never below READABLE_PT on
    screen when the view scales the scene by ``scale`` (2% spare: the scale may still shrink a
    little once the grown texts have widened the scene)."""
    return max(point_size, 1.02 * READABLE_PT / scale)


class SceneText(QGraphicsSimpleTextItem):
    """A label of the diagram, placed by an anchor point and an alignment (Qt.AlignRight |
    Qt.AlignVCenter: the anchor is the middle of its right edge), whose font grows in scene
    units when the view shrinks the scene. ``words`` and ``tip`` (or None) give its text and
    tooltip in the interface's language; ``retranslate`` asks them again."""

    def __init__(self, words: Callable[[], str], font: QFont, color: str, anchor: QPointF, align, scale: float,
                 tip: Callable[[], str] | None = None):
        super().__init__()
        self._point_size, self._anchor, self._align = font.pointSizeF(), anchor, align
        self._words, self._tip = words, tip
        self.setText(words())
        self.setToolTip(tip() if tip else "")
        self.setFont(font)
        self.setBrush(QColor(color))
        self.setZValue(3)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # the links under it repaint often
        self.fit_to_scale(scale)

    def fit_to_scale(self, scale: float) -> None:
        """Size the font for the view's ``scale`` and keep the anchor where it was."""
        font = self.font()
        font.setPointSizeF(readable_pt(self._point_size, scale))
        self.setFont(font)
        self._place()

    def retranslate(self) -> None:
        """Write the text and tooltip again (a language switch), keeping the anchor."""
        self.setText(self._words())
        self.setToolTip(self._tip() if self._tip else "")
        self._place()

    def _place(self) -> None:
        """Put the text where its anchor and alignment say, for its current size."""
        box = self.boundingRect()
        dx = box.width() if self._align & Qt.AlignRight else box.width() / 2 if self._align & Qt.AlignHCenter else 0
        dy = box.height() if self._align & Qt.AlignBottom else box.height() / 2 if self._align & Qt.AlignVCenter else 0
        self.setPos(self._anchor.x() - dx, self._anchor.y() - dy)


class NetworkView(QGraphicsView):
    """The graphics view: scales the scene to fit, Ctrl + wheel zooms. ``fitted(scale)`` tells
    the scale that fits the scene (before the person's zoom), so the texts can stay readable."""

    fitted = Signal(float)

    def __init__(self, scene: QGraphicsScene):
        super().__init__(scene)
        self.zoom = 1.0
        self.fitted_scale = 1.0
        self.setRenderHints(QPainter.Antialiasing | QPainter.SmoothPixmapTransform | QPainter.TextAntialiasing)
        self.setFrameShape(QGraphicsView.NoFrame)
        self.setAlignment(Qt.AlignHCenter | Qt.AlignTop)
        self.setBackgroundBrush(QBrush(QColor("#ffffff")))
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.setMouseTracking(True)
        # One rectangle around everything that changed: a refresh changes links and neurons all
        # over the scene, and clipping each drawing to the region of their exact outlines cost
        # more than drawing the few pixels between them.
        self.setViewportUpdateMode(QGraphicsView.BoundingRectViewportUpdate)

    def fit(self) -> None:
        """Fit the network, up to MAX_SCALE; one too big to fit at MIN_SCALE scrolls instead."""
        rect = self.sceneRect()
        if rect.isEmpty():
            return
        w, h = max(self.width() - 2, 1), max(self.height() - 2, 1)
        fit_all = min(w / rect.width(), h / rect.height())
        if fit_all >= MIN_SCALE:
            base = min(fit_all, MAX_SCALE)
        else:  # fill the height (less the scroll bar) and scroll sideways, readable but not huge
            h -= self.horizontalScrollBar().sizeHint().height()
            base = min(max(h / rect.height(), MIN_SCALE), SCROLL_SCALE)
        # Ctrl + wheel zooms around that, out as far as the whole network.
        scale = float(np.clip(base * self.zoom, min(fit_all, base), 2 * MAX_SCALE))
        self.setTransform(QTransform.fromScale(scale, scale))
        self.fitted_scale = base
        self.fitted.emit(base)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            self.zoom = float(np.clip(self.zoom * 1.15 ** steps, 0.05, 4.0))
            self.fit()
            event.accept()
        else:
            super().wheelEvent(event)

