"""Sweeps: one experiment trained over a grid of settings and seeds (``nnplayground sweep``).

A sweep varies one or two settings, each over a list of values (``--set
optimizer.learning_rate=0.01,0.03,0.1``), and trains every combination once per seed. The grid
is expanded in a fixed order: the first setting's values outermost, then the second's, then
the seeds, so point i is the same run whoever trains it. Each value is parsed as JSON (``0.1``,
``32``, ``null``; anything else is text, such as ``adam``) and the whole experiment is
validated through ``Experiment.from_dict``, so a bad value is one ExperimentError naming the
field, raised before anything trains.

``run_point`` trains one grid point to its budget and returns a ``RunResult``: its row of
sweep.csv and the text of its metrics.csv. The text travels back with the result rather than
being written by the worker, because a Dask worker may be another machine without the output
folder. Every field of a row except ``wall_seconds`` depends only on the grid point, so rows
are identical whichever executor (core/executors.py) trained them.
"""
from __future__ import annotations

import itertools
import json
import math
import time
from dataclasses import dataclass
from typing import Callable

from .experiment import Experiment
from .metrics import is_simulated_parallel, metrics_csv_header, metrics_csv_row, task_metric
from .parallel import make_trainer
from .trainer import TERMINAL
from .validation import ExperimentError

MAX_SETTINGS = 2  # a table or a heat map: one or two axes
RUNS_FOLDER = "runs"  # DIR/runs/<run folder>/metrics.csv
MAX_SEED = 2**63 - 1
# Not varied with --set: the seed has --seeds, and the name labels the sweep's folders.
NOT_SETTINGS = {"seed": "vary the seed with --seeds", "name": "the name is not a training setting",
                "description": "the description is not a training setting"}
METRIC_COLUMNS = ("train_loss", "test_loss", "metric", "iterations", "epochs", "wall_seconds")


class SweepError(ValueError):
    """A malformed --set or --seeds: its message is one line naming the option."""


@dataclass(frozen=True)
class Setting:
    """One varied setting: its dotted path in the experiment file and the values it takes."""

    path: str
    values: tuple


@dataclass(frozen=True)
class GridPoint:
    """One run of a sweep: its place in the grid, the values it sets, its seed and its experiment."""

    index: int
    paths: tuple[str, ...]  # the varied settings' dotted paths
    values: tuple  # one per path
    seed: int
    experiment: Experiment


def run_folder_name(index: int, paths, values, seed: int, width: int) -> str:
    """``<index>-<field>=<value>...-seed<seed>``, the index ``width`` digits wide: a run's
    folder under DIR/runs, safe as a file name."""
    parts = [f"{path.rsplit('.', 1)[-1]}={value_text(v)}" for path, v in zip(paths, values)]
    name = "-".join([f"{index:0{width}d}", *parts, f"seed{seed}"])
    return "".join(c if c.isalnum() or c in "=.-_+" else "_" for c in name)


@dataclass(frozen=True)
class SweepRow:
    """One line of sweep.csv: what the run varied, its seed, how it ended and its final metrics."""

    index: int
    values: tuple
    seed: int
    status: str
    train_loss: float
    test_loss: float
    metric: float  # the test accuracy (classification) or R^2 (regression)
    iterations: int
    epochs: int
    wall_seconds: float

    def identity(self) -> tuple:
        """Everything but the wall time, as written (so NaN equals NaN): equal for the same grid
        point whoever trained it."""
        return (self.index, *self.cells()[:-1])

    def cells(self) -> list[str]:
        """The row as sweep.csv's cells (numbers at full precision, NaN as an empty cell)."""
        numbers = [_number(self.train_loss), _number(self.test_loss), _number(self.metric)]
        return [*(value_text(v) for v in self.values), str(self.seed), self.status, *numbers,
                str(self.iterations), str(self.epochs), f"{self.wall_seconds:.6f}"]


@dataclass(frozen=True)
class RunResult:
    """What a worker sends back: the row and the run's metrics.csv text."""

    row: SweepRow
    metrics_csv: str


def _number(x: float) -> str:
    return repr(float(x)) if math.isfinite(x) else ""


def value_text(value) -> str:
    """A varied value as written in sweep.csv and folder names: as it would be typed to --set."""
    return value if isinstance(value, str) else json.dumps(value)


def parse_value(text: str):
    """One value of a --set list: JSON when it reads as JSON (numbers, null, true), else text."""
    try:
        return json.loads(text)
    except ValueError:
        return text.strip()


def parse_setting(text: str) -> tuple[str, tuple]:
    """``section.field=v1,v2,...`` as (path, values); SweepError when it cannot be read."""
    path, sep, values = text.partition("=")
    path = path.strip()
    if not sep or not path:
        raise SweepError(f"--set {text!r}: write it as section.field=value1,value2 (e.g. optimizer.learning_rate=0.01,0.1)")
    if path in NOT_SETTINGS:
        raise SweepError(f"--set {path}: {NOT_SETTINGS[path]}")
    items = values.split(",")
    if any(not v.strip() for v in items):
        raise SweepError(f"--set {path}: an empty value in {values!r}")
    parsed = tuple(parse_value(v) for v in items)
    if len(set(map(value_text, parsed))) != len(parsed):
        raise SweepError(f"--set {path}: a value is given twice in {values!r}")
    return path, parsed


