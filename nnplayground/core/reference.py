"""The textbook reference implementation of one training iteration, which the fast path is checked against.

``trace_step(experiment, weights, biases, x, y, learning_rate)`` repeats, for a batch of one
sample, what ``Network.compute_gradients`` (core/network.py, the fast path the trainer runs)
and one plain SGD step do, but in small explicit NumPy that reads like the textbook:
samples-first vectors, one layer at a time, nothing reused, every intermediate kept. It is
for teaching (the propagation inspector shows its numbers) and for checking: the tests
compare the fast path's loss and gradients with these, for every activation and loss, with
and without L1/L2. It is not for speed.

Notation, with layer k = 1 nearest the input and L the output layer:

    forward    a_0 = x,   z_k = a_{k-1} W_k + b_k,   a_k = f_k(z_k)
    loss       L = loss(a_L, y) + penalty(W)
    backward   dL/da_k = W_{k+1} dL/dz_{k+1},   dL/dz_k = dL/da_k * f_k'(z_k)
               dL/dW_k = a_{k-1} (outer) dL/dz_k (+ the penalty's gradient),   dL/db_k = dL/dz_k
    update     W_k <- W_k - learning_rate * dL/dW_k,   b_k <- b_k - learning_rate * dL/db_k

The output layer's f is fixed by the task (sigmoid for binary cross-entropy, softmax for
cross-entropy over classes, the identity for regression); see ``output_delta`` for how its
dL/dz is found. Never imports Qt.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


# ----- the functions, written out ----------------------------------------------------------

def sigmoid(z):
    """1 / (1 + e^-z), evaluated as e^z / (1 + e^z) for negative z so that e^-z never overflows."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))  # always in (0, 1]
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def softmax(z):
    """e^z_i / sum_j e^z_j, with the largest z subtracted first (the same ratio, no overflow)."""
    e = np.exp(z - np.max(z))
    return e / np.sum(e)


def activate(name: str, z, alpha: float = 0.0):
    """f(z) for one layer's pre-activations."""
    if name == "sigmoid":
        return sigmoid(z)
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, z, alpha * z)
    if name == "linear":
        return np.array(z, dtype=float)
    if name == "softmax":
        return softmax(z)
    raise ValueError(f"unknown activation {name!r}")


def derivative(name: str, z, a, alpha: float = 0.0):
    """f'(z), the chain-rule factor of an element-wise activation (a = f(z))."""
    if name == "sigmoid":
        return a * (1.0 - a)
    if name == "tanh":
        return 1.0 - a * a
    if name == "relu":
        return np.where(z > 0, 1.0, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, 1.0, alpha)
    if name == "linear":
        return np.ones_like(z, dtype=float)
    raise ValueError(f"{name!r} has no element-wise derivative")


def data_loss(loss: str, z, y, huber_delta: float = 1.0) -> float:
    """The loss of one sample from the output layer's pre-activation ``z`` and its target ``y``,
    in the same (numerically stable) forms as core/losses.py:

    * bce:        -[y log p + (1 - y) log(1 - p)] with p = sigmoid(z), = log(1 + e^z) - z y;
    * softmax_ce: -sum_i y_i log p_i with p = softmax(z), = log(sum_i e^z_i) - sum_i z_i y_i;
    * mse:        mean over the outputs of (z - y)^2;
    * huber:      mean over the outputs of r^2 / 2 where |r| <= delta, else delta (|r| - delta / 2), r = z - y.
    """
    z, y = np.asarray(z, float), np.asarray(y, float)
    if loss == "bce":
        return float(np.sum(np.logaddexp(0.0, z) - z * y))
    if loss == "softmax_ce":
        top = np.max(z)
        return float(top + np.log(np.sum(np.exp(z - top))) - np.dot(z, y))
    r = z - y
    if loss == "mse":
        return float(np.mean(r * r))
    if loss == "huber":
        small = np.abs(r) <= huber_delta
        return float(np.mean(np.where(small, 0.5 * r * r, huber_delta * (np.abs(r) - 0.5 * huber_delta))))
    raise ValueError(f"unknown loss {loss!r}")


def output_delta(loss: str, z, p, y, huber_delta: float = 1.0):
    """dL/dz of the output layer, from the loss and the output activation differentiated together.

    Sigmoid with binary cross-entropy and softmax with cross-entropy both give the famous
    ``p - y``: the prediction minus the target. Going through dL/dp and f'(z) separately
    would divide by p (1 - p) and multiply by it again (inexact when p is near 0 or 1), and
    softmax couples every class to every other (its derivative is a matrix, not one factor
    per neuron), so the inspector shows dL/dz directly for these outputs.

    Regression has a linear output (a = z, f' = 1), so dL/dz equals dL/da:
    2 (z - y) / outputs for the mean squared error, and for Huber the residual clipped to
    [-delta, delta], / outputs.
    """
    z, p, y = (np.asarray(v, float) for v in (z, p, y))
    if loss in ("bce", "softmax_ce"):
        return p - y
    r = z - y
    if loss == "mse":
        return 2.0 * r / r.size
    if loss == "huber":
        return np.clip(r, -huber_delta, huber_delta) / r.size
    raise ValueError(f"unknown loss {loss!r}")


