"""The colour maps every view shares, so a sign, a probability or a class looks the same everywhere.

Values run from NEGATIVE orange (class 0, weights < 0) through white to POSITIVE blue
(class 1, weights > 0), as in TensorFlow Playground; a unit of a multiclass output runs from
white to its class colour. The maps are ``pg.ColorMap`` objects sampled once into lookup
tables (cached, read-only): mapping a whole image is then one indexing operation, which
matters because the output view recolours its image for every snapshot on the GUI thread,
whose time is taken from training (the GIL).

``strength`` below 1 softens a map toward white, e.g. the output view's background, so the
points drawn on top stay readable.
"""
from __future__ import annotations

from functools import cache

import numpy as np
import pyqtgraph as pg

from .. import style

LUT_SIZE = 257  # odd, so the middle entry (a value of 0, or P = 0.5) is exactly white
WHITE = (255, 255, 255)
NAN_RGB = (190, 190, 190)  # a diverged network's NaN (or infinite) output


def soften(rgb, strength: float) -> np.ndarray:
    """RGB (0..255, any shape [..., 3]) moved toward white: ``strength`` 1 keeps it, 0 is white."""
    return 255.0 - strength * (255.0 - np.asarray(rgb, dtype=float))


def _table(*stops) -> np.ndarray:
    """A read-only (LUT_SIZE, 3) uint8 table sampled from a ColorMap through equally spaced stops."""
    cmap = pg.ColorMap(None, [tuple(int(c) for c in np.rint(stop)) for stop in stops])
    table = np.rint(cmap.getLookupTable(0.0, 1.0, LUT_SIZE, alpha=False, mode="float") * 255.0).astype(np.ubyte)
    table.flags.writeable = False  # shared by every caller
    return table


@cache
def diverging_lut(strength: float = 1.0) -> np.ndarray:
    """(LUT_SIZE, 3) uint8 from NEGATIVE (first entry) through white (middle) to POSITIVE (last)."""
    return _table(soften(style.rgb(style.NEGATIVE), strength), WHITE, soften(style.rgb(style.POSITIVE), strength))


@cache
def fade_lut(color: str | tuple[int, int, int], strength: float = 1.0) -> np.ndarray:
    """(LUT_SIZE, 3) uint8 from white (first entry) to ``color`` (last; a name or an RGB tuple),
    e.g. P(class k) from 0 to 1."""
    return _table(WHITE, soften(pg.mkColor(color).getRgb()[:3], strength))


@cache
def class_colors(num_classes: int, strength: float = 1.0) -> np.ndarray:
    """(K, 3) float RGB of the first K class colours, softened by ``strength``; read-only."""
    colors = soften(style.class_rgb(num_classes), strength)
    colors.flags.writeable = False
    return colors


def colorize(values, lo, hi, lut: np.ndarray) -> np.ndarray:
    """``values`` mapped linearly from [lo, hi] onto ``lut`` (clipped at both ends) as uint8 RGB
    of shape ``values.shape + (3,)``; NaN and infinities turn NAN_RGB. ``lo`` and ``hi`` may
    be arrays that broadcast against ``values`` (a scale per unit)."""
    v = np.asarray(values, dtype=float)
    span = np.where(np.greater(hi, lo), np.subtract(hi, lo), 1.0)
    with np.errstate(invalid="ignore", over="ignore"):
        t = (v - lo) * ((len(lut) - 1) / span)
    bad = ~np.isfinite(t)
    # Clipped before the cast: a diverged net's 1e300 would not fit an integer index.
    index = np.rint(np.clip(np.where(bad, 0.0, t), 0, len(lut) - 1)).astype(np.intp)
    rgb = pg.functions.applyLookupTable(index, lut)
    if bad.any():
        rgb[bad] = NAN_RGB
    return rgb


def confident_classes(probabilities, strength: float = 1.0) -> np.ndarray:
    """The colour of the most probable class, as strong as the network is sure of it:
    [..., K] -> uint8 RGB [..., 3]. Confidence ``(p_max - 1/K) / (1 - 1/K)`` runs from 0
    (every class equally likely: white) to 1 (certain: the class colour at ``strength``);
    so an untrained plane is pale rather than a muddy average of the class colours.
    NaN turns NAN_RGB."""
    p = np.asarray(probabilities, dtype=float)
    k = p.shape[-1]
    finite = np.isfinite(p).all(axis=-1)
    safe = np.where(finite[..., None], p, 0.0)
    winner = np.argmax(safe, axis=-1)
    confidence = np.clip((safe.max(axis=-1) - 1.0 / k) * (k / max(k - 1, 1)), 0.0, 1.0)
    rgb = 255.0 - confidence[..., None] * (255.0 - class_colors(k, strength)[winner])
    rgb = np.rint(rgb).astype(np.ubyte)
    rgb[~finite] = NAN_RGB
    return rgb


def argmax_classes(probabilities, strength: float = 1.0) -> np.ndarray:
    """The colour of the most probable class: [..., K] -> uint8 RGB [..., 3]; NaN turns NAN_RGB."""
    p = np.asarray(probabilities, dtype=float)
    colors = np.rint(class_colors(p.shape[-1], strength)).astype(np.ubyte)
    finite = np.isfinite(p)
    rgb = colors[np.argmax(np.where(finite, p, -np.inf), axis=-1)]
    rgb[~finite.all(axis=-1)] = NAN_RGB
    return rgb
