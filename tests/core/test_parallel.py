"""Simulated data-parallel training: batch assignment, all-reduce orders, equivalences with
single-process training, replica checks, the cost model and the experiment's parallel section."""
import math

import numpy as np
import pytest

from nnplayground.core import DataSpec, Experiment, ExperimentError, NetworkSpec, OptimizerSpec, Trainer, TrainingSpec
from nnplayground.core.collectives import (assign_batches, communication_seconds, epoch_seconds, fit_link,
                                           reduce_sum, reduction_error, speedup_curve)
from nnplayground.core.parallel import (DataParallelTrainer, make_trainer, max_relative_difference,
                                        single_equivalent, trajectory_drift)
from nnplayground.core.parallel_spec import LINKS, Link, ParallelSpec
from nnplayground.core.presets import load_preset, preset_names


def experiment(ranks=4, batch=5, samples=200, dtype="float64", epochs=50, **parallel):
    return Experiment(dtype=dtype, data=DataSpec(samples=samples), training=TrainingSpec(batch_size=batch, epochs=epochs),
                      optimizer=OptimizerSpec(name="momentum", learning_rate=0.1),
                      parallel=ParallelSpec(ranks=ranks, **parallel))


# ----- which batches each rank takes ------------------------------------------------------

def test_the_notes_example_one_epoch_of_100_batches_over_4_ranks_25_each():
    exp = Experiment(data=DataSpec(samples=2000, train_fraction=0.5), training=TrainingSpec(batch_size=10),
                     parallel=ParallelSpec(ranks=4, schedule="epoch_blocks"))
    assert exp.train_samples == 1000
    trainer = DataParallelTrainer(exp)
    assert trainer.schedule.batches_per_epoch == 1  # one iteration is one epoch
    assert trainer.schedule.assignment[0] == (range(0, 25), range(25, 50), range(50, 75), range(75, 100))
    record = trainer.step()
    assert record.epoch == 1 and record.samples_seen == 1000 and record.evaluation is not None
    assert trainer.last_parallel.batches == trainer.schedule.assignment[0]
    assert trainer.last_parallel.samples == (250, 250, 250, 250)


@pytest.mark.parametrize("batches,ranks", [(100, 4), (10, 4), (7, 3), (3, 5), (16, 16), (1, 2)])
def test_every_batch_is_assigned_once_and_blocks_differ_by_at_most_one(batches, ranks):
    blocks, = assign_batches("epoch_blocks", batches, ranks)
    sizes = [len(b) for b in blocks]
    assert [i for b in blocks for i in b] == list(range(batches))
    assert max(sizes) - min(sizes) <= 1 and sizes == sorted(sizes, reverse=True)  # the first ranks take the extra
    iterations = assign_batches("per_rank_batch", batches, ranks)
    assert len(iterations) == math.ceil(batches / ranks)
    assert [i for shares in iterations for b in shares for i in b] == list(range(batches))
    assert all(len(b) <= 1 for shares in iterations for b in shares)
    assert all(len(shares[0]) == 1 for shares in iterations)  # rank 0 is never idle


def test_per_rank_batch_gives_rank_r_batch_i_k_plus_r_and_idles_the_last_ranks():
    assert assign_batches("per_rank_batch", 10, 4) == [
        (range(0, 1), range(1, 2), range(2, 3), range(3, 4)), (range(4, 5), range(5, 6), range(6, 7), range(7, 8)),
        (range(8, 9), range(9, 10), range(10, 10), range(10, 10))]


# ----- all-reduce orders ------------------------------------------------------------------

def ring_by_hand(parts):
    """Chunk c is summed from rank c round the ring, one float at a time."""
    ranks, size = parts.shape
    out = np.empty(size, parts.dtype)
    for c, columns in enumerate(np.array_split(np.arange(size), ranks)):
        for j in columns:
            total = parts[c, j]
            for step in range(1, ranks):
                total = parts.dtype.type(total + parts[(c + step) % ranks, j])
            out[j] = total
    return out


def tree_by_hand(values):
    """Pairwise sums, level by level, of a list of scalars."""
    while len(values) > 1:
        paired = [values[i] + values[i + 1] for i in range(0, len(values) - 1, 2)]
        values = paired + values[len(values) - len(values) % 2:]
    return values[0]


