"""The experiment model on its own: one change signal per edit, live or restart decided once,
file paths only for experiments the worker has built, rollback when it refuses one."""
from pathlib import Path

import pytest

from nnplayground.app import model as model_module
from nnplayground.app.model import ExperimentModel
from nnplayground.app.worker import Published, WorkerCommands
from nnplayground.core import LayerSpec
from nnplayground.core.presets import load_preset


class Shot(str):
    """A stand-in snapshot, equal to its name: a run at iteration 0 (nothing for the runs list)."""
    iteration = 0
    status = "ready"


class FakeWorker:
    """Records what the model asks of the worker; the test answers for it."""

    def __init__(self):
        self.commands = WorkerCommands()
        self.requests = []
        self.commands.load.connect(lambda experiment, generation: self.requests.append(("load", experiment, generation)))
        self.commands.adopt.connect(lambda experiment, generation: self.requests.append(("adopt", experiment, generation)))

    def connect_model(self, on_loaded, on_load_failed):
        self.loaded, self.load_failed = on_loaded, on_load_failed

    def build_last(self):
        kind, _, generation = self.requests[-1]
        assert kind == "load"
        self.loaded(generation, f"data of generation {generation}")
        return generation


@pytest.fixture
def worker():
    return FakeWorker()


@pytest.fixture
def model(worker):
    m = ExperimentModel(load_preset("circle"))
    m.connect_worker(worker)
    worker.build_last()
    worker.requests.clear()
    return m


def record(signal):
    seen = []
    signal.connect(lambda *args: seen.append(args[0] if len(args) == 1 else args))
    return seen


def test_connecting_asks_the_worker_for_the_first_run(worker):
    m = ExperimentModel(load_preset("xor"))
    loaded = record(m.run_loaded)
    m.connect_worker(worker)
    assert worker.requests == [("load", m.experiment, 1)]
    worker.build_last()
    assert loaded == ["data of generation 1"] and m.data == "data of generation 1"


def test_an_edit_emits_one_change_and_a_live_one_is_adopted(model, worker):
    changes = record(model.experiment_changed)
    assert model.update("optimizer", learning_rate=0.3)
    assert len(changes) == 1 and changes[0].optimizer.learning_rate == 0.3
    assert model.experiment is changes[0]
    assert worker.requests == [("adopt", changes[0], 1)]  # same run, no restart


def test_a_structural_edit_restarts_with_a_new_generation(model, worker):
    hidden = (LayerSpec(6), LayerSpec(2))
    assert model.update("network", hidden=hidden)
    assert [(kind, generation) for kind, _, generation in worker.requests] == [("load", 2)]
    assert model.restart_pending
    worker.build_last()
    assert not model.restart_pending and model.experiment.network.hidden == hidden


def test_live_or_restart_is_decided_once_per_edit(model, worker, monkeypatch):
    calls = []
    real = model_module.live_change
    monkeypatch.setattr(model_module, "live_change", lambda old, new: calls.append(1) or real(old, new))
    model.update("training", epochs=500)
    model.update("data", noise=0.3)
    assert len(calls) == 2
    assert [kind for kind, _, _ in worker.requests] == ["adopt", "load"]


def test_an_invalid_edit_is_refused_with_the_core_message(model, worker):
    before = model.experiment
    changes, refusals = record(model.experiment_changed), record(model.refused)
    assert not model.update("optimizer", learning_rate=-1.0)
    assert changes == [] and worker.requests == [] and model.experiment is before
    assert len(refusals) == 1 and "learning_rate" in refusals[0]


def test_an_unchanged_edit_emits_nothing(model, worker):
    changes = record(model.experiment_changed)
    assert model.update("optimizer", learning_rate=model.experiment.optimizer.learning_rate)
    assert changes == [] and worker.requests == []


def test_a_refused_load_rolls_back_experiment_and_path(model, worker, tmp_path):
    saved = tmp_path / "circle.json"
    model.saved_to(saved)
    circle = model.experiment
    paths, refusals, changes = record(model.path_changed), record(model.refused), record(model.experiment_changed)
    big = load_preset("spiral")
    assert model.propose(big, path=tmp_path / "spiral.json", saved=big)
    assert paths == []  # not before the worker has built it
    _, _, generation = worker.requests[-1]
    worker.load_failed(generation, "not enough memory")
    assert model.experiment is circle and model.path == saved and not model.restart_pending
    assert paths == [] and refusals == ["not enough memory"] and changes[-1] is circle


