"""The runs list: every training run kept with its settings, final numbers and curves, for comparison.

A ``RunRecord`` is made from a Snapshot (the window's run) or from a headless ``repeat``; both take
their curves from the trainer's history columns, thinned alike (core/history.py), so a repeat of
the same experiment, seed and iteration count gives the very same numbers: ``max_difference`` 0.
A ``RunList`` persists beside the experiment file as ``<file>.runs.json``.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from .compiled.engine import DEFAULT_ENGINE, ENGINES
from .experiment import Experiment
from .files import versioned_json, write_atomic
from .metrics import task_metric
from .parallel import make_trainer
from .trainer import TERMINAL

CURVES = ("iteration", "train_loss", "test_loss", "metric", "grad_norm")  # the columns a record keeps
RUNS_FORMAT = 1
INTERRUPTED = "interrupted"  # the status of a run replaced before it ended, as `run` calls a stopped run


class RunsError(ValueError):
    """A runs file that cannot be read; the message is one line naming the file."""


def runs_path(experiment_path) -> Path:
    """Where the runs of the experiment file ``experiment_path`` are kept: ``<file>.runs.json``."""
    path = Path(experiment_path)
    return path.with_name(path.name + ".runs.json")


def _flatten(value, prefix: str = "") -> dict[str, object]:
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = ((str(i), v) for i, v in enumerate(value))
    else:
        return {prefix: value}
    out: dict[str, object] = {}
    for key, v in items:
        out.update(_flatten(v, f"{prefix}.{key}" if prefix else str(key)))
    return out


def differences(old: dict | None, new: dict) -> str:
    """What changed from the experiment dict ``old`` to ``new``, e.g. "learning_rate 0.1 -> 0.03"
    (a key is shown without its section); "first run" without ``old``, "same settings" if equal."""
    if old is None:
        return "first run"
    a, b = _flatten(old), _flatten(new)
    changes = []
    for key in sorted(a.keys() | b.keys()):
        if a.get(key) != b.get(key):
            shown = key.split(".", 1)[-1]
            changes.append(f"{shown} {a.get(key, '-')} -> {b.get(key, '-')}")
    return ", ".join(changes) or "same settings"


@dataclass(eq=False)  # compared and hashed by identity: a view keeps its own state per record
class RunRecord:
    """One training run: its ``name``, what ``differs`` from the run before it, ``seed``,
    ``status`` (how it ended: one of TERMINAL, or "interrupted" when Reset or an edit replaced
    it first), ``iterations`` trained, ``final`` numbers (test_loss, test_metric, train_loss;
    NaN when never evaluated), the ``experiment`` it trained (a to_dict()) and ``curves``:
    equal-length arrays named by CURVES (test loss and metric NaN between evaluations)."""

    name: str
    differs: str
    seed: int
    status: str
    iterations: int
    final: dict[str, float]
    experiment: dict
    curves: dict[str, np.ndarray] = field(repr=False)
    engines: tuple = ()  # Trainer.engine_log: (iteration, engine) where the engine in use changed

    @classmethod
    def from_history(cls, name: str, experiment: Experiment, status: str, iterations: int, evaluation,
                     history_x, history: dict, previous: dict | None, engines=()) -> RunRecord:
        """A record of a run whose history columns (Trainer.history) are ``history_x`` and ``history``;
        ``evaluation`` its latest Evaluation (or None) and ``previous`` the prior run's experiment dict."""
        d = experiment.to_dict()
        curves = {"iteration": np.asarray(history_x, float), "train_loss": history["train_loss"],
                  "test_loss": history["test_loss"], "metric": history[task_metric(d["network"]["task"])],
                  "grad_norm": history["global_grad_norm"]}
        nan = math.nan
        final = {"test_loss": nan if evaluation is None else evaluation.test_loss,
                 "test_metric": nan if evaluation is None else evaluation.test_metric,
                 "train_loss": nan if evaluation is None else evaluation.train_loss}
        status = status if status in TERMINAL else INTERRUPTED  # replaced (Reset, an edit) before its end
        return cls(name, differences(previous, d), experiment.seed, status, int(iterations), final, d,
                   {k: np.array(v, float) for k, v in curves.items()}, tuple(engines))

    @classmethod
    def from_snapshot(cls, name: str, snapshot, previous: dict | None) -> RunRecord:
        """A record of the run a core.snapshot.Snapshot pictures."""
        return cls.from_history(name, snapshot.experiment, snapshot.status, snapshot.iteration, snapshot.evaluation,
                                snapshot.history_x, snapshot.history, previous, snapshot.engines)

    @property
    def metric_name(self) -> str:
        """"accuracy", or "r2" for regression."""
        return task_metric(self.experiment["network"]["task"])

    def to_dict(self) -> dict:
        """The JSON-ready form (NaN written as null)."""
        return {"name": self.name, "differs": self.differs, "seed": self.seed, "status": self.status,
                "iterations": self.iterations, "final": {k: _number(v) for k, v in self.final.items()},
                "experiment": self.experiment,
                "curves": {k: [_number(v) for v in self.curves[k].tolist()] for k in CURVES},
                "engines": [list(e) for e in self.engines]}

    @classmethod
    def from_dict(cls, d: dict) -> RunRecord:
        """Rebuild a record from ``to_dict()``; a KeyError/TypeError/ValueError if malformed."""
        curves = {k: np.array([math.nan if v is None else float(v) for v in d["curves"][k]]) for k in CURVES}
        if len({len(c) for c in curves.values()}) != 1:
            raise ValueError("curves of different lengths")
        Experiment.from_dict(d["experiment"])  # an ExperimentError (a ValueError) if it is not one
        final = {k: math.nan if v is None else float(v) for k, v in d["final"].items()}
        engines = tuple((int(i), str(e)) for i, e in d.get("engines", []))  # runs saved before engines: none
        if any(e not in ENGINES for _, e in engines):
            raise ValueError(f"unknown engine in {engines}")
        return cls(str(d["name"]), str(d["differs"]), int(d["seed"]), str(d["status"]), int(d["iterations"]),
                   final, d["experiment"], curves, engines)


