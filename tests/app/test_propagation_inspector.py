"""The propagation inspector driven as a person would: step through the phases with the
buttons and the keys, pick samples by index and by clicking the main window's plot, and read
the numbers off the tables to check them against the network's own gradients."""
import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from nnplayground.app.labs import PropagationInspector
from nnplayground.app.labs.propagation.propagation_views import MAX_UNITS
from nnplayground.core import Experiment, Trainer
from nnplayground.core.reference import trace_step
from nnplayground.core.snapshot import SnapshotTaker
from nnplayground.core.trainer import dense_network
from qt_helpers import TIMEOUT_MS, show

DISPLAY_RTOL = 5e-6  # the tables show six significant digits


def experiment(task="binary", loss="mse", hidden=(("tanh", 5), ("relu", 3)), l1=0.0, l2=0.0, lr=0.05,
               dataset=None, optimizer="sgd"):
    dataset = dataset or {"binary": "circle", "multiclass": "blobs", "regression": "plane"}[task]
    return Experiment.from_dict({
        "seed": 3,
        "data": {"dataset": dataset, "samples": 60, "features": ["x1", "x2", "x1*x2"]},
        "network": {"task": task, "regression_loss": loss, "init": "xavier_uniform",
                    "hidden": [{"units": n, "activation": a} for a, n in hidden]},
        "optimizer": {"name": optimizer, "learning_rate": lr, "l1": l1, "l2": l2},
    })


@pytest.fixture
def open_inspector(qtbot):
    def make(exp, snapshot=None):
        trainer = Trainer(exp)  # the run the inspector shows: its data, and its weights unless given
        window = PropagationInspector()
        window.load(exp, trainer.data, snapshot or SnapshotTaker(trainer).take())
        return show(qtbot, window)
    return make


def parse(text: str) -> float:
    return float(text.replace("−", "-").replace("∞", "inf"))


def column(table, header: str) -> list[str]:
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    c = headers.index(header)
    return [table.item(r, c).text() for r in range(table.rowCount())]


def numbers(table, header: str) -> np.ndarray:
    return np.array([parse(t) for t in column(table, header)])


def row_value(table, term: str) -> float:
    """The value of the row whose first cell starts with ``term`` (the loss table)."""
    for r in range(table.rowCount()):
        if table.item(r, 0).text().startswith(term):
            return parse(table.item(r, 1).text())
    raise KeyError(term)


def assert_shown(displayed, expected):
    expected = np.asarray(expected, dtype=float).ravel()
    assert displayed.shape == expected.shape
    np.testing.assert_allclose(displayed, expected, rtol=DISPLAY_RTOL, atol=1e-300)


def network_of(window):
    """A core network holding the weights on show, built apart from the window."""
    net = dense_network(window.experiment)
    for (W, b), shown_W, shown_b in zip(net.params, window.weights, window.biases):
        W[...], b[...] = shown_W, shown_b
    return net


def sample_of(window):
    data = window.data
    return data.X_train[window.index], data.Y_train[window.index]


