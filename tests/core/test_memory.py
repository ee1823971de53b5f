"""The memory estimate against what a run really allocates, the budget, and chunked evaluation."""
import os
import tracemalloc

import numpy as np
import pytest

from nnplayground.core import DataSpec, Experiment, LayerSpec, NetworkSpec, OptimizerSpec, Trainer, TrainingSpec
from nnplayground.core import memory
from nnplayground.core.memory import MemoryLimitError, check, estimate, format_size, parse_size
from nnplayground.core.history import HISTORY_ROWS
from nnplayground.core.network import EVALUATION_BYTES
from nnplayground.core.parallel import make_trainer
from nnplayground.core.parallel_spec import ParallelSpec
from nnplayground.core.snapshot import SnapshotTaker

# The estimate is at least LOW and at most HIGH times the measured peak allocation.
LOW, HIGH = 0.7, 1.5


def layers(count, units, activation="tanh"):
    return NetworkSpec(hidden=(LayerSpec(units, activation),) * count)


SIZES = {
    "default": Experiment(),
    "wide adam": Experiment(network=layers(3, 256), optimizer=OptimizerSpec(name="adam"),
                            training=TrainingSpec(batch_size=32)),
    "deep relu": Experiment(data=DataSpec(samples=200), network=layers(20, 48, "relu"),
                           training=TrainingSpec(batch_size=10)),
    "big data": Experiment(data=DataSpec(samples=100_000, features=("x1", "x2", "x1^2", "x2^2", "x1*x2")),
                           network=layers(2, 16), training=TrainingSpec(batch_size=1000)),
    "multiclass": Experiment(data=DataSpec(dataset="blobs", classes=5, samples=3000),
                             network=NetworkSpec(task="multiclass", hidden=(LayerSpec(128),) * 2),
                             training=TrainingSpec(batch_size=100)),
    "float32 momentum": Experiment(dtype="float32", network=layers(2, 768), optimizer=OptimizerSpec(name="momentum"),
                                   training=TrainingSpec(batch_size=64)),
    "recurrent": Experiment(data=DataSpec(dataset="adding", samples=500, sequence_length=100),
                            network=NetworkSpec(task="regression", hidden=(LayerSpec(48),)),
                            training=TrainingSpec(batch_size=50)),
    # data-parallel: K replicas, each with its optimiser and the workspace of its shares
    "parallel 4 ranks": Experiment(network=layers(3, 256), optimizer=OptimizerSpec(name="adam"),
                                   training=TrainingSpec(batch_size=32), parallel=ParallelSpec(ranks=4)),
    "parallel epoch blocks": Experiment(dtype="float32", data=DataSpec(samples=4000), network=layers(2, 128),
                                        optimizer=OptimizerSpec(name="momentum"), training=TrainingSpec(batch_size=10),
                                        parallel=ParallelSpec(ranks=8, schedule="epoch_blocks", reduce_dtype="float64")),
    "parallel recurrent": Experiment(data=DataSpec(dataset="adding", samples=500, sequence_length=100),
                                     network=NetworkSpec(task="regression", hidden=(LayerSpec(48),)),
                                     training=TrainingSpec(batch_size=50), parallel=ParallelSpec(ranks=3)),
}


# On a tiny net the metric histories (full after HISTORY_ROWS iterations) are a good part of
# the memory: that run trains until they are full. The others train two epochs (tracemalloc
# makes every step slow), where their arrays are already all allocated.
LONG_RUNS = {"default"}


def measured_peak(experiment, window, iterations):
    """Peak bytes NumPy and Python allocate while a run is built and trains ``iterations``
    (evaluating at each epoch end), then is evaluated in full and probed; with ``window``,
    while three snapshots are kept as the window keeps them.
    A small run first takes the one-time costs (lazy imports, NumPy's caches), which belong
    to no experiment."""
    SnapshotTaker(Trainer(Experiment()), profile=True).take()
    tracemalloc.start()
    try:
        trainer = make_trainer(experiment)
        trainer.advance(iterations or 2 * trainer.schedule.batches_per_epoch)
        if window:
            taker = SnapshotTaker(trainer, profile=True)
            kept = [taker.take() for _ in range(3)]
            assert len(kept) == 3
        trainer.evaluate()
        trainer.backprop_profile()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# The window draws no plane for sequences: a recurrent run is measured headless only.
