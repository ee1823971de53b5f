"""The gradient lab's "Outliers" tab: regression with a few targets far off the rest, whose
batches make the gradient norm spike; Huber loss or clipping keep the fit on course."""
from __future__ import annotations

import dataclasses

import numpy as np

from ....core import Experiment
from ....core.presets import load_preset
from ...plots.curves import EMPTY
from ...widgets import blocked, combo_box
from ..common import LabPlot
from .gradient_lab_plots import LAB_EPOCHS, SpikePlot
from .lab_tab import LabTab, retitle

# An R² far below 0 (a fit worse than the mean, thrown off by an outlier batch) would squash
# the curves near 1 into a line: the axis stops here and its title gives the lowest value.
R2_FLOOR = -10.0


class OutlierTab(LabTab):
    """Regression with outliers: gradient spikes on their batches, and what Huber loss or clipping does."""

    REMEDIES = ("huber", "clip", "lower_lr")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.base = load_preset("outliers-regression")
        data = self.base.data
        self.count = self.slider(0, 30, data.outliers, int)
        self.magnitude = self.slider(0, 20, int(data.outlier_magnitude), int)
        self.loss_choice = combo_box(self, [("mse", ""), ("huber", "")])  # named in write_texts
        self.loss_choice.currentIndexChanged.connect(self._loss_changed)
        self.lr = self.lr_combo(self.base.optimizer.learning_rate)
        self.add_rows(self.count, self.magnitude, self.loss_choice, self.lr)
        self.finish_left()

        self.spikes = SpikePlot(self)
        self.r2 = LabPlot(self)
        self.r2.item.getViewBox().enableAutoRange(axis="y", enable=False)
        self.plots = [self.spikes, self.r2]
        self.plot_area.addWidget(self.spikes, 0, 0)
        self.plot_area.addWidget(self.r2, 1, 0)
        self.plot_area.setRowStretch(0, 3)
        self.plot_area.setRowStretch(1, 2)
        self.retranslate()
        self.fit_r2(EMPTY)

    def write_texts(self) -> None:
        """The explanation, the rows, the loss names and the plots' titles."""
        self.explanation.setText(self.tr(
            "<b>Outliers.</b> With squared error, a sample's gradient grows with its error, so a few targets "
            "far off the rest dominate every batch they land in: the gradient norm spikes (red dots mark "
            "batches holding an outlier) and the weights jump. Huber loss caps each sample's gradient once "
            "its error passes δ; gradient clipping caps the whole step. Either keeps the spikes from "
            "derailing the fit, as the test R² shows."))
        self.name_rows(
            (self.count, self.tr("Outliers k"), self.tr("How many training targets are moved far off the rest")),
            (self.magnitude, self.tr("Outlier magnitude m"), self.tr("How far each outlier's target is moved up "
                                                                     "or down from its true value")),
            (self.loss_choice, self.tr("Loss"), self.tr("Squared error's gradient grows with the error; Huber's "
                                                        "stops growing once the error exceeds δ")),
            (self.lr, self.tr("Learning rate"), self.lr_tip()))
        names = {"mse": self.tr("squared error (MSE)"),
                 "huber": self.tr("Huber (δ = {0:g})").format(self.base.network.huber_delta)}
        retitle(self.loss_choice, names.get)
        self.spikes.set_title(self.tr("Global gradient norm per iteration"))
        self.spikes.set_labels(self.tr("iteration"), self.tr("‖∇L‖"))
        self.spikes.set_marker_name(self.tr("batch held an outlier"))
        self.r2.set_title(self.r2_title())
        self.r2.set_labels(self.tr("iteration"), self.tr("R²"))

    def _loss_changed(self) -> None:
        huber = self.remedy_bar.checks["huber"]
        is_huber = self.loss_choice.currentData() == "huber"
        with blocked(huber):
            huber.setChecked(huber.isChecked() and not is_huber)
        huber.setEnabled(not is_huber)
        self.changed.emit()

    def baseline(self) -> Experiment:
        """The regression preset with the chosen outliers, loss and learning rate."""
        b = self.base
        return dataclasses.replace(
            b, data=dataclasses.replace(b.data, outliers=self.count.value(), outlier_magnitude=float(self.magnitude.value())),
            network=dataclasses.replace(b.network, regression_loss=self.loss_choice.currentData()),
            optimizer=dataclasses.replace(b.optimizer, learning_rate=self.lr.currentData()),
            training=dataclasses.replace(b.training, epochs=LAB_EPOCHS, eval_every=5))

    def draw(self, snapshots) -> None:
        """The gradient norm per iteration (outlier batches marked) and the test R²."""
        self.spikes.set_series(self.series(dense=True))
        for i, s in enumerate(snapshots):
            self.spikes.set_curve(i, s.history_x, s.history["global_grad_norm"])
        first = snapshots[0]
        hit = first.history["outliers"] > 0
        self.spikes.set_markers(first.history_x[hit], first.history["global_grad_norm"][hit])
        self.r2.set_series(self.series())
        for i, s in enumerate(snapshots):
            self.r2.set_curve(i, s.eval_x, s.eval_history["test_metric"])
        self.fit_r2(np.concatenate([s.eval_history["test_metric"] for s in snapshots]))

    def r2_title(self, lowest: float | None = None) -> str:
        """The R² plot's title; with ``lowest``, it says the axis is cut off above that value."""
        title = self.tr("Test R² (the test targets have no outliers)")
        if lowest is None:
            return title
        return self.tr("{0} · axis cut at {1:g}: the lowest R² is {2}").format(title, R2_FLOOR, f"{lowest:.3g}")

    def fit_r2(self, values) -> None:
        """The R² axis from the lowest value drawn (at most down to R2_FLOOR, labelled when cut) to 1."""
        values = np.asarray(values, dtype=float)
        values = values[np.isfinite(values)]
        lowest = float(values.min()) if values.size else 0.0
        low = max(R2_FLOOR, min(0.0, lowest))
        self.r2.item.setYRange(low - 0.05 * (1.0 - low), 1.0 + 0.05 * (1.0 - low), padding=0)
        self.r2.set_title(self.r2_title(lowest if lowest < R2_FLOOR else None))
