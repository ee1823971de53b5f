"""The random actions of the window's fuzz test (test_fuzz.py), each done as a person would
(clicks, keys, menu entries), and the checks made after each one.

Modal dialogs never open: ``Dialogs`` stands in for them, answers at once and counts them.
Every wait is bounded (SETTLE_MS, qt_helpers.TIMEOUT_MS), so a deadlock fails the test instead of
hanging it.
"""
from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtCore import QPoint, QtMsgType, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from nnplayground.core import Experiment
from nnplayground.core.presets import load_preset
from qt_helpers import LEFT, click, click_action, menu_action, type_into, worker_settled

SETTLE_MS = 5_000  # the worker's answers reach the window well within this
NO_MODIFIER, CTRL = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier
SHORTCUTS = ((Qt.Key.Key_Space, NO_MODIFIER, "Space (play/pause)"), (Qt.Key.Key_Right, NO_MODIFIER, "Right (step)"),
             (Qt.Key.Key_Right, CTRL, "Ctrl+Right (epoch)"), (Qt.Key.Key_R, CTRL, "Ctrl+R (reset)"))
WARNING_TYPES = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)


def bad_files(folder: Path) -> dict[str, Path]:
    """Files Open must refuse with one dialog each, by what is wrong with them."""
    files = {
        "garbage": "{this is not JSON",
        "empty": "",
        "wrong value": '{"network": {"hidden": [{"units": -3}]}}',
        "wrong type": '["an", "array"]',
        "deep nesting": "[" * 10_000 + "]" * 10_000,
        "huge integer": '{"seed": ' + "9" * 5000 + "}",
        "recurrent net": load_preset("rnn-long-sequence").to_json(),  # valid, but not for the main window
    }
    paths = {}
    for name, text in files.items():
        paths[name] = folder / (name.replace(" ", "_") + ".json")
        paths[name].write_text(text, encoding="utf-8")
    paths["binary"] = folder / "binary.json"
    paths["binary"].write_bytes(bytes(random.Random(0).randrange(256) for _ in range(4096)))
    paths["folder"] = folder
    paths["missing"] = folder / "missing.json"
    return paths


class Dialogs:
    """Stand-ins for every modal dialog the window can open: each answers at once and counts."""

    def __init__(self, monkeypatch):
        self.warnings: list[str] = []
        self.asked = 0  # dialogs of any other kind: file choosers, About, the weight editor
        self.open_path = self.save_path = ""
        monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: self.warnings.append(text))
        monkeypatch.setattr(QMessageBox, "about", lambda *a: self._ask())
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: self._ask((self.open_path, "")))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: self._ask((self.save_path, "")))
        monkeypatch.setattr(QInputDialog, "getDouble", lambda parent, title, label, value, *a: self._ask((-value, True)))

    def _ask(self, answer=None):
        self.asked += 1
        return answer


def combo_key(qtbot, combo, rng: random.Random) -> None:
    """Up or Down on a combo box with the focus, as a person flicks through its entries."""
    combo.setFocus()
    qtbot.keyClick(combo, rng.choice((Qt.Key.Key_Up, Qt.Key.Key_Down)))


