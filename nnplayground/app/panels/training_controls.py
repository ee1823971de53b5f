"""The training toolbar: play/pause, stepping, reset, the speed, and the optimiser and schedule settings.

Commands are plain signals the window forwards to the worker. Settings show the model's
experiment and write each edit back to the model, which decides whether it applies live or
restarts training; a refused edit puts the control back to the model's value. The speed is
a playback preference, not part of the experiment: it is remembered in the settings.
"""
from __future__ import annotations

import random

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QToolBar, QToolButton, QWidget

from ...core.experiment import BATCH_MODES, DTYPES, MAX_EPOCHS, OPTIMIZERS, Experiment
from .. import labels
from ..language import Retranslating
from ..model import ExperimentModel
from ..worker import FULL_SPEED, PUBLISH_HZ, Speed, iterations_per_second, steps_per_frame
from ..widgets import set_item_texts

LEARNING_RATES = ("0.00001", "0.0001", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10")
REG_RATES = ("0", "0.0001", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1")
PER_SECOND, PER_FRAME = (1, 2, 5, 10), (1, 2, 5, 10, 30, 100)
# Keys as stored in the settings, slowest first.
SPEEDS = {**{f"{n}/s": iterations_per_second(n) for n in PER_SECOND},
          **{f"{k}/frame": steps_per_frame(k) for k in PER_FRAME}, "max": FULL_SPEED}
# The default experiment (the circle preset) reaches 99% test accuracy after about 400
# iterations: at 2 a frame (~64 a second) the boundary bends over about six seconds.
DEFAULT_SPEED = "2/frame"
SPEED_SETTING = "training_speed"



class TrainingControls(Retranslating, QToolBar):
    """Commands and the optimiser on this toolbar; the schedule (batch, EPOCHS, speed, seed,
    precision) on ``schedule_bar``, a second toolbar the window puts on the next row."""

    play_toggled = Signal(bool)  # True: play, False: pause
    step_requested = Signal()
    epoch_requested = Signal()
    reset_requested = Signal()
    speed_changed = Signal(object)  # a worker.Speed
    entered = Signal()  # Enter was pressed in a field: its value is written, the window may take the keys back
    invalid = Signal(str)  # a typed value is not a number; the message says why

    def __init__(self, model: ExperimentModel, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.model, self.settings = model, settings
        self.setObjectName("training_toolbar")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._filling = False
        self.captions: dict[QWidget, QLabel] = {}  # each field's caption beside it
        self._build_commands()
        self.schedule_bar = QToolBar(parent)
        self.schedule_bar.setObjectName("schedule_toolbar")
        self._build_settings()
        self._connect_settings()
        model.experiment_changed.connect(self.show_experiment)
        self.show_experiment(model.experiment)
        self.retranslate()

    # ----- building --------------------------------------------------------------------

    def _build_commands(self) -> None:
        style = self.style()
        self.play_action = QAction(self, checkable=True)
        self.play_action.setShortcut(QKeySequence(Qt.Key.Key_Space))
        self.play_action.toggled.connect(self._on_play_toggled)
        self.step_action = self._command("Right", self.step_requested)
        self.epoch_action = self._command("Ctrl+Right", self.epoch_requested)
        self.reset_action = self._command("Ctrl+R", self.reset_requested)
        icons = {self.play_action: "SP_MediaPlay", self.step_action: "SP_MediaSeekForward",
                 self.epoch_action: "SP_MediaSkipForward", self.reset_action: "SP_BrowserReload"}
        for action, icon in icons.items():
            action.setIcon(style.standardIcon(getattr(style.StandardPixmap, icon)))
        self.addActions([self.play_action, self.step_action, self.epoch_action, self.reset_action])
        self.addSeparator()

    def _build_speed(self, bar: QToolBar) -> None:
        self.speed_combo = self._combo(tuple(SPEEDS), bar=bar)
        stored = self.settings.value(SPEED_SETTING)  # a damaged setting counts as none
        known = isinstance(stored, str) and stored in SPEEDS
        self.speed_combo.setCurrentIndex(self.speed_combo.findData(stored if known else DEFAULT_SPEED))
        self.speed_combo.currentIndexChanged.connect(self._speed_chosen)

    def _speed_text(self, key: str) -> str:
        if key == "max":
            return self.tr("As fast as possible")
        count, per = key.split("/")
        return (self.tr("{0} it/s") if per == "s" else self.tr("{0} it/frame")).format(count)

    @property
    def speed(self) -> Speed:
        """The chosen training speed."""
        return SPEEDS[self.speed_combo.currentData()]

    def _speed_chosen(self) -> None:
        self.settings.setValue(SPEED_SETTING, self.speed_combo.currentData())
        self.speed_changed.emit(self.speed)

    def _build_settings(self) -> None:
        self.learning_rate = self._combo(LEARNING_RATES, editable=True)
        self.optimizer = self._combo(OPTIMIZERS)
        self.regularization = self._combo(tuple(labels.REGULARIZERS))
        self.reg_rate = self._combo(REG_RATES, editable=True)
        bar = self.schedule_bar
        self.batch_size = self._spin(bar, 1, 100_000)
        self.batch_mode = self._combo(BATCH_MODES, bar=bar)
        self.epochs = self._spin(bar, 0, MAX_EPOCHS)
        self._build_speed(bar)  # how long, then how fast
        self.seed = self._spin(bar, 0, 2**31 - 1)
        self.new_seed_button = QToolButton(bar)
        self.new_seed_button.clicked.connect(lambda: self.seed.setValue(random.randrange(2**31)))
        bar.addWidget(self.new_seed_button)
        self.dtype = self._combo(DTYPES, bar=bar)

    def retranslate(self) -> None:
        """Write every caption, item, tooltip and title of both toolbars in the interface's language."""
        self.setWindowTitle(self.tr("Training"))
        self.schedule_bar.setWindowTitle(self.tr("Schedule"))
        self._show_play_state(self.play_action.isChecked())
        self.play_action.setToolTip(self.tr("Start or pause training (Space)"))
        commands = ((self.step_action, self.tr("Step"),
                     self.tr("Train one iteration: one batch forward, backward and update (→)")),
                    (self.epoch_action, self.tr("Epoch"), self.tr("Train until the end of the current epoch (Ctrl+→)")),
                    (self.reset_action, self.tr("Reset"),
                     self.tr("Back to iteration 0 with the seed's initial weights (Ctrl+R)")))
        for action, text, tip in commands:
            action.setText(text)
            action.setToolTip(tip)
        set_item_texts(self.optimizer, map(labels.optimizer, OPTIMIZERS))
        set_item_texts(self.regularization, map(labels.regularizer, labels.REGULARIZERS))
        set_item_texts(self.batch_mode, map(labels.batch_mode, BATCH_MODES))
        set_item_texts(self.speed_combo, map(self._speed_text, SPEEDS))
        self.epochs.setSpecialValueText(self.tr("until paused"))  # shown at 0, the minimum
        self.new_seed_button.setText(self.tr("New seed"))
        self.new_seed_button.setToolTip(self.tr("Draw a fresh random seed: new data, initial weights and batch order"))
        for field, (caption, tip) in self._field_texts().items():
            self.captions[field].setText(f" {caption} ")
            field.setToolTip(tip)

    def _field_texts(self) -> dict[QWidget, tuple[str, str]]:
        """Each field's caption and tooltip, in the interface's language."""
        return {
            self.learning_rate: (self.tr("Learning rate"), self.tr("Step size of each update (SGD: weight − learning "
                                                                   "rate × gradient); changes apply while training")),
            self.optimizer: (self.tr("Optimizer"), self.tr("How gradients become updates: SGD steps along the "
                                                           "gradient, Momentum keeps a running direction, Adam "
                                                           "scales each weight's step by its gradient history")),
            self.regularization: (self.tr("Regularization"), self.tr("A penalty on large weights added to the loss: "
                                                                     "L1 drives weights to exactly 0, L2 shrinks "
                                                                     "them all")),
            self.reg_rate: (self.tr("Rate"), self.tr("Strength of the L1/L2 penalty on the weights")),
            self.batch_size: (self.tr("Batch size"), self.tr("Samples per iteration; iterations per epoch = "
                                                             "ceil(N / batch size)")),
            self.batch_mode: (self.tr("Batches"), self.tr("The order batches are drawn in: a new shuffle every "
                                                          "epoch, the same order every epoch, or one batch trained "
                                                          "on again and again")),
            self.epochs: (self.tr("EPOCHS"), self.tr("How many passes over the training set to train for; "
                                                     "0: until paused")),
            self.speed_combo: (self.tr("Speed"), self.tr("How fast Play trains: iterations a second, iterations "
                                                         "between frames (about {0} frames a second), or as fast "
                                                         "as possible").format(PUBLISH_HZ)),
            self.seed: (self.tr("Seed"), self.tr("Same seed, same data, initial weights and batch order")),
            self.dtype: (self.tr("Precision"), self.tr("float32 halves memory and rounds sooner; float64 is exact "
                                                       "enough for gradient checks")),
        }

    def _connect_settings(self) -> None:
        self.optimizer.currentIndexChanged.connect(lambda: self._edit("optimizer", name=self.optimizer.currentData()))
        self.dtype.currentIndexChanged.connect(lambda: self._edit("", dtype=self.dtype.currentData()))
        self.batch_mode.currentIndexChanged.connect(
            lambda: self._edit("training", batch_mode=self.batch_mode.currentData()))
        self.regularization.currentIndexChanged.connect(self._regularization_edited)
        self.learning_rate.lineEdit().editingFinished.connect(self._learning_rate_edited)
        self.learning_rate.activated.connect(self._learning_rate_edited)
        self.reg_rate.lineEdit().editingFinished.connect(self._regularization_edited)
        self.reg_rate.activated.connect(self._regularization_edited)
        for spin, section, name in ((self.batch_size, "training", "batch_size"), (self.epochs, "training", "epochs"),
                                    (self.seed, "", "seed")):
            # EPOCHS 0 is "until paused": None in the experiment.
            value = (lambda s=spin: s.value() or None) if spin is self.epochs else spin.value
            edit = (lambda sec=section, n=name, v=value: self._edit(sec, **{n: v()}))
            spin.editingFinished.connect(edit)
            # Arrows and the wheel apply at once; typing waits for editingFinished.
            spin.valueChanged.connect(lambda _=0, s=spin, e=edit: None if s.hasFocus() else e())
        # Enter writes the value (editingFinished, above) and hands the keys back to the window,
        # so Space plays and the arrows step instead of typing into the field.
        for field in (self.learning_rate, self.reg_rate, self.batch_size, self.epochs, self.seed):
            field.findChild(QLineEdit).returnPressed.connect(self.entered)

    def _command(self, shortcut, signal) -> QAction:
        action = QAction(self, shortcut=QKeySequence(shortcut))
        action.triggered.connect(signal)
        return action

    def _caption(self, bar: QToolBar, field: QWidget) -> None:
        """Put ``field`` on ``bar`` after its caption (written by retranslate)."""
        self.captions[field] = QLabel(bar)
        bar.addWidget(self.captions[field])
        bar.addWidget(field)

    def _combo(self, values, *, editable=False, bar=None) -> QComboBox:
        """A combo box of ``values`` (its items' data; the texts are the values until retranslate
        names them) on ``bar`` (this toolbar by default)."""
        bar = bar or self
        combo = QComboBox(bar, editable=editable)
        for value in values:
            combo.addItem(value, value)
        self._caption(bar, combo)
        return combo

    def _spin(self, bar, low, high) -> QSpinBox:
        spin = QSpinBox(bar, minimum=low, maximum=high, keyboardTracking=False)
        spin.setAccelerated(True)
        self._caption(bar, spin)
        return spin

    # ----- experiment <-> controls --------------------------------------------------------

    def show_experiment(self, exp: Experiment) -> None:
        """Show ``exp``'s settings without writing anything back."""
        self._filling = True
        try:
            opt, train = exp.optimizer, exp.training
            self.learning_rate.setCurrentText(f"{opt.learning_rate:g}")
            self.optimizer.setCurrentIndex(OPTIMIZERS.index(opt.name))
            kind = "l1" if opt.l1 and not opt.l2 else "l2" if opt.l2 else "none"
            self.regularization.setCurrentIndex(self.regularization.findData(kind))
            self.reg_rate.setCurrentText(f"{(opt.l1 or opt.l2):g}")
            self.batch_size.setValue(train.batch_size)
            self.batch_mode.setCurrentIndex(BATCH_MODES.index(train.batch_mode))
            self.epochs.setValue(train.epochs or 0)
            self.seed.setValue(min(exp.seed, self.seed.maximum()))
            self.dtype.setCurrentIndex(DTYPES.index(exp.dtype))
        finally:
            self._filling = False

    def set_playing(self, playing: bool) -> None:
        """Reflect the worker's state (it may stop by itself at EPOCHS or on divergence)."""
        self.play_action.blockSignals(True)
        self.play_action.setChecked(playing)
        self.play_action.blockSignals(False)
        self._show_play_state(playing)

    def _show_play_state(self, playing: bool) -> None:
        style = self.style()
        icon = style.StandardPixmap.SP_MediaPause if playing else style.StandardPixmap.SP_MediaPlay
        self.play_action.setIcon(style.standardIcon(icon))
        self.play_action.setText(self.tr("Pause") if playing else self.tr("Play"))

    def _on_play_toggled(self, playing: bool) -> None:
        self._show_play_state(playing)
        self.play_toggled.emit(playing)

    def _edit(self, section: str, **fields) -> None:
        """Write one edit to the model; if it refuses, show its value again."""
        if not self._filling and not self.model.update(section, **fields):
            self.show_experiment(self.model.experiment)

    def _number(self, combo: QComboBox, field: str) -> float | None:
        """The number typed into ``combo``, or None (and a message naming ``field``) if it is none."""
        try:
            return float(combo.currentText())
        except ValueError:
            self.invalid.emit(self.tr("{0}: must be a number; got {1!r}").format(field, combo.currentText()))
            self.show_experiment(self.model.experiment)
            return None

    def _learning_rate_edited(self) -> None:
        if not self._filling and (rate := self._number(self.learning_rate, "optimizer.learning_rate")) is not None:
            self._edit("optimizer", learning_rate=rate)

    def _regularization_edited(self) -> None:
        if self._filling or (rate := self._number(self.reg_rate, "optimizer.l1/l2")) is None:
            return
        kind = self.regularization.currentData()
        self._edit("optimizer", l1=rate if kind == "l1" else 0.0, l2=rate if kind == "l2" else 0.0)
