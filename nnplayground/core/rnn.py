"""A vanilla tanh RNN trained by backpropagation through time, to show vanishing and
exploding gradients over long sequences (up to about 1000 steps).

    h_t = tanh(x_t W_x + h_{t-1} W_h + b),  h_0 = 0,  t = 1..T
    y   = h_T W_o + b_o                      (linear output, MSE loss: a many-to-one task)

Parameter layout. ``theta`` (gradients in ``grad``, same layout) holds five segments back to
back, ``segment_names`` = ("W_x", "W_h", "b", "W_o", "b_o"):

    W_x (in, H) | W_h (H, H) | b (H,) | W_o (H, out) | b_o (out,)

The first three form the (in + H + 1, H) matrix ``M = [W_x; W_h; b]`` and the last two the
(H + 1, out) matrix ``M_o = [W_o; b_o]``. Every time step keeps the row [x_t, h_{t-1}, 1] in one
buffer, so a step of the recurrence is a single product with M plus a tanh, and after the
backward loop one product over all steps stacked, (T n, in + H + 1)^T (T n, H), gives dW_x,
dW_h and db together. ``params`` = [(W_x, b), (W_h, b_h), (W_o, b_o)] mirrors
``Network.params`` (a (W, bias) pair per weight matrix); the recurrent matrix has no bias of
its own, so ``b_h`` is a zero-length view (the shared bias ``b`` is paired with W_x, as
torch's ``bias_ih``). ``grads`` has the same structure, over ``grad``.

The time loop is Python; per step it makes two NumPy calls forwards (product, tanh) and two
backwards (dz_t = dh_t * (1 - h_t^2), dh_{t-1} = dz_t W_h^T). All buffers are kept and reused
between calls with the same (T, n): fresh arrays every call cost page faults.
"""
from __future__ import annotations

import numpy as np

SEQUENCE_TASKS = ("remember_first", "adding")


def input_size(task: str) -> int:
    """Features per time step of a sequence task."""
    try:
        return {"remember_first": 1, "adding": 2}[task]
    except KeyError:
        raise ValueError(f"unknown sequence task {task!r}; expected one of {SEQUENCE_TASKS}") from None


def sequence_data(task: str, n: int, length: int, rng: np.random.Generator,
                  dtype=np.float64) -> tuple[np.ndarray, np.ndarray]:
    """``n`` sequences of ``length`` steps: X (n, length, input_size(task)), Y (n, 1).

    "remember_first": x_t ~ uniform(-1, 1); the target is x_0, so the answer depends only on
        the first input and the gradient must travel back through all ``length`` steps.
    "adding" (the adding problem, in the variant of Le et al. 2015): channel 0 holds values
        ~ uniform(0, 1), channel 1 a 0/1 marker with exactly two ones, one in the first half
        (position < length // 2) and one in the second half; the target is the sum of the two
        marked values.
    """
    size = input_size(task)
    n, length = int(n), int(length)
    if length < 1 or (task == "adding" and length < 2):
        raise ValueError(f"sequence length {length} too short for {task!r}")
    if task == "remember_first":
        X = rng.uniform(-1.0, 1.0, (n, length, size))
        Y = X[:, 0, :].copy()
    else:
        X = np.zeros((n, length, size))
        X[:, :, 0] = rng.uniform(0.0, 1.0, (n, length))
        half = length // 2
        first = rng.integers(0, half, n)
        second = rng.integers(half, length, n)
        rows = np.arange(n)
        X[rows, first, 1] = 1.0
        X[rows, second, 1] = 1.0
        Y = (X[rows, first, 0] + X[rows, second, 0])[:, None]
    return X.astype(dtype, copy=False), Y.astype(dtype, copy=False)


def workspace_elements(steps: int, inputs: int, hidden: int, outputs: int) -> int:
    """Numbers a workspace for ``steps`` time steps holds per sequence: the rows [x_t, h_{t-1}, 1]
    of every step, dL/dh and dL/dz of every step, z, the output and its gradient, plus the
    time-major copy of the inputs each call makes."""
    return (steps + 1) * (inputs + hidden + 1) + 2 * steps * hidden + hidden + 2 * outputs + steps * inputs


