"""A dense multilayer perceptron whose parameters live in one flat vector.

Layer k's weights and bias are stored back to back, [W_k (fan_in x fan_out), b_k], which is
the (fan_in + 1, fan_out) matrix M_k = [W_k; b_k]. With a row of ones appended to every
layer's input, z = M_k^T [a; 1] computes "a W + b" in a single BLAS call, and one call
gives dW and db together. The whole network is ``theta`` = [M_1, M_2, ...] (gradients in
``grad``), so the optimiser is a few whole-vector operations and each per-layer statistic
is one ``np.add.reduceat``. On playground-sized nets per-call overhead, not arithmetic,
sets the speed, which is why calls are counted here.

Inside, activations are stored features-first, (units + 1, batch) with the ones row last,
so every product writes a contiguous block. The public methods take and return the usual
samples-first arrays.

This is the fast path the trainer runs. core/reference.py computes the same iteration the
textbook way, one sample and one layer at a time, and the tests check that both give the
same numbers. The comments beside forward, backward and the penalty give the formula each
line computes. With samples as columns, layer k = 1 nearest the input, L the output layer,
a_0 = x and W_k of shape (fan_in, fan_out), the reference's z_k = a_{k-1} W_k + b_k reads
z_k = W_k^T a_{k-1} + b_k here (= M_k^T [a_{k-1}; 1]).
"""
from __future__ import annotations

from collections import OrderedDict

import numpy as np

from .activations import ACTIVATIONS, SATURATION_FRACTION
from .initializers import initial_weights
from .losses import LOSSES, OUTPUT_ACTIVATION


# An evaluation (a test set, the snapshot grid) runs through the net this many bytes of
# workspace at a time, so its memory never grows with the number of samples.
EVALUATION_BYTES = 32 * 2**20


