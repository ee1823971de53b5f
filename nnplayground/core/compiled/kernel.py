"""The compiled engine's kernel: ``train_slice`` trains k iterations of a dense network in one call.

Each loop below follows the NumPy code it replaces (core/network.py, losses.py,
activations.py, optimizers.py and Trainer._step), line by line and with the same names, so
both engines compute the same numbers in the same order wherever BLAS does not decide it.
As in network.py, each unit's values over the batch are one contiguous row, so the
innermost loops run over samples and vectorise; layer k = 1 is nearest the input, L is
the output layer, and z_k = W_k^T a_{k-1} + b_k. The codes and slots of the arrays passed
in are named in layout.py.

Constants arrive in ``c``, an array of the network's dtype: NumPy casts a Python float to
float32 before it meets a float32 array, so a float32 kernel must multiply by float32
constants to round as NumPy does. Compiled with ``nogil``: while a slice runs, the window's
thread draws. This module imports numba; only core/compiled/engine.py imports it, on a
background thread.
"""
import math
import os
import sys

import numpy as np
from numba import njit
from numba.core.caching import UserProvidedCacheLocator, CacheImpl

from .layout import (BCE, C_1MB1, C_1MB2, C_B1, C_B2, C_CAP, C_DELTA, C_EPS, C_HALF, C_L1, C_L2, C_LAYERS,
                     C_LR, C_MU, C_ONE, C_ZERO, FINISHED, I_CLIP, I_H, I_L, I_LOSS, I_NMAX, I_OPT, I_SIZES, I_T,
                     LEAKY_RELU, MOMENTUM, MSE, NON_FINITE, R_B1, R_B2, R_CLIP, R_L1, R_L2, R_LR, RELU, SGD,
                     SIGMOID, SOFTMAX_CE, TANH, WEIGHTS_NON_FINITE)


def find_sources_in(root: str) -> None:
    """Make numba look for the source of a function whose code names a relative file under
    ``root``, so it caches it in NUMBA_CACHE_DIR (engine.cache_folder).

    In a PyInstaller bundle a code object names its file relative to the bundle
    (nnplayground/core/compiled/kernel.py). numba caches a function in NUMBA_CACHE_DIR only if
    that file exists, and looks for it from the current folder: from anywhere else it finds
    none and caches in its own per-user folder instead. The bundle ships this file
    (packaging/nnplayground.spec), so under ``root`` it is found."""

    class BundledSource(UserProvidedCacheLocator):
        @classmethod
        def from_function(cls, py_func, py_file):
            return super().from_function(py_func, os.path.join(root, py_file))

    CacheImpl._locator_classes.insert(0, BundledSource)


if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):  # before the first @njit(cache=True) below
    find_sources_in(sys._MEIPASS)


@njit(nogil=True, cache=True, error_model="numpy")
def _activate(code, z, alpha, c):
    """a_k = f_k(z_k) (activations.py)."""
    if code == SIGMOID:
        t = -z  # 1 / (1 + exp(-z)), -z capped below exp's overflow
        if t > c[C_CAP]:
            t = c[C_CAP]
        return c[C_ONE] / (math.exp(t) + c[C_ONE])
    if code == TANH:  # expm1(2z) / (expm1(2z) + 2): as exact as libm's tanh, 3x faster here
        if z > 20.0:  # tanh(20) is 1 to float64's precision; expm1 would overflow further out
            return c[C_ONE]
        if z < -20.0:
            return -c[C_ONE]
        e = math.expm1(z + z)
        return e / (e + 2.0 * c[C_ONE])
    if code == RELU:
        return c[C_ZERO] if z <= c[C_ZERO] else z  # max(z, 0), a NaN kept as np.maximum keeps it
    if code == LEAKY_RELU:
        az = z * alpha  # max(alpha z, z)
        return az if z <= az else z
    return z


@njit(nogil=True, cache=True, error_model="numpy")
def _derivative(code, z, a, alpha, c):
    """f_k'(z_k) from z_k and a_k (activations.py's *_grad)."""
    if code == SIGMOID:
        return a - a * a  # a (1 - a)
    if code == TANH:
        return c[C_ONE] - a * a
    if code == RELU:
        return c[C_ONE] if z > c[C_ZERO] else c[C_ZERO]
    if code == LEAKY_RELU:
        return c[C_ONE] if z > c[C_ZERO] else alpha
    return c[C_ONE]


