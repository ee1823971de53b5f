"""The compiled engine against the NumPy engine, record by record.

The two sum in different orders (BLAS against the kernel's loops), so their numbers differ in
the last bits of the first iteration and, as in any two implementations, the difference grows
as training goes on. So: every record of the first iterations agrees to the dtype's rounding
(float64 1e-12 relative to the record's scale, float32 16 ulps), every record of three epochs
agrees to 1e-9 in float64, and everything discrete (iterations, epochs, batches, samples,
statuses, clipping, evaluations, divergence) is equal throughout.
"""
import itertools

import numpy as np
import pytest

from nnplayground.core import DataSpec, Experiment, LayerSpec, NetworkSpec, OptimizerSpec, Trainer, TrainingSpec
from nnplayground.core.compiled.engine import COMPILER
from nnplayground.core.parallel import make_trainer
from nnplayground.core.presets import list_presets, load_preset
from nnplayground.core.runs import RunRecord, max_difference, repeat

VALUES = ("train_loss", "global_grad_norm", "grad_norm", "weight_norm", "update_ratio", "activation_sums")
DISCRETE = ("iteration", "epoch", "batch", "batches_per_epoch", "samples_seen", "status", "clipped", "outliers")
TASKS = (("binary", "mse"), ("multiclass", "mse"), ("regression", "mse"), ("regression", "huber"))
DATASETS = {"binary": "circle", "multiclass": "blobs", "regression": "plane"}


def experiment(dtype, activation, task, loss, optimizer, regularized, **training):
    l1, l2, clip = (1e-3, 1e-3, 0.5) if regularized else (0.0, 0.0, None)
    return Experiment(
        dtype=dtype, data=DataSpec(dataset=DATASETS[task], samples=200, classes=3 if task == "multiclass" else 2),
        network=NetworkSpec(task=task, regression_loss=loss, hidden=(LayerSpec(5, activation), LayerSpec(3, activation))),
        optimizer=OptimizerSpec(name=optimizer, learning_rate=0.05, l1=l1, l2=l2, clip_norm=clip),
        training=TrainingSpec(batch_size=16, epochs=3, **training))


def records(exp, engine, iterations=None):
    trainer = Trainer(exp, engine=engine)
    trainer.wait_for_engine()
    seen = []
    trainer.run(seen.append, max_iterations=iterations)
    return trainer, seen


def error(a, b) -> float:
    """max |a - b| over the record's field, relative to the field's largest magnitude."""
    a, b = np.atleast_1d(np.asarray(a, float)), np.atleast_1d(np.asarray(b, float))
    assert np.array_equal(np.isfinite(a), np.isfinite(b))
    finite = np.isfinite(a)
    scale = np.abs(a[finite]).max(initial=0.0)
    return 0.0 if scale == 0 else float(np.abs(a[finite] - b[finite]).max(initial=0.0) / scale)


def assert_same_records(numpy_records, compiled_records, tolerance, first=None, first_tolerance=None):
    assert len(numpy_records) == len(compiled_records)
    for n, (a, b) in enumerate(zip(numpy_records, compiled_records)):
        assert [getattr(a, f) for f in DISCRETE] == [getattr(b, f) for f in DISCRETE]
        assert (a.evaluation is None) == (b.evaluation is None) and a.divergence == b.divergence
        assert np.array_equal(a.activation_counts, b.activation_counts)
        bound = first_tolerance if first is not None and n < first else tolerance
        for name in VALUES:
            assert error(getattr(a, name), getattr(b, name)) <= bound, (n, name, getattr(a, name), getattr(b, name))


COMBINATIONS = list(itertools.product(("sigmoid", "tanh", "relu", "leaky_relu", "linear"), TASKS,
                                      ("sgd", "momentum", "adam"), (False, True)))


@pytest.mark.parametrize("activation, task_loss, optimizer, regularized", COMBINATIONS)
def test_every_combination_trains_the_same_records_in_float64(activation, task_loss, optimizer, regularized):
    exp = experiment("float64", activation, *task_loss, optimizer, regularized)
    numpy_trainer, expected = records(exp, "numpy")
    compiled_trainer, got = records(exp, "compiled")
    assert compiled_trainer.engine_log == [(0, "compiled")] and numpy_trainer.engine_log == [(0, "numpy")]
    assert_same_records(expected, got, 1e-9, first=5, first_tolerance=1e-12)
    assert len(got) == 21 and got[-1].status == "completed"
    for column in numpy_trainer.history.columns:  # the history the plots draw, row by row
        assert np.allclose(numpy_trainer.history.column(column), compiled_trainer.history.column(column),
                           rtol=1e-9, atol=0, equal_nan=True), column
    assert numpy_trainer.history.x.tolist() == compiled_trainer.history.x.tolist()