# ----- the record --------------------------------------------------------------------------

def _frozen(value):
    a = np.array(value, dtype=float)  # always a copy
    a.setflags(write=False)
    return a


@dataclass(frozen=True, eq=False)
class LayerTrace:
    """One layer (weights W (fan_in, fan_out) from the layer below into this one) in one iteration.

    ``d_a`` and ``fprime`` are None for a sigmoid or softmax output layer, whose dL/dz comes
    straight from the loss (see ``output_delta``).
    """
    index: int  # 1-based: 1 is the first hidden layer, the last is the output layer
    activation: str  # "sigmoid", "tanh", "relu", "leaky_relu", "linear" or (output) "softmax"
    alpha: float  # leaky ReLU's slope below 0
    is_output: bool
    inputs: np.ndarray  # a_{k-1}: what this layer receives (x for layer 1)
    weights: np.ndarray  # W_k before the update
    bias: np.ndarray
    z: np.ndarray  # pre-activation a_{k-1} W_k + b_k
    a: np.ndarray  # f(z)
    d_a: np.ndarray | None  # dL/da_k
    fprime: np.ndarray | None  # f'(z_k)
    d_z: np.ndarray  # dL/dz_k
    d_weights_data: np.ndarray  # a_{k-1} outer dL/dz_k
    d_weights_penalty: np.ndarray  # the L1/L2 penalty's gradient (zeros without one)
    d_weights: np.ndarray  # their sum: the gradient the update uses
    d_bias: np.ndarray  # = dL/dz_k (biases are never penalised)
    weights_after: np.ndarray
    bias_after: np.ndarray

    @property
    def units(self) -> int:
        """How many neurons this layer has."""
        return len(self.z)

    @property
    def fan_in(self) -> int:
        """How many inputs each of its neurons receives."""
        return len(self.inputs)