@pytest.mark.parametrize("ranks", [1, 2, 3, 4, 5, 8, 13, 16])
def test_each_algorithm_adds_in_its_own_order(ranks):
    rng = np.random.default_rng(ranks)
    parts = (rng.standard_normal((ranks, 37)) * 10.0 ** rng.integers(-4, 4, (ranks, 37))).astype(np.float32)
    sequential = reduce_sum(parts, "sequential")
    expected = parts[0].copy()
    for r in range(1, ranks):
        expected = (expected + parts[r]).astype(np.float32)
    assert np.array_equal(sequential, expected)
    assert np.array_equal(reduce_sum(parts, "ring"), ring_by_hand(parts))
    tree = [tree_by_hand([parts[r, j] for r in range(ranks)]) for j in range(37)]
    assert np.array_equal(reduce_sum(parts, "tree"), np.array(tree, np.float32))
    exact = np.array([math.fsum(map(float, parts[:, j])) for j in range(37)])
    for name in ("sequential", "ring", "tree"):  # each a float32 sum of at most 16 terms
        assert reduction_error(reduce_sum(parts, name), exact, np.float32).max_rel < 16 * 2.0**-24 * 10**8


def test_ring_and_sequential_differ_in_float32_where_the_order_matters():
    # per element: 1, 1e-8, -1, 1e-8 spread over the ranks; sequential gives (1 + 1e-8 - 1) + 1e-8 = 1e-8
    # (1 + 1e-8 rounds to 1), the ring starts chunk 1 at rank 1: ((1e-8 - 1) + 1e-8) + 1 = 0
    parts = np.array([[1.0] * 4, [1e-8] * 4, [-1.0] * 4, [1e-8] * 4], np.float32)
    sequential, ring = reduce_sum(parts, "sequential"), reduce_sum(parts, "ring")
    assert sequential[1] == np.float32(1e-8) and ring[1] == 0.0
    assert sequential[0] == ring[0]  # chunk 0 is summed in rank order by both
    exact = np.array([math.fsum(map(float, parts[:, j])) for j in range(4)])
    assert reduction_error(ring, exact, np.float32).max_abs == pytest.approx(2e-8, rel=1e-6)
    assert reduce_sum(parts.astype(np.float64), "ring")[1] == reduce_sum(parts.astype(np.float64), "sequential")[1]


@pytest.mark.parametrize("ranks,same", [(1, ("ring", "tree")), (2, ("ring", "tree")), (3, ("tree",))])
def test_orders_that_coincide_give_bit_identical_sums(ranks, same):
    parts = np.random.default_rng(0).standard_normal((ranks, 1000)).astype(np.float32)
    for name in same:
        assert np.array_equal(reduce_sum(parts, name), reduce_sum(parts, "sequential"))


def test_reduction_error_counts_units_in_the_last_place():
    reference = np.array([1.0, -3.0, 0.5])
    result = np.array([1.0, np.nextafter(np.float32(-3.0), np.float32(-4.0)), 0.5], np.float32)
    error = reduction_error(result, reference, np.float32)
    assert error.max_abs == 2.0**-22 and error.max_ulps == 1.0 and error.max_rel == 2.0**-22 / 3.0


# ----- equivalences -------------------------------------------------------------------------

@pytest.mark.parametrize("algorithm", ["sequential", "ring", "tree"])
def test_k_ranks_with_batch_b_train_as_one_process_with_batch_k_b_in_float64(algorithm):
    exp = experiment(ranks=4, batch=5, algorithm=algorithm)
    single = single_equivalent(exp)
    assert single.parallel is None and single.training.batch_size == 20
    parallel, reference = DataParallelTrainer(exp), Trainer(single, engine="numpy")
    drift = trajectory_drift(parallel, reference, 60)
    assert len(drift) == 60 and drift.max() < 1e-12
    assert parallel.epoch == reference.epoch == 12  # 100 training samples: 5 iterations per epoch
    assert parallel.replicas_identical


def test_uneven_shares_are_weighted_by_their_samples():
    # 100 samples in batches of 8: 13 batches, the last of 4 samples; 3 ranks: the last
    # iteration has rank 0 with 4 samples and ranks 1 and 2 idle
    exp = experiment(ranks=3, batch=8, algorithm="ring")
    drift = trajectory_drift(DataParallelTrainer(exp), Trainer(single_equivalent(exp), engine="numpy"), 30)
    assert len(drift) == 30 and drift.max() < 1e-12


