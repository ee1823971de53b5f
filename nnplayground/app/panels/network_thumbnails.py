"""The pictures inside the network diagram's squares: each unit's output over the input plane.

Colouring is done per layer with NumPy on the first paint after a snapshot, and the QImages
are made per unit on demand, so only what is on screen costs anything. Input features do not
change while training, so their pictures are kept until the features or the plane change.
"""
from __future__ import annotations

from functools import cache

import numpy as np
from PySide6.QtGui import QImage

from ...core.datasets import feature_matrix
from .. import style
from ..plots import colormaps

THUMB_RES = 32  # feature thumbnails are computed on a THUMB_RES² grid
NO_PLANE = (-6.0, 6.0)  # the inputs' plane before the first snapshot
CURVE_BACKGROUND_STRENGTH = 0.45  # 1-D thumbnails: the value tints a pale background under the curve
_CURVE = np.array([51, 51, 51, 255], dtype=np.uint8).view(np.uint32)[0]  # packed RGBA


# ----- colouring neuron outputs (pure NumPy, through the shared colour maps) ------------------------

def activation_kind(activation: str) -> str:
    """How a unit's outputs map to colours: by its activation's range."""
    return {"sigmoid": "unit", "softmax": "prob", "relu": "relu"}.get(activation, "symmetric")


def colorize(maps: np.ndarray, kind: str, n: int, class_rgb: np.ndarray | None = None) -> np.ndarray:
    """RGBA thumbnails (n, H, W, 4) for the first ``n`` units of a neuron map.

    ``maps`` is [iy, ix, unit] (row 0 = lowest x2; flipped here so up is up) or [ix, unit] for
    one-dimensional data, drawn as a curve over a background tinted by the value. ``kind``:
    "symmetric" (scaled by max |value|, white at 0), "unit" (sigmoid: 0 → NEGATIVE, 1 → POSITIVE),
    "relu" (0 → white, max → POSITIVE), "prob" (softmax: white → the unit's class colour, or
    POSITIVE without ``class_rgb``). Non-finite values are grey.

    This runs on the GUI thread for every refresh of the diagram: the values are copied once
    into units-first order (NumPy reduces and broadcasts over the maps' units-last layout
    ten times slower) and every pixel is coloured by one indexing into packed RGBA tables (one
    table per unit, NaN last).
    """
    one_d = maps.ndim == 2
    v = np.ascontiguousarray(maps[:, :n].T if one_d else np.moveaxis(maps[::-1, :, :n], -1, 0))  # up is up
    lo, hi = _value_range(v, kind)
    strength = CURVE_BACKGROUND_STRENGTH if one_d else 1.0
    if kind == "prob":
        colors = class_rgb[:n] if class_rgb is not None else np.tile(style.rgb(style.POSITIVE), (n, 1))
        tables = [_packed_lut(("fade", tuple(map(int, color))), strength) for color in colors]
    else:
        tables = [_packed_lut(("diverging",), strength)]
    index = _lut_index(v, -hi if kind == "relu" else lo, hi)  # ReLU: 0 is white, the middle of the map
    if len(tables) > 1:  # one table per unit, laid end to end
        index += (np.arange(n) * (colormaps.LUT_SIZE + 1)).reshape(lo.shape)
    pixels = np.concatenate(tables).take(index) if tables else np.empty(index.shape, np.uint32)
    if one_d:
        pixels = _curve_images(pixels, v, lo, hi)
    return pixels.view(np.uint8).reshape(*pixels.shape, 4)


@cache
def _packed_lut(colours: tuple, strength: float) -> np.ndarray:
    """A colour map as LUT_SIZE + 1 opaque RGBA pixels packed in uint32 (their bytes R, G, B, A),
    the last one NAN_RGB: ("diverging",) or ("fade", rgb)."""
    lut = colormaps.diverging_lut(strength) if colours[0] == "diverging" else colormaps.fade_lut(colours[1], strength)
    rgba = np.full((len(lut) + 1, 4), 255, dtype=np.uint8)
    rgba[:-1, :3] = lut
    rgba[-1, :3] = colormaps.NAN_RGB
    packed = rgba.view(np.uint32).ravel()
    packed.flags.writeable = False
    return packed


