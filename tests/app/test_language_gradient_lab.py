"""The gradient lab in Chinese and back, switched while it is open: every tab's texts change,
none stays English, English comes back exactly, and the runs on show are not restarted.
Also the "Sigmoid: vanishing or exploding" tab against a backward pass computed here."""
import gradient_lab_helpers
import numpy as np
import pytest
from gradient_lab_helpers import choose, wait_drawn, wait_for
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (QApplication)
from qt_helpers import click
from texts import english_left, untipped, visible_texts

from nnplayground.app.language import Language
from nnplayground.core import Trainer
from nnplayground.core.presets import load_preset
from nnplayground.core.trainer import PROBE_SAMPLES

lab = gradient_lab_helpers.lab  # the fixture, by the name the tests ask for


@pytest.fixture
def language(tmp_path):
    language = Language(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    yield language  # kept alive: its translator is installed while the test runs
    language.set("en", remember=False)


def tabs(lab):
    return [lab.tabs.widget(i) for i in range(lab.tabs.count())]


def show_tab(qtbot, lab, tab):
    """Bring ``tab`` to the front as a click on its name would; wait until its runs are drawn."""
    lab.tabs.setCurrentWidget(tab)
    wait_for(qtbot, lab, lambda s: len(s) == len(tab.loaded) and all(
        x.experiment == e for x, e in zip(s, tab.loaded)))
    wait_drawn(qtbot, lab, tab)
    QApplication.processEvents()



def test_every_tab_switches_to_chinese_and_back_without_english_left(qtbot, lab, language):
    english = {}
    for tab in tabs(lab):
        show_tab(qtbot, lab, tab)
        english[tab] = visible_texts(lab)
        assert untipped(lab) == [], tab
    language.set("zh_CN")
    for tab in tabs(lab):
        show_tab(qtbot, lab, tab)
        chinese = visible_texts(lab)
        assert english_left(chinese) == [], type(tab).__name__
        assert len(set(chinese) - set(english[tab])) > 20, type(tab).__name__  # most texts changed
        assert untipped(lab) == []
    assert lab.sigmoid_tab.explanation.text().startswith("<b>Sigmoid：")
    language.set("en")
    for tab in tabs(lab):
        show_tab(qtbot, lab, tab)
        assert visible_texts(lab) == english[tab], type(tab).__name__


def test_a_switch_keeps_the_runs_their_iteration_and_the_controls(qtbot, lab, language):
    tab = lab.depth_tab
    choose(tab.activation, "tanh")
    click(qtbot, tab.remedy_bar.checks["init"])
    wait_for(qtbot, lab, lambda s: len(s) == 2 and s[0].experiment.network.hidden[0].activation == "tanh")
    click(qtbot, lab.step_button)
    wait_for(qtbot, lab, lambda s: all(x.iteration == 1 for x in s))
    wait_drawn(qtbot, lab, tab)
    generation, snapshots = lab.generation, lab.snapshots
    loaded = list(tab.loaded)

    language.set("zh_CN")
    QApplication.processEvents()
    assert lab.generation == generation and lab.snapshots is snapshots  # no new runs were asked for
    assert tab.loaded == loaded and tab.activation.currentData() == "tanh"
    assert tab.activation.currentText() == "Tanh" and tab.init.currentText() == "Xavier"
    assert tab.remedy_bar.checks["init"].isChecked() and tab.remedy_bar.checks["init"].text() == "Xavier/He 初始化"
    assert lab.status_lines() == ["■ 之前: 第 1 次迭代", "■ 之后（Xavier/He 初始化）: 第 1 次迭代"]
    assert "之前" in tab.profile.title and tab.profile.series[1].name == "之后（Xavier/He 初始化）"
    assert lab.play_button.text() == "运行" and lab.tabs.tabText(0) == "深度"
    click(qtbot, lab.step_button)  # the same runs train on from where they were
    wait_for(qtbot, lab, lambda s: all(x.iteration == 2 for x in s))
    assert lab.generation == generation


def backward_norms(experiment):
    """||dL/dz|| per layer on the lab's probe batch, by the chain rule written out here from the
    initial weights: z_k = W_k^T a_(k-1) + b_k, a_k = sigmoid(z_k); binary cross-entropy gives
    dL/dz_out = (p - y) / n; dL/dz_k = (W_(k+1) dL/dz_(k+1)) * a_k (1 - a_k)."""
    trainer = Trainer(experiment)
    n = min(PROBE_SAMPLES, trainer.data.X_train.shape[0])
    a, y = trainer.data.X_train[:n].T, trainer.data.Y_train[:n].T
    activations = [a]
    for W, b in trainer.network.params:
        z = W.T @ activations[-1] + b[:, None]
        activations.append(1 / (1 + np.exp(-z)))
    delta = (activations[-1] - y) / n
    norms = [np.linalg.norm(delta)]
    for (W, _), a in zip(reversed(trainer.network.params[1:]), reversed(activations[1:-1])):
        delta = (W @ delta) * a * (1 - a)
        norms.append(np.linalg.norm(delta))
    return np.array(norms[::-1])


def factor(norms):
    hidden = norms[:-1]
    return (hidden[0] / hidden[-1]) ** (1 / (len(hidden) - 1))


def test_sigmoid_tab_shows_vanishing_with_ordinary_and_growth_with_large_weights(qtbot, lab, language):
    tab = lab.sigmoid_tab
    show_tab(qtbot, lab, tab)
    preset = load_preset("exploding-sigmoid-large-weights")
    ordinary, large = lab.snapshots
    assert ordinary.experiment.network.init_gain == 1.0
    assert large.experiment.network.init_gain == preset.network.init_gain
    assert len(large.experiment.network.hidden) == len(preset.network.hidden)
    shown = [curve.yData for curve in tab.profile.curves]
    for run, y in zip((ordinary, large), shown):
        np.testing.assert_allclose(y, backward_norms(run.experiment), rtol=1e-9)
    assert shown[0][0] < shown[0][-2] and shown[0][0] < shown[0][-1]  # vanishing toward the input
    assert shown[1][0] > shown[1][-2] and shown[1][0] > shown[1][-1]  # growing toward the input
    text = tab.measured.text()
    assert f"ordinary weights ×{factor(shown[0]):.2g}" in text and f"(gain 16) ×{factor(shown[1]):.2g}" in text
    assert factor(shown[0]) < 1 < factor(shown[1]) and "f′ ≤ 0.25 for sigmoid" in text

    tab.gain.slider.setValue(4)  # gain 1/f′max: saturation keeps it below growth
    wait_for(qtbot, lab, lambda s: s[1].experiment.network.init_gain == 4)
    wait_drawn(qtbot, lab, tab)
    y = tab.profile.curves[1].yData
    np.testing.assert_allclose(y, backward_norms(lab.snapshots[1].experiment), rtol=1e-9)
    assert factor(y) < 1 and f"(gain 4) ×{factor(y):.2g}" in tab.measured.text()

    language.set("zh_CN")
    QApplication.processEvents()
    assert f"大权重（增益 4）×{factor(y):.2g}" in tab.measured.text()
    click(qtbot, tab.preset_button)  # back to the preset's depth and gain
    wait_for(qtbot, lab, lambda s: s[1].experiment.network == tab.loaded[1].network
             and s[1].experiment.network.init_gain == preset.network.init_gain)
