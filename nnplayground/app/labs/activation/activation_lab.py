"""The activation lab: a window about the functions between layers and at the output.

Four tabs. *Functions*: each hidden activation with its slope, output range and saturated
zone, read off under the mouse. *Softmax*: logits on sliders turned into a distribution,
with a temperature, beside independent sigmoids. *Output by task*: which output activation
suits which task, and why. *During training*: where the main window's hidden pre-activations
fall on their activation curves, live. The lab trains nothing itself: the main window hands
it snapshots (``show_snapshot``), drawn a few times a second while the tab is in front.
The plots and the logit slider are in activation_plots.py, the tabs that follow the main
window's experiment in experiment_tabs.py.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ....core.activations import ACTIVATIONS, DEFAULT_LEAKY_ALPHA, HIDDEN_ACTIVATIONS, softmax
from ... import labels
from ...language import Retranslating
from ...widgets import combo_box, set_item_texts, SliderRow, spin_box
from ..common import LabWindow, Series, TabFrame, scale_slider, set_tip
from .activation_plots import (DF_COLOR, F_COLOR, SAMPLES, X_RANGE, BarPlot, FunctionPlot, LogitSlider, number,
                               saturation_zones, sigmoid, values)
from .experiment_tabs import OutputTab, TrainingTab

MAX_CLASSES = 10


# ----- Functions ------------------------------------------------------------------------------

class FunctionsTab(Retranslating, TabFrame):
    """One activation at a time: f and f' over [-6, 6], its range, its saturated zone, a readout.
    ``hover`` is the x read off under the mouse (None until the mouse moves over the plot)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.explanation.setMinimumHeight(250)  # the same for every function: the settings stay put
        self.function = combo_box(self, [(key, labels.activation(key)) for key in HIDDEN_ACTIVATIONS])
        self.function.currentIndexChanged.connect(self.redraw)
        self.alpha = SliderRow(0, 50, int(round(DEFAULT_LEAKY_ALPHA * 100)), lambda v: v / 100,
                               lambda a: f"α = {a:.2f}", self)
        self.alpha.slider.valueChanged.connect(self.redraw)
        self.range_label, self.peak_label, self.zone_label = QLabel(self), QLabel(self), QLabel(self)
        self.zone_label.setWordWrap(True)
        for field in (self.function, self.alpha, self.range_label, self.peak_label, self.zone_label):
            self.add_row(field)
        self.finish_left()

        self.plot = FunctionPlot(self)
        self.plot.set_series([Series("f(x)", F_COLOR), Series("f′(x)", DF_COLOR)])  # formulas: the same in every language
        self.plot.set_labels("x", "")
        self.plot.hovered.connect(self.show_readout)
        self.readout = QLabel(self)
        self.readout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.readout.setStyleSheet("QLabel { font-size: 11pt; padding: 4px; }")
        self.plot_area.addWidget(self.plot, 0, 0)
        self.plot_area.addWidget(self.readout, 1, 0)
        self.plot_area.setRowStretch(0, 1)
        self.x = np.linspace(*X_RANGE, SAMPLES)
        self.f = self.df = self.hover = None
        self.zones: list[tuple[float, float]] = []
        self.redraw()
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language; the function, α and the readout stay."""
        self.name_rows([(self.function, self.tr("Function")), (self.alpha, self.tr("Slope for x < 0")),
                        (self.range_label, self.tr("Output range")), (self.peak_label, self.tr("Peak slope")),
                        (self.zone_label, self.tr("Saturated"))])
        set_item_texts(self.function, [labels.activation(key) for key in HIDDEN_ACTIVATIONS])
        self.function.setToolTip(self.tr("The activation function to show: its curve f, its slope f′ and where "
                                         "it saturates."))
        set_tip(self.alpha, self.tr("Leaky ReLU's slope α for x < 0: f(x) = αx there, so the gradient never "
                                    "quite vanishes."))
        self.plot.set_extra_entries([("■", "#f0a0a0", self.tr("f′ below 1% of its peak"))])
        self._write_texts()

    def current(self) -> str:
        """The registry key of the function on show."""
        return self.function.currentData()

    def select(self, key: str) -> None:
        """Show the function ``key`` (a key of the activation registry)."""
        self.function.setCurrentIndex(self.function.findData(key))

    def alpha_value(self) -> float:
        """Leaky ReLU's slope for x < 0, as its slider has it."""
        return self.alpha.value()

    def range_text(self, key: str) -> str:
        """The output range, "(0, 1)" or "[0, ∞)": a bracket where the bound is reached."""
        low, high = ACTIVATIONS[key].output_range
        opening = "[" if key == "relu" else "("  # ReLU reaches 0; sigmoid and tanh only approach their bounds
        return f"{opening}{number(low)}, {number(high)})"

    def explain(self, key: str) -> str:
        """What the function does, and how it serves in hidden layers and as the output (HTML)."""
        texts = {
            "sigmoid": (self.tr("σ(x) = 1 / (1 + e<sup>−x</sup>) squashes any number into (0, 1). Its slope peaks "
                                "at x = 0 with only 0.25 and fades fast on both sides: below 7% of that peak at |x| = 4, below "
                                "1% only past |x| ≈ 6, hence the thin shading."),
                        self.tr("rarely a good choice now: each layer multiplies the backward signal by at most "
                                "0.25, so deep sigmoid nets learn slowly, and the outputs are all positive."),
                        self.tr("the usual choice for binary classification, read as the probability of class 1.")),
            "tanh": (self.tr("tanh(x) squashes into (−1, 1), centred on 0, with slope 1 at x = 0; it is a "
                             "stretched sigmoid: tanh(x) = 2σ(2x) − 1. Beyond |x| ≈ 3 it is flat."),
                     self.tr("a sound choice for small nets: centred outputs suit the next layer; "
                             "watch for large z, which saturate it."),
                     self.tr("only when the targets lie in (−1, 1).")),
            "relu": (self.tr("max(0, x) passes positive inputs unchanged (slope 1, no saturation) and "
                             "blocks negative ones (slope 0)."),
                     self.tr("the default for deep nets. A unit whose z is negative for every sample is "
                             "dead: no gradient reaches it, so it never recovers."),
                     self.tr("rarely: only for targets that cannot be negative.")),
            "leaky_relu": (self.tr("x for x > 0 and αx otherwise: ReLU with a small slope α for negative "
                                   "inputs, so a unit never goes completely silent."),
                           self.tr("a common cure for dead ReLUs. With α below 1% of the peak slope "
                                   "it counts as dead there, like ReLU."),
                           self.tr("rarely.")),
            "linear": (self.tr("f(x) = x: no squashing, slope 1 everywhere, never saturates."),
                       self.tr("pointless: linear layers stacked are still one linear map, so the net can "
                               "only draw straight boundaries, however deep."),
                       self.tr("the usual choice for regression: an unbounded value.")),
        }
        what, hidden, output = texts[key]
        return "<b>{0}.</b> {1}<br><br><b>{2}</b> {3}<br><br><b>{4}</b> {5}".format(
            labels.activation(key), what, self.tr("In hidden layers:"), hidden, self.tr("As the output:"), output)

    def redraw(self) -> None:
        """Show the chosen function: curves, range, zones, the texts on the left."""
        key, alpha = self.current(), self.alpha_value()
        self.form.setRowVisible(self.alpha, key == "leaky_relu")
        self.f, self.df = values(key, self.x, alpha)
        self.zones = saturation_zones(key, alpha, *X_RANGE)
        self.plot.show_function(self.x, self.f, self.df, ACTIVATIONS[key].output_range, "", self.zones)
        self.hover = None  # the cursor was cleared with the old curves
        self._write_texts()

    def _write_texts(self) -> None:
        """The texts that describe the function on show: title, range note, the left column, readout."""
        key = self.current()
        self.plot.range_text.setText(self.tr("range {0}").format(self.range_text(key)))
        self.plot.set_title(self.tr("{0} and its slope").format(labels.activation(key)))
        self.explanation.setText(self.explain(key))
        self.range_label.setText(self.range_text(key))
        self.peak_label.setText(f"{ACTIVATIONS[key].peak_derivative:g}")
        self.zone_label.setText(self.zone_text(key, self.zones))
        if self.hover is None:
            self.readout.setText(self.tr("Move the mouse over the plot to read off f(x) and f′(x)."))
        else:
            self.show_readout(self.hover)

    def zone_text(self, key: str, zones) -> str:
        """Where f' is below 1% of its peak, in words (the shaded part of the plot)."""
        if not zones:
            return self.tr("never: f′ stays at or above 1% of its peak")
        lo, hi = X_RANGE
        if len(zones) == 2 and zones[0][0] <= lo and zones[1][1] >= hi and abs(zones[0][1] + zones[1][0]) < 1e-6:
            parts = [f"|x| > {number(round(zones[1][0], 2))}"]  # both tails, symmetric
        else:
            parts = [f"x < {number(round(b, 2))}" if a <= lo else f"x > {number(round(a, 2))}" if b >= hi
                     else f"{number(round(a, 2))} < x < {number(round(b, 2))}" for a, b in zones]
        word = self.tr("dead") if key in ("relu", "leaky_relu") else self.tr("saturated")
        return self.tr("{0} where {1} (f′ below 1% of its peak, shaded)").format(word, self.tr(" or ").join(parts))

    def show_readout(self, x: float) -> None:
        """f(x) and f'(x) at ``x`` under the mouse: dots on the curves, numbers below."""
        self.hover = x
        fx, dfx = (float(v[0]) for v in values(self.current(), x, self.alpha_value()))
        self.plot.show_cursor(x, fx, dfx)
        self.readout.setText(self.tr("x = {0:.2f}, f(x) = {1:.4f}, f′(x) = {2:.4f}").format(x, fx, dfx))


