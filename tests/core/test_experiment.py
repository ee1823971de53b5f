"""The experiment description: validation messages, JSON round trips, atomic saves."""
import dataclasses
import json
import os

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from nnplayground.core import (DataSpec, Experiment, ExperimentError, LayerSpec, NetworkSpec,
                               OptimizerSpec, Trainer, TrainingSpec, live_change)
from nnplayground.core.presets import load_preset


def rich_experiment():
    return Experiment(
        name="demo", description="every section away from its default", seed=42, dtype="float32",
        data=DataSpec(dataset="blobs", classes=4, samples=300, noise=0.2, features=("x1", "x2", "x1*x2"),
                      extra_points=((1.5, -2.0, 3),)),
        network=NetworkSpec(task="multiclass", hidden=(LayerSpec(6, "leaky_relu", 0.2), LayerSpec(3, "sigmoid")),
                            init="normal", init_param=0.3, init_gain=2.0),
        optimizer=OptimizerSpec(name="adam", learning_rate=0.01, l2=0.001, clip_norm=5.0),
        training=TrainingSpec(batch_size=32, epochs=7, batch_mode="fixed", partial_batch="drop", target_loss=0.1),
    )


def test_json_round_trip_is_identical(tmp_path):
    exp = rich_experiment()
    assert Experiment.from_dict(exp.to_dict()) == exp
    path = tmp_path / "exp.json"
    exp.save(path)
    assert Experiment.load(path) == exp
    assert json.loads(path.read_text())["format_version"] == 1


@pytest.mark.parametrize("change,field", [
    ({"bogus": 1}, "bogus"),
    ({"network": {"hidden": [{"units": -3}]}}, "network.hidden[0].units"),
    ({"network": {"hidden": [{"units": 4, "activation": "swish"}]}}, "network.hidden[0].activation"),
    ({"network": {"hidden": [{"activation": "tanh"}]}}, "network.hidden[0].units"),
    ({"data": {"samples": "many"}}, "data.samples"),
    ({"data": {"noise": 2}}, "data.noise"),
    ({"data": {"features": ["x3"]}}, "data.features[0]"),
    ({"data": {"extra_points": [[1, 2]]}}, "data.extra_points[0]"),
    ({"data": {"extra_points": [[1, 2, 5]]}}, "data.extra_points[0]"),
    ({"optimizer": {"learning_rate": 0}}, "optimizer.learning_rate"),
    ({"optimizer": {"name": "rmsprop"}}, "optimizer.name"),
    ({"training": {"batch_size": 0}}, "training.batch_size"),
    ({"training": {"extra": True}}, "training.extra"),
    ({"dtype": "float16"}, "dtype"),
    ({"format_version": 99}, "format_version"),
    ({"data": {"dataset": "plane"}}, "network.task"),
    ({"data": {"dataset": "blobs", "classes": 5}}, "network.task"),
])
def test_bad_values_are_rejected_naming_the_field(change, field):
    with pytest.raises(ExperimentError) as info:
        Experiment.from_dict(change)
    assert info.value.field == field
    assert str(info.value).startswith(field)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("beta", ["beta1", "beta2"])
def test_adam_betas_must_stay_below_one(beta):
    for bad in (1, 1.0, 1.5, -0.1):
        with pytest.raises(ExperimentError) as info:
            Experiment.from_dict({"optimizer": {"name": "adam", beta: bad}})
        assert info.value.field == f"optimizer.{beta}"
        assert str(info.value) == f"optimizer.{beta}: must be in [0.0, 1.0); got {float(bad)!r}"
    assert getattr(Experiment.from_dict({"optimizer": {beta: 0.0}}).optimizer, beta) == 0.0
    assert getattr(Experiment.from_dict({"optimizer": {beta: 0.9999}}).optimizer, beta) == 0.9999


def test_adam_with_betas_near_one_steps_each_weight_by_the_learning_rate_and_trains():
    """Bias correction makes Adam's first step -lr * g / (|g| + eps): about lr per weight,
    against the gradient, however close to 1 the betas are."""
    exp = Experiment.from_dict({"seed": 3, "data": {"noise": 0.1},
                                "optimizer": {"name": "adam", "learning_rate": 0.01, "beta1": 0.999, "beta2": 0.9999},
                                "training": {"epochs": 40}})
    trainer = Trainer(exp)
    before = trainer.network.theta.copy()
    trainer.step()
    grad = trainer.network.grad
    expected = -0.01 * grad / (np.abs(grad) + 1e-8)
    np.testing.assert_allclose(trainer.network.theta - before, expected, rtol=1e-6, atol=1e-12)
    first_loss = trainer.evaluate().train_loss
    assert trainer.run() == "completed"
    final = trainer.evaluate()
    assert np.isfinite(final.train_loss) and final.train_loss < 0.5 * first_loss
    assert final.test_metric > 0.9


def test_nan_and_booleans_are_not_numbers():
    for bad in (float("nan"), float("inf"), True):
        with pytest.raises(ExperimentError, match="optimizer.learning_rate"):
            Experiment.from_dict({"optimizer": {"learning_rate": bad}})


