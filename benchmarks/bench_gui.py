"""Training speed and window smoothness with the default experiment training in the window.

    python benchmarks/bench_gui.py [--seconds S] [--repeats N] [--engine compiled|numpy]

Three numbers, measured in each repeat:
- throughput ratio: training iterations per second with the window open and redrawing,
  divided by the same experiment's headless iterations per second (Trainer.run), measured
  just before it;
- fps: how often per second the window actually repainted its output view (paint events);
- p95 event-loop lateness: a 10 ms QTimer on the GUI thread records how late each tick
  fires; a starved event loop (GIL held by the trainer) shows up here as lateness.
Each repeat also prints the GUI thread's CPU milliseconds per frame (time.thread_time, which
load on the machine disturbs less than wall time) spent in each view: its show_snapshot, its
rate-limited draws and its paint events. "other" is the rest of the GUI thread's time (the
model, the event loop, toolbars, docks). Every millisecond there is taken from training (the GIL).
The line before last gives the ranges over the repeats; the last line, their medians:
``gui_throughput_ratio=<x> fps=<y> p95_lateness_ms=<z>``.
Both trainers use ``--engine`` (default: compiled, whose slices run without the GIL, so the
window draws while the trainer computes on the other core); the window's measurement starts
once its trainer runs on that engine.
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
from collections import defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # runnable from a source checkout
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QGraphicsView  # noqa: E402

from nnplayground.app.application import make_application  # noqa: E402
from nnplayground.app.file_actions import default_experiment  # noqa: E402
from nnplayground.app.main_window import MainWindow  # noqa: E402
from nnplayground.app.throttle import Throttle  # noqa: E402
from nnplayground.core import Trainer  # noqa: E402

TICK_MS = 10
WARM_UP_S = 1.0
VIEWS = ("output", "diagram", "curves", "status")  # the GUI thread's time split, besides "other"


def long_default_experiment():
    """The default experiment with an EPOCHS budget that outlasts any measurement."""
    exp = default_experiment()
    return exp.replace(training=dataclasses.replace(exp.training, epochs=1_000_000))


def headless_rate(seconds: float, engine: str) -> float:
    trainer = Trainer(long_default_experiment(), engine=engine)
    trainer.wait_for_engine()
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


class ViewClock:
    """GUI-thread CPU seconds per view: wraps each view's show_snapshot, the draws of its
    throttles and the paint events of its graphics views. A measurement inside another (a
    paint forced while drawing) counts once, for the outer one."""

    def __init__(self, window: MainWindow):
        self.seconds: dict[str, float] = defaultdict(float)
        self._depth = 0
        views = {"output": [window.output], "diagram": [window.builder],
                 "curves": list(window.history_plots), "status": [window.status_label]}
        for name, widgets in views.items():
            for widget in widgets:
                self._instrument(name, widget)

    def _instrument(self, name: str, widget) -> None:
        if hasattr(widget, "show_snapshot"):
            widget.show_snapshot = self._timed(name, widget.show_snapshot)
        for throttle in widget.findChildren(Throttle):  # a throttle is its widget's child
            throttle.draw = self._timed(name, throttle.draw)
        graphics = widget.findChildren(QGraphicsView) + ([widget] if isinstance(widget, QGraphicsView) else [])
        for view in graphics:
            if type(view).paintEvent is not QGraphicsView.paintEvent:  # painted from Python (pyqtgraph)
                view.paintEvent = self._timed(name, view.paintEvent)
            else:  # a Python paintEvent would change how often it takes the GIL: time it from outside
                PaintSpan(self, name, view)

    def _timed(self, name: str, function):
        def timed(*args):
            if self._depth:
                return function(*args)
            self._depth += 1
            start = time.thread_time()
            try:
                return function(*args)
            finally:
                self.seconds[name] += time.thread_time() - start
                self._depth -= 1
        return timed

    def open_span(self) -> bool:
        """Start timing a paint from outside (see PaintSpan); False inside another measurement."""
        if self._depth:
            return False
        self._depth += 1
        return True

    def close_span(self, name: str, seconds: float) -> None:
        self.seconds[name] += seconds
        self._depth -= 1

    def split(self) -> dict[str, float]:
        return {name: self.seconds[name] for name in VIEWS}


class PaintSpan(QObject):
    """Times a graphics view's paint events from the viewport's Paint event (an event filter)
    to its drawForeground (the last step of painting), leaving its paintEvent in C++."""

    def __init__(self, clock: ViewClock, name: str, view: QGraphicsView):
        super().__init__(view)
        self.clock, self.name, self.start = clock, name, None
        view.viewport().installEventFilter(self)
        draw_foreground = view.drawForeground

        def timed_foreground(painter, rect):
            draw_foreground(painter, rect)
            if self.start is not None:
                self.clock.close_span(self.name, time.thread_time() - self.start)
                self.start = None
        view.drawForeground = timed_foreground

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            if self.start is not None:  # the last paint never reached drawForeground: drop it
                self.clock.close_span(self.name, 0.0)
                self.start = None
            if self.clock.open_span():
                self.start = time.thread_time()
        return False


@dataclasses.dataclass
class WindowRun:
    rate: float  # training iterations per second
    fps: float  # output view repaints per second
    p95: float  # ms, event-loop lateness
    ms_per_frame: dict[str, float]  # GUI-thread CPU ms per output frame: each view, other, total
    busy: float  # share of the measured wall time the GUI thread spent on the CPU


def window_rate(seconds: float, engine: str) -> WindowRun:
    app = make_application()
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "bench.ini"), QSettings.Format.IniFormat)
        settings.setValue("training_speed", "max")  # the toolbar's "As fast as possible": what this measures
        settings.setValue("engine", engine)
        window = MainWindow(settings, experiment=long_default_experiment())
        window.show()
        paints = PaintCounter(window.output.plot_widget.viewport())
        clock = ViewClock(window)
        lateness, ticks = [], QElapsedTimer()
        ticker = QTimer()
        ticker.setInterval(TICK_MS)

        marks, began = {}, time.perf_counter()

        def tick():
            # The phases are driven from this same tick: a starved event loop delays them too,
            # but the measured window still spans exactly `seconds` of wall time.
            lateness.append(max(0, ticks.restart() - TICK_MS))
            now = time.perf_counter() - began
            if "time" not in marks and now >= WARM_UP_S and window.snapshot.engine == engine:  # start measuring
                marks.update(iteration=window.snapshot.iteration, time=time.perf_counter(), paints=paints.count,
                             cpu=time.thread_time(), views=clock.split())
                lateness.clear()
            elif "time" in marks and time.perf_counter() - marks["time"] >= seconds:
                marks.update(iterations=window.snapshot.iteration - marks["iteration"],
                             seconds=time.perf_counter() - marks["time"], frames=paints.count - marks["paints"],
                             cpu=time.thread_time() - marks["cpu"],
                             views={k: v - marks["views"][k] for k, v in clock.split().items()})
                ticker.stop()
                window.close()
                app.quit()

        ticker.timeout.connect(tick)
        QTimer.singleShot(0, window.controls.play_action.trigger)
        ticks.start()
        ticker.start()
        app.exec()
    frames = max(marks["frames"], 1)
    split = {name: 1000 * s / frames for name, s in marks["views"].items()}
    split["other"] = 1000 * marks["cpu"] / frames - sum(split.values())
    split["total"] = 1000 * marks["cpu"] / frames
    return WindowRun(marks["iterations"] / marks["seconds"], marks["frames"] / marks["seconds"],
                     float(np.percentile(lateness, 95)), split, marks["cpu"] / marks["seconds"])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="length of each measurement")
    parser.add_argument("--repeats", type=int, default=5, help="measurements; the last line gives their medians")
    parser.add_argument("--engine", choices=("compiled", "numpy"), default="compiled", help="the training engine")
    args = parser.parse_args(argv)
    ratios, fpss, p95s = [], [], []
    for repeat in range(1, args.repeats + 1):
        headless = headless_rate(args.seconds, args.engine)
        run = window_rate(args.seconds, args.engine)
        ratios.append(run.rate / headless)
        fpss.append(run.fps)
        p95s.append(run.p95)
        split = "  ".join(f"{name} {ms:.1f}" for name, ms in run.ms_per_frame.items())
        print(f"[{repeat}/{args.repeats}] headless {headless:6.0f} it/s  window {run.rate:6.0f} it/s"
              f"  ratio {ratios[-1]:.2f}  {run.fps:4.1f} frames/s  p95 lateness {run.p95:4.1f} ms", flush=True)
        print(f"      GUI thread CPU ms/frame: {split}  (busy {100 * run.busy:.0f}%)", flush=True)

    def span(values, spec):
        return f"{min(values):{spec}}-{max(values):{spec}}"
    print(f"ranges over {args.repeats}: ratio {span(ratios, '.2f')}  fps {span(fpss, '.1f')}"
          f"  p95_lateness_ms {span(p95s, '.1f')}")
    print(f"gui_throughput_ratio={np.median(ratios):.2f} fps={np.median(fpss):.1f}"
          f" p95_lateness_ms={np.median(p95s):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