@njit(nogil=True, cache=True, error_model="numpy")
def _forward(x, start, n, theta, ints, c, acts, fprime, z_out, stats):
    """The forward pass over columns [start, start + n) of x, with f'(z) for the backward pass
    and every hidden layer's activation sums (sum a, sum a^2, count of f'(z) below the
    saturation threshold) in ``stats``; where a_{L-1} starts in ``acts``. Each unit's row runs over the batch, so the
    innermost loops are over contiguous samples and the compiler vectorises them."""
    L, H, nmax = ints[I_L], ints[I_H], ints[I_NMAX]
    sizes = ints[I_SIZES:I_SIZES + L + 1]
    offsets = ints[I_SIZES + L + 1:I_SIZES + 3 * L + 1]
    codes = ints[I_SIZES + 3 * L + 1:]
    # Flat views: every row below is then a contiguous 1-D slice of one type, which the
    # compiler vectorises (a row of a 2-D array next to a 1-D slice would unify to "any layout").
    xs, zs, N = x.ravel(), z_out.ravel(), x.shape[1]
    below = 0  # offset of layer k-1's activations in acts (layer 0 is x)
    here = 0
    for k in range(L):
        fan_in, fan_out = sizes[k], sizes[k + 1]
        W, b = offsets[2 * k], offsets[2 * k + 1]
        hidden = k < L - 1
        sum_a, sum_a2, saturated = 0.0, 0.0, 0.0
        for j in range(fan_out):
            z = zs[j * nmax:j * nmax + n] if not hidden else acts[here + j * nmax:here + j * nmax + n]
            z[:] = 0
            for i in range(fan_in):  # z_k = W_k^T a_{k-1} + b_k, one input row at a time
                w = theta[W + i * fan_out + j]
                a_i = xs[i * N + start:i * N + start + n] if k == 0 else acts[below + i * nmax:below + i * nmax + n]
                for s in range(n):
                    z[s] += w * a_i[s]
            bias = theta[b + j]
            for s in range(n):
                z[s] += bias
            if not hidden:
                continue  # the loss applies f_L
            code, alpha, threshold = codes[k], c[C_LAYERS + 2 * k], c[C_LAYERS + 2 * k + 1]
            fp_row = fprime[here + j * nmax:here + j * nmax + n]
            for s in range(n):
                a = _activate(code, z[s], alpha, c)  # a_k = f_k(z_k), written over z_k
                fp = _derivative(code, z[s], a, alpha, c)  # f_k'(z_k)
                z[s], fp_row[s] = a, fp
                sum_a += a  # the sums behind Workspace.activation_sums
                sum_a2 += a * a
                if fp < threshold:
                    saturated += 1.0
        if hidden:
            stats[2 * k], stats[2 * H + 2 * k], stats[4 * H + 2 * k] = sum_a, sum_a2, saturated
            for r in range(3):
                stats[2 * H * r + 2 * k + 1] = n  # the ones row's sums (never read)
            below = here
            here += fan_out * nmax
    return below


@njit(nogil=True, cache=True, error_model="numpy")
def _loss(code, z_out, y, start, n, c, typed, delta_out):
    """Mean loss(f_L(z_L), y) over the batch and dL/dz_L into ``delta_out`` (losses.py)."""
    O = z_out.shape[0]
    if code == BCE:  # mean of log(1 + e^z) - z y; dL/dz = (sigmoid(z) - y) / n
        softplus, zy = c[C_ZERO], c[C_ZERO]
        typed[3] = 0.5 / n
        scale = typed[3]
        for s in range(n):
            for o in range(O):
                z, t = z_out[o, s], y[o, start + s]
                e = math.exp(-abs(z))  # one exp for both: log(1 + e^z) = max(z, 0) + log1p(e^-|z|)
                softplus += (z if z > c[C_ZERO] else c[C_ZERO]) + math.log1p(e)
                zy += z * t
                p = c[C_ONE] / (c[C_ONE] + e) if z >= c[C_ZERO] else e / (c[C_ONE] + e)  # sigmoid(z), never overflowing
                delta_out[o, s] = ((p + p) - t - t) * scale  # as losses.py: (1 + tanh(z/2) - 2y) / (2n)
        return (float(softplus) - float(zy)) / n
    if code == SOFTMAX_CE:  # mean of logsumexp(z) - z[y]; dL/dz = (softmax(z) - y) / n
        logs, tops, zy = c[C_ZERO], c[C_ZERO], c[C_ZERO]
        typed[3] = n
        nn = typed[3]
        for s in range(n):
            top = z_out[0, s]
            for o in range(1, O):
                if z_out[o, s] > top:
                    top = z_out[o, s]
            total = c[C_ZERO]
            for o in range(O):
                delta_out[o, s] = math.exp(z_out[o, s] - top)
                total += delta_out[o, s]
                zy += z_out[o, s] * y[o, start + s]
            logs += math.log(total)
            tops += top
            for o in range(O):
                delta_out[o, s] = (delta_out[o, s] / total - y[o, start + s]) / nn
        return (float(logs) + float(tops) - float(zy)) / n
    size = n * O
    total = c[C_ZERO]
    if code == MSE:  # mean of (z - y)^2; dL/dz = 2 (z - y) / size
        typed[3] = 2.0 / size
        scale = typed[3]
        for s in range(n):
            for o in range(O):
                r = z_out[o, s] - y[o, start + s]
                total += r * r
                delta_out[o, s] = r * scale
        return float(total) / size
    delta = c[C_DELTA]  # Huber: quadratic within delta of the target, linear beyond
    typed[3] = size
    sz = typed[3]
    for s in range(n):
        for o in range(O):
            r = z_out[o, s] - y[o, start + s]
            absr = abs(r)
            quadratic = absr if absr < delta else delta
            total += quadratic * (absr - c[C_HALF] * quadratic)
            g = delta if r > delta else (-delta if r < -delta else r)
            delta_out[o, s] = g / sz
    return float(total) / size


