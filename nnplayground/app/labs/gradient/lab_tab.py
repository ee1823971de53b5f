"""The controls and the frame every gradient-lab tab shares: remedies, sliders, the tab base."""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget)

from ....core import Experiment
from ...plots.curves import EMPTY
from ...throttle import Throttle
from .gradient_lab_plots import (AFTER_COLOR, BEFORE_COLOR, DEBOUNCE_MS, LEARNING_RATES, LEFT_WIDTH, PLOT_HZ,
                                 RELU_FAMILY, LabPlot, ProfilePlot, Series)


@dataclass(frozen=True)
class Remedies:
    """The fixes a person can switch on; ``apply`` makes the "after" experiment."""
    clip_norm: float | None = None  # clip the global gradient norm to this
    init: bool = False  # Xavier (He for the ReLU family) at gain 1
    relu: bool = False  # saturating and linear hidden layers become ReLU
    lower_lr: bool = False  # the learning rate / 10
    huber: bool = False  # regression: Huber loss instead of squared error

    @property
    def active(self) -> bool:
        return self.clip_norm is not None or self.init or self.relu or self.lower_lr or self.huber

    def apply(self, experiment: Experiment) -> Experiment:
        net, opt = experiment.network, experiment.optimizer
        hidden = net.hidden
        if self.relu:
            hidden = tuple(h if h.activation in RELU_FAMILY else dataclasses.replace(h, activation="relu")
                           for h in hidden)
        changes = {"hidden": hidden}
        if self.init:
            relu_like = bool(hidden) and all(h.activation in RELU_FAMILY for h in hidden)
            changes.update(init="he_uniform" if relu_like else "xavier_uniform", init_gain=1.0)
        if self.huber and net.task == "regression":
            changes["regression_loss"] = "huber"
        if self.lower_lr:
            opt = dataclasses.replace(opt, learning_rate=opt.learning_rate / 10)
        if self.clip_norm is not None:
            opt = dataclasses.replace(opt, clip_norm=self.clip_norm)
        return dataclasses.replace(experiment, network=dataclasses.replace(net, **changes), optimizer=opt)


# ----- controls ------------------------------------------------------------------------------

class LabeledSlider(QWidget):
    """A horizontal slider with its value written beside it. ``committed`` fires when the
    handle is released, or DEBOUNCE_MS after a keyboard or wheel change."""

    committed = Signal()

    def __init__(self, minimum: int, maximum: int, value: int, to_value=float, text=str, parent=None):
        super().__init__(parent)
        self.to_value, self.text = to_value, text
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(minimum, maximum)
        self.slider.setValue(value)
        self.label = QLabel(self)
        self.label.setMinimumWidth(self.fontMetrics().horizontalAdvance("×10.00"))
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.slider, 1)
        row.addWidget(self.label)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.committed)
        self.slider.valueChanged.connect(self._moved)
        self.slider.sliderReleased.connect(self._released)
        self._show()

    def value(self):
        return self.to_value(self.slider.value())

    def set_position(self, position: int) -> None:
        """Move the handle without committing (the caller rebuilds once, afterwards)."""
        self.slider.blockSignals(True)
        self.slider.setValue(position)
        self.slider.blockSignals(False)
        self._show()

    def _show(self) -> None:
        self.label.setText(self.text(self.value()))

    def _moved(self) -> None:
        self._show()
        if not self.slider.isSliderDown():
            self._timer.start()

    def _released(self) -> None:
        self._timer.stop()
        self.committed.emit()


SCALE_STEPS_PER_DECADE = 10  # 1.0, 1.3, 1.6, 2.0, 2.5, 3.2, 4.0, 5.0, 6.3, 7.9, 10


def log_position(value: float) -> int:
    """Slider position 0..20 for a scale between 0.1 and 10."""
    return int(round((math.log10(value) + 1) * SCALE_STEPS_PER_DECADE))


def log_value(position: int) -> float:
    return float(f"{10 ** (position / SCALE_STEPS_PER_DECADE - 1):.2g}")


