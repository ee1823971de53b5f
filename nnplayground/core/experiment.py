"""The experiment: one serialisable description of a run (data, network, optimiser, schedule, seed).

``Experiment.from_dict`` validates everything and names the offending field in its message,
so a malformed file or an impossible layer size never reaches the trainer.
"""
from __future__ import annotations

import dataclasses
import json
import math
import os
import stat
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_args, get_origin

from .activations import DEFAULT_LEAKY_ALPHA, HIDDEN_ACTIVATIONS
from .initializers import INITIALIZERS
from .losses import OUTPUT_ACTIVATION
from .files import write_atomic
from .parallel_spec import ParallelSpec
from .validation import ExperimentError, require as _require, shown as _shown
from .validation import choice as _choice, in_range as _in_range

FORMAT_VERSION = 1
MAX_FILE_BYTES = 16 * 2**20  # an experiment file is kilobytes; this many bytes is something else
MAX_UNITS = 4096
MAX_EXTRA_POINTS = 100_000  # clicked onto the plane one at a time; samples are capped at 1e6
MAX_POINT_VALUE = 1e6  # as outlier_magnitude: far beyond any plane, well inside float range
MAX_HIDDEN_LAYERS = 512
MAX_EPOCHS = 10_000_000

CLASSIFICATION_DATASETS = ("circle", "xor", "gaussian", "spiral", "moons", "blobs")
REGRESSION_DATASETS = ("plane", "sine")
# Sequences for a recurrent net; the answer depends on early inputs (see core/rnn.py).
SEQUENCE_DATASETS = ("remember_first", "adding")
FEATURES = ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")
TASKS = ("binary", "multiclass", "regression")
REGRESSION_LOSSES = ("mse", "huber")
OPTIMIZERS = ("sgd", "momentum", "adam")
BATCH_MODES = ("shuffle", "fixed", "repeat_one")
PARTIAL_BATCH = ("keep", "drop")
DTYPES = ("float64", "float32")


@dataclass(frozen=True)
class DataSpec:
    """Which data set to generate and how: size, noise, the train/test split, the input
    features the network sees, outliers and hand-placed points. Validated on creation."""

    dataset: str = "circle"
    samples: int = 500
    noise: float = 0.0  # 0 = clean, 1 = heavily jittered; scaled per dataset
    train_fraction: float = 0.5
    classes: int = 3  # blobs only
    outliers: int = 0  # regression only: training targets pushed far off
    outlier_magnitude: float = 10.0
    features: tuple[str, ...] = ("x1", "x2")
    draw: int = 0  # which random draw of the data set; "regenerate" moves to the next one
    sequence_length: int = 100  # time steps per sequence (sequence data sets only)
    # Points a person added by hand, trained on with the rest: (x1, x2, class) or, for
    # regression, (x1, x2, target); (x1, target) for the one-dimensional sine data set.
    extra_points: tuple[tuple[float, ...], ...] = ()

    def __post_init__(self):
        _choice(self.dataset, "dataset", CLASSIFICATION_DATASETS + REGRESSION_DATASETS + SEQUENCE_DATASETS)
        _in_range(self.samples, "samples", 4, 1_000_000)
        _in_range(self.noise, "noise", 0.0, 1.0)
        _in_range(self.train_fraction, "train_fraction", 0.0, 0.95, low_open=True)
        _require(round(self.samples * self.train_fraction) >= 1, "train_fraction", "leaves no training samples")
        _in_range(self.classes, "classes", 2, 10)
        _in_range(self.outliers, "outliers", 0, self.samples)
        _in_range(self.outlier_magnitude, "outlier_magnitude", 0.0, 1e6)
        _require(len(self.features) > 0, "features", "at least one input feature is needed")
        _require(len(set(self.features)) == len(self.features), "features", "lists a feature twice")
        for i, f in enumerate(self.features):
            _choice(f, f"features[{i}]", FEATURES)
        if self.dataset == "sine":
            _require(all("x2" not in f for f in self.features), "features", "the sine dataset has only x1")
        _in_range(self.draw, "draw", 0, 2**31 - 1)
        _in_range(self.sequence_length, "sequence_length", 1, 5000)
        _require(self.dataset != "adding" or self.sequence_length >= 2, "sequence_length",
                 "the adding task adds two marked steps, so it needs at least 2; got 1")
        width = 2 if self.dataset == "sine" else 3
        _require(len(self.extra_points) <= MAX_EXTRA_POINTS, "extra_points",
                 f"at most {MAX_EXTRA_POINTS:,} hand-placed points; got {len(self.extra_points):,}")
        for i, point in enumerate(self.extra_points):
            _require(len(point) == width, f"extra_points[{i}]", f"must hold {width} numbers")
            for j, value in enumerate(point):
                _in_range(value, f"extra_points[{i}][{j}]", -MAX_POINT_VALUE, MAX_POINT_VALUE)

    @property
    def is_regression(self) -> bool:
        """True for data sets with a real-valued target (sequences included)."""
        return self.dataset in REGRESSION_DATASETS + SEQUENCE_DATASETS

    @property
    def is_sequence(self) -> bool:
        """True for sequence data sets, which train a recurrent net (core/sequence.py)."""
        return self.dataset in SEQUENCE_DATASETS


