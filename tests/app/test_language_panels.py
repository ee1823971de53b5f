"""The main window's panels in Chinese and back: the data panel, the network builder (its bar,
column headers, output caption and diagram labels), the output view and the loss, metric and
gradient plots rewrite every text on a language switch, without one edit reaching the model.

Only these widgets are checked here: the toolbars, menus, runs panel and labs have tests of
their own.
"""
from __future__ import annotations

from PySide6.QtWidgets import (QApplication, QGraphicsSimpleTextItem, QWidget)

from qt_helpers import LEFT, TIMEOUT_MS, click_action, wait_for_snapshot
from texts import english_left, untipped, visible_texts



def panels(window) -> dict[str, QWidget]:
    """The widgets of this area, by name; the builder's column headers and output caption are
    widgets of their own in its scene (not its children), so they are listed too."""
    builder = window.builder
    found = {"data": window.data_panel, "builder": builder, "output": window.output, "loss": window.loss_plot,
             "metric": window.metric_plot, "gradients": window.gradient_plot, "heatmap": window.gradient_heatmap,
             "caption": builder.output_caption}
    for k in range(len(window.experiment.network.hidden)):
        found[f"header {k}"] = builder.header(k)
    return found


def diagram_texts(builder) -> list[str]:
    """The labels drawn in the network diagram and the tooltips of its items."""
    texts = []
    for item in builder.scene.items():
        if isinstance(item, QGraphicsSimpleTextItem):
            texts.append(item.text())
        if item.toolTip():
            texts.append(item.toolTip())
    return sorted(texts)


def all_texts(window) -> dict[str, list[str]]:
    texts = {name: visible_texts(widget) for name, widget in panels(window).items()}
    texts["diagram"] = diagram_texts(window.builder)
    return texts



def switch(qtbot, window, code: str) -> None:
    """Switch the interface language and wait until the panels have been told (Qt posts the
    change to each window)."""
    window.language.set(code)
    expected = "迭代" if code == "zh_CN" else "iteration"
    qtbot.waitUntil(lambda: window.loss_plot.plot_item.getAxis("bottom").labelText == expected, timeout=TIMEOUT_MS)
    QApplication.processEvents()  # every window has been told by now


def test_the_panels_speak_chinese_and_come_back_to_the_same_english(qtbot, main_window):
    window = main_window
    window.output.show_neuron(0, 1)  # a title that depends on the state
    qtbot.mouseClick(window.data_panel.feature_boxes["x1"], LEFT)
    wait_for_snapshot(qtbot, window, lambda s: tuple(s.experiment.data.features) == ("x2",))
    qtbot.mouseClick(window.data_panel.feature_boxes["x2"], LEFT)  # the last feature: refused, with a message
    assert window.data_panel.error == "At least one input feature is needed."
    experiment, edits = window.experiment, []
    window.model.experiment_changed.connect(edits.append)
    english = all_texts(window)

    switch(qtbot, window, "zh_CN")
    chinese = all_texts(window)
    for name, texts in chinese.items():
        assert english_left(texts) == [], name
        assert texts != english[name], name
        assert len(texts) == len(english[name]), name  # no text went blank
    assert window.output.title.text() == "隐藏层 1 的神经元 2"
    assert window.data_panel.error == "至少需要一个输入特征。"
    assert window.data_panel.task_combo.currentText() == "二分类"
    assert window.loss_plot.plot_item.getAxis("left").labelText == "损失"
    assert [label.text for _, label in window.loss_plot.legend.items] == ["训练", "测试", "批次"]
    assert window.gradient_plot.plot_item.getAxis("left").labelText == "‖dL/dW‖"
    assert window.data_panel.noise_row.label.text() == "{0} %".format(round(experiment.data.noise * 100))

    switch(qtbot, window, "en")
    assert all_texts(window) == english
    assert edits == [] and window.experiment is experiment


def test_every_control_of_the_panels_has_a_tooltip_in_both_languages(qtbot, main_window):
    window = main_window
    window.output.show_neuron(0, 0)  # "Show output" appears
    for code in ("en", "zh_CN"):
        if code != "en":
            switch(qtbot, window, code)
        for name, widget in panels(window).items():
            assert untipped(widget) == [], (code, name)


def test_a_switch_while_training_changes_neither_the_experiment_nor_the_combos(qtbot, main_window):
    window = main_window
    combos = [window.data_panel.task_combo, *(window.builder.header(k).activation_combo
                                              for k in range(len(window.experiment.network.hidden)))]
    choices = [(combo.currentIndex(), combo.currentData()) for combo in combos]
    experiment, edits = window.experiment, []
    window.model.experiment_changed.connect(edits.append)
    click_action(qtbot, window, window.controls.play_action)
    wait_for_snapshot(qtbot, window, lambda s: s.iteration > 0)

    switch(qtbot, window, "zh_CN")
    reached = window.snapshot.iteration
    wait_for_snapshot(qtbot, window, lambda s: s.iteration > reached)  # training went on
    assert window.controls.play_action.isChecked()
    assert [(combo.currentIndex(), combo.currentData()) for combo in combos] == choices
    assert window.data_panel.task_combo.currentText() == "二分类"
    assert edits == [] and window.experiment is experiment
    assert window.snapshot.experiment is experiment  # the run on show is the one that was training
