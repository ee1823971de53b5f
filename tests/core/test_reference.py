"""The reference implementation's trace of one SGD iteration equals what the fast path computes."""
import dataclasses

import numpy as np
import pytest

from nnplayground.core import Experiment, Trainer
from nnplayground.core.reference import StepTrace, activate, penalty, trace_step
from nnplayground.core.trainer import dense_network

HIDDEN = ("sigmoid", "tanh", "relu", "leaky_relu", "linear")
TASKS = {  # task name: (dataset, network task, regression loss)
    "binary": ("circle", "binary", "mse"),
    "multiclass": ("blobs", "multiclass", "mse"),
    "mse": ("plane", "regression", "mse"),
    "huber": ("plane", "regression", "huber"),
}
FEATURES = ("x1", "x2", "x1*x2")


def make_experiment(activation, task, *, l1=0.0, l2=0.0, hidden=(5, 4), features=2, huber_delta=0.7):
    dataset, network_task, regression_loss = TASKS[task]
    return Experiment.from_dict({
        "data": {"dataset": dataset, "classes": 3, "features": list(FEATURES[:features])},
        "network": {"task": network_task, "regression_loss": regression_loss, "huber_delta": huber_delta,
                    "hidden": [{"units": n, "activation": activation, "alpha": 0.05} for n in hidden]},
        "optimizer": {"l1": l1, "l2": l2},
    })


def make_network(experiment, seed=0):
    """The fast path's network for ``experiment``, every parameter drawn at random."""
    net = dense_network(experiment)
    rng = np.random.default_rng(seed)
    net.theta[:] = rng.normal(0.0, 0.9, net.theta.size)  # biases too, so no term is trivially zero
    return net


def trace_of(experiment, net, x, y, learning_rate):
    """The reference's trace for the network's current weights."""
    return trace_step(experiment, [W for W, _ in net.params], [b for _, b in net.params], x, y, learning_rate)


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
@pytest.mark.parametrize("rates", [{}, {"l2": 0.03}, {"l1": 0.02, "l2": 0.01}], ids=["plain", "l2", "l1+l2"])
def test_trace_equals_the_network_on_a_batch_of_one(activation, task, rates):
    exp = make_experiment(activation, task, **rates)
    net = make_network(exp)
    x, y = sample(net, task)
    trace = trace_of(exp, net, x, y, learning_rate=0.1)
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
    plain = make_experiment("tanh", task)
    regularised = make_experiment("tanh", task, l1=0.02, l2=0.05)
    net = make_network(plain)  # the same weights for both: only the experiment's L1/L2 differ
    x, y = sample(net, task)
    without, with_penalty = trace_of(plain, net, x, y, 0.1), trace_of(regularised, net, x, y, 0.1)
    assert without.penalty == 0.0
    assert with_penalty.data_loss == pytest.approx(without.data_loss, rel=1e-14)
    weights = [W for W, _ in net.params]
    expected = sum(0.5 * 0.05 * np.sum(W**2) + 0.02 * np.sum(np.abs(W)) for W in weights)
    assert with_penalty.penalty == pytest.approx(expected, rel=1e-12)
    assert penalty(weights, 0.02, 0.05) == pytest.approx(expected, rel=1e-12)
    for layer, W in zip(with_penalty.layers, weights):
        assert_close(layer.d_weights_penalty, 0.05 * W + 0.02 * np.sign(W))
        assert_close(layer.d_weights, layer.d_weights_data + layer.d_weights_penalty)
    net.l1, net.l2 = 0.02, 0.05
    assert_close(with_penalty.loss, net.loss_and_grads(x[None], y[None])[0])


