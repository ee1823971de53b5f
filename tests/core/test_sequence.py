"""Sequence experiments: the recurrent net trained by the ordinary Trainer."""
import numpy as np
import pytest

from nnplayground.core import DataSpec, Experiment, ExperimentError, LayerSpec, NetworkSpec, Trainer, TrainingSpec
from nnplayground.core.snapshot import SnapshotTaker


def sequence(task="remember_first", length=20, hidden=8, **network):
    return Experiment(data=DataSpec(dataset=task, samples=64, sequence_length=length),
                      network=NetworkSpec(task="regression", hidden=(LayerSpec(hidden, "tanh"),), **network),
                      training=TrainingSpec(batch_size=8, epochs=2))


@pytest.mark.parametrize("task,inputs", [("remember_first", 1), ("adding", 2)])
def test_sequences_ride_the_trainer_as_flattened_columns(task, inputs):
    trainer = Trainer(sequence(task, length=12))
    assert trainer.data.X_train.shape == (trainer.experiment.train_samples, 12 * inputs)
    record = trainer.step()
    assert len(record.grad_norm) == 2 and np.isfinite(record.grad_norm).all()  # recurrent, output
    assert record.activation_mean.size == 0
    # a flattened row reaches the recurrent net as exactly the sequence generated
    first = trainer.data.X_train[0].reshape(1, 12, inputs)
    net = trainer.network
    np.testing.assert_array_equal(net.forward(net.inputs(trainer.data.X_train[:1])).z_out.T, net.rnn.predict(first))


def test_the_trainer_gradient_matches_the_rnn_itself():
    trainer = Trainer(sequence())
    X = trainer.data.X_train[:5].reshape(5, 20, 1)
    Y = trainer.data.Y_train[:5]
    _, expected = trainer.network.rnn.loss_and_grads(X, Y)
    trainer.network.compute_gradients(trainer.network.inputs(trainer.data.X_train[:5]), Y.T.copy())
    np.testing.assert_array_equal(trainer.network.grads[0][0][:1], expected[0])  # W_x
    np.testing.assert_array_equal(trainer.network.grads[0][0][1:], expected[1])  # W_h


def test_a_contracting_recurrence_starves_the_first_step():
    profile = Trainer(sequence(length=200, spectral_radius=0.5)).backprop_profile()
    assert profile.delta_norms.shape == (200,)
    assert profile.first_over_last < 1e-6


def test_truncated_bptt_sends_nothing_further_back():
    profile = Trainer(sequence(length=30, bptt_truncate=10)).backprop_profile()
    assert np.all(profile.delta_norms[:20] == 0) and np.all(profile.delta_norms[20:] > 0)


def test_same_seed_same_run():
    a, b = Trainer(sequence()), Trainer(sequence())
    assert [a.step().train_loss for _ in range(6)] == [b.step().train_loss for _ in range(6)]


def test_a_sequence_experiment_needs_one_tanh_layer():
    with pytest.raises(ExperimentError, match="network.hidden"):
        Experiment(data=DataSpec(dataset="adding", sequence_length=10),
                   network=NetworkSpec(task="regression", hidden=(LayerSpec(4), LayerSpec(4))))
    with pytest.raises(ExperimentError, match="network.task"):
        Experiment(data=DataSpec(dataset="adding"), network=NetworkSpec(task="binary", hidden=(LayerSpec(4),)))


def test_a_sequence_snapshot_has_no_plane_to_draw():
    trainer = Trainer(sequence())
    snap = SnapshotTaker(trainer, profile=True).take(trainer.step())
    assert snap.surface.size == 0 and snap.neuron_maps == ()
    assert snap.profile.delta_norms.shape == (20,)
