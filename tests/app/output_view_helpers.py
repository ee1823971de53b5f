"""Real runs and small helpers shared by the output view's tests."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt

from nnplayground.app.plots.output_view import OutputView
from nnplayground.core import Experiment
from nnplayground.core.experiment import DataSpec, LayerSpec, NetworkSpec, OptimizerSpec
import plot_snapshots
import qt_helpers

LEFT = Qt.MouseButton.LeftButton


def run(experiment: Experiment, steps: int = 0):
    """A real run after ``steps`` iterations: (trainer, snapshot) at the window's resolution."""
    return plot_snapshots.run(experiment, steps, resolution=64)


def gaussian(**data):
    return Experiment(data=DataSpec(dataset="gaussian", samples=200, **data),
                      optimizer=OptimizerSpec(name="adam", learning_rate=0.05))


def shown_view(qtbot) -> OutputView:
    return qt_helpers.show(qtbot, OutputView(), (520, 600))


def show(view, trainer, snap):
    view.set_data(trainer.data)
    view.show_snapshot(snap)


def widget_pos(view, x: float, y: float) -> QPoint:
    """Where the data point (x, y) is on the plot's viewport."""
    scene = view.plot_item.getViewBox().mapViewToScene(QPointF(x, y))
    return view.plot_widget.mapFromScene(scene)


def blobs(classes=4):
    return Experiment(data=DataSpec(dataset="blobs", classes=classes, samples=200),
                      network=NetworkSpec(task="multiclass", hidden=(LayerSpec(6),)),
                      optimizer=OptimizerSpec(name="adam", learning_rate=0.05))


def plane(**data):
    return Experiment(data=DataSpec(dataset="plane", samples=200, **data), network=NetworkSpec(task="regression"))


def sine(samples: int = 60, **data):
    return Experiment(data=DataSpec(dataset="sine", samples=samples, features=("x1",), **data),
                      network=NetworkSpec(task="regression"))