@dataclass(frozen=True, eq=False)
class StepTrace:
    """Every number of one SGD iteration on a batch of one sample."""
    x: np.ndarray  # a_0, the input features
    y: np.ndarray  # the encoded target (0/1, one-hot, or the regression target)
    layers: tuple[LayerTrace, ...]  # layer 1 (nearest the input) first
    loss_name: str  # "bce", "softmax_ce", "mse" or "huber"
    huber_delta: float
    data_loss: float  # the loss of prediction vs target
    penalty: float  # 0.5 l2 sum W^2 + l1 sum |W| (weights only)
    l1: float
    l2: float
    learning_rate: float

    @property
    def loss(self) -> float:
        """What training minimises: the data loss plus the penalty."""
        return self.data_loss + self.penalty

    @property
    def prediction(self) -> np.ndarray:
        """The output layer's activation: P(class 1), class probabilities, or the value."""
        return self.layers[-1].a

    @property
    def output_z(self) -> np.ndarray:
        """The output layer's pre-activation, from which the loss is computed."""
        return self.layers[-1].z

    @property
    def gradients(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """[(dL/dW_k, dL/db_k)] per layer, as ``Network.loss_and_grads`` returns them."""
        return [(layer.d_weights, layer.d_bias) for layer in self.layers]

    @property
    def sizes(self) -> list[int]:
        """Units per layer from the inputs to the output: [features, hidden..., outputs]."""
        return [len(self.x)] + [layer.units for layer in self.layers]


# ----- the computation ---------------------------------------------------------------------

def trace_step(experiment, weights, biases, x, y, learning_rate: float) -> StepTrace:
    """Trace one forward pass, loss, backward pass and plain SGD update for one sample.

    ``experiment`` is a core ``Experiment`` of a dense network: its hidden activations and
    their alphas, its loss and Huber delta come from ``experiment.network``, L1 and L2 from
    ``experiment.optimizer``. ``weights`` and ``biases`` hold one array per layer, W_k of
    shape (fan_in, fan_out) and b_k (fan_out,), layer 1 nearest the input; they are only
    read. ``x`` is (features,), ``y`` (outputs,) encoded as in ``Data.Y_train``. All
    arithmetic is in float64, whatever the experiment's dtype.
    """
    params = _checked_parameters(experiment, weights, biases)
    x, y = _checked_sample(params, x, y)
    spec = experiment.network
    names = [h.activation for h in spec.hidden] + [spec.output_activation]
    alphas = [float(h.alpha) for h in spec.hidden] + [0.0]
    loss, delta = spec.loss, float(spec.huber_delta)
    l1, l2 = float(experiment.optimizer.l1), float(experiment.optimizer.l2)
    last = len(params) - 1
    with np.errstate(all="ignore"):  # a diverged net gives inf/nan, which the inspector shows as such
        forward = _forward(params, names, alphas, x)
        _, z_out, prediction = forward[-1]
        value = data_loss(loss, z_out, y, delta)
        backward = _backward(params, names, alphas, forward, output_delta(loss, z_out, prediction, y, delta))
        layers = tuple(
            _layer_trace(k + 1, name, alpha, k == last, W, b, forward[k], backward[k], (l1, l2), learning_rate)
            for k, ((W, b), name, alpha) in enumerate(zip(params, names, alphas)))
        total_penalty = penalty([W for W, _ in params], l1, l2)
    return StepTrace(x=_frozen(x), y=_frozen(y), layers=layers, loss_name=loss, huber_delta=delta,
                     data_loss=value, penalty=total_penalty, l1=l1, l2=l2, learning_rate=float(learning_rate))


def penalty(weights, l1: float, l2: float) -> float:
    """The regularisation term 0.5 l2 sum W^2 + l1 sum |W| over every weight matrix (biases are never penalised)."""
    return float(sum(0.5 * l2 * np.sum(W * W) + l1 * np.sum(np.abs(W)) for W in weights))


def _checked_parameters(experiment, weights, biases) -> list[tuple[np.ndarray, np.ndarray]]:
    """Float64 copies of (W_k, b_k), after checking they have the experiment's layer shapes."""
    if experiment.data.is_sequence:
        raise ValueError("the reference traces dense networks; a sequence experiment trains a recurrent net")
    sizes = experiment.layer_sizes
    layers = len(sizes) - 1
    if len(weights) != layers or len(biases) != layers:
        raise ValueError(f"the experiment's network has {layers} layers; got {len(weights)} weight matrices "
                         f"and {len(biases)} bias vectors")
    params = []
    for k, (W, b, fan_in, fan_out) in enumerate(zip(weights, biases, sizes[:-1], sizes[1:])):
        W, b = np.array(W, dtype=float), np.array(b, dtype=float)
        if W.shape != (fan_in, fan_out):
            raise ValueError(f"weights[{k}] must have shape ({fan_in}, {fan_out}) (fan-in, units); got {W.shape}")
        if b.shape != (fan_out,):
            raise ValueError(f"biases[{k}] must have shape ({fan_out},); got {b.shape}")
        params.append((W, b))
    return params


def _checked_sample(params, x, y) -> tuple[np.ndarray, np.ndarray]:
    """``x`` and ``y`` as float64 vectors of the sizes the network takes and gives."""
    x = np.asarray(x, dtype=float).reshape(-1)
    y = np.asarray(y, dtype=float).reshape(-1)
    features, outputs = params[0][0].shape[0], params[-1][0].shape[1]
    if len(x) != features:
        raise ValueError(f"the network takes {features} features; x has {len(x)}")
    if len(y) != outputs:
        raise ValueError(f"the network has {outputs} outputs; y has {len(y)}")
    return x, y


def _forward(params, names, alphas, x) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(a_{k-1}, z_k, a_k) per layer: a_0 = x, then z_k = a_{k-1} W_k + b_k and a_k = f(z_k)."""
    layers = []
    a = x
    for (W, b), name, alpha in zip(params, names, alphas):
        z = a @ W + b
        layers.append((a, z, activate(name, z, alpha)))
        a = layers[-1][2]
    return layers


def _backward(params, names, alphas, forward, d_z_out) -> list[tuple]:
    """(dL/da_k, f'(z_k), dL/dz_k) per layer, found from the output down to layer 1.

    The output layer's dL/dz comes from the loss (``d_z_out``); its dL/da and f' are shown
    only for a linear output, where a = z makes them dL/dz and 1.
    """
    _, z_out, _ = forward[-1]
    linear_output = names[-1] == "linear"
    layers = [(d_z_out if linear_output else None, np.ones_like(z_out) if linear_output else None, d_z_out)]
    for k in range(len(params) - 2, -1, -1):
        W_above = params[k + 1][0]
        d_a = W_above @ layers[0][2]  # every neuron above passes back its dL/dz times the weight
        _, z, a = forward[k]
        fprime = derivative(names[k], z, a, alphas[k])
        layers.insert(0, (d_a, fprime, d_a * fprime))
    return layers


def _layer_trace(index, activation, alpha, is_output, W, b, forward, backward, rates, learning_rate) -> LayerTrace:
    """One layer's record: its forward and backward numbers, its gradients and its SGD update."""
    inputs, z, a = forward
    d_a, fprime, d_z = backward
    l1, l2 = rates
    d_W_data = np.outer(inputs, d_z)
    d_W_penalty = l2 * W + l1 * np.sign(W)
    d_W = d_W_data + d_W_penalty
    return LayerTrace(
        index=index, activation=activation, alpha=alpha, is_output=is_output,
        inputs=_frozen(inputs), weights=_frozen(W), bias=_frozen(b), z=_frozen(z), a=_frozen(a),
        d_a=None if d_a is None else _frozen(d_a), fprime=None if fprime is None else _frozen(fprime),
        d_z=_frozen(d_z), d_weights_data=_frozen(d_W_data), d_weights_penalty=_frozen(d_W_penalty),
        d_weights=_frozen(d_W), d_bias=_frozen(d_z),
        weights_after=_frozen(W - learning_rate * d_W), bias_after=_frozen(b - learning_rate * d_z),
    )
