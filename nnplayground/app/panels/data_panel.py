"""The data panel: which data set, which task, how noisy, how split, which input features.

``set_experiment`` fills the controls without a signal. Every edit by the person emits
``changed(Experiment)`` with a new, validated experiment derived from the current one; an
edit the core rejects (say, fewer training samples than a batch that drops partial batches)
shows the reason in a red line and emits nothing, and the controls keep what the person
set so the next edit can repair it.

Sliders emit when released (or 150 ms after the last keyboard or wheel step), so dragging
one does not rebuild the data on every pixel.
"""
from __future__ import annotations

import dataclasses

import numpy as np
from PySide6.QtCore import QSize, QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGridLayout,
                               QGroupBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSlider, QSpinBox,
                               QToolButton, QVBoxLayout, QWidget)

from ...core.datasets import generate_points
from ...core.experiment import (CLASSIFICATION_DATASETS, FEATURES, REGRESSION_DATASETS, DataSpec, Experiment,
                                ExperimentError)
from .. import style
from ..plots import colormaps

DATASETS = CLASSIFICATION_DATASETS + REGRESSION_DATASETS
THUMBNAIL_SIZE = 46
THUMBNAIL_COLUMNS = 4
SLIDER_DEBOUNCE_MS = 150
MAX_DRAW = 2**31 - 1
ERROR_COLOR = "#c62828"

# The same English text as core.datasets.DATASET_INFO (a test keeps them equal), written
# out here so that lupdate finds it for the translation.
DATASET_TIPS = {
    "circle": QT_TRANSLATE_NOOP("DataPanel", "A disc of one class inside a ring of the other"),
    "xor": QT_TRANSLATE_NOOP("DataPanel", "Four quadrants; the class is whether x1 and x2 share a sign"),
    "gaussian": QT_TRANSLATE_NOOP("DataPanel", "Two round Gaussian clusters, one per class"),
    "spiral": QT_TRANSLATE_NOOP("DataPanel", "Two spirals wound into each other"),
    "moons": QT_TRANSLATE_NOOP("DataPanel", "Two interleaving half-moons"),
    "blobs": QT_TRANSLATE_NOOP("DataPanel", "Several Gaussian clusters around a circle, one class each"),
    "plane": QT_TRANSLATE_NOOP("DataPanel", "Regression: the target rises linearly across the plane"),
    "sine": QT_TRANSLATE_NOOP("DataPanel", "Regression on one input: the target is sin(x1)"),
}
DATASET_NAMES = {
    "circle": QT_TRANSLATE_NOOP("DataPanel", "Circle"),
    "xor": QT_TRANSLATE_NOOP("DataPanel", "XOR"),
    "gaussian": QT_TRANSLATE_NOOP("DataPanel", "Gaussian"),
    "spiral": QT_TRANSLATE_NOOP("DataPanel", "Spiral"),
    "moons": QT_TRANSLATE_NOOP("DataPanel", "Moons"),
    "blobs": QT_TRANSLATE_NOOP("DataPanel", "Blobs"),
    "plane": QT_TRANSLATE_NOOP("DataPanel", "Plane"),
    "sine": QT_TRANSLATE_NOOP("DataPanel", "Sine"),
}
# Core feature name -> what the checkbox shows.
FEATURE_LABELS = {
    "x1": QT_TRANSLATE_NOOP("DataPanel", "x1"),
    "x2": QT_TRANSLATE_NOOP("DataPanel", "x2"),
    "x1^2": QT_TRANSLATE_NOOP("DataPanel", "x1²"),
    "x2^2": QT_TRANSLATE_NOOP("DataPanel", "x2²"),
    "x1*x2": QT_TRANSLATE_NOOP("DataPanel", "x1·x2"),
    "sin(x1)": QT_TRANSLATE_NOOP("DataPanel", "sin x1"),
    "sin(x2)": QT_TRANSLATE_NOOP("DataPanel", "sin x2"),
}
# Where each feature sits in the 3-column grid: linear terms, squares, the rest.
FEATURE_GRID = {"x1": (0, 0), "x2": (0, 1), "x1*x2": (0, 2), "x1^2": (1, 0), "x2^2": (1, 1),
                "sin(x1)": (2, 0), "sin(x2)": (2, 1)}
TASK_NAMES = {
    "binary": QT_TRANSLATE_NOOP("DataPanel", "Binary"),
    "multiclass": QT_TRANSLATE_NOOP("DataPanel", "Multi-class"),
    "regression": QT_TRANSLATE_NOOP("DataPanel", "Regression"),
}


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


