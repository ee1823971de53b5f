"""What training produces: a StepRecord per iteration, an Evaluation, a Divergence, a BackpropProfile.

Plain immutable values, shared by both engines (the NumPy step and the compiled slices)
and by every view, file and command that reads them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import math

import numpy as np


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Loss and quality over the full training and test sets (no regularisation term)."""
    train_loss: float
    test_loss: float
    metric_name: str  # "accuracy" or "r2"
    train_metric: float
    test_metric: float


@dataclass(frozen=True, slots=True)
class Divergence:
    """Where training first produced a non-finite number."""

    iteration: int
    layer: int  # 1-based, layer 1 nearest the input; the output layer is num_layers
    where: str  # "activations", "loss", "gradients" or "weights"

    def __str__(self) -> str:
        return f"diverged at iteration {self.iteration}: non-finite {self.where} in layer {self.layer}"

    def to_dict(self) -> dict:
        """The JSON form written to summary.json, with the message."""
        return {"iteration": self.iteration, "layer": self.layer, "where": self.where, "message": str(self)}


@dataclass(frozen=True, eq=False)
class BackpropProfile:
    """How the backward signal changes with depth, on a fixed probe batch: for each layer
    (1 nearest the input; the last is the output layer) the norm of dL/dz, the gradient of
    the loss with respect to that layer's pre-activations, which backpropagation passes
    down through every layer in turn. Also each hidden layer's pre-activation histogram."""
    delta_norms: np.ndarray  # (layers,)
    histograms: np.ndarray  # (hidden layers, bins): counts of z per bin
    bin_edges: np.ndarray  # (bins + 1,)

    @property
    def first_over_last(self) -> float:
        """||dL/dz|| of layer 1 over the output layer's: below 1 vanishing, above 1 exploding."""
        with np.errstate(all="ignore"):
            return float(self.delta_norms[0] / self.delta_norms[-1])

    @property
    def factor_per_layer(self) -> float:
        """The geometric mean of ||dL/dz_k|| / ||dL/dz_k+1|| over the hidden layers: how much one
        layer scales the backward signal on the way down (below 1 vanishing, above 1 exploding).
        The output layer's step is left out: its weights and loss differ from the hidden layers'.
        NaN with fewer than two hidden layers; 0, infinite or NaN when a norm underflowed to 0 or overflowed."""
        hidden = self.delta_norms[:-1]
        if len(hidden) < 2:
            return float("nan")
        with np.errstate(all="ignore"):
            return float((hidden[0] / hidden[-1]) ** (1.0 / (len(hidden) - 1)))


class StepRecord(NamedTuple):
    """What one iteration did. Per-layer arrays (read-only) run from layer 1, nearest the
    input, upward; activation statistics cover the hidden layers only. A NamedTuple rather
    than a frozen dataclass: equally immutable, several times cheaper to create per step."""
    iteration: int
    epoch: int  # 1-based epoch this iteration belongs to
    batch: int  # 1-based batch within that epoch
    batches_per_epoch: int
    samples_seen: int
    train_loss: float  # this batch's loss, including the regularisation term
    global_grad_norm: float  # before clipping
    clipped: bool
    grad_norm: np.ndarray
    weight_norm: np.ndarray
    update_ratio: np.ndarray  # ||step of W|| / ||W|| per layer
    activation_sums: np.ndarray  # raw sums behind the activation properties (Workspace.activation_sums)
    activation_counts: np.ndarray  # units x batch per hidden layer
    evaluation: Evaluation | None
    status: str
    divergence: Divergence | None = None
    outliers: int = 0  # training targets in this batch that were made outliers (regression)

    # Per hidden layer, over the batch. Derived on access: most records are never asked.
    @property
    def activation_mean(self) -> np.ndarray:
        """Mean activation per hidden layer."""
        return self.activation_sums[0::2][:len(self.activation_counts)] / self.activation_counts

    @property
    def activation_std(self) -> np.ndarray:
        """Standard deviation of the activations per hidden layer."""
        H = len(self.activation_counts)
        mean_square = self.activation_sums[2 * H::2][:H] / self.activation_counts
        return np.sqrt(np.maximum(mean_square - self.activation_mean**2, 0.0))

    @property
    def saturated(self) -> np.ndarray:
        """Fraction of hidden units whose f'(z) is below 1% of the activation's peak."""
        H = len(self.activation_counts)
        return self.activation_sums[4 * H::2] / self.activation_counts


def float_norm(grad: np.ndarray) -> float:
    """||grad||, its sum of squares taken in float64: a float32 gradient whose entries are all
    finite may still have a sum of squares beyond float32's range (3.4e38)."""
    if grad.dtype == np.float64:
        return math.sqrt(np.dot(grad, grad))
    return math.sqrt(np.einsum("i,i->", grad, grad, dtype=np.float64))


def layer_stats(squares, scale: float, ws):
    """Every per-layer number of one step in one fresh, read-only array, returned as named
    views (grad_norm, weight_norm, update_ratio, activation_sums, and per_layer: the first
    three back to back, one history row). ``squares`` are the rows of
    ``squared_norms(grad, theta, step)``; ``scale`` is the clipping factor applied to grad."""
    L = squares.shape[1] // 2  # a (weights, bias) segment pair per layer
    values = np.empty(3 * L + 6 * len(ws.a))
    rows = values[:3 * L].reshape(3, L)  # grad norm, weight norm, update ratio
    grad_norm = np.add(squares[0, 0::2], squares[0, 1::2], out=rows[0])  # ||dW||^2 + ||db||^2
    np.sqrt(grad_norm, out=grad_norm)
    if scale != 1.0:
        grad_norm /= scale  # report the gradient as computed, before clipping
    np.sqrt(squares[1:, 0::2], out=rows[1:])  # ||W|| and ||step of W||: weights only, as in the ratio's name
    rows[2] /= rows[1]
    ws.activation_sums(values[3 * L:])
    values.setflags(write=False)  # so the views taken below are read-only too
    return values[:L], values[L:2 * L], values[2 * L:3 * L], values[3 * L:], values[:3 * L]
