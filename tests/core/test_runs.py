"""The runs list: records built from the trainer's history, exact repeats, persistence."""
import dataclasses
import math

import numpy as np
import pytest

from nnplayground.core.presets import load_preset
from nnplayground.core.runs import (RunList, RunRecord, RunsError, differences, max_difference, repeat,
                                    runs_path)
from nnplayground.core.snapshot import SnapshotTaker
from nnplayground.core.trainer import Trainer


@pytest.fixture(scope="module")
def circle():
    return load_preset("circle")


def test_a_record_holds_the_trainers_history_columns_and_final_evaluation(circle):
    trainer = Trainer(circle)
    trainer.advance(40)
    snapshot = SnapshotTaker(trainer).take()
    record = RunRecord.from_snapshot("Run 1", snapshot, None)
    h = trainer.history
    assert np.array_equal(record.curves["iteration"], h.x)
    assert np.array_equal(record.curves["train_loss"], h.column("train_loss"))
    assert np.array_equal(record.curves["grad_norm"], h.column("global_grad_norm"))
    assert np.array_equal(record.curves["metric"], h.column("accuracy"), equal_nan=True)
    assert record.iterations == 40 and record.seed == circle.seed and record.differs == "first run"
    assert record.final["test_loss"] == trainer.last_evaluation.test_loss


def test_a_repeat_with_the_same_seed_is_identical_and_a_new_seed_is_not(circle):
    trainer = Trainer(circle)
    trainer.advance(60)
    original = RunRecord.from_snapshot("Run 1", SnapshotTaker(trainer).take(), None)
    again = repeat(circle, 60, "Run 2", original.experiment)
    assert max_difference(original, again) == 0.0
    assert again.differs == "same settings"
    other = repeat(circle.replace(seed=circle.seed + 1), 60, "Run 3", original.experiment)
    assert other.differs == f"seed {circle.seed} -> {circle.seed + 1}"
    assert 0 < max_difference(original, other) < math.inf


def test_differences_name_the_changed_fields(circle):
    faster = circle.replace(optimizer=dataclasses.replace(circle.optimizer, learning_rate=0.3))
    text = differences(circle.to_dict(), faster.to_dict())
    assert text == f"learning_rate {circle.optimizer.learning_rate} -> 0.3"


def test_a_run_list_round_trips_through_its_file(circle, tmp_path):
    runs = RunList()
    runs.add(repeat(circle, 30, runs.next_name()))
    runs.add(repeat(circle.replace(seed=5), 20, runs.next_name(), runs.last_experiment))
    runs.rename(0, "baseline")
    path = runs_path(tmp_path / "mine.json")
    assert path.name == "mine.json.runs.json"
    runs.save(path)
    back = RunList.load(path)
    assert [r.name for r in back] == ["baseline", "Run 2"] and back.next_name() == "Run 3"
    for a, b in zip(runs, back):
        assert max_difference(a, b) == 0.0 and a.seed == b.seed and a.iterations == b.iterations
        assert a.experiment == b.experiment and a.differs == b.differs
    back.delete(0)
    assert [r.name for r in back] == ["Run 2"]


@pytest.mark.parametrize("text", ["not json", "{}", '{"format": 1, "runs": [{"name": "x"}]}', "[1]"])
def test_a_bad_runs_file_is_one_line_naming_it(tmp_path, text):
    path = tmp_path / "e.json.runs.json"
    path.write_text(text)
    with pytest.raises(RunsError) as error:
        RunList.load(path)
    assert str(error.value).startswith("e.json.runs.json: ") and "\n" not in str(error.value)


def test_a_repeat_in_chunks_equals_one_uninterrupted_run_and_can_be_cancelled(circle, monkeypatch):
    from nnplayground.core import runs

    trainer = Trainer(circle)
    trainer.advance(60)
    whole = RunRecord.from_snapshot("Run 1", SnapshotTaker(trainer).take(), None)
    monkeypatch.setattr(runs, "REPEAT_CHUNK", 7)
    assert max_difference(whole, repeat(circle, 60, "Run 2")) == 0.0
    looks = []
    assert repeat(circle, 60, "Run 3", cancelled=lambda: looks.append(1) or len(looks) > 2) is None
    assert len(looks) == 3  # stopped at the third look, after 14 of the 60 iterations
