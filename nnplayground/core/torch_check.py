"""An independent check of the app's loss and gradients by PyTorch autograd.

The app differentiates its networks by hand (core/network.py, core/rnn.py and the textbook
trace of core/reference.py). Here the same computation is built from torch's own pieces
(``torch.nn.functional``'s activations and losses, ``torch.nn.RNN``, ``torch.autograd``), in
float64 from the model's current parameters, and the two sets of numbers are compared
parameter by parameter. (The torch models of benchmarks/bench_core.py time whole training
runs; this checks the gradients of one sample.)
Agreement to rounding (about 1e-16 relative) says the hand-written backward pass is right;
a wrong formula shows as a difference many orders of magnitude larger.

torch is optional (``pip install nnplayground[distributed]``): it is imported only inside
the functions that need it, so importing this module costs nothing and ``available()``
answers without importing torch. Never imports Qt.
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache

import numpy as np

from .parallel import max_relative_difference

INSTALL_COMMAND = "pip install nnplayground[distributed]"
# Two float64 computations of the same sample in different summation orders differ by a few
# units in the last place (~1e-16 relative); a wrong derivative differs by far more than this.
AGREEMENT = 1e-10


@cache
def available() -> bool:
    """Whether torch is installed, found without importing it (the import takes seconds)."""
    return importlib.util.find_spec("torch") is not None


@cache
def import_torch():
    """The torch module, imported once (it takes a second or two); a missing or broken install
    raises ImportError with a one-line message."""
    try:
        import torch
    except Exception as error:  # a torch whose libraries fail to load raises OSError, not ImportError
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ImportError(f"PyTorch could not be imported: {first_line}") from None
    return torch


# ----- the comparison ----------------------------------------------------------------------

@dataclass(frozen=True)
class Difference:
    """One quantity (the loss, or one parameter's gradient) as the app and as torch computed it.

    A diverged net's inf and NaN are compared without warnings: a NaN difference means the
    two cannot be compared, and ``TorchCheck`` treats it as the largest."""
    name: str  # "loss", "W1", "b1", ... (W_x, W_h, b, W_o, b_o for the recurrent net)
    app: np.ndarray
    torch: np.ndarray

    @property
    def app_norm(self) -> float:
        """The Euclidean norm of the app's value (the absolute value of the loss)."""
        with np.errstate(all="ignore"):
            return float(np.linalg.norm(self.app))

    @property
    def torch_norm(self) -> float:
        """The Euclidean norm of torch's value."""
        with np.errstate(all="ignore"):
            return float(np.linalg.norm(self.torch))

    @property
    def max_abs(self) -> float:
        """The largest absolute difference of any element."""
        with np.errstate(all="ignore"):
            return float(np.abs(self.app - self.torch).max(initial=0.0))

    @property
    def max_rel(self) -> float:
        """The largest absolute difference over the largest magnitude of torch's value (so an
        element that is nearly zero after cancellation does not count as a huge relative error)."""
        with np.errstate(all="ignore"):
            return max_relative_difference(self.app, self.torch)


@dataclass(frozen=True)
class TorchCheck:
    """The loss and every gradient of one sample, the app's beside torch's."""
    loss: Difference
    gradients: tuple[Difference, ...]  # one per parameter, in layer order

    @property
    def rows(self) -> tuple[Difference, ...]:
        """The loss, then every gradient."""
        return (self.loss, *self.gradients)

    @property
    def largest(self) -> Difference:
        """The quantity with the largest relative difference (NaN counts as largest)."""
        return max(self.rows, key=lambda d: np.inf if np.isnan(d.max_rel) else d.max_rel)

    @property
    def max_rel(self) -> float:
        """The largest relative difference over the loss and every gradient."""
        return self.largest.max_rel

    @property
    def agrees(self) -> bool:
        """Whether every difference is at rounding level (below ``AGREEMENT``)."""
        return self.max_rel < AGREEMENT


def compare(app_loss, app_grads, torch_loss, torch_grads, names) -> TorchCheck:
    """A ``TorchCheck`` from two (loss, [gradient per parameter]) results and the parameters' names."""
    if not len(app_grads) == len(torch_grads) == len(names):
        raise ValueError(f"{len(app_grads)} app gradients, {len(torch_grads)} torch gradients, {len(names)} names")
    pairs = zip(names, app_grads, torch_grads)
    return TorchCheck(Difference("loss", np.float64(app_loss), np.float64(torch_loss)),
                      tuple(Difference(n, np.array(a, np.float64), np.array(t, np.float64)) for n, a, t in pairs))


def dense_names(layers: int) -> list[str]:
    """W1, b1, W2, b2, ...: a dense net's parameters in layer order."""
    return [f"{kind}{k}" for k in range(1, layers + 1) for kind in ("W", "b")]


# ----- the dense network ------------------------------------------------------------------

def _activation(torch, name: str, z, alpha: float):
    functional = torch.nn.functional
    if name == "linear":
        return z
    if name == "leaky_relu":
        return functional.leaky_relu(z, negative_slope=alpha)
    return {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu}[name](z)


def _data_loss(torch, loss: str, z, y, huber_delta: float):
    """torch's own losses on the output pre-activations, each a mean over the batch (and, for
    the regression losses, over the outputs) as core/losses.py defines them."""
    functional = torch.nn.functional
    if loss == "bce":
        return functional.binary_cross_entropy_with_logits(z, y)
    if loss == "softmax_ce":
        return functional.cross_entropy(z, y)  # y holds class probabilities (one-hot)
    if loss == "mse":
        return functional.mse_loss(z, y)
    if loss == "huber":
        return functional.huber_loss(z, y, delta=huber_delta)
    raise ValueError(f"unknown loss {loss!r}")


def dense_autograd(weights, biases, hidden, loss: str, x, y, *, huber_delta=1.0, l1=0.0, l2=0.0):
    """(loss, [dW1, db1, dW2, ...]) by torch autograd in float64.

    ``weights[k]`` is (fan_in, fan_out) and ``biases[k]`` (fan_out,), layer 1 nearest the
    input; ``hidden`` holds (activation name, alpha) per hidden layer; the loss fixes the
    output activation as in core/losses.py. ``x`` is one sample (features,) or a batch
    (n, features), ``y`` its encoded target(s). The loss includes 0.5 l2 sum W^2 + l1 sum |W|.
    """
    torch = import_torch()
    params = [(torch.tensor(np.asarray(W, np.float64), requires_grad=True),
               torch.tensor(np.asarray(b, np.float64), requires_grad=True)) for W, b in zip(weights, biases)]
    if len(hidden) != len(params) - 1:
        raise ValueError(f"{len(params)} layers need {len(params) - 1} hidden activations; got {len(hidden)}")
    a = torch.tensor(np.asarray(x, np.float64)).reshape(-1, params[0][0].shape[0])
    target = torch.tensor(np.asarray(y, np.float64)).reshape(a.shape[0], -1)
    for (W, b), (name, alpha) in zip(params, hidden):
        a = _activation(torch, name, a @ W + b, float(alpha))
    W_out, b_out = params[-1]
    total = _data_loss(torch, loss, a @ W_out + b_out, target, float(huber_delta))
    for W, _ in params:
        total = total + 0.5 * l2 * torch.sum(W * W) + l1 * torch.sum(torch.abs(W))
    total.backward()
    return float(total.detach()), [p.grad.numpy().copy() for pair in params for p in pair]


def check_trace(trace) -> TorchCheck:
    """The loss and gradients of a ``core.reference.StepTrace`` (what the propagation inspector
    shows) against torch autograd on the same weights and sample."""
    layers = trace.layers
    torch_loss, torch_grads = dense_autograd(
        [layer.weights for layer in layers], [layer.bias for layer in layers],
        [(layer.activation, layer.alpha) for layer in layers[:-1]], trace.loss_name, trace.x, trace.y,
        huber_delta=trace.huber_delta, l1=trace.l1, l2=trace.l2)
    app_grads = [g for pair in trace.gradients for g in pair]
    return compare(trace.loss, app_grads, torch_loss, torch_grads, dense_names(len(layers)))


def check_network(net, x, y) -> TorchCheck:
    """The fast path's (``core.network.Network``) loss and gradients for one sample ``x``
    (features,), target ``y`` (outputs,), against torch autograd on its current parameters."""
    x, y = np.asarray(x).reshape(1, -1), np.asarray(y).reshape(1, -1)
    app_loss, app_pairs = net.loss_and_grads(x, y)
    hidden = [(activation.name, alpha) for activation, alpha in zip(net.activations, net.alphas)]
    torch_loss, torch_grads = dense_autograd(
        [W for W, _ in net.params], [b for _, b in net.params], hidden, net.loss_name, x, y,
        huber_delta=net.huber_delta, l1=net.l1, l2=net.l2)
    return compare(app_loss, [g for pair in app_pairs for g in pair], torch_loss, torch_grads,
                   dense_names(net.num_layers))


# ----- the recurrent network --------------------------------------------------------------

def rnn_autograd(W_x, W_h, b, W_o, b_o, X, Y):
    """(MSE loss, [dW_x, dW_h, db, dW_o, db_o]) of h_t = tanh(x_t W_x + h_{t-1} W_h + b),
    h_0 = 0, prediction h_T W_o + b_o, by torch autograd in float64 (full backpropagation
    through time). The recurrence is torch's own ``nn.RNN`` (tanh), which holds W_x and W_h
    transposed and has a second bias, held at zero here. ``X`` is one sequence (T, inputs)
    or a batch (n, T, inputs)."""
    torch = import_torch()
    W_x, W_h = np.asarray(W_x, np.float64), np.asarray(W_h, np.float64)
    rnn = torch.nn.RNN(W_x.shape[0], W_x.shape[1], nonlinearity="tanh", batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        for parameter, value in ((rnn.weight_ih_l0, W_x.T), (rnn.weight_hh_l0, W_h.T), (rnn.bias_ih_l0, b),
                                 (rnn.bias_hh_l0, np.zeros_like(b))):
            parameter.copy_(torch.tensor(np.asarray(value, np.float64)))
    tW_o, tb_o = (torch.tensor(np.asarray(p, np.float64), requires_grad=True) for p in (W_o, b_o))
    X = torch.tensor(np.asarray(X, np.float64))
    _, h_last = rnn(X.reshape(-1, X.shape[-2], X.shape[-1]))
    target = torch.tensor(np.asarray(Y, np.float64)).reshape(h_last.shape[1], -1)
    loss = torch.nn.functional.mse_loss(h_last[0] @ tW_o + tb_o, target)
    loss.backward()
    grads = (rnn.weight_ih_l0.grad.T, rnn.weight_hh_l0.grad.T, rnn.bias_ih_l0.grad, tW_o.grad, tb_o.grad)
    return float(loss.detach()), [g.numpy().copy() for g in grads]


def check_rnn(net, X, Y) -> TorchCheck:
    """A ``core.rnn.RNN``'s loss and gradients (full BPTT) for one sequence ``X`` (T, inputs)
    with target ``Y`` (outputs,), against torch autograd on its current parameters."""
    X, Y = np.asarray(X)[None], np.asarray(Y).reshape(1, -1)
    app_loss, app_grads = net.loss_and_grads(X, Y)
    torch_loss, torch_grads = rnn_autograd(net.W_x, net.W_h, net.b, net.W_o, net.b_o, X, Y)
    return compare(app_loss, app_grads, torch_loss, torch_grads, list(net.segment_names))
