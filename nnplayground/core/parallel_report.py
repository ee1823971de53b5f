"""What ``nnplayground run`` reports about a data-parallel run (core/parallel.py) in summary.json.

Three answers, each to a question someone who has trained with DDP asks:

- ``replicas_identical``: did every rank hold bit-identical parameters after every iteration
  of the run? (DDP relies on it: the ranks never exchange parameters, only gradients.)
- ``max_rel_diff_vs_single``: how far the data-parallel run ended from the one-process run it
  stands for. The single-process equivalent (``single_equivalent``: the same seed, data and
  sample order, batch K x b for "per_rank_batch", the whole epoch for "epoch_blocks") is
  trained from scratch for as many updates as the data-parallel run made (fewer only if it
  stops or diverges on its own first); the number is max_i |p_i - s_i| / max_i |s_i| over
  every parameter (weights and biases of all layers), p the data-parallel run's final
  parameters and s the reference's (``max_relative_difference``). In float64 it stays
  around 1e-15, the rounding of a different order of additions; in float32 it shows how
  far the rounding carried the trajectories apart. None (JSON null) when no single batch
  size matches the schedule (``single_equivalent``'s ValueError; the reason is in the
  ``parallel`` block) or the difference is not finite.
- ``parallel``: the setting (ranks, schedule, all-reduce algorithm, the dtype it adds in),
  each algorithm's worst reduction error over the run (every algorithm is computed on the
  same gradients every iteration; its largest absolute, relative and ULP difference from a
  float64 sum, each maximised separately over the iterations), and the cost model: the
  link, the measured compute time per batch, the modelled all-reduce time and the
  simulated seconds per iteration.
"""
from __future__ import annotations


from .collectives import communication_seconds
from .experiment import Experiment
from .metrics import json_number
from .parallel import DataParallelTrainer, max_relative_difference, reduce_dtype, single_equivalent
from .trainer import Trainer


def held_at_once(experiment: Experiment) -> list[Experiment]:
    """The experiments a headless run of ``experiment`` holds in memory together: itself, and
    for a data-parallel run the single-process equivalent trained for the summary."""
    if experiment.parallel is None:
        return [experiment]
    try:
        return [experiment, single_equivalent(experiment)]
    except ValueError:  # no equivalent: none is trained
        return [experiment]


def single_process_reference(trainer: Trainer) -> tuple[Trainer | None, str | None]:
    """The single-process equivalent of ``trainer``'s experiment, trained from scratch for
    ``trainer.iteration`` updates; (None, why) when there is none."""
    try:
        # the NumPy step the data-parallel run takes, so the differences reported are data-parallel's alone
        reference = Trainer(single_equivalent(trainer.experiment), engine="numpy")
    except ValueError as e:
        return None, str(e)
    reference.run(max_iterations=trainer.iteration)
    return reference, None


def parallel_summary(trainer: Trainer) -> dict:
    """summary.json's fields for a data-parallel run (module docstring): replicas_identical,
    max_rel_diff_vs_single and the ``parallel`` block. Trains the single-process reference.
    ``trainer`` is a DataParallelTrainer, or one rank of a real run (nnplayground.distributed),
    which holds no simulated reductions or cost model: its block has the setting only."""
    spec = trainer.spec
    reference, why = single_process_reference(trainer)
    if reference is None:
        difference, single = None, {"error": why}
    else:
        difference = json_number(max_relative_difference(trainer.network.theta, reference.network.theta))
        single = {"batch_size": reference.experiment.training.batch_size, "iterations": reference.iteration,
                  "status": reference.status}
    block = {"ranks": spec.ranks, "schedule": spec.schedule, "algorithm": spec.algorithm,
             "reduce_dtype": reduce_dtype(trainer.experiment).name, "single_equivalent": single}
    if isinstance(trainer, DataParallelTrainer):
        block.update(_simulated(trainer))
    return {"replicas_identical": bool(trainer.replicas_identical), "max_rel_diff_vs_single": difference,
            "parallel": block}


def _simulated(trainer: DataParallelTrainer) -> dict:
    """The simulation's own measurements: reduction errors per algorithm and the cost model."""
    spec, link, iterations = trainer.spec, trainer.spec.interconnect, trainer.iteration
    return {
        "worst_reduction_error": {name: {field: json_number(value) for field, value in error._asdict().items()}
                                  for name, error in trainer.worst_errors.items()},
        "link": {"name": link.name, "bandwidth_gb_s": link.bandwidth / 1e9, "latency_us": link.latency * 1e6},
        "gradient_bytes": trainer.gradient_bytes,
        "compute_seconds_per_batch": json_number(trainer.measured_batch_seconds),
        "communication_seconds_per_iteration": communication_seconds(spec.algorithm, spec.ranks,
                                                                     trainer.gradient_bytes, link),
        "simulated_seconds_per_iteration": json_number(trainer.simulated_time / iterations) if iterations else None,
        "simulated_seconds": trainer.simulated_time,
    }
