"""A dense multilayer perceptron whose parameters live in one flat vector.

All weights and biases are views into ``theta`` (and all gradients into ``grad``), laid
out as [W1, b1, W2, b2, ...]. That makes the optimiser a handful of whole-vector
operations and gives every per-layer statistic in a single ``np.add.reduceat`` call, which
matters on playground-sized nets where per-call overhead, not arithmetic, dominates.
Forward and backward write into buffers reused across steps of the same batch size.
"""
from __future__ import annotations

from collections import OrderedDict

import numpy as np

from .activations import ACTIVATIONS, SATURATION_FRACTION
from .initializers import initial_weights
from .losses import LOSSES


class _Workspace:
    """Every buffer one forward/backward pass over ``n`` samples needs."""

    def __init__(self, net: "Network", n: int):
        dtype, hidden = net.dtype, net.sizes[1:-1]
        starts = np.concatenate([[0], np.cumsum(hidden, dtype=np.intp)]) * n
        self.act_starts = starts[:-1]
        self.act_counts = np.diff(starts)
        self.acts = np.empty(starts[-1], dtype)  # hidden activations, one block per layer
        self.grads = np.empty(starts[-1], dtype)  # f'(z) per hidden unit, same layout
        blocks = [slice(s, e) for s, e in zip(starts[:-1], starts[1:])]
        self.a = [self.acts[b].reshape(n, u) for b, u in zip(blocks, hidden)]
        self.fprime = [self.grads[b].reshape(n, u) for b, u in zip(blocks, hidden)]
        # A linear layer's z is its activation: no separate buffer, no copy.
        self.z = [a if act.name == "linear" else np.empty_like(a) for a, act in zip(self.a, net.activations)]
        self.delta = [np.empty_like(a) for a in self.a]  # dL/dz per hidden layer
        self.z_out = np.empty((n, net.sizes[-1]), dtype)
        self.delta_out = np.empty_like(self.z_out)
        thresholds = [SATURATION_FRACTION * act.peak_derivative for act in net.activations]
        self.saturation_threshold = np.repeat(np.asarray(thresholds, dtype), np.asarray(hidden) * n)
        self.saturated = np.empty(starts[-1], bool)


