"""What the app tests do to widgets as a person would, and how they wait for the worker thread.

Imported by plain name (``from qt_helpers import ...``); the fixtures built on these live in
conftest.py.
"""
from __future__ import annotations

import weakref

from PySide6.QtCore import QObject, Qt, Signal, Slot

TIMEOUT_MS = 30_000
LEFT = Qt.MouseButton.LeftButton


def show(qtbot, widget, size=None):
    """``widget`` shown on screen (closed by pytest-qt after the test), at ``size`` if given."""
    qtbot.addWidget(widget)
    if size is not None:
        widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click(qtbot, widget):
    """A left click in the middle of ``widget``."""
    qtbot.mouseClick(widget, LEFT, pos=widget.rect().center())


def click_action(qtbot, window, action):
    """A click on the main window's toolbar button for ``action``."""
    qtbot.mouseClick(window.controls.widgetForAction(action), LEFT)


def type_into(qtbot, spin, text: str):
    """Select what a spin box holds, type ``text`` over it and press Enter."""
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def choose_speed(window, key: str) -> None:
    """Pick the toolbar's Speed by its key ("max" trains as fast as possible)."""
    combo = window.controls.speed_combo
    combo.setCurrentIndex(combo.findData(key))


def menu_action(window, menu_text: str, action_text: str):
    """The action ``action_text`` of the menu bar's menu ``menu_text``."""
    menu = next(a for a in window.menuBar().actions() if a.text() == menu_text).menu()
    return next(a for a in menu.actions() if a.text() == action_text)


def wait_for_snapshot(qtbot, window, condition):
    """Until the window shows a snapshot (a new run may have none yet) that meets ``condition``."""
    qtbot.waitUntil(lambda: window.snapshot is not None and condition(window.snapshot), timeout=TIMEOUT_MS)


class Echo(QObject):
    """Answers ``ping`` with ``pong`` on the thread it lives on."""

    ping = Signal()
    pong = Signal()

    def __init__(self):
        super().__init__()
        self.ping.connect(self.answer)

    @Slot()
    def answer(self):
        self.pong.emit()


class Relay(QObject):
    """Repeats, as ``heard(args)`` on the thread the relay lives on, what ``signal`` carried."""

    heard = Signal(object)

    def __init__(self, signal):
        super().__init__()
        signal.connect(self.hear)  # queued when ``signal`` is sent from another thread

    def hear(self, *args):
        self.heard.emit(args)


def signal_from_thread(qtbot, signal, action) -> tuple:
    """Do ``action`` and wait until ``signal``, sent on another thread (the worker's), has been
    delivered to the GUI thread; the arguments it carried. (waitSignal on such a signal itself
    would run pytest-qt's slot on the sending thread, racing the wait.)"""
    relay = Relay(signal)
    with qtbot.waitSignal(relay.heard, timeout=TIMEOUT_MS) as blocker:
        action()
    return blocker.args[0]


ECHOES = weakref.WeakKeyDictionary()  # WorkerThread -> (Echo on its thread, Echo on the GUI thread)


def worker_settled(qtbot, worker_thread):
    """Until the GUI thread has handled everything the worker (an app.worker.WorkerThread) has
    sent it in answer to the commands emitted so far. A ping queued on the worker's thread is
    answered after those commands ran, and the answer is queued behind their signals (snapshot
    events among them): when it arrives, the window has taken the snapshots they published.

    The answer is heard by an Echo on the GUI thread, which waitSignal then waits for: pytest-qt's
    blocker is no QObject, so a signal sent on the worker's thread would run its slot there. The
    two echoes live as long as the worker thread: deleting them on two threads at once, while
    Qt takes their connection apart, can crash."""
    if worker_thread not in ECHOES:
        there, here = Echo(), Echo()
        there.moveToThread(worker_thread.thread)
        there.pong.connect(here.ping)  # queued to the GUI thread, where ``here`` lives
        ECHOES[worker_thread] = there, here
    there, here = ECHOES[worker_thread]
    with qtbot.waitSignal(here.pong, timeout=TIMEOUT_MS):
        there.ping.emit()


def pause(qtbot, window):
    """Pause the main window's training with the toolbar, and wait until the window shows the
    snapshot the worker published when it paused (nothing trains after it)."""
    play = window.controls.play_action
    if play.isChecked():
        click_action(qtbot, window, play)
    qtbot.waitUntil(lambda: not play.isChecked(), timeout=TIMEOUT_MS)
    worker_settled(qtbot, window.worker_thread)
