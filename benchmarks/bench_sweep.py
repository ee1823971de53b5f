"""Wall time of a 12-run sweep on 2 worker processes against 1 (this process), and the speed-up.

    python benchmarks/bench_sweep.py

The sweep: the circle preset with its two hidden layers widened to UNITS units, for EPOCHS
epochs (10,000 iterations, about 1-2 s per run on one core), learning rate x 4 values x seeds
1, 2, 3, through the executors ``nnplayground sweep`` uses (core/executors.py). Runs this long
keep the pool's start-up, which the 2-worker time includes, a small part of the total. Both
sweeps must give identical rows (apart from wall time), which is checked. Each sweep's line
also gives the mean wall time of one run (from the rows). The last line is ``speedup=<x>``
(1 worker's time over 2 workers'); on a machine with other work running the speed-up is lower
than the cores alone allow, so say the load (printed from os.getloadavg) beside any number quoted.
BLAS threads are left as ``nnplayground sweep`` leaves them, so this measures what a sweep gets
(on these nets' small matrices OpenBLAS stays on one thread: forcing one changed nothing here).
"""
import dataclasses
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nnplayground.core.executors import PoolExecutor, SerialExecutor  # noqa: E402
from nnplayground.core.presets import load_preset  # noqa: E402
from nnplayground.core.sweep import build_settings, expand  # noqa: E402

EPOCHS = 400
UNITS = 32
SETTINGS = ["optimizer.learning_rate=0.01,0.03,0.1,0.3"]
SEEDS = (1, 2, 3)


def timed(executor, points, label):
    """Run the sweep on ``executor`` and print its wall time and mean time per run; returns
    (wall time, the rows' identities in grid order)."""
    started = time.perf_counter()
    rows = [r.row for r in executor.results(points, lambda: False)]
    wall = time.perf_counter() - started
    print(f"{label}: {wall:.2f} s, {sum(r.wall_seconds for r in rows) / len(rows):.2f} s per run")
    return wall, sorted(r.identity() for r in rows)


def main() -> None:
    base = load_preset("circle")
    hidden = tuple(dataclasses.replace(layer, units=UNITS) for layer in base.network.hidden)
    base = base.replace(network=dataclasses.replace(base.network, hidden=hidden),
                        training=dataclasses.replace(base.training, epochs=EPOCHS))
    points = expand(base, build_settings(base, SETTINGS), SEEDS)
    print(f"{len(points)} runs of circle ({len(hidden)} x {UNITS} units), {EPOCHS} epochs each; "
          f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    one, serial = timed(SerialExecutor(), points, "1 worker ")
    two, pool = timed(PoolExecutor(2), points, "2 workers")
    assert serial == pool, "the rows differ between 1 and 2 workers"
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"speedup={one / two:.2f}")


if __name__ == "__main__":
    main()