def check_every_step(qtbot, window):
    """Walk all steps with the Next button; at each, the tables equal the trace and loss_and_grads."""
    net = network_of(window)
    x, y = sample_of(window)
    lr = window.lr_spin.value()
    trace = trace_step(window.experiment, [W for W, _ in net.params], [b for _, b in net.params], x, y, lr)
    loss, grads = net.loss_and_grads(x[None], y[None])
    ws = net.forward(net.inputs(x[None]))
    forward_z = [z[:, 0].copy() for z in ws.z] + [ws.z_out[:, 0].copy()]
    forward_a = [a[:, 0].copy() for a in ws.a] + [net.predict(x[None])[0]]
    neurons, links = window.neuron_table, window.link_table
    seen = set()
    while window.position:
        qtbot.mouseClick(window.previous_button, Qt.MouseButton.LeftButton)
    for position in range(len(window.steps)):
        phase, k = window.phase, window.step_layer
        seen.add(phase)
        assert window.phase_label.text().startswith(f"{('forward', 'loss', 'backward', 'update').index(phase) + 1}.")
        if phase == "forward" and k == 0:
            assert_shown(numbers(neurons, "value x"), x)
            assert not links.isVisibleTo(window)
        elif phase == "forward":
            layer = trace.layers[k - 1]
            assert_shown(numbers(neurons, "z = b + Σ a·w"), forward_z[k - 1])
            assert_shown(numbers(neurons, "a = f(z)"), forward_a[k - 1])
            assert_shown(numbers(links, "weight w"), net.params[k - 1][0].T)
            assert_shown(numbers(links, "a·w"), (layer.inputs[:, None] * layer.weights).T)
        elif phase == "loss":
            assert_shown(numbers(neurons, "prediction a"), net.predict(x[None])[0])
            assert_shown(numbers(neurons, "target y"), y)
            assert row_value(links, "total loss") == pytest.approx(loss, rel=DISPLAY_RTOL)
            assert row_value(links, "data loss") == pytest.approx(trace.data_loss, rel=DISPLAY_RTOL)
            penalties = [row_value(links, name) for name, on in (("L2 penalty", net.l2), ("L1 penalty", net.l1)) if on]
            assert sum(penalties) == pytest.approx(trace.penalty, rel=DISPLAY_RTOL)
            assert trace.penalty > 0 or not (net.l1 or net.l2)
        elif phase == "backward":
            layer = trace.layers[k - 1]
            dW, db = grads[k - 1]
            assert_shown(numbers(neurons, "∂L/∂z = ∂L/∂b"), db)
            assert_shown(numbers(links, "∂L/∂z (to)"), np.repeat(layer.d_z, layer.fan_in))
            header = "∂L/∂w" if net.l1 or net.l2 else "∂L/∂w = a·∂L/∂z"
            assert_shown(numbers(links, header), dW.T)
            if not layer.is_output:
                assert_shown(numbers(neurons, "∂L/∂a"), layer.d_a)
                assert_shown(numbers(neurons, "f′(z)"), layer.fprime)
            elif net.loss_name in ("bce", "softmax_ce"):
                assert set(column(neurons, "∂L/∂a")) == {"—"}
        else:
            (W, b), (dW, db) = net.params[k - 1], grads[k - 1]
            assert_shown(numbers(neurons, "b before"), b)
            assert_shown(numbers(neurons, "b after"), b - lr * db)
            assert_shown(numbers(links, "w before"), W.T)
            assert_shown(numbers(links, "∂L/∂w"), dW.T)
            assert_shown(numbers(links, "w after"), (W - lr * dW).T)
        if position < len(window.steps) - 1:
            qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
            assert window.position == position + 1
    assert seen == {"forward", "loss", "backward", "update"}
    assert not window.next_button.isEnabled()


@pytest.mark.parametrize("exp", [
    experiment("binary", hidden=(("tanh", 5), ("relu", 3))),
    experiment("binary", hidden=(("sigmoid", 4),), l1=0.01, l2=0.02),
    experiment("multiclass", hidden=(("leaky_relu", 6), ("linear", 4))),
    experiment("regression", "mse", hidden=(("tanh", 4),), l2=0.05),
    experiment("regression", "huber", hidden=(("relu", 5), ("sigmoid", 3))),
], ids=["binary", "binary-l1-l2", "multiclass", "mse-l2", "huber"])
def test_every_number_shown_equals_the_networks_own_gradients(qtbot, open_inspector, exp):
    window = open_inspector(exp)
    window.pick_sample(7)
    check_every_step(qtbot, window)


def test_weights_come_from_the_snapshot(qtbot, open_inspector):
    exp = experiment("binary", optimizer="adam")
    trainer = Trainer(exp)
    for _ in range(25):
        trainer.step()
    snapshot = SnapshotTaker(trainer).take()
    window = open_inspector(exp, snapshot)
    for W, expected in zip(network_of(window).params, snapshot.weights):
        assert np.array_equal(W[0], expected)
    assert "iteration 25" in window.weights_label.text()
    assert "Adam" in window.weights_label.text()  # the update shown is plain SGD, and it says so
    check_every_step(qtbot, window)


def test_buttons_and_keys_move_through_the_phases(qtbot, open_inspector):
    window = open_inspector(experiment("binary", hidden=(("tanh", 3),)))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # the keys are shortcuts of this window
    # The steps of a net with one hidden layer: input, 2 layers forward, loss, 2 back, 2 updates.
    phases = ["Forward", "Forward", "Forward", "Loss", "Backward", "Backward", "Update", "Update"]
    assert len(window.steps) == len(phases)
    assert window.phase_label.text().startswith("1. Forward") and not window.previous_button.isEnabled()
    for expected in phases[1:]:
        qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
        assert expected in window.phase_label.text()
    assert window.phase_label.text().startswith("4. Update") and "step 8 of 8" in window.phase_label.text()
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)  # disabled at the end: nothing happens
    assert window.position == 7
    for expected in reversed(phases[:-1]):
        qtbot.mouseClick(window.previous_button, Qt.MouseButton.LeftButton)
        assert expected in window.phase_label.text()
    assert window.position == 0

    assert window.focusWidget() is window.sample_spin  # it takes no arrow or page key from the phases
    for _ in range(3):
        qtbot.keyClick(window.sample_spin, Qt.Key.Key_Right)
    assert window.phase_label.text().startswith("2. Loss")
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.phase_label.text().startswith("3. Backward")
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.phase_label.text().startswith("2. Loss")
    qtbot.keyClick(window.sample_spin, Qt.Key.Key_PageUp)
    qtbot.keyClick(window.sample_spin, Qt.Key.Key_PageUp)
    assert window.phase_label.text().startswith("1. Forward") and "hidden layer 1" in window.phase_label.text()
    assert window.sample_spin.value() == 1  # the page keys did not step the sample