def test_a_live_edit_after_a_refused_load_goes_to_the_run_that_remains(model, worker):
    model.update("network", hidden=(LayerSpec(7),))
    _, _, failed = worker.requests[-1]
    worker.load_failed(failed, "no")
    model.update("optimizer", learning_rate=1.0)
    kind, experiment, generation = worker.requests[-1]
    assert (kind, generation) == ("adopt", 1) and experiment.network.hidden == load_preset("circle").network.hidden


def test_a_file_path_is_announced_once_its_run_is_built(model, worker, tmp_path):
    paths = record(model.path_changed)
    xor = load_preset("xor")
    model.propose(xor, path=tmp_path / "xor.json", saved=xor)
    assert paths == [] and model.restart_pending
    worker.build_last()
    assert paths == [tmp_path / "xor.json"] and not model.modified


def test_a_refusing_window_keeps_everything(worker):
    m = ExperimentModel(load_preset("circle"), accept=lambda e: "no sequences" if e.data.is_sequence else None)
    m.connect_worker(worker)
    worker.requests.clear()
    paths, refusals = record(m.path_changed), record(m.refused)
    assert not m.propose(load_preset("rnn-long-sequence"), path=Path("rnn.json"))
    assert refusals == ["no sequences"] and paths == [] and m.path is None and worker.requests == []
    assert m.experiment.name == load_preset("circle").name


def test_modified_follows_edits_and_saves(model, tmp_path):
    assert not model.modified
    model.update("optimizer", learning_rate=model.experiment.optimizer.learning_rate * 3)
    assert model.modified
    model.saved_to(tmp_path / "a.json")
    assert not model.modified and model.path == tmp_path / "a.json"


def test_snapshots_of_a_replaced_run_are_dropped(model, worker):
    shown = record(model.snapshot_changed)
    model.offer_snapshots(Published(1, (Shot("first"),)))
    model.update("network", hidden=(LayerSpec(3),))
    model.offer_snapshots(Published(1, (Shot("stale"),)))  # the old run, still publishing
    generation = worker.build_last()
    model.offer_snapshots(Published(generation, (Shot("new"),)))
    model.offer_snapshots(None)
    assert shown == ["first", "new"] and model.snapshot == "new"


def test_a_snapshot_that_overtakes_its_runs_answer_waits_for_it(model, worker):
    """A snapshot event queued before a restart fetches the new run's first snapshot ahead of
    the worker's `loaded`: it is shown with the new run's data, never with the old run's (the
    propagation inspector once traced a sample of the old data through the new network)."""
    shown = []
    model.snapshot_changed.connect(lambda snapshot: shown.append((snapshot, model.data)))
    loaded = record(model.run_loaded)
    model.update("network", hidden=(LayerSpec(3),))
    _, _, generation = worker.requests[-1]
    model.offer_snapshots(Published(generation, (Shot("first of the new run"),)))  # fetched before `loaded`
    assert shown == [] and model.snapshot != "first of the new run"
    worker.loaded(generation, "data")
    assert loaded == ["data"] and model.snapshot == "first of the new run"
    assert shown == [("first of the new run", "data")]


def test_two_quick_restarts_of_which_the_second_fails_leave_the_first(model, worker):
    runs = record(model.run_loaded)
    model.update("network", hidden=(LayerSpec(3),))
    first = model.experiment
    model.update("network", hidden=(LayerSpec(5),))
    (_, _, one), (_, _, two) = worker.requests
    worker.loaded(one, "data of the first")  # built, but a newer request is already waiting
    assert runs == [] and model.experiment.network.hidden == (LayerSpec(5),)
    worker.load_failed(two, "too big")
    assert model.experiment is first and model.data == "data of the first"
    assert runs == ["data of the first"]  # the views show the run the worker really trains
    shown = record(model.snapshot_changed)
    model.offer_snapshots(Published(one, (Shot("of the first"),)))
    assert shown == ["of the first"]
