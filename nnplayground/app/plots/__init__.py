"""Plot widgets that draw training ``Snapshot`` objects (never the live trainer).

Each widget has ``show_snapshot(snapshot)``, ``clear()`` and ``plot_item`` (the main
``pg.PlotItem``, for pyqtgraph's image and SVG exporters).
"""
from .curves import LossPlot, MetricPlot
from .gradients import GradientHeatmap, GradientNormPlot

__all__ = ["GradientHeatmap", "GradientNormPlot", "LossPlot", "MetricPlot"]
