"""One rank of a real data-parallel run, over torch.distributed with the gloo backend.

Every iteration, on every rank (RankTrainer):

1. rank 0 says whether there is another iteration (a broadcast): only rank 0 knows about
   Ctrl-C and its output files, so it alone decides when the ranks stop, and they stop together;
2. the rank computes the mean gradient of its shard (ParallelSchedule's assignment) and scales
   it by core/parallel.py's ``shard_weight``, in the reduction dtype;
3. gloo's ``all_reduce`` (SUM) adds the K gradients in place, in the NumPy array itself
   (``torch.from_numpy`` shares its memory); every rank divides by K, as the simulation does,
   and the Trainer applies the update. Steps 2 and 3 are timed;
4. measurements, not timed: rank 0 gathers the K local gradients and adds them with each
   simulated algorithm (core/collectives.reduce_sum) to compare with gloo's sum; every rank
   gets the others' loss, output columns and times (an all_gather), so that rank 0's metrics
   are those of the whole iteration, exactly as the simulation computes them; after the update
   the ranks exchange a hash of their parameters to check that the replicas are bit-identical.

Before training, timed all_reduces of several message sizes fit the cost model's link (latency
and bandwidth, core/collectives.fit_link) to this machine, assuming a ring all-reduce (2(K-1)
messages of G/K bytes for a G-byte vector; gloo's own algorithm for a message depends on its
size, so the fit is a model of it, not a description).
"""
from __future__ import annotations

import datetime
import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.distributed as dist

from ..core.collectives import communication_seconds, fit_link, reduce_sum
from ..core.metrics import json_number
from ..core.parallel import ParallelSchedule, reduce_dtype, shard_weight
from ..core.parallel_spec import ALGORITHMS
from ..core.trainer import Trainer
from .launch import rank_timeout

LINK_ELEMENTS = (2**6, 2**10, 2**14, 2**16, 2**18)  # float32 all_reduce sizes timed: 256 B to 1 MiB
LINK_REPEATS = 5  # the fastest of these many, after one warm-up: the least disturbed by other work


@dataclass(frozen=True)
class RankResult:
    """How one rank ended: the exit code and, on rank 0, the final parameters."""
    exit_code: int
    parameters: Any = None


def run_rank(job, rank: int, stop) -> RankResult:
    """Be rank ``rank`` of ``job`` (RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT are in the
    environment): join the others, train, and on rank 0 write the run's files."""
    if not dist.is_available():
        raise RuntimeError("this PyTorch build has no torch.distributed")
    world = job.experiment.parallel.ranks
    trainer = RankTrainer(job.experiment, rank)
    dist.init_process_group("gloo", rank=rank, world_size=world, timeout=datetime.timedelta(seconds=rank_timeout()))
    link = measure_link(world)
    if rank == 0:
        result = _lead(trainer, job, stop, link)
    else:
        with stop.deferred():  # rank 0 decides when to stop, and tells every rank
            while trainer.proceed():
                trainer.advance(1)
        result = RankResult(0)
    dist.destroy_process_group()
    return result


