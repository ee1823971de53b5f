"""PyTorch autograd agrees with the app's hand-written gradients, and catches a wrong one.

The experiments, random networks and samples are those of test_reference.py (the textbook
trace's own tests), so both checks cover the same activations, tasks and penalties."""
import numpy as np
import pytest

torch = pytest.importorskip("torch")

from nnplayground.core import reference, torch_check  # noqa: E402
from nnplayground.core.rnn import RNN  # noqa: E402
from test_reference import HIDDEN, TASKS, make_experiment, make_network, sample, trace_of  # noqa: E402

RATES = [{}, {"l2": 0.03}, {"l1": 0.02, "l2": 0.01}]
RATE_IDS = ["plain", "l2", "l1+l2"]
EXACT = 1e-12


def assert_agree(check, names):
    assert [d.name for d in check.rows] == ["loss", *names]
    for d in check.rows:
        assert d.torch.shape == d.app.shape
        assert d.max_rel < EXACT, d.name
        assert d.max_abs <= d.max_rel * np.abs(d.torch).max() * (1 + 1e-12)
    assert check.max_rel < EXACT and check.agrees


@pytest.mark.parametrize("task", list(TASKS))
@pytest.mark.parametrize("activation", HIDDEN)
@pytest.mark.parametrize("rates", RATES, ids=RATE_IDS)
def test_the_fast_path_and_the_inspector_trace_agree_with_autograd(activation, task, rates):
    exp = make_experiment(activation, task, **rates)
    net = make_network(exp)
    x, y = sample(net, task)
    names = torch_check.dense_names(net.num_layers)
    assert_agree(torch_check.check_network(net, x, y), names)
    assert_agree(torch_check.check_trace(trace_of(exp, net, x, y, learning_rate=0.1)), names)


def independent_sequential(net, x, y):
    """The loss and gradients of ``net`` through torch.nn modules (nn.Linear, nn.Tanh, ...),
    built apart from torch_check: nn.Linear holds W transposed."""
    hidden = {"sigmoid": torch.nn.Sigmoid, "tanh": torch.nn.Tanh, "relu": torch.nn.ReLU}
    modules = []
    for k, (W, b) in enumerate(net.params):
        linear = torch.nn.Linear(*W.shape, dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.tensor(W.T))
            linear.bias.copy_(torch.tensor(b))
        modules.append(linear)
        if k < len(net.activations):
            modules.append(hidden[net.activations[k].name]())
    model = torch.nn.Sequential(*modules)
    criterion = {"bce": torch.nn.BCEWithLogitsLoss, "mse": torch.nn.MSELoss}[net.loss_name]()
    loss = criterion(model(torch.tensor(x[None])), torch.tensor(y[None]))
    weights = [m.weight for m in modules if isinstance(m, torch.nn.Linear)]
    loss = loss + 0.5 * net.l2 * sum((w * w).sum() for w in weights)
    loss.backward()
    grads = [g for m in modules if isinstance(m, torch.nn.Linear) for g in (m.weight.grad.T, m.bias.grad)]
    return float(loss.detach()), [g.numpy() for g in grads]


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("task", ["binary", "mse"])
def test_torch_numbers_equal_torch_nn_modules(activation, task):
    exp = make_experiment(activation, task, l2=0.02)
    net = make_network(exp, seed=4)
    x, y = sample(net, task, seed=5)
    check = torch_check.check_network(net, x, y)
    loss, grads = independent_sequential(net, x, y)
    assert float(check.loss.torch) == pytest.approx(loss, rel=EXACT)
    for d, g in zip(check.gradients, grads):
        np.testing.assert_allclose(d.torch, g, rtol=EXACT, atol=EXACT * np.abs(g).max())


