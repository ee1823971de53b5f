"""Optimisers that update the whole flat parameter vector in a few vector operations.

``update(theta, grad)`` computes the step, applies it and returns it (the step vector is
what the update/weight ratio is measured on). ``learning_rate`` may change between steps.
"""
from __future__ import annotations

import math

import numpy as np


class SGD:
    """Plain gradient descent: step = -lr g; theta += step."""

    def __init__(self, size, dtype, learning_rate):
        self.step_vector = np.zeros(size, dtype)
        self.learning_rate = learning_rate

    @property
    def learning_rate(self) -> float:
        """The step size lr; may change between steps (a live setting)."""
        return self._rate

    @learning_rate.setter
    def learning_rate(self, value: float) -> None:
        self._rate = float(value)
        # -rate as a 0-d array: a Python float operand is converted on every call (small nets notice).
        self._minus_rate = np.array(-self._rate, self.step_vector.dtype)

    def update(self, theta, grad):
        """Apply one step to ``theta`` in place and return the step vector."""
        np.multiply(grad, self._minus_rate, out=self.step_vector)
        theta += self.step_vector
        return self.step_vector


class Momentum(SGD):
    """Heavy-ball momentum: v = mu v - lr g; theta += v (v starts at 0, mu is ``momentum``)."""

    def __init__(self, size, dtype, learning_rate, momentum=0.9):
        super().__init__(size, dtype, learning_rate)
        self.momentum = momentum
        self._scaled_grad = np.zeros(size, dtype)

    def update(self, theta, grad):
        """Apply one step to ``theta`` in place and return it (the velocity v)."""
        v = self.step_vector
        v *= self.momentum
        v -= np.multiply(grad, self.learning_rate, out=self._scaled_grad)
        theta += v
        return v


class Adam(SGD):
    """Adam with bias correction, in the same arithmetic order as torch.optim.Adam:
    m = b1 m + (1 - b1) g,  v = b2 v + (1 - b2) g^2,  at step t
    theta -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)."""

    def __init__(self, size, dtype, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
        super().__init__(size, dtype, learning_rate)
        self.beta1, self.beta2, self.epsilon = beta1, beta2, epsilon
        self.m = np.zeros(size, dtype)
        self.v = np.zeros(size, dtype)
        self.t = 0

    def update(self, theta, grad):
        """Apply one step to ``theta`` in place and return the step vector."""
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        self.m *= b1
        self.m += (1 - b1) * grad
        self.v *= b2
        self.v += (1 - b2) * grad * grad
        denominator = np.sqrt(self.v, out=self.step_vector)
        denominator /= math.sqrt(1 - b2**self.t)
        denominator += self.epsilon
        np.divide(self.m, denominator, out=self.step_vector)
        self.step_vector *= -self.learning_rate / (1 - b1**self.t)
        theta += self.step_vector
        return self.step_vector


def make_optimizer(spec, size, dtype):
    """The optimiser an OptimizerSpec names, for a parameter vector of ``size`` elements."""
    if spec.name == "sgd":
        return SGD(size, dtype, spec.learning_rate)
    if spec.name == "momentum":
        return Momentum(size, dtype, spec.learning_rate, spec.momentum)
    return Adam(size, dtype, spec.learning_rate, spec.beta1, spec.beta2, spec.epsilon)


def clip_by_global_norm(grad, max_norm, norm) -> float:
    """Scale ``grad`` in place so its global norm is at most ``max_norm``; returns the factor."""
    if max_norm is None or not norm > max_norm:
        return 1.0
    scale = max_norm / norm
    grad *= scale
    return scale
