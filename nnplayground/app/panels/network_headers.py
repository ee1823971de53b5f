"""The widgets above the network diagram's columns: ``LayerHeader`` (the − / + neuron buttons,
the activation and the size of a hidden layer) and ``OutputCaption`` (what the output means),
and the round-cornered buttons' style the builder shares. Their texts grow as the view shrinks
the scene (see network_items.readable_pt)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLayout, QToolButton, QVBoxLayout, QWidget

from nnplayground.app import labels
from nnplayground.app.language import Retranslating
from nnplayground.app.panels.network_items import HEADER_W, MAX_BUILDER_UNITS, readable_pt
from ..widgets import blocked, set_item_texts
from nnplayground.core.activations import HIDDEN_ACTIVATIONS
from nnplayground.core.experiment import Experiment, LayerSpec


def round_button_css(widget_class: str, extra: str) -> str:
    """The style sheet of the builder's round-cornered buttons; ``extra`` adds to the base rule."""
    return (f"{widget_class} {{ border: 1px solid #c4c9ce; border-radius: 11px; background: #f5f6f7;"
            f" color: #3c4043; {extra} }}"
            f"{widget_class}:hover {{ background: #e4e7ea; border-color: #9aa0a6; }}"
            f"{widget_class}:pressed {{ background: #d2d6da; }}"
            f"{widget_class}:disabled {{ color: #c4c9ce; border-color: #e1e4e7; background: #fafafa; }}")


_SMALL_BUTTON_CSS = round_button_css("QToolButton", "font-size: 14px; font-weight: bold; padding: 0px;")


class LayerHeader(Retranslating, QWidget):
    """Controls above one hidden column: − / + neuron buttons, the activation, "4 neurons"."""

    add_clicked = Signal(int)  # the layer's index
    remove_clicked = Signal(int)
    activation_picked = Signal(int, str)  # the layer's index, the activation's key

    def __init__(self, index: int):
        super().__init__()
        self.index = index
        self._spec: LayerSpec | None = None  # the layer on show
        self.setAttribute(Qt.WA_TranslucentBackground)
        layout = QVBoxLayout(self)
        # No size constraint: an embedded widget is a hidden top-level window, and a layout that
        # sets its minimum size makes some platforms (offscreen) warn on every header.
        layout.setSizeConstraint(QLayout.SetNoConstraint)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        self.remove_button = QToolButton()
        self.remove_button.setText("−")
        self.add_button = QToolButton()
        self.add_button.setText("+")
        for b in (self.remove_button, self.add_button):
            b.setFixedSize(22, 22)
            b.setStyleSheet(_SMALL_BUTTON_CSS)
            b.setCursor(Qt.PointingHandCursor)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.activation_combo = QComboBox()
        font = self.activation_combo.font()
        self._point_size = max(7.0, font.pointSizeF() - 1)
        font.setPointSizeF(self._point_size)
        self.activation_combo.setFont(font)
        self.activation_combo.setFixedWidth(HEADER_W)
        self.activation_combo.setCursor(Qt.PointingHandCursor)
        for name in HIDDEN_ACTIVATIONS:
            self.activation_combo.addItem("", name)  # named by retranslate()
        layout.addWidget(self.activation_combo)
        self.caption = QLabel()
        self.caption.setAlignment(Qt.AlignHCenter)
        self.caption.setFont(font)
        self.caption.setStyleSheet("color: #5f6368; background: transparent;")
        layout.addWidget(self.caption)
        self.remove_button.clicked.connect(lambda: self.remove_clicked.emit(self.index))
        self.add_button.clicked.connect(lambda: self.add_clicked.emit(self.index))
        self.activation_combo.currentIndexChanged.connect(self._activation_picked)
        self.retranslate()
        self.resize(HEADER_W, self.sizeHint().height())

    def retranslate(self) -> None:
        """The activations' names (renamed in place: no pick is emitted) and the layer's texts."""
        combo = self.activation_combo  # renamed in place: no pick is emitted
        set_item_texts(combo, [labels.activation(combo.itemData(row)) for row in range(combo.count())])
        self.activation_combo.setToolTip(self.tr(
            "Activation function of this layer: the nonlinearity applied to each neuron's weighted sum"))
        if self._spec is not None:
            self.show_layer(self.index, self._spec)

    def fit_to_scale(self, scale: float) -> None:
        """Size the texts for the view's ``scale``: never below READABLE_PT on screen."""
        for widget in (self.activation_combo, self.caption):
            font = widget.font()
            font.setPointSizeF(readable_pt(self._point_size, scale))
            widget.setFont(font)
        self.resize(HEADER_W, self.sizeHint().height())

    def _activation_picked(self, row: int) -> None:
        name = self.activation_combo.itemData(row)
        if name:
            self.activation_picked.emit(self.index, name)

    def show_layer(self, index: int, spec: LayerSpec) -> None:
        """Show hidden layer ``index`` (0-based) as ``spec`` describes it."""
        self.index, self._spec = index, spec
        with blocked(self.activation_combo):
            self.activation_combo.setCurrentIndex(max(self.activation_combo.findData(spec.activation), 0))
        self.caption.setText(self.tr("1 neuron") if spec.units == 1 else self.tr("{0} neurons").format(spec.units))
        self.caption.setToolTip(self.tr("Hidden layer {0}").format(index + 1))
        can_add = spec.units < MAX_BUILDER_UNITS
        self.add_button.setEnabled(can_add)
        self.add_button.setToolTip(
            self.tr("Add a neuron to this layer") if can_add
            else self.tr("The builder allows up to {0} neurons per layer").format(MAX_BUILDER_UNITS))
        self.remove_button.setEnabled(spec.units > 1)
        self.remove_button.setToolTip(
            self.tr("Remove a neuron from this layer") if spec.units > 1
            else self.tr("A layer needs at least one neuron; use “− layer” to remove layers"))


class OutputCaption(QLabel):
    """The caption above the output column: its activation and what its value means."""

    def __init__(self):
        super().__init__(styleSheet="color: #3c4043; background: transparent;")
        self.setAttribute(Qt.WA_TranslucentBackground)
        self._point_size = self.font().pointSizeF()

    def show_network(self, exp: Experiment, scale: float) -> None:
        """Describe the output of ``exp``, sized for the view's ``scale`` (see readable_pt)."""
        task = exp.network.task
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
        font = self.font()
        font.setPointSizeF(readable_pt(self._point_size, scale))
        self.setFont(font)
        name = labels.activation(exp.network.output_activation).lower()
        self.setText(self.tr("<b>Output</b><br>{0}<br><span style='color:#80868b'>{1}</span>").format(name, why))
        self.setToolTip(tip)
        self.adjustSize()
