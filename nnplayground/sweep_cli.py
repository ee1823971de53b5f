"""``nnplayground sweep``: train an experiment over a grid of settings and seeds, headless.

DIR/sweep.csv gets one row per run (the varied settings, seed, status, final metrics, the
run's folder), each appended as its run finishes and the whole file rewritten in grid order at
the end; DIR/runs/<folder>/metrics.csv holds each run's metrics, as ``run`` writes them. The
grid and the runs are core/sweep.py's, the executors core/executors.py's. Ctrl-C (or SIGTERM,
SIGHUP) stops at once: the runs under way are dropped, every finished row is kept in sweep.csv
and the exit code is 128 + the signal. Like ``run``, it never imports Qt.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import io
import os
import shutil
import sys
from pathlib import Path

from .cli import PROG, UsageError, load_experiment, positive_int
from .stop_signals import Interrupted, StopSignals


def register(commands) -> None:
    """Add the ``sweep`` subcommand to ``commands`` (the parser's subparsers)."""
    sweep = commands.add_parser(
        "sweep", help="train an experiment over a grid of settings and seeds, headless",
        description="Train every combination of one or two settings' values, once per seed; "
                    "write DIR/sweep.csv (one row per run) and each run's metrics.csv under DIR/runs.")
    source = sweep.add_mutually_exclusive_group(required=True)
    source.add_argument("experiment", nargs="?", metavar="EXPERIMENT.json", help="an experiment file")
    source.add_argument("--preset", metavar="NAME", help="a shipped preset (see `nnplayground presets`)")
    sweep.add_argument("--set", action="append", required=True, metavar="SECTION.FIELD=V1,V2,...",
                       help="a setting and its values, e.g. optimizer.learning_rate=0.01,0.03,0.1 (once or twice)")
    sweep.add_argument("--seeds", metavar="S1,S2,...", help="train each combination once per seed "
                                                            "(default: the experiment's seed)")
    sweep.add_argument("--out", required=True, metavar="DIR", help="output folder")
    sweep.add_argument("--epochs", type=positive_int, metavar="N", help="train every run for N epochs instead")
    where = sweep.add_mutually_exclusive_group()
    where.add_argument("--workers", type=positive_int, metavar="N",
                       help="worker processes on this machine (default: one per free core; 1 trains in this process)")
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="send the runs to a running Dask scheduler, e.g. tcp://host:8786 (nnplayground[cluster])")
    sweep.set_defaults(seed=None, handler=cmd_sweep)  # seed: load_experiment's --seed, which a sweep replaces by --seeds


BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread_per_worker(workers: int | None, scheduler: str | None, environ=os.environ) -> None:
    """Before NumPy is imported: when the runs train in a pool of this machine's processes, each
    worker does its linear algebra on one thread (unless the person set a count): with one
    worker per core, a second BLAS thread in each can only wait for a core another worker
    holds. One run in this process keeps BLAS's own threads."""
    if scheduler is None and workers != 1:
        for name in BLAS_THREADS:
            environ.setdefault(name, "1")


def cmd_sweep(args: argparse.Namespace) -> int:
    """``nnplayground sweep``: the exit code (0, 2 for bad input, 128 + signal when stopped)."""
    one_blas_thread_per_worker(args.workers, args.scheduler)
    try:
        with StopSignals().installed() as stop:
            return _sweep(args, stop)
    except Interrupted as interruption:  # while loading or checking: nothing is written yet
        return _say("interrupted before the first run started; nothing was written", interruption.exit_code)


def _say(message: str, code: int) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return code


def _sweep(args: argparse.Namespace, stop: StopSignals) -> int:
    with stop.deferred():  # NumPy turns a Ctrl-C during its import into an ImportError: wait for the end
        from .core.executors import ExecutorError, make_executor
        from .core.sweep import SweepError, build_settings, expand, parse_seeds
        from .core.sweep_results import SweepPlan
        from .core.validation import ExperimentError
        stop.raise_noted()
        try:  # noted, not raised, here too: see StopSignals
            base, _stem = load_experiment(args)
            settings = build_settings(base, args.set)
            seeds = parse_seeds(args.seeds) if args.seeds else (base.seed,)
            points = expand(base, settings, seeds)
            executor = make_executor(args.workers, args.scheduler)
            if executor.workers is not None:
                _check_memory(points, min(executor.workers, len(points)))
        except (ExperimentError, SweepError, ExecutorError) as e:
            raise UsageError(str(e)) from None
    stop.raise_noted()
    with stop.deferred():  # from here a signal is only noted: the loop sees it and keeps what finished
        table = SweepTable(Path(args.out), SweepPlan(settings, seeds, base.to_dict()), points)
        try:
            with table, contextlib.closing(executor.results(points, lambda: stop.signum is not None)) as results:
                for result in results:  # closing: leaving early stops the executor's workers at once
                    table.add(result)
        except ExecutorError as e:
            raise UsageError(f"{e}; the {table.finished} finished rows are in {table.path}") from None
        except MemoryError:  # the estimate (_check_memory) fell short: the finished rows stay
            raise UsageError(f"not enough memory for the runs; the {table.finished} finished rows "
                             f"are in {table.path}: use fewer --workers") from None
        except OSError as e:  # a full disk: sweep.csv keeps the rows written before
            raise UsageError(f"cannot write {e.filename}: {e.strerror or e}; "
                             f"the {table.finished} finished rows are in {table.path}") from None
    if stop.signum is not None:
        return _say(f"interrupted: {table.finished} of {len(points)} runs finished, their rows are in {table.path}",
                    128 + stop.signum)
    diverged = sum(row.status == "diverged" for row in table.rows.values())
    print(f"{len(points)} runs ({diverged} diverged); wrote {table.path}")
    return 0


