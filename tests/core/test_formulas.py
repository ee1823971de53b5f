"""The formulas README's "Formulas the app uses" and the Guide's formulas page state, checked
against the code numerically: momentum's form under a learning-rate change, the L2 penalty
and its gradient (weights only), clipping by the global norm, and losses as batch means."""
import dataclasses

import numpy as np
import pytest

from nnplayground.core import Trainer
from nnplayground.core.losses import LOSSES
from nnplayground.core.network import Network
from nnplayground.core.optimizers import Momentum, clip_by_global_norm
from nnplayground.core.presets import load_preset


def test_momentum_is_v_equals_mu_v_minus_lr_g_also_when_the_rate_changes_mid_run():
    rng = np.random.default_rng(1)
    mu, rates = 0.9, [0.1] * 5 + [0.01] * 5  # the rate drops after five steps
    grads = rng.normal(size=(len(rates), 7))
    theta = rng.normal(size=7)
    optimizer = Momentum(7, np.float64, rates[0], mu)
    v, expected, torch_buffer, torch_theta = np.zeros(7), theta.copy(), np.zeros(7), theta.copy()
    for rate, g in zip(rates, grads):
        optimizer.learning_rate = rate
        step = optimizer.update(theta, g)
        v = mu * v - rate * g
        expected += v
        np.testing.assert_allclose(step, v, rtol=1e-12)
        np.testing.assert_allclose(theta, expected, rtol=1e-12)
        torch_buffer = mu * torch_buffer + g
        torch_theta -= rate * torch_buffer
    # PyTorch's buffer form rescales the whole accumulated velocity when the rate changes:
    # after the drop the two trajectories part (before it they are the same training).
    assert not np.allclose(theta, torch_theta, rtol=1e-6)


def test_momentum_and_pytorchs_buffer_form_agree_while_the_rate_is_constant():
    rng = np.random.default_rng(2)
    grads = rng.normal(size=(8, 5))
    theta = np.zeros(5)
    optimizer = Momentum(5, np.float64, 0.05, 0.8)
    buffer, torch_theta = np.zeros(5), np.zeros(5)
    for g in grads:
        optimizer.update(theta, g)
        buffer = 0.8 * buffer + g
        torch_theta -= 0.05 * buffer
    np.testing.assert_allclose(theta, torch_theta, rtol=1e-12)


def small_network(l2=0.0, l1=0.0, loss="bce"):
    net = Network([3, 4, 2, 1], [("tanh", 0.0), ("relu", 0.0)], loss, l2=l2, l1=l1)
    net.initialize("xavier_normal", np.random.default_rng(3))
    for _, b in net.params:  # non-zero biases: a penalty on them would show
        b[...] = np.random.default_rng(4).normal(size=b.shape)
    return net


def test_l2_adds_half_l2_sum_w_squared_and_l2_w_to_the_weight_gradient_and_nothing_for_biases():
    rng = np.random.default_rng(5)
    X, Y = rng.normal(size=(6, 3)), rng.integers(0, 2, size=(6, 1)).astype(float)
    l2 = 0.3
    plain_loss, plain = small_network().loss_and_grads(X, Y)
    net = small_network(l2=l2)
    loss, grads = net.loss_and_grads(X, Y)
    weights = [W for W, _ in net.params]
    assert loss - plain_loss == pytest.approx(0.5 * l2 * sum(float(np.sum(W * W)) for W in weights), rel=1e-12)
    for (dW, db), (dW0, db0), W in zip(grads, plain, weights):
        np.testing.assert_allclose(dW - dW0, l2 * W, rtol=1e-9, atol=1e-15)
        np.testing.assert_array_equal(db, db0)


def test_l1_adds_l1_sign_w_to_the_weight_gradient_and_nothing_for_biases():
    rng = np.random.default_rng(6)
    X, Y = rng.normal(size=(6, 3)), rng.integers(0, 2, size=(6, 1)).astype(float)
    _, plain = small_network().loss_and_grads(X, Y)
    net = small_network(l1=0.2)
    _, grads = net.loss_and_grads(X, Y)
    for (dW, db), (dW0, db0), (W, _) in zip(grads, plain, net.params):
        np.testing.assert_allclose(dW - dW0, 0.2 * np.sign(W), rtol=1e-9, atol=1e-15)
        np.testing.assert_array_equal(db, db0)


@pytest.mark.parametrize("threshold", [0.5, 3.0])
def test_clipping_scales_by_threshold_over_the_norm_exactly(threshold):
    g = np.random.default_rng(7).normal(size=50)
    norm = float(np.sqrt(np.sum(g * g)))
    original = g.copy()
    factor = clip_by_global_norm(g, threshold, norm)
    assert factor == threshold / norm
    np.testing.assert_allclose(g, original * threshold / norm, rtol=1e-15)
    assert np.linalg.norm(g) == pytest.approx(threshold, rel=1e-12)


def test_clipping_leaves_a_gradient_within_the_threshold_alone():
    g = np.array([0.3, -0.4])
    assert clip_by_global_norm(g, 1.0, 0.5) == 1.0
    np.testing.assert_array_equal(g, [0.3, -0.4])


def test_a_training_step_clips_the_global_norm_of_every_weight_and_bias_with_the_penalty_included():
    base = load_preset("circle")
    experiment = dataclasses.replace(
        base, training=dataclasses.replace(base.training, batch_size=100_000),  # one batch: every sample
        optimizer=dataclasses.replace(base.optimizer, name="sgd", learning_rate=0.1, l2=0.01, clip_norm=0.05))
    trainer = Trainer(experiment, engine="numpy")
    before = trainer.network.theta.copy()
    _, grads = trainer.network.loss_and_grads(trainer.data.X_train, trainer.data.Y_train)
    g = np.concatenate([np.concatenate([dW.ravel(), db.ravel()]) for dW, db in grads])
    norm = np.sqrt(np.sum(g * g))
    assert norm > 0.05  # so the step is clipped
    trainer.step()
    np.testing.assert_allclose(trainer.network.theta, before - 0.1 * g * (0.05 / norm), rtol=1e-9, atol=1e-13)


def batch(loss: str, n=7, outputs=1, seed=8):
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(outputs, n))
    if loss == "softmax_ce":
        y = np.eye(outputs)[:, rng.integers(0, outputs, size=n)]
    elif loss == "bce":
        y = rng.integers(0, 2, size=(outputs, n)).astype(float)
    else:
        y = rng.normal(size=(outputs, n))
    return z, y


@pytest.mark.parametrize("loss,outputs", [("bce", 1), ("softmax_ce", 3), ("mse", 1), ("mse", 2), ("huber", 2)])
def test_the_loss_of_a_batch_is_the_mean_of_its_samples_losses(loss, outputs):
    z, y = batch(loss, outputs=outputs)
    function = LOSSES[loss]
    whole = function(z, y, np.empty_like(z), 1.0)
    singles = [function(z[:, i:i + 1], y[:, i:i + 1], np.empty((outputs, 1)), 1.0) for i in range(z.shape[1])]
    assert whole == pytest.approx(np.mean(singles), rel=1e-12)


def test_squared_error_is_the_mean_over_every_element_without_a_half():
    z, y = batch("mse", n=5, outputs=2)
    grad = np.empty_like(z)
    assert LOSSES["mse"](z, y, grad) == pytest.approx(np.sum((z - y) ** 2) / z.size, rel=1e-12)
    np.testing.assert_allclose(grad, 2 * (z - y) / z.size, rtol=1e-12)
