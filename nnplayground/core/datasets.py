"""Toy data sets in the style of TensorFlow Playground, split into training and test sets.

Raw coordinates lie roughly in [-6, 6]. ``build_data`` turns an experiment's ``DataSpec`` into
points, labels, the input feature matrices and the encoded targets the network trains on.
All randomness comes from the generator passed in, so one seed always gives the same data.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .experiment import DataSpec, Experiment

DATASET_INFO = {
    "circle": "A disc of one class inside a ring of the other",
    "xor": "Four quadrants; the class is whether x1 and x2 share a sign",
    "gaussian": "Two round Gaussian clusters, one per class",
    "spiral": "Two spirals wound into each other",
    "moons": "Two interleaving half-moons",
    "blobs": "Several Gaussian clusters around a circle, one class each",
    "plane": "Regression: the target rises linearly across the plane",
    "sine": "Regression on one input: the target is sin(x1)",
}

# Standard deviation of the coordinate jitter at noise = 1, per classification data set,
# chosen so that noise = 0.5 blurs the class boundary visibly without destroying it.
_JITTER = {"circle": 1.0, "xor": 1.0, "gaussian": 1.5, "spiral": 0.5, "moons": 1.0, "blobs": 1.0}
_TARGET_NOISE = 0.5  # std of the Gaussian noise on regression targets (range about [-1, 1]) at noise = 1
_MIN_EXTENT = 1.0
_EXTENT_MARGIN = 0.04  # of the reach: room for the points' markers at the edge

_FEATURES = {
    "x1": lambda p: p[:, 0],
    "x2": lambda p: p[:, 1],
    "x1^2": lambda p: p[:, 0] ** 2,
    "x2^2": lambda p: p[:, 1] ** 2,
    "x1*x2": lambda p: p[:, 0] * p[:, 1],
    "sin(x1)": lambda p: np.sin(p[:, 0]),
    "sin(x2)": lambda p: np.sin(p[:, 1]),
}


def feature_matrix(points: np.ndarray, features: Sequence[str], dtype) -> np.ndarray:
    """One column per feature, in the order given, for raw points of shape (N, d)."""
    points = np.asarray(points, dtype=np.float64)
    if points.ndim != 2:
        raise ValueError(f"points must have shape (N, d); got {points.shape}")
    if points.shape[1] < 2 and any("x2" in f for f in features):
        raise ValueError("a feature uses x2 but the points have only x1")
    out = np.empty((len(points), len(features)), dtype=dtype)
    for j, name in enumerate(features):
        out[:, j] = _FEATURES[name](points)
    return out


def _encode(labels, task: str, num_classes: int, dtype) -> np.ndarray:
    labels = np.asarray(labels)
    if task == "multiclass":
        return np.eye(num_classes, dtype=dtype)[labels.astype(np.int64)]
    return labels.reshape(-1, 1).astype(dtype)  # binary 0/1 or regression target


@dataclass(frozen=True, eq=False)  # eq=False: element-wise array comparison has no single truth value
class Data:
    """A generated data set, split into training and test sets: the raw points and labels
    for drawing, and the feature matrices and encoded targets the network trains on."""

    features: tuple[str, ...]
    task: str  # "binary" | "multiclass" | "regression": how Y is encoded
    num_classes: int  # 0 for regression
    train_points: np.ndarray  # (n_train, d) raw coordinates, d = 2 (1 for "sine")
    test_points: np.ndarray
    train_labels: np.ndarray  # int64 class indices, or float64 targets (outliers included)
    test_labels: np.ndarray
    X_train: np.ndarray  # (n_train, len(features)) in the experiment dtype
    Y_train: np.ndarray  # binary (N, 1) of 0/1; multiclass one-hot (N, K); regression (N, 1)
    X_test: np.ndarray
    Y_test: np.ndarray
    outlier_mask: np.ndarray  # bool (n_train,): True where a training target was made an outlier

    @property
    def dtype(self) -> np.dtype:
        """The float type of the arrays the network sees."""
        return self.X_train.dtype

    def transform(self, points) -> np.ndarray:
        """Feature matrix for any raw points, e.g. a grid for drawing the decision boundary."""
        d = self.train_points.shape[1]
        return feature_matrix(np.asarray(points, dtype=np.float64).reshape(-1, d), self.features, self.dtype)

    def encode(self, labels) -> np.ndarray:
        """Targets as the network's outputs encode them: 0/1, one-hot, or the value."""
        return _encode(labels, self.task, self.num_classes, self.dtype)

    @property
    def extent(self) -> tuple[float, float]:
        """Symmetric plotting range, the same for x1 and x2: the farthest point plus a small
        margin, rounded up to half a unit (data within +-5 is drawn over -5.5..5.5)."""
        reach = max(np.abs(self.train_points).max(), np.abs(self.test_points).max())
        half = max(_MIN_EXTENT, math.ceil(2.0 * (1.0 + _EXTENT_MARGIN) * float(reach)) / 2.0)
        return (-half, half)


def _balanced_labels(n: int, k: int) -> np.ndarray:
    """Class counts differ by at most one; the split's permutation shuffles them."""
    return np.arange(n, dtype=np.int64) % k


