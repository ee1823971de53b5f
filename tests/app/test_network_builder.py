"""The network builder, driven as a person would: buttons, combo boxes, clicks and hovers."""
import dataclasses

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication, QInputDialog

from nnplayground.app.panels import network_builder as nb
from nnplayground.app.panels import network_items as ni
from nnplayground.core import DataSpec, Experiment, ExperimentError, LayerSpec, NetworkSpec
from network_builder_helpers import (link_point, make_experiment, scene_texts, shown_builder, snapshot_of,
                                     viewport_point)
from plot_snapshots import draw


@pytest.fixture
def make_builder(qtbot):
    return lambda exp=None, size=(700, 420): shown_builder(qtbot, exp, size)


@pytest.fixture
def builder(qtbot):
    return shown_builder(qtbot)


# ----- structure: layers --------------------------------------------------------------------

def test_default_network_is_drawn_column_by_column(builder, screenshot):
    assert builder.experiment == Experiment()
    assert [builder.neuron_item(-1, u) is not None for u in range(2)] == [True, True]
    assert builder.neuron_item(0, 3) is not None and builder.neuron_item(0, 4) is None
    assert builder.neuron_item(1, 1) is not None and builder.neuron_item(2, 0) is not None
    xs = [builder.neuron_item(layer, 0).scenePos().x() for layer in (-1, 0, 1, 2)]
    assert xs == sorted(xs) and len(set(xs)) == 4
    assert builder.header(0).caption.text() == "4 neurons"
    assert builder.header(1).caption.text() == "2 neurons"
    assert builder.layers_label.text() == "2 hidden layers"
    draw(builder, snapshot_of(builder.experiment, 30))
    screenshot(builder, "builder_default.png")


def test_add_layer_button_emits_an_experiment_with_one_more_copied_layer(builder, qtbot):
    with qtbot.waitSignal(builder.model.experiment_changed) as blocker:
        qtbot.mouseClick(builder.add_layer_button, Qt.LeftButton)
    new = blocker.args[0]
    assert isinstance(new, Experiment)
    assert new.network.hidden == (LayerSpec(4), LayerSpec(2), LayerSpec(2))  # copies the last layer
    assert builder.experiment == new
    assert builder.layers_label.text() == "3 hidden layers"
    assert builder.header(2).caption.text() == "2 neurons"


def test_repeated_clicks_work_before_anyone_answers(builder, qtbot):
    emitted = []
    builder.model.experiment_changed.connect(emitted.append)
    for _ in range(3):
        qtbot.mouseClick(builder.add_layer_button, Qt.LeftButton)
    assert [len(e.network.hidden) for e in emitted] == [3, 4, 5]


def test_layer_count_stops_at_the_builder_limits(builder, qtbot):
    emitted = []
    builder.model.experiment_changed.connect(emitted.append)
    for _ in range(20):
        qtbot.mouseClick(builder.add_layer_button, Qt.LeftButton)
    assert len(builder.experiment.network.hidden) == nb.MAX_BUILDER_LAYERS
    assert len(emitted) == nb.MAX_BUILDER_LAYERS - 2
    assert not builder.add_layer_button.isEnabled()
    for _ in range(20):
        qtbot.mouseClick(builder.remove_layer_button, Qt.LeftButton)
    assert builder.experiment.network.hidden == ()
    assert not builder.remove_layer_button.isEnabled()
    assert builder.layers_label.text() == "0 hidden layers"
    assert builder.remove_layer() is False
    # the inputs now link straight to the output
    assert builder.link_item(0).n_in == 2 and builder.link_item(0).n_out == 1


def test_new_layer_after_zero_layers_is_four_tanh(make_builder, qtbot):
    builder = make_builder(make_experiment())
    with qtbot.waitSignal(builder.model.experiment_changed) as blocker:
        qtbot.mouseClick(builder.add_layer_button, Qt.LeftButton)
    assert blocker.args[0].network.hidden == (LayerSpec(4, "tanh"),)


