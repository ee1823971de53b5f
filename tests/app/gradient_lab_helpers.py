"""The gradient lab opened as a person would, and what its tests wait for (shared by its test modules)."""
import pytest
from qt_helpers import TIMEOUT_MS, click, show, worker_settled

from nnplayground.app.labs import GradientLab


@pytest.fixture
def lab(qtbot):
    window = show(qtbot, GradientLab())
    wait_for(qtbot, window, lambda s: True)
    yield window
    window.shutdown()


def wait_for(qtbot, lab, condition):
    """Until the newest snapshots of the runs on show satisfy ``condition``."""
    qtbot.waitUntil(lambda: lab.snapshots is not None and condition(lab.snapshots), timeout=TIMEOUT_MS)


def wait_drawn(qtbot, lab, tab):
    """Until ``tab`` has drawn the newest snapshots (skipping the plots' rate limit)."""
    def drawn():
        lab.flush()
        return lab.snapshots is not None and tab.drawn is lab.snapshots
    qtbot.waitUntil(drawn, timeout=TIMEOUT_MS)


def choose(combo, data):
    combo.setCurrentIndex(combo.findData(data))


def hidden_layers(snapshots):
    return len(snapshots[0].experiment.network.hidden)


def play_until(qtbot, lab, condition):
    click(qtbot, lab.play_button)
    wait_for(qtbot, lab, condition)
    if lab.play_button.isChecked():
        click(qtbot, lab.play_button)
    qtbot.waitUntil(lambda: not lab.play_button.isChecked(), timeout=TIMEOUT_MS)
    worker_settled(qtbot, lab.worker_thread)  # the lab shows what the runs paused at


def open_rnn_tab(qtbot, lab):
    lab.tabs.setCurrentWidget(lab.rnn_tab)
    wait_for(qtbot, lab, lambda s: s[0].experiment.data.is_sequence)
    return lab.rnn_tab


def set_rnn(qtbot, lab, tab, radius=None, length=None, condition=lambda s: True):
    """Move the sliders as a person would; wait until the lab trains what they say."""
    if radius is not None:
        tab.radius.slider.setValue(round(radius * 100))
    if length is not None:
        tab.length.slider.setValue(length)
    wait_for(qtbot, lab, lambda s: (radius is None or s[0].experiment.network.spectral_radius == radius)
             and (length is None or s[0].experiment.data.sequence_length == length) and condition(s))


def step_and_draw(qtbot, lab, tab):
    click(qtbot, lab.step_button)
    wait_for(qtbot, lab, lambda s: all(x.iteration == 1 for x in s))
    wait_drawn(qtbot, lab, tab)