def _polar(r, angle) -> np.ndarray:
    return np.column_stack([r * np.cos(angle), r * np.sin(angle)])


def _circle(n, rng):
    labels = _balanced_labels(n, 2)
    inner = labels == 0
    r = rng.uniform(np.where(inner, 0.0, 3.5), np.where(inner, 2.5, 5.0))
    return _polar(r, rng.uniform(0.0, 2 * np.pi, n)), labels


def _xor(n, rng):
    labels = _balanced_labels(n, 2)  # 1 where x1 * x2 > 0
    size = rng.uniform(0.0, 5.0, (n, 2)) + 0.3  # the 0.3 keeps a gap along both axes
    s1 = rng.choice([-1.0, 1.0], n)
    s2 = np.where(labels == 1, s1, -s1)
    return size * np.column_stack([s1, s2]), labels


def _gaussian(n, rng):
    labels = _balanced_labels(n, 2)
    centres = np.where(labels[:, None] == 1, 2.0, -2.0)  # (2, 2) and (-2, -2)
    return centres + rng.normal(0.0, 0.8, (n, 2)), labels


def _spiral(n, rng):
    labels = _balanced_labels(n, 2)
    t = rng.uniform(0.0, 1.0, n)
    angle = 1.75 * 2 * np.pi * t + np.pi * labels  # 1.75 turns; the second arm is rotated by half a turn
    return _polar(5.0 * t, angle), labels


def _moons(n, rng):
    labels = _balanced_labels(n, 2)
    t = rng.uniform(0.0, np.pi, n)
    upper = labels == 0
    x = np.where(upper, np.cos(t), 1.0 - np.cos(t))
    y = np.where(upper, np.sin(t), 0.5 - np.sin(t))
    # The unit-radius moons span [-1, 2] x [-0.5, 1]: centre them, then stretch to about +-5.
    return 3.5 * np.column_stack([x - 0.5, y - 0.25]), labels


def _blobs(n, rng, k):
    labels = _balanced_labels(n, k)
    centres = _polar(4.0, 2 * np.pi * labels / k)
    return centres + rng.normal(0.0, 0.5, (n, 2)), labels


def _plane(n, rng):
    points = rng.uniform(-6.0, 6.0, (n, 2))
    return points, (points[:, 0] + 2.0 * points[:, 1]) / 18.0  # maps the square onto [-1, 1]


def _sine(n, rng):
    points = rng.uniform(-6.0, 6.0, (n, 1))
    return points, np.sin(points[:, 0])


_GENERATORS = {
    "circle": _circle, "xor": _xor, "gaussian": _gaussian, "spiral": _spiral, "moons": _moons,
    "plane": _plane, "sine": _sine,
}


def generate_points(spec: DataSpec, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """All ``spec.samples`` raw points with their labels (int64) or targets (float64), noise applied."""
    n = spec.samples
    if spec.dataset == "blobs":
        points, labels = _blobs(n, rng, spec.classes)
    else:
        points, labels = _GENERATORS[spec.dataset](n, rng)
    if spec.is_regression:
        labels = labels + rng.normal(0.0, _TARGET_NOISE * spec.noise, n)
    else:
        points = points + rng.normal(0.0, _JITTER[spec.dataset] * spec.noise, points.shape)
    return points, labels


def build_data(experiment: Experiment, rng: np.random.Generator) -> Data:
    """Generate the experiment's data, split it at random and encode it for the network."""
    spec = experiment.data
    points, labels = generate_points(spec, rng)
    order = rng.permutation(spec.samples)
    train, test = order[:experiment.train_samples], order[experiment.train_samples:]
    train_labels = labels[train]  # fancy indexing copies, so the outliers below leave `labels` alone

    outlier_mask = np.zeros(len(train), dtype=bool)
    if spec.is_regression and spec.outliers:
        chosen = rng.choice(len(train), min(spec.outliers, len(train)), replace=False)
        outlier_mask[chosen] = True
        train_labels[chosen] += spec.outlier_magnitude * rng.choice([-1.0, 1.0], len(chosen))
    train_points = points[train]
    if spec.extra_points:  # hand-placed points join the training set, after the random ones
        extra = np.array(spec.extra_points, dtype=np.float64)
        train_points = np.vstack([train_points, extra[:, :-1]])
        train_labels = np.concatenate([train_labels, extra[:, -1].astype(train_labels.dtype)])
        outlier_mask = np.concatenate([outlier_mask, np.zeros(len(extra), bool)])

    dtype = np.dtype(experiment.dtype)
    task, k = experiment.network.task, experiment.num_classes
    arrays = dict(
        train_points=train_points, test_points=points[test],
        train_labels=train_labels, test_labels=labels[test],
        X_train=feature_matrix(train_points, spec.features, dtype),
        Y_train=_encode(train_labels, task, k, dtype),
        X_test=feature_matrix(points[test], spec.features, dtype),
        Y_test=_encode(labels[test], task, k, dtype),
        outlier_mask=outlier_mask,
    )
    for a in arrays.values():
        a.flags.writeable = False  # the data set is shared by trainer and views; nobody may edit it in place
    return Data(features=spec.features, task=task, num_classes=k, **arrays)
