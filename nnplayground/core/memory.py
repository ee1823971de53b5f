"""How much memory an experiment needs, estimated before anything is allocated.

Validation lets through experiments no machine can run (64 layers x 4096 units need tens of
GiB). ``estimate`` counts, from the experiment alone, what a Trainer really allocates (see
core/network.py, core/rnn.py, core/optimizers.py, core/trainer.py, core/snapshot.py):

- network: theta and its copies (grad, the weight mask, the penalty scratch, three rows of
  squares), the optimiser's state, the largest temporary (Adam's, a fresh layer of initial
  weights, the probe's saved gradient) and the metric histories;
- workspace: every per-sample buffer of a forward/backward pass, for each size the model
  keeps cached (the batch, the last partial batch, evaluation chunks, the gradient probe);
  for a recurrent net that is T x batch x hidden states;
- data: the generated points and labels, the encoded sets, their features-first and
  shuffled copies and the per-epoch outputs;
- snapshots (the window only): copies of the weights and gradients, the output surface and
  every neuron's map over the input plane, for the few snapshots alive at once;
- ranks (a data-parallel experiment, core/parallel.py): the K - 1 replicas beside rank 0
  (the Trainer's own model), each a whole model with its optimiser state and the workspace
  of the shares it computes; rank 0's workspace is sized by its shares, not by the batch;
  and the all-reduce's buffers (every rank's gradient in the reduction dtype and in float64,
  the three algorithms' results and their temporaries) with the parallel history.

``check`` refuses an experiment whose estimate is above a budget (default: half the physical
memory) with one line naming the biggest term. Evaluation runs in chunks of bounded workspace
(``network.EVALUATION_BYTES``), so no term grows with the test set beyond its data arrays.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

import numpy as np

from .experiment import Experiment, ExperimentError
from .history import HISTORY_ROWS
from .network import Network, evaluation_chunk, workspace_elements
from .parallel import PARALLEL_COLUMNS
from .rnn import RNN, input_size, workspace_elements as rnn_workspace_elements
from .snapshot import GRID_RESOLUTION, NEURON_STRIDE
from .trainer import PROBE_SAMPLES

FALLBACK_LIMIT = 4 * 2**30  # when the system does not say how much memory it has
SNAPSHOTS_ALIVE = 3  # the one being taken, the one in the mailbox, the one on show
# Per data point: raw coordinates (2 float64), label, split order, the split copies and the outlier mask.
RAW_POINT_BYTES = 16 + 8 + 8 + 16 + 8 + 1
_UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}


class MemoryLimitError(ExperimentError):
    """An experiment whose estimated peak memory is above the budget; the message is one line."""

    def __init__(self, message: str):
        super().__init__("", message)


@dataclass(frozen=True)
class Term:
    """One part of the estimate: what it is (``label``, for a person) and its bytes."""
    label: str
    bytes: int


@dataclass(frozen=True)
class Estimate:
    """The estimated peak memory of an experiment, as named terms."""
    terms: tuple[Term, ...]

    @property
    def total(self) -> int:
        """Bytes of all terms together."""
        return sum(t.bytes for t in self.terms)

    @property
    def biggest(self) -> Term:
        """The term that needs the most memory."""
        return max(self.terms, key=lambda t: t.bytes)


def format_size(size: float) -> str:
    """Bytes as a person reads them: "512 B", "3.2 MiB", "47 GiB"."""
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024:
            break
        size /= 1024
    else:
        unit = "TiB"
    return f"{size:.0f} {unit}" if size >= 10 or unit == "B" else f"{size:.1f} {unit}"


def parse_size(text: str) -> int:
    """A size such as "512M", "12G", "1.5GiB" or "1000000" (bytes) in bytes; K, M, G and T are
    powers of 1024, with or without "B" or "iB". ValueError when it is not a positive size."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*([kmgt]?)(?:i?b)?\s*", str(text), re.IGNORECASE)
    if match is None:
        raise ValueError(f"must be a size such as 512M, 12G, 1.5GiB or a number of bytes; got {text!r}")
    size = int(float(match[1]) * _UNITS[match[2].lower()])
    if size < 1:
        raise ValueError(f"must be more than 0 bytes; got {text!r}")
    return size


def physical_memory() -> int | None:
    """Bytes of physical memory, or None where the system does not say."""
    try:
        size = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):  # no sysconf (Windows) or no such name
        return None
    return size if size > 0 else None


def default_limit() -> int:
    """The budget when none is given: half the physical memory (FALLBACK_LIMIT if unknown)."""
    size = physical_memory()
    return FALLBACK_LIMIT if size is None else size // 2


def _sizes_used(trained: set[int], chunk: int, sets) -> set[int]:
    """Every number of samples the model runs a pass over: the ``trained`` sizes (batches or a
    rank's shares), then each set in chunks."""
    used = trained | {min(PROBE_SAMPLES, sets[0])}
    for n in sets:
        used |= {min(n, chunk), n % chunk if n > chunk else 0}
    used.discard(0)
    return used


