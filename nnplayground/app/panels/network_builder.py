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

The builder shows the experiment model's network and writes structural edits to the model.
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPen
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsProxyWidget, QGraphicsScene, QInputDialog, QLabel,
                               QSizePolicy, QVBoxLayout, QWidget)

from nnplayground.app import labels, style
from nnplayground.app.language import Retranslating
from nnplayground.app.model import ExperimentModel
from nnplayground.app.panels.network_bar import LayerBar
from nnplayground.app.panels.network_headers import LayerHeader, OutputCaption
from nnplayground.app.panels.network_items import (HEADER_W, MAX_BUILDER_UNITS, LinkBundle, LinkHooks, NetworkView,
                                                   NeuronHooks, NeuronItem, SceneText)
from nnplayground.app.panels.network_thumbnails import Thumbnails
from nnplayground.app.throttle import Throttle
from nnplayground.core.experiment import Experiment, LayerSpec

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
REFRESH_HZ = 12  # links and thumbnails follow the training at most this often


def _fmt(value: float, spec: str) -> str:
    """A number with a real minus sign."""
    return format(value, spec).replace("-", "−")


class NetworkBuilder(Retranslating, QWidget):
    """Draws the model's network and edits its architecture with the mouse.

    Signals:
      neuron_clicked(layer, unit)   layer as in ``Snapshot.neuron_maps`` (0 = first hidden, last = output)
      weight_edited(layer, i, j, v) the user typed a new value for ``weights[layer][i, j]``
    """

    neuron_clicked = Signal(int, int)
    weight_edited = Signal(int, int, int, float)

    def __init__(self, model: ExperimentModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.throttle = Throttle(self, self._show_now, REFRESH_HZ)
        self.thumbnails = Thumbnails(MAX_DRAWN_UNITS)
        self._selected: tuple[int, int] | None = None
        self._geometry = None
        self._neurons: dict[tuple[int, int], NeuronItem] = {}
        self._bundles: list[LinkBundle] = []
        self._decor: list[SceneText] = []  # labels, markers, captions of the current geometry
        self._text_scale, self._fitting_text = 1.0, False  # the view's scale the texts are sized for
        self._headers: list[LayerHeader] = []
        self._header_proxies: list[QGraphicsProxyWidget] = []
        self._retired: list[QGraphicsProxyWidget] = []
        self._neuron_hooks = NeuronHooks(self.thumbnail, lambda layer, unit: self._selected == (layer, unit),
                                         self._neuron_pressed)
        self._link_hooks = LinkHooks(self._link_weights, self.link_tooltip, self.edit_weight)

        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), QColor("#ffffff"))
        self.setPalette(pal)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.bar = LayerBar(MAX_BUILDER_LAYERS, self)
        # The bar's controls, by the names the builder's callers know them by.
        self.add_layer_button, self.remove_layer_button = self.bar.add_layer_button, self.bar.remove_layer_button
        self.layers_label, self.legend = self.bar.layers_label, self.bar.legend
        self.add_layer_button.clicked.connect(self.add_layer)
        self.remove_layer_button.clicked.connect(self.remove_layer)
        layout.addWidget(self.bar)
        layout.addWidget(self._build_view(), 1)
        model.experiment_changed.connect(self._experiment_changed)
        self._build()

    def retranslate(self) -> None:
        """The diagram's texts and tooltips from the network on show (the headers and the bar
        rewrite their own); nothing is rebuilt and no edit reaches the model."""
        for item in self._decor:
            item.retranslate()
        for (layer, unit), item in self._neurons.items():
            item.setToolTip(self._neuron_tooltip(layer, unit))
        for b in self._bundles:
            if b.hovered is not None:
                b.setToolTip(self.link_tooltip(b.layer, *b.hovered))
        self._update_output_caption(self.experiment)
        self._fit_scene()

    def _build_view(self) -> NetworkView:
        self.scene = QGraphicsScene(self)
        self.view = NetworkView(self.scene)
        self.view.fitted.connect(self._fit_text)
        # The output caption lives as long as the builder (deleting proxies mid-rebuild is unsafe).
        self._output_caption = OutputCaption()
        self._output_proxy = self.scene.addWidget(self._output_caption)
        self._output_proxy.setZValue(5)
        self._output_proxy.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.view.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        return self.view

    # ----- public API -------------------------------------------------------------------------

    @property
    def experiment(self) -> Experiment:
        """The model's experiment (the builder keeps no copy)."""
        return self.model.experiment

    @property
    def snapshot(self):
        """The snapshot drawn now, or None."""
        return self.thumbnails.snapshot

    @property
    def selected_neuron(self) -> tuple[int, int] | None:
        return self._selected

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
        """Draw the waiting snapshot now."""
        self.throttle.flush()

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

    # structural edits: each writes the new hidden layers to the model; False if nothing changed
    def add_layer(self) -> bool:
        hidden = self.experiment.network.hidden
        if len(hidden) >= MAX_BUILDER_LAYERS:
            return False
        last = hidden[-1] if hidden else DEFAULT_LAYER
        return self._apply(hidden + (dataclasses.replace(last, units=min(last.units, MAX_BUILDER_UNITS)),))

    def remove_layer(self) -> bool:
        hidden = self.experiment.network.hidden
        return bool(hidden) and self._apply(hidden[:-1])

    def add_neuron(self, layer: int) -> bool:
        hidden = self.experiment.network.hidden
        if not 0 <= layer < len(hidden) or hidden[layer].units >= MAX_BUILDER_UNITS:
            return False
        return self._apply(self._with_layer(layer, units=hidden[layer].units + 1))

    def remove_neuron(self, layer: int) -> bool:
        hidden = self.experiment.network.hidden
        if not 0 <= layer < len(hidden) or hidden[layer].units <= 1:
            return False
        return self._apply(self._with_layer(layer, units=hidden[layer].units - 1))

    def set_activation(self, layer: int, activation: str) -> bool:
        hidden = self.experiment.network.hidden
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
        head = f"{self._unit_name(layer - 1, i)} → {self._unit_name(layer, j)}"
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

    def thumbnail(self, layer: int, unit: int) -> QImage | None:
        """The picture in neuron (layer, unit): -1 = input features, 0.. = hidden layers, last = output."""
        if layer < 0:
            data = self.experiment.data
            return self.thumbnails.feature(tuple(data.features), data.dataset == "sine", unit)
        return self.thumbnails.unit(layer, unit)

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

    def _experiment_changed(self, experiment: Experiment) -> None:
        """The scene is rebuilt only when the drawn architecture changed."""
        if self._geometry_key(experiment) != self._geometry:
            self._build()
        else:
            self._update_captions()
        if self.snapshot is not None and not self._compatible(self.snapshot):
            self._drop_snapshot()

    def _show_now(self, snapshot) -> None:
        if not self._compatible(snapshot):  # held back by the throttle while the network changed
            return
        new_plane = self.thumbnails.show(snapshot)
        for b in self._bundles:
            if b.hovered is not None:
                b.setToolTip(self.link_tooltip(b.layer, *b.hovered))
            b.update()
        self._repaint_neurons(inputs=new_plane)

    def _repaint_neurons(self, inputs: bool) -> None:
        """Repaint the hidden and output neurons, and the inputs (kept as pixels) if ``inputs``:
        their pictures change only with the plane."""
        for (layer, _), item in self._neurons.items():
            if layer >= 0 or inputs:
                item.update()

    def _unit_name(self, layer: int, unit: int) -> str:
        hidden = len(self.experiment.network.hidden)
        if layer < 0:
            features = self.experiment.data.features
            return labels.feature(features[unit]) if unit < len(features) else str(unit)
        if layer >= hidden:
            return self.tr("output {0}").format(unit + 1)
        return self.tr("neuron {0} of layer {1}").format(unit + 1, layer + 1)

    def _with_layer(self, layer: int, **changes) -> tuple[LayerSpec, ...]:
        hidden = list(self.experiment.network.hidden)
        hidden[layer] = dataclasses.replace(hidden[layer], **changes)
        return tuple(hidden)

    def _apply(self, hidden: tuple[LayerSpec, ...]) -> bool:
        return self.model.update("network", hidden=tuple(hidden))

    @staticmethod
    def _geometry_key(exp: Experiment):
        return (tuple(exp.data.features), tuple(h.units for h in exp.network.hidden), exp.output_units)

    def _compatible(self, snapshot) -> bool:
        sizes = self.experiment.layer_sizes
        weights = snapshot.weights
        if len(weights) != len(sizes) - 1 or len(snapshot.neuron_maps) != len(sizes) - 1:
            return False
        return all(w.shape == (sizes[l], sizes[l + 1]) for l, w in enumerate(weights))

    def _drop_snapshot(self) -> None:
        self.throttle.drop()
        new_plane = self.thumbnails.show(None)
        for b in self._bundles:
            b.clear_hover()
        self.view.viewport().update()
        self._repaint_neurons(inputs=new_plane)

    def _neuron_pressed(self, layer: int, unit: int) -> None:
        self.select_neuron(layer, unit)
        self.neuron_clicked.emit(layer, unit)

    def _link_weights(self, layer: int):
        snap = self.thumbnails.snapshot
        return self.thumbnails.version, None if snap is None else snap.weights[layer]
    # ----- building the scene ---------------------------------------------------------------------

    def _column_x(self, column: int) -> float:
        return LABEL_W + NEURON / 2 + column * COLUMN

    def _neuron_y(self, unit: int) -> float:
        return HEADER_H + 10 + self._size / 2 + unit * self._pitch

    def _text(self, words, anchor: tuple[float, float], align, *, size_delta: float = 0.0,
              color: str = "#5f6368", bold: bool = False, tooltip=None) -> SceneText:
        """A label of the diagram; ``words`` and ``tooltip`` are functions giving its texts in the
        interface's language (called again on a language switch)."""
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() + size_delta)
        font.setBold(bold)
        item = SceneText(words, font, color, QPointF(*anchor), align, self._text_scale, tooltip)
        self.scene.addItem(item)
        self._decor.append(item)
        return item

    def _fit_text(self, scale: float) -> None:
        """Grow or shrink every text of the diagram for the view's fitted ``scale``, so none is
        drawn below READABLE_PT; the grown texts may widen the scene, so fit again (a few times
        at most: each round changes the scale less)."""
        if self._fitting_text:
            return
        self._fitting_text = True
        try:
            for _ in range(4):
                if abs(scale - self._text_scale) <= 0.01 * scale:
                    break
                self._text_scale = scale
                for item in self._decor:
                    item.fit_to_scale(scale)
                for header in self._headers:
                    header.fit_to_scale(scale)
                self._update_output_caption(self.experiment)
                self._fit_scene()
                scale = self.view.fitted_scale
        finally:
            self._fitting_text = False

    def _fit_scene(self) -> None:
        rect = self.scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        self.scene.setSceneRect(rect.united(QRectF(0, 0, 1, 1)))
        self.view.fit()

    def _build(self) -> None:
        """Lay the scene out anew for the model's architecture."""
        exp = self.experiment
        for item in self._decor + list(self._neurons.values()) + self._bundles:
            self.scene.removeItem(item)
        self._decor, self._neurons, self._bundles = [], {}, []
        self.thumbnails.show(self.snapshot)  # new layers: every cached picture is stale
        self._geometry = self._geometry_key(exp)
        drawn = [min(n, MAX_DRAWN_UNITS) for n in exp.layer_sizes]
        self._size, self._pitch = (COMPACT_NEURON, COMPACT_PITCH) if max(drawn) > 9 else (NEURON, PITCH)
        centers = self._add_neurons(exp.layer_sizes, drawn)
        for l in range(len(centers) - 1):  # from the right edge of one column to the left edge of the next
            bundle = LinkBundle(self._link_hooks, l, centers[l] + [self._size / 2, 0], centers[l + 1] - [self._size / 2, 0])
            self.scene.addItem(bundle)
            self._bundles.append(bundle)
        self._add_labels(exp, drawn)
        self._sync_headers(len(exp.network.hidden))
        self._update_captions()
        if self._selected is not None and self._selected not in self._neurons:
            self._selected = None
        self.view.zoom = 1.0
        self._fit_scene()

    def _add_neurons(self, sizes: list[int], drawn: list[int]) -> list[np.ndarray]:
        """Every drawn neuron, column by column; returns each column's centres."""
        centers = []
        for c, (n, shown) in enumerate(zip(sizes, drawn)):
            x = self._column_x(c)
            layer = c - 1  # -1 = inputs
            pts = np.array([[x, self._neuron_y(u)] for u in range(shown)], dtype=float)
            centers.append(pts)
            for u in range(shown):
                item = NeuronItem(self._neuron_hooks, layer, u, self._size)
                item.setPos(x, pts[u, 1])
                item.setToolTip(self._neuron_tooltip(layer, u))
                self.scene.addItem(item)
                self._neurons[(layer, u)] = item
            if n > shown:
                self._text(lambda more=n - shown: self.tr("+{0} more").format(more),
                           (x, self._neuron_y(shown - 1) + self._size / 2 + 4), Qt.AlignHCenter | Qt.AlignTop,
                           size_delta=-1, tooltip=lambda shown=shown, n=n: self.tr(
                               "Only the first {0} of {1} neurons are drawn").format(shown, n))
        return centers

    def _add_labels(self, exp: Experiment, drawn: list[int]) -> None:
        """Input names, the "Inputs" caption, and class names beside a multi-class output."""
        left = self._column_x(0) - self._size / 2 - 6
        for u in range(drawn[0]):
            self._text(lambda f=exp.data.features[u]: labels.feature(f), (left, self._neuron_y(u)),
                       Qt.AlignRight | Qt.AlignVCenter, color="#3c4043")
        self._text(lambda: self.tr("Inputs"), (self._column_x(0), HEADER_H - 2), Qt.AlignHCenter | Qt.AlignBottom,
                   bold=True, color="#3c4043",
                   tooltip=lambda: self.tr("The features fed to the network, each shown over the input plane"))
        if exp.network.task == "multiclass":
            right = self._column_x(len(drawn) - 1) + self._size / 2 + 6
            for u in range(drawn[-1]):
                self._text(lambda u=u: self.tr("class {0}").format(u), (right, self._neuron_y(u)),
                           Qt.AlignLeft | Qt.AlignVCenter, size_delta=-1, color=style.CLASS_COLORS[u % 10])

    def _sync_headers(self, layers: int) -> None:
        """One header above each hidden column, pooled so a button is never deleted while its
        click is handled."""
        while len(self._headers) < layers:
            header = LayerHeader(len(self._headers))
            header.add_clicked.connect(self.add_neuron)
            header.remove_clicked.connect(self.remove_neuron)
            header.activation_picked.connect(self.set_activation)
            header.fit_to_scale(self._text_scale)
            proxy = self.scene.addWidget(header)
            proxy.setZValue(5)
            proxy.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # the links below repaint often
            self._headers.append(header)
            self._header_proxies.append(proxy)
        self._retired.clear()
        while len(self._headers) > layers:
            # Its button may be the one whose click led here: delete it only once control is
            # back in the event loop, and keep the wrapper until then.
            self._headers.pop()
            proxy = self._header_proxies.pop()
            proxy.hide()
            self.scene.removeItem(proxy)
            self._retired.append(proxy)
            proxy.deleteLater()
        for k, proxy in enumerate(self._header_proxies):
            proxy.setPos(self._column_x(k + 1) - HEADER_W / 2, 0)
            proxy.show()

    def _neuron_tooltip(self, layer: int, unit: int) -> str:
        name = self._unit_name(layer, unit)
        if layer < 0:
            return self.tr("Input {0}: its value over the input plane").format(name)
        return self.tr("{0}: its output over the input plane. Click to inspect.").format(name[:1].upper() + name[1:])

    def _update_captions(self) -> None:
        exp = self.experiment
        hidden = exp.network.hidden
        for k, header in enumerate(self._headers):
            if k < len(hidden):
                header.show_layer(k, hidden[k])
        self.bar.show_layers(len(hidden))
        self._update_output_caption(exp)

    def _update_output_caption(self, exp: Experiment) -> None:
        self._output_caption.show_network(exp, self._text_scale)
        self._output_proxy.resize(self._output_caption.sizeHint())
        x = self._column_x(len(exp.layer_sizes) - 1) - self._size / 2
        self._output_proxy.setPos(x, HEADER_H - self._output_caption.sizeHint().height() - 2)
