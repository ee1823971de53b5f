"""What the output view draws, in plain NumPy: the colours of the output (or a neuron) over
the plane, where its image sits, and where and in which colour the data points go.

The output view calls these for every snapshot on the GUI thread, whose time is taken from
training (the GIL): everything here is a few whole-array operations on lookup tables.
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF

from .. import style
from . import colormaps
from .colormaps import colorize

# The background is a softened version of the class colours, so the points stay readable.
BACKGROUND_STRENGTH = 0.8
BINARY_LEVELS = (0.0, 1.0)
LUT = colormaps.diverging_lut()  # the points' colours by target
BACKGROUND_LUT = colormaps.diverging_lut(BACKGROUND_STRENGTH)


def grid_stride(fine: int, coarse: int) -> int | None:
    """The stride that turned ``fine`` samples into ``coarse`` ones (``a[::s]``), if one fits."""
    if coarse < 1 or fine < 1:
        return None
    if coarse == 1:
        return fine
    s = max(1, round((fine - 1) / (coarse - 1)))
    return s if math.ceil(fine / s) == coarse else None


def sample_x(extent, fine: int, count: int) -> np.ndarray:
    """The x1 of ``count`` samples taken from a grid of ``fine`` over ``extent`` (every s-th)."""
    x = np.linspace(*extent, fine)
    if count == fine:
        return x
    stride = grid_stride(fine, count)
    return x[::stride] if stride else np.linspace(*extent, count)


def image_rect(extent, fine: int, columns: int, rows: int) -> QRectF:
    """The image rectangle that centres every pixel on its grid sample (every s-th of ``fine``)."""
    lo, hi = extent
    if fine < 2:
        return QRectF(lo, lo, hi - lo, hi - lo)
    step = (hi - lo) / (fine - 1)
    stride = grid_stride(fine, columns) if columns != fine else 1
    if stride is None or grid_stride(fine, rows) != stride and rows != fine:
        return QRectF(lo, lo, hi - lo, hi - lo)
    cell = stride * step
    return QRectF(lo - cell / 2, lo - cell / 2, columns * cell, rows * cell)


def surface_values(snap, neuron: tuple[int, int] | None):
    """What to draw of ``snap``: (values, kind) for the output (``neuron`` None) or a neuron
    (layer, unit); None when the network has no such neuron (its architecture changed).
    ``kind`` is ("output", task), ("output_unit", task, unit) or ("hidden", activation)."""
    task = snap.experiment.network.task
    if neuron is None:
        surface = snap.surface
        return (surface[:, 0] if surface.ndim == 2 else surface), ("output", task)  # [ix, k] on 1-D data
    layer, unit = neuron
    maps = snap.neuron_maps
    if not (0 <= layer < len(maps)) or not (0 <= unit < maps[layer].shape[-1]):
        return None
    values = maps[layer][..., unit]
    if layer == len(maps) - 1:
        return values, ("output_unit", task, unit)
    return values, ("hidden", snap.experiment.network.hidden[layer].activation)


def surface_colors(values: np.ndarray, kind: tuple, discrete: bool, level: float | None) -> np.ndarray:
    """uint8 RGB of ``values`` over the plane, coloured by ``kind`` (see ``surface_values``);
    ``discrete`` snaps the output to its class;
    ``level`` is a regression's fixed colour level (None: the values' own largest |value|)."""
    if kind[0] == "output":
        task = kind[1]
        if task == "binary":
            p = values[..., 0]
            if discrete:
                with np.errstate(invalid="ignore"):
                    p = np.where(np.isfinite(p), (p >= 0.5).astype(float), np.nan)
            return colorize(p, *BINARY_LEVELS, BACKGROUND_LUT)
        if task == "multiclass":
            mix = colormaps.argmax_classes if discrete else colormaps.confident_classes
            return mix(values, BACKGROUND_STRENGTH)
        values = values[..., 0]
    elif kind[0] == "output_unit":
        task, unit = kind[1], kind[2]
        if task == "binary":
            return colorize(values, *BINARY_LEVELS, BACKGROUND_LUT)
        if task == "multiclass":  # P(class k) from white to the colour of class k
            color = style.CLASS_COLORS[unit % len(style.CLASS_COLORS)]
            return colorize(values, 0.0, 1.0, colormaps.fade_lut(color, BACKGROUND_STRENGTH))
    elif kind[1] == "sigmoid":
        return colorize(values, 0.0, 1.0, BACKGROUND_LUT)
    else:
        level = 1.0 if kind[1] == "tanh" else None
    level = abs_max(values) if level is None else level
    return colorize(values, -level, level, BACKGROUND_LUT)


def abs_max(values) -> float:
    """The largest finite |value| (1 when there is none, or it is 0)."""
    v = np.abs(np.asarray(values, dtype=float))
    v = v[np.isfinite(v)]
    m = float(v.max()) if v.size else 0.0
    return m if m > 1e-12 else 1.0


def regression_level(data) -> float:
    """A regression's colour level: its largest ordinary (not outlier) |target|."""
    labels = np.asarray(data.train_labels, dtype=float)
    ordinary = np.abs(labels[~np.asarray(data.outlier_mask, bool)])
    ordinary = ordinary[np.isfinite(ordinary)]
    return float(ordinary.max()) if ordinary.size and ordinary.max() > 0 else 1.0


