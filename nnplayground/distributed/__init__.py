"""Real ranks: data-parallel training on several processes through PyTorch's torch.distributed.

``nnplayground run EXPERIMENT --ranks-backend torch`` trains an experiment with a ``parallel``
section on ``parallel.ranks`` real processes instead of simulating them in one (core/parallel.py).
Every process builds the same NumPy model from the same seed, computes the gradient of its own
shard of the iteration (the batches core/parallel.py's ParallelSchedule gives it, weighted as
the simulation weights them), and the gradients are summed by gloo's ``all_reduce`` in place in
the NumPy gradient; every process divides by K and applies the same update. Rank 0 writes
metrics.csv and summary.json with the `run` command's own code (nnplayground/cli.py), plus
what only real ranks can measure (rank.py): whether the replicas stayed bit-identical, how far
gloo's sum is from each simulated all-reduce order, and the measured time per iteration beside
the cost model's prediction with the latency and bandwidth fitted on this machine.

Started alone, the command spawns the K processes itself on this machine (launch.py). Started
by ``torchrun`` (RANK and WORLD_SIZE in the environment) each process is one rank and joins the
others, which may run on other machines.

PyTorch is optional (``pip install nnplayground[distributed]``): only rank.py imports it, and
only a rank process imports rank.py; nothing else in nnplayground needs torch.
"""
from __future__ import annotations

import importlib.util

INSTALL = "pip install nnplayground[distributed]"


def run_with_torch(args, experiment, stem: str, stop, train, output_dir) -> int:
    """``run --ranks-backend torch`` for a loaded ``experiment``: the exit code.

    ``args``/``stem``/``stop`` are the `run` command's; ``train(trainer, args, stem, stop)`` is
    its training-and-writing function and ``output_dir(out, stem)`` the one that picks the
    output folder, which rank 0 reuses so that the files are the simulated run's. A UsageError
    (exit 2, one line) without a parallel section, without torch, or under torchrun with a
    WORLD_SIZE other than parallel.ranks.
    """
    from ..cli import UsageError
    from .launch import Job, spawn, torchrun_rank

    if experiment.parallel is None:
        raise UsageError(f"{stem} has no parallel section: --ranks-backend torch runs its parallel.ranks "
                         "ranks as processes, so add one (see the README, \"Data-parallel training\")")
    if importlib.util.find_spec("torch") is None:
        raise UsageError(f"--ranks-backend torch needs PyTorch, which is not installed: {INSTALL}")
    job = Job(args, experiment, stem, train, output_dir)
    rank = torchrun_rank(experiment.parallel.ranks)
    if rank is not None:
        return job.run_here(rank, stop)
    return spawn(job)