def _lut_index(v: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Indices into a packed table: ``v`` from [lo, hi] onto 0 .. LUT_SIZE - 1 (clipped), LUT_SIZE
    for NaN and infinities."""
    top = colormaps.LUT_SIZE - 1
    with np.errstate(invalid="ignore", over="ignore"):
        t = (v - lo) * (top / np.where(hi > lo, hi - lo, 1.0))
    bad = ~np.isfinite(t)
    np.clip(t, 0, top, out=t)
    np.rint(t, out=t)
    if bad.any():
        t[bad] = top + 1
    return t.astype(np.intp)


def _value_range(v: np.ndarray, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """Per unit (the first axis of ``v``), the values drawn at the two ends of the colour map,
    shaped to broadcast over ``v``; non-finite values are left out."""
    shape = (len(v), *[1] * (v.ndim - 1))
    if kind in ("unit", "prob"):
        return np.zeros(shape), np.ones(shape)
    flat = v.reshape(len(v), int(np.prod(v.shape[1:])))
    top = (flat if kind == "relu" else np.abs(flat)).max(axis=1, initial=0.0)
    if not np.isfinite(top).all():  # rare (a diverged network): leave the culprits out
        finite = np.where(np.isfinite(flat), flat, 0.0)
        top = (finite if kind == "relu" else np.abs(finite)).max(axis=1, initial=0.0)
    s = np.maximum(top, 1e-6).reshape(shape)
    return (np.zeros(shape), s) if kind == "relu" else (-s, s)


def _curve_images(background: np.ndarray, v: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Square images (n, W, W) of one-dimensional maps: each unit's values as a dark curve
    (clipped to [lo, hi]) over its tinted background colours (n, W), pixels packed as in
    ``_packed_lut``."""
    n, rows = v.shape  # a square image, one column per sample
    image = np.broadcast_to(background[:, None, :], (n, rows, rows)).copy()
    finite = np.isfinite(v)
    y = (hi - np.clip(np.where(finite, v, 0.0), lo, hi)) / (hi - lo) * (rows - 1)
    y_next = np.concatenate([y[:, 1:], y[:, -1:]], axis=1)
    top, bottom = np.floor(np.minimum(y, y_next)), np.ceil(np.maximum(y, y_next))
    r = np.arange(rows).reshape(1, -1, 1)
    mask = (r >= top[:, None, :]) & (r <= bottom[:, None, :]) & finite[:, None, :]
    image[mask] = _CURVE
    return image


def qimage(pixels: np.ndarray) -> QImage:
    """A QImage of RGBA ``pixels`` (H, W, 4), in the raster engine's own format: a scaled
    RGBA8888 image is converted again on every draw, three times slower to paint."""
    image = QImage(pixels.data, pixels.shape[1], pixels.shape[0], pixels.shape[1] * 4, QImage.Format_RGBA8888)
    return image.convertToFormat(QImage.Format_ARGB32_Premultiplied)


class Thumbnails:
    """Caches the unit pictures of the snapshot on show; ``version`` tells when that changed."""

    def __init__(self, max_units: int):
        self.max_units = max_units  # a layer shows at most this many units
        self.snapshot = None
        self.version = 0  # bumped with every snapshot: pictures and link pens drawn before are stale
        self._layers: dict[int, tuple] = {}  # layer -> (version, pixels, images)
        self._features = None  # (key, pixels, images)

    def show(self, snapshot) -> bool:
        """Draw ``snapshot`` from now on (None: blank pictures). True when the input features'
        pictures change with it: it spans another plane."""
        plane = self._extent()
        self.snapshot = snapshot
        self.version += 1
        self._layers.clear()
        return self._extent() != plane

    def _extent(self) -> tuple[float, float]:
        return tuple(self.snapshot.extent) if self.snapshot is not None else NO_PLANE

    def unit(self, layer: int, unit: int) -> QImage | None:
        """Unit ``unit`` of ``layer`` (0 = first hidden, last = output), or None without a snapshot."""
        snap = self.snapshot
        if snap is None:
            return None
        entry = self._layers.get(layer)
        if entry is None or entry[0] != self.version:
            maps = snap.neuron_maps[layer]
            n = min(maps.shape[-1], self.max_units)
            network = snap.experiment.network
            activation = network.hidden[layer].activation if layer < len(network.hidden) else network.output_activation
            classes = style.class_rgb(maps.shape[-1]) if activation == "softmax" else None
            entry = (self.version, colorize(maps, activation_kind(activation), n, classes), [None] * n)
            self._layers[layer] = entry
        _, pixels, images = entry
        if unit >= len(images):
            return None
        if images[unit] is None:
            images[unit] = qimage(pixels[unit])
        return images[unit]

    def feature(self, features: tuple[str, ...], one_d: bool, unit: int) -> QImage | None:
        """Input feature ``unit`` of ``features`` over the plane of the snapshot on show."""
        extent = self._extent()
        key = (features, extent, one_d)
        if self._features is None or self._features[0] != key:
            axis = np.linspace(extent[0], extent[1], THUMB_RES)
            if one_d:
                maps = feature_matrix(axis[:, None], features, np.float64)
            else:
                gx, gy = np.meshgrid(axis, axis)
                points = np.column_stack([gx.ravel(), gy.ravel()])
                maps = feature_matrix(points, features, np.float64).reshape(THUMB_RES, THUMB_RES, -1)
            pixels = colorize(maps, "symmetric", len(features))
            self._features = (key, pixels, [qimage(p) for p in pixels])
        images = self._features[2]
        return images[unit] if unit < len(images) else None