@pytest.mark.parametrize("activation", HIDDEN)
def test_backward_is_the_chain_rule_layer_by_layer(activation):
    exp = make_experiment(activation, "multiclass", hidden=(6, 5, 4), features=3)
    net = make_network(exp)
    x, y = sample(net, "multiclass")
    trace = trace_of(exp, net, x, y, 0.05)
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
    exp = make_experiment("tanh", task, huber_delta=0.7)
    net = make_network(exp)
    x, y = sample(net, task)
    trace = trace_of(exp, net, x, y, 0.1)
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
    exp = make_experiment("relu", "binary")
    net = make_network(exp)
    x, y = sample(net, "binary")
    trace = trace_of(exp, net, x, y, 0.1)
    out = trace.layers[-1]
    p = 1 / (1 + np.exp(-out.z))
    assert out.activation == "sigmoid"
    assert_close(out.a, p)
    assert_close(out.d_z, p - y)
    assert trace.data_loss == pytest.approx(-np.log(p[0]), rel=1e-12)  # y = 1


@pytest.mark.parametrize("task", list(TASKS))
def test_the_update_is_one_plain_sgd_step(task):
    exp = make_experiment("leaky_relu", task, l2=0.01)
    net = make_network(exp)
    x, y = sample(net, task)
    lr = 0.37
    trace = trace_of(exp, net, x, y, lr)
    assert trace.learning_rate == lr
    for layer, (W, b) in zip(trace.layers, net.params):
        assert np.array_equal(layer.weights, W) and np.array_equal(layer.bias, b)
        assert np.array_equal(layer.weights_after, layer.weights - lr * layer.d_weights)
        assert np.array_equal(layer.bias_after, layer.bias - lr * layer.d_bias)


def test_the_trace_leaves_the_weights_alone_and_cannot_be_edited():
    exp = make_experiment("tanh", "binary", l2=0.1)
    net = make_network(exp)
    theta, grad = net.theta.copy(), net.grad.copy()
    x, y = sample(net, "binary")
    trace = trace_of(exp, net, x, y, 0.5)
    assert np.array_equal(net.theta, theta) and np.array_equal(net.grad, grad)
    with pytest.raises(ValueError):
        trace.layers[0].weights[0, 0] = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        trace.learning_rate = 1.0


def test_inputs_of_the_wrong_size_are_refused():
    exp = make_experiment("tanh", "binary")
    net = make_network(exp)
    with pytest.raises(ValueError, match="takes 2 features; x has 3"):
        trace_of(exp, net, np.zeros(3), np.ones(1), 0.1)
    with pytest.raises(ValueError, match="has 1 outputs; y has 2"):
        trace_of(exp, net, np.zeros(2), np.ones(2), 0.1)


def test_weights_that_do_not_fit_the_experiment_are_refused():
    exp = make_experiment("tanh", "binary", hidden=(5, 4))
    weights = [W for W, _ in make_network(exp).params]
    biases = [b for _, b in make_network(exp).params]
    x, y = np.zeros(2), np.ones(1)
    with pytest.raises(ValueError, match="has 3 layers; got 2 weight matrices and 3 bias vectors"):
        trace_step(exp, weights[:2], biases, x, y, 0.1)
    with pytest.raises(ValueError, match=r"weights\[1\] must have shape \(5, 4\).*got \(4, 5\)"):
        trace_step(exp, [weights[0], weights[1].T, weights[2]], biases, x, y, 0.1)
    with pytest.raises(ValueError, match=r"biases\[2\] must have shape \(1,\); got \(2,\)"):
        trace_step(exp, weights, [biases[0], biases[1], np.zeros(2)], x, y, 0.1)


def test_a_sequence_experiment_is_refused_with_a_reason():
    exp = Experiment.from_dict({"data": {"dataset": "adding", "samples": 20, "sequence_length": 5},
                                "network": {"task": "regression", "hidden": [{"units": 3}]}})
    with pytest.raises(ValueError, match="recurrent net"):
        trace_step(exp, [np.zeros((2, 3)), np.zeros((3, 1))], [np.zeros(3), np.zeros(1)], np.zeros(2), np.ones(1), 0.1)


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
    trace = trace_of(exp, trainer.network, x, y, exp.optimizer.learning_rate)
    record = trainer.step()
    assert record.train_loss == pytest.approx(trace.loss, rel=1e-12)
    for layer, (W, b), (dW, _) in zip(trace.layers, trainer.network.params, trainer.network.grads):
        assert_close(layer.d_weights, dW)
        assert_close(layer.weights_after, W)
        assert_close(layer.bias_after, b)
