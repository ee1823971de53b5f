"""The training loop: one ``step()`` is one iteration (forward, loss, backward, update).

A Trainer owns everything about one run (data, network, optimiser, schedule, history), so
several can train side by side. It never touches the global NumPy random state: the
experiment seed is split into independent streams for the data, the initial weights and
the batch order, so changing how batches are drawn leaves data and initial weights alone.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .batching import BatchSchedule
from .datasets import build_data
from .experiment import Experiment
from .history import MetricHistory
from .network import Network
from .optimizers import clip_by_global_norm, make_optimizer

DATA_STREAM, INIT_STREAM, SHUFFLE_STREAM = range(3)
TERMINAL = ("completed", "target_reached", "early_stopped", "diverged")


def stream(seed: int, which: int) -> np.random.Generator:
    """An independent random stream derived from the experiment seed."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(which,)))


def _frozen(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)
    return array


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Loss and quality over the full training and test sets (no regularisation term)."""
    train_loss: float
    test_loss: float
    metric_name: str  # "accuracy" or "r2"
    train_metric: float
    test_metric: float


@dataclass(frozen=True, slots=True)
class Divergence:
    iteration: int
    layer: int  # 1-based, layer 1 nearest the input; the output layer is num_layers
    where: str  # "activations", "loss", "gradients" or "weights"

    def __str__(self) -> str:
        return f"diverged at iteration {self.iteration}: non-finite {self.where} in layer {self.layer}"


@dataclass(frozen=True, slots=True)
class StepRecord:
    """What one iteration did. Per-layer arrays run from layer 1 (nearest the input) upward;
    activation statistics cover the hidden layers only."""
    iteration: int
    epoch: int  # 1-based epoch this iteration belongs to
    batch: int  # 1-based batch within that epoch
    batches_per_epoch: int
    samples_seen: int
    train_loss: float  # this batch's loss, including the regularisation term
    global_grad_norm: float  # before clipping
    clipped: bool
    grad_norm: np.ndarray
    weight_norm: np.ndarray
    update_ratio: np.ndarray  # ||step of W|| / ||W|| per layer
    activation_mean: np.ndarray
    activation_std: np.ndarray
    saturated: np.ndarray  # fraction of hidden units with f'(z) below 1% of its peak
    evaluation: Evaluation | None
    status: str
    divergence: Divergence | None = None


class Trainer:
    def __init__(self, experiment: Experiment):
        self.experiment = experiment
        self.data = build_data(experiment, stream(experiment.seed, DATA_STREAM))
        net, opt = experiment.network, experiment.optimizer
        self.network = Network(
            experiment.layer_sizes,
            [(h.activation, h.alpha) for h in net.hidden],
            net.loss,
            huber_delta=net.huber_delta,
            l1=opt.l1,
            l2=opt.l2,
            dtype=experiment.dtype,
        )
        self.history = MetricHistory(self._history_columns())
        self.eval_history = MetricHistory(("train_loss", "test_loss", "train_metric", "test_metric"))
        self.reset()

    @property
    def metric_name(self) -> str:
        return "r2" if self.experiment.network.task == "regression" else "accuracy"

    def _history_columns(self):
        layers = range(1, self.network.num_layers + 1)
        return ("train_loss", *(f"{k}_{i}" for k in ("grad_norm", "weight_norm", "update_ratio") for i in layers))

    def reset(self) -> None:
        """Back to iteration 0 with the seed's initial weights (the data stays as it is)."""
        exp = self.experiment
        self.network.initialize(exp.network.init, stream(exp.seed, INIT_STREAM),
                                exp.network.init_param, exp.network.init_gain)
        self.optimizer = make_optimizer(exp.optimizer, self.network.theta.size, self.network.dtype)
        train = exp.training
        self.schedule = BatchSchedule(len(self.data.X_train), train.batch_size, train.batch_mode,
                                      train.partial_batch, stream(exp.seed, SHUFFLE_STREAM))
        self._X, self._Y = self.data.X_train.copy(), self.data.Y_train.copy()
        self.iteration = self.samples_seen = 0
        self.epoch, self.batch = 0, self.schedule.batches_per_epoch  # the next step opens epoch 1
        self.status = "ready"
        self.divergence: Divergence | None = None
        self.last_evaluation: Evaluation | None = None
        self._best_test_loss, self._evals_since_best = math.inf, 0
        self.history.clear()
        self.eval_history.clear()

    @property
    def total_iterations(self) -> int:
        """The EPOCHS budget in iterations."""
        return self.experiment.training.epochs * self.schedule.batches_per_epoch

    # ----- live settings -------------------------------------------------------------

    def set_learning_rate(self, value: float) -> None:
        self.optimizer.learning_rate = float(value)

    def set_regularization(self, l1: float, l2: float) -> None:
        self.network.l1, self.network.l2 = float(l1), float(l2)

    # ----- training ------------------------------------------------------------------

    def _next_batch(self):
        if self.batch == self.schedule.batches_per_epoch:
            self.epoch, self.batch = self.epoch + 1, 0
            order = self.schedule.epoch_order()
            if order is not None:
                np.take(self.data.X_train, order, axis=0, out=self._X)
                np.take(self.data.Y_train, order, axis=0, out=self._Y)
        start, stop = self.schedule.bounds(self.batch)
        self.batch += 1
        return self._X[start:stop], self._Y[start:stop]

    def step(self) -> StepRecord:
        if self.status == "diverged":
            raise RuntimeError(f"{self.divergence}; reset before training again")
        with np.errstate(all="ignore"):  # overflow is detected below and reported, not printed
            return self._step()

    def _step(self) -> StepRecord:
        net = self.network
        X, Y = self._next_batch()
        self.iteration += 1
        self.samples_seen += len(X)
        loss, ws = net.compute_gradients(X, Y)
        g_sq = net.squared_norms(net.grad)
        grad_norm = np.sqrt(g_sq[0::2] + g_sq[1::2])
        global_norm = math.sqrt(g_sq.sum())
        clipped, divergence = False, None
        if math.isfinite(loss) and math.isfinite(global_norm):
            clipped = clip_by_global_norm(net.grad, self.experiment.optimizer.clip_norm, global_norm)
            step_w = net.squared_norms(self.optimizer.update(net.theta, net.grad))[0::2]
            w_w = net.squared_norms(net.theta)[0::2]
            if not math.isfinite(w_w.sum()):
                divergence = Divergence(self.iteration, int(np.argmin(np.isfinite(w_w))) + 1, "weights")
        else:  # leave the weights as they were: the last finite state stays inspectable
            divergence = self._locate_divergence(ws, loss, grad_norm)
            step_w = np.full(net.num_layers, np.nan)
            w_w = net.squared_norms(net.theta)[0::2]
        weight_norm = np.sqrt(w_w)
        mean, std, saturated = self._activation_stats(ws)

        evaluation = None
        if divergence is not None:
            self.status, self.divergence = "diverged", divergence
        else:
            evaluation = self._evaluate_if_due()
        record = StepRecord(
            self.iteration, self.epoch, self.batch, self.schedule.batches_per_epoch, self.samples_seen,
            loss, global_norm, clipped,
            _frozen(grad_norm), _frozen(weight_norm), _frozen(np.sqrt(step_w) / weight_norm),
            _frozen(mean), _frozen(std), _frozen(saturated),
            evaluation, self.status, divergence,
        )
        self.history.append(self.iteration, (loss, *grad_norm, *weight_norm, *record.update_ratio))
        return record

    def _activation_stats(self, ws):
        """Mean, std and saturated/dead fraction of each hidden layer's units over the batch."""
        if not ws.acts.size:
            empty = np.empty(0)
            return empty, empty.copy(), empty.copy()
        counts = ws.act_counts
        mean = np.add.reduceat(ws.acts, ws.act_starts) / counts
        mean_sq = np.add.reduceat(ws.acts * ws.acts, ws.act_starts) / counts
        std = np.sqrt(np.maximum(mean_sq - mean * mean, 0.0))
        np.less(ws.grads, ws.saturation_threshold, out=ws.saturated)
        saturated = np.add.reduceat(ws.saturated, ws.act_starts, dtype=np.intp) / counts
        return mean.astype(float), std.astype(float), saturated

    def _locate_divergence(self, ws, loss, grad_norm) -> Divergence:
        """The first place, in computation order, where a non-finite number appeared."""
        L = self.network.num_layers
        for layer, a in enumerate(ws.a, start=1):
            if not np.isfinite(a).all():
                return Divergence(self.iteration, layer, "activations")
        if not np.isfinite(ws.z_out).all():
            return Divergence(self.iteration, L, "activations")
        if not math.isfinite(loss):
            return Divergence(self.iteration, L, "loss")
        bad = np.flatnonzero(~np.isfinite(grad_norm))
        return Divergence(self.iteration, int(bad[-1]) + 1, "gradients")  # backprop runs top-down

    def _evaluate_if_due(self) -> Evaluation | None:
        train = self.experiment.training
        epoch_end = self.batch == self.schedule.batches_per_epoch
        if not (epoch_end or (train.eval_every and self.iteration % train.eval_every == 0)):
            self.status = "completed" if self.iteration >= self.total_iterations else "training"
            return None
        ev = self.evaluate()
        self.last_evaluation = ev
        self.eval_history.append(self.iteration, (ev.train_loss, ev.test_loss, ev.train_metric, ev.test_metric))
        if ev.test_loss < self._best_test_loss:
            self._best_test_loss, self._evals_since_best = ev.test_loss, 0
        else:
            self._evals_since_best += 1
        if self.iteration >= self.total_iterations:
            self.status = "completed"
        elif train.target_loss is not None and ev.train_loss <= train.target_loss:
            self.status = "target_reached"
        elif train.patience is not None and self._evals_since_best >= train.patience:
            self.status = "early_stopped"
        else:
            self.status = "training"
        return ev

    def evaluate(self) -> Evaluation:
        """Data loss and accuracy (classification) or R^2 (regression) on the full train and test sets."""
        d = self.data
        with np.errstate(all="ignore"):
            train_loss, train_metric = self._loss_and_metric(d.X_train, d.Y_train)
            test_loss, test_metric = self._loss_and_metric(d.X_test, d.Y_test)
        return Evaluation(train_loss, test_loss, self.metric_name, train_metric, test_metric)

    def _loss_and_metric(self, X, Y) -> tuple[float, float]:
        loss = self.network.data_loss(X, Y)
        z = self.network.workspace(len(X)).z_out
        task = self.experiment.network.task
        if task == "binary":
            metric = float(np.mean((z > 0) == (Y > 0.5)))
        elif task == "multiclass":
            metric = float(np.mean(np.argmax(z, axis=1) == np.argmax(Y, axis=1)))
        else:
            residual = float(np.sum((z - Y) ** 2))
            total = float(np.sum((Y - Y.mean(axis=0)) ** 2))
            metric = 1.0 - residual / total if total > 0 else float("nan")
        return loss, metric

    def run(self, on_step=None, max_iterations: int | None = None) -> str:
        """Train until the EPOCHS budget, a stop condition or divergence; returns the final status.

        ``on_step(record)`` sees every record; returning True from it stops the run early.
        """
        limit = self.total_iterations if max_iterations is None else self.iteration + max_iterations
        while self.iteration < limit:
            record = self.step()
            if (on_step is not None and on_step(record)) or record.status in TERMINAL:
                break
        return self.status
