"""The parallel lab's runs, trained side by side on the lab's worker thread (no Qt here).

One experiment with a ``parallel`` section gives:

- ``parallel``: the data-parallel run the controls describe (core.parallel.DataParallelTrainer);
- ``single``: one process updating after every batch of the same size b, the notes'
  "single-batch" regime (a DataParallelTrainer with one rank and the "single" schedule, so
  its simulated time comes from the same cost model: its measured compute and no
  communication). It is advanced until it has seen as many samples as the parallel run, so
  the two compare at equal data; this is the convergence and fitting comparison;
- one run per other all-reduce algorithm and one reducing in float64, each otherwise equal to
  ``parallel``: the precision comparison (their parameters against each other);
- ``equivalent``: core.parallel.single_equivalent, one process with batch K x b (or the whole
  epoch), the same training as ``parallel`` in exact arithmetic: what is left between them is
  rounding. None (with ``equivalent_note`` saying why) when no batch size matches.

``step()`` trains one data-parallel iteration of every run; ``snapshot()`` copies what the
window draws into an immutable ``LabSnapshot``.
"""
from __future__ import annotations

import dataclasses
from typing import NamedTuple

import numpy as np

from ....core import Experiment, Trainer
from ....core.history import MetricHistory
from ....core.parallel import DataParallelTrainer, ParallelRecord, max_relative_difference, single_equivalent
from ....core.parallel_spec import ALGORITHMS, ParallelSpec
from ....core.trainer import TERMINAL

RUNS = ("single", "parallel")  # the two runs of the loss and gap plots
CURVE_COLUMNS = ("epoch", "samples", "time", "loss")
GAP_COLUMNS = ("epoch", "samples", "time", "train_loss", "test_loss")
MEASURES = ("abs", "rel", "ulps")  # ReductionError's fields, in its order
# Parameter drift, max |a - b| / max |b| after each iteration: ring and tree against the
# sequential order, the chosen run against the float64 reduction and against its single equivalent.
DRIFTS = ("ring_vs_sequential", "tree_vs_sequential", "vs_float64", "vs_equivalent")
PRECISION_COLUMNS = (*(f"{a}_{m}" for a in ALGORITHMS for m in MEASURES), *DRIFTS)


class Rows(NamedTuple):
    """Rows of a history as plain arrays: ``x`` (the iteration) and one array per column."""
    x: np.ndarray
    columns: dict

    @classmethod
    def of(cls, history: MetricHistory) -> "Rows":
        """A copy of ``history``'s kept rows."""
        return cls(history.x, {name: history.column(name) for name in history.columns})


@dataclasses.dataclass(frozen=True)
class LabSnapshot:
    """What the lab draws, copied on the worker thread: nothing in it changes afterwards."""
    experiment: Experiment  # with its parallel section: what ``parallel`` trains
    iteration: int  # of the parallel run
    status: str  # of the parallel run
    curves: dict  # run name -> Rows of CURVE_COLUMNS, a row per iteration of that run
    gaps: dict  # run name -> Rows of GAP_COLUMNS, a row per evaluation (each epoch's end)
    precision: Rows  # PRECISION_COLUMNS, a row per parallel iteration
    replicas_identical: bool  # over every iteration so far, in every data-parallel run
    record: ParallelRecord | None  # the parallel run's last iteration
    assignment: tuple  # per iteration of an epoch, each rank's batches
    batches_per_epoch: int  # of the underlying batch size b
    batch_seconds: float  # measured mean compute per batch (NaN before the first step)
    gradient_bytes: int  # one rank's gradient as the all-reduce sends it
    equivalent_note: str | None  # why there is no single-process equivalent, if there is none


def with_spec(experiment: Experiment, **changes) -> Experiment:
    """``experiment`` with its parallel section changed by ``changes``."""
    return experiment.replace(parallel=dataclasses.replace(experiment.parallel, **changes))


