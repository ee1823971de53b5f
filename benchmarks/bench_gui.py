"""Training speed and window smoothness with the default experiment training in the window.

    python benchmarks/bench_gui.py [--seconds S]

Three numbers, measured in one run:
- throughput ratio: training iterations per second with the window open and redrawing,
  divided by the same experiment's headless iterations per second (Trainer.run);
- fps: how often per second the window actually repainted its output view (paint events);
- p95 event-loop lateness: a 10 ms QTimer on the GUI thread records how late each tick
  fires; a starved event loop (GIL held by the trainer) shows up here as lateness.
The last line is ``gui_throughput_ratio=<x> fps=<y> p95_lateness_ms=<z>``.
Runs offscreen unless QT_QPA_PLATFORM says otherwise.
"""
import os

# One BLAS thread, as in bench_core.py: the GUI thread needs the second core.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # runnable from a source checkout
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QSettings, QTimer  # noqa: E402

from nnplayground.app.application import make_application  # noqa: E402
from nnplayground.app.file_actions import default_experiment  # noqa: E402
from nnplayground.app.main_window import MainWindow  # noqa: E402
from nnplayground.core import Trainer  # noqa: E402

TICK_MS = 10
WARM_UP_S = 1.0


def long_default_experiment():
    """The default experiment with an EPOCHS budget that outlasts any measurement."""
    exp = default_experiment()
    return exp.replace(training=dataclasses.replace(exp.training, epochs=1_000_000))


def headless_rate(seconds: float) -> float:
    trainer = Trainer(long_default_experiment())
    trainer.run(max_iterations=2000)  # warm-up
    start, begin = time.perf_counter(), trainer.iteration
    while time.perf_counter() - start < seconds:
        trainer.run(max_iterations=500)
    return (trainer.iteration - begin) / (time.perf_counter() - start)


class PaintCounter(QObject):
    def __init__(self, widget):
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def window_rate(seconds: float):
    app = make_application()
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "bench.ini"), QSettings.Format.IniFormat)
        settings.setValue("training_speed", "max")  # the toolbar's "As fast as possible": what this measures
        window = MainWindow(settings, experiment=long_default_experiment())
        window.show()
        paints = PaintCounter(window.output.plot_widget.viewport())
        lateness, clock = [], QElapsedTimer()
        ticker = QTimer()
        ticker.setInterval(TICK_MS)

        marks, began = {}, time.perf_counter()

        def tick():
            # The phases are driven from this same tick: a starved event loop delays them too,
            # but the measured window still spans exactly `seconds` of wall time.
            lateness.append(max(0, clock.restart() - TICK_MS))
            now = time.perf_counter() - began
            if "time" not in marks and now >= WARM_UP_S:  # start measuring
                marks.update(iteration=window.snapshot.iteration, time=time.perf_counter(), paints=paints.count)
                lateness.clear()
            elif "time" in marks and time.perf_counter() - marks["time"] >= seconds:
                marks.update(iterations=window.snapshot.iteration - marks["iteration"],
                             seconds=time.perf_counter() - marks["time"], frames=paints.count - marks["paints"])
                ticker.stop()
                window.close()
                app.quit()

        ticker.timeout.connect(tick)
        QTimer.singleShot(0, window.controls.play_action.trigger)
        clock.start()
        ticker.start()
        app.exec()
    return marks["iterations"] / marks["seconds"], marks["frames"] / marks["seconds"], np.percentile(lateness, 95)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="length of each measurement")
    args = parser.parse_args(argv)
    headless = headless_rate(args.seconds)
    in_window, fps, p95 = window_rate(args.seconds)
    print(f"headless {headless:8.0f} iterations/s")
    print(f"window   {in_window:8.0f} iterations/s   {fps:5.1f} frames/s   p95 event-loop lateness {p95:.1f} ms")
    print(f"gui_throughput_ratio={in_window / headless:.2f} fps={fps:.1f} p95_lateness_ms={p95:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