def test_epoch_blocks_is_full_batch_gradient_descent_checked_against_numpy():
    # logistic regression (no hidden layer), 3 ranks over 100 batches: blocks of 34, 33 and 33
    exp = Experiment(data=DataSpec(samples=2000, train_fraction=0.5, noise=0.3), network=NetworkSpec(hidden=()),
                     training=TrainingSpec(batch_size=10), optimizer=OptimizerSpec(learning_rate=0.5),
                     parallel=ParallelSpec(ranks=3, schedule="epoch_blocks", algorithm="tree"))
    trainer = DataParallelTrainer(exp)
    X, y = trainer.data.X_train, trainer.data.Y_train[:, 0]
    for _ in range(3):
        W, b = trainer.network.params[0][0][:, 0].copy(), trainer.network.params[0][1][0]
        p = 1.0 / (1.0 + np.exp(-(X @ W + b)))
        grad_W, grad_b = X.T @ (p - y) / len(y), np.mean(p - y)
        trainer.step()
        assert trainer.last_parallel.samples == (340, 330, 330)
        np.testing.assert_allclose(trainer.network.params[0][0][:, 0], W - 0.5 * grad_W, rtol=1e-12, atol=1e-15)
        assert trainer.network.params[0][1][0] == pytest.approx(b - 0.5 * grad_b, rel=1e-12, abs=1e-15)
    full_batch = Trainer(single_equivalent(exp), engine="numpy")
    assert full_batch.schedule.batches_per_epoch == 1
    drift = trajectory_drift(DataParallelTrainer(exp), full_batch, 20)
    assert len(drift) == 20 and drift.max() < 1e-12


def test_the_single_schedule_is_the_plain_trainer_bit_for_bit():
    exp = experiment(ranks=1, schedule="single")
    parallel, plain = DataParallelTrainer(exp), Trainer(exp.replace(parallel=None), engine="numpy")
    for _ in range(25):
        a, b = parallel.step(), plain.step()
        assert a.train_loss == b.train_loss and (a.epoch, a.batch) == (b.epoch, b.batch)
    assert np.array_equal(parallel.network.theta, plain.network.theta)
    assert parallel.last_parallel.error == (0.0, 0.0, 0.0)


def test_a_sequence_model_trains_data_parallel_too():
    exp = Experiment(data=DataSpec(dataset="remember_first", samples=60, sequence_length=4),
                     network=NetworkSpec(task="regression", hidden=(NetworkSpec().hidden[0],)),
                     training=TrainingSpec(batch_size=3), parallel=ParallelSpec(ranks=2))
    drift = trajectory_drift(DataParallelTrainer(exp), Trainer(single_equivalent(exp), engine="numpy"), 12)
    assert len(drift) == 12 and drift.max() < 1e-12


# ----- float32: orders differ ---------------------------------------------------------------

def test_float32_ring_and_sequential_trajectories_drift_apart_with_4_ranks():
    ring = DataParallelTrainer(experiment(ranks=4, dtype="float32", algorithm="ring"))
    sequential = DataParallelTrainer(experiment(ranks=4, dtype="float32", algorithm="sequential"))
    drift = trajectory_drift(ring, sequential, 40)
    assert drift.max() > 0 and drift.max() < 1e-4  # apart, but only by rounding
    errors = ring.parallel_history.column("max_ulps")
    assert len(errors) == 40 and errors.max() > 0  # against the float64 reference
    record = ring.last_parallel
    assert record.error == record.errors["ring"] and set(record.errors) == {"sequential", "ring", "tree"}


@pytest.mark.parametrize("ranks", [1, 2])
def test_float32_trajectories_are_identical_when_the_orders_coincide(ranks):
    ring = DataParallelTrainer(experiment(ranks=ranks, dtype="float32", algorithm="ring"))
    sequential = DataParallelTrainer(experiment(ranks=ranks, dtype="float32", algorithm="sequential"))
    drift = trajectory_drift(ring, sequential, 30)
    assert len(drift) == 30 and not drift.any()


def test_a_float32_reduction_of_a_float64_model_is_measured_against_float64():
    trainer = DataParallelTrainer(experiment(ranks=4, reduce_dtype="float32"))
    trainer.step()
    assert trainer.network.grad.dtype == np.float64 and trainer.gradient_bytes == 4 * trainer.network.theta.size
    error = trainer.last_parallel.error
    assert 0 < error.max_rel < 1e-6 and error.max_ulps >= 0.5
    exact = DataParallelTrainer(experiment(ranks=4, algorithm="sequential"))
    exact.step()
    assert exact.last_parallel.error.max_abs == 0  # float64 in rank order is the reference itself


# ----- replicas -----------------------------------------------------------------------------