class ParallelRuns:
    """Every run of the lab for ``experiment`` (which must have a parallel section); see the module docstring."""

    def __init__(self, experiment: Experiment):
        spec = experiment.parallel
        self.experiment = experiment
        self.parallel = DataParallelTrainer(experiment)
        self.single = DataParallelTrainer(experiment.replace(parallel=ParallelSpec(
            1, "single", spec.algorithm, None, spec.link, spec.bandwidth_gb_s, spec.latency_us)))
        self.by_algorithm = {name: self.parallel if name == spec.algorithm else
                             DataParallelTrainer(with_spec(experiment, algorithm=name)) for name in ALGORITHMS}
        self.float64 = (self.parallel if self.parallel.reduce_dtype == np.float64
                        else DataParallelTrainer(with_spec(experiment, reduce_dtype="float64")))
        try:
            # the replicas' NumPy arithmetic, so the gaps shown are data-parallel's alone, not the engines'
            self.equivalent, self.equivalent_note = Trainer(single_equivalent(experiment), engine="numpy"), None
        except ValueError as error:
            self.equivalent, self.equivalent_note = None, str(error)
        self.gaps = {name: MetricHistory(GAP_COLUMNS) for name in RUNS}
        self.precision = MetricHistory(PRECISION_COLUMNS)

    @property
    def trainers(self) -> list[Trainer]:
        """Every distinct trainer, the parallel one first."""
        out = [self.parallel, self.single, *self.by_algorithm.values(), self.float64, self.equivalent]
        return [t for i, t in enumerate(out) if t is not None and all(t is not u for u in out[:i])]

    @property
    def can_train(self) -> bool:
        """Whether the parallel run can take another iteration."""
        t = self.parallel
        return t.status not in TERMINAL and not t.budget_spent

    def apply_live_settings(self, experiment: Experiment) -> None:
        """Learning rate, EPOCHS and the other live settings, on every run."""
        self.experiment = experiment
        for trainer in self.trainers:
            trainer.apply_live_settings(experiment.replace(parallel=trainer.experiment.parallel,
                                                           training=dataclasses.replace(
                                                               experiment.training,
                                                               batch_size=trainer.experiment.training.batch_size)))

    def reset(self) -> None:
        """Every run back to iteration 0."""
        for trainer in self.trainers:
            trainer.reset()
        for history in (*self.gaps.values(), self.precision):
            history.clear()

    def step(self) -> None:
        """One data-parallel iteration of every run; the single-process run catches up to as
        many samples; then a row of precision measures, and a gap row per evaluation."""
        self._advance(self.parallel, "parallel")
        for trainer in self.trainers[1:]:
            if trainer is not self.single and trainer.status not in TERMINAL and trainer.iteration < self.parallel.iteration:
                trainer.step()
        while self.single.status not in TERMINAL and self.single.samples_seen < self.parallel.samples_seen:
            self._advance(self.single, "single")
        self._measure()

    def _advance(self, trainer: DataParallelTrainer, name: str) -> None:
        record = trainer.step()
        if record.evaluation is not None:  # an epoch's end: the full sets, with the weights now
            ev = trainer.evaluate()
            self.gaps[name].append(trainer.iteration, (trainer.samples_seen / trainer.schedule.samples_per_epoch,
                                                       trainer.samples_seen, trainer.simulated_time,
                                                       ev.train_loss, ev.test_loss))

    def _measure(self) -> None:
        record = self.parallel.last_parallel
        theta = {name: t.network.theta for name, t in self.by_algorithm.items()}
        chosen = self.parallel.network.theta
        drifts = (max_relative_difference(theta["ring"], theta["sequential"]),
                  max_relative_difference(theta["tree"], theta["sequential"]),
                  max_relative_difference(chosen, self.float64.network.theta),
                  np.nan if self.equivalent is None else
                  max_relative_difference(chosen, self.equivalent.network.theta))
        errors = [value for name in ALGORITHMS for value in record.errors[name]]
        self.precision.append(self.parallel.iteration, errors, drifts)

    @property
    def replicas_identical(self) -> bool:
        """Whether every data-parallel run's replicas were bit-identical after every iteration."""
        return all(t.replicas_identical for t in self.trainers if isinstance(t, DataParallelTrainer))

    def curve(self, trainer: DataParallelTrainer) -> Rows:
        """Loss per iteration with the x axes the lab offers."""
        h = trainer.history
        samples = h.column("samples_seen")
        times = trainer.parallel_history.column("simulated_time")
        columns = dict(zip(CURVE_COLUMNS, (samples / trainer.schedule.samples_per_epoch, samples, times,
                                           h.column("train_loss"))))
        return Rows(h.x, columns)

    def snapshot(self) -> LabSnapshot:
        """What the window draws now."""
        p = self.parallel
        return LabSnapshot(
            self.experiment, p.iteration, p.status,
            {"single": self.curve(self.single), "parallel": self.curve(p)},
            {name: Rows.of(h) for name, h in self.gaps.items()}, Rows.of(self.precision),
            self.replicas_identical, p.last_parallel, tuple(p.schedule.assignment),
            p.schedule.base.batches_per_epoch, p.measured_batch_seconds, p.gradient_bytes, self.equivalent_note)
