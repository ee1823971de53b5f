import gc
import os

import pytest

# Widgets render offscreen: no display, no window manager, same pixels every run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True, scope="session")
def _no_garbage_collection_inside_paint_events():
    """Python's cycle collector may run at any allocation, including inside a paint event,
    and a test's top-level widget that is only referenced from Python is destroyed when its
    wrapper is collected: Qt then deletes a device it is painting ("Cannot destroy paint
    device that is being painted") and the process dies. Collect only between tests."""
    gc.disable()
    yield
    gc.enable()


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_teardown(item):
    yield
    gc.collect()  # after pytest-qt has closed the test's widgets, outside any paint event


@pytest.fixture
def screenshot(tmp_path):
    """``screenshot(widget, name)``: when the run asks for pictures (NNPLAYGROUND_SCREENSHOTS=1 in
    the environment), the widget as drawn now, saved as tmp_path/name for a person to look at;
    otherwise nothing. Only for tests that check what they draw by other means."""
    from PySide6.QtWidgets import QApplication

    def save(widget, name: str) -> None:
        if os.environ.get("NNPLAYGROUND_SCREENSHOTS"):
            QApplication.processEvents()  # axes settle their widths for the picture
            assert widget.grab().save(str(tmp_path / name))
    return save


@pytest.fixture(scope="module")
def snap():
    """A real snapshot of a small classification run, 300 iterations in, for the plots' tests."""
    from plot_snapshots import classification

    return classification()


@pytest.fixture
def settings(tmp_path):
    """The test's own settings file: nothing read from or written to the person's settings.
    English, whatever the locale of the machine the tests run on (tests switch on purpose)."""
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("language", "en")
    return settings


@pytest.fixture
def make_window(qtbot, settings):
    """Opens main windows on ``settings`` (on the circle preset unless given an experiment),
    each shown with its first snapshot; closes them after the test."""
    from nnplayground.app.main_window import MainWindow
    from nnplayground.core.presets import load_preset
    from qt_helpers import TIMEOUT_MS, show

    windows = []

    def make(experiment=None):
        window = MainWindow(settings, experiment=experiment or load_preset("circle"))
        windows.append(window)
        show(qtbot, window)
        qtbot.waitUntil(lambda: window.snapshot is not None, timeout=TIMEOUT_MS)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def main_window(qtbot, make_window):
    """The main window on the circle preset, with its own settings file, first snapshot drawn."""
    from qt_helpers import TIMEOUT_MS

    window = make_window()
    qtbot.waitUntil(lambda: window.output.data is not None, timeout=TIMEOUT_MS)
    return window


@pytest.fixture
def spiral_out_of_memory(monkeypatch):
    """From now on a Trainer for the spiral data set cannot be built: MemoryError, as a run too
    big for the machine would fail. Other data sets build as usual."""
    from nnplayground.core import Trainer

    real_init = Trainer.__init__

    def out_of_memory(self, experiment):
        if experiment.data.dataset == "spiral":
            raise MemoryError
        real_init(self, experiment)

    monkeypatch.setattr(Trainer, "__init__", out_of_memory)


@pytest.fixture
def sweeps(qtbot, make_window):
    """The sweep window of a main window on a small circle."""
    from test_sweep_window import tiny_circle

    window = make_window(tiny_circle())
    window.sweeps_action.trigger()
    lab = window.labs["sweep"]
    qtbot.waitExposed(lab)
    yield lab
    lab.shutdown()
