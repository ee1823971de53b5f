"""A data-parallel preset opened from the Presets menu trains data-parallel in the main window."""
from PySide6.QtCore import Qt
from qt_helpers import TIMEOUT_MS, choose_speed, click_action, pause, wait_for_snapshot

from nnplayground.app import labels
from nnplayground.core.presets import load_preset

NAME = "parallel-4-ranks-float64"


def open_from_the_presets_menu(qtbot, window, name):
    menu = window.preset_actions[name].parent()
    assert menu.title() == labels.preset_topic("parallel")
    menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(menu.isVisible, timeout=TIMEOUT_MS)
    action = window.preset_actions[name]
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def test_a_parallel_preset_trains_four_ranks_in_the_main_window(qtbot, main_window):
    assert main_window.worker_thread.worker.data_parallel_ranks == (None,)  # the circle preset: one process
    open_from_the_presets_menu(qtbot, main_window, NAME)
    exp = load_preset(NAME)
    wait_for_snapshot(qtbot, main_window, lambda s: s.experiment == exp)
    assert main_window.worker_thread.worker.data_parallel_ranks == (4,)
    choose_speed(main_window, "max")
    click_action(qtbot, main_window, main_window.controls.play_action)
    wait_for_snapshot(qtbot, main_window, lambda s: s.experiment == exp and s.iteration >= 12)
    pause(qtbot, main_window)
    s = main_window.snapshot
    # 4 ranks x batch 10 = 40 samples per update: 400 training samples are 10 updates an epoch, not 40
    assert s.batches_per_epoch == exp.train_samples // (4 * exp.training.batch_size) == 10
    assert s.samples_seen == 40 * s.iteration and s.epoch == -(-s.iteration // 10)
    # the views draw the data-parallel run as any other
    for view in (main_window.loss_plot, main_window.builder, main_window.output):
        qtbot.waitUntil(lambda: view.snapshot is s, timeout=TIMEOUT_MS)