class _Workspace:
    """Buffers for one (T, n), reused between calls.

    ``rows[t]`` (t = 0..T) is [x_t, h_{t-1}, 1] for t < T (x_t being the (t+1)-th input); the
    h columns of slot T hold h_T, so [h_T, 1] = rows[T, :, in:] feeds the output layer.
    ``dh[j]`` is dL/dh_{j+1} and ``dz[j]`` dL/dz_{j+1} (first 1 - h_{j+1}^2, then overwritten).
    """

    def __init__(self, net: "RNN", T: int, n: int):
        self.T, self.n = T, n
        i, H, dtype = net.input_size, net.hidden, net.dtype
        self.rows = np.zeros((T + 1, n, i + H + 1), dtype)
        self.rows[:, :, -1] = 1.0
        self.x = self.rows[:T, :, :i]
        self.h = self.rows[:, :, i:i + H]  # h[t] is h_t (h[0] = 0 is never written)
        self.h_and_one = self.rows[T, :, i:]  # [h_T, 1]
        self.z = np.empty((n, H), dtype)
        self.out = np.empty((n, net.output_size), dtype)
        self.dout = np.empty_like(self.out)
        self.dh = np.zeros((T, n, H), dtype)
        self.dz = np.zeros((T, n, H), dtype)


class RNN:
    """h_t = tanh(x_t W_x + h_{t-1} W_h + b), h_0 = 0; prediction y = h_T W_o + b_o (linear, MSE loss).

    Arrays are samples-first: X (n, T, input_size), Y (n, output_size).
    """

    segment_names = ("W_x", "W_h", "b", "W_o", "b_o")
    MAX_CACHED_WORKSPACES = 3

    def __init__(self, input_size: int, hidden: int, output_size: int = 1, dtype="float64"):
        self.input_size, self.hidden, self.output_size = int(input_size), int(hidden), int(output_size)
        self.dtype = np.dtype(dtype)
        i, H, o = self.input_size, self.hidden, self.output_size
        lengths = [i * H, H * H, H, H * o, o]
        bounds = np.concatenate([[0], np.cumsum(lengths)]).astype(np.intp)
        self.segment_starts = bounds[:-1]
        self.theta = np.zeros(bounds[-1], self.dtype)
        self.grad = np.zeros_like(self.theta)
        split = bounds[3]
        self.M = self.theta[:split].reshape(i + H + 1, H)        # [W_x; W_h; b]
        self.M_o = self.theta[split:].reshape(H + 1, o)          # [W_o; b_o]
        self.dM = self.grad[:split].reshape(i + H + 1, H)
        self.dM_o = self.grad[split:].reshape(H + 1, o)
        self.W_x, self.W_h, self.b = self.M[:i], self.M[i:i + H], self.M[i + H]
        self.W_o, self.b_o = self.M_o[:H], self.M_o[H]
        self.dW_x, self.dW_h, self.db = self.dM[:i], self.dM[i:i + H], self.dM[i + H]
        self.dW_o, self.db_o = self.dM_o[:H], self.dM_o[H]
        self.params = [(self.W_x, self.b), (self.W_h, self.theta[:0]), (self.W_o, self.b_o)]
        self.grads = [(self.dW_x, self.db), (self.dW_h, self.grad[:0]), (self.dW_o, self.db_o)]
        self.hidden_grad_norms = np.zeros(0)
        self._workspaces: dict[tuple[int, int], _Workspace] = {}

    # ----- set-up -------------------------------------------------------------------------

    def initialize(self, rng: np.random.Generator, spectral_radius: float = 0.9,
                   input_scale: float = 1.0) -> None:
        """W_h = spectral_radius * Q for a random orthogonal Q, so every eigenvalue of W_h has
        modulus exactly ``spectral_radius``; W_x ~ normal(0, input_scale / sqrt(in));
        W_o ~ normal(0, sqrt(2 / (H + out))) (Xavier); biases 0. Draws from ``rng`` in that order."""
        i, H, o = self.input_size, self.hidden, self.output_size
        q, r = np.linalg.qr(rng.normal(size=(H, H)))
        q *= np.where(np.diag(r) < 0, -1.0, 1.0)  # sign fix: Q is then Haar-distributed
        self.W_h[...] = spectral_radius * q
        self.W_x[...] = rng.normal(0.0, input_scale / np.sqrt(i), (i, H))
        self.W_o[...] = rng.normal(0.0, np.sqrt(2.0 / (H + o)), (H, o))
        self.b.fill(0)
        self.b_o.fill(0)

    def workspace(self, T: int, n: int) -> _Workspace:
        """The buffers for T steps of n sequences; the last few shapes stay cached."""
        key = (T, n)
        ws = self._workspaces.pop(key, None) or _Workspace(self, T, n)
        self._workspaces[key] = ws  # most recently used last
        if len(self._workspaces) > self.MAX_CACHED_WORKSPACES:
            del self._workspaces[next(iter(self._workspaces))]
        return ws

    # ----- forward and backward -------------------------------------------------------------

    def _forward(self, X) -> _Workspace:
        X = np.asarray(X)
        if X.ndim != 3 or X.shape[2] != self.input_size:
            raise ValueError(f"X must be (n, T, {self.input_size}), got {X.shape}")
        n, T = X.shape[0], X.shape[1]
        if T < 1:
            raise ValueError("need at least one time step")
        ws = self.workspace(T, n)
        ws.x[...] = X.transpose(1, 0, 2)  # time-major
        dot, tanh, M, z, rows, h = np.dot, np.tanh, self.M, ws.z, ws.rows, ws.h
        for t in range(T):
            dot(rows[t], M, out=z)
            tanh(z, out=h[t + 1])
        dot(ws.h_and_one, self.M_o, out=ws.out)
        return ws

    def compute_gradients(self, X, Y, truncate: int | None = None) -> float:
        """Fill ``grad`` for a batch and return the MSE loss (mean over batch and outputs).

        Full BPTT when ``truncate`` is None; otherwise the gradient flows back through at most
        ``truncate`` steps from the end: dL/dh_t is cut to 0 for t <= T - truncate (only the
        last ``truncate`` hidden states get a gradient). As the loss is only at the last step,
        this is the usual truncation for a many-to-one task. Also sets ``hidden_grad_norms``:
        (T,) float64, ||dL/dh_t|| (Frobenius norm over the batch) for t = 1..T, index 0 the
        earliest step. Overflow and NaN are silent (the playground shows them, it does not warn).
        """
        with np.errstate(all="ignore"):
            ws = self._forward(X)
            T, n = ws.T, ws.n
            k = T if truncate is None else min(int(truncate), T)
            if k < 1:
                raise ValueError("truncate must be at least 1")
            start = T - k
            diff = np.subtract(ws.out, np.asarray(Y, self.dtype), out=ws.dout)
            loss = float(np.vdot(diff, diff)) / diff.size
            diff *= 2.0 / diff.size  # dL/dy
            np.dot(ws.h_and_one.T, diff, out=self.dM_o)  # [dW_o; db_o]

            dh, dz, h = ws.dh, ws.dz, ws.h
            if start:
                dh[:start] = 0
            # 1 - h_t^2 for every step that gets a gradient, in two whole-array calls.
            np.square(h[start + 1:], out=dz[start:])
            np.subtract(1.0, dz[start:], out=dz[start:])
            np.dot(diff, self.W_o.T, out=dh[T - 1])
            dot, multiply, W_hT = np.dot, np.multiply, self.W_h.T
            for j in range(T - 1, start, -1):
                multiply(dh[j], dz[j], out=dz[j])
                dot(dz[j], W_hT, out=dh[j - 1])
            multiply(dh[start], dz[start], out=dz[start])
            # [dW_x; dW_h; db] = sum_t [x_t, h_{t-1}, 1]^T dz_t in one product.
            np.dot(ws.rows[start:T].reshape(k * n, -1).T, dz[start:].reshape(k * n, -1), out=self.dM)
            self.hidden_grad_norms = self._norms(dh, start)
        return loss

    @staticmethod
    def _norms(dh, start: int) -> np.ndarray:
        """Frobenius norm of each step's (n, H) block, in float64, safe from under/overflow."""
        s = np.einsum("tnh,tnh->t", dh, dh).astype(np.float64)
        norms = np.sqrt(s)
        finfo = np.finfo(dh.dtype)
        # Squares of tiny (vanishing) or huge entries under/overflow: rescale those steps.
        bad = ~((s > finfo.tiny / finfo.eps) & (s < finfo.max * finfo.eps))
        bad[:start] = False  # truncated steps: exactly zero
        if bad.any():
            sub = dh[bad].astype(np.float64)
            m = np.abs(sub).max(axis=(1, 2))
            ok = (m > 0) & np.isfinite(m)
            scaled = sub[ok] / m[ok, None, None]
            fixed = m.copy()  # 0, inf or nan when not ok
            fixed[ok] = m[ok] * np.sqrt(np.einsum("tnh,tnh->t", scaled, scaled))
            norms[bad] = fixed
        return norms

    def loss_and_grads(self, X, Y, truncate: int | None = None) -> tuple[float, list[np.ndarray]]:
        """(loss, [dW_x, dW_h, db, dW_o, db_o]) as fresh arrays, for tests."""
        loss = self.compute_gradients(X, Y, truncate)
        return loss, [g.copy() for g in (self.dW_x, self.dW_h, self.db, self.dW_o, self.db_o)]

    def predict(self, X) -> np.ndarray:
        """(n, output_size) predictions h_T W_o + b_o."""
        with np.errstate(all="ignore"):
            return self._forward(X).out.copy()
