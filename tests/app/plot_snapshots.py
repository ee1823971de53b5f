"""Real snapshots and small helpers shared by the tests of the training plots."""
from __future__ import annotations

import dataclasses

import numpy as np
from PySide6.QtWidgets import QApplication

from nnplayground.app.plots import GradientHeatmap, GradientNormPlot, LossPlot, MetricPlot
from nnplayground.core.experiment import DataSpec, Experiment, LayerSpec, NetworkSpec, OptimizerSpec, TrainingSpec
from nnplayground.core.snapshot import SnapshotTaker
from nnplayground.core.trainer import Trainer
import qt_helpers

ALL_PLOTS = (LossPlot, MetricPlot, GradientNormPlot, GradientHeatmap)


def draw(plot, snapshot):
    """Show a snapshot and draw it now, as the throttle would a moment later."""
    plot.show_snapshot(snapshot)
    plot.flush()


def run(experiment: Experiment, steps: int = 0, resolution: int = 8):
    """A real snapshot after ``steps`` iterations (fewer if the run diverges first), with its
    trainer; ``resolution`` is the output grid's (small: the plots do not draw it)."""
    trainer = Trainer(experiment)
    taker = SnapshotTaker(trainer, resolution=resolution)
    record = None
    for _ in range(steps):
        record = trainer.step()
        if trainer.status == "diverged":
            break
    return trainer, taker.take(record)


def classification(hidden=(4, 3), steps=300, **training):
    exp = Experiment(
        data=DataSpec(dataset="circle", samples=200),
        network=NetworkSpec(hidden=tuple(LayerSpec(u, "tanh") for u in hidden)),
        training=TrainingSpec(batch_size=10, eval_every=20, **training),
    )
    return run(exp, steps)[1]


def regression(steps=200):
    exp = Experiment(
        data=DataSpec(dataset="plane", samples=200),
        network=NetworkSpec(task="regression", hidden=(LayerSpec(4, "tanh"),)),
        training=TrainingSpec(batch_size=10, eval_every=20),
    )
    return run(exp, steps)[1]


def diverged():
    """A deep linear net with learning rate 100: it blows up within a few steps."""
    exp = Experiment(
        data=DataSpec(dataset="plane", samples=100),
        network=NetworkSpec(task="regression", hidden=tuple(LayerSpec(8, "linear") for _ in range(8))),
        optimizer=OptimizerSpec(learning_rate=100.0),
        training=TrainingSpec(eval_every=1),
    )
    trainer, snap = run(exp, 1000)
    assert trainer.status == "diverged"
    return snap


def shown(qtbot, cls, size=(420, 260)):
    """A new ``cls`` plot, shown at ``size``."""
    return qt_helpers.show(qtbot, cls(), size)


def original(curve):
    return curve.xData, curve.yData


def npoints(curve) -> int:
    return 0 if curve.xData is None else len(curve.xData)


def assert_curve(curve, x, y):
    cx, cy = original(curve)
    np.testing.assert_array_equal(cx, x)
    np.testing.assert_array_equal(cy, y)


def grad_norms(snapshot):
    layers = sum(1 for k in snapshot.history if k.startswith("grad_norm_"))
    return [snapshot.history[f"grad_norm_{i}"] for i in range(1, layers + 1)]


def with_history(snapshot, **columns):
    """A copy of a real snapshot with some history columns replaced (same length)."""
    history = dict(snapshot.history)
    history.update({k: np.asarray(v, dtype=float) for k, v in columns.items()})
    return dataclasses.replace(snapshot, history=history)


def drawn_ticks(axis) -> list[tuple[float, str]]:
    """The labelled ticks ``axis`` draws for its present range and length (its public tick methods)."""
    QApplication.processEvents()  # the axis follows the view's range
    vertical = axis.orientation in ("left", "right")
    size = axis.geometry().height() if vertical else axis.geometry().width()
    spacing, values = axis.tickValues(*axis.range, size)[0]
    return list(zip(values, axis.tickStrings(values, axis.scale, spacing)))