# ----- Softmax -------------------------------------------------------------------------------

class SoftmaxTab(Retranslating, TabFrame):
    """Logits on sliders; softmax(z / T) as bars beside a sigmoid per class, with both sums."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._build_settings()
        self.finish_left()
        self._build_plots()
        self.classes.valueChanged.connect(self.redraw)
        self.temperature.slider.valueChanged.connect(self.redraw)
        self.random_button.clicked.connect(self.randomize)
        self.zero_button.clicked.connect(lambda: self.set_logits(np.zeros(MAX_CLASSES)))
        self.rng = np.random.default_rng()
        self.set_logits([2.0, 1.0, 0.0, -1.0, 0.5, -0.5, 1.5, -1.5, 0.0, 0.0])
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language; the logits, classes and temperature stay."""
        self.explanation.setText(self.tr(
            "<b>Softmax</b> turns K scores z (logits) into probabilities "
            "p<sub>i</sub> = e<sup>z<sub>i</sub>/T</sup> / Σ<sub>j</sub> e<sup>z<sub>j</sub>/T</sup>: each one "
            "positive, together exactly 1. Raising one logit takes probability from all the others, and adding "
            "the same number to every logit changes nothing.<br><br>"
            "The <b>temperature</b> T divides the logits first: below 1 it sharpens the distribution toward the "
            "largest logit, above 1 it flattens it toward uniform.<br><br>"
            "A <b>sigmoid per class</b> instead answers K separate yes/no questions: each value lies in (0, 1), "
            "but their sum can be anything between 0 and K. That suits labels that can all be true at once, not "
            "picking one class out of K."))
        self.name_rows([(self.classes, self.tr("Classes")), (self.temperature, self.tr("Temperature"))])
        self.classes.setToolTip(self.tr("How many classes, each with its own logit (2 to {0})").format(MAX_CLASSES))
        set_tip(self.temperature, self.tr("The temperature T in softmax(z / T): below 1 sharpens the distribution, "
                                          "above 1 flattens it."))
        self.random_button.setText(self.tr("Random logits"))
        self.random_button.setToolTip(self.tr("Draw every logit at random from [−3, 3]"))
        self.zero_button.setText(self.tr("All zero"))
        self.zero_button.setToolTip(self.tr("Set every logit to 0: softmax then gives each class 1/K"))
        self.logits_box.setTitle(self.tr("Logits z (drag the sliders)"))
        self.softmax_plot.set_labels(self.tr("class"), self.tr("probability"))
        self.sigmoid_plot.set_labels(self.tr("class"), "σ(z)")
        self._write_texts()

    def _build_settings(self) -> None:
        """How many classes, the temperature, and buttons that set every logit at once."""
        self.classes = spin_box(self, 2, MAX_CLASSES, 4)
        self.temperature = scale_slider(self, 1.0, lambda t: f"T = {t:g}", widest="T = 0.25 ")
        buttons = QHBoxLayout()
        self.random_button, self.zero_button = QPushButton(self), QPushButton(self)
        buttons.addWidget(self.random_button)
        buttons.addWidget(self.zero_button)
        self.add_row(self.classes)
        self.add_row(self.temperature)
        self.form.addRow(buttons)

    def _build_plots(self) -> None:
        """The logit sliders above the softmax and sigmoid bars, the two sums below."""
        self.logits_box = logits_box = QGroupBox(self)
        row = QHBoxLayout(logits_box)
        self.logit_sliders = [LogitSlider(i, logits_box) for i in range(MAX_CLASSES)]
        for s in self.logit_sliders:
            row.addWidget(s)
            s.slider.valueChanged.connect(self.redraw)
        self.softmax_plot, self.sigmoid_plot = BarPlot(self), BarPlot(self)
        self.sums = QLabel(self)
        self.sums.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sums.setTextFormat(Qt.TextFormat.RichText)
        self.sums.setStyleSheet("QLabel { font-size: 11pt; padding: 4px; }")
        self.plot_area.addWidget(logits_box, 0, 0, 1, 2)
        self.plot_area.addWidget(self.softmax_plot, 1, 0)
        self.plot_area.addWidget(self.sigmoid_plot, 1, 1)
        self.plot_area.addWidget(self.sums, 2, 0, 1, 2)
        self.plot_area.setRowStretch(1, 1)

    def count(self) -> int:
        """How many classes (logits) are in play."""
        return self.classes.value()

    def logits(self) -> np.ndarray:
        """The logits z of the classes in play, as their sliders have them."""
        return np.array([s.value() for s in self.logit_sliders[:self.count()]])

    def set_logits(self, z) -> None:
        """Move the sliders to ``z`` (one value per slider) and redraw once."""
        for s, v in zip(self.logit_sliders, z):
            s.set_value(v)
        self.redraw()

    def randomize(self) -> None:
        """Logits drawn uniformly from [-3, 3]."""
        self.set_logits(self.rng.uniform(-3.0, 3.0, MAX_CLASSES))

    def redraw(self) -> None:
        """The bars and sums for the logits, classes and temperature on show."""
        k = self.count()
        for i, s in enumerate(self.logit_sliders):
            s.setVisible(i < k)
        self.softmax_plot.set_values(softmax(self.logits() / self.temperature.value()))
        self.sigmoid_plot.set_values(sigmoid(self.logits()))
        self._write_texts()

    def _write_texts(self) -> None:
        """The plots' titles and the two sums, for the bars on show."""
        t, p, q = self.temperature.value(), self.softmax_plot.heights, self.sigmoid_plot.heights
        self.softmax_plot.set_title(self.tr("softmax(z / T), T = {0:g}: one distribution").format(t))
        self.sigmoid_plot.set_title(self.tr("sigmoid(z) per class: independent"))
        self.sums.setText(self.tr("Sum of the softmax probabilities: <b>{0:.3f}</b>"
                                  "&nbsp;&nbsp;&nbsp;&nbsp;Sum of the sigmoids: <b>{1:.3f}</b>").format(p.sum(), q.sum()))


