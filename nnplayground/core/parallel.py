"""Data-parallel training, simulated in one process with NumPy.

Single-process training updates the parameters after every batch: 1000 samples in batches
of 10 make 100 updates per epoch. Data-parallel training (PyTorch's DDP, Horovod) runs K
copies of the model, the ranks (one per GPU or machine). In an iteration each rank computes
the gradient of its own share of the data; a collective, the all-reduce, adds the K gradients
up and every rank divides the sum by K; then every rank applies that one identical update to
its own copy, so the copies never drift apart.

How the batches are shared out (``ParallelSpec.schedule``):

- "per_rank_batch": each rank takes one batch per iteration, so an iteration trains on K
  batches at once, one update for K x b samples (what DDP does with a DistributedSampler);
- "epoch_blocks": one iteration takes the whole epoch, each rank a contiguous block of it:
  100 batches over 4 ranks gives rank 0 batches 0-24, rank 1 25-49, rank 2 50-74 and rank 3
  75-99, and one update per epoch (full-batch gradient descent);
- "single": the one-process reference, an update after every batch.

Combining the gradients: rank r holds g_r, the mean gradient over its n_r samples, and the
iteration covers N = sum n_r samples. Each rank scales g_r by K n_r / N (exactly 1 when the
shares are equal, as DDP assumes), the all-reduce adds the K vectors and every rank divides
by K: sum_r n_r g_r / N, the mean gradient over all N samples, which is the gradient one
process would compute for the same N samples as one big batch. Plain DDP instead averages
the K gradients unweighted, which equals this only when the shares are equal; its default
communication hook also divides each gradient by K before the sum rather than after, which
rounds the same when K is a power of two (barring underflow).

In exact arithmetic that makes "per_rank_batch" with K ranks and batch b the same training
as one process with batch K b, and "epoch_blocks" the same as full-batch gradient descent.
Floating-point addition is not associative, though: the all-reduce algorithm fixes the order
in which the K vectors are added (core/collectives.py: sequential, ring, tree), and in
float32 different orders give slightly different sums, whose differences grow along the
training trajectory. ``DataParallelTrainer`` measures both every iteration: each
algorithm's combined gradient against a float64 reference, and whether all replicas still
hold bit-identical parameters. A cost model (core/collectives.py) turns the measured compute
time and an interconnect's latency and bandwidth into a simulated time per iteration.
"""
from __future__ import annotations

import dataclasses
import time
from typing import NamedTuple

import numpy as np

from .batching import BatchSchedule
from .collectives import ReductionError, assign_batches, communication_seconds, reduce_sum, reduction_error
from .experiment import Experiment
from .history import MetricHistory
from .parallel_spec import ALGORITHMS, ParallelSpec
from .records import StepRecord
from .trainer import TERMINAL, Trainer, build_model


def reduce_dtype(experiment: Experiment) -> np.dtype:
    """The dtype a data-parallel experiment's all-reduce adds in (its own dtype unless the
    parallel section names one)."""
    return np.dtype(experiment.parallel.reduce_dtype or experiment.dtype)


def shard_weight(ranks: int, samples: int, total: int) -> float:
    """What a rank multiplies its mean gradient over ``samples`` of the iteration's ``total``
    by before the all-reduce sums and divides by ``ranks`` (module docstring); 1.0 exactly
    when the shards are equal. Shared by the simulation and the real ranks (nnplayground/distributed)."""
    return ranks * samples / total


