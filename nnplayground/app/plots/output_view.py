"""The network's output over the input plane, with the data drawn on top.

Like every view, this one only draws immutable ``Snapshot`` objects and the static ``Data``
of the current trainer. ``show_snapshot`` may be called 30 times a second, so it only
recolours one ``ImageItem`` in place (or moves one curve for the 1-D sine data); the data
points are set again only when the data or the hand-added points change.

What is drawn, by task:

* binary: P(class 1) from orange (class 0) through white to blue (class 1);
* multiclass: the most likely class's colour, as strong as its probability is sure;
* regression on the plane: the prediction through the same diverging colours, with levels
  symmetric about 0 and fixed per data set (the largest ordinary target);
* regression on 1-D data (sine): the fitted curve over x1, with the points as (x1, target).

The grids of the snapshot are samples at ``linspace(lo, hi, n)``; the image rectangle is
widened by half a grid step on every side, so each pixel is centred on its sample.

A left click adds a training point in "Add points" mode; otherwise a click near a training
point picks it (``sample_picked``), e.g. for the propagation inspector.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QGraphicsItem, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout,
                               QWidget)

from ..language import Retranslating
from .adding_row import AddingRow
from .curves import is_new_run, style_axes
from .plane_items import BoundaryItem, SmoothImageItem, nearest_training_point, per_color, ring, square_margins
from .surface import (drawn_positions, image_rect, point_colors, regression_level, sample_x, surface_colors,
                      surface_values, target_range)

OUTLIER_COLOR = "#d62728"
CURVE_COLOR = "#333333"
REGRESSION_OUTLINE = "#444444"
POINT_SIZE = 7
EXTRA_POINT_SIZE = 15
OUTLIER_RING_SIZE = 15
DEFAULT_EXTENT = (-6.0, 6.0)  # the plane shown before any data
PLOT_MARGINS = (2, 10, 14, 2)  # left, top, right, bottom: room for the end tick labels (6, -6)


def _row(*items) -> QHBoxLayout:
    """A row of widgets with the view's side margins; ``None`` stands for a stretch."""
    row = QHBoxLayout()
    row.setContentsMargins(4, 0, 4, 0)
    for item in items:
        if item is None:
            row.addStretch(1)
        else:
            row.addWidget(item)
    return row