class RemedyBar(QWidget):
    """A row of remedy toggles (only the ones that make sense for the tab)."""

    changed = Signal()

    def __init__(self, keys, parent=None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(14)
        title = QLabel(self.tr("<b>Remedies:</b>"), self)
        row.addWidget(title)
        texts = {
            "clip": (self.tr("Clip gradients at"), self.tr("Scale the whole gradient down whenever its norm exceeds the threshold")),
            "init": (self.tr("Xavier/He init"), self.tr("Xavier initialisation (He for ReLU layers) at gain 1: "
                                                        "keeps the spread of z the same from layer to layer")),
            "relu": (self.tr("ReLU"), self.tr("ReLU hidden layers: slope exactly 1 wherever a unit is active")),
            "lower_lr": (self.tr("Learning rate ÷10"), self.tr("Take ten times smaller steps")),
            "huber": (self.tr("Huber loss"), self.tr("Cap each sample's gradient once its error exceeds δ")),
        }
        self.checks: dict[str, QCheckBox] = {}
        self.clip_spin = QDoubleSpinBox(self, decimals=2, minimum=0.01, maximum=1000.0, value=1.0, singleStep=0.5)
        for key in keys:
            text, tip = texts[key]
            check = QCheckBox(text, self)
            check.setToolTip(tip)
            check.toggled.connect(self.changed)
            self.checks[key] = check
            row.addWidget(check)
            if key == "clip":
                self.clip_spin.setToolTip(self.tr("The largest global gradient norm a step may use"))
                self.clip_spin.valueChanged.connect(lambda _: self.checks["clip"].isChecked() and self._debounce.start())
                row.addWidget(self.clip_spin)
        row.addStretch(1)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.changed)

    def remedies(self) -> Remedies:
        on = {key: check.isChecked() for key, check in self.checks.items()}
        return Remedies(clip_norm=self.clip_spin.value() if on.get("clip") else None, init=on.get("init", False),
                        relu=on.get("relu", False), lower_lr=on.get("lower_lr", False), huber=on.get("huber", False))

    def describe(self) -> str:
        """The switched-on remedies in a few words, for the legend."""
        r = self.remedies()
        parts = []
        if r.clip_norm is not None:
            parts.append(self.tr("clip at {0:g}").format(r.clip_norm))
        words = {"init": self.tr("Xavier/He init"), "relu": self.tr("ReLU"),
                 "lower_lr": self.tr("learning rate ÷10"), "huber": self.tr("Huber loss")}
        parts += [words[key] for key in ("init", "relu", "lower_lr", "huber") if getattr(r, key)]
        return ", ".join(parts)


def activation_combo(parent, names, current: str) -> QComboBox:
    combo = QComboBox(parent)
    for key in names:
        combo.addItem(parent.activation_name(key), key)
    combo.setCurrentIndex(combo.findData(current))
    return combo


def select(combo: QComboBox, data) -> None:
    combo.blockSignals(True)
    combo.setCurrentIndex(combo.findData(data))
    combo.blockSignals(False)


# ----- the frame of a tab -------------------------------------------------------------------

