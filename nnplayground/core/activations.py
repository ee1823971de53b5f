"""Activation functions: one registry drives the network, the menus and the file format.

Every function takes an ``out`` buffer so the trainer can reuse memory on its hot path.
Derivatives receive the pre-activation ``z``, the activation ``a`` and its square (the
trainer squares all hidden activations in one call for its statistics anyway), because
the cheapest form differs: sigmoid and tanh need one subtraction from ``a`` and ``a**2``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

DEFAULT_LEAKY_ALPHA = 0.01
_EXP_CAP = {np.dtype(t): float(np.log(np.finfo(t).max)) - 1 for t in (np.float16, np.float32, np.float64)}
# 1 as a 0-d array per dtype: a Python float operand is converted on every call, which on
# playground-sized arrays costs as much as the arithmetic itself.
_ONE = {np.dtype(t): np.array(1.0, t) for t in (np.float16, np.float32, np.float64)}


def _sigmoid(z, out=None, alpha=0.0):
    # 1 / (1 + exp(-z)). Capping -z just below exp's overflow point keeps the result exact
    # (1/(1+e^88) already rounds to the float's limit) and raises no overflow warning.
    out = np.negative(z, out=out)
    np.minimum(out, _EXP_CAP[out.dtype], out=out)
    np.exp(out, out=out)
    out += 1.0
    return np.reciprocal(out, out=out)


def _sigmoid_grad(z, a, a_squared, out, alpha=0.0):
    return np.subtract(a, a_squared, out=out)  # a (1 - a)


def _tanh(z, out=None, alpha=0.0):
    return np.tanh(z, out=out)


def _tanh_grad(z, a, a_squared, out, alpha=0.0):
    return np.subtract(_ONE[out.dtype], a_squared, out=out)


def _relu(z, out=None, alpha=0.0):
    return np.maximum(z, 0.0, out=out)


def _relu_grad(z, a, a_squared, out, alpha=0.0):
    return np.greater(z, 0.0, out=out)


def _leaky_relu(z, out=None, alpha=DEFAULT_LEAKY_ALPHA):
    # max(z, alpha*z) equals leaky ReLU for 0 <= alpha <= 1.
    out = np.multiply(z, alpha, out=out)
    return np.maximum(out, z, out=out)


def _leaky_relu_grad(z, a, a_squared, out, alpha=DEFAULT_LEAKY_ALPHA):
    out.fill(alpha)
    np.copyto(out, 1.0, where=z > 0)
    return out


def _linear(z, out=None, alpha=0.0):
    if out is None:
        return z.copy()
    np.copyto(out, z)
    return out


def _linear_grad(z, a, a_squared, out, alpha=0.0):
    out.fill(1.0)
    return out


def softmax(z, out=None, alpha=0.0):
    """Row-wise softmax over the last axis, shifted by the row maximum so exp never overflows."""
    out = np.subtract(z, z.max(axis=-1, keepdims=True), out=out)
    np.exp(out, out=out)
    out /= out.sum(axis=-1, keepdims=True)
    return out


def _softmax_diag_grad(z, a, a_squared, out, alpha=0.0):
    # Only the diagonal of the Jacobian, dp_i/dz_i = p_i (1 - p_i); the full Jacobian couples classes.
    return _sigmoid_grad(z, a, a_squared, out)


@dataclass(frozen=True)
class Activation:
    """One activation function with its derivative and what the views need to know of it."""

    name: str
    display_name: str
    output_range: tuple[float, float]
    peak_derivative: float
    forward: Callable
    derivative: Callable
    hidden_ok: bool = True  # softmax only makes sense on the output layer
    constant_derivative: bool = False  # linear: f' = 1 everywhere, set once, never recomputed

    def __call__(self, z, alpha: float = DEFAULT_LEAKY_ALPHA):
        """f(z) as a new float64 array."""
        return self.forward(np.asarray(z, dtype=float), None, alpha)

    def grad(self, z, alpha: float = DEFAULT_LEAKY_ALPHA):
        """f'(z) as a new float64 array."""
        z = np.asarray(z, dtype=float)
        a = self.forward(z, None, alpha)
        return self.derivative(z, a, a * a, np.empty_like(z), alpha)


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("sigmoid", "Sigmoid", (0.0, 1.0), 0.25, _sigmoid, _sigmoid_grad),
        Activation("tanh", "Tanh", (-1.0, 1.0), 1.0, _tanh, _tanh_grad),
        Activation("relu", "ReLU", (0.0, np.inf), 1.0, _relu, _relu_grad),
        Activation("leaky_relu", "Leaky ReLU", (-np.inf, np.inf), 1.0, _leaky_relu, _leaky_relu_grad),
        Activation("linear", "Linear", (-np.inf, np.inf), 1.0, _linear, _linear_grad, constant_derivative=True),
        Activation("softmax", "Softmax", (0.0, 1.0), 0.25, softmax, _softmax_diag_grad, hidden_ok=False),
    )
}
HIDDEN_ACTIVATIONS = tuple(name for name, a in ACTIVATIONS.items() if a.hidden_ok)

# A unit counts as saturated (sigmoid, tanh) or dead (ReLU) when its local derivative is
# below this fraction of the activation's peak derivative: backprop passes almost nothing.
SATURATION_FRACTION = 0.01
