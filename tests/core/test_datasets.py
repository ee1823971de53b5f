import numpy as np
import pytest

from nnplayground.core.datasets import DATASET_INFO, build_data, feature_matrix, generate_points
from nnplayground.core.experiment import (
    CLASSIFICATION_DATASETS, FEATURES, REGRESSION_DATASETS, DataSpec, Experiment, NetworkSpec,
)

ALL_DATASETS = CLASSIFICATION_DATASETS + REGRESSION_DATASETS


def make(dataset="circle", task=None, dtype="float64", **data):
    if task is None:
        task = "regression" if dataset in REGRESSION_DATASETS else "multiclass" if dataset == "blobs" else "binary"
    if dataset == "sine":
        data.setdefault("features", ("x1",))
    return Experiment(dtype=dtype, data=DataSpec(dataset=dataset, **data), network=NetworkSpec(task=task))


def build(seed=0, **kwargs):
    return build_data(make(**kwargs), np.random.default_rng(seed))


def spec(dataset, **data):
    return make(dataset, **data).data


# Every dataset x task pair an Experiment accepts (blobs with 2 classes may also be binary).
COMBOS = [(ds, "regression", 3) for ds in REGRESSION_DATASETS]
COMBOS += [(ds, task, 3) for ds in CLASSIFICATION_DATASETS if ds != "blobs" for task in ("binary", "multiclass")]
COMBOS += [("blobs", "binary", 2), ("blobs", "multiclass", 2), ("blobs", "multiclass", 7)]


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("dataset,task,classes", COMBOS)
def test_shapes_and_dtypes(dataset, task, classes, dtype):
    exp = make(dataset, task, dtype, samples=101, train_fraction=0.3, classes=classes)
    d = build_data(exp, np.random.default_rng(1))
    n_train, n_test = exp.train_samples, 101 - exp.train_samples
    dim = 1 if dataset == "sine" else 2
    outputs = exp.num_classes if task == "multiclass" else 1

    assert (n_train, n_test) == (30, 71)
    assert d.train_points.shape == (n_train, dim) and d.test_points.shape == (n_test, dim)
    assert d.train_points.dtype == d.test_points.dtype == np.float64
    assert d.X_train.shape == (n_train, len(exp.data.features)) and d.X_test.shape == (n_test, len(exp.data.features))
    assert d.Y_train.shape == (n_train, outputs) and d.Y_test.shape == (n_test, outputs)
    for a in (d.X_train, d.X_test, d.Y_train, d.Y_test):
        assert a.dtype == np.dtype(dtype) and a.flags.c_contiguous
    label_dtype = np.float64 if task == "regression" else np.int64
    assert d.train_labels.dtype == d.test_labels.dtype == label_dtype
    assert d.train_labels.shape == (n_train,) and d.test_labels.shape == (n_test,)
    assert d.outlier_mask.shape == (n_train,) and d.outlier_mask.dtype == bool
    assert (d.task, d.num_classes, d.features) == (task, exp.num_classes, exp.data.features)
    assert np.isfinite(d.X_train).all() and np.isfinite(d.Y_train).all()


@pytest.mark.parametrize("dataset", ALL_DATASETS)
def test_same_seed_same_data_other_seed_other_data(dataset):
    a, b, c = build(seed=7, dataset=dataset), build(seed=7, dataset=dataset), build(seed=8, dataset=dataset)
    for name in ("train_points", "test_points", "train_labels", "test_labels", "X_train", "Y_train", "X_test", "Y_test"):
        assert np.array_equal(getattr(a, name), getattr(b, name))
    assert not np.array_equal(a.train_points, c.train_points)


def test_global_random_state_is_untouched():
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    build(dataset="spiral", noise=0.5)
    assert np.array_equal(np.random.get_state()[1], before)


@pytest.mark.parametrize("dataset", ALL_DATASETS)
def test_split_is_a_partition_of_the_generated_points(dataset):
    s = spec(dataset, samples=50, noise=0.3, train_fraction=0.8)
    points, labels = generate_points(s, np.random.default_rng(3))
    d = build_data(make(dataset, samples=50, noise=0.3, train_fraction=0.8), np.random.default_rng(3))
    assert len(d.train_points) == 40 and len(d.test_points) == 10
    rows = lambda p: sorted(map(tuple, p))
    assert rows(np.vstack([d.train_points, d.test_points])) == rows(points)
    assert sorted(np.concatenate([d.train_labels, d.test_labels])) == sorted(labels)
    assert not np.array_equal(d.train_points, points[:40])  # a random split, not the generation order


@pytest.mark.parametrize("dataset", CLASSIFICATION_DATASETS)
def test_classes_are_balanced(dataset):
    k = 5 if dataset == "blobs" else 2
    _, labels = generate_points(spec(dataset, samples=503, classes=k), np.random.default_rng(0))
    counts = np.bincount(labels)
    assert len(counts) == k and counts.max() - counts.min() <= 1