def test_remove_layer_drops_the_last_one(builder, qtbot):
    with qtbot.waitSignal(builder.model.experiment_changed) as blocker:
        qtbot.mouseClick(builder.remove_layer_button, Qt.LeftButton)
    assert blocker.args[0].network.hidden == (LayerSpec(4),)
    assert builder.neuron_item(1, 0) is not None  # now the output
    assert builder.neuron_item(1, 1) is None


# ----- structure: neurons and activations ---------------------------------------------------

def test_plus_adds_a_neuron_to_that_layer(builder, qtbot):
    with qtbot.waitSignal(builder.model.experiment_changed) as blocker:
        qtbot.mouseClick(builder.header(1).add_button, Qt.LeftButton)
    assert [h.units for h in blocker.args[0].network.hidden] == [4, 3]
    assert builder.header(1).caption.text() == "3 neurons"
    assert builder.neuron_item(1, 2) is not None
    qtbot.mouseClick(builder.header(1).add_button, Qt.LeftButton)  # the same button, still alive
    assert [h.units for h in builder.experiment.network.hidden] == [4, 4]


def test_minus_goes_down_to_one_neuron_and_no_further(builder, qtbot):
    emitted = []
    builder.model.experiment_changed.connect(emitted.append)
    header = builder.header(0)
    for _ in range(6):
        qtbot.mouseClick(header.remove_button, Qt.LeftButton)
    assert [e.network.hidden[0].units for e in emitted] == [3, 2, 1]
    assert builder.header(0).caption.text() == "1 neuron"
    assert not header.remove_button.isEnabled()
    assert builder.remove_neuron(0) is False
    assert len(emitted) == 3


def test_plus_stops_at_32_neurons(make_builder, qtbot):
    builder = make_builder(make_experiment(31, 2))
    qtbot.mouseClick(builder.header(0).add_button, Qt.LeftButton)
    assert builder.experiment.network.hidden[0].units == 32
    assert not builder.header(0).add_button.isEnabled()
    assert builder.add_neuron(0) is False


def test_activation_combo_lists_hidden_activations_and_changes_one_layer(builder, qtbot):
    combo = builder.header(1).activation_combo
    names = [combo.itemText(i) for i in range(combo.count())]
    assert names == ["Sigmoid", "Tanh", "ReLU", "Leaky ReLU", "Linear"]
    assert combo.currentText() == "Tanh"
    with qtbot.waitSignal(builder.model.experiment_changed) as blocker:
        combo.setCurrentIndex(combo.findText("ReLU"))
    hidden = blocker.args[0].network.hidden
    assert [h.activation for h in hidden] == ["tanh", "relu"]
    assert builder.header(1).activation_combo.currentText() == "ReLU"
    # and a new layer copies it
    qtbot.mouseClick(builder.add_layer_button, Qt.LeftButton)
    assert builder.experiment.network.hidden[2] == LayerSpec(2, "relu")


def test_activation_change_keeps_the_scene(builder, qtbot):
    item = builder.neuron_item(0, 0)
    builder.header(0).activation_combo.setCurrentIndex(0)
    assert builder.experiment.network.hidden[0].activation == "sigmoid"
    assert builder.neuron_item(0, 0) is item


def test_invalid_edit_changes_nothing(builder, qtbot, monkeypatch):
    def refuse(self, **changes):
        raise ExperimentError("network.hidden", "no")
    monkeypatch.setattr(Experiment, "replace", refuse)
    emitted = []
    builder.model.experiment_changed.connect(emitted.append)
    qtbot.mouseClick(builder.header(0).add_button, Qt.LeftButton)
    qtbot.mouseClick(builder.add_layer_button, Qt.LeftButton)
    assert emitted == []
    assert builder.experiment == Experiment()
    assert builder.header(0).caption.text() == "4 neurons"


