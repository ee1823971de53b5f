"""Every derivative in the core against central finite differences in float64."""
import itertools

import numpy as np
import pytest

from nnplayground.core.activations import ACTIVATIONS, HIDDEN_ACTIVATIONS
from nnplayground.core.losses import LOSSES
from nnplayground.core.network import Network

EPS = 1e-6
TOLERANCE = 1e-6


def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||): the usual gradient-check measure, blind to tiny entries' rounding."""
    a, b = np.ravel(a).astype(float), np.ravel(b).astype(float)
    return np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-300)


def away_from_kinks(rng, shape):
    """Points not within EPS of 0, where ReLU-style derivatives jump."""
    z = rng.normal(0, 2, shape)
    return np.where(np.abs(z) < 1e-3, 0.5, z)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_activation_derivative_matches_finite_differences(name):
    act = ACTIVATIONS[name]
    z = away_from_kinks(np.random.default_rng(1), 200)
    if name == "softmax":  # the registry gives the Jacobian's diagonal dp_i/dz_i
        z = z.reshape(20, 10)
        numeric = np.empty_like(z)
        for i in range(10):
            step = np.zeros(10)
            step[i] = EPS
            numeric[:, i] = (act(z + step)[:, i] - act(z - step)[:, i]) / (2 * EPS)
    else:
        numeric = (act(z + EPS, alpha=0.07) - act(z - EPS, alpha=0.07)) / (2 * EPS)
    assert relative_error(act.grad(z, alpha=0.07), numeric) < TOLERANCE


@pytest.mark.parametrize("loss_name,outputs", [("bce", 1), ("softmax_ce", 4), ("mse", 3), ("huber", 3)])
def test_loss_gradient_matches_finite_differences(loss_name, outputs):
    rng = np.random.default_rng(2)
    loss = LOSSES[loss_name]
    z = rng.normal(0, 3, (outputs, 7))  # features-first: one column per sample
    if loss_name == "bce":
        y = rng.integers(0, 2, (1, 7)).astype(float)
    elif loss_name == "softmax_ce":
        y = np.eye(outputs)[:, rng.integers(0, outputs, 7)]
    else:
        y = rng.normal(0, 3, (outputs, 7))
    grad = np.empty_like(z)
    loss(z, y, grad, 1.0)
    numeric = np.empty_like(z)
    scratch = np.empty_like(z)
    for idx in np.ndindex(z.shape):
        zp, zm = z.copy(), z.copy()
        zp[idx] += EPS
        zm[idx] -= EPS
        numeric[idx] = (loss(zp, y, scratch, 1.0) - loss(zm, y, scratch, 1.0)) / (2 * EPS)
    assert relative_error(grad, numeric) < TOLERANCE


def test_losses_stay_finite_for_extreme_logits():
    z = np.array([[1000.0, -1000.0]])  # two samples, each confidently wrong
    y = np.array([[0.0, 1.0]])
    grad = np.empty_like(z)
    assert LOSSES["bce"](z, y, grad) == pytest.approx(1000.0)
    assert grad == pytest.approx(np.array([[0.5, -0.5]]))
    z = np.array([[1000.0], [-1000.0], [0.0]])  # one sample, three classes
    assert LOSSES["softmax_ce"](z, np.array([[0.0], [1.0], [0.0]]), np.empty_like(z)) == pytest.approx(2000.0)


def test_bce_matches_its_definition():
    z = np.array([[0.3, -1.2, 2.0]])
    y = np.array([[1.0, 0.0, 1.0]])
    p = 1 / (1 + np.exp(-z))
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert LOSSES["bce"](z, y, np.empty_like(z)) == pytest.approx(expected, rel=1e-12)


def network_and_batch(task, activation, l1, l2, seed=3):
    rng = np.random.default_rng(seed)
    outputs = {"bce": 1, "softmax_ce": 3, "mse": 2, "huber": 2}[task]
    net = Network([3, 5, 4, outputs], [(activation, 0.1), (activation, 0.1)], task,
                  huber_delta=0.5, l1=l1, l2=l2)
    net.initialize("normal", rng, param=0.8)
    for _, b in net.params:
        b[...] = rng.normal(0, 0.3, b.shape)
    X = away_from_kinks(rng, (6, 3))
    if task == "bce":
        Y = rng.integers(0, 2, (6, 1)).astype(float)
    elif task == "softmax_ce":
        Y = np.eye(3)[rng.integers(0, 3, 6)]
    else:
        Y = rng.normal(0, 2, (6, outputs))
    return net, X, Y


@pytest.mark.parametrize("activation,task,reg", list(itertools.product(
    HIDDEN_ACTIVATIONS, ["bce", "softmax_ce", "mse", "huber"], [(0.0, 0.0), (0.01, 0.0), (0.0, 0.05), (0.02, 0.03)])))
def test_network_gradients_match_finite_differences(activation, task, reg):
    net, X, Y = network_and_batch(task, activation, *reg)
    loss, grads = net.loss_and_grads(X, Y)
    analytic = np.concatenate([np.concatenate([dW.ravel(), db]) for dW, db in grads])
    numeric = np.empty_like(net.theta)
    for i in range(net.theta.size):
        original = net.theta[i]
        net.theta[i] = original + EPS
        plus, _ = net.loss_and_grads(X, Y)
        net.theta[i] = original - EPS
        minus, _ = net.loss_and_grads(X, Y)
        net.theta[i] = original
        numeric[i] = (plus - minus) / (2 * EPS)
    assert np.isfinite(loss)
    assert relative_error(analytic, numeric) < TOLERANCE


def test_loss_and_grads_returns_independent_arrays_in_weight_shapes():
    net, X, Y = network_and_batch("bce", "tanh", 0, 0)
    _, first = net.loss_and_grads(X, Y)
    _, second = net.loss_and_grads(X * 2, Y)
    assert [dW.shape for dW, _ in first] == [(3, 5), (5, 4), (4, 1)]
    assert not np.allclose(first[0][0], second[0][0])


def test_regularization_term_is_in_the_loss():
    net, X, Y = network_and_batch("mse", "tanh", 0.0, 0.0)
    plain, _ = net.loss_and_grads(X, Y)
    net.l1, net.l2 = 0.1, 0.2
    weights = np.concatenate([W.ravel() for W, _ in net.params])
    regularized, _ = net.loss_and_grads(X, Y)
    expected = plain + 0.1 * np.abs(weights).sum() + 0.5 * 0.2 * (weights**2).sum()
    assert regularized == pytest.approx(expected, rel=1e-12)