@pytest.mark.parametrize("activation, task_loss, optimizer, regularized", COMBINATIONS)
def test_every_combination_trains_the_same_first_records_in_float32(activation, task_loss, optimizer, regularized):
    exp = experiment("float32", activation, *task_loss, optimizer, regularized)
    _, expected = records(exp, "numpy")
    _, got = records(exp, "compiled")
    ulp = float(np.finfo(np.float32).eps)
    assert_same_records(expected[:2], got[:2], 16 * ulp)  # later float32 records drift apart as any two would
    for a, b in zip(expected, got):
        assert [getattr(a, f) for f in DISCRETE[:5]] == [getattr(b, f) for f in DISCRETE[:5]]


def test_batch_orders_are_the_same_stream_on_both_engines():
    """Evaluation every 5 iterations and a partial batch: slices end there and at epoch ends."""
    exp = experiment("float64", "tanh", "binary", "mse", "sgd", False, eval_every=5, batch_mode="shuffle")
    exp = exp.replace(training=TrainingSpec(batch_size=30, epochs=4, eval_every=5))
    (a, expected), (b, got) = records(exp, "numpy"), records(exp, "compiled")
    assert_same_records(expected, got, 1e-9, first=3, first_tolerance=1e-12)
    assert [r.iteration for r in got if r.evaluation is not None] == [r.iteration for r in expected if r.evaluation]
    assert a.eval_history.x.tolist() == b.eval_history.x.tolist()
    assert np.allclose(a.eval_history.column("test_loss"), b.eval_history.column("test_loss"), rtol=1e-9, atol=0)


@pytest.mark.parametrize("name", [p.name for p in list_presets()])
def test_every_preset_trains_the_same_on_both_engines(name):
    exp = load_preset(name)
    numpy_trainer, expected = records(exp, "numpy", iterations=40)
    compiled_trainer, got = records(exp, "compiled", iterations=40)
    covered = compiled_trainer.engine_in_use == "compiled"  # dense nets; RNNs and data-parallel stay NumPy
    assert compiled_trainer.engine_log == [(0, "compiled" if covered else "numpy")]
    if not covered:
        assert_same_records(expected, got, 0.0)  # the same NumPy steps
    elif exp.dtype == "float64":  # the gradient presets amplify the last bits on purpose: compare where they are
        assert_same_records(expected[:3], got[:3], 1e-12)  # large-init grows them 100x per iteration
    else:
        assert_same_records(expected[:2], got[:2], 16 * float(np.finfo(np.float32).eps))
    for a, b in zip(expected, got):
        assert [getattr(a, f) for f in DISCRETE[:5]] == [getattr(b, f) for f in DISCRETE[:5]]


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("rate, activation, task", [(50.0, "relu", "regression"), (50.0, "linear", "binary"),
                                                    (1e6, "relu", "binary"), (1e6, "tanh", "regression")])
def test_a_divergence_is_found_at_the_same_iteration_layer_and_place(dtype, rate, activation, task):
    exp = Experiment(dtype=dtype, data=DataSpec(dataset=DATASETS[task], samples=200),
                     network=NetworkSpec(task=task, hidden=(LayerSpec(8, activation),) * 3, init="normal", init_param=3.0),
                     optimizer=OptimizerSpec(name="sgd", learning_rate=rate), training=TrainingSpec(batch_size=8, epochs=50))
    (a, expected), (b, got) = records(exp, "numpy"), records(exp, "compiled")
    assert a.status == b.status == "diverged" and a.divergence == b.divergence
    assert got[-1].divergence == b.divergence and [r.iteration for r in got] == [r.iteration for r in expected]
    if dtype == "float64":  # the same last state, to a few iterations of amplified rounding
        assert np.allclose(a.network.theta, b.network.theta, rtol=1e-9, atol=0, equal_nan=True)


def test_switching_engines_mid_run_is_seamless_and_a_repeat_switches_where_the_original_did():
    exp = experiment("float64", "tanh", "binary", "mse", "adam", True).replace(
        training=TrainingSpec(batch_size=16, epochs=10))
    switched = Trainer(exp, engine="numpy")
    switched.advance(37)
    switched.engine = "compiled"
    switched.run()
    assert switched.engine_log == [(0, "numpy"), (37, "compiled")]
    straight, _ = records(exp, "compiled")
    assert abs(switched.last_evaluation.test_loss - straight.last_evaluation.test_loss) < 1e-9  # no visible jump
    h = switched.history
    original = RunRecord.from_history("Run 1", exp, switched.status, switched.iteration, switched.last_evaluation,
                                      h.x, {c: h.column(c) for c in h.columns}, None, switched.engine_log)
    again = repeat(exp, original.iterations, "Run 2", engines=original.engines)
    assert again.engines == original.engines and max_difference(original, again) == 0.0
    back = RunRecord.from_dict(original.to_dict())
    assert back.engines == original.engines


