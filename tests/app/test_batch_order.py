"""The toolbar's Batches control, used as a person would: picking an order restarts training
with it, the worker's run draws its batches that way, and a preset's order is shown."""
import dataclasses

import numpy as np
from PySide6.QtCore import Qt
from qt_helpers import TIMEOUT_MS, click_action, wait_for_snapshot

from nnplayground.core.parallel import make_trainer

STEPS = 30  # more than an epoch of the circle preset's 25 batches


def pick(qtbot, combo, text):
    """Give ``combo`` the focus and press the arrow keys until it shows ``text``."""
    combo.setFocus()
    while combo.currentText() != text:
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.findText(text) > combo.currentIndex() else Qt.Key.Key_Up)


def batch_losses(experiment, steps=STEPS):
    trainer = make_trainer(experiment)
    return np.array([trainer.step().train_loss for _ in range(steps)])


def test_one_batch_repeated_restarts_training_on_a_single_batch(qtbot, main_window):
    controls = main_window.controls
    assert controls.batch_mode.currentText() == "Shuffled"
    pick(qtbot, controls.batch_mode, "One batch")
    assert main_window.model.experiment.training.batch_mode == "repeat_one"
    wait_for_snapshot(qtbot, main_window, lambda s: s.experiment.training.batch_mode == "repeat_one")
    for i in range(1, STEPS + 1):
        click_action(qtbot, main_window, controls.step_action)
        wait_for_snapshot(qtbot, main_window, lambda s, i=i: s.iteration == i)
    shown = main_window.snapshot.history["train_loss"][:STEPS]
    experiment = main_window.snapshot.experiment
    assert np.array_equal(shown, batch_losses(experiment))  # the worker trained exactly this run
    shuffled = batch_losses(experiment.replace(training=dataclasses.replace(experiment.training, batch_mode="shuffle")))
    assert not np.array_equal(shown, shuffled)  # and it is not the shuffled one


def test_a_preset_shows_its_batch_order(qtbot, main_window, tmp_path):
    exp = main_window.model.experiment
    main_window.model.propose(exp.replace(training=dataclasses.replace(exp.training, batch_mode="fixed")))
    assert main_window.controls.batch_mode.currentText() == "Fixed order"
    main_window.open_preset("batch-modes")
    qtbot.waitUntil(lambda: main_window.model.experiment.name == "Batch modes", timeout=TIMEOUT_MS)
    assert main_window.controls.batch_mode.currentData() == "shuffle"