def test_picking_a_sample_by_index_updates_the_numbers(qtbot, open_inspector):
    window = open_inspector(experiment("multiclass"))
    for _ in range(4):
        window.next_step()  # the loss
    data = window.data
    before = numbers(window.neuron_table, "prediction a")
    window.sample_spin.setValue(12)  # shown 1-based
    assert window.index == 11
    assert f"class {data.train_labels[11]}" in window.sample_label.text()
    x1 = f"x1 = {data.train_points[11, 0]:.4g}".replace("-", "−")
    assert x1 in window.sample_label.text()
    after = numbers(window.neuron_table, "prediction a")
    assert not np.allclose(before, after)
    assert_shown(after, network_of(window).predict(data.X_train[11:12])[0])
    assert_shown(numbers(window.neuron_table, "target y"), data.Y_train[11])
    assert window.phase == "loss"  # the step stays put, so samples can be compared
    window.pick_sample(3)
    assert window.sample_spin.value() == 4
    check_every_step(qtbot, window)


def test_wide_layers_show_the_first_neurons_and_say_how_many_more(qtbot, open_inspector):
    window = open_inspector(experiment("binary", hidden=(("tanh", 20),)))
    window.next_step()
    assert window.neuron_table.rowCount() == MAX_UNITS
    assert window.link_table.rowCount() == 3 * MAX_UNITS
    assert "16 of 20" in window.more_label.text() and window.more_label.isVisibleTo(window)
    window.next_step()  # the output layer: 16 of the 20 incoming links are listed
    assert window.link_table.rowCount() == MAX_UNITS
    net = network_of(window)
    assert_shown(numbers(window.link_table, "weight w"), net.params[1][0][:MAX_UNITS].T)


def test_a_30_layer_nets_headers_fit_their_rectangles_and_the_layer_at_hand_scrolls_into_view(qtbot, open_inspector):
    hidden = tuple((("tanh", "leaky_relu", "sigmoid")[i % 3], 3) for i in range(30))
    window = open_inspector(experiment("binary", hidden=hidden))
    window.resize(1024, 700)
    diagram, scroll = window.diagram, window.diagram_scroll
    flags = (Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, Qt.AlignmentFlag.AlignCenter)
    for step in (0, 17, 32, 45, 80):  # forward at the input and layer 17, the loss, backward, update
        while window.position < step:
            qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: diagram.width() >= diagram.minimumWidth())
        columns = diagram.columns
        assert len(columns) == 33  # the input, 30 hidden layers, the output and the target
        previous = QRectF()
        for k, column in enumerate(columns):
            for rect, text, font, flag in zip(diagram.header_rects(k), (column.title, column.caption),
                                              (diagram.header_font(column), diagram.header_font(column, True)), flags):
                needed = QFontMetricsF(font).boundingRect(rect, flag, text)
                assert not text or rect.contains(needed), (k, text, rect, needed)
            title = diagram.header_rects(k)[0]
            assert not title.intersects(previous), (k, column.title)
            previous = title
        at_hand = diagram.header_rects(window.step_layer)[0]
        visible = QRectF(scroll.horizontalScrollBar().value(), 0, scroll.viewport().width(), diagram.height())
        assert visible.contains(at_hand), (window.phase, window.step_layer)
    assert scroll.horizontalScrollBar().maximum() > 0  # too wide for the window: it scrolls


def test_clicking_a_neuron_explains_its_sum(qtbot, open_inspector):
    window = open_inspector(experiment("binary", hidden=(("tanh", 4),)))
    window.next_step()
    layer = window.trace.layers[0]
    qtbot.mouseClick(window.diagram, Qt.MouseButton.LeftButton, pos=window.diagram.circle_center(1, 2).toPoint())
    assert window.selected_unit == 2
    text = window.explanation.text()
    assert text.startswith("<b>neuron 3</b>")
    assert f"<b>{layer.z[2]:.6g}</b>".replace("-", "−") in text
    assert window.neuron_table.selectionModel().selectedRows()[0].row() == 2


def test_a_closed_inspector_shows_again_at_the_same_sample_step_and_rate(qtbot, open_inspector):
    window = open_inspector(experiment("regression", hidden=(("tanh", 4),)))
    window.sample_spin.setValue(9)
    window.lr_spin.setValue(0.2)
    for _ in range(3):
        qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    title, rows = window.layer_title.text(), numbers(window.neuron_table, "prediction a")

    assert window.close() and not window.isVisible()
    window.show()
    qtbot.waitExposed(window)
    assert (window.index, window.sample_spin.value(), window.lr_spin.value()) == (8, 9, 0.2)
    assert window.phase == "loss" and window.phase_label.text().startswith("2. Loss")
    assert window.layer_title.text() == title
    np.testing.assert_array_equal(numbers(window.neuron_table, "prediction a"), rows)
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.phase == "backward" and window.trace.learning_rate == 0.2


