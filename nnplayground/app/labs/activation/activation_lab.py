"""The activation lab: a window about the functions between layers and at the output.

Four tabs. *Functions*: each hidden activation with its slope, output range and saturated
zone, read off under the mouse. *Softmax*: logits on sliders turned into a distribution,
with a temperature, beside independent sigmoids. *Output by task*: which output activation
suits which task, and why. *During training*: where the main window's hidden pre-activations
fall on their activation curves, live. The lab trains nothing itself: the main window hands
it snapshots (``show_snapshot``), drawn a few times a second while the tab is in front.
The plots and the logit slider are in activation_plots.py.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QMainWindow,
                               QPushButton, QScrollArea, QSpinBox, QTabWidget, QVBoxLayout, QWidget)

from ....core.activations import ACTIVATIONS, DEFAULT_LEAKY_ALPHA, HIDDEN_ACTIVATIONS, softmax
from ... import style
from ...plots.curves import LABEL_STYLE
from .activation_plots import (DF_COLOR, F_COLOR, LOGIT_STEPS, SAMPLES, X_RANGE, BarPlot, FunctionPlot, LayerPlot,
                               LogitSlider, number, saturation_zones, sigmoid, values)
from ..gradient.gradient_lab_plots import Series
from ..gradient.lab_tab import SCALE_STEPS_PER_DECADE, LabeledSlider, LabTab, log_position, log_value

MAX_LAYER_PLOTS = 12
PLOT_COLUMNS = 2
MAX_CLASSES = 10
CURRENT_BORDER = style.POSITIVE


# ----- Functions ------------------------------------------------------------------------------

class FunctionsTab(LabTab):
    """One activation at a time: f and f' over [-6, 6], its range, its saturated zone, a readout."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.explanation.setMinimumHeight(250)  # the same for every function: the settings stay put
        self.function = QComboBox(self)
        for key in HIDDEN_ACTIVATIONS:
            self.function.addItem(self.function_name(key), key)
        self.function.currentIndexChanged.connect(self.redraw)
        self.alpha = LabeledSlider(0, 50, int(round(DEFAULT_LEAKY_ALPHA * 100)), lambda v: v / 100,
                                   lambda a: f"α = {a:.2f}", self)
        self.alpha.setToolTip(self.tr("Leaky ReLU's slope for x < 0"))
        self.alpha.slider.valueChanged.connect(self.redraw)
        self.range_label, self.peak_label, self.zone_label = QLabel(self), QLabel(self), QLabel(self)
        self.zone_label.setWordWrap(True)
        self.form.addRow(self.tr("Function"), self.function)
        self.form.addRow(self.tr("Slope for x < 0"), self.alpha)
        self.form.addRow(self.tr("Output range"), self.range_label)
        self.form.addRow(self.tr("Peak slope"), self.peak_label)
        self.form.addRow(self.tr("Saturated"), self.zone_label)
        self.finish_left()

        self.plot = FunctionPlot(self)
        self.plot.set_series([Series(self.tr("f(x)"), F_COLOR), Series(self.tr("f′(x)"), DF_COLOR)])
        self.plot.set_labels("x", "")
        self.plot.extra_entries = [("■", "#f0a0a0", self.tr("f′ below 1% of its peak"))]
        self.plot.hovered.connect(self.show_readout)
        self.readout = QLabel(self)
        self.readout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.readout.setStyleSheet("QLabel { font-size: 11pt; padding: 4px; }")
        self.plots = [self.plot]
        self.plot_area.addWidget(self.plot, 0, 0)
        self.plot_area.addWidget(self.readout, 1, 0)
        self.plot_area.setRowStretch(0, 1)
        self.x = np.linspace(*X_RANGE, SAMPLES)
        self.f = self.df = None
        self.redraw()

    def function_name(self, key: str) -> str:
        return {"sigmoid": self.tr("Sigmoid"), "tanh": self.tr("Tanh"), "relu": self.tr("ReLU"),
                "leaky_relu": self.tr("Leaky ReLU"), "linear": self.tr("Linear")}[key]

    def current(self) -> str:
        return self.function.currentData()

    def select(self, key: str) -> None:
        self.function.setCurrentIndex(self.function.findData(key))

    def alpha_value(self) -> float:
        return self.alpha.value()

    def range_text(self, key: str) -> str:
        low, high = ACTIVATIONS[key].output_range
        opening = "[" if key == "relu" else "("  # ReLU reaches 0; sigmoid and tanh only approach their bounds
        return f"{opening}{number(low)}, {number(high)})"

    def explain(self, key: str) -> str:
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
            self.function_name(key), what, self.tr("In hidden layers:"), hidden, self.tr("As the output:"), output)

    def redraw(self) -> None:
        key, alpha = self.current(), self.alpha_value()
        self.form.setRowVisible(self.alpha, key == "leaky_relu")
        self.f, self.df = values(key, self.x, alpha)
        zones = saturation_zones(key, alpha, *X_RANGE)
        self.plot.show_function(self.x, self.f, self.df, ACTIVATIONS[key].output_range,
                                self.tr("range {0}").format(self.range_text(key)), zones)
        self.plot.set_title(self.tr("{0} and its slope").format(self.function_name(key)))
        self.explanation.setText(self.explain(key))
        self.range_label.setText(self.range_text(key))
        self.peak_label.setText(f"{ACTIVATIONS[key].peak_derivative:g}")
        self.zone_label.setText(self.zone_text(key, zones))
        self.readout.setText(self.tr("Move the mouse over the plot to read off f(x) and f′(x)."))

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
        fx, dfx = (float(v[0]) for v in values(self.current(), x, self.alpha_value()))
        self.plot.show_cursor(x, fx, dfx)
        self.readout.setText(self.tr("x = {0:.2f}, f(x) = {1:.4f}, f′(x) = {2:.4f}").format(x, fx, dfx))