@dataclass(frozen=True)
class LayerSpec:
    """One hidden layer: how many units, and their activation function (alpha is leaky
    ReLU's slope below 0)."""

    units: int
    activation: str = "tanh"
    alpha: float = DEFAULT_LEAKY_ALPHA  # slope for x < 0; used by leaky_relu only

    def __post_init__(self):
        _in_range(self.units, "units", 1, MAX_UNITS)
        _choice(self.activation, "activation", HIDDEN_ACTIVATIONS)
        _in_range(self.alpha, "alpha", 0.0, 1.0)


@dataclass(frozen=True)
class NetworkSpec:
    """The network: the task (which fixes the output activation and the loss), the hidden
    layers, the regression loss and Huber delta, the weight initialisation, and for
    recurrent nets the spectral radius and the BPTT truncation."""

    task: str = "binary"
    hidden: tuple[LayerSpec, ...] = (LayerSpec(4), LayerSpec(2))
    regression_loss: str = "mse"
    huber_delta: float = 1.0
    init: str = "xavier_uniform"
    init_param: float = 0.1  # std for 'normal', limit for 'uniform'
    init_gain: float = 1.0  # multiplies any scheme
    # Recurrent nets (sequence data): the recurrent weights' spectral radius at initialisation
    # (below 1 the backward signal vanishes over time, above 1 it explodes), and how many
    # steps backpropagation through time goes back (None: all of them).
    spectral_radius: float = 0.9
    bptt_truncate: int | None = None

    def __post_init__(self):
        _choice(self.task, "task", TASKS)
        _require(len(self.hidden) <= MAX_HIDDEN_LAYERS, "hidden", f"at most {MAX_HIDDEN_LAYERS} hidden layers")
        _choice(self.regression_loss, "regression_loss", REGRESSION_LOSSES)
        _in_range(self.huber_delta, "huber_delta", 0.0, 1e6, low_open=True)
        _choice(self.init, "init", tuple(INITIALIZERS))
        _in_range(self.init_param, "init_param", 0.0, 1e6)
        _in_range(self.init_gain, "init_gain", 0.0, 1e6)
        _in_range(self.spectral_radius, "spectral_radius", 0.0, 100.0)
        if self.bptt_truncate is not None:
            _in_range(self.bptt_truncate, "bptt_truncate", 1, 5000)

    @property
    def output_activation(self) -> str:
        """The output layer's activation: sigmoid, softmax or linear."""
        return OUTPUT_ACTIVATION[self.loss]

    @property
    def loss(self) -> str:
        """The loss's key in core.losses.LOSSES."""
        return {"binary": "bce", "multiclass": "softmax_ce", "regression": self.regression_loss}[self.task]


@dataclass(frozen=True)
class OptimizerSpec:
    """How the weights are updated. ``name`` picks the rule (see core/optimizers.py): "sgd"
    (theta -= lr g), "momentum" (v = momentum v - lr g; theta += v) or "adam" (with bias
    correction; beta1, beta2 and epsilon). Regularisation acts on weights, never biases:
    L2 adds 0.5 l2 sum W^2 to the loss, L1 adds l1 sum |W|. ``clip_norm`` caps the global
    gradient norm before the update."""

    name: str = "sgd"
    learning_rate: float = 0.03
    momentum: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    epsilon: float = 1e-8
    l1: float = 0.0
    l2: float = 0.0
    clip_norm: float | None = None  # clip the global gradient norm to this value

    def __post_init__(self):
        _choice(self.name, "name", OPTIMIZERS)
        _in_range(self.learning_rate, "learning_rate", 0.0, 1e6, low_open=True)
        _in_range(self.momentum, "momentum", 0.0, 1.0)
        # 1 is excluded: Adam divides by 1 - beta^t (beta1 = 1 divides by zero) and with
        # beta2 = 1 its second moment never leaves 0, so the very first step is infinite.
        _in_range(self.beta1, "beta1", 0.0, 1.0, high_open=True)
        _in_range(self.beta2, "beta2", 0.0, 1.0, high_open=True)
        _in_range(self.epsilon, "epsilon", 0.0, 1.0, low_open=True)
        _in_range(self.l1, "l1", 0.0, 1e3)
        _in_range(self.l2, "l2", 0.0, 1e3)
        if self.clip_norm is not None:
            _in_range(self.clip_norm, "clip_norm", 0.0, 1e12, low_open=True)