def test_a_wrong_derivative_in_the_app_is_caught(monkeypatch):
    """The trace's tanh derivative made 10% too large: the output layer (before the mistake
    is used) still agrees, the hidden layers' gradients do not, and the check says so."""
    exp = make_experiment("tanh", "binary")
    net = make_network(exp)
    x, y = sample(net, "binary")
    right = reference.derivative
    monkeypatch.setattr(reference, "derivative", lambda name, z, a, alpha=0.0: 1.1 * right(name, z, a, alpha))
    check = torch_check.check_trace(trace_of(exp, net, x, y, learning_rate=0.1))
    by_name = {d.name: d for d in check.rows}
    assert by_name["loss"].max_rel < EXACT and by_name["W3"].max_rel < EXACT and by_name["b3"].max_rel < EXACT
    assert by_name["W1"].max_rel > 0.05 and by_name["b2"].max_rel > 0.05
    assert not check.agrees
    assert check.largest.name in ("W1", "b1", "W2", "b2")
    assert check.max_rel == max(d.max_rel for d in check.rows)


def test_a_tampered_gradient_is_named_with_its_difference():
    exp = make_experiment("relu", "multiclass", l1=0.01)
    net = make_network(exp)
    x, y = sample(net, "multiclass")
    app_loss, pairs = net.loss_and_grads(x[None], y[None])
    grads = [g.copy() for pair in pairs for g in pair]
    grads[2][1, 0] += 1e-6  # one element of dL/dW2
    torch_loss, torch_grads = torch_check.dense_autograd(
        [W for W, _ in net.params], [b for _, b in net.params], [("relu", 0.05)] * 2, "softmax_ce", x, y, l1=0.01)
    check = torch_check.compare(app_loss, grads, torch_loss, torch_grads, torch_check.dense_names(3))
    assert check.largest.name == "W2"
    assert check.largest.max_abs == pytest.approx(1e-6, rel=1e-6)
    assert check.max_rel == pytest.approx(1e-6 / np.abs(torch_grads[2]).max(), rel=1e-6)
    assert not check.agrees


@pytest.mark.parametrize("steps", [1, 7, 40])
def test_the_recurrent_net_agrees_with_autograd(steps):
    net = RNN(input_size=2, hidden=6, output_size=1)
    rng = np.random.default_rng(steps)
    net.initialize(rng, spectral_radius=1.1)
    net.b[:] = rng.normal(0, 0.3, net.b.shape)
    net.b_o[:] = 0.2
    X, Y = rng.uniform(-1, 1, (steps, 2)), np.array([0.7])
    assert_agree(torch_check.check_rnn(net, X, Y), ["W_x", "W_h", "b", "W_o", "b_o"])


def test_mismatched_inputs_are_refused_with_one_line():
    with pytest.raises(ValueError, match="2 layers need 1 hidden activations; got 0"):
        torch_check.dense_autograd([np.ones((2, 3)), np.ones((3, 1))], [np.zeros(3), np.zeros(1)], [], "mse",
                                   np.ones(2), np.ones(1))
    with pytest.raises(ValueError, match="2 app gradients, 1 torch gradients"):
        torch_check.compare(0.0, [np.ones(1)] * 2, 0.0, [np.ones(1)], ["W1", "b1"])


def test_available_finds_the_installed_torch():
    assert torch_check.available()
    assert torch_check.import_torch() is torch


def test_a_diverged_net_is_compared_without_warnings():
    """Weights so large that the outputs overflow: inf and NaN in both computations, compared
    quietly (warnings are errors in these tests), and the check does not claim agreement."""
    exp = make_experiment("relu", "mse")
    net = make_network(exp)
    net.theta *= 1e120
    x, y = sample(net, "mse")
    check = torch_check.check_trace(trace_of(exp, net, x, y, learning_rate=0.1))
    assert not np.isfinite(check.loss.app) and not np.isfinite(check.loss.torch)
    assert not check.agrees and np.isnan(check.max_rel)
    assert [np.isfinite(d.app_norm) for d in check.rows] == [np.isfinite(d.torch_norm) for d in check.rows]
