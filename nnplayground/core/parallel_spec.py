"""The optional ``parallel`` section of an experiment, and the interconnect profiles.

Kept apart from core/parallel.py (which trains) so that core/experiment.py can import it
without importing the trainer. What the fields mean is explained in core/parallel.py.
"""
from __future__ import annotations

from dataclasses import dataclass

from .validation import choice, in_range, require

MAX_RANKS = 16
# per_rank_batch: one batch per rank per iteration; epoch_blocks: a contiguous block of an
# epoch's batches per rank, one iteration per epoch; single: one process, an update per batch.
SCHEDULES = ("per_rank_batch", "epoch_blocks", "single")
ALGORITHMS = ("sequential", "ring", "tree")  # the all-reduce's order of additions
REDUCE_DTYPES = ("float64", "float32")


@dataclass(frozen=True)
class Link:
    """An interconnect between ranks: sending b bytes takes latency + b / bandwidth seconds."""

    name: str
    bandwidth: float  # bytes per second
    latency: float  # seconds per message


# Rough typical values, for orders of magnitude, not any particular machine:
# "pcie": PCIe 3.0 x16 carries about 16 GB/s each way (8 GT/s x 16 lanes, 128b/130b coding);
#         a small GPU-to-GPU message costs a few microseconds.
# "ethernet": 10 Gigabit Ethernet, 10 Gbit/s = 1.25 GB/s line rate; a message through the
#         TCP stack costs tens of microseconds.
LINKS = {
    "pcie": Link("pcie", 16e9, 5e-6),
    "ethernet": Link("ethernet", 1.25e9, 50e-6),
}


@dataclass(frozen=True)
class ParallelSpec:
    """Data-parallel training, simulated in one process: ``ranks`` replicas of the model, the
    batch ``schedule``, the all-reduce ``algorithm`` and the dtype it adds in (None: the
    experiment's dtype, as DDP reduces gradients in their own dtype), and the interconnect
    the cost model assumes: a LINKS profile, optionally with its bandwidth (GB/s) or latency
    (microseconds) replaced."""

    ranks: int = 4
    schedule: str = "per_rank_batch"
    algorithm: str = "ring"
    reduce_dtype: str | None = None
    link: str = "pcie"
    bandwidth_gb_s: float | None = None
    latency_us: float | None = None

    def __post_init__(self):
        in_range(self.ranks, "ranks", 1, MAX_RANKS)
        choice(self.schedule, "schedule", SCHEDULES)
        require(self.schedule != "single" or self.ranks == 1, "ranks",
                f"the single schedule is one process, so ranks must be 1; got {self.ranks}")
        choice(self.algorithm, "algorithm", ALGORITHMS)
        if self.reduce_dtype is not None:
            choice(self.reduce_dtype, "reduce_dtype", REDUCE_DTYPES)
        choice(self.link, "link", tuple(LINKS))
        if self.bandwidth_gb_s is not None:
            in_range(self.bandwidth_gb_s, "bandwidth_gb_s", 0.0, 1e6, low_open=True)
        if self.latency_us is not None:
            in_range(self.latency_us, "latency_us", 0.0, 1e6)

    @property
    def interconnect(self) -> Link:
        """The link the cost model uses: the named profile with any override applied."""
        base = LINKS[self.link]
        bandwidth = base.bandwidth if self.bandwidth_gb_s is None else self.bandwidth_gb_s * 1e9
        latency = base.latency if self.latency_us is None else self.latency_us * 1e-6
        return Link(base.name, bandwidth, latency)