@dataclass(frozen=True)
class TrainingSpec:
    """The schedule: batch size and order, what happens to the last smaller batch, the
    EPOCHS budget, extra evaluations, and the stop rules (target loss, patience).
    ``epochs`` None (null in JSON) trains until paused, as TF Playground does: only the
    window can run such an experiment, or ``nnplayground run`` given ``--epochs``."""

    batch_size: int = 10
    epochs: int | None = 100  # None: until paused
    batch_mode: str = "shuffle"
    partial_batch: str = "keep"  # the last, smaller batch of an epoch: train on it or drop it
    eval_every: int = 0  # evaluate test metrics every N iterations as well as at each epoch end
    target_loss: float | None = None  # stop once the full training loss falls below this
    patience: int | None = None  # stop after this many evaluations without a better test loss

    def __post_init__(self):
        _in_range(self.batch_size, "batch_size", 1, 1_000_000)
        if self.epochs is not None:
            _require(1 <= self.epochs <= MAX_EPOCHS, "epochs",
                     f"must be in [1, {MAX_EPOCHS}], or null to train until paused; got {_shown(self.epochs)}")
        _choice(self.batch_mode, "batch_mode", BATCH_MODES)
        _choice(self.partial_batch, "partial_batch", PARTIAL_BATCH)
        _in_range(self.eval_every, "eval_every", 0, 10_000_000)
        if self.target_loss is not None:
            _in_range(self.target_loss, "target_loss", 0.0, 1e12)
        if self.patience is not None:
            _in_range(self.patience, "patience", 1, 10_000_000)


