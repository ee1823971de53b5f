"""The pictures inside the network diagram's squares: each unit's output over the input plane.

Colouring is done per layer with NumPy on the first paint after a snapshot, and the QImages
are made per unit on demand, so only what is on screen costs anything. Input features do not
change while training, so their pictures are kept until the features or the plane change.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

from ...core.datasets import feature_matrix
from .. import style
from .network_items import activation_kind, colorize

THUMB_RES = 32  # feature thumbnails are computed on a THUMB_RES² grid


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

    def show(self, snapshot) -> None:
        """Draw ``snapshot`` from now on (None: blank pictures)."""
        self.snapshot = snapshot
        self.version += 1
        self._layers.clear()

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
        extent = self.snapshot.extent if self.snapshot is not None else (-6.0, 6.0)
        key = (features, tuple(extent), one_d)
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