def test_replicas_stay_bit_identical_and_a_disturbed_replica_is_caught():
    trainer = DataParallelTrainer(experiment(ranks=4))
    trainer.set_weight(0, 0, 0, 0.25)  # a hand edit reaches every rank
    for _ in range(5):
        trainer.step()
        assert trainer.last_parallel.replicas_identical
    assert [m.params[0][0][0, 0] != 0 for m in trainer.replicas] == [True] * 4
    trainer.replicas[2].theta[0] += 1e-9
    trainer.step()
    assert not trainer.last_parallel.replicas_identical
    trainer.step()
    assert not trainer.replicas_identical  # over the whole run
    assert list(trainer.parallel_history.column("replicas_identical")) == [1.0] * 5 + [0.0] * 2
    trainer.reset()
    assert trainer.replicas_identical and len(trainer.parallel_history) == 0


def test_live_settings_reach_every_rank():
    exp = experiment(ranks=3)
    trainer = DataParallelTrainer(exp)
    trainer.step()
    trainer.apply_live_settings(exp.replace(optimizer=OptimizerSpec(name="momentum", learning_rate=0.02, l2=0.01)))
    assert [opt.learning_rate for opt in trainer.optimizer.optimizers] == [0.02] * 3
    assert [m.l2 for m in trainer.replicas] == [0.01] * 3
    for _ in range(3):
        trainer.step()
    assert trainer.replicas_identical


# ----- cost model ---------------------------------------------------------------------------

def test_communication_time_per_algorithm():
    link = Link("test", 1e9, 1e-5)
    G = 4e6
    assert communication_seconds("ring", 4, G, link) == pytest.approx(6 * (1e-5 + 1e6 / 1e9))
    assert communication_seconds("tree", 4, G, link) == pytest.approx(4 * (1e-5 + 4e6 / 1e9))
    assert communication_seconds("tree", 5, G, link) == pytest.approx(6 * (1e-5 + 4e6 / 1e9))
    assert communication_seconds("sequential", 4, G, link) == pytest.approx(6 * (1e-5 + 4e6 / 1e9))
    assert all(communication_seconds(name, 1, G, link) == 0 for name in ("ring", "tree", "sequential"))
    # each ring rank sends 2(K-1)/K of the gradient: ever closer to twice it
    sent = [communication_seconds("ring", k, G, Link("x", 1.0, 0.0)) / G for k in (2, 4, 16)]
    assert sent == pytest.approx([1.0, 1.5, 30 / 16])


def test_speedup_curve():
    free = Link("free", math.inf, 0.0)
    curve = speedup_curve("per_rank_batch", 100, 1e-3, "ring", 1e6, free)
    assert len(curve) == 16 and curve[0] == pytest.approx(1.0)
    assert curve[3] == pytest.approx(4.0) and curve[2] == pytest.approx(100 / 34)  # 34 iterations for 3 ranks
    link = LINKS["ethernet"]
    blocks = speedup_curve("epoch_blocks", 100, 1e-3, "ring", 1e6, link, max_ranks=4)
    assert blocks[3] == pytest.approx(0.1 / (25e-3 + communication_seconds("ring", 4, 1e6, link)))
    assert epoch_seconds("per_rank_batch", 100, 4, 1e-3, "tree", 1e6, link) == pytest.approx(
        25 * (1e-3 + communication_seconds("tree", 4, 1e6, link)))


def test_fit_link_recovers_latency_and_bandwidth():
    sizes = np.array([1e3, 1e4, 1e5, 1e6, 1e7])
    fitted = fit_link(sizes, 20e-6 + sizes / 2e9)
    assert fitted.latency == pytest.approx(20e-6, rel=1e-9) and fitted.bandwidth == pytest.approx(2e9, rel=1e-9)
    times = 20e-6 + sizes / 2e9 + np.array([1e-6, -2e-6, 3e-6, 0.0, -1e-6])
    slope, intercept = np.polyfit(sizes, times, 1)
    noisy = fit_link(sizes, times)
    assert noisy.latency == pytest.approx(intercept) and noisy.bandwidth == pytest.approx(1 / slope)
    through_zero = fit_link([1e6, 2e6], [0.4e-3, 1.0e-3])  # the line would cross below 0
    assert through_zero.latency == 0 and through_zero.bandwidth == pytest.approx(5e12 / 2.4e3)
    with pytest.raises(ValueError, match="two or more different message sizes"):
        fit_link([1e6, 1e6], [1e-3, 2e-3])
    with pytest.raises(ValueError, match="do not grow"):
        fit_link([1e3, 1e6], [1e-3, 1e-4])


