"""Memory over long use: does the resident set stop growing once warmed up?

    python benchmarks/soak.py [--iterations N] [--window-minutes M] [--lab-cycles C]

Three soaks, each measured as the growth of the process's resident memory (RSS) from the end
of its warm-up to its end, after a garbage collection at both points:
- headless: N iterations (default 1,000,000) of the default experiment through ``Trainer.run``,
  records and history included; warm-up: the first 5% of the iterations;
- window: the main window (offscreen unless QT_QPA_PLATFORM says otherwise) training the
  default experiment "as fast as possible" for M minutes (default 30), drawing all the while;
  warm-up: the first minute (or the first tenth of a shorter soak);
- labs: each lab (gradient lab, activation lab, propagation inspector, parallel lab) opened from the Labs
  menu, left to draw for a moment and closed, C times (default 20); warm-up: the first cycle.
Each soak prints its RSS samples; the last line is
``headless_growth_mb=<x> window_growth_mb=<y> labs_growth_mb=<z>``. The issue's goals: under
50 MB for the two runs and under 20 MB for the lab cycles. Memory, unlike speed, hardly
depends on the machine's load. Linux only (RSS from /proc/self/statm).
"""
import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):  # as the other benchmarks
    os.environ[_var] = "1"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import gc  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # runnable from a source checkout
from nnplayground.core import Trainer  # noqa: E402
from nnplayground.core.presets import load_preset  # noqa: E402

MB = 2**20
LAB_DRAW_MS = 1500  # a lab stays open this long each cycle: long enough to train and draw


def rss_mb() -> float:
    """Resident memory now, in MiB, after a full garbage collection."""
    gc.collect()
    with open("/proc/self/statm") as f:
        resident_pages = int(f.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / MB


def endless_default_experiment():
    """The window's default experiment (the circle preset), with no budget and no stop rule:
    it trains as long as asked. Read from core, so the headless soak never loads Qt."""
    exp = load_preset("circle")
    return exp.replace(training=dataclasses.replace(exp.training, epochs=None, target_loss=None, patience=None))


def headless_growth(iterations: int) -> float:
    trainer = Trainer(endless_default_experiment())
    trainer.wait_for_engine()  # the compiled kernel (~150 MB of numba and LLVM) is there from the start, as in `run`
    slice_ = max(1, iterations // 20)
    warm_up = max(1, iterations // 20)
    trainer.run(max_iterations=warm_up)
    start = rss_mb()
    print(f"headless: {trainer.iteration:,} iterations  RSS {start:.1f} MB (after warm-up)", flush=True)
    while trainer.iteration < iterations:
        trainer.run(max_iterations=min(slice_, iterations - trainer.iteration))
        if trainer.status != "training":
            raise RuntimeError(f"training stopped early: {trainer.status}")
        print(f"headless: {trainer.iteration:,} iterations  RSS {rss_mb():.1f} MB", flush=True)
    return rss_mb() - start


def run_event_loop(app, milliseconds: int) -> None:
    """Let the window work (train, draw) for ``milliseconds``."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def window_soaks(minutes: float, lab_cycles: int) -> tuple[float, float]:
    """(window growth, labs growth) in MB, both in one window on a throwaway settings file."""
    from PySide6.QtCore import QSettings

    from nnplayground.app.application import make_application
    from nnplayground.app.main_window import MainWindow

    app = make_application()
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "soak.ini"), QSettings.Format.IniFormat)
        settings.setValue("training_speed", "max")
        window = MainWindow(settings, experiment=endless_default_experiment())
        window.show()
        window.controls.play_action.setChecked(True)
        window_growth = timed_soak(app, window, minutes * 60)
        window.controls.play_action.setChecked(False)
        labs_growth = lab_soak(app, window, lab_cycles)
        window.close()
    return window_growth, labs_growth


def timed_soak(app, window, seconds: float) -> float:
    warm_up = min(60.0, seconds / 10)
    run_event_loop(app, int(warm_up * 1000))
    start, began = rss_mb(), time.monotonic()
    print(f"window: {window.snapshot.iteration:,} iterations  RSS {start:.1f} MB (after warm-up)", flush=True)
    report_every = max(10.0, seconds / 20)
    while (left := seconds - warm_up - (time.monotonic() - began)) > 0:
        run_event_loop(app, int(min(report_every, left) * 1000))
        print(f"window: {window.snapshot.iteration:,} iterations  RSS {rss_mb():.1f} MB", flush=True)
    return rss_mb() - start


def lab_soak(app, window, cycles: int) -> float:
    """Open and close every lab ``cycles`` times from the Labs menu, training meanwhile."""
    actions = (window.gradient_lab_action, window.activation_lab_action, window.propagation_inspector_action,
               window.parallel_lab_action)
    window.controls.play_action.setChecked(True)
    start = None
    for cycle in range(1, cycles + 1):
        for action in actions:
            action.trigger()
            run_event_loop(app, LAB_DRAW_MS)
            for lab in window.labs.values():
                lab.close()
            run_event_loop(app, 50)
        rss = rss_mb()
        if cycle == 1:
            start = rss  # warm-up: every lab made once, its imports and caches filled
        print(f"labs: cycle {cycle}  RSS {rss:.1f} MB", flush=True)
    window.controls.play_action.setChecked(False)
    return rss_mb() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=1_000_000, help="headless iterations (default 1,000,000)")
    parser.add_argument("--window-minutes", type=float, default=30.0, help="minutes training in the window (default 30)")
    parser.add_argument("--lab-cycles", type=int, default=20, help="times each lab is opened and closed (default 20)")
    args = parser.parse_args()
    headless = headless_growth(args.iterations)
    window, labs = window_soaks(args.window_minutes, args.lab_cycles)
    print(f"headless_growth_mb={headless:.1f} window_growth_mb={window:.1f} labs_growth_mb={labs:.1f}")


if __name__ == "__main__":
    main()
