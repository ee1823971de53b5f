"""Time from starting ``python -m nnplayground`` to its main window on screen.

    python benchmarks/bench_launch.py [--runs N]

Each run starts a fresh interpreter that opens the window exactly as ``python -m nnplayground``
does (``cli.main`` with no arguments, fresh settings in a temporary folder) and reports the
moment the first window is exposed (Qt's Expose event: mapped and ready to be drawn), then
exits at once. Bytecode is compiled by a first, unmeasured start of each (into a temporary
folder), as for an installed package. The reference, measured in the same runs, is the same
for a bare PySide6 program that shows an empty QMainWindow: the start-up cost of Python and
Qt themselves. The runs of the two take turns, and each prints its median. The last line is
``launch_s=<median> reference_s=<median> launch_ratio=<launch / reference>``.
Runs offscreen unless QT_QPA_PLATFORM says otherwise (set it to xcb under an X server to
include mapping a real window).
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs in the child: quit as soon as the first window is exposed, printing "exposed".
PROBE = r"""
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication

class FirstExpose(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Expose and isinstance(obj, QWindow) and obj.isExposed():
            print("exposed", flush=True)
            os._exit(0)
        return False

app = QApplication(sys.argv[:1])
probe = FirstExpose()
app.installEventFilter(probe)
"""

LAUNCH = PROBE + "from nnplayground.cli import main\nsys.exit(main([]))\n"
REFERENCE = PROBE + "from PySide6.QtWidgets import QMainWindow\nw = QMainWindow()\nw.show()\napp.exec()\n"


def time_to_expose(code: str, env: dict) -> float:
    start = time.perf_counter()
    child = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    if "exposed" not in child.stdout:
        raise SystemExit(f"the window never showed (exit code {child.returncode}):\n{child.stderr[-2000:]}")
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="starts of each program; medians are printed")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
                   XDG_CONFIG_HOME=home, HOME=home,  # fresh settings: the default experiment
                   PYTHONPYCACHEPREFIX=str(Path(home) / "bytecode"))  # compiled once, as an installed package is
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        time_to_expose(REFERENCE, env)  # warm the file cache and compile the bytecode for both
        time_to_expose(LAUNCH, env)
        launch, reference = [], []
        for run in range(1, args.runs + 1):
            reference.append(time_to_expose(REFERENCE, env))
            launch.append(time_to_expose(LAUNCH, env))
            print(f"[{run}/{args.runs}] nnplayground {launch[-1]:.2f} s   bare Qt window {reference[-1]:.2f} s",
                  flush=True)
    ours, base = statistics.median(launch), statistics.median(reference)
    print(f"medians: nnplayground {ours:.2f} s ({min(launch):.2f}-{max(launch):.2f}),"
          f" bare Qt window {base:.2f} s ({min(reference):.2f}-{max(reference):.2f})")
    print(f"launch_s={ours:.2f} reference_s={base:.2f} launch_ratio={ours / base:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
