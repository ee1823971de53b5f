"""What a sweep can vary, and values worth trying first.

Every single-valued field of an experiment file is a setting a sweep can vary, named by its
dotted path (``optimizer.learning_rate``); a field of the hidden layers is varied in all of them
at once (``network.hidden.activation``, see core.sweep.with_values). The window lists these
paths and fills in suggested values when one is picked; the command line takes the same paths.
"""
from __future__ import annotations

import math

from .activations import HIDDEN_ACTIVATIONS
from .experiment import (BATCH_MODES, CLASSIFICATION_DATASETS, DTYPES, OPTIMIZERS, PARTIAL_BATCH, REGRESSION_DATASETS,
                         REGRESSION_LOSSES, Experiment)
from .initializers import INITIALIZERS
from .sweep import NOT_SETTINGS, with_values
from .validation import ExperimentError

# The values a text setting can take: a sweep over it suggests all of them.
CHOICES = {
    "dtype": DTYPES,
    "data.dataset": CLASSIFICATION_DATASETS + REGRESSION_DATASETS,
    "network.hidden.activation": HIDDEN_ACTIVATIONS,
    "network.init": tuple(INITIALIZERS),
    "network.regression_loss": REGRESSION_LOSSES,
    "optimizer.name": OPTIMIZERS,
    "training.batch_mode": BATCH_MODES,
    "training.partial_batch": PARTIAL_BATCH,
}
NOT_SWEPT = {*NOT_SETTINGS, "format_version"}


def _scalar(value) -> bool:
    return not isinstance(value, (dict, list))


def sweepable(experiment: Experiment) -> list[str]:
    """The dotted path of every setting of ``experiment`` a sweep can vary, in the file's order."""
    paths = []
    for key, value in experiment.to_dict().items():
        if key in NOT_SWEPT:
            continue
        if _scalar(value):
            paths.append(key)
            continue
        for field, inner in value.items():
            if _scalar(inner):
                paths.append(f"{key}.{field}")
            elif isinstance(inner, list) and inner and all(isinstance(layer, dict) for layer in inner):
                paths += [f"{key}.{field}.{name}" for name in inner[0] if _scalar(inner[0][name])]
    return paths


def current_value(experiment: Experiment, path: str):
    """The value of ``path`` in ``experiment`` (the first hidden layer's, for a layer field)."""
    where = experiment.to_dict()
    for part in path.split("."):
        where = where[0] if isinstance(where, list) else where
        where = where[part]
    return where


def _two_digits(x: float) -> float:
    return float(f"{x:.2g}")


def _candidates(value) -> tuple:
    if isinstance(value, bool):
        return (False, True)
    if isinstance(value, int):
        return tuple(sorted({max(1, value // 2), value, 2 * value}))
    if isinstance(value, float) and math.isfinite(value):
        return (_two_digits(value / 3), value, _two_digits(value * 3)) if value > 0 else (value, 0.001, 0.01)
    return (value,)


def suggested_values(experiment: Experiment, path: str) -> tuple:
    """Values to try first for ``path``, those the experiment accepts: every choice of a text
    setting, both of a switch, and around a number's current value v: v/3, v, 3v (a count:
    v/2, v, 2v; zero: 0, 0.001, 0.01)."""
    value = current_value(experiment, path)
    candidates = CHOICES.get(path) or _candidates(value)
    fitting = []
    for candidate in candidates:
        try:
            with_values(experiment, [path], [candidate], experiment.seed)
        except ExperimentError:
            continue
        fitting.append(candidate)
    return tuple(fitting) or (value,)