@dataclass(frozen=True)
class Experiment:
    """Everything that defines a run: data, network, optimiser and schedule, plus the seed
    from which all randomness is drawn and the float type. Immutable and validated on
    creation, so two equal experiments train identically; ``to_json`` and ``from_json``
    round-trip it exactly."""

    name: str = "Untitled"
    description: str = ""
    seed: int = 0
    dtype: str = "float64"
    data: DataSpec = field(default_factory=DataSpec)
    network: NetworkSpec = field(default_factory=NetworkSpec)
    optimizer: OptimizerSpec = field(default_factory=OptimizerSpec)
    training: TrainingSpec = field(default_factory=TrainingSpec)
    # Data-parallel training, simulated (core/parallel.py); None, the default, trains in one
    # process, and the file then has no "parallel" key at all.
    parallel: ParallelSpec | None = None

    def __post_init__(self):
        _in_range(self.seed, "seed", 0, 2**63 - 1)
        _choice(self.dtype, "dtype", DTYPES)
        _require(self.parallel is None or self.training.batch_mode != "repeat_one", "parallel",
                 "needs batches to share out among the ranks; batch_mode repeat_one trains one batch over and over")
        if self.data.is_sequence:
            hidden = self.network.hidden
            _require(len(hidden) == 1 and hidden[0].activation == "tanh", "network.hidden",
                     "a sequence data set trains a recurrent net: exactly one tanh layer (its hidden state)")
        if self.data.is_regression:
            _require(self.network.task == "regression", "network.task",
                     f"the {self.data.dataset} dataset is a regression task")
        else:
            _require(self.network.task != "regression", "network.task",
                     f"the {self.data.dataset} dataset is a classification task")
            _require(self.network.task == "multiclass" or self.num_classes == 2, "network.task",
                     f"{self.num_classes} classes need the multiclass task (softmax)")
            for i, point in enumerate(self.data.extra_points):
                _require(point[-1] in range(self.num_classes), f"data.extra_points[{i}]",
                         f"class must be 0..{self.num_classes - 1}; got {_shown(point[-1])}")
        train = self.train_samples
        _require(self.training.partial_batch == "keep" or self.training.batch_size <= train,
                 "training.batch_size", f"is larger than the {train} training samples and the partial batch is dropped")

    @property
    def num_classes(self) -> int:
        """Classes in the data set; 0 for regression."""
        if self.data.is_regression:
            return 0
        return self.data.classes if self.data.dataset == "blobs" else 2

    @property
    def train_samples(self) -> int:
        """Samples in the training set (at least one, and at least one left for testing)."""
        return max(1, min(self.data.samples - 1, round(self.data.samples * self.data.train_fraction)))

    @property
    def output_units(self) -> int:
        """Units in the output layer: one per class for multiclass, else one."""
        return self.num_classes if self.network.task == "multiclass" else 1

    @property
    def layer_sizes(self) -> list[int]:
        """Units per layer from the inputs to the output: [features, hidden..., outputs]."""
        return [len(self.data.features), *(h.units for h in self.network.hidden), self.output_units]

    # ----- serialisation -------------------------------------------------------------

    def to_dict(self) -> dict:
        """The JSON-ready form, with the format version first."""
        d = dataclasses.asdict(self)
        d["network"]["hidden"] = [dict(h) for h in d["network"]["hidden"]]
        d["data"]["features"] = list(d["data"]["features"])
        d["data"]["extra_points"] = [list(p) for p in d["data"]["extra_points"]]
        if d["parallel"] is None:  # files without data parallelism stay as they always were
            del d["parallel"]
        return {"format_version": FORMAT_VERSION, **d}

    @classmethod
    def from_dict(cls, d: Any) -> "Experiment":
        """Validate a parsed JSON value and build the experiment; an ExperimentError names the bad field."""
        if not isinstance(d, dict):
            raise ExperimentError("", f"an experiment must be a JSON object, not {type(d).__name__}")
        d = dict(d)
        version = d.pop("format_version", FORMAT_VERSION)
        d.pop("topic", None)  # a preset file's menu group (core/presets.py), no part of the experiment
        # true == 1 in Python, so a boolean is refused by its type: it is no version number.
        _require(version == FORMAT_VERSION and not isinstance(version, bool), "format_version",
                 f"this version of nnplayground reads format {FORMAT_VERSION}; got {_shown(version)}")
        return _build(cls, d, "")

    def replace(self, **changes) -> "Experiment":
        """A copy with top-level fields replaced; validated like any other experiment."""
        return _revalidate(dataclasses.replace(self, **changes))

    def to_json(self) -> str:
        """The experiment file's text: indented JSON, ending with a newline."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def save(self, path) -> None:
        """Write atomically: a crash mid-write leaves the old file intact, never half a file."""
        write_atomic(path, self.to_json())

    @classmethod
    def from_json(cls, text: str) -> "Experiment":
        """Parse and validate JSON text. Every way it can fail (invalid or too deeply nested
        JSON, a number too long to read, a value out of range) is an ExperimentError with a
        one-line message."""
        try:
            d = json.loads(text, parse_int=_whole_number)
        except json.JSONDecodeError as e:
            raise ExperimentError("", f"not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})") from None
        except RecursionError:
            raise ExperimentError("", "the JSON is nested too deeply to read") from None
        return cls.from_dict(d)

    @classmethod
    def load(cls, path) -> "Experiment":
        """Read an experiment file; problems with the file as a whole name it in the message."""
        path = Path(path)
        try:
            text = read_experiment_text(path)
        except FileNotFoundError:
            raise ExperimentError("", f"no such file: {path}") from None
        except (OSError, UnicodeDecodeError) as e:
            raise ExperimentError("", f"cannot read {path}: {e}") from None
        try:
            return cls.from_json(text)
        except ExperimentError as e:
            if e.field:  # the dotted path already says where
                raise
            raise ExperimentError("", f"{path.name}: {e.message}") from None


def read_experiment_text(path: Path) -> str:
    """The text of experiment file ``path``. Only a regular file of at most MAX_FILE_BYTES is
    read: a device (/dev/zero) would be read forever, a FIFO would hang the reader, and no
    experiment comes near the limit."""
    info = os.stat(path)  # raises FileNotFoundError; never blocks, whatever the file is
    if not stat.S_ISREG(info.st_mode):
        raise ExperimentError("", f"{path} is not a regular file (a folder, device or pipe), so it is not read")
    with open(path, "rb") as f:
        data = f.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ExperimentError("", f"{path} is larger than {MAX_FILE_BYTES // 2**20} MiB: not an experiment file")
    return data.decode("utf-8-sig")  # some Windows editors start UTF-8 files with a byte order mark


def live_change(old: Experiment, new: Experiment) -> bool:
    """True when ``new`` differs from ``old`` only in what a running Trainer can adopt without
    starting over (``Trainer.apply_live_settings``): the learning rate, L1/L2, clipping, the
    EPOCHS budget, the evaluation interval, the stop rules, the name and the description.
    Anything else (data, network, optimiser kind, batching, seed, dtype) needs a new Trainer."""
    live_optimizer = dict(learning_rate=new.optimizer.learning_rate, l1=new.optimizer.l1,
                          l2=new.optimizer.l2, clip_norm=new.optimizer.clip_norm)
    live_training = dict(epochs=new.training.epochs, eval_every=new.training.eval_every,
                         target_loss=new.training.target_loss, patience=new.training.patience)
    return new == dataclasses.replace(old, name=new.name, description=new.description,
                                      optimizer=dataclasses.replace(old.optimizer, **live_optimizer),
                                      training=dataclasses.replace(old.training, **live_training))


def _whole_number(digits: str) -> int:
    """A JSON integer; one past Python's digit limit (sys.get_int_max_str_digits) is a clear error."""
    try:
        return int(digits)
    except ValueError:
        raise ExperimentError("", f"a whole number with {len(digits.lstrip('-'))} digits is too long to read") from None