def test_circle_inner_class_lies_inside_outer_class():
    points, labels = generate_points(spec("circle", samples=400), np.random.default_rng(0))
    r = np.hypot(*points.T)
    assert r[labels == 0].max() < r[labels == 1].min()


def test_noise_jitters_points_but_keeps_classes_apart_on_average():
    points, labels = generate_points(spec("circle", samples=2000, noise=0.5), np.random.default_rng(0))
    r = np.hypot(*points.T)
    assert r[labels == 0].max() > r[labels == 1].min()  # the classes now overlap...
    assert r[labels == 0].mean() + 2 < r[labels == 1].mean()  # ...but are still clearly separable


def test_xor_labels_follow_sign_of_product_with_a_margin():
    points, labels = generate_points(spec("xor", samples=400), np.random.default_rng(0))
    assert np.array_equal(labels, (points[:, 0] * points[:, 1] > 0).astype(np.int64))
    assert np.abs(points).min() >= 0.3


def test_gaussian_classes_form_two_separate_clusters():
    points, labels = generate_points(spec("gaussian", samples=400), np.random.default_rng(0))
    m0, m1 = points[labels == 0].mean(0), points[labels == 1].mean(0)
    assert np.linalg.norm(m0 - m1) > 4


def test_spiral_arms_are_half_a_turn_apart():
    points, labels = generate_points(spec("spiral", samples=400), np.random.default_rng(0))
    # Reflecting an arm through the origin lands on the other arm: every reflected point of
    # class 1 is close to some point of class 0.
    a, b = points[labels == 0], -points[labels == 1]
    nearest = np.min(np.linalg.norm(a[:, None] - b[None], axis=2), axis=0)
    assert np.median(nearest) < 0.2
    assert np.abs(points).max() <= 5


def test_moons_are_two_interleaving_arcs():
    points, labels = generate_points(spec("moons", samples=400), np.random.default_rng(0))
    upper, lower = points[labels == 0], points[labels == 1]
    assert upper[:, 1].mean() > lower[:, 1].mean()
    assert upper[:, 0].mean() < lower[:, 0].mean()
    # Each is half a circle of radius 3.5; the circles' centres are offset so the arcs interleave:
    # no horizontal or vertical line separates the two moons.
    assert np.allclose(np.hypot(*(upper - [-1.75, -0.875]).T), 3.5)
    assert np.allclose(np.hypot(*(lower - [1.75, 0.875]).T), 3.5)
    assert upper[:, 1].min() < lower[:, 1].max() and upper[:, 0].max() > lower[:, 0].min()
    assert 4 < np.abs(points[:, 0]).max() <= 6


@pytest.mark.parametrize("k", [2, 3, 10])
def test_blobs_have_k_separate_clusters(k):
    points, labels = generate_points(spec("blobs", samples=50 * k, classes=k), np.random.default_rng(0))
    assert set(labels.tolist()) == set(range(k))
    centres = np.array([points[labels == c].mean(0) for c in range(k)])
    gaps = np.linalg.norm(centres[:, None] - centres[None], axis=2) + np.eye(k) * 99
    assert gaps.min() > 1.5


def test_sine_targets_equal_sin_x1_without_noise():
    points, targets = generate_points(spec("sine", samples=300), np.random.default_rng(0))
    assert points.shape == (300, 1)
    assert np.abs(points).max() <= 6 and points.min() < -5 and points.max() > 5
    assert np.array_equal(targets, np.sin(points[:, 0]))


def test_plane_targets_are_linear_in_the_inputs_and_about_unit_range():
    points, targets = generate_points(spec("plane", samples=300), np.random.default_rng(0))
    design = np.column_stack([points, np.ones(len(points))])
    coef, *_ = np.linalg.lstsq(design, targets, rcond=None)
    assert np.allclose(design @ coef, targets)
    assert np.all(np.abs(coef[:2]) > 0.01)  # depends on both inputs
    assert 0.7 < np.abs(targets).max() <= 1


@pytest.mark.parametrize("dataset", REGRESSION_DATASETS)
def test_regression_noise_is_added_to_targets_only(dataset):
    clean_pts, clean = generate_points(spec(dataset, samples=2000), np.random.default_rng(0))
    noisy_pts, noisy = generate_points(spec(dataset, samples=2000, noise=0.5), np.random.default_rng(0))
    assert np.array_equal(clean_pts, noisy_pts)
    assert 0.1 < np.std(noisy - clean) < 0.5


