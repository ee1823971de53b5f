"""StopSignals never loses a signal, even one whose handler Python runs inside a finalizer."""
import signal
import sys

import pytest

from nnplayground.stop_signals import Interrupted, StopSignals

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="raise_signal(SIGINT) ends the process on Windows")


class SignalsWhenCollected:
    """Python runs a pending handler at the next bytecode: here, inside ``__del__``, where an
    exception is printed as "Exception ignored" and dropped."""

    def __del__(self):
        signal.raise_signal(signal.SIGINT)


def test_a_signal_whose_raise_a_finalizer_drops_is_still_seen_by_the_training_loop(monkeypatch):
    dropped = []
    monkeypatch.setattr(sys, "unraisablehook", dropped.append)
    with StopSignals().installed() as stop:
        obj = SignalsWhenCollected()
        del obj  # Interrupted is raised inside __del__ and dropped there
        assert stop.signum == signal.SIGINT  # the loop's check (``stop.signum is not None``) sees it
    assert [type(d.exc_value) for d in dropped] == [Interrupted]  # it really was raised, and dropped


def test_during_start_up_a_signal_inside_a_finalizer_is_noted_then_raised_at_the_next_step(monkeypatch):
    dropped = []
    monkeypatch.setattr(sys, "unraisablehook", dropped.append)
    with StopSignals().installed() as stop:
        with pytest.raises(Interrupted) as raised:
            with stop.deferred():
                obj = SignalsWhenCollected()
                del obj
                stop.raise_noted()
    assert raised.value.exit_code == 130
    assert dropped == []


def test_the_old_handlers_come_back():
    before = signal.getsignal(signal.SIGINT)
    with StopSignals().installed():
        assert signal.getsignal(signal.SIGINT) is not before
    assert signal.getsignal(signal.SIGINT) is before
