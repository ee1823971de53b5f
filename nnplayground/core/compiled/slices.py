"""One trainer's side of the compiled engine: the kernel's buffers and settings, and a slice's results.

``Slices`` packs a dense Network's layout, its workspace and the optimiser's settings into
the flat arrays ``kernel.train_slice`` takes (no Python objects cross into compiled code),
and hands back what a slice trained as arrays, one row per iteration. It never imports numba:
the kernel is passed in, so this module is usable (and testable) before it has compiled.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..activations import ACTIVATIONS, SATURATION_FRACTION
from ..losses import LOSSES
from ..network import Network
from ..optimizers import SGD, Adam, Momentum
from . import layout
from .layout import (ACTIVATION_CODES, C_1MB1, C_1MB2, C_B1, C_B2, C_EPS, C_L1, C_L2, C_LAYERS, C_LR, C_MU, I_CLIP,
                     I_OPT, I_T, LOSS_CODES, R_B1, R_B2, R_CLIP, R_L1, R_L2, R_LR)

assert set(ACTIVATION_CODES) | {"softmax"} == set(ACTIVATIONS) and set(LOSS_CODES) == set(LOSSES)


# The kernel beats NumPy where per-call overhead dominates: narrow layers and few activations
# per iteration. From about 64 x 64 weights BLAS wins (2-256-256-10 trained at half the speed
# compiled), and with many activations NumPy's vectorised tanh and exp do (a tanh costs ~15 ns
# in the kernel, ~3.5 ns in NumPy: 2-(16x100)-1 at batch 64, 102,400 a step, ran 0.7-0.9x).
MAX_LAYER_WEIGHTS = 1024
MAX_ACTIVATIONS = 4096  # hidden units x batch size


def supports(network, batch_size: int) -> bool:
    """True when the compiled kernel trains ``network`` in batches of ``batch_size`` at least
    about as fast as NumPy: a dense Network in float32 or float64 whose weight matrices have at
    most MAX_LAYER_WEIGHTS entries and whose hidden layers hold at most MAX_ACTIVATIONS values."""
    return (isinstance(network, Network) and network.dtype in (np.float32, np.float64)
            and max(a * b for a, b in zip(network.sizes[:-1], network.sizes[1:])) <= MAX_LAYER_WEIGHTS
            and sum(network.sizes[1:-1]) * batch_size <= MAX_ACTIVATIONS)


class Slice(NamedTuple):
    """What one compiled call trained: ``done`` iterations, each a row of the arrays."""
    done: int
    code: int  # FINISHED, NON_FINITE (the next iteration was not trained) or WEIGHTS_NON_FINITE
    scalars: np.ndarray  # (done, 4): data loss, penalty, global gradient norm, clipping factor
    layers: np.ndarray  # (done, 3 L): gradient norms, weight norms, update ratios (read-only)
    stats: np.ndarray  # (done, 6 H): Workspace.activation_sums per iteration (read-only)


class Slices:
    """The compiled kernel's view of one dense Network trained in batches of up to ``capacity``."""

    def __init__(self, network, capacity: int):
        self.network = network
        dtype, sizes = network.dtype, network.sizes
        self.L, self.H = network.num_layers, len(sizes) - 2
        starts = [int(s) for s in network.segment_starts]
        codes = [ACTIVATION_CODES[a.name] for a in network.activations]
        self.ints = np.array([self.L, self.H, capacity, LOSS_CODES[network.loss_name], 0, 0, 0, *sizes, *starts,
                              *codes], dtype=np.int64)
        # One forward/backward pass's buffers for up to ``capacity`` samples, features-first as network.py
        self.acts = np.zeros(sum(sizes[1:-1]) * capacity, dtype)
        self.fprime = np.zeros_like(self.acts)
        self.deltas = np.zeros_like(self.acts)
        self.z_out = np.zeros((sizes[-1], capacity), dtype)
        self.delta_out = np.zeros_like(self.z_out)
        self.typed = np.zeros(4, dtype)
        cap = float(np.log(np.finfo(dtype).max)) - 1  # activations.py's _EXP_CAP
        layer_constants = []
        for act, alpha in zip(network.activations, network.alphas):
            layer_constants += [alpha, SATURATION_FRACTION * act.peak_derivative]
        # lr, mu, b1, 1 - b1, b2, 1 - b2, eps, l1, l2 (filled per slice), huber delta, cap, 1/2, 1, 0
        self.c = np.array([0.0] * 9 + [network.huber_delta, cap, 0.5, 1.0, 0.0, *layer_constants], dtype)
        assert len(self.c) == C_LAYERS + len(layer_constants)  # the slots' order: layout.py
        self.r = np.zeros(6)
        self.epoch_loss = np.zeros(1)
        self._counts: dict[int, np.ndarray] = {}
        self._empty = np.zeros(0, dtype)

    def count(self, n: int) -> np.ndarray:
        """Units x batch per hidden layer for a batch of ``n`` (a record's activation_counts)."""
        found = self._counts.get(n)
        if found is None:
            found = self._counts[n] = np.asarray(self.network.sizes[1:-1], dtype=float) * n
            found.setflags(write=False)
        return found

    def _settings(self, optimizer, clip_norm) -> None:
        """The live settings into ``ints``, ``c`` and ``r`` (they may change between slices)."""
        net, c, r = self.network, self.c, self.r
        r[R_LR], r[R_L1], r[R_L2] = optimizer.learning_rate, net.l1, net.l2
        r[R_CLIP] = 0.0 if clip_norm is None else clip_norm
        self.ints[I_CLIP] = clip_norm is not None
        c[C_LR], c[C_L1], c[C_L2] = optimizer.learning_rate, net.l1, net.l2
        if isinstance(optimizer, Adam):
            self.ints[I_OPT], self.ints[I_T] = layout.ADAM, optimizer.t
            r[R_B1], r[R_B2] = optimizer.beta1, optimizer.beta2
            c[C_B1], c[C_1MB1], c[C_B2], c[C_1MB2], c[C_EPS] = (optimizer.beta1, 1 - optimizer.beta1, optimizer.beta2,
                                                                1 - optimizer.beta2, optimizer.epsilon)
        elif isinstance(optimizer, Momentum):
            self.ints[I_OPT], c[C_MU] = layout.MOMENTUM, optimizer.momentum
        else:
            assert type(optimizer) is SGD, optimizer
            self.ints[I_OPT] = layout.SGD

    def run(self, kernels, x, y, epoch_z, bounds, first: int, count: int, optimizer, clip_norm,
            epoch_loss: float) -> tuple[Slice, float]:
        """Train ``count`` iterations on batches ``first``... of ``bounds``; the Slice and the
        epoch's summed loss (``epoch_loss`` plus data loss x batch size of each iteration)."""
        self._settings(optimizer, clip_norm)
        net = self.network
        scalars = np.empty((count, 4))
        layers = np.empty((count, 3 * self.L))
        stats = np.zeros((count, 6 * self.H))
        m, v = (optimizer.m, optimizer.v) if isinstance(optimizer, Adam) else (self._empty, self._empty)
        self.epoch_loss[0] = epoch_loss
        done, code = kernels.train_slice(x, y, epoch_z, bounds, first, count, net.theta, net.grad,
                                         optimizer.step_vector, m, v, self.ints, self.c, self.r, self.acts,
                                         self.fprime, self.deltas, self.z_out, self.delta_out, self.typed,
                                         self.epoch_loss, scalars, layers, stats)
        if isinstance(optimizer, Adam):
            optimizer.t += done
        layers.setflags(write=False)  # records keep views of these rows
        stats.setflags(write=False)
        return Slice(done, code, scalars[:done], layers[:done], stats[:done]), float(self.epoch_loss[0])


def warm_up(kernels, dtype) -> None:
    """Compile (or load from the cache) the ``kernels`` module's ``train_slice`` for ``dtype``
    by training a 2-2-1 net for zero iterations: the argument types are exactly those of
    every later call."""

    net = Network([2, 2, 1], [("tanh", 0.0)], "bce", dtype=np.dtype(dtype).name)
    x, y = np.ones((3, 4), net.dtype), np.zeros((1, 4), net.dtype)
    bounds = np.array([[0, 4]], dtype=np.int64)
    Slices(net, 4).run(kernels, x, y, np.zeros_like(y), bounds, 0, 0, Adam(net.theta.size, net.dtype, 0.1), None, 0.0)