# ----- the window ---------------------------------------------------------------------------------

class ActivationLab(Retranslating, LabWindow):
    """The lab window. Tabs: ``functions_tab``, ``softmax_tab``, ``output_tab``, ``training_tab``.

    With a ``model`` (the main window's ExperimentModel) it follows that experiment and draws
    its snapshots while shown; ``show_snapshot`` also takes snapshots directly. ``snapshot``
    is the newest one drawn."""

    def __init__(self, model=None, parent=None):
        super().__init__(parent)
        self.model = model
        self.setObjectName("activation_lab")
        self.snapshot = None
        self.tabs = QTabWidget(self)
        self.functions_tab, self.softmax_tab = FunctionsTab(self), SoftmaxTab(self)
        self.output_tab, self.training_tab = OutputTab(self), TrainingTab(self)
        for tab in (self.functions_tab, self.softmax_tab, self.output_tab, self.training_tab):
            self.tabs.addTab(tab, "")
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.tabs)
        self.setCentralWidget(central)
        self.resize(1100, 750)
        if model is not None:
            model.experiment_changed.connect(self.set_experiment)
            model.snapshot_changed.connect(self._model_snapshot)
            self.set_experiment(model.experiment)
        self.retranslate()

    def retranslate(self) -> None:
        """The window's title and the tabs' names in the current language (each tab writes its own texts)."""
        self.setWindowTitle(self.tr("Activation lab - nnplayground"))
        for i, (title, tip) in enumerate((
                (self.tr("Functions"), self.tr("Each hidden activation with its slope and saturated zone")),
                (self.tr("Softmax"), self.tr("Logits turned into probabilities, beside independent sigmoids")),
                (self.tr("Output by task"), self.tr("Which output activation suits which task, and why")),
                (self.tr("During training"), self.tr("Where the main window's pre-activations fall, live")))):
            self.tabs.setTabText(i, title)
            self.tabs.setTabToolTip(i, tip)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.model is not None and self.model.snapshot is not None:
            self.show_snapshot(self.model.snapshot)  # what it missed while closed

    def _model_snapshot(self, snapshot) -> None:
        if self.isVisible():  # a closed lab costs the training nothing
            self.show_snapshot(snapshot)

    def set_experiment(self, experiment) -> None:
        """Highlight ``experiment``'s task in the Output tab."""
        self.output_tab.set_task(experiment.network.task, experiment.name)

    def show_snapshot(self, snapshot) -> None:
        """The main window's newest snapshot: cheap; the During-training plots draw it rate-limited."""
        self.snapshot = snapshot
        exp = snapshot.experiment
        if (self.output_tab.task, self.output_tab.experiment_name) != (exp.network.task, exp.name):
            self.set_experiment(exp)
        self.training_tab.offer(snapshot)

    def flush(self) -> None:
        """Draw the newest snapshot now, skipping the rate limit (tests, screenshots)."""
        self.training_tab.flush()