def test_a_window_answering_inside_the_signal_is_safe(builder, qtbot):
    answers = []

    def main_window(exp):
        answers.append(exp)
        builder.model.propose(exp)  # as the main window does when it accepts the edit

    builder.model.experiment_changed.connect(main_window)
    qtbot.mouseClick(builder.add_layer_button, Qt.LeftButton)
    qtbot.mouseClick(builder.header(2).remove_button, Qt.LeftButton)
    qtbot.mouseClick(builder.remove_layer_button, Qt.LeftButton)
    qtbot.mouseClick(builder.remove_layer_button, Qt.LeftButton)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the removed items are deleted
    assert [len(e.network.hidden) for e in answers] == [3, 3, 2, 1]
    assert builder.experiment.network.hidden == (LayerSpec(4),)


def test_a_header_removed_during_its_own_click_is_safe(builder, qtbot):
    def undo(exp):
        builder.model.experiment_changed.disconnect(undo)
        builder.model.propose(make_experiment(3))  # e.g. the window reverts to a saved net

    builder.model.experiment_changed.connect(undo)
    clicked = builder.header(1)
    qtbot.mouseClick(clicked.remove_button, Qt.LeftButton)
    assert shiboken6.isValid(clicked)  # not deleted inside its own click
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(clicked)  # deleted once the click was over
    assert builder.experiment.network.hidden == (LayerSpec(3),)
    qtbot.mouseClick(builder.add_layer_button, Qt.LeftButton)
    qtbot.mouseClick(builder.header(1).add_button, Qt.LeftButton)
    assert [h.units for h in builder.experiment.network.hidden] == [3, 4]
    builder.grab()


def test_a_model_change_rebuilds_only_when_the_architecture_changes(builder):
    item = builder.neuron_item(0, 0)
    same_shape = builder.experiment.replace(seed=3)
    builder.model.propose(same_shape)
    assert builder.neuron_item(0, 0) is item
    builder.model.propose(make_experiment(5, 5, 5))
    assert builder.neuron_item(0, 0) is not item
    assert builder.neuron_item(2, 4) is not None
    assert builder.header(2).caption.text() == "5 neurons"


def test_input_labels_use_pretty_feature_names(make_builder):
    features = ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")
    builder = make_builder(make_experiment(3, features=features))
    texts = scene_texts(builder)
    for label in ("x1", "x2", "x1²", "x2²", "x1·x2", "sin x1", "sin x2"):
        assert label in texts
    assert builder.neuron_item(-1, 6) is not None


@pytest.mark.parametrize("data, task, word, reason", [
    (DataSpec(), "binary", "sigmoid", "probability of class 1"),
    (DataSpec(dataset="blobs", classes=3), "multiclass", "softmax", "sum to 1"),
    (DataSpec(dataset="plane"), "regression", "linear", "unbounded"),
])
def test_output_caption_names_the_activation_and_why(make_builder, data, task, word, reason):
    exp = Experiment(data=data, network=NetworkSpec(task=task))
    builder = make_builder(exp)
    assert word in builder.output_caption.text()
    assert reason in builder.output_caption.toolTip()
    assert builder.neuron_item(2, exp.output_units - 1) is not None
    if task == "multiclass":
        assert {"class 0", "class 1", "class 2"} <= set(scene_texts(builder))


# ----- the mouse on neurons and links -------------------------------------------------------------

@pytest.mark.parametrize("layer, unit", [(0, 2), (1, 1), (2, 0)])
def test_clicking_a_neuron_emits_its_indices_and_highlights_it(builder, qtbot, layer, unit):
    draw(builder, snapshot_of(builder.experiment))
    item = builder.neuron_item(layer, unit)
    pos = viewport_point(builder, item.sceneBoundingRect().center())
    with qtbot.waitSignal(builder.neuron_clicked) as blocker:
        qtbot.mouseClick(builder.view.viewport(), Qt.LeftButton, pos=pos)
    assert blocker.args == [layer, unit]
    assert builder.selected_neuron == (layer, unit)


