"""Items of the output view's plane: the smoothly scaled surface image, the decision
boundary line, the points' pens and brushes, and picking a point under the mouse.

All of it is cheap on the GUI thread (its time is taken from training, the GIL): the image is
scaled by Qt's bilinear filter while painting, and the boundary is one curve item whose
segments come from whole-array NumPy (``surface.zero_segments``).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QPainter

from .surface import boundary_fields, drawn_positions, grid_to_plane, zero_segments

BOUNDARY_COLOR = "#3a3a3a"
BOUNDARY_WIDTH = 1.6
PICK_RADIUS_PX = 40  # a click farther than this from every training point picks nothing


class SmoothImageItem(pg.ImageItem):
    """An ImageItem scaled with bilinear filtering: a 64 x 64 surface shows smooth colour
    changes on screen instead of 64 x 64 blocks with a staircase between the classes."""

    def paint(self, painter: QPainter, *args) -> None:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        super().paint(painter, *args)


class BoundaryItem(pg.PlotCurveItem):
    """The decision boundary, P = 1/2 (binary) or where the likeliest class changes, drawn as
    line segments interpolated between the grid's samples (no staircase)."""

    def __init__(self):
        super().__init__(pen=pg.mkPen(BOUNDARY_COLOR, width=BOUNDARY_WIDTH), connect="pairs", antialias=True)
        self.setZValue(-50)  # over the image, under the points

    def show_boundary(self, values: np.ndarray, kind: tuple, extent) -> None:
        """The boundary of ``values`` (the output over the plane, [iy, ix, k] on a square grid
        over ``extent``), or nothing when ``kind`` has none (regression, a neuron)."""
        fields = boundary_fields(values, kind)
        if not fields:
            self.clear_boundary()
            return
        segments = np.concatenate([zero_segments(f) for f in fields])
        points = grid_to_plane(segments, extent, values.shape[0])
        self.setData(points[:, 0], points[:, 1])
        self.show()

    def clear_boundary(self) -> None:
        """Draw no boundary (regression, a neuron, no data)."""
        self.setData([], [])
        self.hide()


def per_color(colors, make) -> list:
    """``make(r, g, b)`` (a brush or a pen) per colour, made once per distinct colour: points
    sharing a pen and brush share pyqtgraph's cached symbol picture."""
    cache: dict = {}
    out = []
    for c in colors:
        key = tuple(int(x) for x in c)
        if key not in cache:
            cache[key] = make(*key)
        out.append(cache[key])
    return out


def ring(r: int, g: int, b: int):
    """The ring of a hollow test point."""
    return pg.mkPen(r, g, b, width=1.6)


def nearest_training_point(output_view, scene_pos) -> int | None:
    """The index of the training point drawn nearest ``scene_pos`` in ``output_view`` (an
    OutputView), measured in screen pixels; None outside the plot or farther than
    PICK_RADIUS_PX from every point."""
    data, view_box = output_view.data, output_view.view_box
    if data is None or not len(data.train_points) or not view_box.sceneBoundingRect().contains(scene_pos):
        return None
    p = view_box.mapSceneToView(scene_pos)
    points = drawn_positions(data.train_points, data.train_labels)
    pixel = view_box.viewPixelSize()  # data units per screen pixel, along x and y
    distance = np.hypot((points[:, 0] - p.x()) / pixel[0], (points[:, 1] - p.y()) / pixel[1])
    index = int(np.nanargmin(distance))
    return index if distance[index] <= PICK_RADIUS_PX else None


def square_margins(view_width: float, view_height: float, pad: tuple[float, float]) -> tuple[float, float]:
    """The extra (horizontal, vertical) margin on each side that makes a view box square: it
    is ``view_width`` x ``view_height`` now, with ``pad`` already added on each side."""
    width, height = view_width + 2 * pad[0], view_height + 2 * pad[1]
    side = min(width, height)
    return (width - side) / 2, (height - side) / 2