def parse_seeds(text: str) -> tuple[int, ...]:
    """``1,2,3`` as seeds; SweepError for anything but distinct whole numbers in [0, 2**63 - 1]."""
    seeds = []
    for item in text.split(","):
        try:
            seed = int(item)
        except ValueError:
            raise SweepError(f"--seeds: {item.strip()!r} is not a whole number") from None
        if not 0 <= seed <= MAX_SEED:
            raise SweepError(f"--seeds: {seed} is not in [0, 2**63 - 1]")
        seeds.append(seed)
    if len(set(seeds)) != len(seeds):
        raise SweepError(f"--seeds: a seed is given twice in {text!r}")
    return tuple(seeds)


def _is_layers(part) -> bool:
    return isinstance(part, list) and bool(part) and all(isinstance(item, dict) for item in part)


def with_values(base: Experiment, paths, values, seed: int) -> Experiment:
    """``base`` with each dotted path set to its value and the seed, validated as a file would
    be; ExperimentError naming the field if a value does not fit it. A path through a list of
    layers (``network.hidden.activation``) sets the field in every layer."""
    d = base.to_dict()
    for path, value in zip(paths, values):
        *sections, name = path.split(".")
        where = d
        for i, section in enumerate(sections):
            where = where.get(section) if isinstance(where, dict) else None
            last = i == len(sections) - 1
            if not (isinstance(where, dict) or last and _is_layers(where)):
                raise ExperimentError(".".join(sections[:i + 1]), "is not a section of the experiment")
        for part in where if isinstance(where, list) else [where]:  # a list of layers: set it in every one
            if name not in part:
                raise ExperimentError(path, f"unknown setting; {'.'.join(sections) or 'an experiment'} "
                                            f"has {', '.join(part)}")
            part[name] = value
    d["seed"] = seed
    return Experiment.from_dict(d)


def build_settings(base: Experiment, texts) -> tuple[Setting, ...]:
    """The --set options as Settings, every value checked alone against ``base``."""
    if not 1 <= len(texts) <= MAX_SETTINGS:
        raise SweepError(f"give one or two --set options; got {len(texts)}")
    settings = [Setting(*parse_setting(text)) for text in texts]
    if len({s.path for s in settings}) != len(settings):
        raise SweepError(f"--set {settings[0].path} is given twice")
    for setting in settings:
        for value in setting.values:
            with_values(base, [setting.path], [value], base.seed)
    return tuple(settings)


def expand(base: Experiment, settings, seeds) -> list[GridPoint]:
    """Every run of the sweep in grid order (settings outermost, seeds innermost), each
    experiment validated; ExperimentError if a combination of values is impossible."""
    paths = tuple(s.path for s in settings)
    combos = itertools.product(*(s.values for s in settings), seeds)
    points = [GridPoint(i, paths, combo[:-1], combo[-1], with_values(base, paths, combo[:-1], combo[-1]))
              for i, combo in enumerate(combos)]
    grid_metric(points)
    return points


def grid_metric(points) -> str:
    """The metric every run of the grid reports: "accuracy", or "r2" for regression; SweepError
    if the runs would report different ones (they could not share a sweep.csv column)."""
    metrics = {task_metric(p.experiment.network.task) for p in points}
    if len(metrics) > 1:
        raise SweepError("the runs would measure different metrics (accuracy and r2): sweep them separately")
    return metrics.pop()


def sweep_header(settings, metric_name: str) -> list[str]:
    """sweep.csv's columns: the varied settings, seed, status, then the final metrics."""
    return [*(s.path for s in settings), "seed", "status",
            *(metric_name if c == "metric" else c for c in METRIC_COLUMNS)]


def run_point(point: GridPoint, should_stop: Callable[[], bool] | None = None) -> RunResult | None:
    """Train ``point``'s experiment to its budget; its row and metrics.csv text. None if
    ``should_stop()`` turned true before the end (checked every iteration): the run is dropped."""
    started = time.perf_counter()
    trainer = make_trainer(point.experiment)
    trainer.wait_for_engine()  # one engine for the whole run: identical rows whichever worker trains it
    parallel = is_simulated_parallel(trainer)
    lines = [metrics_csv_header(trainer)]
    stopped = False

    def on_step(record) -> bool:
        nonlocal stopped
        lines.append(metrics_csv_row(trainer, record, parallel))
        stopped = should_stop is not None and should_stop()
        return stopped

    trainer.run(on_step)
    if stopped and trainer.status not in TERMINAL:  # a stop seen on the last iteration keeps the run
        return None
    evaluation = trainer.evaluate()  # the final weights over the whole training and test sets, as `run` reports
    row = SweepRow(point.index, point.values, point.seed, trainer.status, evaluation.train_loss,
                   evaluation.test_loss, evaluation.test_metric, trainer.iteration, trainer.completed_epochs,
                   time.perf_counter() - started)
    return RunResult(row, "\n".join(lines) + "\n")
