"""The network's output over the input plane, with the data drawn on top.

Like every view, this one only draws immutable ``Snapshot`` objects and the static ``Data``
of the current trainer. ``show_snapshot`` may be called 30 times a second, so it only
recolours one ``ImageItem`` in place (or moves one curve for the 1-D sine data); the data
points are set again only when the data or the hand-added points change.

What is drawn, by task:

* binary: P(class 1) from orange (class 0) through white to blue (class 1);
* multiclass: the class colours blended by the predicted probabilities;
* regression on the plane: the prediction through the same diverging colours, with levels
  symmetric about 0 and fixed per data set (the largest ordinary target);
* regression on 1-D data (sine): the fitted curve over x1, with the points as (x1, target).

The grids of the snapshot are samples at ``linspace(lo, hi, n)``; the image rectangle is
widened by half a grid step on every side, so each pixel is centred on its sample.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QPushButton,
                               QSizePolicy, QToolButton, QVBoxLayout, QWidget)

from .. import style
from . import colormaps
from .colormaps import colorize
from .curves import style_axes

# The background is a softened version of the class colours, so the points stay readable.
BACKGROUND_STRENGTH = 0.8
OUTLIER_COLOR = "#d62728"
CURVE_COLOR = "#333333"
REGRESSION_OUTLINE = "#444444"
POINT_SIZE = 7
EXTRA_POINT_SIZE = 15
OUTLIER_RING_SIZE = 15
BINARY_LEVELS = (0.0, 1.0)

LUT = colormaps.diverging_lut()  # the points' colours by target
BACKGROUND_LUT = colormaps.diverging_lut(BACKGROUND_STRENGTH)


def _grid_stride(fine: int, coarse: int) -> int | None:
    """The stride that turned ``fine`` samples into ``coarse`` ones (``a[::s]``), if one fits."""
    if coarse < 1 or fine < 1:
        return None
    if coarse == 1:
        return fine
    s = max(1, round((fine - 1) / (coarse - 1)))
    return s if math.ceil(fine / s) == coarse else None


def _brushes(colors) -> list:
    cache: dict = {}
    out = []
    for c in colors:
        key = tuple(int(x) for x in c)
        if key not in cache:
            cache[key] = pg.mkBrush(*key)
        out.append(cache[key])
    return out


def _pens(colors, width: float) -> list:
    cache: dict = {}
    out = []
    for c in colors:
        key = tuple(int(x) for x in c)
        if key not in cache:
            cache[key] = pg.mkPen(*key, width=width)
        out.append(cache[key])
    return out


class OutputView(QWidget):
    """The decision surface (or fitted curve) with training, test, outlier and hand-added points.

    Signals: ``point_added(x1, x2, label)`` when the person clicks the plot in "Add points"
    mode (label is the chosen class index or target value; for 1-D data the click's height
    is the target, so x2 and label both carry it), ``points_cleared()`` from "Clear my points",
    ``neuron_changed(layer, unit)`` when the image switches between neurons and the output
    ((-1, -1)).
    """

    point_added = Signal(float, float, float)
    points_cleared = Signal()
    # What the image shows changed: (layer, unit) of a neuron, or (-1, -1) for the output
    # (e.g. to keep the network builder's highlighted neuron in step).
    neuron_changed = Signal(int, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.data = None
        self.snapshot = None
        self._neuron: tuple[int, int] | None = None
        self._extra_count = 0
        self._extra_checked_for = None  # the experiment whose hand-added points were last matched
        self._regression_level = 1.0
        self._one_d = False
        self._mode = None  # what the image was last drawn as, to set the rect only when it changes

        # ----- header: what the plot shows, and the way back from a neuron -----------
        self.title = QLabel(self.tr("Output"), self)
        self.title.setCursor(Qt.CursorShape.ArrowCursor)
        self.title.installEventFilter(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.show_output_button = QToolButton(self)
        self.show_output_button.setText(self.tr("Show output"))
        self.show_output_button.setToolTip(self.tr("Go back to the network's output"))
        self.show_output_button.clicked.connect(self.show_output)
        self.show_output_button.hide()
        header = QHBoxLayout()
        header.setContentsMargins(4, 0, 4, 0)
        header.addWidget(self.title, 1)
        header.addWidget(self.show_output_button)

        # ----- the plot -----------------------------------------------------------------
        self.plot_widget = pg.PlotWidget(self, background="w")
        self.plot_widget.setMinimumSize(220, 220)
        self.plot_item: pg.PlotItem = self.plot_widget.getPlotItem()
        self.plot_item.hideButtons()
        self.plot_item.setContentsMargins(2, 10, 14, 2)  # room for the end tick labels (6, -6)
        self.plot_item.setMenuEnabled(False)
        self.view_box = self.plot_item.getViewBox()
        self.view_box.setMouseEnabled(False, False)
        self.view_box.enableAutoRange(enable=False)
        self.view_box.setAspectLocked(True)
        style_axes(self.plot_item)
        self.plot_item.showGrid(x=False, y=False)
        self.plot_item.setLabel("bottom", "x1")
        self.plot_item.setLabel("left", "x2")

        self.image_item = pg.ImageItem(axisOrder="row-major")
        self.image_item.setZValue(-100)
        self.plot_item.addItem(self.image_item)
        self.curve = pg.PlotDataItem(pen=pg.mkPen(CURVE_COLOR, width=2.5), connect="finite")
        self.curve.setZValue(5)
        self.plot_item.addItem(self.curve)
        self.train_scatter = pg.ScatterPlotItem(size=POINT_SIZE, pen=pg.mkPen("w", width=0.8))
        self.train_scatter.setZValue(10)
        self.test_scatter = pg.ScatterPlotItem(size=POINT_SIZE, brush=pg.mkBrush(255, 255, 255, 230))
        self.test_scatter.setZValue(11)
        self.extra_scatter = pg.ScatterPlotItem(size=EXTRA_POINT_SIZE, symbol="star", pen=pg.mkPen("#222222", width=1))
        self.extra_scatter.setZValue(12)
        self.outlier_scatter = pg.ScatterPlotItem(size=OUTLIER_RING_SIZE, brush=None,
                                                  pen=pg.mkPen(OUTLIER_COLOR, width=2))
        self.outlier_scatter.setZValue(13)
        for item in (self.train_scatter, self.test_scatter, self.extra_scatter, self.outlier_scatter):
            self.plot_item.addItem(item)
        self.plot_widget.scene().sigMouseClicked.connect(self._scene_clicked)

        # ----- options -------------------------------------------------------------------
        self.show_test_box = QCheckBox(self.tr("Show test data"), self)
        self.show_test_box.setToolTip(self.tr("Draw the test points as hollow circles"))
        self.show_test_box.toggled.connect(self._update_visibility)
        self.discretize_box = QCheckBox(self.tr("Discretize output"), self)
        self.discretize_box.toggled.connect(self._rerender)
        options = QHBoxLayout()
        options.setContentsMargins(4, 0, 4, 0)
        options.addWidget(self.show_test_box)
        options.addWidget(self.discretize_box)
        options.addStretch(1)

        self.add_button = QPushButton(self.tr("Add points"), self)
        self.add_button.setCheckable(True)
        self.add_button.setToolTip(self.tr("Click on the plot to add a training point"))
        self.add_button.toggled.connect(self._add_mode_toggled)
        self.class_combo = QComboBox(self)
        self.class_combo.setToolTip(self.tr("Class of the points you add"))
        self.class_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.target_label = QLabel(self.tr("Target"), self)
        self.target_spin = QDoubleSpinBox(self)
        self.target_spin.setRange(-1000.0, 1000.0)
        self.target_spin.setDecimals(2)
        self.target_spin.setSingleStep(0.1)
        self.target_spin.setValue(1.0)
        self.target_spin.setToolTip(self.tr("Target value of the points you add"))
        self.height_hint = QLabel(self.tr("the click's height is the target"), self)
        self.height_hint.setStyleSheet("color: #666666;")
        self.clear_button = QPushButton(self.tr("Clear my points"), self)
        self.clear_button.setToolTip(self.tr("Remove every point you added by hand"))
        self.clear_button.clicked.connect(self.points_cleared)
        adding = QHBoxLayout()
        adding.setContentsMargins(4, 0, 4, 0)
        adding.addWidget(self.add_button)
        adding.addWidget(self.class_combo)
        adding.addWidget(self.target_label)
        adding.addWidget(self.target_spin)
        adding.addWidget(self.height_hint)
        adding.addStretch(1)
        adding.addWidget(self.clear_button)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 4)
        column.setSpacing(4)
        column.addLayout(header)
        column.addWidget(self.plot_widget, 1)
        column.addLayout(options)
        column.addLayout(adding)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._set_range((-6.0, 6.0))
        self._update_chooser()
        self._update_visibility()

    # ----- public API ------------------------------------------------------------------------

    def set_data(self, data) -> None:
        """The static points of a new trainer (a core ``Data``); drawn until the next ``set_data``."""
        self.data = data
        self._one_d = data.train_points.shape[1] == 1
        self._extra_count = 0
        self._extra_checked_for = None
        labels = np.asarray(data.train_labels, dtype=float)
        if data.task == "regression":
            ordinary = np.abs(labels[~data.outlier_mask])
            ordinary = ordinary[np.isfinite(ordinary)]
            self._regression_level = float(ordinary.max()) if ordinary.size and ordinary.max() > 0 else 1.0
        self.view_box.setAspectLocked(not self._one_d)
        self.plot_item.setLabel("left", self.tr("target") if self._one_d else "x2")
        self._set_range(data.extent)
        self._mode = None
        self._update_chooser()
        self._update_points()
        if self.snapshot is not None:
            self._sync_extra_count(self.snapshot)
            self._rerender()

    def show_snapshot(self, snapshot) -> None:
        """Draw the output (or the chosen neuron) of ``snapshot``; cheap enough for 30 per second."""
        self.snapshot = snapshot
        self._sync_extra_count(snapshot)
        self._render()

    def show_neuron(self, layer: int, unit: int) -> None:
        """Show one neuron's activation over the plane instead of the output (0-based indices
        into ``snapshot.neuron_maps``; the last layer is the output layer)."""
        if layer < 0 or unit < 0:
            self.show_output()
            return
        changed = self._neuron != (int(layer), int(unit))
        self._neuron = (int(layer), int(unit))
        self.show_output_button.show()
        self.title.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title.setToolTip(self.tr("Click to show the output again"))
        self._mode = None
        self._render()
        if changed and self._neuron is not None:
            self.neuron_changed.emit(*self._neuron)

    def show_output(self) -> None:
        """Back from a neuron to the network's output."""
        was_neuron = self._neuron is not None
        self._neuron = None
        self.show_output_button.hide()
        self.title.setCursor(Qt.CursorShape.ArrowCursor)
        self.title.setToolTip("")
        self._mode = None
        self._render()
        if was_neuron:
            self.neuron_changed.emit(-1, -1)

    def clear(self) -> None:
        """Forget the data and the snapshot; an empty plot remains."""
        self.data = None
        self.snapshot = None
        self._extra_count = 0
        self._extra_checked_for = None
        self._mode = None
        self.image_item.clear()
        self.curve.setData([], [])
        for item in (self.train_scatter, self.test_scatter, self.extra_scatter, self.outlier_scatter):
            item.setData([], [])
        self._update_title()
        self._update_chooser()

    @property
    def neuron(self) -> tuple[int, int] | None:
        """The (layer, unit) shown instead of the output, or None."""
        return self._neuron

    @property
    def adding_points(self) -> bool:
        return self.add_button.isChecked()

    # ----- drawing ------------------------------------------------------------------------------

    def _rerender(self, *_):
        self._mode = None
        self._render()

    def _render(self) -> None:
        snap = self.snapshot
        if snap is None:
            self._update_title()
            return
        values, kind = self._values(snap)
        self._update_title()
        if values is None:
            return
        if values.ndim == 1:  # 1-D data: a curve over x1
            self.image_item.hide()
            self.curve.show()
            lo, hi = snap.extent
            fine = snap.surface.shape[0]
            x = np.linspace(lo, hi, fine)
            if len(values) != fine:
                stride = _grid_stride(fine, len(values))
                x = x[::stride] if stride else np.linspace(lo, hi, len(values))
            self.curve.setData(x, np.where(np.isfinite(values), values, np.nan))
            return
        self.curve.hide()
        self.image_item.show()
        rgb = self._colors(values, kind, snap)
        rect = self._rect(snap, values.shape[1], values.shape[0])
        mode = (kind, values.shape, snap.extent)
        if mode != self._mode:
            self.image_item.setImage(rgb, autoLevels=False, levels=(0, 255), lut=None, rect=rect)
            self._mode = mode
        else:
            self.image_item.setImage(rgb, autoLevels=False)

    def _values(self, snap):
        """The array to draw and how to colour it: ("output", task) or ("neuron", ...)."""
        task = snap.experiment.network.task
        if self._neuron is None:
            surface = snap.surface
            if surface.ndim == 2:  # [ix, k] on 1-D data
                return surface[:, 0], ("output", task)
            return surface, ("output", task)
        layer, unit = self._neuron
        maps = snap.neuron_maps
        if not (0 <= layer < len(maps)) or not (0 <= unit < maps[layer].shape[-1]):
            self.show_output()  # the architecture changed under us
            return self._values(snap)
        values = maps[layer][..., unit]
        if layer == len(maps) - 1:
            return values, ("output_unit", task, unit)
        activation = snap.experiment.network.hidden[layer].activation
        return values, ("hidden", activation)

    def _colors(self, values: np.ndarray, kind, snap) -> np.ndarray:
        discrete = self.discretize_box.isChecked()
        if kind[0] == "output":
            task = kind[1]
            if task == "binary":
                p = values[..., 0]
                if discrete:
                    with np.errstate(invalid="ignore"):
                        p = np.where(np.isfinite(p), (p >= 0.5).astype(float), np.nan)
                return colorize(p, *BINARY_LEVELS, BACKGROUND_LUT)
            if task == "multiclass":
                mix = colormaps.argmax_classes if discrete else colormaps.blend_classes
                return mix(values, BACKGROUND_STRENGTH)
            level = self._regression_level if self._has_regression_data() else _abs_max(values)
            return colorize(values[..., 0], -level, level, BACKGROUND_LUT)
        if kind[0] == "output_unit":
            task, unit = kind[1], kind[2]
            if task == "binary":
                return colorize(values, *BINARY_LEVELS, BACKGROUND_LUT)
            if task == "multiclass":  # P(class k) from white to the colour of class k
                color = style.CLASS_COLORS[unit % len(style.CLASS_COLORS)]
                return colorize(values, 0.0, 1.0, colormaps.fade_lut(color, BACKGROUND_STRENGTH))
            level = self._regression_level if self._has_regression_data() else _abs_max(values)
            return colorize(values, -level, level, BACKGROUND_LUT)
        activation = kind[1]
        if activation == "sigmoid":
            return colorize(values, 0.0, 1.0, BACKGROUND_LUT)
        level = 1.0 if activation == "tanh" else _abs_max(values)
        return colorize(values, -level, level, BACKGROUND_LUT)

    def _has_regression_data(self) -> bool:
        return self.data is not None and self.data.task == "regression"

    def _rect(self, snap, columns: int, rows: int) -> QRectF:
        """The image rectangle that centres every pixel on its grid sample."""
        lo, hi = snap.extent
        fine = snap.surface.shape[0]
        if fine < 2:
            return QRectF(lo, lo, hi - lo, hi - lo)
        step = (hi - lo) / (fine - 1)
        stride = _grid_stride(fine, columns) if columns != fine else 1
        if stride is None or _grid_stride(fine, rows) != stride and rows != fine:
            return QRectF(lo, lo, hi - lo, hi - lo)
        cell = stride * step
        return QRectF(lo - cell / 2, lo - cell / 2, columns * cell, rows * cell)

    def _update_title(self) -> None:
        if self._neuron is None:
            self.title.setText(self.tr("Output"))
            return
        layer, unit = self._neuron
        snap = self.snapshot
        last = len(snap.neuron_maps) - 1 if snap is not None else None
        if last is None or layer < last:
            self.title.setText(self.tr("Neuron {0} of hidden layer {1}").format(unit + 1, layer + 1))
        else:
            task = snap.experiment.network.task
            if task == "multiclass":
                self.title.setText(self.tr("Output neuron {0}: P(class {1})").format(unit + 1, unit))
            elif task == "binary":
                self.title.setText(self.tr("Output neuron: P(class 1)"))
            else:
                self.title.setText(self.tr("Output neuron: prediction"))

    def _set_range(self, extent) -> None:
        lo, hi = extent
        if self._one_d and self.data is not None:
            labels = np.concatenate([np.asarray(self.data.train_labels, float), np.asarray(self.data.test_labels, float)])
            labels = labels[np.isfinite(labels)]
            y_lo, y_hi = (float(labels.min()), float(labels.max())) if labels.size else (-1.0, 1.0)
            y_lo, y_hi = min(y_lo, -1.0), max(y_hi, 1.0)
            pad = 0.08 * (y_hi - y_lo)
            self.view_box.setRange(xRange=(lo, hi), yRange=(y_lo - pad, y_hi + pad), padding=0)
        else:
            self.view_box.setRange(xRange=(lo, hi), yRange=(lo, hi), padding=0)

    # ----- points ---------------------------------------------------------------------------------

    def _point_colors(self, labels: np.ndarray) -> np.ndarray:
        """(N, 3) colours of points by class, or by target through the diverging colours."""
        data = self.data
        if data.task == "regression":
            if self._one_d:
                return np.tile(style.rgb(style.POSITIVE), (len(labels), 1))
            level = self._regression_level
            return colorize(labels, -level, level, LUT).astype(float)
        k = max(data.num_classes, 2)
        classes = np.clip(np.asarray(labels, dtype=np.int64), 0, k - 1)
        return style.class_rgb(k)[classes]

    def _positions(self, points: np.ndarray, labels: np.ndarray) -> np.ndarray:
        if self._one_d:
            return np.column_stack([points[:, 0], labels])
        return np.asarray(points[:, :2], dtype=float)

    def _update_points(self) -> None:
        data = self.data
        if data is None:
            return
        n_train = len(data.train_points)
        n_extra = min(self._extra_count, n_train)
        ordinary = slice(0, n_train - n_extra)
        train_pos = self._positions(data.train_points, np.asarray(data.train_labels, float))
        train_colors = self._point_colors(data.train_labels)
        plane_regression = data.task == "regression" and not self._one_d
        # Targets near 0 are near-white, so on the plane every point gets a dark outline.
        train_pen = pg.mkPen(REGRESSION_OUTLINE, width=0.7) if plane_regression else pg.mkPen("w", width=0.8)
        self.train_scatter.setData(pos=train_pos[ordinary], brush=_brushes(train_colors[ordinary]), pen=train_pen)
        self.extra_scatter.setData(pos=train_pos[n_train - n_extra:], brush=_brushes(train_colors[n_train - n_extra:]))
        self.outlier_scatter.setData(pos=train_pos[np.asarray(data.outlier_mask, bool)])
        test_pos = self._positions(data.test_points, np.asarray(data.test_labels, float))
        test_colors = self._point_colors(data.test_labels)
        if plane_regression:  # filled with the target's colour inside a thick dark ring
            self.test_scatter.setData(pos=test_pos, pen=pg.mkPen(REGRESSION_OUTLINE, width=1.6),
                                      brush=_brushes(test_colors))
        else:  # hollow: a ring in the class colour
            self.test_scatter.setData(pos=test_pos, pen=_pens(test_colors, 1.6), brush=pg.mkBrush(255, 255, 255, 200))
        self.clear_button.setEnabled(n_extra > 0)

    def _sync_extra_count(self, snap) -> None:
        """How many trailing training points were added by hand (core appends them last)."""
        if self.data is None or snap.experiment is self._extra_checked_for:
            return
        self._extra_checked_for = snap.experiment
        extra = snap.experiment.data.extra_points
        count = len(extra)
        if count:
            points = np.asarray(self.data.train_points)
            labels = np.asarray(self.data.train_labels, float)
            coords = np.column_stack([points, labels])[-count:] if count <= len(points) else None
            if coords is None or coords.shape != np.asarray(extra).shape or not np.allclose(coords, extra):
                count = 0  # the snapshot belongs to other data than ours
        if count != self._extra_count:
            self._extra_count = count
            self._update_points()

    def _update_visibility(self, *_):
        self.test_scatter.setVisible(self.show_test_box.isChecked())

    # ----- adding points ------------------------------------------------------------------------

    def _update_chooser(self) -> None:
        data = self.data
        regression = data is not None and data.task == "regression"
        if data is None or regression:
            wanted = []
        else:
            wanted = [self.tr("class {0}").format(k) for k in range(max(data.num_classes, 2))]
        current = [self.class_combo.itemText(i) for i in range(self.class_combo.count())]
        if wanted != current:
            keep = self.class_combo.currentIndex()
            self.class_combo.clear()
            for k, text in enumerate(wanted):
                pixmap = QPixmap(12, 12)
                pixmap.fill(QColor(style.CLASS_COLORS[k % len(style.CLASS_COLORS)]))
                self.class_combo.addItem(QIcon(pixmap), text)
            self.class_combo.setCurrentIndex(keep if 0 <= keep < len(wanted) else 0)
        self.class_combo.setVisible(data is not None and not regression)
        self.target_label.setVisible(regression and not self._one_d)
        self.target_spin.setVisible(regression and not self._one_d)
        self.height_hint.setVisible(regression and self._one_d)
        self.add_button.setEnabled(data is not None)
        self.discretize_box.setEnabled(not regression)
        self.discretize_box.setToolTip(self.tr("A regression output has no classes to snap to") if regression
                                       else self.tr("Colour each point of the plane by the predicted class only"))
        if data is None:
            self.add_button.setChecked(False)
            self.clear_button.setEnabled(False)

    def _add_mode_toggled(self, on: bool) -> None:
        cursor = Qt.CursorShape.CrossCursor if on else Qt.CursorShape.ArrowCursor
        self.plot_widget.viewport().setCursor(cursor)

    def current_label(self, height: float = 0.0) -> float:
        """The label a click adds: the chosen class, the target, or (1-D data) the click's height."""
        if self.data is None or self.data.task != "regression":
            return float(max(self.class_combo.currentIndex(), 0))
        return float(height) if self._one_d else float(self.target_spin.value())

    def _scene_clicked(self, event) -> None:
        if not self.adding_points or self.data is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if not self.view_box.sceneBoundingRect().contains(event.scenePos()):
            return
        p: QPointF = self.view_box.mapSceneToView(event.scenePos())
        x, y = float(p.x()), float(p.y())
        (x_lo, x_hi), (y_lo, y_hi) = self.view_box.viewRange()
        if not (x_lo <= x <= x_hi and y_lo <= y <= y_hi):
            return
        event.accept()
        self.point_added.emit(x, y, self.current_label(y))

    def eventFilter(self, obj, event):
        if obj is self.title and event.type() == QEvent.Type.MouseButtonRelease and self._neuron is not None:
            self.show_output()
            return True
        return super().eventFilter(obj, event)


def _abs_max(values) -> float:
    v = np.abs(np.asarray(values, dtype=float))
    v = v[np.isfinite(v)]
    m = float(v.max()) if v.size else 0.0
    return m if m > 1e-12 else 1.0
