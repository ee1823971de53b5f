"""Exports from the window: a plot as PNG or SVG, the run's metrics as CSV.

Plots are rendered straight from their graphics scene with Qt's own painters: pyqtgraph
0.14's SVGExporter fails on Qt 6.11 (pyqtgraph issue #3485), while QSvgGenerator and
QImage draw exactly what the screen shows.
"""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from ..core.files import temporary_sibling, write_atomic
from ..core.history import HISTORY_ROWS
from ..core.metrics import csv_cells, history_stride, metrics_header, task_metric

PNG_SCALE = 2  # twice the on-screen size reads well in documents


def export_plot(view, path) -> None:
    """Write ``view.plot_item`` to ``path``: .png or .svg. Atomic: no half-written file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ValueError(f"cannot export to {suffix or 'a file without a suffix'}; use .png or .svg")
    getattr(view, "flush", lambda: None)()  # a plot in a hidden dock may hold an undrawn snapshot
    item = view.plot_item
    source = item.sceneBoundingRect()
    tmp = temporary_sibling(path)
    try:
        if suffix == ".svg":
            _render_svg(item.scene(), source, tmp)
        else:
            _render_png(item.scene(), source, tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _render_svg(scene, source: QRectF, target: Path) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(target))
    generator.setSize(source.size().toSize())
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle("nnplayground")
    painter = QPainter(generator)
    try:
        painter.fillRect(QRectF(0, 0, source.width(), source.height()), Qt.GlobalColor.white)
        scene.render(painter, QRectF(0, 0, source.width(), source.height()), source)
    finally:
        painter.end()
    if not target.exists():
        raise OSError(f"could not write {target.name}")


def _render_png(scene, source: QRectF, target: Path) -> None:
    image = QImage(int(source.width() * PNG_SCALE), int(source.height() * PNG_SCALE), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    try:
        scene.render(painter, QRectF(image.rect()), source)
    finally:
        painter.end()
    if not image.save(str(target), "PNG"):
        raise OSError(f"could not write {target.name}")


def metrics_csv(snapshot) -> str:
    """The snapshot's metric history in the metrics.csv layout of ``nnplayground run``: every
    row the window's plots show. A long run's history is thinned to every k-th iteration
    (core/history.py); the file then starts with a ``#`` line that says so."""
    exp = snapshot.experiment
    metric = task_metric(exp.network.task)
    header = metrics_header(metric, len(snapshot.weights))
    columns = [snapshot.history_x] + [snapshot.history[name] for name in header[1:]]
    out = io.StringIO()
    stride = history_stride(snapshot.history_x)
    if stride > 1:
        out.write("# " + QCoreApplication.translate(
            "export", "one row every {0} iterations: the window keeps a long run's history thinned to at most {1} "
            "rows (nnplayground run logs every iteration)").format(stride, HISTORY_ROWS) + "\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(csv_cells(row) for row in np.column_stack(columns))
    return out.getvalue()


def save_metrics_csv(snapshot, path) -> tuple[int, int]:
    """Write ``metrics_csv(snapshot)`` to ``path`` atomically; returns (rows written, iterations
    between rows)."""
    write_atomic(path, metrics_csv(snapshot))
    return len(snapshot.history_x), history_stride(snapshot.history_x)
