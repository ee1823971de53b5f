"""What every gradient-lab tab shares: the remedies, the controls that rebuild its runs, the tab base."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QGroupBox, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from ....core import Experiment
from ... import labels
from ...plots.curves import EMPTY
from ...throttle import Throttle
from ...language import Retranslating
from ...widgets import DEBOUNCE_MS, SliderRow, combo_box, set_item_texts
from ..common import Series, TabFrame, scale_slider
from .gradient_lab_plots import (AFTER_COLOR, BEFORE_COLOR, LEARNING_RATES, MARKER_COLOR, PLOT_HZ, RELU_FAMILY,
                                 DecadePlot, ProfilePlot)


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
        """Whether any remedy is switched on (then an "after" run trains beside the baseline)."""
        return self.clip_norm is not None or self.init or self.relu or self.lower_lr or self.huber

    def apply(self, experiment: Experiment) -> Experiment:
        """``experiment`` with the switched-on remedies applied, the rest unchanged."""
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

class RemedyBar(Retranslating, QWidget):
    """A row of remedy toggles (only the ones that make sense for the tab)."""

    changed = Signal()

    def __init__(self, keys, parent=None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(14)
        self.title = QLabel(self)
        row.addWidget(self.title)
        self.checks: dict[str, QCheckBox] = {}
        self.clip_spin = QDoubleSpinBox(self, decimals=2, minimum=0.01, maximum=1000.0, value=1.0, singleStep=0.5)
        for key in keys:
            check = QCheckBox(self)
            check.toggled.connect(self.changed)
            self.checks[key] = check
            row.addWidget(check)
            if key == "clip":
                self.clip_spin.valueChanged.connect(lambda _: self.checks["clip"].isChecked() and self._debounce.start())
                row.addWidget(self.clip_spin)
        row.addStretch(1)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.changed)
        self.retranslate()

    def retranslate(self) -> None:
        """The title, each check box's name and tooltip, the threshold's tooltip."""
        self.title.setText(self.tr("<b>Remedies:</b>"))
        texts = {
            "clip": (self.tr("Clip gradients at"),
                     self.tr("Scale the whole gradient down whenever its norm exceeds the threshold")),
            "init": (self.tr("Xavier/He init"), self.tr("Xavier initialisation (He for ReLU layers) at gain 1: "
                                                        "keeps the spread of z the same from layer to layer")),
            "relu": (labels.activation("relu"),
                     self.tr("ReLU hidden layers: slope exactly 1 wherever a unit is active")),
            "lower_lr": (self.tr("Learning rate ÷10"), self.tr("Take ten times smaller steps")),
            "huber": (self.tr("Huber loss"), self.tr("Cap each sample's gradient once its error exceeds δ")),
        }
        for key, check in self.checks.items():
            check.setText(texts[key][0])
            check.setToolTip(texts[key][1])
        self.clip_spin.setToolTip(self.tr("The largest global gradient norm a step may use"))

    def remedies(self) -> Remedies:
        """The remedies the check boxes switch on."""
        on = {key: check.isChecked() for key, check in self.checks.items()}
        return Remedies(clip_norm=self.clip_spin.value() if on.get("clip") else None, init=on.get("init", False),
                        relu=on.get("relu", False), lower_lr=on.get("lower_lr", False), huber=on.get("huber", False))

    def describe(self) -> str:
        """The switched-on remedies in a few words, for the legend."""
        r = self.remedies()
        parts = []
        if r.clip_norm is not None:
            parts.append(self.tr("clip at {0:g}").format(r.clip_norm))
        words = {"init": self.tr("Xavier/He init"), "relu": labels.activation("relu"),
                 "lower_lr": self.tr("learning rate ÷10"), "huber": self.tr("Huber loss")}
        parts += [words[key] for key in ("init", "relu", "lower_lr", "huber") if getattr(r, key)]
        return ", ".join(parts)


def set_tip(control: QWidget, tip: str) -> None:
    """``tip`` on ``control``; on a SliderRow also on its slider and value (what the mouse rests on)."""
    for widget in (control, control.slider, control.label) if isinstance(control, SliderRow) else (control,):
        widget.setToolTip(tip)


def retitle(combo: QComboBox, name) -> None:
    """Write each item's text again as ``name(its data)`` (a language switch): same items, same
    choice, and no signal, so the runs are not rebuilt."""
    set_item_texts(combo, [name(combo.itemData(i)) for i in range(combo.count())])


# ----- the frame of a tab -------------------------------------------------------------------

class LabTab(Retranslating, TabFrame):
    """One experiment: an explanation and controls on the left, remedies and plots on the right.

    ``build()`` makes the experiments to train (remembered in ``loaded``); ``changed`` asks
    the window to build and load them again. ``offer(snapshots)`` draws, rate-limited.
    A tab writes its texts in ``write_texts`` and calls ``retranslate()`` at the end of its
    ``__init__``; a language switch writes them again and redraws what is on show."""

    changed = Signal()
    REMEDIES: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.loaded: list[Experiment] = []
        self.drawn = None  # the snapshots on screen
        self.finite = {}  # run index -> the newest snapshot offered whose profile is ``sound``
        self.throttle = Throttle(self, self._draw_now, PLOT_HZ)
        self.plots: list = []
        self.remedy_bar = RemedyBar(self.REMEDIES, self) if self.REMEDIES else None
        if self.remedy_bar is not None:
            self.remedy_bar.changed.connect(self.changed)
            self.right.insertWidget(0, self.remedy_bar)  # above the plots
        self.silence_label = QLabel(self, wordWrap=True, visible=False, styleSheet=f"color: {MARKER_COLOR};")
        self.right.insertWidget(self.right.count() - 1, self.silence_label)  # just above the plots
        self.loss = None  # the training-loss plot, for tabs that have one (place_profile_and_loss)

    def retranslate(self) -> None:
        """Every text of the tab in the current language; the runs on show redrawn with it."""
        # TabFrame (labs/common.py) writes this title once; written again here for a live switch.
        self.settings.setTitle(QCoreApplication.translate("TabFrame", "Settings"))
        if self.loss is not None:
            self.loss.set_title(self.tr("Training loss per batch"))
            self.loss.set_labels(self.tr("iteration"), self.tr("loss"))
        self.write_texts()
        if self.drawn is not None:
            self.draw(self.drawn)

    def write_texts(self) -> None:  # pragma: no cover - overridden
        """The tab's own texts: explanation, row names, tooltips, combo items, fixed plot titles."""
        raise NotImplementedError

    def add_rows(self, *fields) -> None:
        """Rows of the settings form; their names come in ``name_rows``."""
        for field in fields:
            self.add_row(field)

    def preset_box(self, *names: str) -> list[QPushButton]:
        """A box ``presets`` in the left column with a button per preset in ``names`` that sets
        the controls to it (``apply_preset``); the tab writes the box's title and the buttons' texts."""
        self.presets = QGroupBox(self)
        column = QVBoxLayout(self.presets)
        buttons = []
        for name in names:
            button = QPushButton(self.presets)
            button.clicked.connect(lambda _=False, preset=name: self.apply_preset(preset))
            column.addWidget(button)
            buttons.append(button)
        self.left.addWidget(self.presets)
        return buttons

    def name_rows(self, *rows) -> None:
        """(field, name, tooltip) per row: the name in the form, the tooltip on the control."""
        for field, name, tip in rows:
            self.form.labelForField(field).setText(name)
            set_tip(field, tip)

    def place_profile_and_loss(self, profile) -> None:
        """The common right side: a gradient profile above the training loss per batch."""
        self.profile = profile
        self.loss = DecadePlot(self)  # log y: a diverging run's loss passes 1e100
        self.plots = [self.profile, self.loss]
        self.plot_area.addWidget(self.profile, 0, 0)
        self.plot_area.addWidget(self.loss, 1, 0)
        self.plot_area.setRowStretch(0, 3)
        self.plot_area.setRowStretch(1, 2)

    # ----- controls that rebuild the runs --------------------------------------------------

    def combo(self, items, current=None) -> QComboBox:
        """A combo box of ``(data, text)`` items whose choice rebuilds the runs."""
        combo = combo_box(self, items, current)
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def activation_combo(self, keys, current: str) -> QComboBox:
        """A choice of hidden activations, named as everywhere in the interface."""
        return self.combo([(key, labels.activation(key)) for key in keys], current)

    def lr_tip(self) -> str:
        """The learning rate combo's tooltip."""
        return self.tr("Step size of every update: each weight moves by the learning rate times its gradient")

    def lr_combo(self, value: float) -> QComboBox:
        """A choice of LEARNING_RATES, starting at ``value``."""
        return self.combo([(lr, f"{lr:g}") for lr in LEARNING_RATES], value)

    def slider(self, minimum, maximum, value, to_value=float, text=str) -> SliderRow:
        """A slider with its value beside it that rebuilds the runs once it rests."""
        return self.track(SliderRow(minimum, maximum, value, to_value, text, self))

    def scale_slider(self, value: float) -> SliderRow:
        """A slider over the scales ×0.1 to ×10 (log-spaced) that rebuilds the runs once it rests."""
        return self.track(scale_slider(self, value, lambda g: f"×{g:.2f}"))

    def track(self, slider: SliderRow) -> SliderRow:
        """Rebuild the runs whenever ``slider`` commits; returns it."""
        slider.committed.connect(self.changed)
        return slider

    # ----- experiments --------------------------------------------------------------------

    def baseline(self) -> Experiment:  # pragma: no cover - overridden
        """The experiment the controls describe, before any remedy."""
        raise NotImplementedError

    def build(self) -> list[Experiment]:
        """The experiments to train: the baseline, and the "after" run when a remedy is on."""
        base = self.baseline()
        remedies = self.remedy_bar.remedies() if self.remedy_bar is not None else Remedies()
        self.loaded = [base, remedies.apply(base)] if remedies.active else [base]
        return self.loaded

    def run_names(self) -> list[str]:
        """The legend name of each run built."""
        if len(self.loaded) == 2:
            return [self.tr("before"), self.tr("after ({0})").format(self.remedy_bar.describe())]
        return [self.tr("run")]

    def run_colors(self) -> list[str]:
        """The colour of each run built."""
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
        """The newest snapshots, one per run: drawn when the rate limit allows and the tab shows."""
        for i, s in enumerate(snapshots):  # cheap: at most a thousand norms per run
            if self.sound(s):
                self.finite[i] = s
        self.throttle.offer(snapshots)

    def profile_snapshot(self, i: int, snapshot):
        """The snapshot whose profile shows for run ``i``: this one, or when the run diverged
        the last one offered before it did (None if there was none)."""
        return snapshot if self.sound(snapshot) else self.finite.get(i)

    def flush(self) -> None:
        """Draw the snapshots waiting, now."""
        self.throttle.flush()

    def clear(self) -> None:
        """Forget what was drawn and empty the plots (a new network)."""
        self.throttle.drop()
        self.drawn = None
        self.finite.clear()
        self.silence_label.hide()
        for plot in self.plots:
            plot.clear_curves()

    def _draw_now(self, snapshots) -> None:
        self.drawn = snapshots
        self.draw(snapshots)

    def draw(self, snapshots) -> None:  # pragma: no cover - overridden
        """Show ``snapshots`` (one per run) in the tab's plots."""
        raise NotImplementedError

    def show_loss(self, plot: DecadePlot, snapshots) -> None:
        """Each run's training loss per batch in ``plot``."""
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
        self.explain_silence(shown)
        return shown

    def silence_note(self, snapshot) -> str:
        """Why a run's profile has no points from some layer down: its backward signal there is
        exactly 0, which a log axis cannot draw ("" when every layer has some signal)."""
        norms = snapshot.profile.delta_norms
        silent = np.flatnonzero(norms[:-1] == 0)
        if not silent.size:
            return ""
        top = int(silent[-1]) + 1  # layers 1..top get no gradient at all
        activation = snapshot.experiment.network.hidden[top - 1].activation
        if activation == "relu":
            why = self.tr("every ReLU unit of layer {0} outputs 0 for every probe sample (dead units pass "
                          "nothing back)").format(top)
        else:
            why = self.tr("the signal underflowed to 0 at layer {0}").format(top)
        return self.tr("no gradient reaches layers 1 to {0}: {1}. A log axis cannot draw 0, so the curve "
                       "stops there.").format(top, why)

    def explain_silence(self, shown) -> None:
        """Say under the remedies which runs' curves stop short, and why."""
        names = self.run_names()
        notes = [(name, self.silence_note(s)) for name, s in zip(names, shown) if s is not None]
        lines = [f"{name}: {note}" if len(names) > 1 else note for name, note in notes if note]
        self.silence_label.setText("\n".join(lines))
        self.silence_label.setVisible(bool(lines))
