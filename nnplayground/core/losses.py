"""Losses on the output layer's pre-activation ``z`` (logits), in numerically stable forms.

Each loss returns the mean loss over the batch and writes dL/dz into ``grad_out``: the
output activation and the loss are differentiated together, which is both cheaper and
more accurate than chaining the two derivatives (no division by p(1-p)).
"""
from __future__ import annotations

import numpy as np

from .activations import _sigmoid, softmax


def binary_cross_entropy(z, y, grad_out, huber_delta=None):
    """Sigmoid + binary cross-entropy: mean of max(z,0) - z*y + log(1 + exp(-|z|))."""
    n = z.shape[0]
    loss = float(np.sum(np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z))))) / n
    _sigmoid(z, out=grad_out)
    grad_out -= y
    grad_out /= n
    return loss


def softmax_cross_entropy(z, y, grad_out, huber_delta=None):
    """Softmax + cross-entropy with one-hot ``y``: mean of logsumexp(z) - z[y] (log-sum-exp shift)."""
    n = z.shape[0]
    shift = z.max(axis=1, keepdims=True)
    logsumexp = shift[:, 0] + np.log(np.sum(np.exp(z - shift), axis=1))
    loss = float(np.sum(logsumexp) - np.sum(z * y)) / n
    softmax(z, out=grad_out)
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
