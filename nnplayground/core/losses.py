"""Losses on the output layer's pre-activation ``z`` (logits), in numerically stable forms.

Arrays are features-first like the network's insides: ``z`` and ``y`` are (outputs, n),
one column per sample. Each loss returns the mean loss over the batch and writes dL/dz
into ``grad_out``: the output activation and the loss are differentiated together, which
is cheaper and more accurate than chaining the two derivatives (no division by p(1-p)).
"""
from __future__ import annotations

import numpy as np


# 0, 1/2 and 1 as 0-d arrays per dtype: NumPy converts a Python float operand on every call,
# which on a 10-sample batch costs as much as the arithmetic.
_CONSTANTS = {np.dtype(t): tuple(np.array(v, t) for v in (0.0, 0.5, 1.0)) for t in (np.float32, np.float64)}


def binary_cross_entropy(z, y, grad_out, huber_delta=None):
    """Sigmoid + binary cross-entropy: mean of log(1 + e^z) - z*y (logaddexp never overflows)."""
    n = z.shape[1]
    zero, half, one = _CONSTANTS[z.dtype]
    softplus = np.logaddexp(zero, z, out=grad_out)
    loss = (np.add.reduce(softplus, axis=None) - np.vdot(z, y)) / n
    # (sigmoid(z) - y) / n, with sigmoid(z) = (1 + tanh(z/2)) / 2, which cannot overflow either.
    np.multiply(z, half, out=grad_out)
    np.tanh(grad_out, out=grad_out)
    np.add(grad_out, one, out=grad_out)
    grad_out -= y
    grad_out -= y
    grad_out *= 0.5 / n
    return float(loss)


def softmax_cross_entropy(z, y, grad_out, huber_delta=None):
    """Softmax over the classes (axis 0) + cross-entropy with one-hot ``y``: mean of logsumexp(z) - z[y]."""
    n = z.shape[1]
    top = z.max(axis=0)  # logsumexp(z) = top + log(sum(exp(z - top))): exp never overflows
    np.subtract(z, top, out=grad_out)
    np.exp(grad_out, out=grad_out)
    total = grad_out.sum(axis=0)
    loss = (float(np.sum(np.log(total))) + float(np.sum(top)) - float(np.vdot(z, y))) / n
    grad_out /= total  # the softmax probabilities
    grad_out -= y
    grad_out /= n
    return loss


def mean_squared_error(z, y, grad_out, huber_delta=None):
    """Mean over all elements of (z - y)^2."""
    np.subtract(z, y, out=grad_out)
    loss = float(np.vdot(grad_out, grad_out)) / grad_out.size
    grad_out *= 2.0 / grad_out.size
    return loss


def huber(z, y, grad_out, huber_delta=1.0):
    """Mean Huber loss: quadratic within huber_delta of the target, linear beyond (outliers pull less)."""
    r = np.subtract(z, y, out=grad_out)
    absr = np.abs(r)
    quadratic = np.minimum(absr, huber_delta)
    loss = float(np.sum(quadratic * (absr - 0.5 * quadratic))) / r.size
    np.clip(r, -huber_delta, huber_delta, out=grad_out)
    grad_out /= r.size
    return loss


LOSSES = {
    "bce": binary_cross_entropy,
    "softmax_ce": softmax_cross_entropy,
    "mse": mean_squared_error,
    "huber": huber,
}

# Each loss is computed from the output layer's pre-activations z and implies the output
# activation that turns z into a prediction: the pairs whose joint gradient is simply
# prediction - target (sigmoid with BCE, softmax with cross-entropy, identity with MSE).
OUTPUT_ACTIVATION = {"bce": "sigmoid", "softmax_ce": "softmax", "mse": "linear", "huber": "linear"}
