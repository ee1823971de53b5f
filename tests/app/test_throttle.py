"""The views' rate limiter: the newest snapshot, not too often, never while hidden."""
from PySide6.QtWidgets import QLabel

from nnplayground.app.throttle import Throttle
from qt_helpers import show

FAST_FPS = 50  # a 20 ms interval: the timer's turn comes quickly


def make(qtbot, max_fps, visible=True):
    label = QLabel("view")
    if visible:
        show(qtbot, label)
    else:
        qtbot.addWidget(label)
    drawn = []
    return label, Throttle(label, drawn.append, max_fps), drawn


def test_the_first_offer_draws_at_once_and_later_ones_wait_for_their_turn(qtbot):
    label, throttle, drawn = make(qtbot, max_fps=1 / 3600)  # the next turn is an hour away
    throttle.offer(1)
    assert drawn == [1]
    throttle.offer(2)
    throttle.offer(3)
    assert drawn == [1]
    throttle.flush()  # the newest waiting snapshot, now
    assert drawn == [1, 3]
    throttle.offer(4, interval=0.0)  # a caller may shorten the interval
    assert drawn == [1, 3, 4]


def test_the_timer_draws_only_the_newest_snapshot(qtbot):
    label, throttle, drawn = make(qtbot, FAST_FPS)
    throttle.offer(1)
    throttle.offer(2)
    throttle.offer(3)
    qtbot.waitUntil(lambda: drawn == [1, 3])
    qtbot.wait(5 * 1000 // FAST_FPS)  # several intervals: nothing more to draw
    assert drawn == [1, 3]


def test_a_hidden_widget_draws_nothing_until_its_owner_flushes(qtbot):
    label, throttle, drawn = make(qtbot, FAST_FPS, visible=False)
    throttle.offer(1)
    throttle.offer(2)
    qtbot.wait(5 * 1000 // FAST_FPS)
    assert drawn == []
    show(qtbot, label)
    throttle.flush()
    assert drawn == [2]


def test_a_widget_hidden_before_its_turn_keeps_the_snapshot(qtbot):
    label, throttle, drawn = make(qtbot, FAST_FPS)
    throttle.offer(1)
    throttle.offer(2)
    label.hide()
    qtbot.wait(5 * 1000 // FAST_FPS)
    assert drawn == [1]
    label.show()
    throttle.flush()
    assert drawn == [1, 2]


def test_drop_forgets_the_waiting_snapshot(qtbot):
    label, throttle, drawn = make(qtbot, FAST_FPS)
    throttle.offer(1)
    throttle.offer(2)
    throttle.drop()
    qtbot.wait(5 * 1000 // FAST_FPS)
    throttle.flush()
    assert drawn == [1]
