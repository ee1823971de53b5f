"""The propagation inspector's "Check with PyTorch", clicked as a person would: the table beside
the app's numbers holds the loss and gradient norms of an independent torch computation, the
verdict says how well they agree, and without torch the button says how to install it."""
import re
import threading

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnplayground.core import Trainer, reference, torch_check
from nnplayground.core.snapshot import SnapshotTaker
from qt_helpers import TIMEOUT_MS, type_into
from test_propagation_inspector import DISPLAY_RTOL, experiment, network_of, open_inspector, parse, sample_of

torch = pytest.importorskip("torch")

__all__ = ["open_inspector"]  # the fixture, shared with the inspector's own tests


def autograd_by_hand(window):
    """Loss and [||dW1||, ||db1||, ...] of the sample on show, written out in torch here."""
    net = network_of(window)
    x, y = sample_of(window)
    params = [(torch.tensor(W, requires_grad=True), torch.tensor(b, requires_grad=True)) for W, b in net.params]
    a = torch.tensor(x)
    for (W, b), act in zip(params[:-1], net.activations):
        a = {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid}[act.name](a @ W + b)
    z = a @ params[-1][0] + params[-1][1]
    p = torch.sigmoid(z)
    target = torch.tensor(y)
    loss = -(target * torch.log(p) + (1 - target) * torch.log(1 - p)).sum()
    loss = loss + sum(0.5 * net.l2 * (W ** 2).sum() + net.l1 * W.abs().sum() for W, _ in params)
    loss.backward()
    return float(loss.detach()), [float(torch.linalg.norm(t.grad)) for pair in params for t in pair]


def table_rows(table) -> dict[str, list[float]]:
    return {table.item(r, 0).text(): [parse(table.item(r, c).text()) for c in range(1, table.columnCount())]
            for r in range(table.rowCount())}


def click_check(qtbot, window):
    panel = window.torch_panel
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and panel.table.isVisibleTo(window), timeout=TIMEOUT_MS)
    return panel


def assert_table_is_autograd(window):
    loss, norms = autograd_by_hand(window)
    rows = table_rows(window.torch_panel.table)
    names = ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert list(rows) == ["loss L"] + [f"‖∂L/∂{n}‖" for n in names]
    app, torch_value, max_abs, max_rel = rows["loss L"]
    assert app == pytest.approx(loss, rel=DISPLAY_RTOL) and torch_value == pytest.approx(loss, rel=DISPLAY_RTOL)
    for name, norm in zip(names, norms):
        app, torch_value, max_abs, max_rel = rows[f"‖∂L/∂{name}‖"]
        assert app == pytest.approx(norm, rel=DISPLAY_RTOL)
        assert torch_value == pytest.approx(norm, rel=DISPLAY_RTOL)
        assert 0 <= max_rel < 1e-12 and 0 <= max_abs < 1e-12 * max(norm, 1.0)
    assert norms[0] > 0  # the sample really reaches the first layer


def test_the_check_shows_an_independent_torch_computation(qtbot, open_inspector):
    window = open_inspector(experiment("binary", l1=0.01, l2=0.02))
    panel = window.torch_panel
    assert panel.button.isEnabled() and not panel.table.isVisibleTo(window)
    click_check(qtbot, window)
    assert_table_is_autograd(window)
    verdict = panel.verdict.text()
    assert verdict.startswith("Sample 1: the app and PyTorch agree")
    assert panel.check.max_rel < 1e-12
    # Another sample is checked again at once, without another click.
    type_into(qtbot, window.sample_spin, "7")
    assert window.index == 6
    assert panel.verdict.text().startswith("Sample 7:")
    assert_table_is_autograd(window)


def test_a_wrong_gradient_is_reported(qtbot, open_inspector, monkeypatch):
    """The inspector's trace with a tanh derivative 10% too large: the verdict says they disagree."""
    right = reference.derivative
    monkeypatch.setattr(reference, "derivative", lambda name, z, a, alpha=0.0: 1.1 * right(name, z, a, alpha))
    window = open_inspector(experiment("binary", hidden=(("tanh", 4),)))
    panel = click_check(qtbot, window)
    assert "DISAGREE" in panel.verdict.text()
    assert panel.verdict.text().endswith(f"in ‖∂L/∂{panel.check.largest.name}‖.")
    assert panel.check.largest.name in ("W1", "b1")
    rows = table_rows(panel.table)
    assert rows["‖∂L/∂W1‖"][3] > 0.01 and rows["loss L"][3] < 1e-12


def test_without_torch_the_button_says_how_to_install_it(qtbot, open_inspector, monkeypatch):
    monkeypatch.setattr(torch_check, "available", lambda: False)
    window = open_inspector(experiment("binary"))
    button = window.torch_panel.button
    assert not button.isEnabled()
    assert "pip install nnplayground[distributed]" in button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not window.torch_panel.table.isVisibleTo(window) and window.torch_panel.verdict.text() == ""


def test_a_broken_torch_is_reported_in_one_line(qtbot, open_inspector, monkeypatch):
    def broken():
        raise ImportError("PyTorch could not be imported: libtorch_cpu.so: cannot open shared object file")
    monkeypatch.setattr(torch_check, "import_torch", broken)
    window = open_inspector(experiment("binary"))
    panel = window.torch_panel
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy, timeout=TIMEOUT_MS)
    assert panel.verdict.text() == ("PyTorch could not be imported: libtorch_cpu.so: cannot open shared object "
                                    "file. Install it with: pip install nnplayground[distributed]")
    assert "\n" not in panel.verdict.text()
    assert panel.button.isEnabled() and not panel.table.isVisibleTo(window)
    assert np.isfinite(window.trace.loss)  # the inspector itself goes on working


def test_the_window_works_on_while_torch_loads(qtbot, open_inspector, monkeypatch):
    """torch's import (seconds, the first time) runs off the GUI thread: meanwhile the button
    waits, the inspector steps on, and the check appears when the import ends."""
    loaded = threading.Event()

    def slow_import():
        loaded.wait(TIMEOUT_MS / 1000)
        return torch
    monkeypatch.setattr(torch_check, "import_torch", slow_import)
    window = open_inspector(experiment("binary"))
    panel = window.torch_panel
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    assert panel.busy and not panel.button.isEnabled()
    assert panel.verdict.text().startswith("Loading PyTorch")
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.position == 1
    loaded.set()
    qtbot.waitUntil(lambda: panel.table.isVisibleTo(window), timeout=TIMEOUT_MS)
    assert panel.button.isEnabled() and not panel.busy
    assert re.fullmatch(r"Sample 1: the app and PyTorch agree (exactly|to \de-\d\d \(largest relative difference, "
                        r"in (loss L|‖∂L/∂[Wb]\d‖)\))\.", panel.verdict.text())
    assert_table_is_autograd(window)


def test_a_diverged_net_gets_a_verdict_not_a_warning(qtbot, open_inspector):
    exp = experiment("regression", "mse", hidden=(("relu", 4),))
    trainer = Trainer(exp)
    trainer.network.theta *= 1e160  # the products overflow to inf, and inf - inf is NaN
    window = open_inspector(exp, SnapshotTaker(trainer).take())
    panel = click_check(qtbot, window)
    assert panel.verdict.text().startswith("Sample 1: the numbers are not finite (the run has diverged)")
    app_loss, torch_loss = table_rows(panel.table)["loss L"][:2]
    assert not np.isfinite(app_loss) and not np.isfinite(torch_loss)
    assert not panel.check.agrees