def test_outliers_hit_exactly_k_training_targets_by_the_magnitude():
    d = build(dataset="sine", samples=200, outliers=7, outlier_magnitude=3.5)
    off = d.train_labels - np.sin(d.train_points[:, 0])
    assert d.outlier_mask.sum() == 7
    assert np.allclose(np.abs(off[d.outlier_mask]), 3.5)
    assert np.allclose(off[~d.outlier_mask], 0)
    assert np.allclose(d.test_labels, np.sin(d.test_points[:, 0]))
    assert np.array_equal(d.Y_train[:, 0], d.train_labels)  # the network trains on the outliers


def test_outliers_have_both_signs():
    d = build(dataset="plane", samples=400, outliers=40, outlier_magnitude=10.0)
    clean = (d.train_points[:, 0] + 2 * d.train_points[:, 1]) / 18
    signs = np.sign(d.train_labels - clean)[d.outlier_mask]
    assert len(signs) == 40 and (signs > 0).any() and (signs < 0).any()


def test_more_outliers_than_training_points_marks_them_all():
    d = build(dataset="sine", samples=10, outliers=10, train_fraction=0.5)
    assert d.outlier_mask.all() and len(d.outlier_mask) == 5


@pytest.mark.parametrize("dataset", CLASSIFICATION_DATASETS)
def test_classification_ignores_outliers(dataset):
    d = build(dataset=dataset, outliers=20)
    assert not d.outlier_mask.any()
    assert set(np.unique(d.train_labels)) <= set(range(d.num_classes))


def test_feature_columns_match_their_formulas():
    features = ("sin(x2)", "x1", "x1*x2", "x2^2", "sin(x1)", "x2", "x1^2")
    assert set(features) == set(FEATURES)
    d = build(dataset="gaussian", noise=0.2, features=features)
    for points, X in ((d.train_points, d.X_train), (d.test_points, d.X_test)):
        x1, x2 = points.T
        expected = np.column_stack([np.sin(x2), x1, x1 * x2, x2**2, np.sin(x1), x2, x1**2])
        assert np.allclose(X, expected)


def test_feature_matrix_uses_the_requested_dtype_and_rejects_a_missing_x2():
    points = np.array([[1.0, 2.0], [-3.0, 0.5]])
    X = feature_matrix(points, ["x1*x2", "x1"], np.float32)
    assert X.dtype == np.float32 and np.array_equal(X, [[2.0, 1.0], [-1.5, -3.0]])
    with pytest.raises(ValueError):
        feature_matrix(points[:, :1], ["x2"], np.float64)


def test_transform_matches_training_features_and_accepts_a_flat_grid_for_sine():
    d = build(dataset="circle", features=("x1^2", "x2^2"), dtype="float32")
    assert np.array_equal(d.transform(d.train_points), d.X_train)
    grid = np.stack(np.meshgrid(np.linspace(-6, 6, 5), np.linspace(-6, 6, 5)), axis=-1).reshape(-1, 2)
    assert d.transform(grid).shape == (25, 2) and d.transform(grid).dtype == np.float32

    s = build(dataset="sine", features=("x1", "sin(x1)"))
    xs = np.linspace(-6, 6, 9)
    assert np.allclose(s.transform(xs), np.column_stack([xs, np.sin(xs)]))


def test_binary_targets_are_zero_one_columns():
    d = build(dataset="xor", task="binary")
    assert np.array_equal(d.Y_train[:, 0], d.train_labels) and set(np.unique(d.Y_train)) == {0.0, 1.0}


@pytest.mark.parametrize("dataset,classes", [("circle", 3), ("blobs", 6)])
def test_multiclass_targets_are_one_hot(dataset, classes):
    d = build(dataset=dataset, task="multiclass", classes=classes, noise=0.4)
    k = 2 if dataset == "circle" else classes
    assert d.Y_train.shape[1] == k
    assert np.array_equal(d.Y_train.sum(1), np.ones(len(d.Y_train)))
    assert np.array_equal(d.Y_train.argmax(1), d.train_labels)
    assert np.array_equal(d.Y_test.argmax(1), d.test_labels)
    assert np.array_equal(d.encode([1, 0]), np.eye(k)[[1, 0]])


@pytest.mark.parametrize("dataset,noise", [("spiral", 0.0), ("circle", 0.0), ("gaussian", 1.0), ("blobs", 0.6)])
def test_extent_is_symmetric_and_fits_every_point_closely(dataset, noise):
    data = build(dataset=dataset, noise=noise, samples=2000)
    low, high = data.extent
    reach = np.abs(np.vstack([data.train_points, data.test_points])).max()
    assert low == -high and (2 * high).is_integer()  # whole or half units
    assert reach < high <= 1.04 * reach + 0.5  # a small margin, not a fixed -6..6


def test_data_arrays_are_read_only():
    d = build()
    with pytest.raises(ValueError):
        d.X_train[0, 0] = 1.0


def test_every_dataset_is_described():
    assert set(DATASET_INFO) == set(ALL_DATASETS)
    assert all(isinstance(text, str) and text for text in DATASET_INFO.values())
