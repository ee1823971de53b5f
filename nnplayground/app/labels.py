"""Every name the interface shows for a core key, in one place and translatable.

The core registries (activations, features, data sets, tasks, optimizers) own the keys; this
module owns what a person reads for each of them. The English text is marked with
``QT_TRANSLATE_NOOP`` so Qt's lupdate collects it, and every lookup translates at call time,
so a language switch shows at the next redraw. A test keeps the tables' keys equal to the
registries', so a new activation or data set cannot appear without a name.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "labels"

ACTIVATIONS = {
    "sigmoid": QT_TRANSLATE_NOOP("labels", "Sigmoid"),
    "tanh": QT_TRANSLATE_NOOP("labels", "Tanh"),
    "relu": QT_TRANSLATE_NOOP("labels", "ReLU"),
    "leaky_relu": QT_TRANSLATE_NOOP("labels", "Leaky ReLU"),
    "linear": QT_TRANSLATE_NOOP("labels", "Linear"),
    "softmax": QT_TRANSLATE_NOOP("labels", "Softmax"),
}
FEATURES = {
    "x1": QT_TRANSLATE_NOOP("labels", "x1"),
    "x2": QT_TRANSLATE_NOOP("labels", "x2"),
    "x1^2": QT_TRANSLATE_NOOP("labels", "x1²"),
    "x2^2": QT_TRANSLATE_NOOP("labels", "x2²"),
    "x1*x2": QT_TRANSLATE_NOOP("labels", "x1·x2"),
    "sin(x1)": QT_TRANSLATE_NOOP("labels", "sin x1"),
    "sin(x2)": QT_TRANSLATE_NOOP("labels", "sin x2"),
}
DATASETS = {
    "circle": QT_TRANSLATE_NOOP("labels", "Circle"),
    "xor": QT_TRANSLATE_NOOP("labels", "XOR"),
    "gaussian": QT_TRANSLATE_NOOP("labels", "Gaussian"),
    "spiral": QT_TRANSLATE_NOOP("labels", "Spiral"),
    "moons": QT_TRANSLATE_NOOP("labels", "Moons"),
    "blobs": QT_TRANSLATE_NOOP("labels", "Blobs"),
    "plane": QT_TRANSLATE_NOOP("labels", "Plane"),
    "sine": QT_TRANSLATE_NOOP("labels", "Sine"),
    "remember_first": QT_TRANSLATE_NOOP("labels", "Remember the first input"),
    "adding": QT_TRANSLATE_NOOP("labels", "Adding problem"),
}
# The same English text as core.datasets.DATASET_INFO (a test keeps them equal), written out
# here so that lupdate finds it.
DATASET_TIPS = {
    "circle": QT_TRANSLATE_NOOP("labels", "A disc of one class inside a ring of the other"),
    "xor": QT_TRANSLATE_NOOP("labels", "Four quadrants; the class is whether x1 and x2 share a sign"),
    "gaussian": QT_TRANSLATE_NOOP("labels", "Two round Gaussian clusters, one per class"),
    "spiral": QT_TRANSLATE_NOOP("labels", "Two spirals wound into each other"),
    "moons": QT_TRANSLATE_NOOP("labels", "Two interleaving half-moons"),
    "blobs": QT_TRANSLATE_NOOP("labels", "Several Gaussian clusters around a circle, one class each"),
    "plane": QT_TRANSLATE_NOOP("labels", "Regression: the target rises linearly across the plane"),
    "sine": QT_TRANSLATE_NOOP("labels", "Regression on one input: the target is sin(x1)"),
}
TASKS = {
    "binary": QT_TRANSLATE_NOOP("labels", "Binary"),
    "multiclass": QT_TRANSLATE_NOOP("labels", "Multi-class"),
    "regression": QT_TRANSLATE_NOOP("labels", "Regression"),
}
OPTIMIZERS = {
    "sgd": QT_TRANSLATE_NOOP("labels", "SGD"),
    "momentum": QT_TRANSLATE_NOOP("labels", "Momentum"),
    "adam": QT_TRANSLATE_NOOP("labels", "Adam"),
}
# One penalty at a time in the toolbar; the core keeps both rates (OptimizerSpec.l1, .l2).
REGULARIZERS = {
    "none": QT_TRANSLATE_NOOP("labels", "None"),
    "l1": QT_TRANSLATE_NOOP("labels", "L1"),
    "l2": QT_TRANSLATE_NOOP("labels", "L2"),
}
# The order each epoch's batches are drawn in, keyed by core.experiment.BATCH_MODES.
BATCH_MODES = {
    "shuffle": QT_TRANSLATE_NOOP("labels", "Shuffled"),
    "fixed": QT_TRANSLATE_NOOP("labels", "Fixed order"),
    "repeat_one": QT_TRANSLATE_NOOP("labels", "One batch"),
}
# The training engines, keyed by core.compiled.engine.ENGINES (View > Compiled engine, the status bar).
ENGINES = {
    "compiled": QT_TRANSLATE_NOOP("labels", "Compiled engine"),
    "numpy": QT_TRANSLATE_NOOP("labels", "NumPy engine"),
}
DIVERGENCE_PLACES = {
    "activations": QT_TRANSLATE_NOOP("labels", "activations"),
    "loss": QT_TRANSLATE_NOOP("labels", "loss"),
    "gradients": QT_TRANSLATE_NOOP("labels", "gradients"),
    "weights": QT_TRANSLATE_NOOP("labels", "weights"),
}

# The Presets menu's submenus, keyed by core.presets.TOPICS (and OTHER_TOPIC).
PRESET_TOPICS = {
    "basics": QT_TRANSLATE_NOOP("labels", "Basics: classifying points"),
    "activations": QT_TRANSLATE_NOOP("labels", "Activations and nonlinearity"),
    "gradients": QT_TRANSLATE_NOOP("labels", "Vanishing and exploding gradients"),
    "regression": QT_TRANSLATE_NOOP("labels", "Regression"),
    "sequences": QT_TRANSLATE_NOOP("labels", "Sequences (recurrent nets)"),
    "parallel": QT_TRANSLATE_NOOP("labels", "Data-parallel training (simulated)"),
    "other": QT_TRANSLATE_NOOP("labels", "Other"),
}


def _translated(table: dict[str, str], key: str) -> str:
    text = table.get(key)
    return key if text is None else QCoreApplication.translate(CONTEXT, text)


def activation(key: str) -> str:
    """"Leaky ReLU" for "leaky_relu"; an unknown key is shown as it is."""
    return _translated(ACTIVATIONS, key)


def feature(key: str) -> str:
    """"x1²" for "x1^2"."""
    return _translated(FEATURES, key)


def dataset(key: str) -> str:
    """The data set's name: "Circle", "XOR", ..."""
    return _translated(DATASETS, key)