# ----- Softmax -------------------------------------------------------------------------------

class SoftmaxTab(LabTab):
    """Logits on sliders; softmax(z / T) as bars beside a sigmoid per class, with both sums."""

    def __init__(self, parent=None):
        super().__init__(parent)
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
        self.classes = QSpinBox(self, minimum=2, maximum=MAX_CLASSES, value=4)
        self.classes.setToolTip(self.tr("How many classes (logits)"))
        self.temperature = LabeledSlider(0, 2 * SCALE_STEPS_PER_DECADE, log_position(1.0), log_value,
                                         lambda t: f"T = {t:g}", self)
        self.temperature.label.setMinimumWidth(self.fontMetrics().horizontalAdvance("T = 0.25 "))
        self.temperature.setToolTip(self.tr("softmax(z / T): small T sharpens, large T flattens"))
        buttons = QHBoxLayout()
        self.random_button = QPushButton(self.tr("Random logits"), self)
        self.zero_button = QPushButton(self.tr("All zero"), self)
        buttons.addWidget(self.random_button)
        buttons.addWidget(self.zero_button)
        self.form.addRow(self.tr("Classes"), self.classes)
        self.form.addRow(self.tr("Temperature"), self.temperature)
        self.form.addRow(buttons)
        self.finish_left()

        logits_box = QGroupBox(self.tr("Logits z (drag the sliders)"), self)
        row = QHBoxLayout(logits_box)
        self.logit_sliders = [LogitSlider(i, logits_box) for i in range(MAX_CLASSES)]
        for s in self.logit_sliders:
            row.addWidget(s)
            s.slider.valueChanged.connect(self.redraw)
        self.softmax_plot, self.sigmoid_plot = BarPlot(self), BarPlot(self)
        self.softmax_plot.set_labels(self.tr("class"), self.tr("probability"))
        self.sigmoid_plot.set_labels(self.tr("class"), self.tr("σ(z)"))
        self.sums = QLabel(self)
        self.sums.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sums.setTextFormat(Qt.TextFormat.RichText)
        self.sums.setStyleSheet("QLabel { font-size: 11pt; padding: 4px; }")
        self.plots = [self.softmax_plot, self.sigmoid_plot]
        self.plot_area.addWidget(logits_box, 0, 0, 1, 2)
        self.plot_area.addWidget(self.softmax_plot, 1, 0)
        self.plot_area.addWidget(self.sigmoid_plot, 1, 1)
        self.plot_area.addWidget(self.sums, 2, 0, 1, 2)
        self.plot_area.setRowStretch(1, 1)

        self.classes.valueChanged.connect(self.redraw)
        self.temperature.slider.valueChanged.connect(self.redraw)
        self.random_button.clicked.connect(self.randomize)
        self.zero_button.clicked.connect(lambda: self.set_logits(np.zeros(MAX_CLASSES)))
        self.rng = np.random.default_rng()
        self.set_logits([2.0, 1.0, 0.0, -1.0, 0.5, -0.5, 1.5, -1.5, 0.0, 0.0])

    def count(self) -> int:
        return self.classes.value()

    def logits(self) -> np.ndarray:
        return np.array([s.value() for s in self.logit_sliders[:self.count()]])

    def set_logits(self, z) -> None:
        for s, v in zip(self.logit_sliders, z):
            s.slider.blockSignals(True)
            s.slider.setValue(int(round(v * LOGIT_STEPS)))
            s.slider.blockSignals(False)
            s._show()
        self.redraw()

    def randomize(self) -> None:
        self.set_logits(self.rng.uniform(-3.0, 3.0, MAX_CLASSES))

    def redraw(self) -> None:
        k = self.count()
        for i, s in enumerate(self.logit_sliders):
            s.setVisible(i < k)
        z, t = self.logits(), self.temperature.value()
        p = softmax(z / t)
        q = sigmoid(z)
        self.softmax_plot.set_values(p)
        self.sigmoid_plot.set_values(q)
        self.softmax_plot.set_title(self.tr("softmax(z / T), T = {0:g}: one distribution").format(t))
        self.sigmoid_plot.set_title(self.tr("sigmoid(z) per class: independent"))
        self.sums.setText(self.tr("Sum of the softmax probabilities: <b>{0:.3f}</b>"
                                  "&nbsp;&nbsp;&nbsp;&nbsp;Sum of the sigmoids: <b>{1:.3f}</b>").format(p.sum(), q.sum()))


