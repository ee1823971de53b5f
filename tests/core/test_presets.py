"""The shipped presets: they load, round-trip, and each one trains to a sensible result.

Also covers ``resource_path``, the only way the presets (and every shipped file) are found.
"""
import dataclasses
import json
import math
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

import nnplayground
from nnplayground import resources
from nnplayground.core import presets
from nnplayground.core.experiment import Experiment, ExperimentError
from nnplayground.core.parallel import make_trainer
from nnplayground.core.presets import (
    OTHER_TOPIC,
    TOPICS,
    list_presets,
    load_preset,
    presets_by_topic,
    presets_dir,
)
from nnplayground.core.trainer import Trainer

# Test-set metric each preset must reach with its own settings (accuracy; R^2 for regression).
THRESHOLDS = {
    "circle": 0.95,
    "xor": 0.90,
    "gaussian": 0.95,
    "spiral": 0.80,
    "blobs": 0.90,
    "regression-plane": 0.90,
    "regression-sine": 0.90,
    "batch-modes": 0.90,
}
REQUIRED = (*THRESHOLDS, "outliers-regression")
TOPIC_OF = {"circle": "basics", "xor": "basics", "gaussian": "basics", "spiral": "basics", "blobs": "basics",
            "batch-modes": "basics",
            "nonlinearity-linear": "activations", "nonlinearity-tanh": "activations",
            "vanishing-deep-sigmoid": "gradients", "exploding-deep-gain": "gradients", "large-init": "gradients",
            "exploding-sigmoid-large-weights": "gradients",
            "regression-plane": "regression", "regression-sine": "regression", "outliers-regression": "regression",
            "rnn-long-sequence": "sequences",
            "parallel-4-ranks-float64": "parallel", "parallel-4-ranks-float32": "parallel",
            "parallel-epoch-blocks": "parallel", "parallel-single-process": "parallel"}


def preset_names():
    return [p.name for p in list_presets()]


def test_required_presets_are_listed_sorted_with_topics_and_one_line_descriptions():
    presets = list_presets()
    names = [p.name for p in presets]
    assert set(REQUIRED) <= set(names)
    assert names == sorted(names)
    for name, topic, description in presets:
        assert description and "\n" not in description, name
        assert topic == TOPIC_OF[name]  # every shipped preset has its topic; none falls into "other"


def test_presets_group_by_topic_in_the_order_a_newcomer_meets_them():
    groups = presets_by_topic()
    assert [topic for topic, _ in groups] == list(TOPICS)
    assert {p.name: topic for topic, group in groups for p in group} == TOPIC_OF
    for _, group in groups:
        assert [p.name for p in group] == sorted(p.name for p in group)


def test_a_preset_file_without_a_known_topic_lands_in_other(tmp_path, monkeypatch):
    for name, topic in (("a", "basics"), ("b", "no-such-topic"), ("c", None)):
        d = {"description": f"preset {name}"} | ({"topic": topic} if topic else {})
        (tmp_path / f"{name}.json").write_text(json.dumps(d), encoding="utf-8")
    monkeypatch.setattr(presets, "presets_dir", lambda: tmp_path)
    assert presets.list_presets() == [("a", "basics", "preset a"), ("b", OTHER_TOPIC, "preset b"),
                                      ("c", OTHER_TOPIC, "preset c")]
    assert [(t, [p.name for p in g]) for t, g in presets.presets_by_topic()] == [("basics", ["a"]),
                                                                                 (OTHER_TOPIC, ["b", "c"])]


def test_the_two_outlier_presets_are_one():
    assert "regression-outliers" not in preset_names()
    assert load_preset("outliers-regression").data.outliers > 0


@pytest.mark.parametrize("name", REQUIRED)
def test_preset_file_is_experiment_json(name):
    d = json.loads((presets_dir() / f"{name}.json").read_text(encoding="utf-8"))
    assert d["format_version"] == 1 and d["topic"] in TOPICS
    assert d["name"] and "\n" not in d["description"]
    # Whatever the file leaves out takes its default; the file itself must stay valid as it is.
    assert Experiment.from_dict(d) == load_preset(name)


@pytest.mark.parametrize("name", REQUIRED)
def test_preset_round_trips(name):
    exp = load_preset(name)
    assert Experiment.from_dict(exp.to_dict()) == exp
    assert Experiment.from_dict(json.loads(exp.to_json())) == exp


def test_preset_tasks_match_their_purpose():
    for name in ("circle", "xor", "gaussian", "spiral"):
        assert load_preset(name).network.task == "binary", name
    blobs = load_preset("blobs")
    assert blobs.network.task == "multiclass" and blobs.num_classes >= 3
    for name in ("regression-plane", "regression-sine", "outliers-regression"):
        assert load_preset(name).network.task == "regression", name


def test_unknown_preset_names_the_known_ones():
    with pytest.raises(ExperimentError) as info:
        load_preset("no-such-preset")
    message = str(info.value)
    assert "no-such-preset" in message
    assert all(name in message for name in REQUIRED)


def test_preset_names_cannot_escape_the_folder():
    with pytest.raises(ExperimentError):
        load_preset("../presets/circle")


def train(experiment):
    trainer = Trainer(experiment)
    status = trainer.run()
    return status, trainer.evaluate()


@pytest.mark.parametrize("name", THRESHOLDS)
def test_preset_trains_to_a_sensible_result(name):
    status, ev = train(load_preset(name))
    assert status == "completed"
    assert ev.test_metric > THRESHOLDS[name], f"{name}: test {ev.metric_name} {ev.test_metric:.3f}"


