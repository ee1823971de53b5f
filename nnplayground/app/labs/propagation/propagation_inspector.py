"""The propagation inspector: every number of one training iteration on one sample, step by step.

The window shows the main window's current network (the weights of a snapshot of its run)
and one training sample. Its numbers come from ``core.reference.trace_step``, given plain
inputs: the experiment, the snapshot's weights, the sample and the learning rate. One sample
through a small net is a tiny computation, so it runs on the GUI thread, and the running
trainer is never touched. With the main window's model it follows that window: a new network
or new data shows here with the first snapshot of the new run.

The iteration is walked through in four phases, with Previous / Next (or the arrow and page
keys): 1. forward, layer by layer from the input; 2. the loss; 3. backward, layer by layer
from the output; 4. the update of each layer's weights. The diagram (propagation_views.py)
shows the layer at hand among the others; the tables beside it list its numbers. Under them,
"Check with PyTorch" (torch_panel.py) computes the sample again by torch autograd.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter, QVBoxLayout, QWidget

from ....core.reference import trace_step
from ... import labels
from ...language import Retranslating
from ...widgets import NumberSpin, blocked, labelled_row, spin_box
from ..common import LabWindow
from .explanations import Explanations
from .step_tables import StepTables
from .propagation_views import MAX_UNITS, PHASES, Column, NetworkDiagram, column_values, make_table, number, shown
from .torch_panel import TorchCheckPanel

STEP_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


def network_key(experiment):
    """What fixes the data and the shape of the net: a change here makes old indices and weights meaningless."""
    return (experiment.seed, experiment.dtype, experiment.data, experiment.network)


class PropagationInspector(Retranslating, StepTables, Explanations, LabWindow):
    """One training sample through the current network: forward, loss, backward and update.

    ``model`` (the main window's ExperimentModel) supplies the experiment, its data and
    snapshots; without one, call ``load(experiment, data, snapshot)``. ``pick_sample(index)``
    chooses the training sample.
    """

    def __init__(self, model=None, parent=None):
        super().__init__(parent)
        self.model = model
        self.setObjectName("propagation_inspector")
        self.experiment = None
        self.recurrent = False  # the last network offered was recurrent: nothing to show
        self.data = None  # the run's core Data: the training samples
        self.weights: tuple = ()
        self.biases: tuple = ()
        self.weights_iteration = 0
        self.index = 0
        self.trace = None
        self.steps: list[tuple[str, int]] = []
        self.position = 0
        self.selected_unit = 0
        self._build()
        self.resize(1340, 800)
        if model is not None:
            model.snapshot_changed.connect(self._model_snapshot)
            self.refresh()
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language, the step on show written again (the sample, step,
        selected neuron and learning rate stay)."""
        self.setWindowTitle(self.tr("Propagation inspector - nnplayground"))
        self.sample_name.setText(self.tr("Training sample"))
        self.sample_spin.setToolTip(self.tr("Which training sample goes through the network (Left and Right step "
                                            "through the phases instead)"))
        self.pick_button.setText(self.tr("Pick a sample"))
        self.pick_button.setToolTip(self.tr("While this is on, click a training point in the main window's output "
                                            "plot to send it through the network here"))
        self.lr_name.setText(self.tr("Learning rate η"))
        self.lr_spin.setToolTip(self.tr("The step size η of the update in phase 4: w ← w − η·∂L/∂w (taken from "
                                        "the experiment)"))
        self.refresh_button.setText(self.tr("Use latest weights"))
        self.refresh_button.setToolTip(self.tr("Take the network as the main window's run has it now"))
        self.previous_button.setText(self.tr("◀ Previous"))
        self.previous_button.setToolTip(self.tr("Back one step (Left or Page Up)"))
        self.next_button.setText(self.tr("Next ▶"))
        self.next_button.setToolTip(self.tr("On one step (Right or Page Down)"))
        self.next_action.setText(self.tr("Next step"))
        self.next_action.setToolTip(self.tr("On one step (Right or Page Down)"))
        self.previous_action.setText(self.tr("Previous step"))
        self.previous_action.setToolTip(self.tr("Back one step (Left or Page Up)"))
        if self.data is not None:
            self._write_suffix()
            self._show_sample()
            self._show_weights_source()
            self._show()
        if self.recurrent:
            self._show_recurrent()

    # ----- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.addWidget(self._build_sample_row(central))
        self.weights_label = QLabel(central)
        self.weights_label.setWordWrap(True)
        self.weights_label.setStyleSheet("color: #555555;")
        column.addWidget(self.weights_label)
        splitter = QSplitter(Qt.Orientation.Horizontal, central)
        splitter.addWidget(self._build_diagram(splitter))
        splitter.addWidget(self._build_tables(splitter))
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([760, 560])
        column.addWidget(splitter, 1)
        column.addLayout(self._build_step_bar(central))
        self.setCentralWidget(central)
        self._build_step_keys()

    def _build_sample_row(self, parent) -> QWidget:
        """The sample (by index, or picked in the main window), the learning rate, the weights."""
        self.sample_spin = spin_box(parent, 1, 1, 1)
        self.sample_spin.valueChanged.connect(lambda value: self.pick_sample(value - 1))
        self.sample_label = QLabel(parent)
        self.sample_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pick_button = QPushButton(parent, checkable=True)
        self.lr_spin = NumberSpin(parent, 1e-6, 100.0)
        self.lr_spin.valueChanged.connect(self._retrace)
        self.refresh_button = QPushButton(parent)
        self.refresh_button.clicked.connect(self.refresh)
        self.sample_name, self.lr_name = QLabel(parent), QLabel(parent)
        return labelled_row(parent, self.sample_name, self.sample_spin, self.sample_label, self.pick_button,
                            self.lr_name, self.lr_spin, self.refresh_button, grow=self.sample_label)

    def _build_diagram(self, parent) -> QWidget:
        """The network diagram above the explanation of the selected neuron's numbers."""
        left = QWidget(parent)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        # A deep net's diagram is wider than the window (each column as wide as its header): it scrolls.
        self.diagram_scroll = QScrollArea(left, widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        self.diagram_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.diagram = NetworkDiagram(self.diagram_scroll)
        self.diagram.describe = self.describe_neuron
        self.diagram.neuron_clicked.connect(self._diagram_clicked)
        self.diagram_scroll.setWidget(self.diagram)
        column.addWidget(self.diagram_scroll, 1)
        self.legend_label = QLabel(left, styleSheet="color: #555555;", wordWrap=True)
        column.addWidget(self.legend_label)
        self.explanation = QLabel(left)
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.RichText)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explanation.setMinimumHeight(110)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.explanation.setStyleSheet("QLabel { background: #f7f7f7; border: 1px solid #dddddd; padding: 6px; }")
        column.addWidget(self.explanation)
        return left

    def _build_tables(self, parent) -> QWidget:
        """The layer's neurons above the links into it, each table under a bold title."""
        right = QWidget(parent)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        bold = right.font()
        bold.setBold(True)
        self.layer_title = QLabel(right, font=bold, wordWrap=True)
        self.neuron_table = make_table(right)
        self.neuron_table.itemSelectionChanged.connect(self._row_selected)
        self.link_title = QLabel(right, font=bold)
        self.link_table = make_table(right)
        self.more_label = QLabel(right, styleSheet="color: #555555;")
        self.torch_panel = TorchCheckPanel(right)  # the same sample's numbers by PyTorch autograd
        for widget, stretch in ((self.layer_title, 0), (self.neuron_table, 2), (self.link_title, 0),
                                (self.link_table, 3), (self.more_label, 0), (self.torch_panel, 1)):
            column.addWidget(widget, stretch)
        return right

    def _build_step_bar(self, parent) -> QHBoxLayout:
        """Previous and Next around the four phases (the one at hand in bold) and the step."""
        self.previous_button = QPushButton(parent)
        self.previous_button.clicked.connect(self.previous_step)
        self.next_button = QPushButton(parent)
        self.next_button.clicked.connect(self.next_step)
        for button in (self.previous_button, self.next_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.phase_label = QLabel(parent)
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        big = self.phase_label.font()
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 1.15)
        self.phase_label.setFont(big)
        self.phase_strip = QLabel(parent)
        self.phase_strip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phase_strip.setTextFormat(Qt.TextFormat.RichText)
        middle = QVBoxLayout()
        middle.addWidget(self.phase_strip)
        middle.addWidget(self.phase_label)
        bottom = QHBoxLayout()
        bottom.addWidget(self.previous_button)
        bottom.addLayout(middle, 1)
        bottom.addWidget(self.next_button)
        return bottom

    def _build_step_keys(self) -> None:
        """Right / Page Down and Left / Page Up step through the phases anywhere in the window."""
        self.next_action = QAction(self)
        self.next_action.setShortcuts([QKeySequence(Qt.Key.Key_Right), QKeySequence(Qt.Key.Key_PageDown)])
        self.next_action.triggered.connect(self.next_step)
        self.previous_action = QAction(self)
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
        """"forward", "loss", "backward" or "update" at the step on show ("" before a trace)."""
        return self.steps[self.position][0] if self.steps else ""

    @property
    def step_layer(self) -> int:
        """The layer the step on show computes (0 = the input)."""
        return self.steps[self.position][1] if self.steps else 0

    def is_current(self, experiment) -> bool:
        """Whether ``experiment`` has the data and network shape on show (its indices and weights apply)."""
        return self.experiment is not None and network_key(self.experiment) == network_key(experiment)

    def refresh(self) -> None:
        """Take the network, data and weights of the model's newest snapshot (its run's)."""
        snapshot = self.model.snapshot if self.model is not None else None
        if snapshot is not None:
            self.load(snapshot.experiment, self.model.data, snapshot)

    def _model_snapshot(self, snapshot) -> None:
        """A new network or new data in the main window shows here with its run's first snapshot;
        weights that merely trained on wait for "Use latest weights"."""
        if self.isVisible() and not self.is_current(snapshot.experiment):
            self.refresh()

    def load(self, experiment, data, snapshot) -> None:
        """Show ``experiment``'s network with the weights of ``snapshot`` (of a run of it) and
        the training samples of ``data`` (that run's core Data). Keeps the sample and step."""
        self.recurrent = experiment.data.is_sequence
        if self.recurrent:
            self._show_recurrent()
            return
        self.experiment, self.data = experiment, data
        self.weights, self.biases = snapshot.weights, snapshot.biases
        self.weights_iteration = snapshot.iteration
        samples = len(data.X_train)
        self.index = min(self.index, samples - 1)
        with blocked(self.sample_spin, self.lr_spin):
            self.sample_spin.setRange(1, samples)
            self._write_suffix()
            self.sample_spin.setValue(self.index + 1)
            self.lr_spin.setValue(experiment.optimizer.learning_rate)
        self.refresh_button.setVisible(self.model is not None)
        self._show_weights_source()
        self._retrace()

    def _write_suffix(self) -> None:
        """" of 200" after the sample's number."""
        with blocked(self.sample_spin):
            self.sample_spin.setSuffix(self.tr(" of {0}").format(len(self.data.X_train)))

    def _show_recurrent(self) -> None:
        self.weights_label.setText(self.tr("A sequence data set trains a recurrent net, which this inspector "
                                           "does not show."))

    def pick_sample(self, index: int) -> None:
        """Send training sample ``index`` (0-based, as in ``Data.X_train``) through the network."""
        if self.model is not None and (self.experiment is None or not self.is_current(self.model.experiment)):
            self.refresh()  # the main window's data changed: its indices refer to the new data
        if self.data is None:
            return
        self.index = max(0, min(int(index), len(self.data.X_train) - 1))
        with blocked(self.sample_spin):
            self.sample_spin.setValue(self.index + 1)
        self._retrace()

    def _retrace(self, *_) -> None:
        if self.data is None:
            return
        self.trace = trace_step(self.experiment, self.weights, self.biases, self.data.X_train[self.index],
                                self.data.Y_train[self.index], self.lr_spin.value())
        L = len(self.trace.layers)
        steps = ([("forward", k) for k in range(L + 1)] + [("loss", L)] + [("backward", k) for k in range(L, 0, -1)]
                 + [("update", k) for k in range(1, L + 1)])
        if steps != self.steps:
            self.steps, self.position, self.selected_unit = steps, 0, 0
        self.torch_panel.set_trace(self.trace, self.index + 1)
        self._show_sample()
        self._show()

    def next_step(self) -> None:
        """On one step (Next, Right or Page Down); nothing at the last."""
        self._go(self.position + 1)

    def previous_step(self) -> None:
        """Back one step (Previous, Left or Page Up); nothing at the first."""
        self._go(self.position - 1)

    def _go(self, position: int) -> None:
        if self.steps and 0 <= position < len(self.steps):
            self.position = position
            self.selected_unit = 0
            self._show()

    def _show_sample(self) -> None:
        data = self.data
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
                labels.optimizer(exp.optimizer.name),
                exp.training.batch_size))
        elif exp.training.batch_size > 1:
            notes.append(self.tr("(The run averages the gradient over batches of {0}.)").format(
                exp.training.batch_size))
        self.weights_label.setText(" ".join(notes))

    # ----- the step on show -----------------------------------------------------------------

    def _columns(self) -> list[Column]:
        trace, phase, k = self.trace, self.phase, self.step_layer
        # The captions are formulas (the same in every language) but for the update's.
        captions = {"forward": "a = f(z)", "loss": "a = f(z)", "backward": "∂L/∂z", "update": self.tr("new bias b")}
        columns = []
        for c in range(len(trace.layers) + 1):
            values, state = column_values(trace, phase, k, c)
            if c == 0:
                title, caption = self.tr("Input"), "x"
            else:
                layer = trace.layers[c - 1]
                name = labels.activation(layer.activation)
                title = self.tr("Output\n{0}").format(name) if layer.is_output else self.tr("Hidden {0}\n{1}").format(
                    c, name)
                caption = "a = f(z)" if state == "faded" and phase == "backward" else captions[phase]
            columns.append(Column(title, caption if values is not None else "", values, len(values) if
                                  values is not None else trace.layers[c - 1].units, state))
        target_state = {"forward": "faded", "loss": "done", "backward": "done" if k == len(trace.layers) else "faded",
                        "update": "faded"}[phase]
        columns.append(Column(self.tr("Target"), "y", trace.y, len(trace.y), target_state, square=True))
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
        self.legend_label.setText(self.diagram.legend())
        self._scroll_to_step()
        self._explain()

    def _scroll_to_step(self) -> None:
        """Keep the layer at hand (and a neighbour on each side) in view when the diagram scrolls."""
        title, _ = self.diagram.header_rects(self.step_layer)
        self.diagram_scroll.ensureVisible(round(title.center().x()), 0, round(1.5 * self.diagram.column_width), 0)

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

    def showEvent(self, event) -> None:
        """Opened again after the main window's network changed: show the new one."""
        super().showEvent(event)
        if self.model is not None and not self.is_current(self.model.experiment):
            self.refresh()