@pytest.mark.parametrize("text,message", [("{", "not valid JSON"), ("[1, 2]", "JSON object"), ("", "not valid JSON")])
def test_malformed_files_get_a_clear_message(tmp_path, text, message):
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(ExperimentError, match=message):
        Experiment.load(path)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ExperimentError, match="no such file"):
        Experiment.load(tmp_path / "nope.json")


@pytest.mark.parametrize("section, changes", [
    ("optimizer", {"learning_rate": 0.3}), ("optimizer", {"l1": 0.01, "l2": 0.02}), ("optimizer", {"clip_norm": 1.0}),
    ("training", {"epochs": 3}), ("training", {"eval_every": 5}), ("training", {"target_loss": 0.1}),
    ("training", {"patience": 4}), ("", {"name": "renamed", "description": "new words"}),
])
def test_live_changes_are_what_a_running_trainer_can_adopt(section, changes):
    base = Experiment()
    new = base.replace(**{section: dataclasses.replace(getattr(base, section), **changes)} if section else changes)
    assert new != base and live_change(base, new) and live_change(new, base)


@pytest.mark.parametrize("section, changes", [
    ("", {"seed": 9}), ("", {"dtype": "float32"}), ("data", {"noise": 0.2}), ("network", {"hidden": (LayerSpec(5),)}),
    ("optimizer", {"name": "adam"}), ("optimizer", {"momentum": 0.5}), ("training", {"batch_size": 20}),
    ("training", {"batch_mode": "fixed"}),
])
def test_other_changes_need_a_new_trainer(section, changes):
    base = Experiment()
    new = base.replace(**{section: dataclasses.replace(getattr(base, section), **changes)} if section else changes)
    assert not live_change(base, new) and not live_change(new, base)


def test_a_failed_save_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "exp.json"
    Experiment(name="old").save(path)

    def broken_replace(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        Experiment(name="new").save(path)
    assert Experiment.load(path).name == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["exp.json"]


def test_replace_validates():
    with pytest.raises(ExperimentError, match="seed"):
        Experiment().replace(seed=-1)
    assert Experiment().replace(seed=5).seed == 5


def test_hand_placed_points_join_the_training_set():
    plain = Trainer(Experiment())
    extra = Trainer(Experiment(data=DataSpec(extra_points=((0.5, -0.5, 1), (5.0, 5.0, 0)))))
    assert len(extra.data.X_train) == len(plain.data.X_train) + 2
    assert extra.data.train_points[-2:].tolist() == [[0.5, -0.5], [5.0, 5.0]]
    assert extra.data.Y_train[-2:, 0].tolist() == [1.0, 0.0]


def test_a_new_draw_changes_the_data_but_not_the_initial_weights():
    first, second = Trainer(Experiment()), Trainer(Experiment(data=DataSpec(draw=1)))
    assert not np.array_equal(first.data.X_train, second.data.X_train)
    assert np.array_equal(first.network.theta, second.network.theta)


layer = st.builds(LayerSpec, units=st.integers(1, 64), activation=st.sampled_from(["sigmoid", "tanh", "relu", "leaky_relu", "linear"]),
                  alpha=st.floats(0, 1))
experiments = st.builds(
    Experiment, seed=st.integers(0, 2**63 - 1), dtype=st.sampled_from(["float64", "float32"]),
    data=st.builds(DataSpec, dataset=st.sampled_from(["circle", "xor", "spiral"]), samples=st.integers(10, 5000),
                   noise=st.floats(0, 1), train_fraction=st.floats(0.1, 0.9)),
    network=st.builds(NetworkSpec, hidden=st.lists(layer, max_size=6).map(tuple)),
    optimizer=st.builds(OptimizerSpec, learning_rate=st.floats(1e-6, 10), l1=st.floats(0, 1), l2=st.floats(0, 1)),
    training=st.builds(TrainingSpec, batch_size=st.integers(1, 500), epochs=st.integers(1, 1000)),
)


@settings(max_examples=60, deadline=None)
@given(experiments)
def test_any_valid_experiment_survives_a_json_round_trip(exp):
    assert Experiment.from_dict(json.loads(exp.to_json())) == exp


def test_the_adding_task_needs_two_steps_to_add():
    sequences = load_preset("rnn-long-sequence")
    with pytest.raises(ExperimentError, match=r"^sequence_length: the adding task adds two marked steps"):
        sequences.replace(data=dataclasses.replace(sequences.data, dataset="adding", sequence_length=1))
    two = sequences.replace(data=dataclasses.replace(sequences.data, dataset="adding", sequence_length=2))
    assert np.isfinite(Trainer(two).step().train_loss)


@pytest.mark.parametrize("points, message", [
    (((1e300, 1e300, 1.0),), r"^extra_points\[0\]\[0\]: must be in \[-1000000.0, 1000000.0\]; got 1e\+300"),
    (((0.5, float("nan"), 1.0),), r"^extra_points\[0\]\[1\]: must be in"),
    (((0.5, 0.5, 1.0),) * 100_001, r"^extra_points: at most 100,000 hand-placed points; got 100,001"),
])
def test_hand_placed_points_are_limited_in_number_and_size(points, message):
    circle = load_preset("circle")
    with pytest.raises(ExperimentError, match=message):
        circle.replace(data=dataclasses.replace(circle.data, extra_points=points))