@njit(nogil=True, cache=True, error_model="numpy", fastmath={"reassoc"})
def _backward(x, start, n, theta, grad, ints, c, acts, fprime, deltas, delta_out, top):
    """Fill grad from delta_out by the chain rule (network.py's backward). Sums over the
    batch may be reassociated (``fastmath`` reassoc, not finite-math: NaN stays NaN), so
    the compiler vectorises them as BLAS does; the order differs from BLAS in the last bits."""
    L, nmax = ints[I_L], ints[I_NMAX]
    sizes = ints[I_SIZES:I_SIZES + L + 1]
    offsets = ints[I_SIZES + L + 1:I_SIZES + 3 * L + 1]
    delta = delta_out.ravel()  # dL/dz_L, from the loss, one row of nmax per output
    xs, N = x.ravel(), x.shape[1]  # flat, as in _forward
    d_at = 0
    below = top  # a_{k-1} of the layer k being differentiated
    for k in range(L - 1, -1, -1):
        fan_in, fan_out = sizes[k], sizes[k + 1]
        W, b = offsets[2 * k], offsets[2 * k + 1]
        for j in range(fan_out):
            d_j = delta[d_at + j * nmax:d_at + j * nmax + n]
            for i in range(fan_in):  # [dL/dW_k; dL/db_k] = [a_{k-1}; 1] (dL/dz_k)^T, summed over the batch
                a_i = xs[i * N + start:i * N + start + n] if k == 0 else acts[below + i * nmax:below + i * nmax + n]
                total = c[C_ZERO]
                for s in range(n):
                    total += a_i[s] * d_j[s]
                grad[W + i * fan_out + j] = total
            total = c[C_ZERO]
            for s in range(n):
                total += d_j[s]
            grad[b + j] = total
        if k == 0:
            break
        for i in range(fan_in):  # dL/dz_{k-1} = (W_k dL/dz_k) * f_{k-1}'(z_{k-1})
            d_i = deltas[below + i * nmax:below + i * nmax + n]
            d_i[:] = 0
            for j in range(fan_out):
                w = theta[W + i * fan_out + j]
                d_j = delta[d_at + j * nmax:d_at + j * nmax + n]
                for s in range(n):
                    d_i[s] += w * d_j[s]
            fp_i = fprime[below + i * nmax:below + i * nmax + n]
            for s in range(n):
                d_i[s] *= fp_i[s]
        delta, d_at = deltas, below
        below -= sizes[k - 1] * nmax if k >= 2 else 0


@njit(nogil=True, cache=True, error_model="numpy")
def _regularize(theta, grad, ints, c, r):
    """Add the penalty's gradient (weights only) to grad; the penalty 0.5 l2 sum W^2 + l1 sum |W|."""
    L = ints[I_L]
    offsets = ints[I_SIZES + L + 1:I_SIZES + 3 * L + 1]
    penalty = 0.0
    if r[R_L2]:
        squares = c[C_ZERO]
        for k in range(L):
            for i in range(offsets[2 * k], offsets[2 * k + 1]):
                squares += theta[i] * theta[i]
                grad[i] += theta[i] * c[C_L2]  # dL/dW += l2 W
        penalty += 0.5 * r[R_L2] * float(squares)
    if r[R_L1]:
        absolute = c[C_ZERO]
        for k in range(L):
            for i in range(offsets[2 * k], offsets[2 * k + 1]):
                sign = np.sign(theta[i])
                absolute += sign * theta[i]
                grad[i] += sign * c[C_L1]  # dL/dW += l1 sign(W)
        penalty += r[R_L1] * float(absolute)
    return penalty


