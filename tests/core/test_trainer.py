"""The training loop: schedule arithmetic, seeds, records, stop conditions and divergence."""
import dataclasses
import math
import warnings

import numpy as np
import pytest

from nnplayground.core import (DataSpec, Experiment, LayerSpec, NetworkSpec, OptimizerSpec, Trainer,
                               TrainingSpec, live_change)
from nnplayground.core.batching import BatchSchedule, iterations_per_epoch
from nnplayground.core.history import MetricHistory
from nnplayground.core.presets import load_preset
from nnplayground.core.optimizers import Adam, Momentum, clip_by_global_norm


def experiment(samples=200, batch=10, epochs=5, hidden=((4, "tanh"), (2, "tanh")), seed=0, **kw):
    sections = {"data": DataSpec, "network": NetworkSpec, "optimizer": OptimizerSpec, "training": TrainingSpec}
    parts, top = {k: {} for k in sections}, {}
    for key, value in kw.items():  # "optimizer__learning_rate" sets a field of a section
        section, _, name = key.rpartition("__")
        (parts[section] if section else top)[name] = value
    parts["data"].setdefault("samples", samples)
    parts["network"].setdefault("hidden", tuple(LayerSpec(u, a) for u, a in hidden))
    parts["training"].setdefault("batch_size", batch)
    parts["training"].setdefault("epochs", epochs)
    return Experiment(seed=seed, **top, **{k: sections[k](**v) for k, v in parts.items()})


# ----- batching -----------------------------------------------------------------------

def test_thousand_samples_in_batches_of_hundred_is_ten_iterations_per_epoch():
    assert iterations_per_epoch(1000, 100) == 10
    assert iterations_per_epoch(1000, 100, "drop") == 10


@pytest.mark.parametrize("partial,batches,last,per_epoch", [("keep", 8, 104, 1000), ("drop", 7, 128, 896)])
def test_partial_batch_policy(partial, batches, last, per_epoch):
    schedule = BatchSchedule(1000, 128, "shuffle", partial, np.random.default_rng(0))
    assert schedule.batches_per_epoch == batches == iterations_per_epoch(1000, 128, partial)
    start, stop = schedule.bounds[batches - 1]
    assert stop - start == last
    assert schedule.samples_per_epoch == per_epoch


def test_shuffle_visits_every_sample_once_per_epoch_in_a_new_order():
    schedule = BatchSchedule(50, 8, "shuffle", "keep", np.random.default_rng(0))
    orders = [schedule.epoch_order() for _ in range(2)]
    for order in orders:
        seen = np.concatenate([order[slice(*schedule.bounds[b])] for b in range(schedule.batches_per_epoch)])
        assert sorted(seen) == list(range(50))
    assert not np.array_equal(*orders)


def test_trainer_counts_iterations_epochs_batches_and_samples():
    exp = experiment(samples=1250, batch=100, training__partial_batch="keep", data__train_fraction=0.8)
    assert exp.train_samples == 1000
    trainer = Trainer(exp)
    records = [trainer.step() for _ in range(11)]
    assert [r.batch for r in records] == [*range(1, 11), 1]
    assert [r.epoch for r in records] == [1] * 10 + [2]
    assert records[-1].iteration == 11 and records[-1].samples_seen == 1100
    assert records[9].evaluation is not None and records[8].evaluation is None
    assert trainer.total_iterations == 10 * exp.training.epochs


def batch_loss(trainer, X, Y) -> float:
    """The data loss of the trainer's current weights on samples (X, Y), computed here: a
    forward pass through tanh layers and a sigmoid output, then binary cross-entropy."""
    assert {h.activation for h in trainer.experiment.network.hidden} == {"tanh"}
    *hidden, (W, b) = trainer.network.params
    a = X
    for W_h, b_h in hidden:
        a = np.tanh(a @ W_h + b_h)
    p = 1 / (1 + np.exp(-(a @ W + b)))
    return float(-np.mean(Y * np.log(p) + (1 - Y) * np.log(1 - p)))


def test_repeat_one_batch_trains_on_the_same_samples_every_iteration():
    trainer = Trainer(experiment(training__batch_mode="repeat_one"))
    schedule, data = trainer.schedule, trainer.data
    assert schedule.bounds == [(0, schedule.batch_size)] * schedule.batches_per_epoch
    rows = schedule.epoch_order()[:schedule.batch_size]  # the one order repeat_one keeps
    X, Y = data.X_train[rows], data.Y_train[rows]
    for _ in range(25):  # over three epochs
        expected = batch_loss(trainer, X, Y)  # each step reports the loss of the batch it trained on
        assert trainer.step().train_loss == pytest.approx(expected, rel=1e-9)
    assert trainer.epoch == 3