def test_each_iteration_is_timed_and_simulated_with_the_cost_model():
    exp = experiment(ranks=4, link="ethernet", latency_us=100.0)
    trainer = DataParallelTrainer(exp)
    for _ in range(3):
        trainer.step()
    record = trainer.last_parallel
    link = exp.parallel.interconnect
    assert link.latency == pytest.approx(100e-6) and link.bandwidth == LINKS["ethernet"].bandwidth
    assert record.communication_seconds == communication_seconds("ring", 4, trainer.gradient_bytes, link)
    assert all(s > 0 for s in record.compute_seconds)
    assert record.simulated_seconds == max(record.compute_seconds) + record.communication_seconds
    assert trainer.simulated_time == pytest.approx(trainer.parallel_history.column("simulated_time")[-1])
    assert trainer.measured_batch_seconds > 0


# ----- the experiment's parallel section ------------------------------------------------

def test_the_parallel_section_round_trips_and_is_absent_by_default():
    exp = experiment(ranks=8, schedule="epoch_blocks", algorithm="tree", reduce_dtype="float32", bandwidth_gb_s=2.5)
    assert Experiment.from_json(exp.to_json()) == exp
    plain = exp.replace(parallel=None)
    assert "parallel" not in plain.to_dict() and Experiment.from_json(plain.to_json()) == plain
    for name in preset_names():  # every preset but the parallel ones unchanged: no parallel section
        parallel = name.startswith("parallel-")
        assert (load_preset(name).parallel is not None) == parallel == ('"parallel":' in load_preset(name).to_json())
    assert isinstance(make_trainer(exp), DataParallelTrainer) and type(make_trainer(plain)) is Trainer


@pytest.mark.parametrize("section,field,message", [
    ({"ranks": 17}, "parallel.ranks", "must be in [1, 16]; got 17"),
    ({"ranks": 0}, "parallel.ranks", "must be in [1, 16]; got 0"),
    ({"schedule": "single"}, "parallel.ranks", "the single schedule is one process, so ranks must be 1; got 4"),
    ({"algorithm": "butterfly"}, "parallel.algorithm", "must be one of sequential, ring, tree; got 'butterfly'"),
    ({"reduce_dtype": "float16"}, "parallel.reduce_dtype", "must be one of float64, float32; got 'float16'"),
    ({"link": "carrier pigeon"}, "parallel.link", "must be one of pcie, ethernet; got 'carrier pigeon'"),
    ({"bandwidth_gb_s": 0}, "parallel.bandwidth_gb_s", "must be in (0.0, 1000000.0]; got 0.0"),
    ({"ranks": 2, "speed": 1}, "parallel.speed", "unknown key"),
    ([4], "parallel", "must be an object; got list"),
])
def test_a_bad_parallel_section_names_its_field(section, field, message):
    with pytest.raises(ExperimentError) as info:
        Experiment.from_dict({"parallel": section})
    assert info.value.field == field and message in str(info.value)


def test_repeating_one_batch_cannot_be_shared_out():
    with pytest.raises(ExperimentError) as info:
        Experiment.from_dict({"training": {"batch_mode": "repeat_one"}, "parallel": {}})
    assert info.value.field == "parallel" and "repeat_one" in str(info.value)


def test_no_single_batch_matches_when_dropping_breaks_the_grouping():
    exp = Experiment(data=DataSpec(samples=200), training=TrainingSpec(batch_size=7, partial_batch="drop"),
                     parallel=ParallelSpec(ranks=4))  # 100 samples: 14 batches of 7 kept, 98 not a multiple of 28
    with pytest.raises(ValueError, match="match no single batch size"):
        single_equivalent(exp)
    blocks = single_equivalent(exp.replace(parallel=ParallelSpec(ranks=4, schedule="epoch_blocks")))
    assert blocks.training.batch_size == 98
    drift = trajectory_drift(DataParallelTrainer(exp.replace(parallel=ParallelSpec(ranks=4, schedule="epoch_blocks"))),
                             Trainer(blocks), 5)
    assert len(drift) == 5 and drift.max() < 1e-12


def test_trajectories_are_compared_from_the_same_iteration():
    ahead, behind = DataParallelTrainer(experiment()), Trainer(single_equivalent(experiment()))
    ahead.step()
    with pytest.raises(ValueError, match="at iterations 1 and 0"):
        trajectory_drift(ahead, behind, 5)


def test_max_relative_difference():
    assert max_relative_difference([1.0, 2.0, -4.0], [1.0, 2.5, -4.0]) == 0.5 / 4.0
    assert max_relative_difference([0.0], [0.0]) == 0.0
