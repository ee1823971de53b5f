"""The arithmetic and the timing of simulated data-parallel training (see core/parallel.py).

Which batches each rank takes, the all-reduce in the exact order of float additions that a
sequential, ring or tree reduction performs, how far a reduced gradient is from a float64
reference, and a cost model of the time an iteration takes.

Cost model (one iteration): every rank computes its share, the slowest rank sets the pace,
then the gradient of G bytes is all-reduced over a link where one message of b bytes takes
latency + b / bandwidth seconds:

- ring: 2(K-1) steps (reduce-scatter, then all-gather), each sending G/K bytes, so every
  rank sends 2(K-1)/K of the gradient: 2(K-1) (latency + G / (K bandwidth));
- tree: the full gradient goes up a binary tree and the result back down, one level at a
  time: 2 ceil(log2 K) (latency + G / bandwidth);
- sequential: the root receives the K-1 other gradients one after another, adding them in
  rank order, then sends the result to each of them: 2(K-1) (latency + G / bandwidth).

A single rank sends nothing. Updating the parameters is left out: every schedule does it once
per iteration, on every rank at the same time.
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from .parallel_spec import ALGORITHMS, Link


def assign_batches(schedule: str, batches: int, ranks: int) -> list[tuple[range, ...]]:
    """For each iteration of one epoch of ``batches`` batches (0-based), the batches each of
    ``ranks`` ranks processes, in rank order.

    per_rank_batch (and single, with one rank): iteration i gives rank r batch i K + r; when
    K does not divide the batches, the last iteration leaves the highest ranks idle (an
    empty range) rather than repeating samples as torch's DistributedSampler pads.
    epoch_blocks: one iteration, rank r taking a contiguous block; when K does not divide the
    batches, the first (batches mod K) ranks take one batch more (as numpy.array_split).
    """
    if schedule == "epoch_blocks":
        sizes = [batches // ranks + (r < batches % ranks) for r in range(ranks)]
        starts = np.concatenate([[0], np.cumsum(sizes)]).tolist()
        return [tuple(range(starts[r], starts[r + 1]) for r in range(ranks))]
    return [tuple(range(min(first + r, batches), min(first + r + 1, batches)) for r in range(ranks))
            for first in range(0, batches, ranks)]


def reduce_sum(parts: np.ndarray, algorithm: str) -> np.ndarray:
    """The sum over ranks of ``parts`` (ranks, P), added in ``parts``' dtype in the order
    ``algorithm`` adds; a fresh array, the value every rank holds afterwards.

    sequential: ((p0 + p1) + p2) + ... in rank order.
    ring: the vector is cut into K chunks (as numpy.array_split); in the reduce-scatter rank r
    passes its running sum of chunk (r - s) mod K to rank r + 1 at step s, so chunk c is
    summed starting at rank c and going round: ((p_c + p_c+1) + p_c+2) + ... (indices mod K).
    The all-gather then only copies. Chunk 0's order is the sequential one.
    tree: neighbours pairwise, level by level: (p0 + p1) + (p2 + p3), ...; an odd one out
    moves up a level unchanged.
    """
    ranks, size = parts.shape
    if algorithm == "sequential" or ranks == 1:
        total = parts[0].copy()
        for part in parts[1:]:
            total += part
        return total
    if algorithm == "ring":
        chunk = np.repeat(np.arange(ranks), [len(c) for c in np.array_split(np.empty(size), ranks)])
        columns = np.arange(size)
        total = parts[chunk, columns]  # step 0: each chunk starts at its own rank
        for step in range(1, ranks):
            total += parts[(chunk + step) % ranks, columns]
        return total
    if algorithm == "tree":
        level = parts
        while len(level) > 1:
            even = len(level) - len(level) % 2
            pairs = level[0:even:2] + level[1:even:2]
            level = np.concatenate([pairs, level[even:]]) if even < len(level) else pairs
        return level[0].copy()
    raise ValueError(f"unknown all-reduce algorithm {algorithm!r}; known: {', '.join(ALGORITHMS)}")


class ReductionError(NamedTuple):
    """How far a reduced vector is from a float64 reference: the largest absolute difference,
    that over the reference's largest magnitude (relative to the gradient's scale, so a
    near-zero element does not dominate), and the largest difference in ULPs of the
    reduction dtype (units in the last place, np.spacing at each reference value)."""
    max_abs: float
    max_rel: float
    max_ulps: float


def reduction_error(result: np.ndarray, reference: np.ndarray, dtype) -> ReductionError:
    """``result`` against float64 ``reference`` (same shape), ULPs counted in ``dtype``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        difference = np.abs(result.astype(np.float64) - reference)
        max_abs = float(difference.max(initial=0.0))
        scale = float(np.abs(reference).max(initial=0.0))
        max_rel = max_abs / scale if scale else (0.0 if max_abs == 0 else math.inf)
        ulp = np.spacing(np.abs(reference).astype(dtype)).astype(np.float64)
        max_ulps = float((difference / ulp).max(initial=0.0))
    return ReductionError(max_abs, max_rel, max_ulps)


