"""Every number of one training iteration on a single sample, for the propagation inspector.

``trace_step(network, x, y, learning_rate)`` repeats, for a batch of one sample, what
``Network.compute_gradients`` and one plain SGD step do, but in small explicit NumPy that
reads like the textbook: samples-first vectors, one layer at a time, nothing reused, every
intermediate kept. It is for teaching, not for speed (the network's own code is the fast
path, and the tests check that both give the same numbers).

Notation, with layer k = 1 nearest the input and L the output layer:

    forward    a_0 = x,   z_k = a_{k-1} W_k + b_k,   a_k = f_k(z_k)
    loss       L = loss(a_L, y) + penalty(W)
    backward   dL/da_k = W_{k+1} dL/dz_{k+1},   dL/dz_k = dL/da_k * f_k'(z_k)
               dL/dW_k = a_{k-1} (outer) dL/dz_k (+ the penalty's gradient),   dL/db_k = dL/dz_k
    update     W_k <- W_k - learning_rate * dL/dW_k,   b_k <- b_k - learning_rate * dL/db_k

The output layer's f is fixed by the loss (sigmoid for binary cross-entropy, softmax for
cross-entropy over classes, the identity for regression); see ``output_delta`` for how its
dL/dz is found. Never imports Qt.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

OUTPUT_ACTIVATIONS = {"bce": "sigmoid", "softmax_ce": "softmax", "mse": "linear", "huber": "linear"}


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
        return len(self.z)

    @property
    def fan_in(self) -> int:
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
        return self.layers[-1].z

    @property
    def gradients(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """[(dL/dW_k, dL/db_k)] per layer, as ``Network.loss_and_grads`` returns them."""
        return [(layer.d_weights, layer.d_bias) for layer in self.layers]

    @property
    def sizes(self) -> list[int]:
        return [len(self.x)] + [layer.units for layer in self.layers]


# ----- the computation ---------------------------------------------------------------------

def trace_step(network, x, y, learning_rate: float) -> StepTrace:
    """Trace one forward pass, loss, backward pass and plain SGD update for one sample.

    ``network`` is a core ``Network`` (only read: its weights, activations, loss and L1/L2);
    ``x`` is (features,), ``y`` (outputs,) encoded as in ``Data.Y_train``. All arithmetic is
    in float64, whatever the network's dtype.
    """
    x = np.asarray(x, dtype=float).reshape(-1)
    y = np.asarray(y, dtype=float).reshape(-1)
    params = [(np.array(W, dtype=float), np.array(b, dtype=float)) for W, b in network.params]
    if len(x) != params[0][0].shape[0]:
        raise ValueError(f"the network takes {params[0][0].shape[0]} features; x has {len(x)}")
    if len(y) != params[-1][0].shape[1]:
        raise ValueError(f"the network has {params[-1][0].shape[1]} outputs; y has {len(y)}")
    loss = network.loss_name
    delta = float(network.huber_delta)
    l1, l2 = float(network.l1 or 0.0), float(network.l2 or 0.0)
    names = [act.name for act in network.activations] + [OUTPUT_ACTIVATIONS[loss]]
    alphas = [float(alpha) for alpha in network.alphas] + [0.0]
    last = len(params) - 1

    # Forward: a_0 = x, then z_k = a_{k-1} W_k + b_k and a_k = f(z_k), layer by layer.
    inputs, zs, activations = [], [], []
    a = x
    with np.errstate(all="ignore"):  # a diverged net gives inf/nan, which the inspector shows as such
        for (W, b), name, alpha in zip(params, names, alphas):
            inputs.append(a)
            z = a @ W + b
            a = activate(name, z, alpha)
            zs.append(z)
            activations.append(a)

        # Loss: prediction vs target, plus the penalty on the weights (never the biases).
        value = data_loss(loss, zs[-1], y, delta)
        penalty = sum(0.5 * l2 * float(np.sum(W * W)) + l1 * float(np.sum(np.abs(W))) for W, _ in params)

        # Backward: from the output down to layer 1.
        d_as, fprimes, d_zs = [None] * len(params), [None] * len(params), [None] * len(params)
        d_zs[last] = output_delta(loss, zs[last], activations[last], y, delta)
        if names[last] == "linear":  # a = z: dL/da is dL/dz and f' is 1
            d_as[last], fprimes[last] = d_zs[last], np.ones_like(zs[last])
        for k in range(last - 1, -1, -1):
            W_above = params[k + 1][0]
            d_as[k] = W_above @ d_zs[k + 1]  # every neuron above passes back its dL/dz times the weight
            fprimes[k] = derivative(names[k], zs[k], activations[k], alphas[k])
            d_zs[k] = d_as[k] * fprimes[k]

        layers = []
        for k, (W, b) in enumerate(params):
            d_W_data = np.outer(inputs[k], d_zs[k])
            d_W_penalty = l2 * W + l1 * np.sign(W)
            d_W = d_W_data + d_W_penalty
            d_b = d_zs[k]
            layers.append(LayerTrace(
                index=k + 1, activation=names[k], alpha=alphas[k], is_output=k == last,
                inputs=_frozen(inputs[k]), weights=_frozen(W), bias=_frozen(b),
                z=_frozen(zs[k]), a=_frozen(activations[k]),
                d_a=None if d_as[k] is None else _frozen(d_as[k]),
                fprime=None if fprimes[k] is None else _frozen(fprimes[k]),
                d_z=_frozen(d_zs[k]), d_weights_data=_frozen(d_W_data), d_weights_penalty=_frozen(d_W_penalty),
                d_weights=_frozen(d_W), d_bias=_frozen(d_b),
                # Update: one plain SGD step.
                weights_after=_frozen(W - learning_rate * d_W), bias_after=_frozen(b - learning_rate * d_b),
            ))
    return StepTrace(x=_frozen(x), y=_frozen(y), layers=tuple(layers), loss_name=loss, huber_delta=delta,
                     data_loss=value, penalty=float(penalty), l1=l1, l2=l2, learning_rate=float(learning_rate))
