"""Snapshots: what the views draw must equal what the network computes, and stay put."""
import numpy as np
import pytest

from nnplayground.core import DataSpec, Experiment, LayerSpec, NetworkSpec, Trainer
from nnplayground.core.metrics import metrics_header
from nnplayground.core.snapshot import SnapshotTaker


def test_surface_and_neuron_maps_equal_the_networks_outputs():
    trainer = Trainer(Experiment(network=NetworkSpec(hidden=(LayerSpec(3, "relu"),))))
    taker = SnapshotTaker(trainer, resolution=8, neuron_stride=2)
    snap = taker.take(trainer.step())
    lo, hi = snap.extent
    x1, x2 = np.linspace(lo, hi, 8)[5], np.linspace(lo, hi, 8)[2]  # column 5, row 2
    probability = trainer.network.predict(trainer.data.transform([[x1, x2]]))[0, 0]
    assert snap.surface.shape == (8, 8, 1)
    assert snap.surface[2, 5, 0] == pytest.approx(probability)
    W, b = trainer.network.params[0]
    hidden = np.maximum(trainer.data.transform([[x1, x2]]) @ W + b, 0)[0]
    assert snap.neuron_maps[0].shape == (4, 4, 3)
    # Row 2 / column 4 of the fine grid is row 1 / column 2 of the stride-2 neuron grid.
    x1_even = np.linspace(lo, hi, 8)[4]
    hidden_even = np.maximum(trainer.data.transform([[x1_even, x2]]) @ W + b, 0)[0]
    assert snap.neuron_maps[0][1, 2] == pytest.approx(hidden_even)
    assert hidden.shape == (3,)
    assert snap.neuron_maps[-1][1, 2, 0] == pytest.approx(snap.surface[2, 4, 0])


def test_one_dimensional_data_gives_curves():
    exp = Experiment(data=DataSpec(dataset="sine", features=("x1",)), network=NetworkSpec(task="regression"))
    trainer = Trainer(exp)
    snap = SnapshotTaker(trainer, resolution=10, neuron_stride=1).take()
    xs = np.linspace(*snap.extent, 10)
    assert snap.surface.shape == (10, 1)
    assert snap.surface[:, 0] == pytest.approx(trainer.network.predict(xs[:, None])[:, 0])


def test_a_snapshot_does_not_change_when_training_goes_on():
    trainer = Trainer(Experiment())
    taker = SnapshotTaker(trainer)
    snap = taker.take(trainer.step())
    weights, surface, losses = snap.weights[0].copy(), snap.surface.copy(), snap.history["train_loss"].copy()
    for _ in range(20):
        trainer.step()
    assert np.array_equal(snap.weights[0], weights)
    assert np.array_equal(snap.surface, surface)
    assert np.array_equal(snap.history["train_loss"], losses)
    assert snap.iteration == 1 and len(snap.history_x) == 1


def test_history_holds_every_metrics_column():
    trainer = Trainer(Experiment())
    snap = SnapshotTaker(trainer).take(trainer.step())
    header = metrics_header("accuracy", 3)
    assert list(snap.history) == [*header[1:7], "global_grad_norm", "outliers", *header[7:]]
    assert snap.history["global_grad_norm"][0] == snap.record.global_grad_norm


def test_a_hand_edited_weight_is_used_by_the_next_step():
    trainer = Trainer(Experiment())
    trainer.set_weight(1, 2, 0, 3.5)
    assert trainer.network.params[1][0][2, 0] == 3.5
