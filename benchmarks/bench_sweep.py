"""Wall time of a 12-run sweep on 2 worker processes against 1, and the speed-up.

    python benchmarks/bench_sweep.py

The sweep: the circle preset with its two hidden layers widened to UNITS units, for EPOCHS
epochs (10,000 iterations, about 1-2 s per run on one core), learning rate x 4 values x seeds
1, 2, 3. Each sweep is the ``nnplayground sweep`` command itself, started as a process with
``--workers 1`` (the runs one after another in that process) and ``--workers 2`` (a pool), so
the times are what a person waits for, start-up and BLAS threading included (the command
gives each pool worker one BLAS thread). Runs this long keep the start-up a small part of
the total. Both sweeps must write identical rows (apart from wall time), which is checked.
Each sweep's line also gives the mean wall time of one run (from its rows). The last line is
``speedup=<x>`` (1 worker's time over 2 workers'); on a machine with other work running the
speed-up is lower than the cores alone allow, so say the load (printed from os.getloadavg)
beside any number quoted.
"""
import csv
import dataclasses
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nnplayground.core.presets import load_preset  # noqa: E402

EPOCHS = 400
UNITS = 32
SETTING = "optimizer.learning_rate=0.01,0.03,0.1,0.3"
SEEDS = "1,2,3"


def timed(experiment_file: Path, out: Path, workers: int, label: str):
    """Run the sweep command with ``workers`` and print its wall time and mean time per run;
    returns (wall time, its rows without the wall times)."""
    command = [sys.executable, "-m", "nnplayground", "sweep", str(experiment_file), "--set", SETTING,
               "--seeds", SEEDS, "--out", str(out), "--workers", str(workers)]
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    with open(out / "sweep.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    per_run = sum(float(r["wall_seconds"]) for r in rows) / len(rows)
    print(f"{label}: {wall:.2f} s, {per_run:.2f} s per run")
    return wall, [{k: v for k, v in r.items() if k != "wall_seconds"} for r in rows]


def main() -> None:
    base = load_preset("circle")
    hidden = tuple(dataclasses.replace(layer, units=UNITS) for layer in base.network.hidden)
    base = base.replace(network=dataclasses.replace(base.network, hidden=hidden),
                        training=dataclasses.replace(base.training, epochs=EPOCHS))
    print(f"12 runs of circle ({len(hidden)} x {UNITS} units), {EPOCHS} epochs each; "
          f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        base.save(folder / "experiment.json")
        one, serial = timed(folder / "experiment.json", folder / "one", 1, "1 worker ")
        two, pool = timed(folder / "experiment.json", folder / "two", 2, "2 workers")
    assert serial == pool, "the rows differ between 1 and 2 workers"
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"speedup={one / two:.2f}")


if __name__ == "__main__":
    main()