def _revalidate(exp: Experiment) -> Experiment:
    return Experiment.from_dict(exp.to_dict())


def _coerce(value, annotation, name):
    """Check one JSON value against a field's type; ints are accepted where floats are expected."""
    origin = get_origin(annotation)
    if origin is tuple:
        _require(isinstance(value, list | tuple), name, "must be a list")
        item_type = get_args(annotation)[0]
        return tuple(_coerce(v, item_type, f"{name}[{i}]") for i, v in enumerate(value))
    args = get_args(annotation)
    if type(None) in args:  # "float | None"
        if value is None:
            return None
        annotation = next(a for a in args if a is not type(None))
    if dataclasses.is_dataclass(annotation):
        return _build(annotation, value, name)
    if annotation is float:
        _require(isinstance(value, int | float) and not isinstance(value, bool), name,
                 f"must be a number; got {_shown(value)}")
        try:
            number = float(value)
        except OverflowError:  # a whole number beyond the float range, e.g. 10**400
            raise ExperimentError(name, f"is too far from zero for a number; got {_shown(value)}") from None
        _require(math.isfinite(number), name, f"must be finite; got {_shown(value)}")
        return number
    if annotation is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        if isinstance(value, float) and value.is_integer():
            value, ok = int(value), True
        _require(ok, name, f"must be a whole number; got {_shown(value)}")
        return value
    if annotation is str:
        _require(isinstance(value, str), name, f"must be text; got {_shown(value)}")
        try:  # JSON can spell a lone surrogate (\ud800), which could never be saved as UTF-8
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ExperimentError(name, "holds a character that is not valid Unicode (a lone surrogate)") from None
        return value
    raise TypeError(annotation)  # pragma: no cover - only if a new field type is added


_TYPES = {
    "DataSpec": DataSpec, "LayerSpec": LayerSpec, "NetworkSpec": NetworkSpec,
    "OptimizerSpec": OptimizerSpec, "TrainingSpec": TrainingSpec, "ParallelSpec | None": ParallelSpec | None,
    "tuple[str, ...]": tuple[str, ...], "tuple[LayerSpec, ...]": tuple[LayerSpec, ...],
    "tuple[tuple[float, ...], ...]": tuple[tuple[float, ...], ...],
    "float | None": float | None, "int | None": int | None, "str | None": str | None,
    "int": int, "float": float, "str": str,
}


def _key_shown(key: str) -> str:
    """An unknown key as its message names it: as written if it reads as a name, else quoted and
    cut short, so a key holding a newline, a lone surrogate or a megabyte keeps the message one line."""
    return key if key.isprintable() and len(key) <= 40 else _shown(key)


def _build(cls, d, path: str):
    """Build a spec dataclass from a dict, rejecting unknown keys and naming bad fields by path."""
    _require(isinstance(d, dict), path, f"must be an object; got {type(d).__name__}")
    known = {f.name: f for f in fields(cls)}
    prefix = f"{path}." if path else ""
    unknown = sorted(_key_shown(key) for key in set(d) - set(known))
    _require(not unknown, prefix + "".join(unknown[:1]),
             f"unknown key; {path or 'an experiment'} has {', '.join(known)}")
    kwargs = {k: _coerce(v, _TYPES[known[k].type], prefix + k) for k, v in d.items()}
    if cls is LayerSpec:
        _require("units" in kwargs, prefix + "units", "is required")
    try:
        return cls(**kwargs)
    except ExperimentError as e:
        raise ExperimentError(prefix + e.field if e.field else path, e.message) from None