def dataset_tip(key: str) -> str:
    """One sentence on what the data set looks like."""
    return _translated(DATASET_TIPS, key)


def task(key: str) -> str:
    """"Binary", "Multi-class" or "Regression"."""
    return _translated(TASKS, key)


def optimizer(key: str) -> str:
    """"SGD", "Momentum" or "Adam"."""
    return _translated(OPTIMIZERS, key)


def regularizer(key: str) -> str:
    """"None", "L1" or "L2"."""
    return _translated(REGULARIZERS, key)


def batch_mode(key: str) -> str:
    """Display name of batch order ``key`` (core.experiment.BATCH_MODES)."""
    return _translated(BATCH_MODES, key)


def engine(key: str) -> str:
    """Display name of training engine ``key`` (core.compiled.engine.ENGINES)."""
    return _translated(ENGINES, key)


def divergence_place(key: str) -> str:
    """Where a divergence was found ("activations", "loss", ...), in the interface's language."""
    return _translated(DIVERGENCE_PLACES, key)


def preset_topic(key: str) -> str:
    """The Presets submenu's title for a preset topic ("gradients" -> "Vanishing and exploding gradients")."""
    return _translated(PRESET_TOPICS, key)


# Data-parallel training (core/parallel_spec.py): schedules, all-reduce orders, interconnects.
SCHEDULES = {
    "per_rank_batch": QT_TRANSLATE_NOOP("labels", "a batch per rank"),
    "epoch_blocks": QT_TRANSLATE_NOOP("labels", "epoch blocks"),
    "single": QT_TRANSLATE_NOOP("labels", "one process"),
}
ALLREDUCE = {
    "sequential": QT_TRANSLATE_NOOP("labels", "sequential"),
    "ring": QT_TRANSLATE_NOOP("labels", "ring"),
    "tree": QT_TRANSLATE_NOOP("labels", "tree"),
}
LINKS = {
    "pcie": QT_TRANSLATE_NOOP("labels", "PCIe"),
    "ethernet": QT_TRANSLATE_NOOP("labels", "Ethernet"),
}


def schedule(key: str) -> str:
    """How a data-parallel iteration shares out the batches: "a batch per rank", "epoch blocks"."""
    return _translated(SCHEDULES, key)


def allreduce(key: str) -> str:
    """The all-reduce's order of additions: "sequential", "ring" or "tree"."""
    return _translated(ALLREDUCE, key)


def link(key: str) -> str:
    """An interconnect profile's name: "PCIe" or "Ethernet"."""
    return _translated(LINKS, key)


# A run's status: core.trainer's (Trainer.status, a sweep row's) and core.runs.INTERRUPTED.
STATUSES = {
    "ready": QT_TRANSLATE_NOOP("labels", "ready"),
    "training": QT_TRANSLATE_NOOP("labels", "training"),
    "completed": QT_TRANSLATE_NOOP("labels", "completed"),
    "target_reached": QT_TRANSLATE_NOOP("labels", "target reached"),
    "early_stopped": QT_TRANSLATE_NOOP("labels", "stopped early"),
    "diverged": QT_TRANSLATE_NOOP("labels", "diverged"),
    "interrupted": QT_TRANSLATE_NOOP("labels", "interrupted"),
}
RUN_COLUMNS = {
    "name": QT_TRANSLATE_NOOP("labels", "Run"),
    "seed": QT_TRANSLATE_NOOP("labels", "Seed"),
    "status": QT_TRANSLATE_NOOP("labels", "Status"),
    "test_loss": QT_TRANSLATE_NOOP("labels", "Test loss"),
    "test_metric": QT_TRANSLATE_NOOP("labels", "Accuracy / R²"),
    "differs": QT_TRANSLATE_NOOP("labels", "What differs"),
}
RUN_CURVES = {
    "train_loss": QT_TRANSLATE_NOOP("labels", "Training loss (per batch)"),
    "test_loss": QT_TRANSLATE_NOOP("labels", "Test loss"),
    "metric": QT_TRANSLATE_NOOP("labels", "Accuracy / R² (test)"),
    "grad_norm": QT_TRANSLATE_NOOP("labels", "Global gradient norm"),
}


def run_column(key: str) -> str:
    """The Runs list's heading for column ``key``."""
    return _translated(RUN_COLUMNS, key)


def run_curve(key: str) -> str:
    """The Runs overlay's name for curve ``key`` (core.runs.CURVES)."""
    return _translated(RUN_CURVES, key)


def status(key: str) -> str:
    """A run's status ("diverged") as a person reads it; an unknown one as it is."""
    return _translated(STATUSES, key)
