"""The propagation inspector: every number of one training iteration on one sample, step by step.

The window shows the main window's current network (the weights of its latest snapshot, or
the initial weights before the first one) and one training sample. Its numbers come from
``core.inspect_step.trace_step``, computed here in the GUI thread on a private Trainer built
from the experiment: one sample through a small net is a tiny computation, and the main
window's running trainer is never touched.

The iteration is walked through in four phases, with Previous / Next (or the arrow and page
keys): 1. forward, layer by layer from the input; 2. the loss; 3. backward, layer by layer
from the output; 4. the update of each layer's weights. The diagram (propagation_views.py)
shows the layer at hand among the others; the tables beside it list its numbers.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QDoubleSpinBox, QHBoxLayout, QLabel, QMainWindow, QPushButton, QSpinBox, QSplitter,
                               QVBoxLayout, QWidget)

from ...core.inspect_step import trace_step
from ...core.trainer import Trainer
from .propagation_views import (MAX_UNITS, PHASES, Column, Explanations, NetworkDiagram, NumberSpin,
                                activation_name, blocked, column_values, fill_table, make_table, number, shown)

STEP_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


def network_key(experiment):
    """What fixes the data and the shape of the net: a change here makes old indices and weights meaningless."""
    return (experiment.seed, experiment.dtype, experiment.data, experiment.network)


class PropagationInspector(Explanations, QMainWindow):
    """One training sample through the current network: forward, loss, backward and update.

    ``source`` (the main window) supplies ``experiment`` and ``snapshot``; without one, call
    ``load(experiment, snapshot)``. ``pick_sample(index)`` chooses the training sample.
    """

    def __init__(self, source=None, experiment=None, snapshot=None, parent=None):
        super().__init__(parent)
        self.source = source
        self.setObjectName("propagation_inspector")
        self.setWindowTitle(self.tr("Propagation inspector - nnplayground"))
        self.experiment = None
        self.trainer: Trainer | None = None
        self.weights_iteration = 0
        self.index = 0
        self.trace = None
        self.steps: list[tuple[str, int]] = []
        self.position = 0
        self.selected_unit = 0
        self._build()
        self.resize(1340, 800)
        if experiment is not None:
            self.load(experiment, snapshot)
        elif source is not None:
            self.refresh()

    # ----- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget(self)
        column = QVBoxLayout(central)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Training sample"), central))
        self.sample_spin = QSpinBox(central)
        self.sample_spin.setToolTip(self.tr("Which training sample goes through the network"))
        self.sample_spin.valueChanged.connect(lambda value: self.pick_sample(value - 1))
        top.addWidget(self.sample_spin)
        self.sample_label = QLabel(central)
        self.sample_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.sample_label, 1)
        self.pick_button = QPushButton(self.tr("Pick a sample"), central)
        self.pick_button.setCheckable(True)
        self.pick_button.setToolTip(self.tr("While this is on, click a training point in the main window's output "
                                            "plot to send it through the network here"))
        top.addWidget(self.pick_button)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("Learning rate η"), central))
        self.lr_spin = NumberSpin(central)
        self.lr_spin.setDecimals(6)
        self.lr_spin.setRange(1e-6, 100.0)
        self.lr_spin.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.lr_spin.setToolTip(self.tr("The step size of the update in phase 4 (taken from the experiment)"))
        self.lr_spin.valueChanged.connect(self._retrace)
        top.addWidget(self.lr_spin)
        self.refresh_button = QPushButton(self.tr("Use latest weights"), central)
        self.refresh_button.setToolTip(self.tr("Take the network as the main window's run has it now"))
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        column.addLayout(top)

        self.weights_label = QLabel(central)
        self.weights_label.setWordWrap(True)
        self.weights_label.setStyleSheet("color: #555555;")
        column.addWidget(self.weights_label)

        splitter = QSplitter(Qt.Orientation.Horizontal, central)
        left = QWidget(splitter)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        self.diagram = NetworkDiagram(left)
        self.diagram.describe = self.describe_neuron
        self.diagram.neuron_clicked.connect(self._diagram_clicked)
        left_column.addWidget(self.diagram, 1)
        self.explanation = QLabel(left)
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.RichText)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explanation.setMinimumHeight(110)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.explanation.setStyleSheet("QLabel { background: #f7f7f7; border: 1px solid #dddddd; padding: 6px; }")
        left_column.addWidget(self.explanation)

        right = QWidget(splitter)
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        self.layer_title = QLabel(right)
        font = self.layer_title.font()
        font.setBold(True)
        self.layer_title.setFont(font)
        self.layer_title.setWordWrap(True)
        right_column.addWidget(self.layer_title)
        self.neuron_table = make_table(right)
        self.neuron_table.itemSelectionChanged.connect(self._row_selected)
        right_column.addWidget(self.neuron_table, 2)
        self.link_title = QLabel(right)
        self.link_title.setFont(font)
        right_column.addWidget(self.link_title)
        self.link_table = make_table(right)
        right_column.addWidget(self.link_table, 3)
        self.more_label = QLabel(right)
        self.more_label.setStyleSheet("color: #555555;")
        right_column.addWidget(self.more_label)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([760, 560])
        column.addWidget(splitter, 1)

        bottom = QHBoxLayout()
        self.previous_button = QPushButton(self.tr("◀ Previous"), central)
        self.previous_button.setToolTip(self.tr("Back one step (Left or Page Up)"))
        self.previous_button.clicked.connect(self.previous_step)
        self.next_button = QPushButton(self.tr("Next ▶"), central)
        self.next_button.setToolTip(self.tr("On one step (Right or Page Down)"))
        self.next_button.clicked.connect(self.next_step)
        for button in (self.previous_button, self.next_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.phase_label = QLabel(central)
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        big = self.phase_label.font()
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 1.15)
        self.phase_label.setFont(big)
        self.phase_strip = QLabel(central)
        self.phase_strip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phase_strip.setTextFormat(Qt.TextFormat.RichText)
        middle = QVBoxLayout()
        middle.addWidget(self.phase_strip)
        middle.addWidget(self.phase_label)
        bottom.addWidget(self.previous_button)
        bottom.addLayout(middle, 1)
        bottom.addWidget(self.next_button)
        column.addLayout(bottom)
        self.setCentralWidget(central)

        self.next_action = QAction(self.tr("Next step"), self)
        self.next_action.setShortcuts([QKeySequence(Qt.Key.Key_Right), QKeySequence(Qt.Key.Key_PageDown)])
        self.next_action.triggered.connect(self.next_step)
        self.previous_action = QAction(self.tr("Previous step"), self)
        self.previous_action.setShortcuts([QKeySequence(Qt.Key.Key_Left), QKeySequence(Qt.Key.Key_PageUp)])
        self.previous_action.triggered.connect(self.previous_step)
        self.addAction(self.next_action)
        self.addAction(self.previous_action)
        # The spin boxes would take these keys for themselves (the page keys step 10 samples);
        # in this window they always step through the phases.
        for spin in (self.sample_spin, self.lr_spin):
            spin.installEventFilter(self)
            spin.lineEdit().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and event.key() in STEP_KEYS:
            return True  # not accepted: the window's shortcut gets the key
        return super().eventFilter(watched, event)

    # ----- what is shown ----------------------------------------------------------------

    @property
    def picking(self) -> bool:
        """True while clicks on the main window's output view should pick a sample here."""
        return self.pick_button.isChecked() and self.isVisible()

    @property
    def phase(self) -> str:
        return self.steps[self.position][0] if self.steps else ""

    @property
    def step_layer(self) -> int:
        return self.steps[self.position][1] if self.steps else 0

    def is_current(self, experiment) -> bool:
        return self.experiment is not None and network_key(self.experiment) == network_key(experiment)

    def refresh(self) -> None:
        """Take the source's current experiment and latest weights."""
        if self.source is not None:
            self.load(self.source.experiment, self.source.snapshot)

    def load(self, experiment, snapshot=None) -> None:
        """Show ``experiment``'s network with the weights of ``snapshot`` if it belongs to the
        same data and architecture, else with its initial weights. Keeps the sample and step."""
        if experiment.data.is_sequence:
            self.weights_label.setText(self.tr("A sequence data set trains a recurrent net, which this inspector "
                                               "does not show."))
            return
        if self.trainer is None or not self.is_current(experiment):
            self.trainer = Trainer(experiment)  # a private copy of the data and the net, for this window only
        else:
            self.trainer.reset()
        self.experiment = experiment
        net = self.trainer.network
        net.l1, net.l2 = experiment.optimizer.l1, experiment.optimizer.l2
        self.weights_iteration = 0
        if snapshot is not None and network_key(snapshot.experiment) == network_key(experiment) and \
                [W.shape for W in snapshot.weights] == [W.shape for W, _ in net.params]:
            for (W, b), W_new, b_new in zip(net.params, snapshot.weights, snapshot.biases):
                W[...], b[...] = W_new, b_new
            self.weights_iteration = snapshot.iteration
        samples = len(self.trainer.data.X_train)
        self.index = min(self.index, samples - 1)
        with blocked(self.sample_spin, self.lr_spin):
            self.sample_spin.setRange(1, samples)
            self.sample_spin.setSuffix(self.tr(" of {0}").format(samples))
            self.sample_spin.setValue(self.index + 1)
            self.lr_spin.setValue(experiment.optimizer.learning_rate)
        self.refresh_button.setVisible(self.source is not None)
        self._show_weights_source()
        self._retrace()

    def pick_sample(self, index: int) -> None:
        """Send training sample ``index`` (0-based, as in ``Data.X_train``) through the network."""
        if self.source is not None and (self.experiment is None or not self.is_current(self.source.experiment)):
            self.refresh()  # the main window's data changed: its indices refer to the new data
        if self.trainer is None:
            return
        self.index = max(0, min(int(index), len(self.trainer.data.X_train) - 1))
        with blocked(self.sample_spin):
            self.sample_spin.setValue(self.index + 1)
        self._retrace()

    def _retrace(self, *_) -> None:
        if self.trainer is None:
            return
        data = self.trainer.data
        self.trace = trace_step(self.trainer.network, data.X_train[self.index], data.Y_train[self.index],
                                self.lr_spin.value())
        L = len(self.trace.layers)
        steps = ([("forward", k) for k in range(L + 1)] + [("loss", L)] + [("backward", k) for k in range(L, 0, -1)]
                 + [("update", k) for k in range(1, L + 1)])
        if steps != self.steps:
            self.steps, self.position, self.selected_unit = steps, 0, 0
        self._show_sample()
        self._show()

    def next_step(self) -> None:
        self._go(self.position + 1)

    def previous_step(self) -> None:
        self._go(self.position - 1)

    def _go(self, position: int) -> None:
        if self.steps and 0 <= position < len(self.steps):
            self.position = position
            self.selected_unit = 0
            self._show()

    # ----- names ---------------------------------------------------------------------------

    def layer_name(self, k: int, heading: bool = False) -> str:
        """"hidden layer 2 (tanh)" in a sentence, "Hidden layer 2 (tanh)" as a ``heading``."""
        if k == 0:
            return self.tr("Input") if heading else self.tr("the input")
        layer = self.trace.layers[k - 1]
        if layer.is_output:
            text = self.tr("Output layer ({0})") if heading else self.tr("the output layer ({0})")
            return text.format(activation_name(layer.activation))
        text = self.tr("Hidden layer {0} ({1})") if heading else self.tr("hidden layer {0} ({1})")
        return text.format(k, activation_name(layer.activation))

    def unit_name(self, k: int, unit: int) -> str:
        if k == 0:
            return self.experiment.data.features[unit]
        if self.trace.layers[k - 1].is_output:
            task = self.experiment.network.task
            if task == "multiclass":
                return self.tr("class {0}").format(unit)
            return self.tr("P(class 1)") if task == "binary" else self.tr("prediction ŷ")
        return self.tr("neuron {0}").format(unit + 1)

    def _short_unit(self, k: int, unit: int) -> str:
        """A compact name for the ends of a link: x1, 3, or c2."""
        if k == 0:
            return self.experiment.data.features[unit]
        if self.trace.layers[k - 1].is_output and self.experiment.network.task == "multiclass":
            return self.tr("class {0}").format(unit)
        return self.tr("out") if self.trace.layers[k - 1].is_output else str(unit + 1)

    def _show_sample(self) -> None:
        data = self.trainer.data
        point = data.train_points[self.index]
        coords = ", ".join(f"x{i + 1} = {number(v, 4)}" for i, v in enumerate(point))
        if data.task == "regression":
            label = self.tr("target {0}").format(number(data.train_labels[self.index], 4))
        else:
            label = self.tr("class {0}").format(int(data.train_labels[self.index]))
        self.sample_label.setText(f"{coords} · {label}")

    def _show_weights_source(self) -> None:
        exp = self.experiment
        if self.weights_iteration:
            text = self.tr("Weights after iteration {0} of the run.").format(self.weights_iteration)
        else:
            text = self.tr("Initial weights (iteration 0).")
        notes = [text, self.tr("Phase 4 shows one plain gradient-descent step on this one sample.")]
        if exp.optimizer.name != "sgd":
            notes.append(self.tr("(The run itself uses {0} on batches of {1}, which step differently.)").format(
                {"momentum": self.tr("momentum"), "adam": "Adam"}.get(exp.optimizer.name, exp.optimizer.name),
                exp.training.batch_size))
        elif exp.training.batch_size > 1:
            notes.append(self.tr("(The run averages the gradient over batches of {0}.)").format(
                exp.training.batch_size))
        self.weights_label.setText(" ".join(notes))

    # ----- the step on show -----------------------------------------------------------------

    def _columns(self) -> list[Column]:
        trace, phase, k = self.trace, self.phase, self.step_layer
        captions = {"forward": self.tr("a = f(z)"), "loss": self.tr("a = f(z)"), "backward": self.tr("∂L/∂z"),
                    "update": self.tr("new bias b")}
        columns = []
        for c in range(len(trace.layers) + 1):
            values, state = column_values(trace, phase, k, c)
            if c == 0:
                title, caption = self.tr("Input"), self.tr("x")
            else:
                layer = trace.layers[c - 1]
                name = activation_name(layer.activation)
                title = self.tr("Output\n{0}").format(name) if layer.is_output else self.tr("Hidden {0}\n{1}").format(
                    c, name)
                caption = self.tr("a = f(z)") if state == "faded" and phase == "backward" else captions[phase]
            columns.append(Column(title, caption if values is not None else "", values, len(values) if
                                  values is not None else trace.layers[c - 1].units, state))
        target_state = {"forward": "faded", "loss": "done", "backward": "done" if k == len(trace.layers) else "faded",
                        "update": "faded"}[phase]
        columns.append(Column(self.tr("Target"), self.tr("y"), trace.y, len(trace.y), target_state, square=True))
        return columns

    def _show(self) -> None:
        if self.trace is None:
            return
        phase, k = self.phase, self.step_layer
        number_of = PHASES.index(phase) + 1
        where = {"forward": self.tr("Forward pass: {0}").format(self.layer_name(k)),
                 "loss": self.tr("Loss: prediction vs target"),
                 "backward": self.tr("Backward pass: {0}").format(self.layer_name(k)),
                 "update": self.tr("Update: {0}").format(self.layer_name(k))}[phase]
        self.phase_label.setText(self.tr("{0}. {1}   (step {2} of {3})").format(
            number_of, where, self.position + 1, len(self.steps)))
        names = (self.tr("Forward"), self.tr("Loss"), self.tr("Backward"), self.tr("Update"))
        self.phase_strip.setText("  →  ".join(
            f"<b style='color:#0877bd'>{i + 1}. {n}</b>" if i + 1 == number_of else f"<span style='color:#888888'>"
            f"{i + 1}. {n}</span>" for i, n in enumerate(names)))
        self.previous_button.setEnabled(self.position > 0)
        self.next_button.setEnabled(self.position < len(self.steps) - 1)
        units = len(self.trace.x) if k == 0 else self.trace.layers[k - 1].units
        self.selected_unit = min(self.selected_unit, shown(units) - 1)
        {"forward": self._show_forward, "loss": self._show_loss, "backward": self._show_backward,
         "update": self._show_update}[phase]()
        more = []
        for c, n in enumerate(self.trace.sizes):
            if n > MAX_UNITS:
                more.append(self.tr("{0}: the first {1} of {2} neurons").format(self.layer_name(c), MAX_UNITS, n))
        self.more_label.setText(self.tr("Shown: {0}.").format("; ".join(more)) if more else "")
        self.more_label.setVisible(bool(more))
        with blocked(self.neuron_table):
            self.neuron_table.selectRow(self.selected_unit)
        self.diagram.show_step(self.trace, phase, k, self._columns(), (k, self.selected_unit))
        self._explain()

    def _links(self, layer, columns) -> list[list]:
        """One row per link into the shown neurons of ``layer``: from, to, then ``columns(i, j)``."""
        k = layer.index
        rows = []
        for j in range(shown(layer.units)):
            for i in range(shown(layer.fan_in)):
                rows.append([self._short_unit(k - 1, i), self._short_unit(k, j), *columns(i, j)])
        return rows

    def _show_forward(self) -> None:
        k = self.step_layer
        if k == 0:
            self.layer_title.setText(self.tr("The input: the sample's features"))
            fill_table(self.neuron_table, [self.tr("Feature"), self.tr("value x")],
                  [[name, float(v)] for name, v in zip(self.experiment.data.features, self.trace.x)])
            self._set_links(None)
            return
        layer = self.trace.layers[k - 1]
        self.layer_title.setText(self.tr("{0}: each neuron sums its weighted inputs, then applies f").format(
            self.layer_name(k, heading=True)))
        fill_table(self.neuron_table,
                   [self.tr("Neuron"), self.tr("bias b"), self.tr("z = b + Σ a·w"), self.tr("a = f(z)")],
              [[self.unit_name(k, j), float(layer.bias[j]), float(layer.z[j]), float(layer.a[j])]
               for j in range(shown(layer.units))])
        self._set_links(self.tr("Links into layer {0}").format(k),
                        [self.tr("From"), self.tr("To"), self.tr("a (from)"), self.tr("weight w"), self.tr("a·w")],
                        self._links(layer, lambda i, j: [float(layer.inputs[i]), float(layer.weights[i, j]),
                                                         float(layer.inputs[i] * layer.weights[i, j])]))

    def _show_loss(self) -> None:
        trace = self.trace
        out = trace.layers[-1]
        self.layer_title.setText(self.tr("The prediction against the target"))
        fill_table(self.neuron_table, [self.tr("Output"), self.tr("z"), self.tr("prediction a"), self.tr("target y")],
              [[self.unit_name(out.index, j), float(out.z[j]), float(out.a[j]), float(trace.y[j])]
               for j in range(shown(out.units))])
        rows = [[self.tr("data loss"), float(trace.data_loss)]]
        if trace.l2:
            rows.append([self.tr("L2 penalty ½·λ₂·ΣW²"), float(sum(0.5 * trace.l2 * np.sum(l.weights ** 2)
                                                                   for l in trace.layers))])
        if trace.l1:
            rows.append([self.tr("L1 penalty λ₁·Σ|W|"), float(sum(trace.l1 * np.sum(np.abs(l.weights))
                                                                  for l in trace.layers))])
        rows.append([self.tr("total loss L"), float(trace.loss)])
        self._set_links(self.tr("The loss"), [self.tr("Term"), self.tr("value")], rows)

    def _show_backward(self) -> None:
        k = self.step_layer
        layer = self.trace.layers[k - 1]
        self.layer_title.setText(self.tr("{0}: how the loss changes with each neuron").format(
            self.layer_name(k, heading=True)))
        dash = "—"
        fill_table(self.neuron_table,
                   [self.tr("Neuron"), self.tr("∂L/∂a"), self.tr("f′(z)"), self.tr("∂L/∂z = ∂L/∂b")],
              [[self.unit_name(k, j), dash if layer.d_a is None else float(layer.d_a[j]),
                dash if layer.fprime is None else float(layer.fprime[j]), float(layer.d_z[j])]
               for j in range(shown(layer.units))])
        headers = [self.tr("From"), self.tr("To"), self.tr("a (from)"), self.tr("∂L/∂z (to)")]
        if self.trace.l1 or self.trace.l2:
            headers += [self.tr("a·∂L/∂z"), self.tr("+ penalty"), self.tr("∂L/∂w")]
            values = lambda i, j: [float(layer.inputs[i]), float(layer.d_z[j]), float(layer.d_weights_data[i, j]),
                                   float(layer.d_weights_penalty[i, j]), float(layer.d_weights[i, j])]
        else:
            headers += [self.tr("∂L/∂w = a·∂L/∂z")]
            values = lambda i, j: [float(layer.inputs[i]), float(layer.d_z[j]), float(layer.d_weights[i, j])]
        self._set_links(self.tr("Gradient of each weight into layer {0}").format(k), headers,
                        self._links(layer, values))

    def _show_update(self) -> None:
        k = self.step_layer
        layer = self.trace.layers[k - 1]
        lr = number(self.trace.learning_rate, 4)
        self.layer_title.setText(self.tr("{0}: every parameter moves against its gradient, η = {1}").format(
            self.layer_name(k, heading=True), lr))
        fill_table(self.neuron_table,
                   [self.tr("Neuron"), self.tr("b before"), self.tr("∂L/∂b"), self.tr("b after")],
              [[self.unit_name(k, j), float(layer.bias[j]), float(layer.d_bias[j]), float(layer.bias_after[j])]
               for j in range(shown(layer.units))])
        self._set_links(self.tr("Weights into layer {0}: w − η·∂L/∂w").format(k),
                        [self.tr("From"), self.tr("To"), self.tr("w before"), self.tr("∂L/∂w"), self.tr("w after")],
                        self._links(layer, lambda i, j: [float(layer.weights[i, j]), float(layer.d_weights[i, j]),
                                                         float(layer.weights_after[i, j])]))

    def _set_links(self, title, headers=(), rows=()) -> None:
        self.link_title.setVisible(title is not None)
        self.link_table.setVisible(title is not None)
        self.link_title.setText(title or "")
        fill_table(self.link_table, list(headers), list(rows))

    # ----- selection and events -----------------------------------------------------------------

    def _row_selected(self) -> None:
        rows = self.neuron_table.selectionModel().selectedRows()
        if rows:
            self._select(rows[0].row())

    def _diagram_clicked(self, column: int, unit: int) -> None:
        if column == self.step_layer:
            self._select(unit)

    def _select(self, unit: int) -> None:
        if unit != self.selected_unit:
            self.selected_unit = unit
            self._show()

    def changeEvent(self, event) -> None:
        """Coming back to this window after editing the network in the main window shows the new one."""
        super().changeEvent(event)
        if (event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and self.source is not None
                and self.experiment is not None and not self.is_current(self.source.experiment)):
            self.refresh()