# ----- Output by task ----------------------------------------------------------------------------

class OutputTab(LabTab):
    """Which output activation each task uses and why; the main window's task highlighted."""

    TASKS = ("binary", "multiclass", "regression")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.form.parentWidget().hide()  # nothing to set here
        self.explanation.setText(self.tr(
            "<b>The output layer speaks the task's language.</b> Hidden layers may use any nonlinearity; "
            "the output's activation is chosen so its values mean what the targets mean, and it is paired "
            "with a loss that fits it. With these pairs the gradient at the output is simply "
            "<i>prediction − target</i>, so a confidently wrong output still learns fast instead of "
            "sitting on a flat tail.<br><br>"
            "The row of the experiment in the main window is highlighted."))
        self.finish_left()
        self.current_label = QLabel(self)
        self.current_label.setWordWrap(True)
        self.current_label.setStyleSheet("QLabel { font-size: 10pt; padding: 2px 0 6px 0; }")
        self.plot_area.addWidget(self.current_label, 0, 0)
        rows = {
            "binary": (self.tr("Binary classification"), self.tr("Sigmoid"), self.tr("one unit, in (0, 1)"),
                       self.tr("The probability of class 1 (class 0 gets the rest). A probability must lie "
                               "between 0 and 1, and the sigmoid maps any z there; z = 0 is the 50% boundary. "
                               "Loss: binary cross-entropy.")),
            "multiclass": (self.tr("Multi-class classification"), self.tr("Softmax"),
                           self.tr("K units, positive, sum to 1"),
                           self.tr("A distribution over the K classes: exactly one class is right, so the "
                                   "probabilities must compete and add up to 1. Separate sigmoids would not "
                                   "(see the Softmax tab). Loss: categorical cross-entropy.")),
            "regression": (self.tr("Regression"), self.tr("Linear"), self.tr("one unit, any real number"),
                           self.tr("An unbounded value: the target can be any number, and a sigmoid or tanh "
                                   "could never reach values outside its range. Loss: squared error (or Huber, "
                                   "which caps the pull of outliers).")),
        }
        self.cards: dict[str, QFrame] = {}
        self.badges: dict[str, QLabel] = {}
        for i, task in enumerate(self.TASKS):
            name, activation, shape, why = rows[task]
            card = QFrame(self)
            card.setObjectName(f"card_{task}")
            grid = QGridLayout(card)
            grid.setContentsMargins(12, 10, 12, 10)
            grid.setHorizontalSpacing(16)
            title = QLabel(f"<b>{name}</b>", card)
            arrow = QLabel("→", card)
            output = QLabel(f'<span style="font-size:12pt; color:{style.POSITIVE}"><b>{activation}</b></span>'
                            f"<br>{shape}", card)
            text = QLabel(why, card)
            text.setWordWrap(True)
            badge = QLabel(self.tr("this experiment"), card)
            badge.setStyleSheet(f"QLabel {{ background: {CURRENT_BORDER}; color: white; border-radius: 3px;"
                                " padding: 1px 6px; }")
            badge.hide()
            title.setMinimumWidth(190)
            output.setMinimumWidth(170)
            grid.addWidget(title, 0, 0)
            grid.addWidget(badge, 1, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(arrow, 0, 1, 2, 1)
            grid.addWidget(output, 0, 2, 2, 1)
            grid.addWidget(text, 0, 3, 2, 1)
            grid.setColumnStretch(3, 1)
            self.cards[task], self.badges[task] = card, badge
            self.plot_area.addWidget(card, i + 1, 0)
        self.pitfalls = QLabel(self.tr(
            "<b>Mismatches and what they do</b><ul style='margin-left: -20px'>"
            "<li>A sigmoid or tanh output on regression can never predict beyond its range: targets above 1 "
            "stay out of reach, and the unit saturates trying.</li>"
            "<li>A linear output on classification gives scores, not probabilities: nothing keeps them in "
            "(0, 1) or makes them add up to 1.</li>"
            "<li>Softmax over a single unit always outputs 1; for two classes, one sigmoid unit does the job "
            "of a two-unit softmax.</li></ul>"), self)
        self.pitfalls.setWordWrap(True)
        self.pitfalls.setStyleSheet("QLabel { padding: 8px 2px; }")
        self.plot_area.addWidget(self.pitfalls, len(self.TASKS) + 1, 0)
        self.plot_area.setRowStretch(len(self.TASKS) + 2, 1)
        self.task = self.experiment_name = None
        self.set_task(None, "")

    def task_name(self, task: str) -> str:
        return {"binary": self.tr("binary classification"), "multiclass": self.tr("multi-class classification"),
                "regression": self.tr("regression")}[task]

    def set_task(self, task: str | None, experiment_name: str) -> None:
        """Highlight ``task``'s row (None: no experiment yet)."""
        self.task, self.experiment_name = task, experiment_name
        for key, card in self.cards.items():
            current = key == task
            border, background = (CURRENT_BORDER, "#eaf3fa") if current else ("#dde1e5", "#ffffff")
            card.setStyleSheet(f"#card_{key} {{ background: {background}; border: {2 if current else 1}px solid "
                               f"{border}; border-radius: 4px; }}")
            self.badges[key].setVisible(current)
        if task is None:
            self.current_label.setText(self.tr("No experiment from the main window yet."))
        else:
            self.current_label.setText(self.tr("The main window's experiment <b>{0}</b> is a {1} task.").format(
                experiment_name, self.task_name(task)))


# ----- During training --------------------------------------------------------------------------

class TrainingTab(LabTab):
    """Per hidden layer of the main window's network: z's histogram over the activation curve."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.explanation.setText(self.tr(
            "<b>Where the units sit on their activation.</b> One plot per hidden layer of the network in the "
            "main window. The blue histogram shows where that layer's pre-activations z fall for a fixed probe "
            "batch of training samples (right axis: share of all z; the end bins also hold every |z| ≥ 8). "
            "The dark curve is the activation f(z).<br><br>"
            "Mass in the middle: units respond and pass gradient back. Mass on a flat tail (shaded red, slope "
            "below 1% of its peak): <b>saturated</b> units that hardly learn. For ReLU, mass left of 0 "
            "means <b>dead</b> units for those samples.<br><br>"
            "Each title gives the share of units saturated or dead on the latest training batch. "
            "Press Play in the main window to watch them move."))
        self.form.parentWidget().setTitle(self.tr("Main window"))
        self.experiment_label, self.iteration_label = QLabel("—", self), QLabel("—", self)
        self.experiment_label.setWordWrap(True)
        self.form.addRow(self.tr("Experiment"), self.experiment_label)
        self.form.addRow(self.tr("Iteration"), self.iteration_label)
        self.finish_left()

        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("QLabel { color: #666666; }")
        self.grid_widget = QWidget(self)
        self.grid_widget.setStyleSheet("background: white;")
        self.layer_grid = QGridLayout(self.grid_widget)
        self.layer_grid.setSpacing(8)
        self.placeholder = QLabel(self.tr("The hidden layers of the network training in the main window appear "
                                          "here. Open this lab from the main window's Labs menu."), self.grid_widget)
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("QLabel { color: #666666; font-size: 11pt; padding: 40px; }")
        self.layer_grid.addWidget(self.placeholder, 0, 0, 1, PLOT_COLUMNS)
        # Below the last possible row of plots: a few plots sit at the top rather than spread out.
        self.layer_grid.setRowStretch(2 + MAX_LAYER_PLOTS // PLOT_COLUMNS, 1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.grid_widget)
        self.plot_area.addWidget(self.note, 0, 0)
        self.plot_area.addWidget(self.scroll, 1, 0)
        self.plot_area.setRowStretch(1, 1)
        self.layer_plots: list[LayerPlot] = []
        self.layers = ()  # (activation, alpha) per hidden layer on show
        self.note.hide()  # until a network arrives: then deep ones say how many layers are shown

    def offer(self, snapshot) -> None:
        self.throttle.offer(snapshot)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.flush()

    def _layout_layers(self, hidden) -> None:
        """A plot per hidden layer (at most MAX_LAYER_PLOTS), made anew when the network changes."""
        layers = tuple((h.activation, h.alpha) for h in hidden)
        if layers == self.layers:
            return
        self.layers = layers
        self.placeholder.setVisible(not layers)
        shown = min(len(layers), MAX_LAYER_PLOTS)
        while len(self.layer_plots) < shown:
            plot = LayerPlot(self.grid_widget)
            plot.set_labels("z", self.tr("f(z)"))
            plot.item.setLabel("right", self.tr("share of z"), **LABEL_STYLE)
            i = len(self.layer_plots)
            self.layer_grid.addWidget(plot, 1 + i // PLOT_COLUMNS, i % PLOT_COLUMNS)
            self.layer_plots.append(plot)
        for i, plot in enumerate(self.layer_plots):
            plot.setVisible(i < shown)
        self.plots = self.layer_plots[:shown]
        if len(layers) > shown:
            self.note.setText(self.tr("The network has {0} hidden layers; the first {1} are shown.").format(
                len(layers), shown))
        elif not layers:
            self.note.setText(self.tr("The network has no hidden layers: nothing to show."))
        else:
            self.note.setText("")
        self.note.setVisible(bool(self.note.text()))

    def draw(self, snapshot) -> None:
        hidden = snapshot.experiment.network.hidden
        self._layout_layers(hidden)
        self.experiment_label.setText(snapshot.experiment.name)
        self.iteration_label.setText(str(snapshot.iteration))
        profile, record = snapshot.profile, snapshot.record
        saturated = record.saturated if record is not None else None
        for i, plot in enumerate(self.plots):
            activation, alpha = self.layers[i]
            if profile is not None:
                plot.set_activation(activation, alpha, profile.bin_edges)
                plot.show_histogram(profile.histograms[i], profile.bin_edges)
            plot.set_title(self.layer_title(i, activation, None if saturated is None else float(saturated[i])))

    def layer_title(self, i: int, activation: str, saturated: float | None) -> str:
        name = self.activation_name(activation)
        if saturated is None:
            return self.tr("Layer {0}, {1}: press Step or Play").format(i + 1, name)
        if activation == "linear":
            return self.tr("Layer {0}, {1}: never saturates").format(i + 1, name)
        if not np.isfinite(saturated):  # a diverged run
            return self.tr("Layer {0}, {1}: not finite").format(i + 1, name)
        word = self.tr("dead") if activation in ("relu", "leaky_relu") else self.tr("saturated")
        return self.tr("Layer {0}, {1}: {2:.0%} {3}").format(i + 1, name, saturated, word)


# ----- the window ---------------------------------------------------------------------------------

class ActivationLab(QMainWindow):
    """The lab window. Tabs: ``functions_tab``, ``softmax_tab``, ``output_tab``, ``training_tab``.

    ``show_snapshot`` takes the main window's snapshots; ``snapshot`` is the newest one."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Activation lab - nnplayground"))
        self.setObjectName("activation_lab")
        self.snapshot = None
        self.tabs = QTabWidget(self)
        self.functions_tab, self.softmax_tab = FunctionsTab(self), SoftmaxTab(self)
        self.output_tab, self.training_tab = OutputTab(self), TrainingTab(self)
        for tab, title in ((self.functions_tab, self.tr("Functions")), (self.softmax_tab, self.tr("Softmax")),
                           (self.output_tab, self.tr("Output by task")),
                           (self.training_tab, self.tr("During training"))):
            self.tabs.addTab(tab, title)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.tabs)
        self.setCentralWidget(central)
        self.resize(1100, 750)

    def set_experiment(self, experiment) -> None:
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
