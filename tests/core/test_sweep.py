"""core/sweep.py and core/executors.py: parsing --set and --seeds, the grid, one run per point,
and the same rows whichever executor trains them."""
import dataclasses
import math

import pytest

from nnplayground.core import Experiment
from nnplayground.core.executors import DaskExecutor, PoolExecutor, SerialExecutor, make_executor
from nnplayground.core.parallel import make_trainer
from nnplayground.core.presets import load_preset
from nnplayground.core.sweep import (SweepError, build_settings, expand, parse_seeds, parse_setting, run_point,
                                     sweep_header)
from nnplayground.core.validation import ExperimentError


def tiny(epochs=2) -> Experiment:
    exp = load_preset("circle")
    return exp.replace(data=dataclasses.replace(exp.data, samples=60),
                       training=dataclasses.replace(exp.training, epochs=epochs, batch_size=10))


def grid(base=None):
    base = base or tiny()
    settings = build_settings(base, ["optimizer.learning_rate=0.01,0.3", "optimizer.name=sgd,adam"])
    return settings, expand(base, settings, (1, 2))


@pytest.mark.parametrize("text, words", [
    ("optimizer.learning_rate", "section.field=value1,value2"),
    ("=0.1", "section.field=value1,value2"),
    ("optimizer.learning_rate=0.1,,0.3", "an empty value"),
    ("optimizer.learning_rate=0.1,0.1", "given twice"),
    ("seed=1,2", "--seeds"),
])
def test_malformed_set_is_one_sweep_error(text, words):
    with pytest.raises(SweepError, match=words):
        parse_setting(text)


@pytest.mark.parametrize("text, field", [
    ("optimizer.learning_rate=0.1,-1", "optimizer.learning_rate"),
    ("optimizer.name=sgd,rmsprop", "optimizer.name"),
    ("training.epochs=2,1.5", "training.epochs"),
    ("optimizer.speed=1", "optimizer.speed"),
    ("engine.speed=1", "engine"),
])
def test_a_bad_value_is_an_experiment_error_naming_the_field(text, field):
    with pytest.raises(ExperimentError) as caught:
        build_settings(tiny(), [text])
    assert caught.value.field == field
    assert "\n" not in str(caught.value)


def test_one_or_two_distinct_settings():
    base = tiny()
    with pytest.raises(SweepError, match="one or two"):
        build_settings(base, ["optimizer.l1=0,0.1", "optimizer.l2=0,0.1", "optimizer.momentum=0,0.5"])
    with pytest.raises(SweepError, match="twice"):
        build_settings(base, ["optimizer.l1=0,0.1", "optimizer.l1=0.2"])


def test_values_take_the_fields_types():
    path, values = parse_setting("optimizer.clip_norm=1,null,2.5")
    assert (path, values) == ("optimizer.clip_norm", (1, None, 2.5))
    assert parse_setting("optimizer.name=sgd,adam")[1] == ("sgd", "adam")
    points = expand(tiny(), build_settings(tiny(), ["optimizer.clip_norm=1,null"]), (0,))
    assert [p.experiment.optimizer.clip_norm for p in points] == [1.0, None]


def test_seeds():
    assert parse_seeds("3,1,2") == (3, 1, 2)
    for bad, words in (("1,x", "not a whole number"), ("1,-1", "not in"), ("1,1", "twice")):
        with pytest.raises(SweepError, match=words):
            parse_seeds(bad)


def test_grid_order_and_experiments():
    settings, points = grid()
    expected = [(lr, name, seed) for lr in (0.01, 0.3) for name in ("sgd", "adam") for seed in (1, 2)]
    assert [(*p.values, p.seed) for p in points] == expected
    assert [p.index for p in points] == list(range(8))
    for p, (lr, name, seed) in zip(points, expected):
        assert p.experiment == tiny().replace(seed=seed, optimizer=dataclasses.replace(
            tiny().optimizer, learning_rate=lr, name=name))
    assert sweep_header(settings, "accuracy")[:4] == ["optimizer.learning_rate", "optimizer.name", "seed", "status"]


def test_an_impossible_combination_is_refused_before_training():
    base = tiny().replace(training=dataclasses.replace(tiny().training, partial_batch="drop", batch_size=1))
    settings = build_settings(base, ["data.samples=60,4", "training.batch_size=1,10"])  # each value fits alone
    with pytest.raises(ExperimentError, match="training.batch_size"):
        expand(base, settings, (0,))


