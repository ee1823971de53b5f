"""A sweep's folder read back: its plan (sweep.json), its rows (sweep.csv) and the grid of final
numbers, mean and spread over the seeds, that a heat map shows.

``nnplayground sweep`` writes sweep.json before the first run: the varied settings with their
values in grid order, the seeds and the experiment they vary. With it, a folder whose sweep is
still running (rows appended as runs finish) or was stopped (some rows missing) still places
every row it has in its grid cell, and a heat map keeps its axes from the first row to the last.
"""
from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .experiment import Experiment
from .files import versioned_json
from .metrics import task_metric
from .sweep import MAX_SETTINGS, RUNS_FOLDER, Setting, SweepError, SweepRow, parse_value, run_folder_name, value_text

PLAN_FILE = "sweep.json"
TABLE_FILE = "sweep.csv"
PLAN_FORMAT = 1
NUMBER_COLUMNS = ("train_loss", "test_loss", "metric")  # the final numbers a grid can summarise


@dataclass(frozen=True)
class SweepPlan:
    """What a sweep trains: ``settings`` (one or two, values in grid order), ``seeds`` and the
    ``experiment`` (a to_dict()) they vary."""

    settings: tuple[Setting, ...]
    seeds: tuple[int, ...]
    experiment: dict

    @property
    def shape(self) -> tuple[int, int]:
        """The grid's cells: (values of the first setting, values of the second or 1)."""
        sizes = [len(s.values) for s in self.settings]
        return sizes[0], sizes[1] if len(sizes) > 1 else 1

    @property
    def metric(self) -> str:
        """The metric every run reports: "accuracy", or "r2" for regression."""
        return task_metric(self.experiment["network"]["task"])

    @property
    def runs(self) -> int:
        """How many runs the sweep trains: every cell once per seed."""
        rows, columns = self.shape
        return rows * columns * len(self.seeds)

    def cell(self, values) -> tuple[int, int]:
        """The grid cell of a run that set ``values`` (one per setting); ValueError if not in the grid."""
        places = [[value_text(v) for v in s.values].index(value_text(value)) for s, value in zip(self.settings, values)]
        return places[0], places[1] if len(places) > 1 else 0

    def index(self, values, seed: int) -> int:
        """The run's place in grid order (core/sweep.expand's): settings outermost, seeds innermost."""
        row, column = self.cell(values)
        return (row * self.shape[1] + column) * len(self.seeds) + self.seeds.index(seed)

    def folder(self, run) -> str:
        """The folder, relative to the sweep's, of ``run`` (a SweepRow or a GridPoint): it holds
        the run's metrics.csv."""
        width = len(str(self.runs - 1))
        paths = [s.path for s in self.settings]
        return f"{RUNS_FOLDER}/{run_folder_name(run.index, paths, run.values, run.seed, width)}"

    def to_json(self) -> str:
        """sweep.json's text."""
        return json.dumps({"format": PLAN_FORMAT,
                           "settings": [{"path": s.path, "values": list(s.values)} for s in self.settings],
                           "seeds": list(self.seeds), "experiment": self.experiment}, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> SweepPlan:
        """Parse sweep.json's text; a SweepError with a one-line message if it is not one."""
        try:
            d = versioned_json(text, PLAN_FORMAT)
            settings = tuple(Setting(str(s["path"]), tuple(s["values"])) for s in d["settings"])
            if not 1 <= len(settings) <= MAX_SETTINGS or not all(s.values for s in settings):
                raise ValueError("one or two settings, each with values, expected")
            seeds = tuple(int(seed) for seed in d["seeds"])
            if not seeds:
                raise ValueError("no seeds")
            Experiment.from_dict(d["experiment"])  # an ExperimentError (a ValueError) if it is not one
            return cls(settings, seeds, d["experiment"])
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
            raise SweepError(f"{PLAN_FILE}: {type(e).__name__}: {e}".splitlines()[0]) from None


def _float(text: str) -> float:
    return float(text) if text else math.nan


def parse_rows(text: str, plan: SweepPlan) -> list[SweepRow]:
    """The rows of sweep.csv's ``text`` in grid order. A last line without its newline (a row
    being written) is left for the next read; SweepError if the header is not the plan's."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines.pop()
    table = list(csv.reader(io.StringIO("".join(lines))))
    if not table:
        return []
    paths = [s.path for s in plan.settings]
    width = len(paths)
    if table[0][:width + 2] != [*paths, "seed", "status"]:
        raise SweepError(f"{TABLE_FILE}: its columns are not those of {PLAN_FILE}")
    rows = {}
    for cells in table[1:]:
        try:
            values = tuple(parse_value(c) for c in cells[:width])
            seed = int(cells[width])
            numbers = [_float(c) for c in cells[width + 2:width + 5]]
            index = plan.index(values, seed)
            rows[index] = SweepRow(index, values, seed, cells[width + 1], *numbers, int(cells[width + 5]),
                                   int(cells[width + 6]), float(cells[width + 7]))
        except (ValueError, IndexError):
            raise SweepError(f"{TABLE_FILE}: a row cannot be read: {','.join(cells)[:80]}") from None
    return [rows[i] for i in sorted(rows)]


@dataclass(frozen=True)
class SweepFolder:
    """A sweep's folder as read: its plan and the rows finished so far."""

    path: Path
    plan: SweepPlan
    rows: list[SweepRow]


def read_folder(path, plan: SweepPlan | None = None) -> SweepFolder:
    """Read the sweep in folder ``path``; a SweepError naming the file that cannot be read.
    A reader that knows the ``plan`` (it started the sweep) reads only the rows."""
    path = Path(path)
    try:
        if plan is None:
            plan = SweepPlan.from_json((path / PLAN_FILE).read_text(encoding="utf-8"))
        table = path / TABLE_FILE
        text = table.read_text(encoding="utf-8") if table.exists() else ""
    except (OSError, UnicodeDecodeError) as e:
        raise SweepError(f"cannot read {getattr(e, 'filename', None) or path}: {getattr(e, 'strerror', None) or e}") from None
    return SweepFolder(path, plan, parse_rows(text, plan))


@dataclass(frozen=True)
class GridSummary:
    """One final number over the grid, each array shaped like ``plan.shape``: its ``mean`` and
    ``spread`` (sample standard deviation) over the seeds whose runs gave a finite number, how
    many runs have ``finished`` and how many ``diverged``. NaN where a cell has no number (a
    spread needs two)."""

    column: str
    mean: np.ndarray
    spread: np.ndarray
    finished: np.ndarray
    diverged: np.ndarray


def summarize(plan: SweepPlan, rows, column: str = "test_loss") -> GridSummary:
    """The grid of ``column`` (one of NUMBER_COLUMNS) over ``rows``: mean and spread over seeds."""
    if column not in NUMBER_COLUMNS:
        raise ValueError(f"column must be one of {', '.join(NUMBER_COLUMNS)}")
    numbers: dict[tuple[int, int], list[float]] = {}
    finished, diverged = np.zeros(plan.shape, int), np.zeros(plan.shape, int)
    for row in rows:
        cell = plan.cell(row.values)
        finished[cell] += 1
        diverged[cell] += row.status == "diverged"
        value = getattr(row, column)
        if math.isfinite(value):
            numbers.setdefault(cell, []).append(value)
    mean, spread = np.full(plan.shape, np.nan), np.full(plan.shape, np.nan)
    for cell, values in numbers.items():
        mean[cell] = np.mean(values)
        if len(values) > 1:
            spread[cell] = np.std(values, ddof=1)
    return GridSummary(column, mean, spread, finished, diverged)