def drawn_positions(points, labels) -> np.ndarray:
    """Where points are drawn: (x1, x2), or (x1, target) for 1-D data."""
    points = np.asarray(points, dtype=float)
    if points.shape[1] == 1:
        return np.column_stack([points[:, 0], np.asarray(labels, dtype=float)])
    return points[:, :2]


def point_colors(data, labels) -> np.ndarray:
    """(N, 3) colours of points by class, or by target through the diverging colours (1-D
    data: all POSITIVE, their height shows the target)."""
    if data.task == "regression":
        if data.train_points.shape[1] == 1:
            return np.tile(style.rgb(style.POSITIVE), (len(labels), 1))
        level = regression_level(data)
        return colorize(labels, -level, level, LUT).astype(float)
    k = max(data.num_classes, 2)
    classes = np.clip(np.asarray(labels, dtype=np.int64), 0, k - 1)
    return style.class_rgb(k)[classes]


def target_range(data) -> tuple[float, float]:
    """The heights that show every target of 1-D data (at least -1..1), with a margin."""
    labels = np.concatenate([np.asarray(data.train_labels, float), np.asarray(data.test_labels, float)])
    labels = labels[np.isfinite(labels)]
    low, high = (float(labels.min()), float(labels.max())) if labels.size else (-1.0, 1.0)
    low, high = min(low, -1.0), max(high, 1.0)
    pad = 0.08 * (high - low)
    return low - pad, high + pad


def boundary_fields(values: np.ndarray, kind: tuple) -> list[np.ndarray]:
    """Fields whose zero level is the drawn decision boundary: P(class 1) - 1/2 for a binary
    output; for K classes, per class k, P(k) minus the largest other probability (zero where
    class k stops being the likeliest). None for regression, hidden neurons and single units."""
    if kind[0] != "output" or kind[1] not in ("binary", "multiclass"):
        return []
    if kind[1] == "binary":
        return [values[..., 0] - 0.5]
    p = np.asarray(values, dtype=float)
    order = np.sort(p, axis=-1)
    top, second = order[..., -1:], order[..., -2:-1]
    others = np.where(p >= top, second, top)  # the largest probability of the other classes
    return [(p - others)[..., k] for k in range(p.shape[-1])]


def zero_segments(field: np.ndarray) -> np.ndarray:
    """Marching squares: the zero level of ``field`` [iy, ix] as line segments, (2 * S, 2)
    (x, y) points in grid-index units, one pair per segment, linear along the cell edges.
    Cells whose corners are not all finite get no segment. Whole-array NumPy over the cells
    the level crosses only, no per-cell Python."""
    f = np.asarray(field, dtype=float)
    if f.ndim != 2 or min(f.shape) < 2:
        return np.empty((0, 2))
    above, finite = f > 0, np.isfinite(f)
    cut = ((above[:-1, :-1] != above[:-1, 1:]) | (above[1:, :-1] != above[1:, 1:])
           | (above[:-1, :-1] != above[1:, :-1]))
    cut &= finite[:-1, :-1] & finite[:-1, 1:] & finite[1:, 1:] & finite[1:, :-1]
    cy, cx = np.nonzero(cut)
    a, b, c, d = f[cy, cx], f[cy, cx + 1], f[cy + 1, cx + 1], f[cy + 1, cx]  # corners (0,0) (1,0) (1,1) (0,1)
    # Edges in order bottom (a-b), right (b-c), top (d-c), left (a-d): start corner, end corner,
    # the start's offset in the cell and the edge's direction.
    edges = ((a, b, (0, 0), (1, 0)), (b, c, (1, 0), (0, 1)), (d, c, (0, 1), (1, 0)), (a, d, (0, 0), (0, 1)))
    points, crossed = [], []
    with np.errstate(invalid="ignore", divide="ignore"):
        for u, v, (ox, oy), (dx, dy) in edges:
            cut_edge = (u > 0) != (v > 0)
            t = np.where(cut_edge, u / (u - v), 0.0)
            points.append(np.stack([cx + ox + t * dx, cy + oy + t * dy], axis=-1))
            crossed.append(cut_edge)
    points, crossed = np.stack(points, axis=1), np.stack(crossed, axis=1)  # [cell, edge, 2], [cell, edge]
    count = crossed.sum(axis=1)
    two = count == 2
    first = np.argmax(crossed, axis=1)
    last = 3 - np.argmax(crossed[:, ::-1], axis=1)
    cells = np.arange(len(cy))
    starts, ends = [points[cells, first][two]], [points[cells, last][two]]
    # A saddle (all four edges cut) is split by the cell's mean: where it has a's sign, the
    # corners b and d are cut off (bottom-right, top-left), else a and c (bottom-left, right-top).
    saddle = count == 4
    if saddle.any():
        p = points[saddle]
        joined = ((((a + b + c + d) > 0) == (a > 0))[saddle])[:, None]
        starts += [p[:, 0], np.where(joined, p[:, 2], p[:, 1])]
        ends += [np.where(joined, p[:, 1], p[:, 3]), np.where(joined, p[:, 3], p[:, 2])]
    start, end = np.concatenate(starts), np.concatenate(ends)
    return np.stack([start, end], axis=1).reshape(-1, 2)


def grid_to_plane(points: np.ndarray, extent, samples: int) -> np.ndarray:
    """Grid-index (x, y) points of a ``samples`` x ``samples`` grid over ``extent`` in plane units."""
    lo, hi = extent
    return lo + np.asarray(points, dtype=float) * ((hi - lo) / max(samples - 1, 1))