class LabTab(QWidget):
    """One experiment: an explanation and controls on the left, remedies and plots on the right.

    ``build()`` makes the experiments to train (remembered in ``loaded``); ``changed`` asks
    the window to build and load them again. ``offer(snapshots)`` draws, rate-limited."""

    changed = Signal()
    REMEDIES: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.loaded: list[Experiment] = []
        self.drawn = None  # the snapshots on screen
        self.finite = {}  # run index -> the newest snapshot offered whose profile is ``sound``
        self.throttle = Throttle(self, self._draw_now, PLOT_HZ)
        self.plots: list = []

        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.RichText)
        self.explanation.setStyleSheet("QLabel { background: #f4f6f8; border: 1px solid #dde1e5;"
                                       " border-radius: 4px; padding: 8px; color: #222; }")
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        settings = QGroupBox(self.tr("Settings"), self)
        settings.setLayout(self.form)
        left_widget = QWidget(self)
        left_widget.setFixedWidth(LEFT_WIDTH)
        self.left = QVBoxLayout(left_widget)
        self.left.setContentsMargins(0, 0, 0, 0)
        self.left.addWidget(self.explanation)
        self.left.addWidget(settings)

        right = QVBoxLayout()
        right.setSpacing(6)
        self.remedy_bar = RemedyBar(self.REMEDIES, self) if self.REMEDIES else None
        if self.remedy_bar is not None:
            self.remedy_bar.changed.connect(self.changed)
            right.addWidget(self.remedy_bar)
        self.plot_area = QGridLayout()
        self.plot_area.setSpacing(8)
        right.addLayout(self.plot_area, 1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(12)
        layout.addWidget(left_widget)
        layout.addLayout(right, 1)

    def finish_left(self) -> None:
        self.left.addStretch(1)

    def place_profile_and_loss(self, profile) -> None:
        """The common right side: a gradient profile above the training loss per batch."""
        self.profile = profile
        self.loss = LabPlot(self, log_y=True)  # a diverging run's loss passes 1e100
        self.loss.set_title(self.tr("Training loss per batch"))
        self.loss.set_labels(self.tr("iteration"), self.tr("loss"))
        self.plots = [self.profile, self.loss]
        self.plot_area.addWidget(self.profile, 0, 0)
        self.plot_area.addWidget(self.loss, 1, 0)
        self.plot_area.setRowStretch(0, 3)
        self.plot_area.setRowStretch(1, 2)

    def activation_name(self, key: str) -> str:
        return {"sigmoid": self.tr("sigmoid"), "tanh": self.tr("tanh"), "relu": self.tr("ReLU"),
                "leaky_relu": self.tr("leaky ReLU"), "linear": self.tr("linear")}[key]

    def lr_combo(self, value: float) -> QComboBox:
        combo = QComboBox(self)
        for lr in LEARNING_RATES:
            combo.addItem(f"{lr:g}", lr)
        combo.setCurrentIndex(combo.findData(value))
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def slider(self, minimum, maximum, value, to_value=float, text=str) -> LabeledSlider:
        s = LabeledSlider(minimum, maximum, value, to_value, text, self)
        s.committed.connect(self.changed)
        return s

    # ----- experiments --------------------------------------------------------------------

    def baseline(self) -> Experiment:  # pragma: no cover - overridden
        raise NotImplementedError

    def build(self) -> list[Experiment]:
        base = self.baseline()
        remedies = self.remedy_bar.remedies() if self.remedy_bar is not None else Remedies()
        self.loaded = [base, remedies.apply(base)] if remedies.active else [base]
        return self.loaded

    def run_names(self) -> list[str]:
        if len(self.loaded) == 2:
            return [self.tr("before"), self.tr("after ({0})").format(self.remedy_bar.describe())]
        return [self.tr("run")]

    def run_colors(self) -> list[str]:
        return [BEFORE_COLOR, AFTER_COLOR][:len(self.loaded)]

    def series(self, dense: bool = False) -> list[Series]:
        """The curves of the runs; the "before" run dashed when an "after" one is shown."""
        width = 1.0 if dense else 2.0
        compared = len(self.loaded) == 2
        return [Series(name, color, dashed=compared and i == 0, width=width, dense=dense)
                for i, (name, color) in enumerate(zip(self.run_names(), self.run_colors()))]

    # ----- drawing ------------------------------------------------------------------------

    @staticmethod
    def sound(snapshot) -> bool:
        """Whether the snapshot's profile is worth showing: finite, from a run not diverged (a
        diverged RNN's norms can stay finite, all but the last underflowed to 0)."""
        p = snapshot.profile
        return p is not None and snapshot.divergence is None and bool(np.isfinite(p.delta_norms).all())

    def offer(self, snapshots) -> None:
        for i, s in enumerate(snapshots):  # cheap: at most a thousand norms per run
            if self.sound(s):
                self.finite[i] = s
        self.throttle.offer(snapshots)

    def profile_snapshot(self, i: int, snapshot):
        """The snapshot whose profile shows for run ``i``: this one, or when the run diverged
        the last one offered before it did (None if there was none)."""
        return snapshot if self.sound(snapshot) else self.finite.get(i)

    def flush(self) -> None:
        self.throttle.flush()

    def clear(self) -> None:
        self.throttle.drop()
        self.drawn = None
        self.finite.clear()
        for plot in self.plots:
            plot.clear_curves()

    def _draw_now(self, snapshots) -> None:
        self.drawn = snapshots
        self.draw(snapshots)

    def draw(self, snapshots) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def show_loss(self, plot: LabPlot, snapshots) -> None:
        plot.set_series(self.series(dense=True))
        for i, s in enumerate(snapshots):
            plot.set_curve(i, s.history_x, s.history["train_loss"])
        plot.fit_decades([c.yData for c in plot.curves])

    def show_profiles(self, plot: ProfilePlot, snapshots, series) -> list:
        """Draw each run's profile (a diverged run's last finite one); returns the snapshots shown."""
        shown = [self.profile_snapshot(i, s) for i, s in enumerate(snapshots)]
        layers = max((len(s.profile.delta_norms) for s in shown if s is not None), default=0)
        plot.set_layers(layers, self.tr("out"))
        plot.set_series(series)
        for i, s in enumerate(shown):
            if s is None:
                plot.curves[i].setData(EMPTY, EMPTY)
            else:
                plot.set_curve(i, np.arange(1, layers + 1), s.profile.delta_norms)
        plot.fit()
        return shown
