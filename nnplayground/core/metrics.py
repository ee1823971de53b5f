"""The metrics table shared by ``nnplayground run`` (metrics.csv) and the window's CSV export.

Columns: iteration, epoch, batch, samples_seen, train_loss, test_loss, then ``accuracy``
(classification) or ``r2`` (regression) on the test set, then per layer (layer 1 nearest the
input) grad_norm_k, weight_norm_k, update_ratio_k. The two evaluation columns are empty on
rows without a full evaluation.
"""
from __future__ import annotations

import math

import numpy as np


def json_number(x) -> float | None:
    """``x`` as summary files write it: a float, or None (JSON null) for NaN and infinities,
    which JSON does not have."""
    x = float(x)
    return x if math.isfinite(x) else None


def task_metric(task: str) -> str:
    """The metric a run of ``task`` reports: "r2" for regression, else "accuracy"."""
    return "r2" if task == "regression" else "accuracy"


def metric_value(task: str, z, y) -> float:
    """Accuracy from output pre-activations ``z``, or R^2 for regression (features-first arrays)."""
    if task == "binary":
        return float(np.mean((z > 0) == (y > 0.5)))
    if task == "multiclass":
        return float(np.mean(np.argmax(z, axis=0) == np.argmax(y, axis=0)))
    residual = float(np.sum((z - y) ** 2))
    total = float(np.sum((y - y.mean(axis=1, keepdims=True)) ** 2))
    return 1.0 - residual / total if total > 0 else float("nan")


def metrics_header(metric_name: str, num_layers: int) -> list[str]:
    """The column names of metrics.csv for a run with this metric and this many layers."""
    layers = range(1, num_layers + 1)
    return ["iteration", "epoch", "batch", "samples_seen", "train_loss", "test_loss", metric_name,
            *(f"{kind}_{i}" for kind in ("grad_norm", "weight_norm", "update_ratio") for i in layers)]


def record_values(record) -> tuple[float, ...]:
    """One row of numbers for a StepRecord, NaN where it has no evaluation."""
    ev = record.evaluation
    return (record.iteration, record.epoch, record.batch, record.samples_seen, record.train_loss,
            math.nan if ev is None else ev.test_loss, math.nan if ev is None else ev.test_metric,
            *record.grad_norm, *record.weight_norm, *record.update_ratio)


def csv_cells(values) -> list[str]:
    """Counters as integers, the rest at full precision (two runs compare byte for byte);
    the evaluation columns (5 and 6) stay empty when there was no evaluation."""
    cells = [str(int(v)) for v in values[:4]]
    cells += [repr(float(v)) for v in values[4:5]]
    cells += ["" if math.isnan(v) else repr(float(v)) for v in values[5:7]]
    cells += [repr(float(v)) for v in values[7:]]
    return cells


def is_simulated_parallel(trainer) -> bool:
    """True for a simulated data-parallel trainer, whose metrics.csv has one more column at the
    end: the cost model's clock, simulated_seconds (real ranks have no such clock)."""
    from .parallel import DataParallelTrainer  # lazily: core/parallel.py imports the trainer, which imports this

    return isinstance(trainer, DataParallelTrainer)


def metrics_csv_header(trainer) -> str:
    """metrics.csv's header line (no newline) for ``trainer``; shared by ``run`` and ``sweep``."""
    header = metrics_header(trainer.metric_name, trainer.network.num_layers)
    return ",".join([*header, "simulated_seconds"] if is_simulated_parallel(trainer) else header)


def metrics_csv_row(trainer, record, parallel: bool) -> str:
    """metrics.csv's line (no newline) for ``record``, just trained by ``trainer``; ``parallel``
    is ``is_simulated_parallel(trainer)``, asked once per run rather than once per row."""
    cells = csv_cells(record_values(record))
    return ",".join([*cells, repr(trainer.simulated_time)] if parallel else cells)  # numbers: nothing to quote


def history_stride(iterations) -> int:
    """How many iterations apart the rows of a kept history are: 1 until a long run fills the
    bounded MetricHistory (core/history.py), which from then on keeps every k-th row, evenly
    spaced from the first (so the gap between any two neighbours is k)."""
    x = np.asarray(iterations)
    return int(x[1] - x[0]) if len(x) > 1 else 1


def duration(seconds: float) -> str:
    """A time span as a person reads it: "40 s", "12 min", "3 h 20 min", "12 days", "3.2 years"."""
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 86400:
        hours, minutes = divmod(round(seconds / 60), 60)
        return f"{hours} h {minutes} min"
    if seconds < 365.25 * 86400:
        return f"{seconds / 86400:.0f} days"
    return f"{seconds / (365.25 * 86400):.2g} years"
