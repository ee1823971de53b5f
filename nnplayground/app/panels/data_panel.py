"""The data panel: which data set, which task, how noisy, how split, which input features.

The panel shows the experiment model's data and task and writes every edit back to the
model; an edit the core rejects shows the reason in a red line and changes nothing.

Sliders apply when released (or a moment after the last keyboard or wheel step), so dragging
one does not rebuild the data on every pixel.
"""
from __future__ import annotations

import dataclasses

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGridLayout,
                               QGroupBox, QLabel, QPushButton, QSizePolicy, QSpinBox,
                               QToolButton, QVBoxLayout, QWidget)

from ...core.datasets import generate_points
from ...core.experiment import (CLASSIFICATION_DATASETS, FEATURES, REGRESSION_DATASETS, TASKS, DataSpec, Experiment,
                                ExperimentError)
from .. import labels, style
from ..language import Retranslating
from ..model import ExperimentModel
from ..widgets import SliderRow, set_item_texts, spin_box
from ..plots import colormaps

DATASETS = CLASSIFICATION_DATASETS + REGRESSION_DATASETS
THUMBNAIL_SIZE = 42
THUMBNAIL_COLUMNS = 4
MAX_DRAW = 2**31 - 1
ERROR_COLOR = "#c62828"

# Where each feature sits in the 3-column grid: linear terms, squares, the rest.
FEATURE_GRID = {"x1": (0, 0), "x2": (0, 1), "x1*x2": (0, 2), "x1^2": (1, 0), "x2^2": (1, 1),
                "sin(x1)": (2, 0), "sin(x2)": (2, 1)}


def _uses_x2(feature: str) -> bool:
    return "x2" in feature


