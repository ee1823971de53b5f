"""The activation lab's tabs that follow the main window's experiment: *Output by task* (which
output activation suits which task; the experiment's task highlighted) and *During training*
(where its hidden pre-activations fall on their activation curves, live)."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QWidget

from ....core.experiment import TASKS, NetworkSpec
from ... import labels, style
from ...language import Retranslating
from ...plots.curves import LABEL_STYLE
from ...throttle import Throttle
from ..common import TabFrame
from .activation_plots import LayerPlot

MAX_LAYER_PLOTS = 12
PLOT_COLUMNS = 2
PLOT_HZ = 8  # a few frames a second are enough to watch, and cheap
CURRENT_BORDER = style.POSITIVE


# ----- Output by task ----------------------------------------------------------------------------

class OutputTab(Retranslating, TabFrame):
    """Which output activation each task uses and why; the main window's task highlighted.
    The activation of each task is the core's own (``NetworkSpec.output_activation``)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.settings.hide()  # nothing to set here
        self.finish_left()
        self.current_label = QLabel(self)
        self.current_label.setWordWrap(True)
        self.current_label.setStyleSheet("QLabel { font-size: 10pt; padding: 2px 0 6px 0; }")
        self.plot_area.addWidget(self.current_label, 0, 0)
        self.cards: dict[str, QFrame] = {}
        self.badges: dict[str, QLabel] = {}
        self.card_texts: dict[str, tuple[QLabel, QLabel, QLabel]] = {}  # title, output, why
        for i, task in enumerate(TASKS):
            self.cards[task], self.badges[task], self.card_texts[task] = self._card(task)
            self.plot_area.addWidget(self.cards[task], i + 1, 0)
        self.plot_area.addWidget(self._pitfalls(), len(TASKS) + 1, 0)
        self.plot_area.setRowStretch(len(TASKS) + 2, 1)
        self.task = self.experiment_name = None
        self.set_task(None, "")
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language; the highlighted task stays."""
        self.explanation.setText(self.tr(
            "<b>The output layer speaks the task's language.</b> Hidden layers may use any nonlinearity; "
            "the output's activation is chosen so its values mean what the targets mean, and it is paired "
            "with a loss that fits it. With these pairs the gradient at the output is simply "
            "<i>prediction − target</i>, so a confidently wrong output still learns fast instead of "
            "sitting on a flat tail.<br><br>"
            "The row of the experiment in the main window is highlighted."))
        self.pitfalls.setText(self.tr(
            "<b>Mismatches and what they do</b><ul style='margin-left: -20px'>"
            "<li>A sigmoid or tanh output on regression can never predict beyond its range: targets above 1 "
            "stay out of reach, and the unit saturates trying.</li>"
            "<li>A linear output on classification gives scores, not probabilities: nothing keeps them in "
            "(0, 1) or makes them add up to 1.</li>"
            "<li>Softmax over a single unit always outputs 1; for two classes, one sigmoid unit does the job "
            "of a two-unit softmax.</li></ul>"))
        for task, (title, output, text) in self.card_texts.items():
            shape, why = self._why(task)
            activation = labels.activation(NetworkSpec(task=task).output_activation)
            title.setText(f"<b>{labels.task(task)}</b>")
            output.setText(f'<span style="font-size:12pt; color:{style.POSITIVE}"><b>{activation}</b></span>'
                           f"<br>{shape}")
            text.setText(why)
            self.badges[task].setText(self.tr("this experiment"))
        self._write_current()

    def _why(self, task: str) -> tuple[str, str]:
        """What the task's output looks like, and why its activation suits it."""
        return {
            "binary": (self.tr("one unit, in (0, 1)"),
                       self.tr("The probability of class 1 (class 0 gets the rest). A probability must lie "
                               "between 0 and 1, and the sigmoid maps any z there; z = 0 is the 50% boundary. "
                               "Loss: binary cross-entropy.")),
            "multiclass": (self.tr("K units, positive, sum to 1"),
                           self.tr("A distribution over the K classes: exactly one class is right, so the "
                                   "probabilities must compete and add up to 1. Separate sigmoids would not "
                                   "(see the Softmax tab). Loss: categorical cross-entropy.")),
            "regression": (self.tr("one unit, any real number"),
                           self.tr("An unbounded value: the target can be any number, and a sigmoid or tanh "
                                   "could never reach values outside its range. Loss: squared error (or Huber, "
                                   "which caps the pull of outliers).")),
        }[task]

    def _card(self, task: str) -> tuple[QFrame, QLabel, tuple[QLabel, QLabel, QLabel]]:
        """The task's row: its name (and the badge, hidden), an arrow, its output activation, why
        (the texts are written by ``retranslate``)."""
        card = QFrame(self)
        card.setObjectName(f"card_{task}")
        grid = QGridLayout(card)
        grid.setContentsMargins(12, 10, 12, 10)
        grid.setHorizontalSpacing(16)
        title, output, text, badge = QLabel(card), QLabel(card), QLabel(card), QLabel(card)
        text.setWordWrap(True)
        badge.setStyleSheet(f"QLabel {{ background: {CURRENT_BORDER}; color: white; border-radius: 3px;"
                            " padding: 1px 6px; }")
        badge.hide()
        title.setMinimumWidth(190)
        output.setMinimumWidth(170)
        grid.addWidget(title, 0, 0)
        grid.addWidget(badge, 1, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(QLabel("→", card), 0, 1, 2, 1)
        grid.addWidget(output, 0, 2, 2, 1)
        grid.addWidget(text, 0, 3, 2, 1)
        grid.setColumnStretch(3, 1)
        return card, badge, (title, output, text)

    def _pitfalls(self) -> QLabel:
        self.pitfalls = QLabel(self)
        self.pitfalls.setWordWrap(True)
        self.pitfalls.setStyleSheet("QLabel { padding: 8px 2px; }")
        return self.pitfalls

    def set_task(self, task: str | None, experiment_name: str) -> None:
        """Highlight ``task``'s row (None: no experiment yet)."""
        self.task, self.experiment_name = task, experiment_name
        for key, card in self.cards.items():
            current = key == task
            border, background = (CURRENT_BORDER, "#eaf3fa") if current else ("#dde1e5", "#ffffff")
            card.setStyleSheet(f"#card_{key} {{ background: {background}; border: {2 if current else 1}px solid "
                               f"{border}; border-radius: 4px; }}")
            self.badges[key].setVisible(current)
        self._write_current()

    def _write_current(self) -> None:
        """The line naming the main window's experiment and its task."""
        task, experiment_name = self.task, self.experiment_name
        if task is None:
            self.current_label.setText(self.tr("No experiment from the main window yet."))
        else:
            self.current_label.setText(self.tr("The main window's experiment <b>{0}</b>: task <b>{1}</b>.").format(
                experiment_name, labels.task(task)))


# ----- During training --------------------------------------------------------------------------

class TrainingTab(Retranslating, TabFrame):
    """Per hidden layer of the main window's network: z's histogram over the activation curve.

    ``offer(snapshot)`` draws, at most PLOT_HZ times a second and only while the tab shows;
    ``drawn`` is the snapshot on screen, ``plots`` the layers' plots on show."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.drawn = None
        self.throttle = Throttle(self, self._draw_now, PLOT_HZ)
        self.settings.set_title_text(lambda: self.tr("Main window"))
        self.experiment_label, self.iteration_label = QLabel("—", self), QLabel("—", self)
        self.experiment_label.setWordWrap(True)
        self.add_row(self.experiment_label)
        self.add_row(self.iteration_label)
        self.finish_left()
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("QLabel { color: #666666; }")
        self.note.hide()  # until a network arrives: then deep ones say how many layers are shown
        self.plot_area.addWidget(self.note, 0, 0)
        self.plot_area.addWidget(self._build_layer_grid(), 1, 0)
        self.plot_area.setRowStretch(1, 1)
        self.plots: list[LayerPlot] = []
        self.layer_plots: list[LayerPlot] = []
        self.layers = None  # (activation, alpha) per hidden layer on show; None before any network
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language, the layers' titles from the snapshot on show."""
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
        self.name_rows([(self.experiment_label, self.tr("Experiment")), (self.iteration_label, self.tr("Iteration"))])
        self.placeholder.setText(self.tr("The hidden layers of the network training in the main window appear "
                                         "here. Open this lab from the main window's Labs menu."))
        for plot in self.layer_plots:
            self._label_axes(plot)
        self._write_note()
        if self.drawn is not None:
            self._write_titles(self.drawn)

    def _label_axes(self, plot: LayerPlot) -> None:
        plot.set_labels("z", "f(z)")  # formulas: the same in every language
        plot.item.setLabel("right", self.tr("share of z"), **LABEL_STYLE)

    def _build_layer_grid(self) -> QScrollArea:
        """A scrolling grid for the layers' plots, with a placeholder until a network arrives."""
        self.grid_widget = QWidget(self)
        self.grid_widget.setStyleSheet("background: white;")
        self.layer_grid = QGridLayout(self.grid_widget)
        self.layer_grid.setSpacing(8)
        self.placeholder = QLabel(self.grid_widget)
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("QLabel { color: #666666; font-size: 11pt; padding: 40px; }")
        self.layer_grid.addWidget(self.placeholder, 0, 0, 1, PLOT_COLUMNS)
        # Below the last possible row of plots: a few plots sit at the top rather than spread out.
        self.layer_grid.setRowStretch(2 + MAX_LAYER_PLOTS // PLOT_COLUMNS, 1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.grid_widget)
        return self.scroll

    def offer(self, snapshot) -> None:
        """Draw ``snapshot`` when the rate limit allows and the tab shows (else keep it for later)."""
        self.throttle.offer(snapshot)

    def flush(self) -> None:
        """Draw the snapshot waiting, now."""
        self.throttle.flush()

    def _draw_now(self, snapshot) -> None:
        self.drawn = snapshot
        self.draw(snapshot)

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
            self._label_axes(plot)
            i = len(self.layer_plots)
            self.layer_grid.addWidget(plot, 1 + i // PLOT_COLUMNS, i % PLOT_COLUMNS)
            self.layer_plots.append(plot)
        for i, plot in enumerate(self.layer_plots):
            plot.setVisible(i < shown)
        self.plots = self.layer_plots[:shown]
        self._write_note()

    def _write_note(self) -> None:
        """Above the plots: how many of a deep network's layers are shown, or that it has none."""
        layers, shown = self.layers or (), len(self.plots)
        if len(layers) > shown:
            self.note.setText(self.tr("The network has {0} hidden layers; the first {1} are shown.").format(
                len(layers), shown))
        elif self.layers == ():
            self.note.setText(self.tr("The network has no hidden layers: nothing to show."))
        else:
            self.note.setText("")
        self.note.setVisible(bool(self.note.text()))

    def draw(self, snapshot) -> None:
        """Each hidden layer's histogram and curve from ``snapshot``, titled with its saturated share."""
        hidden = snapshot.experiment.network.hidden
        self._layout_layers(hidden)
        self.experiment_label.setText(snapshot.experiment.name)
        self.iteration_label.setText(str(snapshot.iteration))
        profile = snapshot.profile
        for i, plot in enumerate(self.plots):
            activation, alpha = self.layers[i]
            if profile is not None:
                plot.set_activation(activation, alpha, profile.bin_edges)
                plot.show_histogram(profile.histograms[i], profile.bin_edges)
        self._write_titles(snapshot)

    def _write_titles(self, snapshot) -> None:
        """Each layer's title: its activation and the share of its units saturated in ``snapshot``."""
        record = snapshot.record
        saturated = record.saturated if record is not None else None
        for i, plot in enumerate(self.plots):
            activation = self.layers[i][0]
            plot.set_title(self.layer_title(i, activation, None if saturated is None else float(saturated[i])))

    def layer_title(self, i: int, activation: str, saturated: float | None) -> str:
        """"Layer 2, Tanh: 23% saturated", or why there is no share to give yet."""
        name = labels.activation(activation)
        if saturated is None:
            return self.tr("Layer {0}, {1}: press Step or Play").format(i + 1, name)
        if activation == "linear":
            return self.tr("Layer {0}, {1}: never saturates").format(i + 1, name)
        if not np.isfinite(saturated):  # a diverged run
            return self.tr("Layer {0}, {1}: not finite").format(i + 1, name)
        word = self.tr("dead") if activation in ("relu", "leaky_relu") else self.tr("saturated")
        return self.tr("Layer {0}, {1}: {2:.0%} {3}").format(i + 1, name, saturated, word)
