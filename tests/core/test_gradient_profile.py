"""Vanishing and exploding gradients, measured: the backward signal's norm layer by layer."""
import dataclasses

import numpy as np
import pytest

from nnplayground.core import Experiment, LayerSpec, NetworkSpec, OptimizerSpec, Trainer
from nnplayground.core.presets import load_preset


def deep(activation, depth, **network):
    return Experiment(network=NetworkSpec(hidden=tuple(LayerSpec(16, activation) for _ in range(depth)), **network))


def test_fifty_sigmoid_layers_starve_the_first_layer():
    profile = Trainer(deep("sigmoid", 50)).backprop_profile()
    assert profile.first_over_last < 1e-3
    assert np.all(np.diff(np.log(profile.delta_norms[:-1])) > 0)  # shrinking on the way down


def test_linear_layers_with_gain_multiply_the_signal_by_the_gain_per_layer():
    profile = Trainer(deep("linear", 30, init="orthogonal", init_gain=1.5)).backprop_profile()
    assert profile.first_over_last == pytest.approx(1.5**30, rel=1e-9)  # the closed form, exactly
    assert profile.first_over_last > 1e3
    steps = profile.delta_norms[:-1] / profile.delta_norms[1:]
    np.testing.assert_allclose(steps, 1.5, rtol=1e-9)


def test_the_factor_per_layer_is_the_geometric_mean_of_the_hidden_layers_steps():
    for experiment, per_layer in ((deep("linear", 12, init="orthogonal", init_gain=1.5), 1.5),
                                  (deep("linear", 12, init="orthogonal", init_gain=0.7), 0.7)):
        profile = Trainer(experiment).backprop_profile()
        assert profile.factor_per_layer == pytest.approx(per_layer, rel=1e-9)  # the closed form
    profile = Trainer(deep("sigmoid", 9)).backprop_profile()
    steps = profile.delta_norms[:-2] / profile.delta_norms[1:-1]  # hidden layer k over k+1
    assert profile.factor_per_layer == pytest.approx(np.exp(np.log(steps).mean()), rel=1e-12)
    assert np.isnan(Trainer(deep("sigmoid", 1)).backprop_profile().factor_per_layer)


def test_sigmoid_vanishes_with_ordinary_weights_and_grows_with_large_ones():
    """Sigmoid's slope is at most 0.25: alone it shrinks the signal; weights whose gain beats 1/0.25
    (with room for the saturation they cause) make it grow toward the input."""
    large = load_preset("exploding-sigmoid-large-weights")
    ordinary = dataclasses.replace(large, network=dataclasses.replace(large.network, init_gain=1.0))
    shrinking, growing = (Trainer(e).backprop_profile() for e in (ordinary, large))
    assert large.network.init_gain * 0.25 > 1 and {h.activation for h in large.network.hidden} == {"sigmoid"}
    assert shrinking.factor_per_layer < 0.3  # Xavier weights scale by about 1, sigmoid by at most 0.25
    assert shrinking.delta_norms[0] < shrinking.delta_norms[-2] and shrinking.first_over_last < 1e-6
    assert growing.factor_per_layer > 1
    assert growing.delta_norms[0] > growing.delta_norms[-2] and growing.first_over_last > 1


def test_the_profile_leaves_training_untouched():
    a, b = Trainer(deep("tanh", 3)), Trainer(deep("tanh", 3))
    for _ in range(5):
        a.step()
        b.step()
        a.backprop_profile()
    assert np.array_equal(a.network.theta, b.network.theta)
    assert np.array_equal(a.network.grad, b.network.grad)


def test_large_initial_weights_saturate_the_pre_activations():
    def outer_fraction(gain):
        profile = Trainer(deep("tanh", 6, init_gain=gain)).backprop_profile()
        centres = (profile.bin_edges[:-1] + profile.bin_edges[1:]) / 2
        counts = profile.histograms[1:].sum(axis=0)  # layers 2 and up
        return counts[np.abs(centres) > 2].sum() / counts.sum()  # tanh'(2) = 0.07

    assert outer_fraction(5.0) > 0.5  # mostly where tanh is nearly flat
    assert outer_fraction(1.0) < 0.1


def test_clipping_bounds_the_applied_gradient():
    exp = deep("linear", 10, init="orthogonal", init_gain=1.5)
    exp = exp.replace(optimizer=OptimizerSpec(learning_rate=0.01, clip_norm=1.0))
    trainer = Trainer(exp)
    before = trainer.network.theta.copy()
    record = trainer.step()
    assert record.clipped and record.global_grad_norm > 1.0
    step = trainer.network.theta - before
    assert np.linalg.norm(step) == pytest.approx(0.01 * 1.0)  # lr x the clipped norm


def test_batches_holding_an_outlier_spike_the_gradient_and_huber_tames_them():
    def spikes(loss):
        exp = load_preset("outliers-regression")
        trainer = Trainer(exp.replace(network=dataclasses.replace(exp.network, regression_loss=loss)))
        records = [trainer.step() for _ in range(300)]
        with_outlier = [r.global_grad_norm for r in records if r.outliers]
        without = [r.global_grad_norm for r in records if not r.outliers]
        assert with_outlier and without
        return np.median(with_outlier) / np.median(without)

    mse, huber = spikes("mse"), spikes("huber")
    assert mse > 3
    assert huber < mse / 2


def test_outlier_counts_follow_the_shuffled_batches():
    trainer = Trainer(load_preset("outliers-regression"))
    per_epoch = trainer.schedule.batches_per_epoch
    counts = [trainer.step().outliers for _ in range(3 * per_epoch)]
    total = int(trainer.data.outlier_mask.sum())
    for epoch in range(3):
        assert sum(counts[epoch * per_epoch:(epoch + 1) * per_epoch]) == total
