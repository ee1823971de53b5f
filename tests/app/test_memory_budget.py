"""The window refuses an experiment over the memory budget, says why, and keeps training the one it had."""
import dataclasses
import json

from PySide6.QtWidgets import QFileDialog, QMessageBox

from nnplayground.core import memory
from nnplayground.core.experiment import Experiment, LayerSpec
from qt_helpers import TIMEOUT_MS, click_action

BUDGET = 64 * 2**20  # a small budget, so no test needs gigabytes


def big_file(folder):
    path = folder / "big.json"
    path.write_text(json.dumps({"name": "big", "network": {"hidden": [{"units": 1024}] * 8}}), encoding="utf-8")
    return path


def refusal(experiment) -> str:
    """The one line core.memory gives for ``experiment`` in the window (planes drawn)."""
    try:
        memory.check(experiment, BUDGET, window=True)
    except memory.MemoryLimitError as e:
        return str(e)
    raise AssertionError(f"{experiment.name} fits in the budget")


def test_opening_a_file_over_the_memory_budget_is_refused_and_the_previous_experiment_stays(
        qtbot, main_window, tmp_path, monkeypatch):
    window = main_window
    before, before_path = window.model.experiment, window.model.path
    monkeypatch.setattr(memory, "default_limit", lambda: BUDGET)
    big = big_file(tmp_path)
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: messages.append(text))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(big), ""))
    window.files.open_dialog()
    qtbot.waitUntil(lambda: bool(messages), timeout=TIMEOUT_MS)
    expected = refusal(Experiment.load(big))
    assert expected.endswith("in all; the limit is 64 MiB") and "\n" not in expected
    assert messages == [f"big.json: {expected}"]
    assert window.model.experiment is before and window.model.path == before_path
    assert not window.model.restart_pending
    click_action(qtbot, window, window.controls.step_action)  # the previous run still trains
    qtbot.waitUntil(lambda: window.snapshot.iteration == 1, timeout=TIMEOUT_MS)
    assert window.snapshot.experiment == before


def test_an_edit_over_the_memory_budget_is_refused_in_the_status_bar(qtbot, main_window, monkeypatch):
    window = main_window
    before = window.model.experiment
    monkeypatch.setattr(memory, "default_limit", lambda: BUDGET)
    wide = (LayerSpec(4096),) * 2
    window.model.update("network", hidden=wide)
    qtbot.waitUntil(lambda: "the limit is 64 MiB" in window.statusBar().currentMessage(), timeout=TIMEOUT_MS)
    expected = refusal(before.replace(network=dataclasses.replace(before.network, hidden=wide)))
    assert expected.startswith("network: 2 layers x 4096 units need ~")  # the biggest term is named
    assert window.statusBar().currentMessage() == expected
    assert window.model.experiment is before
