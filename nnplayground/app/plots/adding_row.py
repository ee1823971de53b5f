"""The output view's row for adding training points by hand: "Add points" (a toggle), the class
or target the added points get, and "Clear my points". The view decides what a click adds;
the row only shows the controls that fit the data's task."""
from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QPushButton, QWidget

from .. import style
from ..language import Retranslating
from ..widgets import set_item_texts


class AddingRow(Retranslating, QWidget):
    """The controls for hand-added points; ``show_task`` fits them to the data on show."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.add_button = QPushButton(self)
        self.add_button.setCheckable(True)
        self.class_combo = QComboBox(self)
        self.class_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.target_label = QLabel(self)
        self.target_spin = QDoubleSpinBox(self)
        self.target_spin.setRange(-1000.0, 1000.0)
        self.target_spin.setDecimals(2)
        self.target_spin.setSingleStep(0.1)
        self.target_spin.setValue(1.0)
        self.height_hint = QLabel(self)
        self.height_hint.setStyleSheet("color: #666666;")
        self.clear_button = QPushButton(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 0, 0)  # left as the rows above; the right edge needs no gap (1024 px screens)
        for widget in (self.add_button, self.class_combo, self.target_label, self.target_spin, self.height_hint):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.clear_button)
        self.retranslate()

    def retranslate(self) -> None:
        """The buttons' and labels' texts, every tooltip, and the class names in the box."""
        self.add_button.setText(self.tr("Add points"))
        self.add_button.setToolTip(self.tr("While pressed, a click on the plot adds a training point there"))
        self.class_combo.setToolTip(self.tr("Class of the points you add"))
        self.target_label.setText(self.tr("Target"))
        self.target_spin.setToolTip(self.tr("Target value of the points you add (regression)"))
        self.height_hint.setText(self.tr("the click's height is the target"))
        self.clear_button.setText(self.tr("Clear my points"))
        self.clear_button.setToolTip(self.tr("Remove every point you added by hand"))
        set_item_texts(self.class_combo, map(self.class_name, range(self.class_combo.count())))

    def class_name(self, k: int) -> str:
        """"class 0", "class 1", ... in the interface's language."""
        return self.tr("class {0}").format(k)

    def show_task(self, task: str | None, classes: int, one_d: bool) -> None:
        """Fit the controls to data of ``task`` (None: no data) with ``classes`` classes; for 1-D
        data (``one_d``) the click's height is the target, so no target box is shown."""
        regression = task == "regression"
        self._fill_class_combo(0 if task is None or regression else max(classes, 2))
        self.class_combo.setVisible(task is not None and not regression)
        self.target_label.setVisible(regression and not one_d)
        self.target_spin.setVisible(regression and not one_d)
        self.height_hint.setVisible(regression and one_d)
        self.add_button.setEnabled(task is not None)
        if task is None:
            self.add_button.setChecked(False)
            self.clear_button.setEnabled(False)

    def _fill_class_combo(self, classes: int) -> None:
        """One entry per class, with its colour; the choice is kept while it still exists."""
        if classes == self.class_combo.count():
            return
        keep = self.class_combo.currentIndex()
        self.class_combo.clear()
        for k in range(classes):
            pixmap = QPixmap(12, 12)
            pixmap.fill(QColor(style.CLASS_COLORS[k % len(style.CLASS_COLORS)]))
            self.class_combo.addItem(QIcon(pixmap), self.class_name(k))
        self.class_combo.setCurrentIndex(keep if 0 <= keep < classes else 0)