def _largest(sizes: set[int], kept: int) -> int:
    """Samples in the ``kept`` + 1 largest workspaces: a model caches ``kept`` and builds the
    next before dropping the oldest."""
    return sum(sorted(sizes, reverse=True)[:kept + 1])


def _network_label(experiment: Experiment) -> str:
    units = [h.units for h in experiment.network.hidden]
    if experiment.data.is_sequence:
        return f"recurrent net: {units[0]} units over {experiment.data.sequence_length} steps"
    if not units:
        return "network: no hidden layer"
    width = f"{units[0]} units" if len(set(units)) == 1 else f"up to {max(units)} units"
    return f"network: {len(units)} layers x {width}"


def _parameter_term(experiment: Experiment, parameters: int, largest_layer: int, layers: int, itemsize: int) -> Term:
    optimizer = experiment.optimizer.name
    state = {"sgd": 1, "momentum": 2, "adam": 3}[optimizer]
    # Adam's update makes two temporaries; a layer of initial weights is drawn, then scaled.
    temporary = max(2 * parameters if optimizer == "adam" else parameters, 2 * largest_layer * 8 // itemsize)
    copies = 7 + state  # theta, grad, weight mask, penalty scratch, 3 rows of squares; the optimiser
    history = HISTORY_ROWS * (3 * layers + 12) * 8  # the metric histories (per-layer columns and a few more)
    return Term(_network_label(experiment), (copies * parameters + temporary) * itemsize + history)


def _dense_terms(experiment: Experiment, window: bool, itemsize: int) -> list[Term]:
    sizes = experiment.layer_sizes
    names = [h.activation for h in experiment.network.hidden]
    per_sample = workspace_elements(sizes, names) * itemsize
    chunk = evaluation_chunk(per_sample)
    train = experiment.train_samples + len(experiment.data.extra_points)
    test = experiment.data.samples - experiment.train_samples
    shares = _rank_shares(experiment, train)
    sets = (train, test) + ((_grid_points(experiment),) if window else ())
    used = _largest(_sizes_used(shares[0], chunk, sets), Network.MAX_CACHED_WORKSPACES)
    features, outputs, total = sizes[0], sizes[-1], train + test
    matrices = [(a + 1) * b for a, b in zip(sizes[:-1], sizes[1:])]
    parameters = sum(matrices)
    # The data set, its features-first copies, the shuffled copy, the epoch's outputs, an evaluation's outputs.
    data = total * (RAW_POINT_BYTES + itemsize * (3 * features + 2 + 5 * outputs))
    terms = [_parameter_term(experiment, parameters, max(matrices), len(sizes) - 1, itemsize),
             Term(f"workspace: {used:,} samples through {sum(sizes[1:-1]):,} units", used * per_sample),
             Term(f"data: {total:,} samples", data)]
    if window:
        terms.append(_snapshot_term(experiment, parameters, itemsize))
    return terms + _parallel_terms(experiment, parameters, shares, per_sample, Network.MAX_CACHED_WORKSPACES)


def _grid_points(experiment: Experiment) -> int:
    return GRID_RESOLUTION if experiment.data.dataset == "sine" else GRID_RESOLUTION**2


def _snapshot_term(experiment: Experiment, parameters: int, itemsize: int) -> Term:
    """What the snapshots alive at once hold, and the grid they are evaluated on."""
    sizes = experiment.layer_sizes
    grid = _grid_points(experiment)
    side = -(-GRID_RESOLUTION // NEURON_STRIDE)
    mapped = side if experiment.data.dataset == "sine" else side * side
    units, outputs = sum(sizes[1:-1]), sizes[-1]
    # Weights and gradients, the surface (and its z), each neuron's map, the probe's z histograms.
    one = 2 * parameters + 2 * grid * outputs + mapped * (units + outputs) + 2 * PROBE_SAMPLES * units
    history = HISTORY_ROWS * (3 * len(sizes) + 12) * 8
    grid_bytes = grid * (sizes[0] + 1) * itemsize
    return Term(f"snapshots: the output and every neuron over a {GRID_RESOLUTION}x{GRID_RESOLUTION} grid",
                SNAPSHOTS_ALIVE * (one * itemsize + history) + grid_bytes)


def _batches(experiment: Experiment, train: int) -> tuple[int, int]:
    """(samples per batch, samples in the last partial batch or 0)."""
    spec = experiment.training
    batch = min(spec.batch_size, train)
    keeps_partial = spec.partial_batch == "keep" and spec.batch_mode != "repeat_one"
    return batch, train % batch if keeps_partial else 0


def _sequence_terms(experiment: Experiment, itemsize: int) -> list[Term]:
    steps, inputs = experiment.data.sequence_length, input_size(experiment.data.dataset)
    hidden = experiment.network.hidden[0].units
    per_sample = rnn_workspace_elements(steps, inputs, hidden, 1) * itemsize
    chunk = evaluation_chunk(per_sample)
    train = experiment.train_samples
    test = experiment.data.samples - train
    shares = _rank_shares(experiment, train)
    used = _largest(_sizes_used(shares[0], chunk, (train, test)), RNN.MAX_CACHED_WORKSPACES)
    parameters = (inputs + hidden + 1) * hidden + hidden + 1
    # The generated sequences (float64), the split copies, the encoded, features-first and shuffled sets.
    data = (train + test) * (steps * inputs * (24 + 3 * itemsize) + 64)
    return [_parameter_term(experiment, parameters, (inputs + hidden + 1) * hidden, 2, itemsize),
            Term(f"recurrent states: {steps} steps x {used:,} sequences x {hidden} units", used * per_sample),
            Term(f"data: {train + test:,} sequences of {steps} steps", data),
            *_parallel_terms(experiment, parameters, shares, per_sample, RNN.MAX_CACHED_WORKSPACES)]


def _rank_shares(experiment: Experiment, train: int) -> list[set[int]]:
    """Per rank, the numbers of samples it computes gradients over (core/collectives.py's
    assign_batches, counted without listing the batches): one process has one rank, whose
    shares are the batches."""
    batch, partial = _batches(experiment, train)
    spec = experiment.parallel
    if spec is None or spec.schedule == "single":
        return [{batch, partial} - {0}]
    ranks, full = spec.ranks, (train - partial) // batch
    count = full + (partial > 0)  # batches per epoch, the partial one last
    if spec.schedule == "per_rank_batch":  # rank r takes batches r, r + K, ...
        return [({batch} if r < full else set()) | ({partial} if partial and (count - 1) % ranks == r else set())
                for r in range(ranks)]
    shares, start = [], 0  # epoch_blocks: contiguous blocks, the first (count mod K) one batch longer
    for r in range(ranks):
        size = count // ranks + (r < count % ranks)
        start += size
        short = batch - partial if partial and size and start == count else 0  # the block holding the partial batch
        shares.append({size * batch - short} - {0})
    return shares


def _parallel_terms(experiment: Experiment, parameters: int, shares: list[set[int]], per_sample: int,
                    cached: int) -> list[Term]:
    """The other ranks' replicas and the all-reduce's buffers (module docstring); none for one process."""
    spec = experiment.parallel
    if spec is None:
        return []
    itemsize = np.dtype(experiment.dtype).itemsize
    reduce_size = np.dtype(spec.reduce_dtype or experiment.dtype).itemsize
    state = {"sgd": 1, "momentum": 2, "adam": 3}[experiment.optimizer.name]
    ranks = spec.ranks
    # Each replica: theta, grad, weight mask, penalty scratch, 3 rows of squares, the optimiser's state.
    models = (ranks - 1) * (7 + state) * parameters * itemsize
    workspaces = sum(_largest(mine, cached) for mine in shares[1:]) * per_sample
    # parts (K x P, reduction dtype) and the float64 reference (K x P); the exact sum; three
    # results; the ring's index arrays and the error's float64 temporaries (about 4 P).
    reduce = (ranks + 3) * parameters * reduce_size + (ranks + 1 + 4) * parameters * 8
    history = HISTORY_ROWS * (len(PARALLEL_COLUMNS) + 1) * 8
    return [Term(f"ranks: {ranks - 1} more replicas of the model, their optimisers and workspaces",
                 models + workspaces),
            Term(f"all-reduce: {ranks} gradients of {parameters:,} parameters", reduce + history)]


def estimate(experiment: Experiment, window: bool = False) -> Estimate:
    """The peak memory of training ``experiment`` (and, with ``window``, of the snapshots the
    window draws), from its description alone."""
    itemsize = np.dtype(experiment.dtype).itemsize
    if experiment.data.is_sequence:
        return Estimate(tuple(_sequence_terms(experiment, itemsize)))
    return Estimate(tuple(_dense_terms(experiment, window, itemsize)))


def check(experiments, limit: int | None = None, window: bool = False) -> Estimate:
    """The estimate of one experiment or several trained side by side; raises MemoryLimitError
    when it is above ``limit`` bytes (default: ``default_limit()``)."""
    experiments = [experiments] if isinstance(experiments, Experiment) else list(experiments)
    limit = default_limit() if limit is None else limit
    terms = tuple(t for exp in experiments for t in estimate(exp, window).terms)
    total = Estimate(terms)
    if total.total > limit:
        big = total.biggest
        raise MemoryLimitError(f"{big.label} need ~{format_size(big.bytes)}, ~{format_size(total.total)} in all; "
                               f"the limit is {format_size(limit)}")
    return total
