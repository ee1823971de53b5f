"""Colours shared by every view, so a class, a sign or a layer looks the same everywhere."""
from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

# Class colours (binary: class 0 orange, class 1 blue, as in TensorFlow Playground).
CLASS_COLORS = ("#f59322", "#0877bd", "#2ca02c", "#d62728", "#9467bd",
                "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
POSITIVE = "#0877bd"  # weights > 0, outputs toward class 1
NEGATIVE = "#f59322"  # weights < 0, outputs toward class 0
LAYER_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
TRAIN_LOSS = "#333333"
BATCH_LOSS = "#c8c8c8"  # the raw per-batch loss, faint under the evaluated curves
TEST_LOSS = "#d62728"


def layer_color(index: int) -> QColor:
    """Colour of layer ``index`` (0-based); deep nets cycle through a graded hue wheel."""
    if index < len(LAYER_COLORS):
        return QColor(LAYER_COLORS[index])
    return QColor.fromHsvF((index * 0.618) % 1.0, 0.75, 0.85)


def rgb(color: str) -> np.ndarray:
    """(3,) float RGB (0..255) of a colour name such as ``POSITIVE``."""
    c = QColor(color)
    return np.array([c.red(), c.green(), c.blue()], dtype=float)


def class_rgb(num_classes: int) -> np.ndarray:
    """(K, 3) float RGB of the first K class colours (the colour maps are in plots/colormaps.py)."""
    return np.array([rgb(c) for c in CLASS_COLORS[:num_classes]])
