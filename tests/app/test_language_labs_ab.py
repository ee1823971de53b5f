"""The activation lab and the propagation inspector in Chinese and back, switched while open, as a
person would: every visible text translated on every tab (every step of the inspector), the
English texts back exactly, a tooltip on every control, and nothing the lab shows reset."""
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QApplication)

from nnplayground.app.labs import ActivationLab
from nnplayground.app.labs.common import CURRENT, TabFrame, source_combo
from nnplayground.app.language import Language
from nnplayground.core.presets import list_presets, load_preset
from qt_helpers import TIMEOUT_MS, click_action, show
from test_propagation_inspector import experiment, open_inspector
from texts import english_left, untipped, visible_texts

__all__ = ["open_inspector"]  # the fixture, shared with the inspector's own tests



def settle(qtbot) -> None:
    """Let the posted LanguageChange events reach every widget."""
    QApplication.processEvents()
    qtbot.wait(20)


@pytest.fixture
def language(settings):
    """A Language for windows opened alone (kept alive for the test); back to English afterwards."""
    language = Language(settings)
    yield language
    language.set("en")




# ----- the activation lab -------------------------------------------------------------------------

def lab_texts(qtbot, lab) -> list[list[str]]:
    """What each tab of the lab shows (visiting each in turn), then back to the first tab."""
    texts = []
    for i in range(lab.tabs.count()):
        lab.tabs.setCurrentIndex(i)
        lab.flush()
        qtbot.wait(10)
        texts.append(visible_texts(lab))
    lab.tabs.setCurrentIndex(0)
    return texts


def lab_state(lab) -> tuple:
    """What the lab was set to or computed: function, α, readout x, classes, logits, T, bars, snapshot."""
    f, s, t = lab.functions_tab, lab.softmax_tab, lab.training_tab
    return (f.current(), f.alpha_value(), f.hover, s.count(), tuple(s.logits()), s.temperature.value(),
            tuple(s.softmax_plot.heights), lab.output_tab.task, t.drawn, tuple(p.counts.sum() for p in t.plots))


def test_the_activation_lab_switches_to_chinese_and_back_through_the_view_menu(qtbot, main_window):
    window = main_window
    lab = window.open_activation_lab()
    qtbot.waitExposed(lab)
    lab.resize(1366, 768)
    functions, softmax = lab.functions_tab, lab.softmax_tab
    functions.select("leaky_relu")
    functions.alpha.slider.setValue(20)
    functions.show_readout(1.5)
    softmax.classes.setValue(6)
    qtbot.mouseClick(softmax.random_button, Qt.MouseButton.LeftButton)
    lab.tabs.setCurrentWidget(lab.training_tab)
    click_action(qtbot, window, window.controls.step_action)
    qtbot.waitUntil(lambda: (lab.flush(), lab.training_tab.drawn)[1] is window.snapshot
                    and window.snapshot.iteration == 1, timeout=TIMEOUT_MS)
    state = lab_state(lab)
    english = lab_texts(qtbot, lab)
    assert all(english_left(texts) for texts in english)  # every tab has English to translate

    chinese_action = next(a for a in window.language_menu.actions() if a.text() == "简体中文")
    chinese_action.trigger()
    settle(qtbot)
    chinese = lab_texts(qtbot, lab)
    for i, texts in enumerate(chinese):
        # The experiment's name ("Circle") is a name, kept as its file has it.
        assert english_left([t for t in texts if t != window.experiment.name]) == [], lab.tabs.tabText(i)
        assert texts != english[i] and len(texts) == len(english[i])  # every text translated, none blank
    assert lab.windowTitle() == "激活函数实验室 - nnplayground"
    assert lab_state(lab) == state  # nothing recomputed, reset or lost
    assert "x = 1.50" in functions.readout.text() and "，" in functions.readout.text()
    assert all("%" in plot.title and "饱和" in plot.title for plot in lab.training_tab.plots)
    for tab in (functions, softmax):
        lab.tabs.setCurrentWidget(tab)
        assert untipped(tab) == []

    next(a for a in window.language_menu.actions() if a.text() == "English").trigger()
    settle(qtbot)
    assert lab_texts(qtbot, lab) == english
    assert lab_state(lab) == state


def test_a_lab_opened_in_chinese_starts_in_chinese(qtbot, language):
    language.set("zh_CN")
    lab = show(qtbot, ActivationLab())
    assert english_left(visible_texts(lab)) == []
    assert lab.tabs.tabText(0) == "函数" and lab.functions_tab.settings.title() == "设置"


