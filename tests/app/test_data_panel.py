"""The data panel, driven the way a person would: clicks, typing, slider drags."""
from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from nnplayground.app.labels import DATASET_TIPS
from nnplayground.app.model import ExperimentModel
from nnplayground.app.panels.data_panel import DATASETS, DataPanel
from nnplayground.app.widgets import DEBOUNCE_MS as SLIDER_DEBOUNCE_MS
from nnplayground.core import Experiment
from nnplayground.core.datasets import DATASET_INFO
from nnplayground.core.experiment import DataSpec, NetworkSpec, TrainingSpec
from qt_helpers import click, show, type_into


@pytest.fixture
def panel(qtbot):
    p = DataPanel(ExperimentModel(Experiment()))
    return show(qtbot, p, (260, p.sizeHint().height()))


def emitted(qtbot, panel, action) -> Experiment:
    with qtbot.waitSignal(panel.model.experiment_changed, timeout=2000) as blocker:
        action()
    new = blocker.args[0]
    assert isinstance(new, Experiment)
    assert Experiment.from_dict(new.to_dict()) == new  # valid
    return new


def test_a_model_change_fills_the_controls_and_writes_nothing_back(qtbot, panel):
    exp = Experiment(data=DataSpec(dataset="spiral", samples=321, noise=0.37, train_fraction=0.7,
                                   features=("x1", "x2", "sin(x1)")))
    seen = []
    panel.model.experiment_changed.connect(seen.append)
    panel.model.propose(exp)
    assert seen == [exp] and panel.model.experiment is exp
    assert panel.dataset_buttons["spiral"].isChecked()
    assert panel.samples_spin.value() == 321
    assert panel.noise_slider.value() == 37
    assert panel.noise_row.label.text() == "37 %"
    assert panel.ratio_slider.value() == 70
    assert panel.ratio_row.label.text() == "70 / 30"
    assert {n for n, b in panel.feature_boxes.items() if b.isChecked()} == {"x1", "x2", "sin(x1)"}
    assert not panel.classes_spin.isEnabled()
    assert not panel.outlier_box.isEnabled()
    assert panel.experiment is exp


def test_picking_the_spiral_thumbnail_emits_a_spiral_experiment(qtbot, panel):
    new = emitted(qtbot, panel, lambda: click(qtbot, panel.dataset_buttons["spiral"]))
    assert new.data.dataset == "spiral"
    assert new.network.task == "binary"
    assert new.data == dataclasses.replace(Experiment().data, dataset="spiral")
    assert panel.experiment is new
    assert panel.dataset_buttons["spiral"].isChecked()
    assert "Spiral" in panel.dataset_label.text()


def test_clicking_the_current_data_set_again_emits_nothing(qtbot, panel):
    with qtbot.assertNotEmitted(panel.model.experiment_changed):
        click(qtbot, panel.dataset_buttons["circle"])


def test_picking_plane_switches_to_regression_and_back_to_binary(qtbot, panel):
    new = emitted(qtbot, panel, lambda: click(qtbot, panel.dataset_buttons["plane"]))
    assert (new.data.dataset, new.network.task) == ("plane", "regression")
    assert panel.task_combo.currentData() == "regression"
    model = panel.task_combo.model()
    enabled = {panel.task_combo.itemData(i): model.item(i).isEnabled() for i in range(3)}
    assert enabled == {"binary": False, "multiclass": False, "regression": True}
    assert panel.outlier_box.isEnabled()

    new = emitted(qtbot, panel, lambda: click(qtbot, panel.dataset_buttons["moons"]))
    assert (new.data.dataset, new.network.task) == ("moons", "binary")
    assert not panel.outlier_box.isEnabled()


def test_sine_drops_the_x2_features_and_leaving_it_restores_x2(qtbot, panel):
    panel.model.propose(Experiment(data=DataSpec(features=("x1", "x2", "x1*x2", "x1^2", "sin(x2)"))))
    new = emitted(qtbot, panel, lambda: click(qtbot, panel.dataset_buttons["sine"]))
    assert new.data.dataset == "sine"
    assert new.data.features == ("x1", "x1^2")
    assert new.network.task == "regression"
    for name in ("x2", "x2^2", "x1*x2", "sin(x2)"):
        assert not panel.feature_boxes[name].isEnabled()
        assert not panel.feature_boxes[name].isChecked()
    assert panel.feature_boxes["sin(x1)"].isEnabled()

    # Only x1 left: leaving sine brings x2 back.
    panel.model.propose(Experiment(data=DataSpec(dataset="sine", features=("x1",)),
                                    network=NetworkSpec(task="regression")))
    new = emitted(qtbot, panel, lambda: click(qtbot, panel.dataset_buttons["xor"]))
    assert new.data.features == ("x1", "x2")
    assert new.network.task == "binary"
    assert panel.feature_boxes["x2"].isEnabled() and panel.feature_boxes["x2"].isChecked()


def test_sine_with_only_x2_features_keeps_x1(qtbot, panel):
    panel.model.propose(Experiment(data=DataSpec(features=("x2", "x2^2"))))
    new = emitted(qtbot, panel, lambda: click(qtbot, panel.dataset_buttons["sine"]))
    assert new.data.features == ("x1",)