def test_fixed_order_repeats_the_same_batches_each_epoch():
    trainer = Trainer(experiment(samples=40, batch=10, training__batch_mode="fixed"))
    data = trainer.data
    assert len(data.X_train) == 20 and trainer.schedule.bounds == [(0, 10), (10, 20)]
    for epoch in (1, 2):
        for start, stop in trainer.schedule.bounds:  # the stored order, every epoch
            expected = batch_loss(trainer, data.X_train[start:stop], data.Y_train[start:stop])
            record = trainer.step()
            assert record.epoch == epoch and record.train_loss == pytest.approx(expected, rel=1e-9)


# ----- seeds ----------------------------------------------------------------------------

def losses(trainer, steps=60):
    return [trainer.step().train_loss for _ in range(steps)]


def test_same_seed_gives_bit_identical_training():
    a, b = Trainer(experiment(seed=7)), Trainer(experiment(seed=7))
    assert losses(a) == losses(b)
    assert np.array_equal(a.network.theta, b.network.theta)


def test_another_seed_gives_other_data_weights_and_losses():
    a, b = Trainer(experiment(seed=7)), Trainer(experiment(seed=8))
    assert not np.array_equal(a.data.X_train, b.data.X_train)
    assert not np.array_equal(a.network.theta, b.network.theta)
    assert losses(a) != losses(b)


def test_changing_the_batch_order_leaves_data_and_initial_weights_alone():
    shuffled = Trainer(experiment(training__batch_mode="shuffle"))
    fixed = Trainer(experiment(training__batch_mode="fixed"))
    assert np.array_equal(shuffled.data.X_train, fixed.data.X_train)
    assert np.array_equal(shuffled.network.theta, fixed.network.theta)
    assert losses(shuffled) != losses(fixed)


def test_reset_restores_the_seeds_initial_weights():
    trainer = Trainer(experiment())
    initial = trainer.network.theta.copy()
    first = losses(trainer, 15)
    trainer.reset()
    assert trainer.iteration == 0 and trainer.status == "ready"
    assert np.array_equal(trainer.network.theta, initial)
    assert losses(trainer, 15) == first


def test_trainers_side_by_side_do_not_interfere():
    alone = losses(Trainer(experiment(seed=3)), 30)
    a, b = Trainer(experiment(seed=3)), Trainer(experiment(seed=4))
    interleaved = []
    for _ in range(30):
        interleaved.append(a.step().train_loss)
        b.step()
    assert interleaved == alone


def test_float32_training_stays_float32_and_tracks_float64():
    single = Trainer(experiment(dtype="float32", optimizer__learning_rate=0.1))
    double = Trainer(experiment(dtype="float64", optimizer__learning_rate=0.1))
    assert single.network.theta.dtype == np.float32 and single.data.X_train.dtype == np.float32
    assert losses(single, 100) == pytest.approx(losses(double, 100), rel=1e-3)
    assert single.network.theta.dtype == np.float32
    assert not np.array_equal(single.network.theta, double.network.theta)  # rounding differs


# ----- records ---------------------------------------------------------------------------

def test_record_statistics_match_a_direct_computation():
    trainer = Trainer(experiment(hidden=((5, "tanh"), (3, "relu")), optimizer__name="momentum",
                                 training__batch_mode="fixed"))
    for _ in range(3):
        trainer.step()
    before = [(W.copy(), b.copy()) for W, b in trainer.network.params]
    X = trainer.data.X_train[slice(*trainer.schedule.bounds[3])]  # fixed order: the fourth batch comes next
    record = trainer.step()
    assert (record.epoch, record.batch) == (1, 4)
    after = trainer.network.params
    for layer, ((W0, _), (W1, _)) in enumerate(zip(before, after)):
        assert record.weight_norm[layer] == pytest.approx(np.linalg.norm(W1))
        assert record.update_ratio[layer] == pytest.approx(np.linalg.norm(W1 - W0) / np.linalg.norm(W1))
    a1 = np.tanh(X @ before[0][0] + before[0][1])
    a2 = np.maximum(a1 @ before[1][0] + before[1][1], 0)
    assert record.activation_mean == pytest.approx([a1.mean(), a2.mean()])
    assert record.activation_std == pytest.approx([a1.std(), a2.std()])
    assert record.saturated == pytest.approx([np.mean(1 - a1**2 < 0.01), np.mean(a2 <= 0)])
    grads = trainer.network.grads
    assert record.grad_norm == pytest.approx([np.sqrt((dW**2).sum() + (db**2).sum()) for dW, db in grads])