class _SliderRow(QWidget):
    """A horizontal slider with its value shown beside it."""

    def __init__(self, minimum: int, maximum: int, parent=None):
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(minimum, maximum)
        self.slider.setPageStep(10)
        self.value_label = QLabel(self)
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.value_label.setMinimumWidth(self.value_label.fontMetrics().horizontalAdvance("100 / 00") + 2)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.slider, 1)
        row.addWidget(self.value_label)


class DataPanel(QWidget):
    """Controls for ``Experiment.data`` and ``network.task``; emits ``changed(Experiment)``."""

    changed = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.experiment = Experiment()
        self._fields: dict = {}
        self._task = "binary"
        self._syncing = False
        self._blobs_thumbnail_classes = 3

        # ----- data set ------------------------------------------------------------------------
        data_box = QGroupBox(self.tr("Data set"), self)
        self.dataset_group = QButtonGroup(self)
        self.dataset_group.setExclusive(True)
        self.dataset_buttons: dict[str, QToolButton] = {}
        grid = QGridLayout()
        grid.setSpacing(2)
        for i, name in enumerate(DATASETS):
            button = QToolButton(data_box)
            button.setObjectName(f"dataset_{name}")
            button.setCheckable(True)
            button.setIconSize(QSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE))
            button.setIcon(QIcon(dataset_thumbnail(name)))
            button.setToolTip(f"<b>{self.tr(DATASET_NAMES[name])}</b><br>{self.tr(DATASET_TIPS[name])}")
            button.setAccessibleName(self.tr(DATASET_NAMES[name]))
            button.setStyleSheet(
                "QToolButton { border: 2px solid transparent; border-radius: 4px; padding: 0px; }"
                "QToolButton:hover { border-color: #b8c7d6; }"
                f"QToolButton:checked {{ border-color: {style.POSITIVE}; background: #e3eef7; }}")
            button.clicked.connect(lambda _=False, n=name: self._dataset_clicked(n))
            self.dataset_group.addButton(button, i)
            self.dataset_buttons[name] = button
            grid.addWidget(button, i // THUMBNAIL_COLUMNS, i % THUMBNAIL_COLUMNS, Qt.AlignmentFlag.AlignCenter)
        self.dataset_label = QLabel(data_box)
        self.dataset_label.setWordWrap(True)
        self.dataset_label.setStyleSheet("color: #555555;")

        self.task_combo = QComboBox(data_box)
        self.task_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.task_combo.setMinimumContentsLength(10)
        for task, text in TASK_NAMES.items():
            self.task_combo.addItem(self.tr(text), task)
        self.task_combo.setToolTip(self.tr(
            "Binary: one sigmoid output, P(class 1). Multi-class: one softmax output per class. "
            "Regression: one linear output, the predicted value."))
        self.task_combo.activated.connect(self._task_activated)

        self.classes_spin = QSpinBox(data_box)
        self.classes_spin.setRange(2, 10)
        self.classes_spin.setKeyboardTracking(False)
        self.classes_spin.setToolTip(self.tr("Number of clusters (classes) of the blobs data set"))
        self.classes_spin.valueChanged.connect(self._classes_changed)

        self.samples_spin = QSpinBox(data_box)
        self.samples_spin.setRange(4, 1_000_000)
        self.samples_spin.setSingleStep(50)
        self.samples_spin.setKeyboardTracking(False)
        self.samples_spin.setToolTip(self.tr("Number of points, training and test together"))
        self.samples_spin.valueChanged.connect(lambda v: self._edit(samples=int(v)))

        self.noise_row = _SliderRow(0, 100, data_box)
        self.noise_slider = self.noise_row.slider
        self.noise_slider.setToolTip(self.tr("How much the points (or, for regression, the targets) are jittered"))
        self.ratio_row = _SliderRow(10, 90, data_box)
        self.ratio_slider = self.ratio_row.slider
        self.ratio_slider.setToolTip(self.tr("Share of the points used for training; the rest are test points"))
        self._slider_timer = QTimer(self)
        self._slider_timer.setSingleShot(True)
        self._slider_timer.setInterval(SLIDER_DEBOUNCE_MS)
        self._slider_timer.timeout.connect(self._commit_sliders)
        for slider in (self.noise_slider, self.ratio_slider):
            slider.valueChanged.connect(self._slider_moved)
            slider.sliderReleased.connect(self._slider_released)

        self.regenerate_button = QPushButton(self.tr("Regenerate"), data_box)
        self.regenerate_button.setToolTip(self.tr("Draw a new random sample of the same data set"))
        self.regenerate_button.clicked.connect(self._regenerate)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(5)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Task"), self.task_combo)
        form.addRow(self.tr("Classes"), self.classes_spin)
        form.addRow(self.tr("Samples"), self.samples_spin)
        form.addRow(self.tr("Noise"), self.noise_row)
        form.addRow(self.tr("Train / test"), self.ratio_row)
        data_column = QVBoxLayout(data_box)
        data_column.setContentsMargins(6, 6, 6, 6)
        data_column.setSpacing(6)
        data_column.addLayout(grid)
        data_column.addWidget(self.dataset_label)
        data_column.addLayout(form)
        data_column.addWidget(self.regenerate_button)

        # ----- outliers ---------------------------------------------------------------------
        self.outlier_box = QGroupBox(self.tr("Outliers"), self)
        self.outliers_spin = QSpinBox(self.outlier_box)
        self.outliers_spin.setRange(0, 1_000_000)
        self.outliers_spin.setKeyboardTracking(False)
        self.outliers_spin.setToolTip(self.tr("Training targets pushed far off (regression only)"))
        self.outliers_spin.valueChanged.connect(lambda v: self._edit(outliers=int(v)))
        self.magnitude_spin = QDoubleSpinBox(self.outlier_box)
        self.magnitude_spin.setRange(0.0, 1e6)
        self.magnitude_spin.setDecimals(1)
        self.magnitude_spin.setSingleStep(1.0)
        self.magnitude_spin.setKeyboardTracking(False)
        self.magnitude_spin.setToolTip(self.tr("How far an outlier's target is pushed (regression only)"))
        self.magnitude_spin.valueChanged.connect(lambda v: self._edit(outlier_magnitude=float(v)))
        outlier_form = QFormLayout(self.outlier_box)
        outlier_form.setContentsMargins(6, 6, 6, 6)
        outlier_form.setHorizontalSpacing(8)
        outlier_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outlier_form.addRow(self.tr("Count"), self.outliers_spin)
        outlier_form.addRow(self.tr("Magnitude"), self.magnitude_spin)

        # ----- features -----------------------------------------------------------------------
        feature_box = QGroupBox(self.tr("Input features"), self)
        self.feature_boxes: dict[str, QCheckBox] = {}
        feature_grid = QGridLayout(feature_box)
        feature_grid.setContentsMargins(6, 6, 6, 6)
        feature_grid.setHorizontalSpacing(8)
        feature_grid.setVerticalSpacing(4)
        for name in FEATURES:
            box = QCheckBox(self.tr(FEATURE_LABELS[name]), feature_box)
            box.setObjectName(f"feature_{name}")
            box.setToolTip(self.tr("Feed {0} to the network").format(self.tr(FEATURE_LABELS[name])))
            box.clicked.connect(lambda checked, n=name: self._feature_clicked(n, checked))
            self.feature_boxes[name] = box
            feature_grid.addWidget(box, *FEATURE_GRID[name])

        # ----- problems ----------------------------------------------------------------------------
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOR};")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.setSpacing(6)
        column.addWidget(data_box)
        column.addWidget(self.outlier_box)
        column.addWidget(feature_box)
        column.addWidget(self.error_label)
        column.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.set_experiment(self.experiment)

    # ----- public API ---------------------------------------------------------------------------

    def set_experiment(self, experiment: Experiment) -> None:
        """Show ``experiment`` in the controls; emits nothing and drops any rejected edit."""
        self._slider_timer.stop()
        self.experiment = experiment
        self._fields = {f.name: getattr(experiment.data, f.name) for f in dataclasses.fields(DataSpec)}
        self._task = experiment.network.task
        self._set_error("")
        self._sync()

    @property
    def error(self) -> str:
        """The message of the last rejected edit, or ''."""
        return self.error_label.text() if not self.error_label.isHidden() else ""

    # ----- edits ------------------------------------------------------------------------------------

    def _edit(self, **changes) -> None:
        if self._syncing:
            return
        self._fields.update(changes)
        self._commit()

    def _commit(self) -> None:
        """Validate the controls' state; emit it if it is new, show why not if it is invalid."""
        try:
            spec = dataclasses.replace(self.experiment.data, **self._fields)
            network = dataclasses.replace(self.experiment.network, task=self._task)
            new = self.experiment.replace(data=spec, network=network)
        except ExperimentError as e:
            self._set_error(self.tr("Not applied: {0}").format(str(e)))
            self._sync()
            return
        self._set_error("")
        if new != self.experiment:
            self.experiment = new
            self._fields = {f.name: getattr(new.data, f.name) for f in dataclasses.fields(DataSpec)}
            self._task = new.network.task
            self._sync()
            self.changed.emit(new)
        else:
            self._sync()

    def _dataset_clicked(self, name: str) -> None:
        f = self._fields
        old = f["dataset"]
        if name == old:
            self._sync()
            return
        f["dataset"] = name
        if name in REGRESSION_DATASETS:
            self._task = "regression"
        elif name == "blobs" and f["classes"] > 2:
            self._task = "multiclass"
        elif self._task == "regression" or (old == "blobs" and f["classes"] > 2):
            self._task = "binary"
        features = tuple(f["features"])
        if name == "sine":
            features = tuple(x for x in features if not _uses_x2(x)) or ("x1",)
        elif old == "sine" and features == ("x1",):
            features = ("x1", "x2")
        f["features"] = features
        f["extra_points"] = ()  # hand-placed points belong to the old data set
        self._commit()

    def _task_activated(self, index: int) -> None:
        self._task = self.task_combo.itemData(index)
        self._commit()

    def _classes_changed(self, value: int) -> None:
        if self._syncing:
            return
        f = self._fields
        f["classes"] = int(value)
        if f["dataset"] == "blobs" and value > 2:
            self._task = "multiclass"
        f["extra_points"] = tuple(p for p in f["extra_points"] if p[-1] < value)
        self._commit()

    def _feature_clicked(self, name: str, checked: bool) -> None:
        current = set(self._fields["features"])
        if checked:
            current.add(name)
        elif current <= {name}:  # never leave the network without an input
            self.feature_boxes[name].setChecked(True)
            self._set_error(self.tr("At least one input feature is needed."))
            return
        else:
            current.discard(name)
        self._fields["features"] = tuple(x for x in FEATURES if x in current)
        self._commit()

    def _regenerate(self) -> None:
        draw = self._fields["draw"]
        self._fields["draw"] = draw + 1 if draw < MAX_DRAW else 0
        self._commit()

    # ----- sliders -----------------------------------------------------------------------------------

    def _slider_moved(self, _value: int) -> None:
        self._show_slider_values()
        if self._syncing:
            return
        if not (self.noise_slider.isSliderDown() or self.ratio_slider.isSliderDown()):
            self._slider_timer.start()  # keyboard, wheel or page steps: wait for a pause

    def _slider_released(self) -> None:
        self._slider_timer.stop()
        self._commit_sliders()

    def _commit_sliders(self) -> None:
        f = self._fields
        noise, ratio = self.noise_slider.value() / 100, self.ratio_slider.value() / 100
        # A value the slider cannot show (e.g. a loaded 0.95 split) survives until it is moved.
        if round(f["noise"] * 100) != self.noise_slider.value():
            f["noise"] = noise
        if round(f["train_fraction"] * 100) != self.ratio_slider.value():
            f["train_fraction"] = ratio
        self._commit()

    def _show_slider_values(self) -> None:
        noise = self.noise_slider.value()
        train = self.ratio_slider.value()
        self.noise_row.value_label.setText(self.tr("{0} %").format(noise))
        self.ratio_row.value_label.setText(self.tr("{0} / {1}").format(train, 100 - train))

    # ----- showing the state -------------------------------------------------------------------------

    def _set_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _sync(self) -> None:
        """Put the (possibly not yet valid) state into the controls, without signals."""
        f = self._fields
        dataset = f["dataset"]
        regression = dataset in REGRESSION_DATASETS
        self._syncing = True
        try:
            self.dataset_buttons[dataset].setChecked(True)
            self.dataset_label.setText(f"<b>{self.tr(DATASET_NAMES[dataset])}</b> — {self.tr(DATASET_TIPS[dataset])}")

            model = self.task_combo.model()
            for i in range(self.task_combo.count()):
                task = self.task_combo.itemData(i)
                if regression:
                    ok = task == "regression"
                else:
                    ok = task != "regression" and not (task == "binary" and dataset == "blobs" and f["classes"] > 2)
                model.item(i).setEnabled(ok)
            self.task_combo.setCurrentIndex(self.task_combo.findData(self._task))

            self.classes_spin.setValue(f["classes"])
            self.classes_spin.setEnabled(dataset == "blobs")
            if f["classes"] != self._blobs_thumbnail_classes:
                self._blobs_thumbnail_classes = f["classes"]
                self.dataset_buttons["blobs"].setIcon(QIcon(dataset_thumbnail("blobs", classes=f["classes"])))
            self.samples_spin.setValue(f["samples"])
            if not self.noise_slider.isSliderDown():
                self.noise_slider.setValue(round(f["noise"] * 100))
            if not self.ratio_slider.isSliderDown():
                self.ratio_slider.setValue(round(f["train_fraction"] * 100))
            self._show_slider_values()

            self.outliers_spin.setValue(f["outliers"])
            self.magnitude_spin.setValue(f["outlier_magnitude"])
            self.outlier_box.setEnabled(regression)
            self.outlier_box.setToolTip("" if regression else self.tr("Outliers apply to regression data sets only"))

            features = set(f["features"])
            for name, box in self.feature_boxes.items():
                box.setChecked(name in features)
                box.setEnabled(not (dataset == "sine" and _uses_x2(name)))
        finally:
            self._syncing = False
