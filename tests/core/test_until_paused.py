"""EPOCHS "until paused" (epochs null), and the best evaluation so far that the headline shows."""
import dataclasses
import json

import pytest

from nnplayground.core import Experiment, ExperimentError, Trainer
from nnplayground.core.presets import load_preset
from nnplayground.core.snapshot import SnapshotTaker


def circle(epochs, batch_size=25):
    exp = load_preset("circle")
    return exp.replace(training=dataclasses.replace(exp.training, epochs=epochs, batch_size=batch_size))


def test_epochs_null_round_trips_and_integer_files_keep_working():
    forever = circle(None)
    text = forever.to_json()
    assert json.loads(text)["training"]["epochs"] is None
    assert Experiment.from_json(text) == forever
    assert Experiment.from_json(circle(40).to_json()).training.epochs == 40


@pytest.mark.parametrize("epochs", [0, -3, 10_000_001, "many", True, 2.5])
def test_a_bad_epochs_value_names_the_field(epochs):
    d = circle(40).to_dict()
    d["training"]["epochs"] = epochs
    with pytest.raises(ExperimentError) as info:
        Experiment.from_dict(d)
    assert info.value.field == "training.epochs"


def test_out_of_range_epochs_say_that_null_trains_until_paused():
    d = circle(40).to_dict()
    d["training"]["epochs"] = 0
    with pytest.raises(ExperimentError, match="or null to train until paused; got 0"):
        Experiment.from_dict(d)


def test_until_paused_trains_past_any_budget_and_never_completes():
    trainer = Trainer(circle(None))
    per_epoch = trainer.schedule.batches_per_epoch
    assert trainer.total_iterations is None and not trainer.budget_spent
    assert trainer.run(max_iterations=3 * per_epoch) == "training"
    assert trainer.iteration == 3 * per_epoch and trainer.completed_epochs == 3
    assert SnapshotTaker(trainer, plane=False).take().total_iterations is None


def test_a_finished_run_trains_on_until_paused_and_a_budget_stops_it_again():
    trainer = Trainer(circle(1))
    per_epoch = trainer.schedule.batches_per_epoch
    assert trainer.run() == "completed" and trainer.iteration == per_epoch
    trainer.apply_live_settings(circle(None))
    assert trainer.status == "training"
    trainer.run(max_iterations=per_epoch)
    assert trainer.iteration == 2 * per_epoch
    trainer.apply_live_settings(circle(2))
    assert trainer.status == "completed"  # the new budget is spent already


def test_the_best_so_far_is_the_best_of_every_evaluation():
    trainer = Trainer(circle(None))
    seen = []
    trainer.run(lambda record: record.evaluation is not None and seen.append(record.evaluation),
                max_iterations=12 * trainer.schedule.batches_per_epoch)
    assert len(seen) == 12
    best = trainer.best
    assert best.train_loss == min(ev.train_loss for ev in seen)
    assert best.test_loss == min(ev.test_loss for ev in seen)
    assert best.test_metric == max(ev.test_metric for ev in seen)
    assert best.train_metric == max(ev.train_metric for ev in seen)
    assert best.test_loss < seen[0].test_loss  # it learned, so the best is not the first
    snapshot = SnapshotTaker(trainer, plane=False).take()
    assert snapshot.best == best
    trainer.reset()
    assert trainer.best is None