def test_records_are_immutable():
    record = Trainer(experiment()).step()
    with pytest.raises(AttributeError):
        record.iteration = 5
    with pytest.raises(ValueError):
        record.grad_norm[0] = 1.0


def test_dead_relu_layer_is_reported_dead():
    trainer = Trainer(experiment(hidden=((6, "relu"),)))
    trainer.network.params[0][1][...] = -100.0  # every unit's input is far below zero
    record = trainer.step()
    assert record.saturated[0] == 1.0
    assert record.grad_norm[0] == 0.0


def test_regression_reports_r2_and_classification_accuracy():
    reg = Trainer(experiment(data__dataset="plane", network__task="regression", epochs=60))
    reg.run()
    ev, d = reg.last_evaluation, reg.data
    residual = d.Y_test - reg.network.predict(d.X_test)
    assert ev.metric_name == "r2"
    assert ev.test_metric == pytest.approx(1 - (residual**2).sum() / ((d.Y_test - d.Y_test.mean()) ** 2).sum())
    assert ev.test_metric > 0.8
    cls = Trainer(experiment(epochs=3))
    cls.run()
    ev, d = cls.last_evaluation, cls.data
    assert ev.metric_name == "accuracy"
    assert ev.test_metric == np.mean((cls.network.predict(d.X_test) > 0.5) == (d.Y_test > 0.5))


def test_eval_every_adds_evaluations_between_epoch_ends():
    trainer = Trainer(experiment(samples=200, batch=10, training__eval_every=3))
    evaluated = [r.iteration for r in (trainer.step() for _ in range(10)) if r.evaluation]
    assert evaluated == [3, 6, 9, 10]


# ----- stopping ----------------------------------------------------------------------------

def test_run_stops_at_the_epochs_budget():
    trainer = Trainer(experiment(epochs=3))
    assert trainer.run() == "completed"
    assert trainer.iteration == 3 * trainer.schedule.batches_per_epoch


def test_run_stops_at_the_target_loss():
    trainer = Trainer(experiment(epochs=500, training__target_loss=0.2, optimizer__learning_rate=0.1))
    assert trainer.run() == "target_reached"
    assert trainer.last_evaluation.train_loss <= 0.2
    assert trainer.iteration < trainer.total_iterations


def test_run_stops_when_patience_runs_out():
    # A tiny learning rate makes no progress worth the name; noisy test loss stalls quickly.
    trainer = Trainer(experiment(epochs=1000, training__patience=3, optimizer__name="sgd",
                                 optimizer__learning_rate=5.0))
    assert trainer.run() in ("early_stopped", "diverged")
    assert trainer.iteration < trainer.total_iterations


# ----- live settings -----------------------------------------------------------------------

def with_training(exp, **changes):
    return exp.replace(training=dataclasses.replace(exp.training, **changes))


def test_live_settings_are_adopted_without_losing_progress():
    base = experiment()
    faster = base.replace(optimizer=dataclasses.replace(base.optimizer, learning_rate=0.3, l2=0.01))
    trainer = Trainer(base)
    trainer.step()
    theta = trainer.network.theta.copy()
    trainer.apply_live_settings(faster)
    assert trainer.optimizer.learning_rate == 0.3 and trainer.network.l2 == 0.01
    assert trainer.iteration == 1 and np.array_equal(trainer.network.theta, theta)
    with pytest.raises(ValueError, match="new Trainer"):
        trainer.apply_live_settings(base.replace(seed=9))


def test_raising_epochs_after_completion_trains_on():
    trainer = Trainer(experiment(epochs=2))
    assert trainer.run() == "completed"
    done, per_epoch = trainer.iteration, trainer.schedule.batches_per_epoch
    assert done == 2 * per_epoch
    trainer.apply_live_settings(with_training(trainer.experiment, epochs=4))
    assert trainer.status == "training" and trainer.total_iterations == 4 * per_epoch
    theta = trainer.network.theta.copy()
    record = trainer.advance(3)
    assert record.iteration == done + 3 and record.epoch == 3 and record.status == "training"
    assert not np.array_equal(trainer.network.theta, theta)
    assert trainer.run() == "completed" and trainer.iteration == 4 * per_epoch
    assert trainer.completed_epochs == 4