@pytest.mark.parametrize("name,window", [(name, window) for name, exp in SIZES.items()
                                         for window in (False, True) if not (window and exp.data.is_sequence)])
def test_the_estimate_is_close_to_what_a_run_allocates(name, window):
    experiment = SIZES[name]
    peak = measured_peak(experiment, window, HISTORY_ROWS if name in LONG_RUNS else None)
    estimated = estimate(experiment, window).total
    assert LOW * peak <= estimated <= HIGH * peak, f"estimated {estimated:,} B, measured {peak:,} B"


def test_the_estimate_itself_allocates_nothing_big():
    huge = Experiment(network=layers(512, 4096))
    tracemalloc.start()
    try:
        total = estimate(huge, window=True).total
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert total > 300 * 2**30 and peak < 2**20


def test_too_big_is_refused_in_one_line_naming_the_biggest_term():
    experiment = Experiment(network=layers(64, 4096))
    parameters = 2 * 4097 + 63 * 4097 * 4096 + 4097  # (fan_in + 1) x fan_out per layer, 2 inputs, 1 output
    with pytest.raises(MemoryLimitError) as refused:
        check(experiment, limit=12 * 2**30)
    message = str(refused.value)
    assert "\n" not in message and message.startswith("network: 64 layers x 4096 units need ~")
    assert message.endswith("in all; the limit is 12 GiB")
    terms = estimate(experiment).terms
    biggest = max(terms, key=lambda t: t.bytes)
    assert f"need ~{format_size(biggest.bytes)}" in message
    assert biggest.bytes >= 8 * parameters * 8  # at least theta, grad, mask, scratch, 3 squares and the step: float64


def test_within_the_budget_the_estimate_is_returned():
    experiment = Experiment()
    assert check(experiment, limit=2**30).total == estimate(experiment).total
    with pytest.raises(MemoryLimitError, match="the limit is 1.0 KiB"):
        check([experiment, experiment], limit=1024)


@pytest.mark.parametrize("text,size", [("512M", 512 * 2**20), ("12G", 12 * 2**30), ("1.5GiB", int(1.5 * 2**30)),
                                       ("1000000", 1_000_000), ("2 kb", 2048), ("3t", 3 * 2**40), (".5K", 512)])
def test_sizes_are_read_in_powers_of_1024(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "12X", "-1G", "0", "G", "1e9", "0.1", "12 G B"])
def test_a_bad_size_is_a_value_error(text):
    with pytest.raises(ValueError):
        parse_size(text)


def test_the_default_budget_is_half_the_physical_memory(monkeypatch):
    pages, page = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
    assert memory.default_limit() == pages * page // 2

    def unknown(name):
        raise ValueError(name)

    monkeypatch.setattr(os, "sysconf", unknown)
    assert memory.default_limit() == memory.FALLBACK_LIMIT


def test_sizes_are_shown_in_readable_units():
    assert [format_size(n) for n in (512, 2048, 3.25 * 2**20, 47 * 2**30, 383 * 2**30, 5 * 2**40)] == \
        ["512 B", "2.0 KiB", "3.2 MiB", "47 GiB", "383 GiB", "5.0 TiB"]


# ----- chunked evaluation ---------------------------------------------------------------------

def full_forward(trainer, X):
    """Samples-first forward pass over all of X at once, written independently of the network."""
    a = np.asarray(X, float)
    params = trainer.network.params
    for W, b in params[:-1]:
        a = np.tanh(a @ W + b)
    W, b = params[-1]
    return a @ W + b


def test_a_chunked_evaluation_equals_the_whole_set_at_once():
    trainer = Trainer(Experiment(data=DataSpec(samples=4000), network=layers(1, 2048)))
    trainer.advance(20)
    chunk, test = trainer.network.evaluation_chunk, len(trainer.data.X_test)
    assert chunk < test and test % chunk  # several chunks, the last one shorter
    ev = trainer.evaluate()
    z = full_forward(trainer, trainer.data.X_test)
    y = trainer.data.Y_test
    loss = np.mean(np.logaddexp(0.0, z) - z * y)
    assert ev.test_loss == pytest.approx(loss, rel=1e-12)
    assert ev.test_metric == np.mean((z > 0) == (y > 0.5))
    np.testing.assert_allclose(trainer.network.predict(trainer.data.X_test), 1 / (1 + np.exp(-z)), rtol=1e-12)


