"""The network drawn as a graph that a person edits with the mouse.

Columns run left to right: the input features, each hidden layer, the output. Every neuron
shows a thumbnail of its output over the input plane; links are coloured by the sign of their
weight and thickened by its size. Buttons above each hidden column add or remove neurons and
pick the activation; "+ layer" / "− layer" change the depth. The scene's items live in
``network_items``.

Speed: ``show_snapshot`` runs up to 30 times a second on the GUI thread, so it only stores the
snapshot and asks the view to repaint. Items fetch their colours lazily while painting, so only
what is on screen costs anything. All links between two columns are one item painted in a single
pass (a 256 × 256 layer never becomes 65 536 items), and a column draws at most
``MAX_DRAWN_UNITS`` neurons with a "+N more" marker for the rest.
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPen
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsProxyWidget, QGraphicsScene, QGraphicsSimpleTextItem,
                               QHBoxLayout, QInputDialog, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget)

from nnplayground.app import style
from nnplayground.app.panels.network_items import (HEADER_W, MAX_BUILDER_UNITS, LayerHeader, LinkBundle,
                                                   NetworkView, NeuronItem, activation_kind, colorize,
                                                   round_button_css)
from nnplayground.app.throttle import Throttle
from nnplayground.core.activations import ACTIVATIONS
from nnplayground.core.datasets import feature_matrix
from nnplayground.core.experiment import Experiment, ExperimentError, LayerSpec

# ----- builder limits (files may hold bigger networks; the builder only refuses to grow them) ---
MAX_BUILDER_LAYERS = 10
DEFAULT_LAYER = LayerSpec(4, "tanh")

# ----- layout, in scene pixels (the view scales the whole scene to fit) -------------------------
NEURON, PITCH = 30, 40  # side of a neuron square, vertical distance between neurons
COMPACT_NEURON, COMPACT_PITCH = 24, 30  # for columns of more than 9 drawn neurons
COLUMN = 104  # horizontal distance between columns
HEADER_H = 74
LABEL_W = 50  # room left of the inputs for their names
MARGIN = 8
MAX_DRAWN_UNITS = 16  # a wider layer draws its first 16 neurons and a "+N more" marker

# ----- refresh -----------------------------------------------------------------------------------
THUMB_RES = 32  # feature thumbnails are computed on a THUMB_RES² grid
REFRESH_HZ = 12  # links and thumbnails follow the training at most this often


def _fmt(value: float, spec: str) -> str:
    """A number with a real minus sign."""
    return format(value, spec).replace("-", "−")


def _qimage(pixels: np.ndarray) -> QImage:
    """A QImage over RGBA ``pixels`` (H, W, 4), sharing their memory: keep them alive."""
    return QImage(pixels.data, pixels.shape[1], pixels.shape[0], pixels.shape[1] * 4, QImage.Format_RGBA8888)


class NetworkBuilder(QWidget):
    """Draws the network of an experiment and edits its architecture with the mouse.

    Signals:
      changed(Experiment)           a structural edit produced this new, validated experiment
      neuron_clicked(layer, unit)   layer as in ``Snapshot.neuron_maps`` (0 = first hidden, last = output)
      weight_edited(layer, i, j, v) the user typed a new value for ``weights[layer][i, j]``
    """

    changed = Signal(object)
    neuron_clicked = Signal(int, int)
    weight_edited = Signal(int, int, int, float)

    def __init__(self, experiment: Experiment | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._experiment = experiment if experiment is not None else Experiment()
        self.snapshot = None
        self.throttle = Throttle(self, self._show_now, REFRESH_HZ)
        self._version = 0  # bumped by every drawn snapshot: link pens and thumbnails are stale
        self._selected: tuple[int, int] | None = None
        self._geometry = None
        self._neurons: dict[tuple[int, int], NeuronItem] = {}
        self._bundles: list[LinkBundle] = []
        self._decor: list[QGraphicsItem] = []  # labels, markers, captions of the current geometry
        self._headers: list[LayerHeader] = []
        self._header_proxies: list[QGraphicsProxyWidget] = []
        self._retired: list[QGraphicsProxyWidget] = []
        self._image_cache: dict[int, tuple] = {}
        self._feature_cache = None

        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), QColor("#ffffff"))
        self.setPalette(pal)

        self.add_layer_button = QPushButton(self.tr("+ layer"))
        self.remove_layer_button = QPushButton(self.tr("− layer"))
        for b in (self.add_layer_button, self.remove_layer_button):
            b.setCursor(Qt.PointingHandCursor)
            b.setStyleSheet(round_button_css("QPushButton", "padding: 0px 12px; min-height: 22px;"))
        self.add_layer_button.clicked.connect(self.add_layer)
        self.remove_layer_button.clicked.connect(self.remove_layer)
        self.layers_label = QLabel()
        font = self.layers_label.font()
        font.setBold(True)
        self.layers_label.setFont(font)
        self.layers_label.setStyleSheet("color: #3c4043;")
        self.legend = QLabel(self._legend_html())
        self.legend.setStyleSheet("color: #5f6368;")
        self.legend.setToolTip(self.tr(
            "Each link is a weight: blue for positive, orange for negative, thicker for larger |w|. "
            "Hover a link to read it, double-click to edit it; click a neuron to inspect it."))
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 8, 2)
        bar.setSpacing(6)
        bar.addWidget(self.add_layer_button)
        bar.addWidget(self.remove_layer_button)
        bar.addSpacing(8)
        bar.addWidget(self.layers_label)
        bar.addStretch(1)
        bar.addWidget(self.legend)

        self.scene = QGraphicsScene(self)
        self.view = NetworkView(self.scene)
        # The output caption lives as long as the builder (deleting proxies mid-rebuild is unsafe).
        self._output_caption = QLabel()
        self._output_caption.setAttribute(Qt.WA_TranslucentBackground)
        self._output_caption.setStyleSheet("color: #3c4043; background: transparent;")
        self._output_proxy = self.scene.addWidget(self._output_caption)
        self._output_proxy.setZValue(5)
        self.view.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._build()

    # ----- public API -------------------------------------------------------------------------

    @property
    def experiment(self) -> Experiment:
        return self._experiment

    @property
    def selected_neuron(self) -> tuple[int, int] | None:
        return self._selected

    def set_experiment(self, experiment: Experiment) -> None:
        """Show ``experiment``; the scene is rebuilt only when the drawn architecture changed."""
        self._experiment = experiment
        if self._geometry_key(experiment) != self._geometry:
            self._build()
        else:
            self._update_captions()
        if self.snapshot is not None and not self._compatible(self.snapshot):
            self._drop_snapshot()

    def show_snapshot(self, snapshot) -> None:
        """Draw the weights and neuron outputs of ``snapshot``, at most REFRESH_HZ times a
        second (every GUI-thread millisecond is taken from training through the GIL). A
        snapshot from another architecture (training not restarted yet) is ignored."""
        if not self._compatible(snapshot):
            if self.snapshot is not None:
                self._drop_snapshot()
            return
        self.throttle.offer(snapshot)

    def flush(self) -> None:
        self.throttle.flush()

    def _show_now(self, snapshot) -> None:
        self.snapshot = snapshot
        self._version += 1
        for b in self._bundles:
            if b.hovered is not None:
                b.setToolTip(self.link_tooltip(b.layer, *b.hovered))
            b.update()
        for item in self._neurons.values():
            item.update()

    def clear(self) -> None:
        """Forget the snapshot: grey links, blank thumbnails, no selection. The architecture stays."""
        self._selected = None
        self._drop_snapshot()

    def select_neuron(self, layer: int, unit: int) -> None:
        """Highlight a neuron without emitting ``neuron_clicked``; (-1, -1) or a missing neuron clears."""
        old = self._neurons.get(self._selected) if self._selected else None
        self._selected = (layer, unit) if (layer, unit) in self._neurons else None
        for item in (old, self._neurons.get(self._selected) if self._selected else None):
            if item is not None:
                item.update()

    # structural edits: each emits ``changed`` with the new experiment, or does nothing
    def add_layer(self) -> bool:
        hidden = self._experiment.network.hidden
        if len(hidden) >= MAX_BUILDER_LAYERS:
            return False
        last = hidden[-1] if hidden else DEFAULT_LAYER
        new = dataclasses.replace(last, units=min(last.units, MAX_BUILDER_UNITS))
        return self._apply(hidden + (new,))

    def remove_layer(self) -> bool:
        hidden = self._experiment.network.hidden
        if not hidden:
            return False
        return self._apply(hidden[:-1])

    def add_neuron(self, layer: int) -> bool:
        hidden = self._experiment.network.hidden
        if not 0 <= layer < len(hidden) or hidden[layer].units >= MAX_BUILDER_UNITS:
            return False
        return self._apply(self._with_layer(layer, units=hidden[layer].units + 1))

    def remove_neuron(self, layer: int) -> bool:
        hidden = self._experiment.network.hidden
        if not 0 <= layer < len(hidden) or hidden[layer].units <= 1:
            return False
        return self._apply(self._with_layer(layer, units=hidden[layer].units - 1))

    def set_activation(self, layer: int, activation: str) -> bool:
        hidden = self._experiment.network.hidden
        if not 0 <= layer < len(hidden) or hidden[layer].activation == activation:
            return False
        return self._apply(self._with_layer(layer, activation=activation))

    def edit_weight(self, layer: int, i: int, j: int) -> None:
        """Ask for a new value of weights[layer][i, j] and emit ``weight_edited`` if one is given."""
        if self.snapshot is None:
            return
        current = float(self.snapshot.weights[layer][i, j])
        value, ok = QInputDialog.getDouble(
            self, self.tr("Edit weight"),
            self.tr("Weight from {0} to {1}:").format(self._unit_name(layer - 1, i), self._unit_name(layer, j)),
            current if math.isfinite(current) else 0.0, -1e6, 1e6, 4)
        if ok:
            self.weight_edited.emit(layer, i, j, float(value))

    def link_tooltip(self, layer: int, i: int, j: int) -> str:
        head = self.tr("{0} → {1}").format(self._unit_name(layer - 1, i), self._unit_name(layer, j))
        if self.snapshot is None:
            return head
        w = float(self.snapshot.weights[layer][i, j])
        g = float(self.snapshot.gradients[layer][i, j])
        body = self.tr("w = {0}, ∂L/∂w = {1}").format(_fmt(w, ".3f"), _fmt(g, ".2g"))
        return f"{head}\n{body}\n{self.tr('Double-click to edit')}"

    # accessors (tests, other views)
    def neuron_item(self, layer: int, unit: int) -> NeuronItem | None:
        """The drawn neuron; layer -1 = input features, 0.. = hidden layers, last = output."""
        return self._neurons.get((layer, unit))

    def link_item(self, layer: int) -> LinkBundle:
        """The item drawing every link of weights[layer]."""
        return self._bundles[layer]

    def link_pen(self, layer: int, i: int, j: int) -> QPen:
        return self._bundles[layer].pen(i, j)

    def header(self, layer: int) -> LayerHeader:
        """The controls above hidden layer ``layer``."""
        return self._headers[layer]

    @property
    def output_caption(self) -> QLabel:
        return self._output_caption

    # ----- internals ---------------------------------------------------------------------------

    def _activation_names(self) -> dict[str, str]:
        names = {"sigmoid": self.tr("Sigmoid"), "tanh": self.tr("Tanh"), "relu": self.tr("ReLU"),
                 "leaky_relu": self.tr("Leaky ReLU"), "linear": self.tr("Linear"),
                 "softmax": self.tr("Softmax")}
        return {n: names.get(n, a.display_name) for n, a in ACTIVATIONS.items()}

    def _feature_label(self, name: str) -> str:
        labels = {"x1": self.tr("x1"), "x2": self.tr("x2"), "x1^2": self.tr("x1²"), "x2^2": self.tr("x2²"),
                  "x1*x2": self.tr("x1·x2"), "sin(x1)": self.tr("sin x1"), "sin(x2)": self.tr("sin x2")}
        return labels.get(name, name)

    def _legend_html(self) -> str:
        def swatch(color, width):
            return f'<span style="color:{color}; font-size:{width}px;">━</span>'
        return self.tr("{0} positive weight &nbsp; {1} negative").format(
            swatch(style.POSITIVE, 14), swatch(style.NEGATIVE, 14))

    def _unit_name(self, layer: int, unit: int) -> str:
        hidden = len(self._experiment.network.hidden)
        if layer < 0:
            features = self._experiment.data.features
            return self._feature_label(features[unit]) if unit < len(features) else str(unit)
        if layer >= hidden:
            return self.tr("output {0}").format(unit + 1)
        return self.tr("neuron {0} of layer {1}").format(unit + 1, layer + 1)

    def _with_layer(self, layer: int, **changes) -> tuple[LayerSpec, ...]:
        hidden = list(self._experiment.network.hidden)
        hidden[layer] = dataclasses.replace(hidden[layer], **changes)
        return tuple(hidden)

    def _apply(self, hidden: tuple[LayerSpec, ...]) -> bool:
        exp = self._experiment
        try:
            network = dataclasses.replace(exp.network, hidden=tuple(hidden))
            new = exp.replace(network=network)
        except (ExperimentError, ValueError, TypeError):
            return False
        self.set_experiment(new)
        self.changed.emit(new)
        return True

    @staticmethod
    def _geometry_key(exp: Experiment):
        return (tuple(exp.data.features), tuple(h.units for h in exp.network.hidden), exp.output_units)

    def _compatible(self, snapshot) -> bool:
        sizes = self._experiment.layer_sizes
        weights = snapshot.weights
        if len(weights) != len(sizes) - 1 or len(snapshot.neuron_maps) != len(sizes) - 1:
            return False
        return all(w.shape == (sizes[l], sizes[l + 1]) for l, w in enumerate(weights))

    def _drop_snapshot(self) -> None:
        self.throttle.drop()
        self.snapshot = None
        self._version += 1
        self._image_cache.clear()
        for b in self._bundles:
            b._set_hovered(None)
        self.view.viewport().update()

    def _neuron_pressed(self, layer: int, unit: int) -> None:
        self.select_neuron(layer, unit)
        self.neuron_clicked.emit(layer, unit)

    # thumbnails, computed per layer on first paint after each snapshot
    def _thumbnail(self, layer: int, unit: int) -> QImage | None:
        if layer < 0:
            return self._feature_thumbnail(unit)
        snap = self.snapshot
        if snap is None:
            return None
        entry = self._image_cache.get(layer)
        if entry is None or entry[0] != self._version:
            maps = snap.neuron_maps[layer]
            n = min(maps.shape[-1], MAX_DRAWN_UNITS)
            hidden = snap.experiment.network.hidden
            activation = hidden[layer].activation if layer < len(hidden) else snap.experiment.network.output_activation
            classes = style.class_rgb(maps.shape[-1]) if activation == "softmax" else None
            entry = (self._version, colorize(maps, activation_kind(activation), n, classes), [None] * n)
            self._image_cache[layer] = entry
        _, pixels, images = entry
        if unit >= len(images):
            return None
        if images[unit] is None:
            images[unit] = _qimage(pixels[unit])
        return images[unit]

    def _feature_thumbnail(self, unit: int) -> QImage | None:
        features = tuple(self._experiment.data.features)
        extent = self.snapshot.extent if self.snapshot is not None else (-6.0, 6.0)
        one_d = self._experiment.data.dataset == "sine"
        key = (features, tuple(extent), one_d)
        if self._feature_cache is None or self._feature_cache[0] != key:
            axis = np.linspace(extent[0], extent[1], THUMB_RES)
            if one_d:
                maps = feature_matrix(axis[:, None], features, np.float64)
            else:
                gx, gy = np.meshgrid(axis, axis)
                points = np.column_stack([gx.ravel(), gy.ravel()])
                maps = feature_matrix(points, features, np.float64).reshape(THUMB_RES, THUMB_RES, -1)
            pixels = colorize(maps, "symmetric", len(features))
            images = [_qimage(p) for p in pixels]
            self._feature_cache = (key, pixels, images)
        images = self._feature_cache[2]
        return images[unit] if unit < len(images) else None

    # building the scene
    def _column_x(self, column: int) -> float:
        return LABEL_W + NEURON / 2 + column * COLUMN

    def _neuron_y(self, unit: int) -> float:
        return HEADER_H + 10 + self._size / 2 + unit * self._pitch

    def _text(self, text: str, *, size_delta: float = 0.0, color: str = "#5f6368", bold: bool = False,
              tooltip: str = "") -> QGraphicsSimpleTextItem:
        item = QGraphicsSimpleTextItem(text)
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() + size_delta))
        font.setBold(bold)
        item.setFont(font)
        item.setBrush(QColor(color))
        item.setZValue(3)
        if tooltip:
            item.setToolTip(tooltip)
        self.scene.addItem(item)
        self._decor.append(item)
        return item

    def _build(self) -> None:
        exp = self._experiment
        scene = self.scene
        for item in self._decor + list(self._neurons.values()) + self._bundles:
            scene.removeItem(item)
        self._decor, self._neurons, self._bundles = [], {}, []
        self._image_cache.clear()
        self._geometry = self._geometry_key(exp)
        sizes = exp.layer_sizes
        hidden = exp.network.hidden
        columns = len(sizes)
        drawn = [min(n, MAX_DRAWN_UNITS) for n in sizes]
        compact = max(drawn) > 9
        self._size, self._pitch = (COMPACT_NEURON, COMPACT_PITCH) if compact else (NEURON, PITCH)

        centers = []
        for c, (n, shown) in enumerate(zip(sizes, drawn)):
            x = self._column_x(c)
            layer = c - 1  # -1 = inputs
            pts = np.array([[x, self._neuron_y(u)] for u in range(shown)], dtype=float)
            centers.append(pts)
            for u in range(shown):
                item = NeuronItem(self, layer, u, self._size)
                item.setPos(x, pts[u, 1])
                item.setToolTip(self._neuron_tooltip(layer, u))
                scene.addItem(item)
                self._neurons[(layer, u)] = item
            if n > shown:
                more = self._text(self.tr("+{0} more").format(n - shown), size_delta=-1,
                                  tooltip=self.tr("Only the first {0} of {1} neurons are drawn").format(shown, n))
                br = more.boundingRect()
                more.setPos(x - br.width() / 2, self._neuron_y(shown - 1) + self._size / 2 + 4)

        # links between the right edge of one column and the left edge of the next
        for l in range(columns - 1):
            src = centers[l] + [self._size / 2, 0]
            dst = centers[l + 1] - [self._size / 2, 0]
            bundle = LinkBundle(self, l, src, dst)
            scene.addItem(bundle)
            self._bundles.append(bundle)

        # input labels and caption
        for u in range(drawn[0]):
            label = self._text(self._feature_label(exp.data.features[u]), color="#3c4043")
            br = label.boundingRect()
            label.setPos(self._column_x(0) - self._size / 2 - 6 - br.width(), self._neuron_y(u) - br.height() / 2)
        inputs = self._text(self.tr("Inputs"), bold=True, color="#3c4043",
                            tooltip=self.tr("The features fed to the network, each shown over the input plane"))
        br = inputs.boundingRect()
        inputs.setPos(self._column_x(0) - br.width() / 2, HEADER_H - br.height() - 2)

        # output labels for multiclass
        if exp.network.task == "multiclass":
            for u in range(drawn[-1]):
                label = self._text(self.tr("class {0}").format(u), size_delta=-1, color=style.CLASS_COLORS[u % 10])
                label.setPos(self._column_x(columns - 1) + self._size / 2 + 6,
                             self._neuron_y(u) - label.boundingRect().height() / 2)

        # header controls: pooled, so a button is never deleted while its click is handled
        while len(self._headers) < len(hidden):
            header = LayerHeader(self, len(self._headers))
            proxy = scene.addWidget(header)
            proxy.setZValue(5)
            self._headers.append(header)
            self._header_proxies.append(proxy)
        self._retired.clear()
        while len(self._headers) > len(hidden):
            # Its button may be the one whose click led here: delete it only once control is
            # back in the event loop, and keep the wrapper until then.
            header, proxy = self._headers.pop(), self._header_proxies.pop()
            proxy.hide()
            scene.removeItem(proxy)
            self._retired.append(proxy)
            proxy.deleteLater()
        for k, proxy in enumerate(self._header_proxies):
            proxy.setPos(self._column_x(k + 1) - HEADER_W / 2, 0)
            proxy.show()

        self._update_captions()
        if self._selected is not None and self._selected not in self._neurons:
            self._selected = None
        rect = scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        scene.setSceneRect(rect.united(QRectF(0, 0, 1, 1)))
        self.view.zoom = 1.0
        self.view.fit()

    def _neuron_tooltip(self, layer: int, unit: int) -> str:
        name = self._unit_name(layer, unit)
        if layer < 0:
            return self.tr("Input {0}: its value over the input plane").format(name)
        return self.tr("{0}: its output over the input plane. Click to inspect.").format(name[:1].upper() + name[1:])

    def _update_captions(self) -> None:
        exp = self._experiment
        hidden = exp.network.hidden
        for k, header in enumerate(self._headers):
            if k < len(hidden):
                header.show_layer(k, hidden[k])
        n = len(hidden)
        self.layers_label.setText(self.tr("1 hidden layer") if n == 1 else self.tr("{0} hidden layers").format(n))
        can_add = n < MAX_BUILDER_LAYERS
        self.add_layer_button.setEnabled(can_add)
        self.add_layer_button.setToolTip(
            self.tr("Add a hidden layer (a copy of the last one)") if can_add
            else self.tr("The builder allows up to {0} hidden layers").format(MAX_BUILDER_LAYERS))
        self.remove_layer_button.setEnabled(n > 0)
        self.remove_layer_button.setToolTip(self.tr("Remove the last hidden layer") if n > 0
                                            else self.tr("There are no hidden layers to remove"))
        task = exp.network.task
        activation = exp.network.output_activation
        why = {"binary": self.tr("P(class 1)"), "multiclass": self.tr("class probabilities"),
               "regression": self.tr("any real value")}[task]
        tip = {
            "binary": self.tr("Binary classification: the sigmoid squashes the output into (0, 1), "
                              "read as the probability of class 1."),
            "multiclass": self.tr("Multiclass classification: the softmax turns the {0} outputs into "
                                  "class probabilities that sum to 1.").format(exp.output_units),
            "regression": self.tr("Regression: the output is linear because the target is an "
                                  "unbounded value, not a probability."),
        }[task]
        name = self._activation_names()[activation].lower()
        self._output_caption.setText(
            self.tr("<b>Output</b><br>{0}<br><span style='color:#80868b'>{1}</span>").format(name, why))
        self._output_caption.setToolTip(tip)
        self._output_caption.adjustSize()
        self._output_proxy.resize(self._output_caption.sizeHint())
        x = self._column_x(len(exp.layer_sizes) - 1) - self._size / 2
        self._output_proxy.setPos(x, HEADER_H - self._output_caption.sizeHint().height() - 2)