def test_on_step_sees_every_iteration_trained_when_it_stops_a_compiled_slice():
    trainer = Trainer(experiment("float64", "tanh", "binary", "mse", "sgd", False), engine="compiled")
    trainer.wait_for_engine()
    seen = []
    trainer.run(lambda record: seen.append(record.iteration) or record.iteration == 3)
    assert seen == list(range(1, trainer.iteration + 1)) and 3 <= trainer.iteration <= 7  # the slice is one epoch


def test_live_settings_reach_the_kernel():
    exp = experiment("float64", "tanh", "regression", "mse", "momentum", False)
    changed = exp.replace(optimizer=OptimizerSpec(name="momentum", learning_rate=0.01, l2=0.01, clip_norm=0.1))
    ends = []
    for engine in ("numpy", "compiled"):
        trainer = Trainer(exp, engine=engine)
        trainer.wait_for_engine()
        trainer.advance(10)
        trainer.apply_live_settings(changed)
        ends.append(trainer.advance(5))
    assert ends[0].clipped and ends[1].clipped
    assert error(ends[0].train_loss, ends[1].train_loss) < 1e-9 and error(ends[0].weight_norm, ends[1].weight_norm) < 1e-9


def test_the_kernel_is_compiled_for_both_dtypes_and_timed():
    for dtype in ("float64", "float32"):
        assert COMPILER.wait(dtype) is not None and COMPILER.seconds[np.dtype(dtype)] > 0
    assert COMPILER.error is None


@pytest.mark.parametrize("capacity", [2, 4, 16])
def test_a_history_extended_in_blocks_keeps_the_rows_appending_them_one_by_one_keeps(capacity):
    """The compiled engine hands the history a slice's rows at once (MetricHistory.extend)."""
    from nnplayground.core.history import MetricHistory

    rng = np.random.default_rng(capacity)
    one_by_one, blocks = MetricHistory(("a", "b"), capacity), MetricHistory(("a", "b"), capacity)
    total = 0
    for _ in range(40):
        x = np.arange(total, total + int(rng.integers(0, 50)), dtype=float)
        rows = np.column_stack([x * 2, -x])
        for value, row in zip(x, rows):
            one_by_one.append(value, row)
        blocks.extend(x, rows)
        total += len(x)
        assert (len(blocks), blocks.stride) == (len(one_by_one), one_by_one.stride)
        assert blocks.x.tolist() == one_by_one.x.tolist() and blocks.column("b").tolist() == one_by_one.column("b").tolist()


def test_wide_or_deep_nets_recurrent_nets_and_data_parallel_runs_train_on_numpy_and_say_why():
    wide = experiment("float64", "relu", "binary", "mse", "sgd", False).replace(
        network=NetworkSpec(hidden=(LayerSpec(64, "relu"), LayerSpec(64, "relu"))))
    narrow = experiment("float64", "relu", "binary", "mse", "sgd", False).replace(
        network=NetworkSpec(hidden=(LayerSpec(32, "relu"), LayerSpec(32, "relu"))))  # 32 x 32 = 1024 weights, 64 x 16 values
    deep = narrow.replace(network=NetworkSpec(hidden=(LayerSpec(16, "tanh"),) * 20),  # 320 units x 16 > 4,096 values
                          training=TrainingSpec(batch_size=16, epochs=3))
    for exp, state in ((wide, "not covered"), (narrow, "compiled"), (deep, "not covered"),
                       (load_preset("rnn-long-sequence"), "not covered"),
                       (load_preset("parallel-4-ranks-float64"), "not covered")):
        trainer = make_trainer(exp)  # a DataParallelTrainer for the parallel preset
        trainer.wait_for_engine()
        assert trainer.engine_state == state, exp.name
        trainer.advance(3)
        assert trainer.engine_log == [(0, "compiled" if state == "compiled" else "numpy")]
    assert Trainer(narrow, engine="numpy").engine_state == "numpy"
    with pytest.raises(ValueError, match="engine must be one of compiled, numpy"):
        Trainer(narrow, engine="fast")