class ParallelSchedule:
    """A BatchSchedule's batches grouped into iterations, K ranks sharing each iteration.

    Used by the Trainer in place of a BatchSchedule, so ``batches_per_epoch`` counts
    iterations per epoch and ``bounds[i]`` is the [start, stop) range of columns (in the
    epoch's order) iteration i trains on. ``assignment[i]`` holds each rank's batches (0-based
    indices of the underlying schedule) and ``shards[i]`` each rank's [start, stop) relative
    to ``bounds[i][0]`` (empty for an idle rank). The sample order comes from ``base``.
    """

    def __init__(self, base: BatchSchedule, ranks: int, schedule: str):
        self.base = base
        self.assignment = assign_batches(schedule, base.batches_per_epoch, ranks)
        self.batches_per_epoch = len(self.assignment)
        self.bounds, self.shards = [], []
        for shares in self.assignment:
            start = base.bounds[shares[0][0]][0]  # rank 0 always has a batch
            stop = max(base.bounds[share[-1]][1] for share in shares if share)
            self.bounds.append((start, stop))
            self.shards.append(tuple((base.bounds[s[0]][0] - start, base.bounds[s[-1]][1] - start) if s
                                     else (stop - start, stop - start) for s in shares))

    @property
    def samples_per_epoch(self) -> int:
        """Samples trained on in one epoch, as the underlying schedule says."""
        return self.base.samples_per_epoch

    def epoch_order(self):
        """The next epoch's sample order (the underlying schedule's, so from the same stream)."""
        return self.base.epoch_order()


class ReplicatedOptimizer:
    """One optimiser per rank, each updating its own replica. ``update`` gets rank 0's theta
    and the all-reduced gradient (what the Trainer holds) and applies the same step on every
    other rank, each from its own copy of that gradient, as every rank does after an all-reduce."""

    def __init__(self, optimizers, replicas):
        self.optimizers, self.replicas = optimizers, replicas

    @property
    def learning_rate(self) -> float:
        """The step size, the same on every rank."""
        return self.optimizers[0].learning_rate

    @learning_rate.setter
    def learning_rate(self, value: float) -> None:
        for optimizer in self.optimizers:
            optimizer.learning_rate = value

    def update(self, theta, grad):
        """Apply the step on every rank; returns rank 0's step vector."""
        step = self.optimizers[0].update(theta, grad)
        for optimizer, model in zip(self.optimizers[1:], self.replicas[1:]):
            np.copyto(model.grad, grad)
            optimizer.update(model.theta, model.grad)
        return step


class ParallelRecord(NamedTuple):
    """What the ranks did in one iteration (beside the Trainer's StepRecord)."""
    iteration: int
    batches: tuple[range, ...]  # per rank, the epoch's batches it processed (0-based)
    samples: tuple[int, ...]  # per rank
    algorithm: str  # the all-reduce the update used
    errors: dict[str, ReductionError]  # every algorithm's combined gradient against float64
    replicas_identical: bool  # every replica's parameters bit-identical after the update
    compute_seconds: tuple[float, ...]  # per rank, measured
    communication_seconds: float  # the cost model's all-reduce time
    simulated_seconds: float  # slowest rank's compute plus the all-reduce

    @property
    def error(self) -> ReductionError:
        """The used algorithm's combined gradient against the float64 reference."""
        return self.errors[self.algorithm]


PARALLEL_COLUMNS = ("max_abs_error", "max_rel_error", "max_ulps", "replicas_identical", "simulated_time")