class WindowFuzzer:
    """Random actions on one main window; ``act(rng)`` does one and returns what it did."""

    def __init__(self, qtbot, window, dialogs: Dialogs, folder: Path):
        self.qtbot, self.window, self.dialogs, self.folder = qtbot, window, dialogs, folder
        self.bad = bad_files(folder)
        self.saves = 0
        c, d, b = window.controls, window.data_panel, window.builder
        self.actions = [  # (weight, name, action)
            (12, "play", self.play), (4, "play burst", self.play_burst), (6, "shortcut", self.shortcut),
            (8, "step", self.step), (2, "epoch", self.epoch), (5, "reset", self.reset),
            (3, "speed", lambda rng: self.key_on(c.speed_combo, rng, "speed")),
            (3, "+ layer", lambda rng: self.click_button(b.add_layer_button, "+ layer")),
            (3, "- layer", lambda rng: self.click_button(b.remove_layer_button, "- layer")),
            (5, "neuron button", self.neuron_button), (2, "activation", self.activation),
            (2, "edit weight", self.edit_weight), (4, "data set", self.dataset),
            (2, "noise", lambda rng: self.slider(d.noise_slider, rng, "noise")),
            (1, "train/test", lambda rng: self.slider(d.ratio_slider, rng, "train/test")),
            (2, "samples", lambda rng: self.type(d.samples_spin, rng.choice(("50", "200", "500", "1000", "3", "0")),
                                                 "samples")),
            (1, "classes", lambda rng: self.spin_arrow(d.classes_spin, rng, "classes")),
            (1, "task", lambda rng: self.key_on(d.task_combo, rng, "task")), (2, "feature", self.feature),
            (1, "regenerate", lambda rng: self.click_button(d.regenerate_button, "regenerate")),
            (1, "outliers", lambda rng: self.spin_arrow(d.outliers_spin, rng, "outliers")),
            (2, "batch size", lambda rng: self.type(c.batch_size, rng.choice(("1", "10", "32", "500", "0")), "batch size")),
            (2, "EPOCHS", lambda rng: self.type(c.epochs, rng.choice(("0", "1", "3", "20")), "EPOCHS")),
            (2, "learning rate", self.learning_rate),
            (1, "optimizer", lambda rng: self.key_on(c.optimizer, rng, "optimizer")),
            (1, "regularization", lambda rng: self.key_on(c.regularization, rng, "regularization")),
            (1, "precision", lambda rng: self.key_on(c.dtype, rng, "precision")),
            (1, "batches", lambda rng: self.key_on(c.batch_mode, rng, "batches")),
            (1, "new seed", lambda rng: self.click_button(c.new_seed_button, "new seed")),
            (5, "output view", self.output_view), (4, "preset", self.preset), (4, "open lab", self.open_lab), (4, "close lab", self.close_lab),
            (4, "gradient lab", self.in_gradient_lab), (4, "open bad file", self.open_bad_file),
            (1, "open saved file", self.open_saved_file), (2, "save as", self.save_as), (1, "save", self.save),
            (1, "new", lambda rng: self.menu("&File", "&New")), (1, "export metrics", self.export_metrics),
            (1, "headline", lambda rng: self.menu("&View", "Headline numbers")),
            (1, "reset layout", lambda rng: self.menu("&View", "Reset layout")),
            (1, "about", lambda rng: self.menu("&Help", "&About nnplayground")),
        ]
        self.current = ""  # the name of the action under way, for a failure's message

    def act(self, rng: random.Random) -> str:
        """Do one random action; what it was, in words."""
        weights = [weight for weight, _, _ in self.actions]
        _, self.current, action = rng.choices(self.actions, weights)[0]
        return action(rng)

    # ----- commands ------------------------------------------------------------------------

    def play(self, rng) -> str:
        click_action(self.qtbot, self.window, self.window.controls.play_action)
        return "click Play/Pause"

    def play_burst(self, rng) -> str:
        n = rng.randint(2, 6)
        for _ in range(n):
            click_action(self.qtbot, self.window, self.window.controls.play_action)
        return f"click Play/Pause {n} times without a pause"

    def shortcut(self, rng) -> str:
        key, modifier, name = rng.choice(SHORTCUTS)
        self.window.builder.setFocus()  # where the keys go when no field is being typed into
        self.qtbot.keyClick(self.window.builder, key, modifier)
        return f"press {name} on the network"

    def step(self, rng) -> str:
        n = rng.choice((1, 1, 3))
        for _ in range(n):
            click_action(self.qtbot, self.window, self.window.controls.step_action)
        return f"click Step {n} times"

    def epoch(self, rng) -> str:
        click_action(self.qtbot, self.window, self.window.controls.epoch_action)
        return "click Epoch"

    def reset(self, rng) -> str:
        click_action(self.qtbot, self.window, self.window.controls.reset_action)
        return "click Reset"

    # ----- widgets -------------------------------------------------------------------------

    def click_button(self, button, name: str) -> str:
        click(self.qtbot, button)
        return f"click {name}"

    def key_on(self, combo, rng, name: str) -> str:
        combo_key(self.qtbot, combo, rng)
        return f"flick {name} to {combo.currentText()!r}"

    def type(self, spin, text: str, name: str) -> str:
        type_into(self.qtbot, spin, text)
        return f"type {text!r} into {name}"

    def spin_arrow(self, spin, rng, name: str) -> str:
        spin.setFocus()
        self.qtbot.keyClick(spin, rng.choice((Qt.Key.Key_Up, Qt.Key.Key_Down)))
        return f"arrow {name} to {spin.value()}"

    def slider(self, slider, rng, name: str) -> str:
        slider.setFocus()
        key = rng.choice((Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Left, Qt.Key.Key_Right))
        self.qtbot.keyClick(slider, key)
        return f"key {key.name} on the {name} slider"

    def learning_rate(self, rng) -> str:
        combo = self.window.controls.learning_rate
        if rng.random() < 0.3:
            text = rng.choice(("abc", "0.5", "-1", "1e9", "nan"))
            field = combo.lineEdit()
            field.setFocus()
            field.selectAll()
            self.qtbot.keyClicks(field, text)
            self.qtbot.keyClick(field, Qt.Key.Key_Return)
            return f"type {text!r} as the learning rate"
        return self.key_on(combo, rng, "learning rate")

    def dataset(self, rng) -> str:
        name, button = rng.choice(sorted(self.window.data_panel.dataset_buttons.items()))
        click(self.qtbot, button)
        return f"click data set {name}"

    def feature(self, rng) -> str:
        name, check = rng.choice(sorted(self.window.data_panel.feature_boxes.items()))
        click(self.qtbot, check)
        return f"click feature {name}"

    def neuron_button(self, rng) -> str:
        layers = len(self.window.experiment.network.hidden)
        if not layers:
            return self.click_button(self.window.builder.add_layer_button, "+ layer")
        k = rng.randrange(layers)
        header = self.window.builder.header(k)
        add = rng.random() < 0.5
        self.qtbot.mouseClick(header.add_button if add else header.remove_button, LEFT)
        return f"click {'+' if add else '-'} neuron of layer {k + 1}"

    def activation(self, rng) -> str:
        layers = len(self.window.experiment.network.hidden)
        if not layers:
            return "nothing (no hidden layer to change the activation of)"
        k = rng.randrange(layers)
        return self.key_on(self.window.builder.header(k).activation_combo, rng, f"activation of layer {k + 1}")

    def edit_weight(self, rng) -> str:
        builder = self.window.builder
        if builder.snapshot is None:
            return "nothing (no weights drawn to edit)"
        layer = rng.randrange(len(builder.experiment.network.hidden) + 1)  # into a hidden layer or the output
        target = builder.link_item(layer).line(0, 0).pointAt(0.3)
        builder.view.centerOn(target)  # scrolled to it, as a person would
        point = builder.view.mapFromScene(target)
        if not builder.view.viewport().rect().contains(point):
            return "nothing (the link cannot be scrolled into view)"
        self.qtbot.mouseDClick(builder.view.viewport(), LEFT, pos=point)
        return f"double-click the first link into layer {layer + 1}"

    def output_view(self, rng) -> str:
        output = self.window.output
        what = rng.choice(("click the plane", "click the plane", "add points", "clear my points", "discretize",
                           "show test data"))
        if what == "click the plane":  # adds a point in add mode, else picks the nearest sample
            viewport = output.plot_widget.viewport()
            point = QPoint(rng.randrange(viewport.width()), rng.randrange(viewport.height()))
            self.qtbot.mouseClick(viewport, LEFT, pos=point)
            return f"click the output plane at ({point.x()}, {point.y()}) with Add points {output.add_button.isChecked()}"
        button = {"add points": output.add_button, "clear my points": output.clear_button,
                  "discretize": output.discretize_box, "show test data": output.show_test_box}[what]
        self.qtbot.mouseClick(button, LEFT, pos=QPoint(6, button.height() // 2))  # on a check box's box
        return f"click {what}"

    # ----- menus, files and labs -------------------------------------------------------------

    def menu(self, menu: str, entry: str) -> str:
        menu_action(self.window, menu, entry).trigger()
        return f"{menu.replace('&', '')} > {entry.replace('&', '')}"

    def preset(self, rng) -> str:
        name = rng.choice(sorted(self.window.preset_actions))
        self.window.preset_actions[name].trigger()
        return f"Presets > {name}"

    def open_lab(self, rng) -> str:
        action = rng.choice((self.window.gradient_lab_action, self.window.propagation_inspector_action,
                             self.window.activation_lab_action))
        action.trigger()
        return f"Labs > {action.text()}"

    def close_lab(self, rng) -> str:
        shown = sorted(name for name, lab in self.window.labs.items() if lab.isVisible())
        if not shown:
            return self.open_lab(rng)
        name = rng.choice(shown)
        self.window.labs[name].close()
        return f"close the {name} lab"

    def in_gradient_lab(self, rng) -> str:
        lab = self.window.labs.get("gradient")
        if lab is None or not lab.isVisible():
            return self.open_lab(rng)
        what = rng.choice(("play", "play", "step", "reset", "tab"))
        if what == "tab":
            lab.tabs.setCurrentIndex(rng.randrange(lab.tabs.count()))
            return f"gradient lab: show tab {lab.tabs.tabText(lab.tabs.currentIndex())!r}"
        click(self.qtbot, {"play": lab.play_button, "step": lab.step_button, "reset": lab.reset_button}[what])
        return f"gradient lab: click {what}"

    def open_bad_file(self, rng) -> str:
        kind = rng.choice(sorted(self.bad))
        before, warned, asked = self.window.experiment, len(self.dialogs.warnings), self.dialogs.asked
        self.dialogs.open_path = str(self.bad[kind])
        self.menu("&File", "&Open experiment...")
        assert self.dialogs.asked == asked + 1, "File > Open asked for no file, or several times"
        assert len(self.dialogs.warnings) == warned + 1, f"opening a {kind} file showed no warning, or several"
        assert self.window.experiment == before, f"opening a {kind} file changed the experiment"
        message = self.dialogs.warnings[-1]
        assert message and "\n" not in message and "Traceback" not in message, f"not one clear line: {message!r}"
        return f"File > Open a {kind} file (refused: {self.dialogs.warnings[-1][:80]!r})"

    def open_saved_file(self, rng) -> str:
        if not self.saves:
            return self.save_as(rng)
        path = self.folder / f"saved{rng.randrange(self.saves)}.json"
        self.dialogs.open_path = str(path)
        self.menu("&File", "&Open experiment...")
        assert self.window.experiment == Experiment.load(path), "a saved file opened as another experiment"
        return f"File > Open {path.name}"

    def save_as(self, rng) -> str:
        path = self.folder / f"saved{self.saves}.json"
        self.saves += 1
        self.dialogs.save_path = str(path)
        asked, warned = self.dialogs.asked, len(self.dialogs.warnings)
        self.menu("&File", "Save &As...")
        assert (self.dialogs.asked, len(self.dialogs.warnings)) == (asked + 1, warned), "Save As: one dialog, no warning"
        assert Experiment.load(path) == self.window.experiment, "Save As wrote another experiment"
        return f"File > Save As {path.name}"

    def save(self, rng) -> str:
        if self.window.model.path is None:
            return self.save_as(rng)
        self.menu("&File", "&Save")
        assert Experiment.load(self.window.model.path) == self.window.experiment, "Save wrote another experiment"
        return f"File > Save to {self.window.model.path.name}"

    def export_metrics(self, rng) -> str:
        self.dialogs.save_path = str(self.folder / "metrics.csv")
        return self.menu("&File", "Export metrics CSV...")

    # ----- checks ------------------------------------------------------------------------------

    def check(self) -> None:
        """What must hold once the window and its workers have handled everything sent so far.
        Answers may still be on their way (a slider's edit lands DEBOUNCE_MS after its key, the
        worker stops by itself when EPOCHS are done): each check is retried until it holds, for
        at most SETTLE_MS, so only a lasting inconsistency fails."""
        self.qtbot.waitUntil(self.window_consistent, timeout=SETTLE_MS)
        lab = self.window.labs.get("gradient")
        if lab is not None:
            worker_settled(self.qtbot, lab.worker_thread)
            self.qtbot.waitUntil(lambda: lab.play_button.isChecked() == lab.worker_thread.worker.playing,
                                 timeout=SETTLE_MS)

    def window_consistent(self) -> None:
        """Asserts that, with the worker's answers so far delivered, the main window is consistent."""
        window = self.window
        worker_settled(self.qtbot, window.worker_thread)
        play = window.controls.play_action
        assert play.isChecked() == window.worker_thread.worker.playing, "Play/Pause does not show what the worker does"
        assert play.text() == ("Pause" if play.isChecked() else "Play")
        exp = window.experiment
        assert Experiment.from_json(exp.to_json()) == exp, "the model holds an experiment that does not validate"
        assert window.controls.batch_size.value() == exp.training.batch_size, "the batch size on show is not the model's"
        assert window.controls.epochs.value() == (exp.training.epochs or 0), "EPOCHS on show are not the model's"
        assert window.controls.batch_mode.currentData() == exp.training.batch_mode, "another batch order is on show"
        units = [window.builder.header(k).caption.text().split()[0] for k in range(len(exp.network.hidden))]
        assert units == [str(layer.units) for layer in exp.network.hidden], "the builder shows another network"
        if not window.data_panel.error:  # a rejected draft stays on show until repaired
            assert window.data_panel.dataset_buttons[exp.data.dataset].isChecked(), "another data set is on show"
        if not window.model.restart_pending:
            snapshot = window.snapshot
            assert snapshot is not None, "no snapshot on show"
            assert snapshot.experiment == exp, \
                f"the snapshot on show is of another experiment: {differences(snapshot.experiment, exp)}"


def differences(shown: Experiment, held: Experiment) -> str:
    """Which fields of two experiments differ, as "section.field: shown != held"."""
    out = []
    for section in ("data", "network", "optimizer", "training"):
        a, b = getattr(shown, section), getattr(held, section)
        out += [f"{section}.{f}: {getattr(a, f)!r} != {getattr(b, f)!r}" for f in a.__dataclass_fields__
                if getattr(a, f) != getattr(b, f)]
    out += [f"{f}: {getattr(shown, f)!r} != {getattr(held, f)!r}" for f in ("seed", "dtype", "name")
            if getattr(shown, f) != getattr(held, f)]
    return "; ".join(out) or "equal fields"


def qt_warnings(records) -> list[str]:
    """The Qt messages of warning level or worse among pytest-qt's ``qtlog.records``, but for
    those a ``qt_log_ignore`` marker lets pass."""
    return [r.message for r in records if r.type in WARNING_TYPES and not r.ignored]