def test_outliers_preset_shows_the_damage_that_huber_undoes():
    exp = load_preset("outliers-regression")
    assert exp.network.regression_loss == "mse"
    status, mse = train(exp)
    assert status == "completed"
    assert math.isfinite(mse.test_metric) and 0.0 < mse.test_metric < THRESHOLDS["regression-plane"]
    huber = exp.replace(network=dataclasses.replace(exp.network, regression_loss="huber"))
    _, robust = train(huber)
    assert robust.test_metric > 0.9
    assert robust.test_metric > mse.test_metric + 0.05


def test_the_nonlinearity_pair_differs_only_in_the_activation_and_only_tanh_fits_xor():
    linear, bent = load_preset("nonlinearity-linear"), load_preset("nonlinearity-tanh")
    assert linear.data == bent.data and linear.optimizer == bent.optimizer and linear.training == bent.training
    assert [h.units for h in linear.network.hidden] == [h.units for h in bent.network.hidden]
    assert {h.activation for h in linear.network.hidden} == {"linear"}
    assert {h.activation for h in bent.network.hidden} == {"tanh"}
    assert train(linear)[1].test_metric < 0.7  # one straight line cannot separate the quadrants
    assert train(bent)[1].test_metric > 0.9


def train_in_mode(experiment, mode, seed):
    """(trainer, the last iteration's batch loss, the final Evaluation) of ``experiment`` in batch ``mode``."""
    exp = experiment.replace(seed=seed, training=dataclasses.replace(experiment.training, batch_mode=mode))
    trainer, last = make_trainer(exp), []
    assert trainer.run(lambda record: last.append(record.train_loss)) == "completed"
    return trainer, last[-1], trainer.evaluate()


def loss_on(trainer, rows):
    """The trained network's mean loss on the training samples ``rows``, computed here afresh."""
    x, y = trainer.data.X_train[rows], trainer.data.Y_train[rows]
    return trainer.network.loss_and_outputs(trainer.network.inputs(x), y.T.copy())[0]


@pytest.mark.parametrize("seed", (1, 2, 3))
def test_the_batch_modes_preset_shows_one_repeated_batch_memorised_and_overfitted(seed):
    exp = load_preset("batch-modes")
    assert exp.training.batch_mode == "shuffle" and exp.train_samples > 10 * exp.training.batch_size
    _, _, shuffle = train_in_mode(exp, "shuffle", seed)
    _, _, fixed = train_in_mode(exp, "fixed", seed)
    trainer, batch_loss, repeat = train_in_mode(exp, "repeat_one", seed)
    # Memorised: the one batch it saw is fitted almost exactly, the rest of the training set is not.
    # (Measured on seeds 1-10: batch loss at most 6e-4, the whole training set's at least 0.65.)
    seen = trainer.schedule.epoch_order()[:exp.training.batch_size]
    unseen = np.setdiff1d(np.arange(exp.train_samples), seen)
    assert batch_loss < 0.01 and loss_on(trainer, seen) < 0.01
    assert loss_on(trainer, unseen) > 0.3 and repeat.train_loss > 100 * batch_loss
    # Overfitted: a test loss at least 10 times shuffle's on seeds 1-10, and lower accuracy.
    assert repeat.test_loss > 5 * shuffle.test_loss
    assert repeat.test_metric < shuffle.test_metric - 0.05
    # Shuffle and fixed order both see every sample each epoch: they end close (within 1.6x on seeds 1-10).
    assert 0.5 < fixed.test_loss / shuffle.test_loss < 2.0
    assert abs(fixed.test_metric - shuffle.test_metric) < 0.03


# ----- resource_path ------------------------------------------------------------------------

def test_resource_path_finds_the_shipped_presets_without_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = resources.resource_path("presets", "circle.json")
    assert path.is_absolute() and path.is_file()


def test_resource_path_prefers_a_pyinstaller_bundle(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("presets", "x.json") == tmp_path / "resources" / "presets" / "x.json"


def test_resource_path_prefers_wheel_resources_over_a_checkout(tmp_path, monkeypatch):
    package = tmp_path / "site" / "nnplayground"
    (package / "_resources").mkdir(parents=True)
    monkeypatch.setattr(resources, "__file__", str(package / "resources.py"))
    assert resources.resource_path("presets") == package / "_resources" / "presets"
    (package / "_resources").rmdir()  # a source checkout: resources/ beside the package
    assert resources.resource_path("presets") == tmp_path / "site" / "resources" / "presets"


def test_presets_travel_inside_the_wheel(tmp_path):
    pytest.importorskip("hatchling")
    from hatchling.builders.wheel import WheelBuilder

    root = Path(nnplayground.__file__).resolve().parent.parent
    (wheel,) = WheelBuilder(str(root)).build(directory=str(tmp_path / "dist"), versions=["standard"])
    with zipfile.ZipFile(wheel) as z:
        z.extractall(tmp_path / "site")
    script = ("from nnplayground.core.presets import list_presets, presets_dir; "
              "print(presets_dir()); print(len(list_presets()))")
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                            env={"PYTHONPATH": str(tmp_path / "site"), "PATH": ""}, timeout=60)
    assert result.returncode == 0, result.stderr
    folder, count = result.stdout.split()
    assert Path(folder) == tmp_path / "site" / "nnplayground" / "_resources" / "presets"
    assert int(count) == len(list_presets())