class DataParallelTrainer(Trainer):
    """A Trainer for an experiment with a ``parallel`` section: K replicas of the model, each
    computing the gradient of its share of the iteration's samples, combined by a simulated
    all-reduce, and one identical update on every replica.

    ``step``/``advance``/``run`` and the StepRecords, evaluations and histories are the
    Trainer's, with one iteration meaning one data-parallel update (``schedule.batches_per_epoch``
    is iterations per epoch). Per iteration also: ``last_parallel`` (a ParallelRecord) and a row
    of ``parallel_history`` (PARALLEL_COLUMNS; simulated_time is cumulative seconds).
    ``replicas_identical`` says whether that held after every iteration so far, and
    ``worst_errors`` holds, per algorithm, each field's largest value over the iterations so far.
    """

    COMPILES = False  # each iteration is K replicas' gradients combined: the NumPy step

    def __init__(self, experiment: Experiment):
        if experiment.parallel is None:
            raise ValueError("the experiment has no parallel section; a plain Trainer runs it")
        self.spec: ParallelSpec = experiment.parallel
        self._other_ranks = [build_model(experiment) for _ in range(self.spec.ranks - 1)]
        self.parallel_history = MetricHistory(PARALLEL_COLUMNS)
        super().__init__(experiment)

    @property
    def reduce_dtype(self) -> np.dtype:
        """The dtype the all-reduce adds in."""
        return reduce_dtype(self.experiment)

    @property
    def gradient_bytes(self) -> int:
        """Bytes of one rank's gradient as the all-reduce sends it."""
        return self.network.theta.size * self.reduce_dtype.itemsize

    @property
    def measured_batch_seconds(self) -> float:
        """Mean measured seconds one rank took per batch so far (NaN before the first step)."""
        return self._compute_total / self._batches_total if self._batches_total else float("nan")

    def reset(self) -> None:
        """Back to iteration 0: every replica gets the seed's initial weights."""
        self.replicas = [self.network, *self._other_ranks]  # rank 0's model is the Trainer's network
        super().reset()
        for model in self.replicas[1:]:
            np.copyto(model.theta, self.network.theta)
        size, K = self.network.theta.size, self.spec.ranks
        self._parts = np.empty((K, size), self.reduce_dtype)
        self._reference = np.empty((K, size), np.float64)
        self.replicas_identical = True
        self.worst_errors: dict[str, ReductionError] = {}
        self.last_parallel: ParallelRecord | None = None
        self.simulated_time = 0.0
        self._compute_total, self._batches_total = 0.0, 0
        self._pending = None
        self.parallel_history.clear()

    def _new_optimizer(self):
        replicas, make = self.replicas, super()._new_optimizer
        return ReplicatedOptimizer([make() for _ in replicas], replicas)

    def _new_schedule(self) -> ParallelSchedule:
        return ParallelSchedule(super()._new_schedule(), self.spec.ranks, self.spec.schedule)

    def apply_live_settings(self, experiment: Experiment) -> None:
        """As Trainer.apply_live_settings, on every replica."""
        super().apply_live_settings(experiment)
        for model in self.replicas[1:]:
            model.l1, model.l2 = self.network.l1, self.network.l2

    def set_weight(self, layer: int, i: int, j: int, value: float) -> None:
        """Edit one weight by hand on every replica (as loading a checkpoint on every rank)."""
        for model in self.replicas:
            model.params[layer][0][i, j] = value

    def _gradients(self, x, y, outputs):
        """Each rank's gradient of its shard, then the all-reduce into rank 0's ``grad``."""
        shards = self.schedule.shards[self.batch - 1]
        ranks, total = len(shards), x.shape[1]
        parts, reference = self._parts, self._reference
        seconds, loss_sum, first = [], 0.0, None
        for r, (model, (start, stop)) in enumerate(zip(self.replicas, shards)):
            if start == stop:  # an idle rank still joins the all-reduce, with zeros
                parts[r], reference[r] = 0, 0
                seconds.append(0.0)
                continue
            # CPU time of this thread: in the window the GUI thread holds the GIL at times, and
            # wall time would count that waiting as the rank's compute.
            began = time.thread_time()
            data_loss, penalty, ws = model.compute_gradients(x[:, start:stop], y[:, start:stop])
            seconds.append(time.thread_time() - began)
            first = first or (penalty, ws)
            np.copyto(outputs[:, start:stop], ws.z_out)
            loss_sum += data_loss * (stop - start)
            weight = shard_weight(ranks, stop - start, total)
            np.copyto(parts[r], model.grad, casting="same_kind")  # the rank's gradient in the reduction dtype
            parts[r] *= weight
            np.multiply(model.grad, weight, out=reference[r])
        exact = reference.sum(axis=0)
        exact /= ranks
        results = {name: reduce_sum(parts, name) for name in ALGORITHMS}
        for result in results.values():
            result /= ranks
        np.copyto(self.network.grad, results[self.spec.algorithm], casting="same_kind")
        errors = {name: reduction_error(result, exact, self.reduce_dtype) for name, result in results.items()}
        self._pending = (errors, tuple(seconds))
        penalty, ws = first
        return loss_sum / total, penalty, ws

    def _step(self) -> StepRecord:
        record = super()._step()
        theta = self.network.theta.view(np.uint8)  # bits, so that NaN equals NaN
        identical = all(np.array_equal(model.theta.view(np.uint8), theta) for model in self.replicas[1:])
        self.replicas_identical &= identical
        errors, seconds = self._pending
        shares = self.schedule.assignment[self.batch - 1]
        communication = communication_seconds(self.spec.algorithm, self.spec.ranks, self.gradient_bytes,
                                              self.spec.interconnect)
        simulated = max(seconds) + communication
        self.simulated_time += simulated
        self._compute_total += sum(seconds)
        self._batches_total += sum(map(len, shares))
        shards = self.schedule.shards[self.batch - 1]
        self.last_parallel = ParallelRecord(record.iteration, shares, tuple(stop - start for start, stop in shards),
                                            self.spec.algorithm, errors, identical, seconds, communication, simulated)
        # field by field, NaN ignored (np.fmax): a diverged step's NaN must not hide the worst seen
        self.worst_errors = {name: ReductionError(*np.fmax(self.worst_errors.get(name, error), error).tolist())
                             for name, error in errors.items()}
        error = errors[self.spec.algorithm]
        self.parallel_history.append(record.iteration, (*error, float(identical), self.simulated_time))
        return record