def _lead(trainer: RankTrainer, job, stop, link: dict) -> RankResult:
    """Rank 0: train and write with the `run` command's code, then add the measurements."""
    from ..cli import UsageError
    from ..core.files import write_atomic

    try:
        args = job.rank_args()
        code = job.train(trainer, args, job.stem, stop)
    except UsageError:  # before the first iteration (an output file that cannot be written)
        trainer.proceed(False)
        raise
    trainer.proceed(False)
    path = Path(args.out) / "summary.json"
    if path.exists():  # this run's: the `run` code removes an older one first
        summary = json.loads(path.read_text(encoding="utf-8"))
        summary.update(trainer.summary_fields(link))
        write_atomic(path, json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    return RankResult(code, trainer.network.theta.copy())


def measure_link(world: int) -> dict:
    """Time all_reduce of LINK_ELEMENTS float32 vectors (every rank takes part) and fit the cost
    model's link to rank 0's times; the summary's ``link`` entry."""
    seconds = []
    for elements in LINK_ELEMENTS:
        tensor = torch.ones(elements, dtype=torch.float32)
        dist.all_reduce(tensor)  # warm-up: the first message of a size sets up buffers
        times = []
        for _ in range(LINK_REPEATS):
            dist.barrier()
            began = time.perf_counter()
            dist.all_reduce(tensor)
            times.append(time.perf_counter() - began)
        seconds.append(min(times))
    sizes = [4 * n for n in LINK_ELEMENTS]
    measured = {"all_reduce_bytes": sizes, "all_reduce_seconds": seconds, "latency_us": None, "bandwidth_gb_s": None}
    if world == 1:
        return {**measured, "error": "one rank sends nothing, so there is no link to fit"}
    steps = 2 * (world - 1)  # the ring's messages, each of G/K bytes (module docstring)
    try:
        fitted = fit_link([b / world for b in sizes], [t / steps for t in seconds], "fitted")
    except ValueError as e:
        return {**measured, "error": str(e)}
    return {**measured, "latency_us": fitted.latency * 1e6, "bandwidth_gb_s": fitted.bandwidth / 1e9,
            "error": None, "fitted": fitted}


class RankTrainer(Trainer):
    """The Trainer of one rank: its shard of each iteration's batches, gradients summed across
    the processes by gloo (module docstring). Every rank holds the whole iteration's metrics,
    so its StepRecords are the simulated run's; rank 0 also keeps the measurements."""

    COMPILES = False  # a shard of each batch, gradients summed across processes: the NumPy step

    def __init__(self, experiment, rank: int):
        self.spec, self.rank = experiment.parallel, rank
        super().__init__(experiment)

    def _new_schedule(self) -> ParallelSchedule:
        return ParallelSchedule(super()._new_schedule(), self.spec.ranks, self.spec.schedule)

    def reset(self) -> None:
        """Back to iteration 0 (every rank must reset together), measurements cleared."""
        super().reset()
        grad, dtype = self.network.grad, reduce_dtype(self.experiment)
        # gloo adds into the NumPy gradient itself when it is already in the reduction dtype
        self._part = grad if grad.dtype == dtype else np.empty(grad.size, dtype)
        self._sent = np.empty_like(self._part)  # this rank's contribution, kept for the comparison
        self._gathered = np.empty((self.spec.ranks, grad.size), dtype) if self.rank == 0 else None
        self.replicas_identical = True
        self.max_abs_diff = dict.fromkeys(ALGORITHMS, 0.0)
        self.bitwise_equal = dict.fromkeys(ALGORITHMS, True)
        self._seconds = np.zeros(3)  # summed over iterations: slowest compute, slowest to the sum, fastest sum
        self._per_rank = np.zeros((self.spec.ranks, 2))  # summed over iterations: each rank's compute and all-reduce

    @property
    def gradient_bytes(self) -> int:
        """Bytes of one rank's gradient as the all-reduce sends it."""
        return self._part.nbytes

    def proceed(self, go: bool = False) -> bool:
        """Rank 0 tells every rank whether another iteration follows (``go``); the answer."""
        flag = torch.tensor([int(go)])
        dist.broadcast(flag, src=0)
        return bool(flag.item())

    def _step(self):
        if self.rank == 0:
            self.proceed(True)
        record = super()._step()
        digest = hashlib.blake2b(self.network.theta.view(np.uint8), digest_size=16).digest()
        mine = torch.from_numpy(np.frombuffer(digest, np.int64).copy())
        everyone = [torch.empty_like(mine) for _ in range(self.spec.ranks)]
        dist.all_gather(everyone, mine)
        self.replicas_identical &= all(torch.equal(other, mine) for other in everyone)
        return record

    def _gradients(self, x, y, outputs):
        """This rank's gradient of its shard, summed over the ranks by gloo into ``grad``."""
        shards, total, ranks = self.schedule.shards[self.batch - 1], x.shape[1], self.spec.ranks
        start, stop = shards[self.rank]
        idle = start == stop
        # An idle rank (the last iteration of an epoch that K does not divide) adds zeros, as in
        # the simulation; it still needs a pass for its own step record: rank 0's shard serves.
        first, last = shards[0] if idle else (start, stop)
        began = time.perf_counter()
        data_loss, penalty, ws = self.network.compute_gradients(x[:, first:last], y[:, first:last])
        part = self._part
        if idle:
            part[:] = 0
        else:
            np.copyto(part, self.network.grad, casting="same_kind")  # a no-op when part is grad
            part *= shard_weight(ranks, stop - start, total)
        np.copyto(self._sent, part)
        computed = time.perf_counter()
        dist.all_reduce(torch.from_numpy(part), op=dist.ReduceOp.SUM)
        reduced = time.perf_counter()
        part /= ranks
        np.copyto(self.network.grad, part, casting="same_kind")
        self._compare_with_simulation()
        mine = np.zeros(3 + outputs.size)
        mine[1:3] = computed - began, reduced - computed
        if not idle:
            mine[0] = data_loss * (stop - start)
            mine[3:].reshape(outputs.shape)[:, start:stop] = ws.z_out
        combined = self._exchange(mine)
        np.copyto(outputs, combined[3:].reshape(outputs.shape), casting="same_kind")
        return float(combined[0]) / total, penalty, ws

    def _exchange(self, mine: np.ndarray) -> np.ndarray:
        """Every rank's loss sum, times and output columns (``mine``, zeros elsewhere), gathered
        and added in rank order: the simulation's order, so the loss is bit for bit its own."""
        rows = np.empty((self.spec.ranks, mine.size))
        dist.all_gather([torch.from_numpy(row) for row in rows], torch.from_numpy(mine))
        compute, reduce = rows[:, 1], rows[:, 2]
        self._seconds += (compute.max(), (compute + reduce).max(), reduce.min())
        self._per_rank += rows[:, 1:3]
        return reduce_sum(rows, "sequential")

    def _compare_with_simulation(self) -> None:
        """Rank 0: gloo's result (in ``_part``) against each simulated algorithm applied to the
        same K contributions."""
        gathered = self._gathered
        targets = None if gathered is None else [torch.from_numpy(row) for row in gathered]
        dist.gather(torch.from_numpy(self._sent), targets, dst=0)
        if gathered is None:
            return
        for name in ALGORITHMS:
            simulated = reduce_sum(gathered, name)
            simulated /= self.spec.ranks
            difference = np.abs(simulated.astype(np.float64) - self._part)
            self.max_abs_diff[name] = float(np.fmax(self.max_abs_diff[name], np.fmax.reduce(difference, initial=0.0)))
            self.bitwise_equal[name] &= np.array_equal(simulated.view(np.uint8), self._part.view(np.uint8))

    def summary_fields(self, link: dict) -> dict:
        """What summary.json gains from the real ranks (rank 0, after training)."""
        iterations = max(self.iteration, 1)
        compute, to_sum, reduce = self._seconds / iterations
        per_rank = self._per_rank / iterations
        fitted = link.get("fitted")
        link = {key: value for key, value in link.items() if key != "fitted"}
        K, nbytes = self.spec.ranks, self.gradient_bytes
        return {
            "ranks_backend": "torch",
            "replicas_identical": self.replicas_identical,
            # JSON has no NaN: a run that diverged has no difference to report
            "max_abs_diff_vs_simulated": {name: json_number(d) for name, d in self.max_abs_diff.items()},
            "torch": {
                "version": torch.__version__, "backend": "gloo", "world_size": K, "gradient_bytes": nbytes,
                "bitwise_equal_to": [name for name, same in self.bitwise_equal.items() if same],
                "link": link,
                "per_rank": [{"rank": r, "compute": float(c), "all_reduce": float(a)}
                             for r, (c, a) in enumerate(per_rank)],
                "seconds_per_iteration": {
                    "measured": to_sum,
                    "compute": compute,
                    "all_reduce": reduce,
                    "predicted_fitted_link": None if fitted is None else
                    compute + communication_seconds("ring", K, nbytes, fitted),
                    "predicted_configured_link": compute + communication_seconds(
                        self.spec.algorithm, K, nbytes, self.spec.interconnect),
                },
            },
        }