# ----- the propagation inspector ------------------------------------------------------------------

def inspector_texts(window) -> list[str]:
    """What the inspector shows at the step on show, with the diagram's painted titles and legend."""
    return visible_texts(window) + [c.title for c in window._columns()] + [window.diagram.legend()]


def every_step_left(qtbot, window) -> list[str]:
    """English left at any step, walking them all with Next from the first; the step is put back."""
    position, unit = window.position, window.selected_unit
    while window.position > 0:
        qtbot.mouseClick(window.previous_button, Qt.MouseButton.LeftButton)
    left = english_left(inspector_texts(window))
    while window.next_button.isEnabled():
        qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
        left += english_left(inspector_texts(window))
    window._go(position)
    window._select(unit)
    return sorted(set(left))


def inspector_state(window) -> tuple:
    return (window.index, window.position, window.selected_unit, window.lr_spin.value(),
            window.sample_spin.value(), float(window.trace.loss), window.torch_panel.check)


@pytest.mark.parametrize("task, loss", [("binary", "mse"), ("multiclass", "mse"), ("regression", "huber")])
def test_the_propagation_inspector_switches_at_any_step_and_keeps_it(qtbot, open_inspector, language, task, loss):
    window = open_inspector(experiment(task, loss=loss, l2=0.01, optimizer="adam"))
    window.resize(1366, 768)
    window.sample_spin.setValue(5)
    for _ in range(3):
        qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    window._select(1)
    qtbot.mouseClick(window.torch_panel.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.torch_panel.check is not None, timeout=TIMEOUT_MS)
    state = inspector_state(window)
    english = inspector_texts(window)
    assert english_left(english)

    language.set("zh_CN")
    settle(qtbot)
    chinese = inspector_texts(window)
    assert chinese != english and len(chinese) == len(english)  # every text translated, none blank
    assert inspector_state(window) == state  # the sample, step, neuron, rate and check stay
    assert window.windowTitle() == "传播检查器 - nnplayground"
    assert window.sample_spin.suffix() == f" / {len(window.data.X_train)}"
    assert every_step_left(qtbot, window) == []
    assert inspector_state(window) == state
    assert untipped(window) == []

    language.set("en")
    settle(qtbot)
    assert inspector_texts(window) == english
    assert inspector_state(window) == state


def test_a_recurrent_net_is_still_refused_in_the_new_language(qtbot, open_inspector, language):
    window = open_inspector(experiment("binary"))
    window.load(load_preset("rnn-long-sequence"), None, None)  # refused before its data or weights are read
    assert "recurrent" in window.weights_label.text()
    language.set("zh_CN")
    settle(qtbot)
    assert window.weights_label.text() == "序列数据集训练的是循环神经网络，本检查器不显示这种网络。"
    assert english_left(visible_texts(window)) == []


# ----- what every lab shares ----------------------------------------------------------------------

class Model:
    """What a source combo asks of a main window's model: that there is one."""


def test_shared_lab_pieces_retranslate_without_the_lab_doing_anything(qtbot, language):
    frame = show(qtbot, TabFrame())
    other = TabFrame(frame)
    other.settings.set_title_text(lambda: QCoreApplication.translate("TrainingTab", "Main window"))
    combo = source_combo(frame, Model(), "tip")
    frame.left.addWidget(combo)
    combo.setCurrentIndex(2)
    chosen = combo.currentData()
    changes = []
    combo.currentIndexChanged.connect(changes.append)
    assert (frame.settings.title(), combo.itemText(0), combo.itemData(0)) == ("Settings", "Main window's experiment",
                                                                              CURRENT)
    language.set("zh_CN")
    settle(qtbot)
    assert frame.settings.title() == "设置" and combo.itemText(0) == "主窗口的实验"
    assert other.settings.title() == "主窗口"  # a tab's own title is kept, not put back to "Settings"
    assert combo.currentIndex() == 2 and combo.currentData() == chosen and changes == []
    presets = {p.name for p in list_presets()}
    assert all(combo.itemText(i) == combo.itemData(i) and combo.itemData(i) in presets  # names stay names
               for i in range(1, combo.count()))
    language.set("en")
    settle(qtbot)
    assert frame.settings.title() == "Settings" and combo.itemText(0) == "Main window's experiment"
    assert combo.currentIndex() == 2 and changes == []
