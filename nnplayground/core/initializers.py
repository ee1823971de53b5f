"""Weight initialisers. Each returns a (fan_in, fan_out) matrix; biases always start at zero.

``gain`` multiplies whatever the scheme draws, so one slider can push any scheme into the
too-small (vanishing) or too-large (exploding, saturating) regime.
"""
from __future__ import annotations

import numpy as np


def _xavier_uniform(rng, fan_in, fan_out, param):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, (fan_in, fan_out))


def _xavier_normal(rng, fan_in, fan_out, param):
    return rng.normal(0.0, np.sqrt(2.0 / (fan_in + fan_out)), (fan_in, fan_out))


def _he_uniform(rng, fan_in, fan_out, param):
    limit = np.sqrt(6.0 / fan_in)
    return rng.uniform(-limit, limit, (fan_in, fan_out))


def _he_normal(rng, fan_in, fan_out, param):
    return rng.normal(0.0, np.sqrt(2.0 / fan_in), (fan_in, fan_out))


def _normal(rng, fan_in, fan_out, std):
    return rng.normal(0.0, std, (fan_in, fan_out))


def _uniform(rng, fan_in, fan_out, limit):
    return rng.uniform(-limit, limit, (fan_in, fan_out))


def _orthogonal(rng, fan_in, fan_out, param):
    """Orthonormal columns (or rows, when fan_in < fan_out): every direction keeps its length,
    so with a gain g the backward signal through a linear layer changes by exactly g."""
    q, r = np.linalg.qr(rng.normal(size=(max(fan_in, fan_out), min(fan_in, fan_out))))
    q *= np.sign(np.diag(r))  # QR's sign convention would otherwise bias the draw
    return q if fan_in >= fan_out else q.T


def _zeros(rng, fan_in, fan_out, param):
    return np.zeros((fan_in, fan_out))


INITIALIZERS = {
    "xavier_uniform": _xavier_uniform,
    "xavier_normal": _xavier_normal,
    "he_uniform": _he_uniform,
    "he_normal": _he_normal,
    "normal": _normal,
    "uniform": _uniform,
    "orthogonal": _orthogonal,
    "zeros": _zeros,
}


def initial_weights(scheme, rng, fan_in, fan_out, param=0.1, gain=1.0):
    """Draw one layer's weight matrix; ``param`` is the std of 'normal' or the limit of 'uniform'."""
    return gain * INITIALIZERS[scheme](rng, fan_in, fan_out, param)
