"""Experiments, real snapshots and small helpers shared by the network builder's tests."""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QGraphicsSimpleTextItem

from nnplayground.app.model import ExperimentModel
from nnplayground.app.panels.network_builder import NetworkBuilder
from nnplayground.core import Experiment, LayerSpec, NetworkSpec, Trainer
from nnplayground.core.snapshot import SnapshotTaker
from qt_helpers import show


def make_experiment(*widths, activation="tanh", **data) -> Experiment:
    exp = Experiment()
    if data:
        exp = exp.replace(data=dataclasses.replace(exp.data, **data))
    return exp.replace(network=NetworkSpec(hidden=tuple(LayerSpec(w, activation) for w in widths)))


def snapshot_of(exp: Experiment, steps: int = 5):
    t = Trainer(exp)
    taker = SnapshotTaker(t)
    record = None
    for _ in range(steps):
        record = t.step()
    return taker.take(record)


def shown_builder(qtbot, exp: Experiment | None = None, size=(700, 420)) -> NetworkBuilder:
    """A builder on its own model of ``exp`` (the default experiment), shown at ``size``."""
    return show(qtbot, NetworkBuilder(ExperimentModel(exp if exp is not None else Experiment())), size)


def viewport_point(builder: NetworkBuilder, scene_point) -> QPoint:
    point = builder.view.mapFromScene(scene_point)
    assert builder.view.viewport().rect().contains(point), "the point is scrolled out of view"
    return point


def link_point(builder: NetworkBuilder, layer: int, i: int, j: int, t: float = 0.3):
    return builder.link_item(layer).line(i, j).pointAt(t)


def scene_texts(builder: NetworkBuilder) -> list[str]:
    return [item.text() for item in builder.scene.items() if isinstance(item, QGraphicsSimpleTextItem)]