def test_clicking_an_input_emits_nothing(builder, qtbot):
    emitted = []
    builder.neuron_clicked.connect(lambda *a: emitted.append(a))
    item = builder.neuron_item(-1, 0)
    qtbot.mouseClick(builder.view.viewport(), Qt.LeftButton,
                     pos=viewport_point(builder, item.sceneBoundingRect().center()))
    assert emitted == [] and builder.selected_neuron is None


def test_hovering_a_link_shows_its_weight_and_gradient(builder, qtbot):
    snap = snapshot_of(builder.experiment)
    draw(builder, snap)
    bundle = builder.link_item(1)
    qtbot.mouseMove(builder.view.viewport(), viewport_point(builder, link_point(builder, 1, 2, 1)))
    assert bundle.hovered == (2, 1)
    tip = bundle.toolTip()
    w, g = float(snap.weights[1][2, 1]), float(snap.gradients[1][2, 1])
    assert f"w = {abs(w):.3f}" in tip.replace("−", "")
    assert "∂L/∂w" in tip and format(abs(g), ".2g") in tip
    assert "neuron 3 of layer 1" in tip and "neuron 2 of layer 2" in tip
    # away from every link the tooltip goes
    empty = builder.view.mapFromScene(builder.scene.sceneRect().bottomRight()) - QPoint(3, 3)
    qtbot.mouseMove(builder.view.viewport(), empty)
    assert bundle.hovered is None and bundle.toolTip() == ""


def test_link_tooltip_uses_a_real_minus_sign(builder):
    snap = snapshot_of(builder.experiment)
    W = np.array(snap.weights[0])
    W[1, 3] = -0.532
    draw(builder, dataclasses.replace(snap, weights=(W, *snap.weights[1:])))
    tip = builder.link_tooltip(0, 1, 3)
    assert "w = −0.532" in tip and tip.startswith("x2 → neuron 4 of layer 1")


def test_double_clicking_a_link_edits_its_weight(builder, qtbot, monkeypatch):
    snap = snapshot_of(builder.experiment)
    draw(builder, snap)
    asked = []

    def get_double(parent, title, label, value, *args, **kwargs):
        asked.append(value)
        return 1.25, True
    monkeypatch.setattr(QInputDialog, "getDouble", get_double)
    pos = viewport_point(builder, link_point(builder, 0, 1, 2))
    with qtbot.waitSignal(builder.weight_edited) as blocker:
        qtbot.mouseDClick(builder.view.viewport(), Qt.LeftButton, pos=pos)
    assert blocker.args == [0, 1, 2, 1.25]
    assert asked == [pytest.approx(float(snap.weights[0][1, 2]))]


def test_cancelling_the_weight_dialog_emits_nothing(builder, qtbot, monkeypatch):
    draw(builder, snapshot_of(builder.experiment))
    monkeypatch.setattr(QInputDialog, "getDouble", lambda *a, **k: (9.0, False))
    emitted = []
    builder.weight_edited.connect(lambda *a: emitted.append(a))
    qtbot.mouseDClick(builder.view.viewport(), Qt.LeftButton,
                      pos=viewport_point(builder, link_point(builder, 2, 1, 0)))
    assert emitted == []


def test_ctrl_wheel_zooms_and_plain_wheel_does_not(builder):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    def wheel(modifiers):
        center = QPointF(builder.view.viewport().rect().center())
        event = QWheelEvent(center, builder.view.viewport().mapToGlobal(center), QPoint(), QPoint(0, 120),
                            Qt.NoButton, modifiers, Qt.NoScrollPhase, False)
        QApplication.sendEvent(builder.view.viewport(), event)

    before = builder.view.transform().m11()
    wheel(Qt.NoModifier)
    assert builder.view.transform().m11() == before
    wheel(Qt.ControlModifier)
    assert builder.view.transform().m11() == pytest.approx(before * 1.15)


