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
def main_window(qtbot, tmp_path):
    """The main window on the circle preset, with its own settings file, first snapshot drawn."""
    from PySide6.QtCore import QSettings

    from nnplayground.app.main_window import MainWindow
    from nnplayground.core.presets import load_preset

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, experiment=load_preset("circle"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.snapshot is not None and window.output.data is not None, timeout=30_000)
    yield window
    window.close()