def _check_memory(points, at_once: int) -> None:
    """MemoryLimitError (an ExperimentError) if ``at_once`` copies of the sweep's biggest run
    would not fit in the memory budget ``run`` uses (half the physical memory)."""
    from .core.memory import check, estimate
    from .core.parallel_report import held_at_once

    biggest = max((held_at_once(p.experiment) for p in points), key=lambda held: sum(estimate(e).total for e in held))
    check(biggest * at_once)


def _csv_line(cells) -> str:
    text = io.StringIO()
    csv.writer(text, lineterminator="").writerow(cells)
    return text.getvalue()


class SweepTable:
    """DIR/sweep.json, DIR/sweep.csv and DIR/runs: the plan, then rows appended as runs finish,
    then the file in grid order.

    As a context manager: entering creates the folders, writes the plan (``plan``, a
    core.sweep_results.SweepPlan) and starts sweep.csv with its header (UsageError if they
    cannot be written); leaving rewrites sweep.csv atomically with every finished row in grid
    order, whatever ended the sweep.
    """

    def __init__(self, out: Path, plan, points):
        from .core.sweep import sweep_header
        from .core.sweep_results import TABLE_FILE

        self.path = out / TABLE_FILE
        self.plan = plan
        self.points = points
        self.header = [*sweep_header(plan.settings, plan.metric), "folder"]
        self.rows = {}
        self.progress = SweepProgress(len(points))
        self._live = None

    @property
    def finished(self) -> int:
        """The runs whose rows are in the table."""
        return len(self.rows)

    def __enter__(self) -> "SweepTable":
        from .core.files import LineFile, write_atomic
        from .core.sweep import RUNS_FOLDER
        from .core.sweep_results import PLAN_FILE

        try:
            (self.path.parent / RUNS_FOLDER).mkdir(parents=True, exist_ok=True)
            write_atomic(self.path.parent / PLAN_FILE, self.plan.to_json())
            self._live = LineFile(self.path)
            self._live.clear()
            self._live.write_line(_csv_line(self.header))
            self._live.flush()
        except OSError as e:
            raise UsageError(f"cannot write {e.filename or self.path}: {e.strerror or e}") from None
        return self

    def folder(self, index: int) -> str:
        """The run's folder, relative to DIR."""
        return self.plan.folder(self.points[index])

    def add(self, result) -> None:
        """Write a finished run's metrics.csv and append its row (at once, not buffered)."""
        from .core.files import write_atomic

        row = result.row
        run_dir = self.path.parent / self.folder(row.index)
        run_dir.mkdir(exist_ok=True)
        write_atomic(run_dir / "metrics.csv", result.metrics_csv)
        self.rows[row.index] = row
        self._live.write_line(self._line(row))
        self._live.flush()
        self.progress.update(self.finished, row)

    def _line(self, row) -> str:
        return _csv_line([*row.cells(), self.folder(row.index)])

    def __exit__(self, *exc) -> None:
        from .core.files import write_atomic

        self.progress.close()
        self._live.close()
        lines = [_csv_line(self.header), *(self._line(self.rows[i]) for i in sorted(self.rows))]
        write_atomic(self.path, "\n".join(lines) + "\n")


class SweepProgress:
    """A one-line progress bar on stderr (runs finished of all), drawn only on a terminal."""

    def __init__(self, total: int, stream=None):
        self.stream = sys.stderr if stream is None else stream
        self.enabled = bool(getattr(self.stream, "isatty", None) and self.stream.isatty())
        self.total = total
        self._drawn = False

    def update(self, done: int, row) -> None:
        """Show ``done`` runs finished, ``row`` the latest."""
        if not self.enabled:
            return
        width = max(10, min(40, shutil.get_terminal_size((80, 24)).columns - 60))
        filled = round(done / self.total * width)
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} runs"
                          f"  last: run {row.index} {row.status}, test loss {row.test_loss:.4g}\x1b[K")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """End the bar's line, if one was drawn."""
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
