"""Guards against the PySide6 6.12.0 defect on Python 3.11 (see DEVELOPERS.md: Pins).

In that release every Qt call that returns nothing dropped one reference to ``None``; once
None's count reaches zero the interpreter aborts, which a redrawing plot does within
seconds. Both checks run in a child process so an abort fails the test instead of killing
the test session.
"""
import os
import subprocess
import sys
import textwrap
from importlib.metadata import version

import pytest


def run_python(script: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script)], env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_installed_pyside6_is_inside_the_pinned_range():
    major, minor = (int(part) for part in version("PySide6-Essentials").split(".")[:2])
    assert (6, 11) <= (major, minor) < (6, 12)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_qt_calls_keep_none_alive():
    result = run_python("""
        import sys
        from PySide6.QtWidgets import QApplication, QLabel
        app = QApplication([])
        label = QLabel()
        before = sys.getrefcount(None)
        for _ in range(1000):
            label.setText("x")  # returns nothing: 6.12.0 dropped a reference to None here
        print(before - sys.getrefcount(None))
    """)
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout) < 100  # a few stray references at most, not one per call


def test_redrawing_a_plot_keeps_none_alive():
    # Counting None's references over a few dozen frames shows what 6.12.0 did to a redrawing
    # plot (one reference lost per void call, an abort within seconds) without waiting for it.
    result = run_python("""
        import sys
        import numpy as np, pyqtgraph as pg
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        plot = pg.PlotWidget()
        curve = plot.plot()
        plot.show()
        x = np.linspace(0, 10, 500)
        app.processEvents()
        before = sys.getrefcount(None)
        for frame in range(60):
            curve.setData(x, np.sin(x + frame / 20))
            plot.repaint()
            app.processEvents()
        print(before - sys.getrefcount(None))
    """)
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout) < 100  # thousands of void calls: 6.12.0 would have lost thousands