def dataset_thumbnail(dataset: str, size: int = THUMBNAIL_SIZE, classes: int = 3) -> QPixmap:
    """A small picture of ``dataset``: its points at a little noise, in the class colours
    (regression: coloured by target; sine: the points as (x1, target))."""
    features = ("x1",) if dataset == "sine" else ("x1", "x2")
    spec = DataSpec(dataset=dataset, samples=240 if dataset == "blobs" else 180, noise=0.1, classes=classes,
                    features=features)
    points, labels = generate_points(spec, np.random.default_rng(3))
    if dataset == "sine":
        points = np.column_stack([points[:, 0], 4.0 * labels])
    reach = 6.5
    scale = size / (2 * reach)
    xs = (points[:, 0] + reach) * scale
    ys = (reach - points[:, 1]) * scale
    if dataset in REGRESSION_DATASETS:
        colors = [QColor(*map(int, c)) for c in colormaps.colorize(labels, -1.0, 1.0, colormaps.diverging_lut())]
    else:
        palette = [QColor(c) for c in style.CLASS_COLORS]
        colors = [palette[int(k) % len(palette)] for k in labels]

    pixmap = QPixmap(size, size)
    pixmap.fill(QColor("#fbfbfb"))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if dataset in REGRESSION_DATASETS:  # near-white targets need an outline to show
        painter.setPen(QPen(QColor(0, 0, 0, 60), 0.5))
    else:
        painter.setPen(Qt.PenStyle.NoPen)
    radius = 1.6
    for x, y, color in zip(xs, ys, colors):
        painter.setBrush(color)
        painter.drawEllipse(float(x) - radius, float(y) - radius, 2 * radius, 2 * radius)
    painter.setPen(QPen(QColor("#c8c8c8"), 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return pixmap


def _compact_form(parent=None, margin: int = 0) -> QFormLayout:
    form = QFormLayout(parent)
    form.setContentsMargins(margin, margin, margin, margin)
    form.setHorizontalSpacing(8)
    form.setVerticalSpacing(5)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def _spin(parent, low: int, high: int, on_change, step: int = 1) -> QSpinBox:
    spin = spin_box(parent, low, high, low)
    spin.setSingleStep(step)
    spin.valueChanged.connect(on_change)
    return spin


class DataPanel(Retranslating, QWidget):
    """Controls for the model's ``data`` and ``network.task``.

    The panel shows the model's experiment and writes every edit back to the model. An edit
    the core rejects (say, fewer training samples than a batch that drops partial batches)
    shows the reason in a red line and is kept as a draft, so the controls show what the
    person set and the next edit can repair it; any change of the model drops the draft."""

    def __init__(self, model: ExperimentModel, parent=None):
        super().__init__(parent)
        self.model = model
        self._draft: dict = {}  # DataSpec fields (and "task") of a rejected edit
        self._error: tuple[str, str] = ("", "")  # (kind, the core's words) of the message on show
        self._captions: dict[str, QLabel] = {}  # the form rows' names, by field
        self._syncing = False
        self._blobs_thumbnail_classes = 3
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.setSpacing(6)
        column.addWidget(self._build_data_box())
        column.addWidget(self._build_outlier_box())
        column.addWidget(self._build_feature_box())
        column.addWidget(self._build_error_label())
        column.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        model.experiment_changed.connect(self._experiment_changed)
        self._sync()
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the panel; combo items renamed in place, so no edit reaches the model."""
        self.data_box.setTitle(self.tr("Data set"))
        self.outlier_box.setTitle(self.tr("Outliers"))
        self.feature_box.setTitle(self.tr("Input features"))
        for key, text in (("task", self.tr("Task")), ("classes", self.tr("Classes")), ("samples", self.tr("Samples")),
                          ("noise", self.tr("Noise")), ("ratio", self.tr("Train / test")),
                          ("outliers", self.tr("Count")), ("magnitude", self.tr("Magnitude"))):
            self._captions[key].setText(text)
        for name, button in self.dataset_buttons.items():
            button.setToolTip(f"<b>{labels.dataset(name)}</b><br>{labels.dataset_tip(name)}")
            button.setAccessibleName(labels.dataset(name))
        set_item_texts(self.task_combo, [labels.task(self.task_combo.itemData(i)) for i in range(self.task_combo.count())])
        for name, check in self.feature_boxes.items():
            check.setText(labels.feature(name))
            check.setToolTip(self.tr("Feed {0} to the network as an input").format(labels.feature(name)))
        self._retranslate_tips()
        self.regenerate_button.setText(self.tr("Regenerate"))
        self._describe(self._fields()["dataset"])
        self._show_error()

    def _retranslate_tips(self) -> None:
        self.task_combo.setToolTip(self.tr(
            "Binary: one sigmoid output, P(class 1). Multi-class: one softmax output per class. "
            "Regression: one linear output, the predicted value."))
        self.classes_spin.setToolTip(self.tr("Number of clusters (classes) of the blobs data set"))
        self.samples_spin.setToolTip(self.tr(
            "Number of points, training and test together; more points draw the shape more clearly"))
        self.noise_slider.setToolTip(self.tr("How much the points (or, for regression, the targets) are jittered"))
        self.ratio_slider.setToolTip(self.tr("Share of the points used for training; the rest are test points"))
        self.regenerate_button.setToolTip(self.tr("Draw a new random sample of the same data set"))
        self.outliers_spin.setToolTip(self.tr("Training targets pushed far off (regression only)"))
        self.magnitude_spin.setToolTip(self.tr("How far an outlier's target is pushed (regression only)"))

    # ----- building -----------------------------------------------------------------------------

    def _build_dataset_grid(self, box: QGroupBox) -> QGridLayout:
        self.dataset_group = QButtonGroup(self)
        self.dataset_group.setExclusive(True)
        self.dataset_buttons: dict[str, QToolButton] = {}
        grid = QGridLayout()
        grid.setSpacing(2)
        for i, name in enumerate(DATASETS):
            button = QToolButton(box, objectName=f"dataset_{name}", checkable=True)
            button.setIconSize(QSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE))
            button.setIcon(QIcon(dataset_thumbnail(name)))
            button.setStyleSheet(
                "QToolButton { border: 2px solid transparent; border-radius: 4px; padding: 0px; }"
                "QToolButton:hover { border-color: #b8c7d6; }"
                f"QToolButton:checked {{ border-color: {style.POSITIVE}; background: #e3eef7; }}")
            button.clicked.connect(lambda _=False, n=name: self._dataset_clicked(n))
            self.dataset_group.addButton(button, i)
            self.dataset_buttons[name] = button
            grid.addWidget(button, i // THUMBNAIL_COLUMNS, i % THUMBNAIL_COLUMNS, Qt.AlignmentFlag.AlignCenter)
        return grid

    def _build_data_box(self) -> QGroupBox:
        self.data_box = box = QGroupBox(self)
        grid = self._build_dataset_grid(box)
        self.dataset_label = QLabel(box, wordWrap=True, styleSheet="color: #555555;")
        self.task_combo = QComboBox(box, minimumContentsLength=10, sizeAdjustPolicy=(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon))
        for task in TASKS:
            self.task_combo.addItem("", task)  # named by retranslate()
        self.task_combo.activated.connect(lambda i: self._edit(task=self.task_combo.itemData(i)))
        self.classes_spin = _spin(box, 2, 10, self._classes_changed)
        self.samples_spin = _spin(box, 4, 1_000_000, lambda v: self._edit(samples=int(v)), step=50)
        self.noise_row = SliderRow(0, 100, 0, int, "{0} %".format, box, widest="100 %")
        self.ratio_row = SliderRow(10, 90, 50, int, lambda train: f"{train} / {100 - train}",
                                   box, widest="100 / 00")
        self.noise_slider, self.ratio_slider = self.noise_row.slider, self.ratio_row.slider
        for row in (self.noise_row, self.ratio_row):
            row.slider.setPageStep(10)
            row.committed.connect(self._commit_sliders)
        self.regenerate_button = QPushButton(box)
        self.regenerate_button.clicked.connect(self._regenerate)

        form = _compact_form()
        for key, field in (("task", self.task_combo), ("classes", self.classes_spin), ("samples", self.samples_spin),
                           ("noise", self.noise_row), ("ratio", self.ratio_row)):
            self._add_row(form, key, field)
        column = QVBoxLayout(box)
        column.setContentsMargins(6, 6, 6, 6)
        column.setSpacing(6)
        column.addLayout(grid)
        column.addWidget(self.dataset_label)
        column.addLayout(form)
        column.addWidget(self.regenerate_button)
        return box

    def _build_outlier_box(self) -> QGroupBox:
        self.outlier_box = box = QGroupBox(self)
        self.outliers_spin = _spin(box, 0, 1_000_000, lambda v: self._edit(outliers=int(v)))
        self.magnitude_spin = QDoubleSpinBox(box, minimum=0.0, maximum=1e6, decimals=1, singleStep=1.0,
                                             keyboardTracking=False)
        self.magnitude_spin.valueChanged.connect(lambda v: self._edit(outlier_magnitude=float(v)))
        form = _compact_form(box, margin=6)
        self._add_row(form, "outliers", self.outliers_spin)
        self._add_row(form, "magnitude", self.magnitude_spin)
        return box

    def _add_row(self, form: QFormLayout, key: str, field: QWidget) -> None:
        """A row of ``form`` whose name (written by retranslate) is kept as ``_captions[key]``."""
        self._captions[key] = QLabel(form.parentWidget() or self)
        form.addRow(self._captions[key], field)

    def _build_feature_box(self) -> QGroupBox:
        self.feature_box = box = QGroupBox(self)
        self.feature_boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(box)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        for name in FEATURES:
            check = QCheckBox(box, objectName=f"feature_{name}")
            check.clicked.connect(lambda checked, n=name: self._feature_clicked(n, checked))
            self.feature_boxes[name] = check
            grid.addWidget(check, *FEATURE_GRID[name])
        return box

    def _build_error_label(self) -> QLabel:
        self.error_label = QLabel(self, wordWrap=True, styleSheet=f"color: {ERROR_COLOR};")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        return self.error_label

    # ----- state --------------------------------------------------------------------------------

    @property
    def experiment(self) -> Experiment:
        """The model's experiment (the panel keeps no copy)."""
        return self.model.experiment

    @property
    def error(self) -> str:
        """The message of the last rejected edit, or ''."""
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def _fields(self) -> dict:
        """The data fields on show: the model's, with the draft's on top."""
        data = self.model.experiment.data
        fields = {f.name: getattr(data, f.name) for f in dataclasses.fields(DataSpec)}
        fields.update((k, v) for k, v in self._draft.items() if k != "task")
        return fields

    def _task(self) -> str:
        return self._draft.get("task", self.model.experiment.network.task)

    def _experiment_changed(self, _experiment) -> None:
        self._draft.clear()
        self._set_error()
        self._sync()

    # ----- edits ------------------------------------------------------------------------------------

    def _edit(self, **changes) -> None:
        if self._syncing:
            return
        self._draft.update(changes)
        self._commit()

    def _commit(self) -> None:
        """Write the draft to the model if the core accepts it; show why not if it does not."""
        exp = self.model.experiment
        fields = self._fields()
        try:
            new = exp.replace(data=dataclasses.replace(exp.data, **fields),
                              network=dataclasses.replace(exp.network, task=self._task()))
        except ExperimentError as e:
            self._set_error("not_applied", str(e))
            self._sync()
            return
        self._draft.clear()
        self._set_error()
        if new == exp or not self.model.propose(new):
            self._sync()

    def _dataset_clicked(self, name: str) -> None:
        f, task = self._fields(), self._task()
        old = f["dataset"]
        if name == old:
            self._sync()
            return
        if name in REGRESSION_DATASETS:
            task = "regression"
        elif name == "blobs" and f["classes"] > 2:
            task = "multiclass"
        elif task == "regression" or (old == "blobs" and f["classes"] > 2):
            task = "binary"
        features = tuple(f["features"])
        if name == "sine":
            features = tuple(x for x in features if not _uses_x2(x)) or ("x1",)
        elif old == "sine" and features == ("x1",):
            features = ("x1", "x2")
        # Hand-placed points belong to the old data set.
        self._edit(dataset=name, task=task, features=features, extra_points=())

    def _classes_changed(self, value: int) -> None:
        f = self._fields()
        changes = {"classes": int(value), "extra_points": tuple(p for p in f["extra_points"] if p[-1] < value)}
        if f["dataset"] == "blobs" and value > 2:
            changes["task"] = "multiclass"
        self._edit(**changes)

    def _feature_clicked(self, name: str, checked: bool) -> None:
        current = set(self._fields()["features"])
        if checked:
            current.add(name)
        elif current <= {name}:  # never leave the network without an input
            self.feature_boxes[name].setChecked(True)
            self._set_error("one_feature")
            return
        else:
            current.discard(name)
        self._edit(features=tuple(x for x in FEATURES if x in current))

    def _regenerate(self) -> None:
        draw = self._fields()["draw"]
        self._edit(draw=draw + 1 if draw < MAX_DRAW else 0)

    # ----- sliders -----------------------------------------------------------------------------------

    def _commit_sliders(self) -> None:
        """A slider came to rest: its value joins the experiment."""
        f, changes = self._fields(), {}
        # A value the slider cannot show (e.g. a loaded 0.95 split) survives until it is moved.
        if round(f["noise"] * 100) != self.noise_slider.value():
            changes["noise"] = self.noise_slider.value() / 100
        if round(f["train_fraction"] * 100) != self.ratio_slider.value():
            changes["train_fraction"] = self.ratio_slider.value() / 100
        self._edit(**changes)

    # ----- showing the state -------------------------------------------------------------------------

    def _set_error(self, kind: str = "", detail: str = "") -> None:
        """Show the message of ``kind`` ("not_applied" with the core's ``detail``, "one_feature"),
        or none for ''; kept by kind so that a language switch can write it again."""
        self._error = (kind, detail)
        self._show_error()

    def _show_error(self) -> None:
        kind, detail = self._error
        message = {"": "", "not_applied": self.tr("Not applied: {0}").format(detail),
                   "one_feature": self.tr("At least one input feature is needed.")}[kind]
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _describe(self, dataset: str) -> None:
        """The data set's name and look under the thumbnails, and whether outliers apply to it."""
        self.dataset_label.setText(f"<b>{labels.dataset(dataset)}</b> — {labels.dataset_tip(dataset)}")
        regression = dataset in REGRESSION_DATASETS
        self.outlier_box.setToolTip("" if regression else self.tr("Outliers apply to regression data sets only"))

    def _sync(self) -> None:
        """Put the (possibly not yet valid) state into the controls, without signals."""
        f, task = self._fields(), self._task()
        self._syncing = True
        try:
            self._sync_data_set(f, task)
            self._sync_numbers(f)
            dataset = f["dataset"]
            for name, check in self.feature_boxes.items():
                check.setChecked(name in f["features"])
                check.setEnabled(not (dataset == "sine" and _uses_x2(name)))
        finally:
            self._syncing = False

    def _sync_data_set(self, f: dict, task: str) -> None:
        dataset = f["dataset"]
        regression = dataset in REGRESSION_DATASETS
        self.dataset_buttons[dataset].setChecked(True)
        self._describe(dataset)
        items = self.task_combo.model()
        for i in range(self.task_combo.count()):
            option = self.task_combo.itemData(i)
            if regression:
                ok = option == "regression"
            else:
                ok = option != "regression" and not (option == "binary" and dataset == "blobs" and f["classes"] > 2)
            items.item(i).setEnabled(ok)
        self.task_combo.setCurrentIndex(self.task_combo.findData(task))
        self.classes_spin.setValue(f["classes"])
        self.classes_spin.setEnabled(dataset == "blobs")
        if f["classes"] != self._blobs_thumbnail_classes:
            self._blobs_thumbnail_classes = f["classes"]
            self.dataset_buttons["blobs"].setIcon(QIcon(dataset_thumbnail("blobs", classes=f["classes"])))
        self.outlier_box.setEnabled(regression)

    def _sync_numbers(self, f: dict) -> None:
        self.samples_spin.setValue(f["samples"])
        for row, value in ((self.noise_row, f["noise"]), (self.ratio_row, f["train_fraction"])):
            if not row.slider.isSliderDown():
                row.set_position(round(value * 100))
        self.outliers_spin.setValue(f["outliers"])
        self.magnitude_spin.setValue(f["outlier_magnitude"])
