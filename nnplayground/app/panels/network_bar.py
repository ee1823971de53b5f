"""The strip above the network diagram: "+ layer" / "− layer", how many hidden layers there
are, and the legend of the links' colours. The builder decides what the buttons do."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from nnplayground.app import style
from nnplayground.app.language import Retranslating
from nnplayground.app.panels.network_headers import round_button_css


class LayerBar(Retranslating, QWidget):
    """The layer buttons, the depth and the legend; ``show_layers`` fits them to the network."""

    def __init__(self, max_layers: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.max_layers = max_layers
        self.layers = 0
        self.add_layer_button = QPushButton(self)
        self.remove_layer_button = QPushButton(self)
        for b in (self.add_layer_button, self.remove_layer_button):
            b.setCursor(Qt.PointingHandCursor)
            b.setStyleSheet(round_button_css("QPushButton", "padding: 0px 12px; min-height: 22px;"))
        self.layers_label = QLabel(self, styleSheet="color: #3c4043;")
        font = self.layers_label.font()
        font.setBold(True)
        self.layers_label.setFont(font)
        self.legend = QLabel(self, styleSheet="color: #5f6368;")
        bar = QHBoxLayout(self)
        bar.setContentsMargins(8, 6, 8, 2)
        bar.setSpacing(6)
        bar.addWidget(self.add_layer_button)
        bar.addWidget(self.remove_layer_button)
        bar.addSpacing(8)
        bar.addWidget(self.layers_label)
        bar.addStretch(1)
        bar.addWidget(self.legend)
        self.retranslate()

    def retranslate(self) -> None:
        """The buttons, the legend and the depth in the interface's language."""
        self.add_layer_button.setText(self.tr("+ layer"))
        self.remove_layer_button.setText(self.tr("− layer"))
        self.legend.setText(self._legend_html())
        self.legend.setToolTip(self.tr(
            "Each link is a weight: blue for positive, orange for negative, thicker for larger |w|. "
            "Hover a link to read it, double-click to edit it; click a neuron to inspect it."))
        self.show_layers(self.layers)

    def show_layers(self, n: int) -> None:
        """Show a network of ``n`` hidden layers: the count, and which buttons can act."""
        self.layers = n
        self.layers_label.setText(self.tr("1 hidden layer") if n == 1 else self.tr("{0} hidden layers").format(n))
        can_add = n < self.max_layers
        self.add_layer_button.setEnabled(can_add)
        self.add_layer_button.setToolTip(
            self.tr("Add a hidden layer (a copy of the last one)") if can_add
            else self.tr("The builder allows up to {0} hidden layers").format(self.max_layers))
        self.remove_layer_button.setEnabled(n > 0)
        self.remove_layer_button.setToolTip(self.tr("Remove the last hidden layer") if n > 0
                                            else self.tr("There are no hidden layers to remove"))

    def _legend_html(self) -> str:
        def swatch(color, width):
            return f'<span style="color:{color}; font-size:{width}px;">━</span>'
        return self.tr("{0} positive weight &nbsp; {1} negative").format(
            swatch(style.POSITIVE, 14), swatch(style.NEGATIVE, 14))
