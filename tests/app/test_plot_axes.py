"""Tick labels people can read: never on top of each other (log axes included, on small
plots), iterations in plain numbers, nothing made up before there is data, and legends
beside the curves rather than over them."""
from __future__ import annotations

import dataclasses
import itertools
import math

import numpy as np
import pytest
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from nnplayground.app.plots import GradientHeatmap, GradientNormPlot, LossPlot, MetricPlot
from nnplayground.app.plots.axes import log_ticks, plain_number
from plot_snapshots import classification, draw, grad_norms, shown

SMALL_SIZES = [(260, 170), (320, 190), (400, 200), (600, 260)]


def drawn_labels(axis) -> list[tuple]:
    """(rectangle, text) of every tick label ``axis`` would paint now (pyqtgraph's own drawing specs)."""
    QApplication.processEvents()
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [] if specs is None else [(rect, text) for rect, _flags, text in specs[2]]


def assert_apart(labels) -> None:
    for (a, ta), (b, tb) in itertools.combinations(labels, 2):
        assert not a.intersects(b), (ta, tb, a, b)


def spanning(snapshot, low: float, high: float, iterations: float | None = None):
    """``snapshot`` with its loss and gradient norms running geometrically from ``high`` to
    ``low``, optionally over iterations up to ``iterations``."""
    n = len(snapshot.history_x)
    values = np.geomspace(high, low, n)
    history = {k: (values if k == "train_loss" or k.startswith("grad_norm_") else v)
               for k, v in snapshot.history.items()}
    eval_history = {k: (np.geomspace(high, low, len(v)) if k.endswith("_loss") else v)
                    for k, v in snapshot.eval_history.items()}
    x = snapshot.history_x if iterations is None else np.linspace(1, iterations, n)
    ex = snapshot.eval_x if iterations is None else np.linspace(1, iterations, len(snapshot.eval_x))
    return dataclasses.replace(snapshot, history=history, history_x=x, eval_history=eval_history, eval_x=ex)


@pytest.mark.parametrize("size", SMALL_SIZES)
@pytest.mark.parametrize("span", [(0.7, 0.95), (0.05, 2.0), (1e-4, 30.0), (1e-12, 1e6), (0.31, 0.33)])
@pytest.mark.parametrize("cls", [LossPlot, GradientNormPlot])
def test_log_axis_labels_never_overlap(qtbot, snap, cls, span, size):
    plot = shown(qtbot, cls, size)
    if cls is LossPlot:
        plot.set_log_scale(True)
    draw(plot, spanning(snap, *span))
    labels = drawn_labels(plot.plot_item.getAxis("left"))
    assert len(labels) >= 2, labels
    assert_apart(labels)
    low, high = plot.plot_item.getViewBox().viewRange()[1]
    for _, text in labels:  # every label names a value inside the visible range
        value = float(text.replace("k", "e3").replace("M", "e6").replace("G", "e9"))
        assert 10 ** low <= value * (1 + 1e-9) and value <= 10 ** high * (1 + 1e-9), (text, low, high)


@pytest.mark.parametrize("size", SMALL_SIZES)
@pytest.mark.parametrize("cls", [LossPlot, MetricPlot, GradientNormPlot, GradientHeatmap])
def test_iteration_axis_reads_in_plain_numbers(qtbot, snap, cls, size):
    plot = shown(qtbot, cls, size)
    draw(plot, spanning(snap, 0.1, 1.0, iterations=1.5e6))
    labels = drawn_labels(plot.plot_item.getAxis("bottom"))
    texts = [text for _, text in labels]
    assert len(texts) >= 2 and not any("e" in t for t in texts), texts
    assert all(t == "0" or t[-1] in "kM" for t in texts), texts
    assert_apart(labels)


def test_plain_numbers():
    cases = {(1_500_000, 500_000): "1.5M", (20_000, 10_000): "20k", (2000, 1000): "2000", (0.05, 0.01): "0.05",
             (0.3, 0.1): "0.3", (1e-5, 1e-5): "1e-5", (0, 1): "0", (250_000, 50_000): "250k", (3e13, 1e13): "3e13"}
    assert {k: plain_number(*k) for k in cases} == cases


@pytest.mark.parametrize("low,high,pixels", [(-1, 0, 150), (-0.15, -0.02, 150), (-8, 5, 150), (-3, 2, 400),
                                             (-0.5, 0.3, 60), (2, 2.01, 200)])
def test_log_ticks_fit_their_pixels(low, high, pixels):
    gap = 14.0
    values = log_ticks(low, high, pixels, gap)
    logs = np.log10(values)
    assert len(values) >= 2
    assert np.all((logs >= low - 1e-9) & (logs <= high + 1e-9))
    assert np.all(np.diff(logs) * pixels / (high - low) >= gap - 1e-9)


@pytest.mark.parametrize("cls", [LossPlot, MetricPlot, GradientNormPlot])
def test_an_empty_plot_shows_no_ticks(qtbot, snap, cls):
    plot = shown(qtbot, cls)
    for name in ("left", "bottom"):
        assert drawn_labels(plot.plot_item.getAxis(name)) == []
    draw(plot, snap)
    assert drawn_labels(plot.plot_item.getAxis("left"))
    plot.clear()
    assert drawn_labels(plot.plot_item.getAxis("left")) == []


@pytest.mark.parametrize("size", SMALL_SIZES)
@pytest.mark.parametrize("cls", [LossPlot, MetricPlot, GradientNormPlot])
def test_the_legend_sits_beside_the_curves(qtbot, cls, size):
    deep = classification(hidden=(3,) * 8, steps=40)
    plot = shown(qtbot, cls, size)
    draw(plot, deep)
    QApplication.processEvents()
    legend = plot.legend.sceneBoundingRect()
    assert legend.height() > 0
    assert not legend.intersects(plot.plot_item.getViewBox().sceneBoundingRect())
    assert plot.plot_widget.sceneRect().contains(legend)


def test_gradient_norm_labels_cover_the_norms(qtbot, snap):
    """The labelled decades bracket the drawn norms (the axis follows the data)."""
    plot = shown(qtbot, GradientNormPlot, (320, 190))
    draw(plot, snap)
    norms = np.concatenate(grad_norms(snap))
    low, high = plot.plot_item.getViewBox().viewRange()[1]
    assert low <= math.log10(norms.min()) and math.log10(norms.max()) <= high