def test_a_chunked_regression_loss_weighs_the_short_last_chunk_by_its_samples():
    trainer = Trainer(Experiment(data=DataSpec(dataset="plane", samples=3000),
                                 network=NetworkSpec(task="regression", hidden=(LayerSpec(2048),))))
    trainer.advance(10)
    assert len(trainer.data.X_test) % trainer.network.evaluation_chunk
    ev = trainer.evaluate()
    z, y = full_forward(trainer, trainer.data.X_test), trainer.data.Y_test
    assert ev.test_loss == pytest.approx(np.mean((z - y) ** 2), rel=1e-12)
    assert ev.test_metric == pytest.approx(1 - np.sum((z - y) ** 2) / np.sum((y - y.mean()) ** 2), rel=1e-12)


def test_a_chunked_sequence_evaluation_equals_the_recurrent_net_on_all_sequences():
    trainer = Trainer(Experiment(data=DataSpec(dataset="remember_first", samples=400, sequence_length=60),
                                 network=NetworkSpec(task="regression", hidden=(LayerSpec(256),))))
    trainer.advance(2)
    net = trainer.network
    X, Y = trainer.data.X_test, trainer.data.Y_test
    assert net.evaluation_chunk < len(X) and len(X) % net.evaluation_chunk
    whole = net.rnn.predict(X.reshape(len(X), 60, 1))  # the recurrent net's own pass, all at once
    assert trainer.evaluate().test_loss == pytest.approx(np.mean((whole - Y) ** 2), rel=1e-12)


def test_the_snapshot_grid_is_evaluated_in_chunks_with_the_same_result():
    trainer = Trainer(Experiment(network=layers(2, 300)))
    trainer.advance(10)
    net = trainer.network
    snapshot = SnapshotTaker(trainer).take()
    grid = trainer.network.inputs(trainer.data.transform(
        np.column_stack([g.ravel() for g in np.meshgrid(*[np.linspace(*snapshot.extent, 64)] * 2)])))
    assert net.evaluation_chunk < grid.shape[1]
    ws = net.forward(grid)  # the whole grid in one pass
    np.testing.assert_allclose(snapshot.surface, net.output_activation(ws.z_out.T).reshape(64, 64, 1), rtol=1e-12)
    for layer_map, a in zip(snapshot.neuron_maps, ws.a):
        np.testing.assert_allclose(layer_map, a.T.reshape(64, 64, -1)[::2, ::2], rtol=1e-12)


def test_evaluating_a_big_test_set_needs_no_workspace_of_its_size():
    trainer = Trainer(Experiment(data=DataSpec(samples=20_000), network=layers(1, 1024)))
    test = len(trainer.data.X_test)
    whole_set_workspace = test * 6 * 1024 * 8  # what one pass over the whole test set would hold
    tracemalloc.start()
    try:
        trainer.evaluate()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * EVALUATION_BYTES < whole_set_workspace / 4


def test_a_data_parallel_run_is_refused_for_its_replicas_where_one_process_fits():
    one = Experiment(network=layers(4, 1024), optimizer=OptimizerSpec(name="adam"))
    sixteen = one.replace(parallel=ParallelSpec(ranks=16))
    parameters = 2 * 1025 + 3 * 1025 * 1024 + 1025
    limit = 4 * estimate(one).total
    assert check(one, limit=limit).total == estimate(one).total
    with pytest.raises(MemoryLimitError) as refused:
        check(sixteen, limit=limit)
    assert str(refused.value).startswith("ranks: 15 more replicas of the model, their optimisers and workspaces need ~")
    # at least each other rank's theta, grad, mask, scratch, 3 rows of squares and Adam's 3 vectors, in float64
    assert estimate(sixteen).total - estimate(one).total >= 15 * 10 * parameters * 8