# ----- with the main window ----------------------------------------------------------------------


def viewport_pos(output, x, y):
    scene = output.view_box.mapViewToScene(QPointF(x, y))
    return output.plot_widget.mapFromScene(scene)


def isolated_training_point(output) -> int:
    """A training point far (on screen) from every other one, so the click is unambiguous."""
    pos = np.array([[p.x(), p.y()] for p in (viewport_pos(output, *xy) for xy in output.data.train_points)], float)
    distance = np.hypot(*(pos[:, None, :] - pos[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(distance, np.inf)
    inside = (pos[:, 0] > 10) & (pos[:, 1] > 10)
    return int(np.argmax(np.where(inside, distance.min(axis=1), -1)))


def test_the_labs_menu_opens_one_inspector_on_the_main_windows_network(qtbot, main_window):
    titles = [a.text() for a in main_window.menuBar().actions()]
    labs = main_window.menuBar().actions()[titles.index("&Labs")].menu()
    assert "Propagation inspector..." in [a.text() for a in labs.actions()]
    main_window.propagation_inspector_action.trigger()
    inspector = main_window.labs["propagation"]
    assert isinstance(inspector, PropagationInspector) and inspector.isVisible()
    assert inspector.experiment is main_window.experiment
    for W, expected in zip(network_of(inspector).params, main_window.snapshot.weights):
        assert np.array_equal(W[0], expected)
    inspector.close()
    main_window.propagation_inspector_action.trigger()
    assert main_window.labs["propagation"] is inspector and inspector.isVisible()  # raised, not made twice

    # Training on in the main window; "Use latest weights" takes the new ones.
    main_window.controls.step_action.trigger()
    qtbot.waitUntil(lambda: main_window.snapshot.iteration == 1, timeout=TIMEOUT_MS)
    assert "Initial weights" in inspector.weights_label.text()
    qtbot.mouseClick(inspector.refresh_button, Qt.MouseButton.LeftButton)
    assert "iteration 1" in inspector.weights_label.text()
    for W, expected in zip(network_of(inspector).params, main_window.snapshot.weights):
        assert np.array_equal(W[0], expected)
    main_window.close()
    assert not inspector.isVisible()


def test_clicking_a_training_point_in_the_output_view_picks_it(qtbot, main_window):
    inspector = main_window.open_propagation_inspector()
    output = main_window.output
    viewport = output.plot_widget.viewport()
    target = isolated_training_point(output)
    point = output.data.train_points[target]
    assert inspector.index != target

    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=viewport_pos(output, *point))
    assert inspector.index != target  # "Pick a sample" is off: the click is not for the inspector
    qtbot.mouseClick(inspector.pick_button, Qt.MouseButton.LeftButton)
    assert inspector.picking
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=viewport_pos(output, *point))
    assert inspector.index == target and inspector.sample_spin.value() == target + 1
    net = network_of(inspector)
    x, y = inspector.data.X_train[target], inspector.data.Y_train[target]
    assert np.array_equal(x, output.data.X_train[target])
    for _ in range(4):
        inspector.next_step()
    assert_shown(numbers(inspector.neuron_table, "prediction a"), net.predict(x[None])[0])
    assert row_value(inspector.link_table, "total loss") == pytest.approx(
        net.loss_and_grads(x[None], y[None])[0], rel=DISPLAY_RTOL)

    # A click a little off the point still picks it; in "Add points" mode clicks add points instead.
    near = viewport_pos(output, *point) + QPointF(4, -3).toPoint()
    inspector.pick_sample(0)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=near)
    assert inspector.index == target
    inspector.pick_sample(0)
    output.add_button.setChecked(True)
    samples = len(output.data.train_points)
    # A corner of the plane, inside its extent (circle: -5.5..5.5) and far from every sample.
    with qtbot.waitSignal(output.point_added):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=viewport_pos(output, 4.8, 4.8))
    assert inspector.index == 0

    # The added point is the last training sample of the new data; clicking it picks it there.
    output.add_button.setChecked(False)
    qtbot.waitUntil(lambda: len(output.data.train_points) == samples + 1, timeout=TIMEOUT_MS)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=viewport_pos(output, 4.8, 4.8))
    assert inspector.experiment is main_window.experiment
    assert inspector.index == samples and inspector.sample_spin.maximum() == samples + 1
    assert np.allclose(inspector.data.train_points[samples], (4.8, 4.8), atol=0.05)