# ----- big networks from files ------------------------------------------------------------------

def test_a_100_layer_network_builds_with_few_items(make_builder, qtbot, screenshot):
    exp = make_experiment(*[16] * 100)
    builder = make_builder(exp)
    assert len(builder.scene.items()) < 2500  # 1600 neurons, 101 link bundles, 100 headers
    assert not builder.add_layer_button.isEnabled()  # beyond the builder's 10 layers
    assert builder.remove_layer_button.isEnabled()
    assert builder.layers_label.text() == "100 hidden layers"
    draw(builder, snapshot_of(exp, 1))
    builder.view.viewport().repaint()
    assert builder.link_pen(99, 3, 5).widthF() > 0
    screenshot(builder, "builder_100_layers.png")
    # removing one layer keeps the other 99 as they were
    with qtbot.waitSignal(builder.model.experiment_changed) as blocker:
        qtbot.mouseClick(builder.remove_layer_button, Qt.LeftButton)
    assert blocker.args[0].network.hidden == tuple(LayerSpec(16) for _ in range(99))


def test_a_256_wide_network_is_abbreviated(make_builder, qtbot):
    exp = make_experiment(256, 256)
    builder = make_builder(exp)
    assert len(builder.scene.items()) < 200
    assert builder.neuron_item(0, nb.MAX_DRAWN_UNITS - 1) is not None
    assert builder.neuron_item(0, nb.MAX_DRAWN_UNITS) is None
    assert "+240 more" in scene_texts(builder)
    bundle = builder.link_item(1)
    assert (bundle.n_in, bundle.n_out) == (nb.MAX_DRAWN_UNITS, nb.MAX_DRAWN_UNITS)
    assert builder.header(0).caption.text() == "256 neurons"
    assert not builder.header(0).add_button.isEnabled()
    assert builder.header(0).remove_button.isEnabled()
    snap = snapshot_of(exp, 1)
    draw(builder, snap)
    builder.grab()
    assert builder.link_pen(1, 15, 15).widthF() == pytest.approx(
        float(np.clip(abs(snap.weights[1][15, 15]) * ni.LINK_SCALE, 0.5, 6)), abs=0.13)
    with qtbot.waitSignal(builder.model.experiment_changed) as blocker:
        qtbot.mouseClick(builder.header(0).remove_button, Qt.LeftButton)
    assert [h.units for h in blocker.args[0].network.hidden] == [255, 256]
    qtbot.mouseClick(builder.add_layer_button, Qt.LeftButton)
    assert [h.units for h in builder.experiment.network.hidden] == [255, 256, nb.MAX_BUILDER_UNITS]


def test_snapshots_arriving_faster_than_links_redraw_wait_for_the_newest(make_builder, qtbot):
    builder = make_builder(make_experiment(4, 2))
    first, second, third = (snapshot_of(builder.experiment, steps) for steps in (1, 2, 3))
    builder.show_snapshot(first)
    builder.show_snapshot(second)  # within 1/LINK_HZ of the first: held back
    builder.show_snapshot(third)  # replaces the held one
    assert builder.snapshot is first
    qtbot.waitUntil(lambda: builder.snapshot is third, timeout=2000)


def test_a_snapshot_held_back_while_the_network_changes_is_not_drawn(make_builder):
    builder = make_builder(make_experiment(4, 2))
    draw(builder, snapshot_of(make_experiment(4, 2)))
    builder.clear()  # a new run: nothing drawn
    builder.show_snapshot(snapshot_of(make_experiment(4, 2)))  # too soon after the last drawing: it waits
    builder.model.propose(make_experiment(6, 4, 2))
    builder.flush()  # the throttle's turn comes: the waiting snapshot has the old layers
    assert builder.snapshot is None
    builder.grab()  # paints every item without an exception