def evaluation_chunk(sample_bytes: int) -> int:
    """Samples per evaluation pass for a model whose workspace takes ``sample_bytes`` per sample."""
    return max(1, EVALUATION_BYTES // max(1, sample_bytes))


def workspace_elements(sizes, activation_names) -> int:
    """Numbers a ``Workspace`` holds per sample (its arrays are all (rows, n)): the activations
    with their ones rows and two scratch rows, f'(z), the saturation thresholds, z of each
    non-linear layer, the deltas, and the output's z and delta."""
    hidden = sum(sizes[1:-1])
    rows = hidden + len(sizes) - 2
    z = sum(units for units, name in zip(sizes[1:-1], activation_names) if name != "linear")
    return 5 * rows + z + hidden + 2 * sizes[-1]


class Workspace:
    """Every buffer one forward/backward pass over ``n`` samples needs, reused between steps.

    ``a[k]`` is hidden layer k's activation (units, n) and ``fprime[k]`` its f'(z); both are
    views into flat buffers, so one reduceat gives statistics for every layer at once.
    """

    def __init__(self, net: "Network", n: int):
        self.n = n
        dtype, hidden = net.dtype, net.sizes[1:-1]
        rows = np.asarray(hidden, dtype=np.intp) + 1  # the ones row below each block
        starts = np.concatenate([[0], np.cumsum(rows)]) * n
        # Row 0 holds the activations (ones everywhere first: the bias rows are never written);
        # rows 1 and 2 are scratch for their squares and saturation flags (activation_stats).
        self.moments = np.ones((3, starts[-1]), dtype)
        self.acts = self.moments[0]
        self.grads = np.zeros(starts[-1], dtype)
        # reduceat over [layer start, ones-row start, ...] of each moments row: every second
        # sum is a real layer (the others sum the ones rows and are skipped).
        segments = np.ravel(np.column_stack([starts[:-1], starts[1:] - n])).astype(np.intp)
        self.segments = np.concatenate([segments + row * starts[-1] for row in range(3)])
        self.count = np.asarray(hidden, dtype=float) * n
        self.count.setflags(write=False)  # records keep a reference
        self.with_ones, self.a, self.squares, self.fprime, self.z, self.delta = [], [], [], [], [], []
        for k, (units, act) in enumerate(zip(hidden, net.activations)):
            block = slice(starts[k], starts[k + 1])
            with_ones = self.acts[block].reshape(units + 1, n)
            self.with_ones.append(with_ones)
            self.a.append(with_ones[:units])
            self.squares.append(self.moments[1, block].reshape(units + 1, n)[:units])
            self.fprime.append(self.grads[block].reshape(units + 1, n)[:units])
            if act.constant_derivative:
                act.derivative(None, None, None, self.fprime[-1])
            # A linear layer's z is its activation: no separate buffer, no copy.
            self.z.append(self.a[-1] if act.name == "linear" else np.empty((units, n), dtype))
            self.delta.append(np.empty((units, n), dtype))
        self.z_out = np.empty((net.sizes[-1], n), dtype)
        self.delta_out = np.empty_like(self.z_out)
        # Everything each layer's forward and backward step touches, looked up once here
        # rather than on every call (on small nets the lookups cost as much as the maths).
        self.forward_plan = [(M.T, z, a, act.forward, alpha) for M, z, a, act, alpha
                             in zip(net.matrices, self.z, self.a, net.activations, net.alphas)]
        self.derivative_plan = [(z, a, sq, fp, act.derivative, alpha) for z, a, sq, fp, act, alpha
                                in zip(self.z, self.a, self.squares, self.fprime, net.activations, net.alphas)
                                if not act.constant_derivative]
        self.backward_plan = [
            (net.grad_matrices[k], self.with_ones[k - 1], net.params[k][0], self.delta[k - 1], self.fprime[k - 1])
            for k in range(net.num_layers - 1, 0, -1)]
        thresholds = [SATURATION_FRACTION * act.peak_derivative for act in net.activations]
        self.saturation_threshold = np.repeat(np.asarray(thresholds, dtype), rows * n)

    def activation_sums(self, out) -> None:
        """Fill ``out`` (6 per hidden layer) with the sums that give each layer's mean activation,
        mean squared activation and fraction of units saturated or dead (f'(z) below 1% of its
        peak): [sum a, -, ...], [sum a^2, -, ...], [count saturated, -, ...] ("-": ones rows).
        Needs the squares that ``forward(..., need_derivatives=True)`` leaves in moments[1]."""
        if self.a:
            np.less(self.grads, self.saturation_threshold, out=self.moments[2])
            np.add.reduceat(self.moments.ravel(), self.segments, out=out)


class FlatModel:
    """The parts of ``core.model.TrainableModel`` that any model whose parameters live in one
    flat vector ``theta`` (gradients in ``grad``), split into per-layer [weights, bias]
    segments, shares: penalties, norms, the input layout and the evaluation loss."""

    def __init__(self, theta, grad, segment_starts, weight_mask, *, loss, huber_delta, l1, l2, outputs, sample_bytes):
        self.theta, self.grad = theta, grad
        self.output_size = outputs  # units of the output layer
        self.dtype = theta.dtype
        self.segment_starts = segment_starts  # [W1, b1, W2, b2, ...] inside theta
        self.weight_mask = weight_mask  # 1 on weights, 0 on biases: what L1/L2 touch
        self.loss_name, self.huber_delta = loss, huber_delta
        self._loss = LOSSES[loss]
        self.l1, self.l2 = l1, l2
        self._scratch = np.empty_like(theta)
        self._squares = np.empty((3, theta.size), theta.dtype)
        self.evaluation_chunk = evaluation_chunk(sample_bytes)  # samples per pass in ``passes``

    @property
    def num_layers(self) -> int:
        """Layers with weights, the output layer included."""
        return len(self.segment_starts) // 2

    def inputs(self, X) -> np.ndarray:
        """Samples-first inputs (n, features) as the features-first (features + 1, n) block with ones."""
        X = np.asarray(X, self.dtype)
        block = np.ones((X.shape[1] + 1, X.shape[0]), self.dtype)
        block[:-1] = X.T
        return block

    def squared_norms(self, *vectors) -> np.ndarray:
        """Sums of squares of up to three theta-shaped vectors per segment [W1, b1, W2, b2, ...]:
        one row per vector, all from a single reduceat."""
        squares = self._squares[:len(vectors)]
        for row, v in zip(squares, vectors):
            np.multiply(v, v, out=row)
        return np.add.reduceat(squares, self.segment_starts, axis=1)

    def _add_regularization(self) -> float:
        """Add the L1/L2 penalty's gradient to ``grad`` (weights only) and return its value."""
        penalty = 0.0
        masked = self._scratch
        if self.l2:
            np.multiply(self.theta, self.weight_mask, out=masked)  # W, biases zeroed
            penalty += 0.5 * self.l2 * float(np.dot(masked, masked))  # 0.5 l2 sum W^2
            masked *= self.l2  # its gradient: l2 W
            self.grad += masked  # dL/dW += l2 W
        if self.l1:
            np.sign(self.theta, out=masked)
            masked *= self.weight_mask  # sign(W), biases zeroed
            penalty += self.l1 * float(np.dot(masked, self.theta))  # l1 sum |W| = l1 sum sign(W) W
            masked *= self.l1  # its gradient: l1 sign(W)
            self.grad += masked  # dL/dW += l1 sign(W)
        return penalty

    def passes(self, x):
        """Forward passes over a features-first set ``x`` (features + 1, n), ``evaluation_chunk``
        samples at a time: (start, stop, pass) for columns [start, stop). Each pass's buffers
        are reused by the next, so read them before asking for it."""
        n = x.shape[1]
        for start in range(0, n, self.evaluation_chunk):
            stop = min(n, start + self.evaluation_chunk)
            yield start, stop, self.forward(x[:, start:stop])

    def loss_and_outputs(self, x, y) -> tuple[float, np.ndarray]:
        """(mean data loss without the penalty, output pre-activations z_out (outputs, n), a new
        array) of a features-first set; no gradients. Evaluated in chunks (``passes``): each
        chunk's mean loss is weighted by its share of the samples."""
        n = x.shape[1]
        z = np.empty(y.shape, self.dtype)
        loss = 0.0
        for start, stop, ws in self.passes(x):
            part = self._loss(ws.z_out, y[:, start:stop], ws.delta_out, self.huber_delta)
            loss += part * ((stop - start) / n)  # one chunk: part * 1.0, exactly the unchunked loss
            z[:, start:stop] = ws.z_out
        return loss, z

    def predict(self, X) -> np.ndarray:
        """(n, outputs): P(class 1), class probabilities, or the regression value, in chunks."""
        x = self.inputs(X)
        with np.errstate(all="ignore"):
            z = np.empty((self.output_size, x.shape[1]), self.dtype)
            for start, stop, ws in self.passes(x):
                z[:, start:stop] = ws.z_out
            return self.output_activation(z.T)

    def loss_and_grads(self, X, Y):
        """Public form: (loss incl. regularisation, [(dW, db), ...]) for a samples-first batch, as fresh arrays."""
        y = np.asarray(Y, self.dtype).T
        with np.errstate(all="ignore"):
            loss, penalty, _ = self.compute_gradients(self.inputs(X), y)
        return loss + penalty, [(dW.copy(), db.copy()) for dW, db in self.grads]


class Network(FlatModel):
    """Dense layers sized ``sizes`` = [inputs, hidden..., outputs].

    ``hidden_activations`` is a list of (name, alpha) per hidden layer; ``loss`` is one of
    core.losses.LOSSES and fixes the output activation (sigmoid, softmax or linear).
    """

    MAX_CACHED_WORKSPACES = 4

    def __init__(self, sizes, hidden_activations, loss="bce", *, huber_delta=1.0,
                 l1=0.0, l2=0.0, dtype="float64"):
        if len(hidden_activations) != len(sizes) - 2:
            raise ValueError("need one activation per hidden layer")
        self.sizes = [int(s) for s in sizes]
        self.activations = [ACTIVATIONS[name] for name, _ in hidden_activations]
        self.alphas = [float(alpha) for _, alpha in hidden_activations]

        shapes = list(zip(self.sizes[:-1], self.sizes[1:]))
        lengths = [length for fan_in, fan_out in shapes for length in (fan_in * fan_out, fan_out)]
        bounds = np.concatenate([[0], np.cumsum(lengths, dtype=np.intp)])
        theta = np.zeros(bounds[-1], dtype)
        sample_bytes = workspace_elements(self.sizes, [name for name, _ in hidden_activations]) * theta.itemsize
        super().__init__(theta, np.zeros_like(theta), bounds[:-1], np.zeros_like(theta),
                         loss=loss, huber_delta=huber_delta, l1=l1, l2=l2, outputs=self.sizes[-1],
                         sample_bytes=sample_bytes)
        self.matrices, self.grad_matrices, self.params, self.grads = [], [], [], []
        for k, (fan_in, fan_out) in enumerate(shapes):
            start, stop = bounds[2 * k], bounds[2 * k + 2]
            self.weight_mask[start:bounds[2 * k + 1]] = 1
            M = self.theta[start:stop].reshape(fan_in + 1, fan_out)
            dM = self.grad[start:stop].reshape(fan_in + 1, fan_out)
            self.matrices.append(M)
            self.grad_matrices.append(dM)
            self.params.append((M[:fan_in], M[fan_in]))
            self.grads.append((dM[:fan_in], dM[fan_in]))
        self._workspaces: OrderedDict[int, Workspace] = OrderedDict()
        self._last_workspace: Workspace | None = None

    def initialize(self, scheme, rng, param=0.1, gain=1.0) -> None:
        """Draw fresh weights (in layer order, from ``rng``) and zero the biases."""
        for W, b in self.params:
            W[...] = initial_weights(scheme, rng, W.shape[0], W.shape[1], param, gain)
            b.fill(0)

    def workspace(self, n: int) -> Workspace:
        """Buffers for ``n`` samples; the last few sizes stay cached (batch, test set, grid)."""
        ws = self._last_workspace
        if ws is not None and ws.n == n:  # the common case: the same batch size as last time
            return ws
        ws = self._workspaces.pop(n, None) or Workspace(self, n)
        self._workspaces[n] = ws  # most recently used last
        if len(self._workspaces) > self.MAX_CACHED_WORKSPACES:
            self._workspaces.popitem(last=False)
        self._last_workspace = ws
        return ws

    # ----- forward and backward ------------------------------------------------------

    def forward(self, x, *, need_derivatives=False) -> Workspace:
        """Run a features-first batch ``x`` (features + 1, n; last row ones) through the net."""
        ws = self.workspace(x.shape[1])
        dot = np.dot
        for (MT, z, a, forward, alpha), with_ones in zip(ws.forward_plan, ws.with_ones):  # k = 1 .. L-1
            dot(MT, x, out=z)  # z_k = W_k^T a_{k-1} + b_k  (x holds [a_{k-1}; 1], a_0 = x)
            forward(z, a, alpha)  # a_k = f_k(z_k)
            x = with_ones  # [a_k; 1], the next layer's input
        dot(self.matrices[-1].T, x, out=ws.z_out)  # z_L = W_L^T a_{L-1} + b_L  (the loss applies f_L)
        if need_derivatives:
            np.multiply(ws.acts, ws.acts, out=ws.moments[1])  # a_k^2 for every hidden layer in one call
            for z, a, squares, fprime, derivative, alpha in ws.derivative_plan:
                derivative(z, a, squares, fprime, alpha)  # f_k'(z_k), e.g. 1 - a_k^2 for tanh
        return ws

    def backward(self, x, ws: Workspace) -> None:
        """Fill ``grad`` from ``ws.delta_out`` (dL/dz of the output) by the chain rule."""
        dot = np.dot
        delta = ws.delta_out  # dL/dz_L, from the loss
        for dM, below, W, delta_below, fprime_below in ws.backward_plan:  # k = L .. 2
            dot(below, delta.T, out=dM)  # [dL/dW_k; dL/db_k] = [a_{k-1}; 1] (dL/dz_k)^T, summed over the batch
            delta = dot(W, delta, out=delta_below)  # dL/da_{k-1} = W_k dL/dz_k
            delta *= fprime_below  # dL/dz_{k-1} = (W_k dL/dz_k) * f_{k-1}'(z_{k-1})
        dot(x, delta.T, out=self.grad_matrices[0])  # [dL/dW_1; dL/db_1] = [x; 1] (dL/dz_1)^T

    def compute_gradients(self, x, y) -> tuple[float, float, Workspace]:
        """Fill ``grad`` for a features-first batch; returns (data loss, penalty, workspace)."""
        ws = self.forward(x, need_derivatives=True)
        loss = self._loss(ws.z_out, y, ws.delta_out, self.huber_delta)  # mean loss(f_L(z_L), y); dL/dz_L
        self.backward(x, ws)
        # L = data loss + 0.5 l2 sum W^2 + l1 sum |W|; dL/dW += l2 W + l1 sign(W)
        return loss, self._add_regularization() if self.l1 or self.l2 else 0.0, ws

    def output_activation(self, z):
        """Predictions from samples-first output pre-activations z (n, outputs)."""
        return ACTIVATIONS[OUTPUT_ACTIVATION[self.loss_name]].forward(z, None, 0.0)

    # ----- samples-first public API ----------------------------------------------------

    def backprop_norms(self, ws: Workspace):
        """Per layer ||dL/dz|| after compute_gradients, and each hidden layer's z (for histograms)."""
        return np.array([np.linalg.norm(d) for d in (*ws.delta, ws.delta_out)]), ws.z

