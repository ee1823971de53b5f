"""The seam between the trainer and the models it trains.

``TrainableModel`` names everything ``Trainer`` and ``SnapshotTaker`` use of a model, and
``ForwardPass`` what they read from one pass over a batch. Two models satisfy them: the dense
``core.network.Network`` and the recurrent ``core.sequence.SequenceNetwork``. Batches are
features-first, as inside the network: x is (features + 1, n) with a last row of ones (see
``inputs``) and y is (outputs, n).
"""
from __future__ import annotations

from typing import Iterator, Protocol, Sequence, runtime_checkable

import numpy as np


@runtime_checkable
class ForwardPass(Protocol):
    """What one forward (and backward) pass over n samples shows the trainer and the snapshots."""

    z_out: np.ndarray  # (outputs, n): the output layer's pre-activations
    a: Sequence[np.ndarray]  # each hidden layer's activations (units, n); empty without layers of units
    count: np.ndarray  # units x n per hidden layer: what the activation sums are divided by

    def activation_sums(self, out: np.ndarray) -> None:
        """Fill ``out`` (6 numbers per hidden layer) with the sums behind the activation statistics."""


@runtime_checkable
class TrainableModel(Protocol):
    """A model whose parameters live in one flat vector ``theta`` (gradients in ``grad``),
    split per layer into (weights, bias) pairs that are views into it."""

    theta: np.ndarray
    grad: np.ndarray
    dtype: np.dtype
    output_size: int  # units of the output layer
    params: list[tuple[np.ndarray, np.ndarray]]  # (W, b) per layer, views into theta
    grads: list[tuple[np.ndarray, np.ndarray]]  # (dW, db) per layer, views into grad
    l1: float  # penalty rates, changeable between steps; weights only, never biases
    l2: float

    @property
    def num_layers(self) -> int:
        """Layers with weights, the output layer included: the length of ``params``."""

    def inputs(self, X) -> np.ndarray:
        """Samples-first inputs (n, features) as the features-first batch x the other methods take."""

    def initialize(self, scheme: str, rng: np.random.Generator, param: float = 0.1, gain: float = 1.0) -> None:
        """Draw fresh weights from ``rng`` and zero the biases."""

    def forward(self, x, *, need_derivatives: bool = False) -> ForwardPass:
        """Run the batch through the model (no gradients)."""

    def compute_gradients(self, x, y) -> tuple[float, float, ForwardPass]:
        """Fill ``grad`` for the batch, penalty included; (data loss, penalty, the pass)."""

    def passes(self, x) -> Iterator[tuple[int, int, ForwardPass]]:
        """Forward passes over a set in chunks of a bounded workspace: (start, stop, pass) per chunk."""

    def loss_and_outputs(self, x, y) -> tuple[float, np.ndarray]:
        """(mean data loss without the penalty, output pre-activations z_out) of a set, in chunks, with no gradients."""

    def output_activation(self, z) -> np.ndarray:
        """Predictions from samples-first output pre-activations z (n, outputs)."""

    def squared_norms(self, *vectors) -> np.ndarray:
        """Per parameter segment [W1, b1, W2, b2, ...], the sum of squares of each theta-shaped vector."""

    def backprop_norms(self, ws: ForwardPass) -> tuple[np.ndarray, Sequence[np.ndarray]]:
        """After ``compute_gradients``: the backward signal's norm per step of the chain rule,
        and each hidden layer's pre-activations (for histograms; empty when not kept)."""