# ----- cost model -----------------------------------------------------------------------

def communication_seconds(algorithm: str, ranks: int, nbytes: float, link: Link) -> float:
    """Seconds the all-reduce of an ``nbytes`` gradient over ``ranks`` ranks takes (module docstring)."""
    if ranks == 1:
        return 0.0
    if algorithm == "ring":
        steps, message = 2 * (ranks - 1), nbytes / ranks
    elif algorithm == "tree":
        steps, message = 2 * math.ceil(math.log2(ranks)), nbytes
    elif algorithm == "sequential":
        steps, message = 2 * (ranks - 1), nbytes
    else:
        raise ValueError(f"unknown all-reduce algorithm {algorithm!r}; known: {', '.join(ALGORITHMS)}")
    return steps * (link.latency + message / link.bandwidth)


def epoch_seconds(schedule: str, batches: int, ranks: int, batch_seconds: float, algorithm: str,
                  nbytes: float, link: Link) -> float:
    """Simulated seconds for one epoch of ``batches`` batches: per iteration, the busiest
    rank's batches times ``batch_seconds`` plus the all-reduce."""
    return sum(max(map(len, shares)) * batch_seconds + communication_seconds(algorithm, ranks, nbytes, link)
               for shares in assign_batches(schedule, batches, ranks))


def speedup_curve(schedule: str, batches: int, batch_seconds: float, algorithm: str, nbytes: float,
                  link: Link, max_ranks: int = 16) -> np.ndarray:
    """Speed-up over one process for K = 1 .. max_ranks (element K - 1): the time one process
    takes for an epoch's batches (no communication) over the simulated epoch time with K
    ranks. Time per epoch, not per unit of progress: with more ranks an epoch has fewer updates."""
    single = batches * batch_seconds
    return np.array([single / epoch_seconds(schedule, batches, k, batch_seconds, algorithm, nbytes, link)
                     for k in range(1, max_ranks + 1)])


def fit_link(nbytes, seconds, name: str = "fitted") -> Link:
    """The link (latency, bandwidth) that best explains measured message times: least squares
    of seconds = latency + bytes / bandwidth. A negative latency (noise on a fast link) is
    refitted as 0, the constrained least-squares answer. Needs two different sizes and times
    that grow with the size; otherwise a ValueError says which."""
    b, t = np.asarray(nbytes, np.float64), np.asarray(seconds, np.float64)
    if b.shape != t.shape or b.ndim != 1:
        raise ValueError("need one time per message size")
    if len(np.unique(b)) < 2:
        raise ValueError("need measurements at two or more different message sizes")
    slope, latency = np.linalg.lstsq(np.column_stack([b, np.ones_like(b)]), t, rcond=None)[0]
    if latency < 0:
        latency, slope = 0.0, float(b @ t / (b @ b))
    if not slope > 0:
        raise ValueError("the times do not grow with the message size, so no bandwidth fits them")
    return Link(name, 1.0 / float(slope), float(latency))