def test_lowering_epochs_to_the_current_iteration_or_below_completes_the_run():
    trainer = Trainer(experiment(epochs=5))
    trainer.advance(2 * trainer.schedule.batches_per_epoch + 3)
    assert trainer.status == "training"
    trainer.apply_live_settings(with_training(trainer.experiment, epochs=2))
    assert trainer.status == "completed"
    iteration = trainer.iteration
    assert trainer.run() == "completed" and trainer.iteration == iteration  # nothing left to train
    trainer.apply_live_settings(with_training(trainer.experiment, epochs=3))  # the same epoch again
    assert trainer.status == "training"


def test_a_reached_target_that_is_removed_or_lowered_trains_on():
    trainer = Trainer(experiment(epochs=500, training__target_loss=0.2, optimizer__learning_rate=0.1))
    assert trainer.run() == "target_reached"
    reached = trainer.last_evaluation.train_loss
    trainer.apply_live_settings(with_training(trainer.experiment, epochs=600))
    assert trainer.status == "target_reached"  # more EPOCHS change nothing: the target still holds
    trainer.apply_live_settings(with_training(trainer.experiment, target_loss=reached / 2))
    assert trainer.status == "training"
    iteration = trainer.iteration
    assert trainer.advance(1).iteration == iteration + 1
    trainer.apply_live_settings(with_training(trainer.experiment, target_loss=1.0))
    assert trainer.status == "training"  # judged at the next evaluation, as while training
    assert trainer.run() == "target_reached"
    trainer.apply_live_settings(with_training(trainer.experiment, target_loss=None))
    assert trainer.status == "training"


def test_raising_or_removing_patience_after_an_early_stop_trains_on():
    trainer = Trainer(experiment(epochs=100, training__patience=1, optimizer__learning_rate=1.0))
    assert trainer.run() == "early_stopped"
    stopped = trainer.iteration
    trainer.apply_live_settings(with_training(trainer.experiment, patience=1_000))
    assert trainer.status == "training"
    assert trainer.advance(5).iteration == stopped + 5
    trainer.apply_live_settings(with_training(trainer.experiment, patience=None, epochs=1))
    assert trainer.status == "completed"
    trainer.apply_live_settings(with_training(trainer.experiment, epochs=100))
    assert trainer.status == "training"


def test_a_diverged_run_stays_diverged_whatever_the_live_change():
    trainer = Trainer(experiment(hidden=tuple((16, "linear") for _ in range(8)), epochs=50,
                                 optimizer__learning_rate=100.0))
    assert trainer.run() == "diverged"
    for epochs in (1, 500):
        trainer.apply_live_settings(with_training(trainer.experiment, epochs=epochs))
        assert trainer.status == "diverged"
    assert live_change(trainer.experiment, with_training(trainer.experiment, epochs=3))


def test_a_huge_learning_rate_diverges_cleanly():
    deep = tuple((16, "linear") for _ in range(8))
    trainer = Trainer(experiment(hidden=deep, epochs=50, optimizer__learning_rate=100.0))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no NumPy RuntimeWarning may escape
        status = trainer.run()
    assert status == "diverged"
    d = trainer.divergence
    assert 1 <= d.iteration <= trainer.iteration and 1 <= d.layer <= trainer.network.num_layers
    assert str(d).startswith(f"diverged at iteration {d.iteration}")
    with pytest.raises(RuntimeError, match="reset"):
        trainer.step()
    trainer.reset()
    assert trainer.status == "ready" and np.isfinite(trainer.step().train_loss)


def test_divergence_in_the_forward_pass_names_the_first_bad_layer():
    trainer = Trainer(experiment(hidden=((4, "relu"), (4, "relu"), (4, "relu"))))
    trainer.network.params[1][0][...] = 1e308  # layer 2 overflows to inf on the way forward
    record = trainer.step()
    assert record.status == "diverged"
    assert (record.divergence.layer, record.divergence.where) == (2, "activations")


# ----- optimisers ---------------------------------------------------------------------------