def _number(v: float):
    return None if math.isnan(v) else v


def max_difference(a: RunRecord, b: RunRecord) -> float:
    """The largest absolute difference between two runs' curves, NaN where both have none;
    infinite when they differ in length or in where they have numbers."""
    for key in CURVES:
        x, y = a.curves[key], b.curves[key]
        if x.shape != y.shape or not np.array_equal(np.isnan(x), np.isnan(y)):
            return math.inf
    diffs = [np.nanmax(np.abs(a.curves[k] - b.curves[k]), initial=0.0) for k in CURVES]
    return float(max(diffs))


REPEAT_CHUNK = 500  # iterations between looks at ``cancelled`` (a chunked run trains the same steps)


def repeat(experiment: Experiment, iterations: int, name: str, previous: dict | None = None,
           cancelled=lambda: False, engines=()) -> RunRecord | None:
    """Train ``experiment`` from scratch, headless, for ``iterations`` (fewer if it stops sooner),
    and record it as ``name``; None if ``cancelled()`` became true first. ``engines`` (the
    original's RunRecord.engines) says which engine trained which iterations: the repeat
    switches where the original did, since the engines agree only to the last bits."""
    trainer = make_trainer(experiment)
    plan = list(engines) or [(0, DEFAULT_ENGINE)]
    for k, (_first, engine) in enumerate(plan):
        end = min(iterations, plan[k + 1][0]) if k + 1 < len(plan) else iterations
        trainer.engine = engine
        trainer.wait_for_engine()
        while trainer.iteration < end and trainer.status not in TERMINAL:
            if cancelled():
                return None
            trainer.advance(min(REPEAT_CHUNK, end - trainer.iteration))
    h = trainer.history
    return RunRecord.from_history(name, experiment, trainer.status, trainer.iteration, trainer.last_evaluation,
                                  h.x, {c: h.column(c) for c in h.columns}, previous, trainer.engine_log)


class RunList:
    """The runs of one experiment, oldest first: add, rename, delete, to/from JSON."""

    def __init__(self, records=()):
        self.records: list[RunRecord] = list(records)

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self):
        return iter(self.records)

    def __getitem__(self, index: int) -> RunRecord:
        return self.records[index]

    def next_name(self) -> str:
        """"Run N" for the next run, N one more than any run so far."""
        numbers = [int(r.name[4:]) for r in self.records if r.name.startswith("Run ") and r.name[4:].isdigit()]
        return f"Run {max(numbers, default=0) + 1}"

    @property
    def last_experiment(self) -> dict | None:
        """The experiment dict of the newest run (what the next run's ``differs`` compares with)."""
        return self.records[-1].experiment if self.records else None

    def add(self, record: RunRecord) -> int:
        """Append ``record``; returns its index."""
        self.records.append(record)
        return len(self.records) - 1

    def set(self, index: int, record: RunRecord) -> None:
        """Put ``record`` in place of run ``index`` (a run that trained on), keeping its name and
        what differed from the run before it."""
        old = self.records[index]
        self.records[index] = replace(record, name=old.name, differs=old.differs)

    def rename(self, index: int, name: str) -> None:
        self.records[index].name = name

    def delete(self, index: int) -> None:
        del self.records[index]

    def to_json(self) -> str:
        return json.dumps({"format": RUNS_FORMAT, "runs": [r.to_dict() for r in self.records]}) + "\n"

    @classmethod
    def from_json(cls, text: str) -> RunList:
        """Parse a runs file's text; any problem is a RunsError with a one-line message."""
        try:
            d = versioned_json(text, RUNS_FORMAT)
            return cls(RunRecord.from_dict(r) for r in d["runs"])
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
            raise RunsError(f"{type(e).__name__}: {e}".splitlines()[0]) from None

    def save(self, path) -> None:
        """Write atomically to ``path`` (an OSError names it)."""
        write_atomic(path, self.to_json())

    @classmethod
    def load(cls, path) -> RunList:
        """Read ``path``; a RunsError naming the file if it cannot be read or is malformed."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise RunsError(f"cannot read {path.name}: {e}") from None
        try:
            return cls.from_json(text)
        except RunsError as e:
            raise RunsError(f"{path.name}: {e}") from None