def test_a_row_is_the_run_of_a_trainer_with_those_settings():
    _, points = grid()
    point = points[7]  # lr 0.3, adam, seed 2
    result = run_point(point)
    exp = tiny().replace(seed=2, optimizer=dataclasses.replace(tiny().optimizer, learning_rate=0.3, name="adam"))
    trainer = make_trainer(exp)
    status = trainer.run()
    evaluation = trainer.evaluate()
    row = result.row
    assert (row.values, row.seed, row.status) == ((0.3, "adam"), 2, status)
    assert (row.test_loss, row.train_loss, row.metric) == (
        evaluation.test_loss, evaluation.train_loss, evaluation.test_metric)
    assert (row.iterations, row.epochs) == (trainer.iteration, 2)
    assert trainer.iteration == 2 * math.ceil(exp.train_samples / 10)
    lines = result.metrics_csv.splitlines()
    assert len(lines) == 1 + trainer.iteration and lines[0].startswith("iteration,")
    assert float(lines[-1].split(",")[4]) == trainer.history.column("train_loss")[-1]


def test_a_stopped_run_is_dropped():
    _, points = grid()
    assert run_point(points[0], should_stop=lambda: True) is None
    assert list(SerialExecutor().results(points, lambda: True)) == []


def test_a_stop_seen_on_the_last_iteration_keeps_the_run():
    _, points = grid()
    whole = run_point(points[0])
    calls = []

    def stop_at_the_end():
        calls.append(1)
        return len(calls) >= whole.row.iterations

    late = run_point(points[0], should_stop=stop_at_the_end)
    assert late is not None and late.row.identity() == whole.row.identity()
    assert len(calls) == whole.row.iterations


def identities(results):
    return sorted(r.row.identity() for r in results)


def test_serial_pool_and_dask_give_identical_rows():
    from dask.distributed import LocalCluster

    _, points = grid()
    serial = identities(SerialExecutor().results(points, lambda: False))
    assert len(serial) == len(points)
    pool = identities(PoolExecutor(2).results(points, lambda: False))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        dask = identities(DaskExecutor(cluster.scheduler_address).results(points, lambda: False))
    assert serial == pool == dask
    assert len({row[5] for row in serial}) > 1  # the test losses differ: the settings did reach the runs


def test_default_executor():
    assert isinstance(make_executor(1, None), SerialExecutor)
    assert isinstance(make_executor(3, None), PoolExecutor)


def test_a_run_failing_on_the_dask_cluster_is_one_executor_error():
    from dask.distributed import LocalCluster

    from nnplayground.core.executors import ExecutorError

    _, points = grid()
    broken = dataclasses.replace(points[0], experiment=None)  # make_trainer raises on the worker
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        with pytest.raises(ExecutorError, match="a run failed on the Dask cluster: AttributeError"):
            list(DaskExecutor(cluster.scheduler_address).results([broken], lambda: False))


def test_a_layer_field_is_set_in_every_hidden_layer():
    from nnplayground.core.sweep import with_values
    base = load_preset("circle")
    swept = with_values(base, ["network.hidden.activation", "network.hidden.units"], ["relu", 3], 5)
    assert [(h.activation, h.units) for h in swept.network.hidden] == [("relu", 3)] * len(base.network.hidden)
    assert swept.seed == 5 and swept.network.init == base.network.init
    with pytest.raises(ExperimentError, match="unknown setting; network.hidden has units, activation, alpha"):
        with_values(base, ["network.hidden.colour"], ["red"], 1)
    with pytest.raises(ExperimentError, match="network.hidden: is not a section"):  # only its layers' fields are
        with_values(base, ["network.hidden.units.x.y"], [1], 1)


def test_every_listed_setting_takes_each_suggested_value():
    from nnplayground.core.sweep import with_values
    from nnplayground.core.sweep_settings import CHOICES, current_value, suggested_values, sweepable
    base = load_preset("circle")
    paths = sweepable(base)
    assert {"optimizer.learning_rate", "training.batch_mode", "network.hidden.activation", "dtype"} <= set(paths)
    assert not {"seed", "name", "description", "format_version"} & set(paths)
    for path in paths:
        values = suggested_values(base, path)
        for value in values:  # each one makes a valid experiment that holds it
            assert current_value(with_values(base, [path], [value], 1), path) == value
    assert suggested_values(base, "optimizer.learning_rate") == (0.033, 0.1, 0.3)  # circle's 0.1 over 3 and times 3
    assert suggested_values(base, "training.batch_size") == (5, 10, 20)
    assert suggested_values(base, "optimizer.momentum") == (0.3, 0.9)  # 2.7 is not a momentum
    assert suggested_values(base, "training.batch_mode") == CHOICES["training.batch_mode"]