def test_adam_first_step_moves_each_weight_by_the_learning_rate():
    theta, grad = np.zeros(3), np.array([0.5, -2.0, 1e-3])
    Adam(3, float, learning_rate=0.01, epsilon=1e-12).update(theta, grad)
    assert theta == pytest.approx(-0.01 * np.sign(grad), rel=1e-6)


def test_momentum_accumulates_velocity():
    theta, grad = np.zeros(1), np.ones(1)
    opt = Momentum(1, float, learning_rate=0.1, momentum=0.9)
    opt.update(theta, grad)
    opt.update(theta, grad)
    assert theta[0] == pytest.approx(-0.1 - (0.9 * 0.1 + 0.1))


def test_clipping_caps_the_global_norm():
    grad = np.array([3.0, 4.0])
    assert clip_by_global_norm(grad, 1.0, 5.0) == pytest.approx(0.2)
    assert np.linalg.norm(grad) == pytest.approx(1.0)
    assert clip_by_global_norm(grad, 10.0, 1.0) == 1.0


def test_trainer_reports_clipping():
    trainer = Trainer(experiment(optimizer__clip_norm=1e-4))
    record = trainer.step()
    assert record.clipped and record.global_grad_norm > 1e-4


# ----- history -----------------------------------------------------------------------------

def test_history_memory_is_bounded_and_spans_the_whole_run():
    history = MetricHistory(["loss"], capacity=64)
    for i in range(10_000):
        history.append(i, [float(i)])
    assert len(history) <= 64
    x = history.x
    assert x[0] == 0 and x[-1] > 9_000
    assert np.all(np.diff(x) == history.stride)
    assert np.array_equal(history.column("loss"), x)


# ----- sizes and initialisation -------------------------------------------------------------

def test_very_deep_and_very_wide_networks_train():
    deep = Trainer(experiment(hidden=tuple((4, "tanh") for _ in range(128))))
    record = deep.step()
    assert len(record.grad_norm) == 129 and np.isfinite(record.grad_norm).all()
    wide = Trainer(experiment(hidden=((256, "relu"), (256, "relu"))))
    assert wide.network.params[1][0].shape == (256, 256)
    assert np.isfinite(wide.step().train_loss)


def test_a_float32_gradient_whose_squares_overflow_float32_is_measured_in_float64():
    """Found by the document fuzzer: entries near 1.6e19 are finite in float32, the sum of
    their squares is not. The run must neither crash nor call that a divergence."""
    exp = Experiment.from_dict({
        "seed": 0, "dtype": "float32",
        "data": {"dataset": "blobs", "samples": 4, "noise": 0.0, "train_fraction": 0.5, "classes": 4,
                 "features": ["x1"], "extra_points": [[0.0, 0.0, 0.0]]},
        "network": {"task": "multiclass", "hidden": [{"units": 1, "activation": "sigmoid"}],
                    "init_gain": 990.0},
        "optimizer": {"name": "sgd", "learning_rate": 782471.0, "l2": 26.0, "epsilon": 1.0},
        "training": {"batch_size": 1, "epochs": 1}})
    trainer = Trainer(exp)
    with np.errstate(over="ignore"):  # float32 arithmetic overflows on the way, as it may
        records = [trainer.step() for _ in range(trainer.total_iterations)]
    for record in records:  # the norm as float64 arithmetic gives it, from the per-layer norms
        grad64 = math.sqrt(float(np.sum(np.asarray(record.grad_norm, np.float64) ** 2)))
        if record.divergence is None:
            assert math.isfinite(record.global_grad_norm)
            assert record.global_grad_norm == pytest.approx(grad64, rel=1e-5)
        else:  # a real divergence names a layer of the network
            assert 1 <= record.divergence.layer <= trainer.network.num_layers


def test_a_total_gradient_beyond_range_with_every_layer_finite_names_its_largest_layer(monkeypatch):
    from nnplayground.core import trainer as trainer_module
    trainer = Trainer(load_preset("circle"), engine="numpy")  # the compiled engine hands such a step to this one
    monkeypatch.setattr(trainer_module, "float_norm", lambda grad: math.inf)  # as a sum past 1.8e308 would be
    record = trainer.step()
    assert record.status == "diverged" and np.isfinite(record.grad_norm).all()
    assert (record.divergence.layer, record.divergence.where) == (int(np.argmax(record.grad_norm)) + 1, "gradients")