class Network:
    """Dense layers sized ``sizes`` = [inputs, hidden..., outputs].

    ``hidden_activations`` is a list of (name, alpha) per hidden layer; the output
    activation and loss follow from the task (sigmoid+BCE, softmax+CE, linear+MSE/Huber).
    """

    MAX_CACHED_WORKSPACES = 4

    def __init__(self, sizes, hidden_activations, loss="bce", *, huber_delta=1.0,
                 l1=0.0, l2=0.0, dtype="float64"):
        if len(hidden_activations) != len(sizes) - 2:
            raise ValueError("need one activation per hidden layer")
        self.sizes = [int(s) for s in sizes]
        self.dtype = np.dtype(dtype)
        self.activations = [ACTIVATIONS[name] for name, _ in hidden_activations]
        self.alphas = [float(alpha) for _, alpha in hidden_activations]
        self.loss_name = loss
        self._loss = LOSSES[loss]
        self.huber_delta = huber_delta
        self.l1, self.l2 = l1, l2

        # Segment starts of [W1, b1, W2, b2, ...] inside theta.
        lengths = []
        for fan_in, fan_out in zip(self.sizes[:-1], self.sizes[1:]):
            lengths += [fan_in * fan_out, fan_out]
        bounds = np.concatenate([[0], np.cumsum(lengths, dtype=np.intp)])
        self.segment_starts = bounds[:-1]
        self.theta = np.zeros(bounds[-1], self.dtype)
        self.grad = np.zeros_like(self.theta)
        self.weight_mask = np.zeros_like(self.theta)  # 1 on weights, 0 on biases: what L1/L2 touch
        self.params, self.grads = [], []
        for layer, (fan_in, fan_out) in enumerate(zip(self.sizes[:-1], self.sizes[1:])):
            w0, b0, b1 = bounds[2 * layer], bounds[2 * layer + 1], bounds[2 * layer + 2]
            self.weight_mask[w0:b0] = 1
            self.params.append((self.theta[w0:b0].reshape(fan_in, fan_out), self.theta[b0:b1]))
            self.grads.append((self.grad[w0:b0].reshape(fan_in, fan_out), self.grad[b0:b1]))
        self._scratch = np.empty_like(self.theta)
        self._workspaces: OrderedDict[int, _Workspace] = OrderedDict()

    @property
    def num_layers(self) -> int:
        return len(self.params)

    def initialize(self, scheme, rng, param=0.1, gain=1.0) -> None:
        """Draw fresh weights (in layer order, from ``rng``) and zero the biases."""
        for W, b in self.params:
            W[...] = initial_weights(scheme, rng, W.shape[0], W.shape[1], param, gain)
            b.fill(0)

    def workspace(self, n: int) -> _Workspace:
        ws = self._workspaces.get(n)
        if ws is None:
            ws = self._workspaces[n] = _Workspace(self, n)
            if len(self._workspaces) > self.MAX_CACHED_WORKSPACES:
                self._workspaces.popitem(last=False)
        else:
            self._workspaces.move_to_end(n)
        return ws

    # ----- forward and backward ------------------------------------------------------

    def forward(self, X, *, need_derivatives=False) -> _Workspace:
        """Run the batch through the net; the workspace holds z and a of every layer."""
        ws = self.workspace(X.shape[0])
        a_prev = X
        for layer, act in enumerate(self.activations):
            W, b = self.params[layer]
            z = np.matmul(a_prev, W, out=ws.z[layer])
            z += b
            a = act.forward(z, ws.a[layer], self.alphas[layer])
            if need_derivatives:
                act.derivative(z, a, ws.fprime[layer], self.alphas[layer])
            a_prev = a
        W, b = self.params[-1]
        np.matmul(a_prev, W, out=ws.z_out)
        ws.z_out += b
        return ws

    def output_activation(self, z):
        """Predictions from logits: probabilities for classification, values for regression."""
        name = {"bce": "sigmoid", "softmax_ce": "softmax"}.get(self.loss_name, "linear")
        return ACTIVATIONS[name].forward(z, None, 0.0)

    def predict(self, X):
        return self.output_activation(self.forward(np.asarray(X, self.dtype)).z_out)

    def data_loss(self, X, Y) -> float:
        ws = self.forward(X)
        return self._loss(ws.z_out, Y, ws.delta_out, self.huber_delta)

    def compute_gradients(self, X, Y) -> tuple[float, _Workspace]:
        """Fill ``self.grad`` with dLoss/dtheta for the batch; returns (loss incl. regularisation, workspace)."""
        ws = self.forward(X, need_derivatives=True)
        loss = self._loss(ws.z_out, Y, ws.delta_out, self.huber_delta)
        delta = ws.delta_out
        for layer in range(self.num_layers - 1, -1, -1):
            a_prev = X if layer == 0 else ws.a[layer - 1]
            dW, db = self.grads[layer]
            np.matmul(a_prev.T, delta, out=dW)
            np.add.reduce(delta, axis=0, out=db)
            if layer:  # chain rule into the layer below: dL/dz = (dL/dz_above @ W^T) * f'(z)
                below = np.matmul(delta, self.params[layer][0].T, out=ws.delta[layer - 1])
                below *= ws.fprime[layer - 1]
                delta = below
        return loss + self._add_regularization(), ws

    def _add_regularization(self) -> float:
        """Add the L1/L2 penalty's gradient to ``self.grad`` (weights only) and return its value."""
        penalty = 0.0
        masked = self._scratch
        if self.l2:
            np.multiply(self.theta, self.weight_mask, out=masked)
            penalty += 0.5 * self.l2 * float(np.dot(masked, masked))
            masked *= self.l2
            self.grad += masked
        if self.l1:
            np.sign(self.theta, out=masked)
            masked *= self.weight_mask
            penalty += self.l1 * float(np.dot(masked, self.theta))
            masked *= self.l1
            self.grad += masked
        return penalty

    def loss_and_grads(self, X, Y):
        """Public form: (loss incl. regularisation, [(dW, db), ...]) as fresh arrays."""
        X, Y = np.asarray(X, self.dtype), np.asarray(Y, self.dtype)
        with np.errstate(all="ignore"):
            loss, _ = self.compute_gradients(X, Y)
        return loss, [(dW.copy(), db.copy()) for dW, db in self.grads]

    # ----- per-layer statistics ------------------------------------------------------

    def squared_norms(self, flat) -> np.ndarray:
        """Sums of squares of a theta-shaped vector per segment: [W1, b1, W2, b2, ...]."""
        return np.add.reduceat(np.multiply(flat, flat, out=self._scratch), self.segment_starts)