class OutputView(Retranslating, QWidget):
    """The decision surface (or fitted curve) with training, test, outlier and hand-added points.

    Signals: ``point_added(x1, x2, label)`` when the person clicks the plot in "Add points"
    mode (label is the chosen class index or target value; for 1-D data the click's height
    is the target, so x2 and label both carry it), ``points_cleared()`` from "Clear my points",
    ``neuron_changed(layer, unit)`` when the image switches between neurons and the output
    ((-1, -1)), ``sample_picked(index)`` when a left click outside "Add points" mode lands
    within PICK_RADIUS_PX screen pixels of a training point (the nearest one's index into
    ``data.train_points``).
    """

    point_added = Signal(float, float, float)
    points_cleared = Signal()
    # What the image shows changed: (layer, unit) of a neuron, or (-1, -1) for the output
    # (e.g. to keep the network builder's highlighted neuron in step).
    neuron_changed = Signal(int, int)
    sample_picked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.data = None
        self.snapshot = None
        self._neuron: tuple[int, int] | None = None
        self._extra_count = 0
        self._extra_checked_for = None  # the experiment whose hand-added points were last matched
        self._regression_level: float | None = None  # a regression's fixed colour level
        self._one_d = False
        self._mode = None  # what the image was last drawn as, to set the rect only when it changes
        self._fitted_extent = None  # the extent the view's range was last fitted to
        self._discretize_choice = False  # the person's; a regression task unticks the box meanwhile

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 4)
        column.setSpacing(4)
        column.addLayout(self._build_header())
        column.addWidget(self._build_plot(), 1)
        column.addLayout(self._build_options())
        column.addWidget(self._build_adding_row())
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._fit_range(DEFAULT_EXTENT)
        self._update_controls()
        self._update_visibility()
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the view, the state-dependent ones (title, classes, tips) from the state on show."""
        self.show_output_button.setText(self.tr("Show output"))
        self.show_output_button.setToolTip(self.tr("Go back from the neuron to the network's output"))
        self.show_test_box.setText(self.tr("Show test data"))
        self.show_test_box.setToolTip(self.tr("Draw the test points as hollow circles: the network never trains "
                                              "on them, so they show how it generalises"))
        self.discretize_box.setText(self.tr("Discretize output"))
        self._update_title()
        self._name_axes()
        self._set_discretize_tip()

    def _build_header(self) -> QHBoxLayout:
        """What the plot shows, and the way back from a neuron to the output."""
        self.title = QLabel(self)
        self.title.setCursor(Qt.CursorShape.ArrowCursor)
        self.title.installEventFilter(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.show_output_button = QToolButton(self)
        self.show_output_button.clicked.connect(self.show_output)
        self.show_output_button.hide()
        return _row(self.title, None, self.show_output_button)

    def _build_plot(self) -> pg.PlotWidget:
        """The plot: a fixed, aspect-locked view of the plane (no mouse zoom), its items in it."""
        self.plot_widget = pg.PlotWidget(self, background="w")
        self.plot_widget.setMinimumSize(190, 190)
        self.plot_item: pg.PlotItem = self.plot_widget.getPlotItem()
        self.plot_item.hideButtons()
        self._square_pad = (0.0, 0.0)  # added to PLOT_MARGINS on each side to keep the plane square
        self.plot_item.setContentsMargins(*PLOT_MARGINS)
        self.plot_item.setMenuEnabled(False)
        self.view_box = self.plot_item.getViewBox()
        self.view_box.setMouseEnabled(False, False)
        self.view_box.enableAutoRange(enable=False)
        self.view_box.setAspectLocked(True)
        style_axes(self.plot_item)
        self.plot_item.showGrid(x=False, y=False)
        self._add_items()
        self.plot_widget.scene().sigMouseClicked.connect(self._scene_clicked)
        self.view_box.sigResized.connect(self._keep_square)
        return self.plot_widget

    def _add_items(self) -> None:
        """The image (or curve) under the points: training, test, hand-added, outlier rings."""
        self.image_item = SmoothImageItem(axisOrder="row-major")
        self.image_item.setZValue(-100)
        self.boundary = BoundaryItem()
        self.curve = pg.PlotDataItem(pen=pg.mkPen(CURVE_COLOR, width=2.5), connect="finite")
        self.curve.setZValue(5)
        self.train_scatter = pg.ScatterPlotItem(size=POINT_SIZE, pen=pg.mkPen("w", width=0.8))
        self.train_scatter.setZValue(10)
        self.test_scatter = pg.ScatterPlotItem(size=POINT_SIZE, brush=pg.mkBrush(255, 255, 255, 230))
        self.test_scatter.setZValue(11)
        self.extra_scatter = pg.ScatterPlotItem(size=EXTRA_POINT_SIZE, symbol="star", pen=pg.mkPen("#222222", width=1))
        self.extra_scatter.setZValue(12)
        self.outlier_scatter = pg.ScatterPlotItem(size=OUTLIER_RING_SIZE, brush=None,
                                                  pen=pg.mkPen(OUTLIER_COLOR, width=2))
        self.outlier_scatter.setZValue(13)
        for item in (self.image_item, self.boundary, self.curve, *self._scatters()):
            self.plot_item.addItem(item)
        for scatter in self._scatters():
            # The points stay put while the surface under them changes every frame: kept as
            # pixmaps, they cost a blit instead of pyqtgraph's Python paint (3.5 -> 2.7 ms a frame).
            scatter.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def _scatters(self) -> tuple:
        return self.train_scatter, self.test_scatter, self.extra_scatter, self.outlier_scatter

    def _build_options(self) -> QHBoxLayout:
        """Show test data, discretize output."""
        self.show_test_box = QCheckBox(self)
        self.show_test_box.toggled.connect(self._update_visibility)
        self.discretize_box = QCheckBox(self)
        self.discretize_box.toggled.connect(self._discretize_toggled)
        return _row(self.show_test_box, self.discretize_box, None)

    def _build_adding_row(self) -> AddingRow:
        """Add points (with their class or target) and clear them."""
        self.adding = AddingRow(self)
        # The row's controls, by the names the view's callers know them by.
        self.add_button, self.class_combo = self.adding.add_button, self.adding.class_combo
        self.target_label, self.target_spin = self.adding.target_label, self.adding.target_spin
        self.height_hint, self.clear_button = self.adding.height_hint, self.adding.clear_button
        self.add_button.toggled.connect(self._add_mode_toggled)
        self.clear_button.clicked.connect(self.points_cleared)
        return self.adding

    # ----- public API ------------------------------------------------------------------------

    def set_data(self, data) -> None:
        """The static points of a new trainer (a core ``Data``); drawn until the next ``set_data``."""
        self.data = data
        self._set_one_d(data.train_points.shape[1] == 1)
        self._extra_count = 0
        self._extra_checked_for = None
        self._regression_level = regression_level(data) if data.task == "regression" else None
        self._fit_range(data.extent)
        self._mode = None
        self._update_controls()
        self._update_points()
        if self.snapshot is not None:
            self._sync_extra_count(self.snapshot)
            self._rerender()

    def show_snapshot(self, snapshot) -> None:
        """Draw the output (or the chosen neuron) of ``snapshot``; cheap enough for 30 per second.
        A new run's snapshot (or one of another extent) fits the view to its plane again."""
        if is_new_run(self.snapshot, snapshot) or tuple(snapshot.extent) != self._fitted_extent:
            self._fit_range(snapshot.extent)
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
        self._mode = None
        self._render()
        if was_neuron:
            self.neuron_changed.emit(-1, -1)

    def clear(self) -> None:
        """Forget the data and the snapshot; an empty plane over the default extent remains."""
        self.data = None
        self.snapshot = None
        self._extra_count = 0
        self._extra_checked_for = None
        self._regression_level = None
        self._mode = None
        self.image_item.clear()
        self.boundary.clear_boundary()
        self.curve.setData([], [])
        for item in self._scatters():
            item.setData([], [])
        self._set_one_d(False)
        self._fit_range(DEFAULT_EXTENT)
        self._update_title()
        self._update_controls()

    @property
    def neuron(self) -> tuple[int, int] | None:
        """The (layer, unit) shown instead of the output, or None."""
        return self._neuron

    @property
    def adding_points(self) -> bool:
        """True in "Add points" mode, where a click adds a training point."""
        return self.add_button.isChecked()

    def set_adding_points(self, on: bool) -> None:
        """Turn "Add points" mode on or off (on only while there is data to add to)."""
        self.add_button.setChecked(bool(on) and self.add_button.isEnabled())

    # ----- drawing ------------------------------------------------------------------------------

    def _rerender(self, *_):
        self._mode = None
        self._render()

    def _render(self) -> None:
        snap = self.snapshot
        if snap is None:
            self._update_title()
            return
        drawn = surface_values(snap, self._neuron)
        if drawn is None:  # the architecture changed under the chosen neuron
            self.show_output()
            return
        values, kind = drawn
        self._update_title()
        fine = snap.surface.shape[0]
        if values.ndim == 1:  # 1-D data: a curve over x1
            self.image_item.hide()
            self.boundary.clear_boundary()
            self.curve.show()
            self.curve.setData(sample_x(snap.extent, fine, len(values)), np.where(np.isfinite(values), values, np.nan))
            return
        self.curve.hide()
        self.image_item.show()
        rgb = surface_colors(values, kind, self.discretize_box.isChecked(), self._regression_level)
        mode = (kind, values.shape, snap.extent)
        if mode != self._mode:
            rect = image_rect(snap.extent, fine, values.shape[1], values.shape[0])
            self.image_item.setImage(rgb, autoLevels=False, levels=(0, 255), lut=None, rect=rect)
            self._mode = mode
        else:
            self.image_item.setImage(rgb, autoLevels=False)
        self.boundary.show_boundary(values, kind, snap.extent)

    def _update_title(self) -> None:
        self.title.setToolTip(self.tr("Click to show the output again") if self._neuron is not None else "")
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

    def _set_one_d(self, one_d: bool) -> None:
        """1-D data is drawn as (x1, target) in a free aspect; the plane keeps x1 and x2 alike."""
        self._one_d = one_d
        self.view_box.setAspectLocked(not one_d)
        self._keep_square()
        self._name_axes()

    def _name_axes(self) -> None:
        self.plot_item.setLabel("bottom", "x1")
        self.plot_item.setLabel("left", self.tr("target") if self._one_d else "x2")

    def _keep_square(self, *_) -> None:
        """Pad the plot so its view box is square while x1 and x2 share one scale: the plane
        then fills the box, and the panel's spare length goes outside the axes, not into an
        empty strip of plane nobody evaluated. 1-D data (free aspect) uses the whole plot."""
        size = self.view_box.size()
        pad = (0.0, 0.0) if self._one_d else square_margins(size.width(), size.height(), self._square_pad)
        if max(abs(pad[0] - self._square_pad[0]), abs(pad[1] - self._square_pad[1])) < 1.0:
            return
        self._square_pad = pad
        left, top, right, bottom = PLOT_MARGINS
        self.plot_item.setContentsMargins(left + pad[0], top + pad[1], right + pad[0], bottom + pad[1])

    def _fit_range(self, extent) -> None:
        """Show ``extent`` along x1 (and x2), or the targets' range upright for 1-D data."""
        lo, hi = extent
        self._fitted_extent = (lo, hi)
        if self._one_d and self.data is not None:
            self.view_box.setRange(xRange=(lo, hi), yRange=target_range(self.data), padding=0)
        else:
            self.view_box.setRange(xRange=(lo, hi), yRange=(lo, hi), padding=0)

    # ----- points ---------------------------------------------------------------------------------

    def _update_points(self) -> None:
        data = self.data
        if data is None:
            return
        n_train = len(data.train_points)
        n_extra = min(self._extra_count, n_train)
        ordinary = slice(0, n_train - n_extra)
        train_pos = drawn_positions(data.train_points, data.train_labels)
        train_colors = point_colors(data, data.train_labels)
        plane_regression = data.task == "regression" and not self._one_d
        # Targets near 0 are near-white, so on the plane every point gets a dark outline.
        train_pen = pg.mkPen(REGRESSION_OUTLINE, width=0.7) if plane_regression else pg.mkPen("w", width=0.8)
        brushes, extra = per_color(train_colors, pg.mkBrush), slice(n_train - n_extra, None)
        self.train_scatter.setData(pos=train_pos[ordinary], brush=brushes[ordinary], pen=train_pen)
        self.extra_scatter.setData(pos=train_pos[extra], brush=brushes[extra])
        self.outlier_scatter.setData(pos=train_pos[np.asarray(data.outlier_mask, bool)])
        test_pos = drawn_positions(data.test_points, data.test_labels)
        test_colors = point_colors(data, data.test_labels)
        if plane_regression:  # filled with the target's colour inside a thick dark ring
            self.test_scatter.setData(pos=test_pos, pen=pg.mkPen(REGRESSION_OUTLINE, width=1.6),
                                      brush=per_color(test_colors, pg.mkBrush))
        else:  # hollow: a ring in the class colour
            self.test_scatter.setData(pos=test_pos, pen=per_color(test_colors, ring),
                                      brush=pg.mkBrush(255, 255, 255, 200))
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

    # ----- controls ------------------------------------------------------------------------------

    def _update_controls(self) -> None:
        """The controls that fit the data's task: a class or a target for added points, and
        Discretize only for classes (unticked meanwhile, the person's choice kept for later)."""
        data = self.data
        regression = data is not None and data.task == "regression"
        self.adding.show_task(None if data is None else data.task, 0 if data is None else data.num_classes,
                              self._one_d)
        # Disabled before it is unticked, so that unticking does not count as the person's choice.
        self.discretize_box.setEnabled(not regression)
        self.discretize_box.setChecked(self._discretize_choice and not regression)
        self._set_discretize_tip()

    def _set_discretize_tip(self) -> None:
        regression = self.data is not None and self.data.task == "regression"
        self.discretize_box.setToolTip(self.tr("A regression output has no classes to snap to") if regression
                                       else self.tr("Colour each point of the plane by the predicted class only, "
                                                    "without the shades of how sure the network is"))

    def _discretize_toggled(self, on: bool) -> None:
        if self.discretize_box.isEnabled():
            self._discretize_choice = on
        self._rerender()

    def _add_mode_toggled(self, on: bool) -> None:
        cursor = Qt.CursorShape.CrossCursor if on else Qt.CursorShape.ArrowCursor
        self.plot_widget.viewport().setCursor(cursor)

    def current_label(self, height: float = 0.0) -> float:
        """The label a click adds: the chosen class, the target, or (1-D data) the click's height."""
        if self.data is None or self.data.task != "regression":
            return float(max(self.class_combo.currentIndex(), 0))
        return float(height) if self._one_d else float(self.target_spin.value())

    def _scene_clicked(self, event) -> None:
        if self.data is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if not self.adding_points:
            index = nearest_training_point(self, event.scenePos())
            if index is not None:
                event.accept()
                self.sample_picked.emit(index)
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