def make_trainer(experiment: Experiment) -> Trainer:
    """The trainer an experiment needs: a DataParallelTrainer with a parallel section, else a Trainer."""
    return Trainer(experiment) if experiment.parallel is None else DataParallelTrainer(experiment)


def single_equivalent(experiment: Experiment) -> Experiment:
    """The one-process experiment that trains exactly as ``experiment``'s data-parallel run in
    exact arithmetic (same seed, data and sample order, one update per iteration on the same
    samples): batch K x b for "per_rank_batch", a batch of the whole epoch for "epoch_blocks",
    unchanged for "single". A ValueError when no batch size matches: "per_rank_batch" dropping
    the partial batch when K x b does not divide the samples of an epoch."""
    spec, training = experiment.parallel, experiment.training
    if spec is None or spec.schedule == "single":
        return experiment.replace(parallel=None)
    train, b = experiment.train_samples, training.batch_size
    kept = train if training.partial_batch == "keep" else train // b * b
    if spec.schedule == "epoch_blocks":
        batch = kept  # dropping, a batch of all kept samples leaves out the same ones
    else:
        batch = spec.ranks * b
        if training.partial_batch == "drop" and kept % batch:
            raise ValueError(f"dropping the partial batch, {spec.ranks} ranks x batch {b} match no single batch size "
                             f"for {kept} samples per epoch")
    return experiment.replace(parallel=None, training=dataclasses.replace(training, batch_size=batch))


def max_relative_difference(a: np.ndarray, b: np.ndarray) -> float:
    """max |a - b| over max |b|, in float64: how far parameter vector ``a`` is from ``b``."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    scale = float(np.abs(b).max(initial=0.0))
    difference = float(np.abs(a - b).max(initial=0.0))
    return difference / scale if scale else difference


def trajectory_drift(a: Trainer, b: Trainer, iterations: int) -> np.ndarray:
    """Step two trainers side by side (same seed and data, e.g. ring against sequential, or
    data-parallel against its single equivalent) for up to ``iterations`` iterations; element
    i is max_relative_difference of their parameters after iteration i + 1. Stops early when
    either run stops; both must start at the same iteration."""
    if a.iteration != b.iteration:
        raise ValueError(f"the runs are at iterations {a.iteration} and {b.iteration}; start them together")
    drift = []
    for _ in range(iterations):
        if a.status in TERMINAL or b.status in TERMINAL:
            break
        a.step()
        b.step()
        drift.append(max_relative_difference(a.network.theta, b.network.theta))
    return np.array(drift)