def test_regenerate_increments_draw(qtbot, panel):
    first = emitted(qtbot, panel, lambda: click(qtbot, panel.regenerate_button))
    assert first.data.draw == 1
    second = emitted(qtbot, panel, lambda: click(qtbot, panel.regenerate_button))
    assert second.data.draw == 2
    assert second.data == dataclasses.replace(Experiment().data, draw=2)


def test_checking_a_feature_adds_it_in_canonical_order(qtbot, panel):
    new = emitted(qtbot, panel, lambda: click(qtbot, panel.feature_boxes["sin(x1)"]))
    assert new.data.features == ("x1", "x2", "sin(x1)")
    new = emitted(qtbot, panel, lambda: click(qtbot, panel.feature_boxes["x1^2"]))
    assert new.data.features == ("x1", "x2", "x1^2", "sin(x1)")
    new = emitted(qtbot, panel, lambda: click(qtbot, panel.feature_boxes["x1"]))
    assert new.data.features == ("x2", "x1^2", "sin(x1)")


def test_unchecking_the_last_feature_is_refused(qtbot, panel):
    panel.model.propose(Experiment(data=DataSpec(features=("x1^2",))))
    box = panel.feature_boxes["x1^2"]
    with qtbot.assertNotEmitted(panel.model.experiment_changed):
        click(qtbot, box)
    assert box.isChecked()
    assert panel.experiment.data.features == ("x1^2",)
    assert panel.error_label.isVisible()
    assert "feature" in panel.error

    new = emitted(qtbot, panel, lambda: click(qtbot, panel.feature_boxes["x2"]))
    assert new.data.features == ("x2", "x1^2")
    assert not panel.error_label.isVisible()


def test_noise_slider_emits_on_release(qtbot, panel):
    slider = panel.noise_slider
    received = []
    panel.model.experiment_changed.connect(received.append)
    slider.setSliderDown(True)  # the person holds the handle...
    slider.setValue(10)
    slider.setValue(30)
    assert panel.noise_row.label.text() == "30 %"  # the label follows the drag
    qtbot.wait(2 * SLIDER_DEBOUNCE_MS)  # what a debounce would send has arrived by now
    assert received == []  # ...and nothing is rebuilt while dragging
    slider.setSliderDown(False)  # letting go emits sliderReleased
    assert len(received) == 1
    assert received[0].data.noise == pytest.approx(0.3)
    qtbot.wait(2 * SLIDER_DEBOUNCE_MS)  # no late duplicate from the debounce timer
    assert len(received) == 1
    assert panel.experiment is received[0]


def test_noise_slider_debounces_keyboard_steps(qtbot, panel):
    slider = panel.noise_slider
    slider.setFocus()
    received = []
    panel.model.experiment_changed.connect(received.append)
    for _ in range(3):
        qtbot.keyClick(slider, Qt.Key.Key_PageUp)  # +10 each
    assert received == []  # nothing until the person pauses
    qtbot.waitUntil(lambda: len(received) == 1, timeout=2000)
    qtbot.wait(2 * SLIDER_DEBOUNCE_MS)  # and only one
    assert len(received) == 1
    assert received[0].data.noise == pytest.approx(0.3)


def test_train_split_slider(qtbot, panel):
    def move():
        panel.ratio_slider.setValue(70)
        panel.ratio_slider.sliderReleased.emit()

    new = emitted(qtbot, panel, move)
    assert new.data.train_fraction == pytest.approx(0.7)
    assert panel.ratio_row.label.text() == "70 / 30"


def test_samples_typed_into_the_spin_box(qtbot, panel):
    new = emitted(qtbot, panel, lambda: type_into(qtbot, panel.samples_spin, "800"))
    assert new.data.samples == 800


def test_invalid_combination_shows_a_red_message_and_emits_nothing(qtbot, panel):
    # Batches of 100 with partial batches dropped need at least 100 training samples.
    exp = Experiment(training=TrainingSpec(batch_size=100, partial_batch="drop"))
    panel.model.propose(exp)
    with qtbot.assertNotEmitted(panel.model.experiment_changed):
        type_into(qtbot, panel.samples_spin, "60")
    assert panel.error_label.isVisible()
    assert "batch_size" in panel.error
    assert "c62828" in panel.error_label.styleSheet()
    assert panel.experiment is exp
    assert panel.samples_spin.value() == 60  # what the person typed stays, to be repaired

    new = emitted(qtbot, panel, lambda: type_into(qtbot, panel.samples_spin, "400"))
    assert new.data.samples == 400
    assert not panel.error_label.isVisible()


def test_rejected_edit_is_kept_and_combined_with_the_next(qtbot, panel):
    exp = Experiment(training=TrainingSpec(batch_size=100, partial_batch="drop"))
    panel.model.propose(exp)
    with qtbot.assertNotEmitted(panel.model.experiment_changed):
        panel.ratio_slider.setValue(10)  # 50 of 500 samples for training: too few
        panel.ratio_slider.sliderReleased.emit()
    assert "batch_size" in panel.error
    assert panel.ratio_slider.value() == 10

    new = emitted(qtbot, panel, lambda: type_into(qtbot, panel.samples_spin, "2000"))
    assert (new.data.samples, new.data.train_fraction) == (2000, pytest.approx(0.1))
    assert panel.error == ""


