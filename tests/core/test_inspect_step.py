"""The propagation inspector's trace of one SGD iteration equals what the network computes."""
import dataclasses

import numpy as np
import pytest

from nnplayground.core import Experiment, Trainer
from nnplayground.core.inspect_step import StepTrace, activate, trace_step
from nnplayground.core.network import Network

HIDDEN = ("sigmoid", "tanh", "relu", "leaky_relu", "linear")
TASKS = {  # task name: (loss, outputs)
    "binary": ("bce", 1),
    "multiclass": ("softmax_ce", 3),
    "mse": ("mse", 1),
    "huber": ("huber", 1),
}


def make_network(activation, task, *, l1=0.0, l2=0.0, sizes=(2, 5, 4), seed=0, huber_delta=0.7):
    loss, outputs = TASKS[task]
    net = Network([*sizes, outputs], [(activation, 0.05)] * (len(sizes) - 1), loss,
                  huber_delta=huber_delta, l1=l1, l2=l2)
    rng = np.random.default_rng(seed)
    net.theta[:] = rng.normal(0.0, 0.9, net.theta.size)  # biases too, so no term is trivially zero
    return net


def sample(net, task, seed=1):
    rng = np.random.default_rng(seed)
    x = rng.normal(0.0, 1.5, net.sizes[0])
    outputs = net.sizes[-1]
    if task == "binary":
        y = np.array([1.0])
    elif task == "multiclass":
        y = np.eye(outputs)[1]
    else:
        y = np.array([2.5])  # far enough from the prediction that Huber is in its linear part
    return x, y


def assert_close(actual, expected, rtol=1e-12):
    """Equal to ``rtol`` relative to the largest magnitude involved (summation order differs)."""
    actual, expected = np.asarray(actual, float), np.asarray(expected, float)
    assert actual.shape == expected.shape
    scale = max(np.max(np.abs(expected), initial=0.0), 1e-300)
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=rtol * scale)


def independent_forward(net, x):
    """Each layer's (z, a), through the network's own features-first forward pass."""
    ws = net.forward(net.inputs(x[None]))
    zs = [z[:, 0].copy() for z in ws.z] + [ws.z_out[:, 0].copy()]
    activations = [a[:, 0].copy() for a in ws.a] + [net.output_activation(ws.z_out.T)[0]]
    return zs, activations


@pytest.mark.parametrize("task", list(TASKS))
@pytest.mark.parametrize("activation", HIDDEN)
@pytest.mark.parametrize("penalty", [{}, {"l2": 0.03}, {"l1": 0.02, "l2": 0.01}], ids=["plain", "l2", "l1+l2"])
def test_trace_equals_the_network_on_a_batch_of_one(activation, task, penalty):
    net = make_network(activation, task, **penalty)
    x, y = sample(net, task)
    trace = trace_step(net, x, y, learning_rate=0.1)
    loss, grads = net.loss_and_grads(x[None], y[None])

    assert isinstance(trace, StepTrace)
    assert trace.loss == pytest.approx(loss, rel=1e-12)
    assert len(trace.gradients) == len(grads) == net.num_layers
    for (dW, db), (expected_dW, expected_db) in zip(trace.gradients, grads):
        assert_close(dW, expected_dW)
        assert_close(db, expected_db)

    zs, activations = independent_forward(net, x)
    for layer, z, a in zip(trace.layers, zs, activations):
        assert_close(layer.z, z)
        assert_close(layer.a, a)
    assert_close(trace.prediction, net.predict(x[None])[0])
    assert np.array_equal(trace.layers[0].inputs, x)
    for below, layer in zip(trace.layers, trace.layers[1:]):
        assert np.array_equal(layer.inputs, below.a)


@pytest.mark.parametrize("task", list(TASKS))
def test_the_penalty_is_reported_apart_from_the_data_loss(task):
    plain = make_network("tanh", task)
    regularised = make_network("tanh", task, l1=0.02, l2=0.05)
    x, y = sample(plain, task)
    without, with_penalty = trace_step(plain, x, y, 0.1), trace_step(regularised, x, y, 0.1)
    assert without.penalty == 0.0
    assert with_penalty.data_loss == pytest.approx(without.data_loss, rel=1e-14)
    weights = [W for W, _ in regularised.params]
    expected = sum(0.5 * 0.05 * np.sum(W**2) + 0.02 * np.sum(np.abs(W)) for W in weights)
    assert with_penalty.penalty == pytest.approx(expected, rel=1e-12)
    for layer, W in zip(with_penalty.layers, weights):
        assert_close(layer.d_weights_penalty, 0.05 * W + 0.02 * np.sign(W))
        assert_close(layer.d_weights, layer.d_weights_data + layer.d_weights_penalty)
    assert_close(with_penalty.loss, regularised.loss_and_grads(x[None], y[None])[0])