@njit(nogil=True, cache=True, error_model="numpy")
def _update(theta, grad, step, m, v, ints, c, r, t, typed):
    """One optimiser step on theta in place; the step is left in ``step`` (optimizers.py)."""
    opt = ints[I_OPT]
    if opt == SGD:  # step = -lr g
        for i in range(theta.size):
            step[i] = grad[i] * -c[C_LR]
            theta[i] += step[i]
    elif opt == MOMENTUM:  # v = mu v - lr g; theta += v (the velocity is the step)
        for i in range(theta.size):
            step[i] *= c[C_MU]
            step[i] -= grad[i] * c[C_LR]
            theta[i] += step[i]
    else:  # Adam, in torch.optim.Adam's order
        typed[0] = math.sqrt(1 - r[R_B2] ** float(t))  # float ** float: C's pow, as Python computes it
        typed[1] = -r[R_LR] / (1 - r[R_B1] ** float(t))
        for i in range(theta.size):
            m[i] *= c[C_B1]
            m[i] += c[C_1MB1] * grad[i]
            v[i] *= c[C_B2]
            v[i] += c[C_1MB2] * grad[i] * grad[i]
            denominator = math.sqrt(v[i]) / typed[0] + c[C_EPS]
            step[i] = m[i] / denominator * typed[1]
            theta[i] += step[i]


@njit(nogil=True, cache=True, error_model="numpy")
def _layer_norms(theta, grad, step, ints, scale, row):
    """Per layer ||dW, db|| (as computed, before clipping), ||W|| and ||step of W|| / ||W||."""
    L = ints[I_L]
    offsets = ints[I_SIZES + L + 1:I_SIZES + 3 * L + 1]
    for k in range(L):
        W, b = offsets[2 * k], offsets[2 * k + 1]
        end = offsets[2 * k + 2] if k + 1 < L else theta.size
        gW, gb, tW, sW = grad[0] * 0, grad[0] * 0, grad[0] * 0, grad[0] * 0
        for i in range(W, b):
            gW += grad[i] * grad[i]
            tW += theta[i] * theta[i]
            sW += step[i] * step[i]
        for i in range(b, end):
            gb += grad[i] * grad[i]
        row[k] = math.sqrt(float(gW + gb))
        if scale != 1.0:
            row[k] /= scale
        row[L + k] = math.sqrt(float(tW))
        row[2 * L + k] = math.sqrt(float(sW)) / row[L + k]


@njit(nogil=True, cache=True, error_model="numpy")
def train_slice(x, y, epoch_z, bounds, first, count, theta, grad, step, m, v, ints, c, r,
                acts, fprime, deltas, z_out, delta_out, typed, epoch_loss, scalars, layers, stats):
    """Train ``count`` iterations on batches first, first + 1, ... of ``bounds`` ([start, stop)
    columns of x and y) and record each: scalars[i] = (data loss, penalty, global gradient
    norm, clipping factor), layers[i] = grad norms, weight norms, update ratios, stats[i] =
    the activation sums. Returns (iterations trained, FINISHED / NON_FINITE / WEIGHTS_NON_FINITE).
    A non-finite loss or gradient stops before its update, which is not counted (the NumPy
    engine then trains that iteration and locates the divergence); non-finite weights after
    an update stop after it, counted."""
    L = ints[I_L]
    t = ints[I_T]
    for it in range(count):
        start, stop = bounds[first + it, 0], bounds[first + it, 1]
        n = stop - start
        top = _forward(x, start, n, theta, ints, c, acts, fprime, z_out, stats[it])
        data_loss = _loss(ints[I_LOSS], z_out, y, start, n, c, typed, delta_out)
        for o in range(z_out.shape[0]):  # each sample's output when its batch trained (the epoch's training metric)
            epoch_z[o, start:stop] = z_out[o, :n]
        _backward(x, start, n, theta, grad, ints, c, acts, fprime, deltas, delta_out, top)
        penalty = _regularize(theta, grad, ints, c, r) if r[R_L1] or r[R_L2] else 0.0
        squares = 0.0  # ||grad||^2 in float64 whatever the dtype
        for i in range(grad.size):
            squares += float(grad[i]) * float(grad[i])
        global_norm = math.sqrt(squares)
        if not (math.isfinite(data_loss + penalty) and math.isfinite(global_norm)):
            return it, NON_FINITE
        epoch_loss[0] += data_loss * n
        scale = 1.0
        if ints[I_CLIP] and global_norm > r[R_CLIP]:
            scale = r[R_CLIP] / global_norm
            typed[2] = scale
            for i in range(grad.size):
                grad[i] *= typed[2]
        t += 1
        _update(theta, grad, step, m, v, ints, c, r, t, typed)
        scalars[it, 0], scalars[it, 1], scalars[it, 2], scalars[it, 3] = data_loss, penalty, global_norm, scale
        _layer_norms(theta, grad, step, ints, scale, layers[it])
        if not math.isfinite(np.sum(layers[it, L:2 * L])):
            return it + 1, WEIGHTS_NON_FINITE
    return count, FINISHED