def test_blobs_classes_and_task_choices(qtbot, panel):
    new = emitted(qtbot, panel, lambda: click(qtbot, panel.dataset_buttons["blobs"]))
    assert (new.data.dataset, new.data.classes, new.network.task) == ("blobs", 3, "multiclass")
    assert panel.classes_spin.isEnabled()
    model = panel.task_combo.model()
    enabled = {panel.task_combo.itemData(i): model.item(i).isEnabled() for i in range(3)}
    assert enabled == {"binary": False, "multiclass": True, "regression": False}

    new = emitted(qtbot, panel, lambda: type_into(qtbot, panel.classes_spin, "5"))
    assert (new.data.classes, new.network.task) == (5, "multiclass")

    new = emitted(qtbot, panel, lambda: type_into(qtbot, panel.classes_spin, "2"))
    assert (new.data.classes, new.network.task) == (2, "multiclass")
    assert model.item(panel.task_combo.findData("binary")).isEnabled()

    def choose_binary():
        index = panel.task_combo.findData("binary")
        panel.task_combo.setCurrentIndex(index)
        panel.task_combo.activated.emit(index)

    new = emitted(qtbot, panel, choose_binary)
    assert new.network.task == "binary"

    # Back to a two-class data set from many blobs: binary again.
    panel.model.propose(Experiment(data=DataSpec(dataset="blobs", classes=4), network=NetworkSpec(task="multiclass")))
    new = emitted(qtbot, panel, lambda: click(qtbot, panel.dataset_buttons["circle"]))
    assert new.network.task == "binary"


def test_circle_can_be_trained_as_multiclass(qtbot, panel):
    def choose():
        index = panel.task_combo.findData("multiclass")
        panel.task_combo.setCurrentIndex(index)
        panel.task_combo.activated.emit(index)

    new = emitted(qtbot, panel, choose)
    assert (new.data.dataset, new.network.task, new.output_units) == ("circle", "multiclass", 2)


def test_outliers_are_edited_for_regression(qtbot, panel):
    panel.model.propose(Experiment(data=DataSpec(dataset="plane"), network=NetworkSpec(task="regression")))
    assert panel.outlier_box.isEnabled()
    new = emitted(qtbot, panel, lambda: type_into(qtbot, panel.outliers_spin, "7"))
    assert new.data.outliers == 7
    new = emitted(qtbot, panel, lambda: type_into(qtbot, panel.magnitude_spin, "3.5"))
    assert new.data.outlier_magnitude == pytest.approx(3.5)


def test_changing_data_set_drops_hand_added_points(qtbot, panel):
    panel.model.propose(Experiment(data=DataSpec(extra_points=((1.0, 2.0, 1.0),))))
    new = emitted(qtbot, panel, lambda: click(qtbot, panel.regenerate_button))
    assert new.data.extra_points == ((1.0, 2.0, 1.0),)  # regenerating keeps them
    new = emitted(qtbot, panel, lambda: click(qtbot, panel.dataset_buttons["sine"]))
    assert new.data.extra_points == ()


def test_fewer_blobs_drop_points_of_vanished_classes(qtbot, panel):
    points = ((1.0, 1.0, 0.0), (2.0, 2.0, 4.0))
    panel.model.propose(Experiment(data=DataSpec(dataset="blobs", classes=5, extra_points=points),
                                    network=NetworkSpec(task="multiclass")))
    new = emitted(qtbot, panel, lambda: type_into(qtbot, panel.classes_spin, "3"))
    assert new.data.extra_points == ((1.0, 1.0, 0.0),)


def test_other_fields_are_left_alone(qtbot, panel):
    exp = Experiment(name="Mine", seed=7, data=DataSpec(train_fraction=0.95, noise=0.123))
    panel.model.propose(exp)
    new = emitted(qtbot, panel, lambda: click(qtbot, panel.regenerate_button))
    assert new == exp.replace(data=dataclasses.replace(exp.data, draw=1))


def test_dataset_tooltips_match_the_core_descriptions(panel):
    assert DATASET_TIPS == DATASET_INFO
    assert set(DATASETS) == set(DATASET_INFO)
    for name, button in panel.dataset_buttons.items():
        assert DATASET_INFO[name] in button.toolTip()
        assert not button.icon().isNull()


def test_fits_a_narrow_dock(qtbot, panel, screenshot):
    assert panel.minimumSizeHint().width() <= 250
    panel.model.propose(Experiment(data=DataSpec(dataset="spiral", noise=0.25)))
    panel.resize(260, panel.sizeHint().height())
    assert panel.width() == 260
    for control in (*panel.dataset_buttons.values(), panel.regenerate_button, panel.noise_slider):
        right = control.mapTo(panel, control.rect().topRight()).x()
        assert control.isVisible() and right < panel.width()  # nothing cut off at the right edge
    screenshot(panel, "data_panel.png")