@pytest.mark.parametrize("activation", HIDDEN)
def test_backward_is_the_chain_rule_layer_by_layer(activation):
    net = make_network(activation, "multiclass", sizes=(3, 6, 5, 4))
    x, y = sample(net, "multiclass")
    trace = trace_step(net, x, y, 0.05)
    out = trace.layers[-1]
    assert out.is_output and out.activation == "softmax" and out.d_a is None and out.fprime is None
    assert_close(out.d_z, trace.prediction - y)  # softmax + cross-entropy: p - y
    for layer, above in zip(trace.layers[:-1], trace.layers[1:]):
        assert_close(layer.d_a, above.weights @ above.d_z)
        assert_close(layer.d_z, layer.d_a * layer.fprime)
        assert_close(layer.d_weights_data, np.outer(layer.inputs, layer.d_z))
        assert_close(layer.d_bias, layer.d_z)
    # f'(z) is the slope of f at z: compare with a central difference.
    for layer in trace.layers[:-1]:
        h = 1e-6
        slope = (activate(layer.activation, layer.z + h, layer.alpha)
                 - activate(layer.activation, layer.z - h, layer.alpha)) / (2 * h)
        kink = np.abs(layer.z) < 10 * h  # relu and leaky relu have no slope at 0
        np.testing.assert_allclose(layer.fprime[~kink], slope[~kink], rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("task", ["mse", "huber"])
def test_a_linear_output_shows_da_and_a_unit_slope(task):
    net = make_network("tanh", task, huber_delta=0.7)
    x, y = sample(net, task)
    trace = trace_step(net, x, y, 0.1)
    out = trace.layers[-1]
    assert out.activation == "linear"
    assert_close(out.a, out.z)
    assert np.array_equal(out.fprime, np.ones(1))
    residual = out.z - y
    expected = 2 * residual if task == "mse" else np.clip(residual, -0.7, 0.7)
    assert_close(out.d_a, expected)
    assert_close(out.d_z, out.d_a)
    if task == "huber":
        assert abs(residual[0]) > 0.7  # the linear part: the gradient is clipped to +-delta
        assert trace.data_loss == pytest.approx(0.7 * (abs(residual[0]) - 0.35), rel=1e-12)


def test_binary_output_is_sigmoid_and_its_delta_is_p_minus_y():
    net = make_network("relu", "binary")
    x, y = sample(net, "binary")
    trace = trace_step(net, x, y, 0.1)
    out = trace.layers[-1]
    p = 1 / (1 + np.exp(-out.z))
    assert out.activation == "sigmoid"
    assert_close(out.a, p)
    assert_close(out.d_z, p - y)
    assert trace.data_loss == pytest.approx(-np.log(p[0]), rel=1e-12)  # y = 1


@pytest.mark.parametrize("task", list(TASKS))
def test_the_update_is_one_plain_sgd_step(task):
    net = make_network("leaky_relu", task, l2=0.01)
    x, y = sample(net, task)
    lr = 0.37
    trace = trace_step(net, x, y, lr)
    assert trace.learning_rate == lr
    for layer, (W, b) in zip(trace.layers, net.params):
        assert np.array_equal(layer.weights, W) and np.array_equal(layer.bias, b)
        assert np.array_equal(layer.weights_after, layer.weights - lr * layer.d_weights)
        assert np.array_equal(layer.bias_after, layer.bias - lr * layer.d_bias)


def test_the_trace_leaves_the_network_alone_and_cannot_be_edited():
    net = make_network("tanh", "binary", l2=0.1)
    theta, grad = net.theta.copy(), net.grad.copy()
    x, y = sample(net, "binary")
    trace = trace_step(net, x, y, 0.5)
    assert np.array_equal(net.theta, theta) and np.array_equal(net.grad, grad)
    with pytest.raises(ValueError):
        trace.layers[0].weights[0, 0] = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        trace.learning_rate = 1.0


def test_inputs_of_the_wrong_size_are_refused():
    net = make_network("tanh", "binary")
    with pytest.raises(ValueError, match="features"):
        trace_step(net, np.zeros(3), np.ones(1), 0.1)
    with pytest.raises(ValueError, match="outputs"):
        trace_step(net, np.zeros(2), np.ones(2), 0.1)


@pytest.mark.parametrize("dataset, task, loss, hidden", [
    ("circle", "binary", "mse", ("tanh", "relu")),
    ("blobs", "multiclass", "mse", ("sigmoid", "leaky_relu")),
    ("plane", "regression", "mse", ("linear", "tanh")),
    ("sine", "regression", "huber", ("relu", "sigmoid")),
])
def test_a_trainer_stepping_on_that_one_sample_lands_on_the_traced_weights(dataset, task, loss, hidden):
    """One Trainer iteration with plain SGD on a batch of exactly that sample (batch size 1,
    fixed order: the first training sample) moves the weights where the trace says."""
    features = ("x1",) if dataset == "sine" else ("x1", "x2", "x1*x2")
    exp = Experiment.from_dict({
        "seed": 7,
        "data": {"dataset": dataset, "samples": 40, "features": list(features)},
        "network": {"task": task, "regression_loss": loss,
                    "hidden": [{"units": 5, "activation": hidden[0]}, {"units": 3, "activation": hidden[1]}]},
        "optimizer": {"name": "sgd", "learning_rate": 0.2, "l2": 0.01},
        "training": {"batch_size": 1, "batch_mode": "fixed"},
    })
    trainer = Trainer(exp)
    x, y = trainer.data.X_train[0], trainer.data.Y_train[0]
    trace = trace_step(trainer.network, x, y, exp.optimizer.learning_rate)
    record = trainer.step()
    assert record.train_loss == pytest.approx(trace.loss, rel=1e-12)
    for layer, (W, b), (dW, _) in zip(trace.layers, trainer.network.params, trainer.network.grads):
        assert_close(layer.d_weights, dW)
        assert_close(layer.weights_after, W)
        assert_close(layer.bias_after, b)
