"""The training loop: one ``step()`` is one iteration (forward, loss, backward, update).

A Trainer owns everything about one run (data, network, optimiser, schedule, history), so
several can train side by side. It never touches the global NumPy random state: the
experiment seed is split into independent streams for the data, the initial weights and
the batch order, so changing how batches are drawn leaves data and initial weights alone.
"""
from __future__ import annotations

import math

import numpy as np

from .batching import BatchSchedule
from .compiled.engine import COMPILER, DEFAULT_ENGINE, ENGINES
from .compiled.layout import NON_FINITE, WEIGHTS_NON_FINITE
from .compiled.slices import Slices, supports
from .datasets import build_data
from .experiment import Experiment, live_change
from .history import MetricHistory
from .metrics import metric_value, metrics_header, task_metric
from .model import TrainableModel
from .network import Network
from .sequence import SequenceNetwork, build_sequence_data
from .optimizers import clip_by_global_norm, make_optimizer
from .records import BackpropProfile, Divergence, Evaluation, StepRecord, float_norm, layer_stats

DATA_STREAM, INIT_STREAM, SHUFFLE_STREAM = range(3)
STOPPED = ("completed", "target_reached", "early_stopped")  # a live change of EPOCHS or the stop rules can undo these
TERMINAL = (*STOPPED, "diverged")


def stream(seed: int, which: int, draw: int = 0) -> np.random.Generator:
    """An independent random stream derived from the experiment seed (and the data draw)."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(which, draw)))


def dense_network(experiment: Experiment) -> Network:
    """The dense network an experiment describes, before initialisation (all parameters 0)."""
    net, opt = experiment.network, experiment.optimizer
    return Network(experiment.layer_sizes, [(h.activation, h.alpha) for h in net.hidden], net.loss,
                   huber_delta=net.huber_delta, l1=opt.l1, l2=opt.l2, dtype=experiment.dtype)


def build_model(experiment: Experiment) -> TrainableModel:
    """The model an experiment trains, before initialisation: a SequenceNetwork for sequence
    data, else a dense Network."""
    return SequenceNetwork(experiment) if experiment.data.is_sequence else dense_network(experiment)


def _lower(a: float, b: float) -> float:
    """The lower of two numbers, ignoring a NaN (an evaluation that overflowed)."""
    return b if math.isnan(a) or b < a else a


def _best_of(best: Evaluation, ev: Evaluation) -> Evaluation:
    """Each field of ``best`` improved by ``ev``: losses the lowest, metrics the highest."""
    return Evaluation(_lower(best.train_loss, ev.train_loss), _lower(best.test_loss, ev.test_loss), ev.metric_name,
                      -_lower(-best.train_metric, -ev.train_metric), -_lower(-best.test_metric, -ev.test_metric))


def epochs_done(epoch: int, batch: int, batches_per_epoch: int, status: str = "") -> int:
    """Epochs whose every iteration trained, at iteration ``batch`` of 1-based ``epoch``; given
    ``status`` "diverged", the epoch in which training diverged does not count."""
    finished = batch == batches_per_epoch and status != "diverged"
    return max(0, epoch if finished else epoch - 1)


_NO_EVALUATION = (math.nan, math.nan)  # test loss and metric on steps without an evaluation
MAX_SLICE = 1024  # iterations per compiled call at most: the window and Ctrl-C wait for no more


PROBE_SAMPLES = 256
HISTOGRAM_EDGES = np.linspace(-8.0, 8.0, 65)  # tanh and sigmoid saturate beyond about +-3


class Trainer:
    """One training run of an experiment: its data, model, optimiser, batch schedule and history.

    ``step()`` is one iteration (forward, loss, backward, update) and returns a StepRecord;
    ``advance(n)`` and ``run()`` take many. ``status`` is "ready", "training" or one of
    TERMINAL; ``apply_live_settings`` adopts what needs no restart, ``reset`` goes back to
    iteration 0. The model is any TrainableModel: a dense Network, or a SequenceNetwork for
    sequence data.

    ``engine`` is "compiled" (the default: many iterations per compiled call wherever the
    kernel covers the model and has compiled, NumPy steps until then) or "numpy"; it may
    change between any two calls, since both engines share every array of the state.
    ``engine_log`` lists (iteration, engine) each time the engine in use changed.
    """

    network: TrainableModel
    COMPILES = True  # subclasses whose step differs (data-parallel, ranks) set False: the kernel is this step

    def __init__(self, experiment: Experiment, engine: str = DEFAULT_ENGINE):
        if engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}; got {engine!r}")
        self.experiment = experiment
        self.engine = engine
        data_rng = stream(experiment.seed, DATA_STREAM, experiment.data.draw)
        build = build_sequence_data if experiment.data.is_sequence else build_data
        self.data, self.network = build(experiment, data_rng), build_model(experiment)
        # Features-first copies the network trains on (see core/network.py).
        self._train_x, self._train_y = self.network.inputs(self.data.X_train), self.data.Y_train.T.copy()
        self._test_x, self._test_y = self.network.inputs(self.data.X_test), self.data.Y_test.T.copy()
        self.history = MetricHistory(self._history_columns())
        self.eval_history = MetricHistory(("train_loss", "test_loss", "train_metric", "test_metric"))
        self.reset()

    @property
    def metric_name(self) -> str:
        """"r2" for regression, else "accuracy"."""
        return task_metric(self.experiment.network.task)

    def _history_columns(self):
        """The metrics.csv columns (after the iteration) with, after the evaluation columns,
        the global gradient norm and the batch's outlier count (the gradient lab plots spikes)."""
        header = metrics_header(self.metric_name, self.network.num_layers)
        return (*header[1:7], "global_grad_norm", "outliers", *header[7:])

    def reset(self) -> None:
        """Back to iteration 0 with the seed's initial weights (the data stays as it is)."""
        exp = self.experiment
        self.network.initialize(exp.network.init, stream(exp.seed, INIT_STREAM),
                                exp.network.init_param, exp.network.init_gain)
        self.optimizer = self._new_optimizer()
        self.schedule = self._new_schedule()
        self._bounds = np.array(self.schedule.bounds, dtype=np.int64).reshape(-1, 2)  # for the compiled slices
        self._slices: Slices | None = None  # built at the first compiled slice
        # whether the kernel applies (the model and batch size settle it; asked before every slice)
        self._covered = self.COMPILES and supports(self.network, self.schedule.batch_size)
        self.engine_log: list[tuple[int, str]] = []
        self._x, self._y = self._train_x.copy(), self._train_y.copy()  # in this epoch's order
        # Which columns of _x hold outliers; None when the data has none (the common case).
        self._outliers = self.data.outlier_mask.copy() if self.data.outlier_mask.any() else None
        self._epoch_z = np.empty_like(self._y)  # each sample's output when its batch trained
        self._epoch_loss, self._epoch_samples, self._epoch_seen = 0.0, 0, 0
        self.iteration = self.samples_seen = 0
        self.epoch, self.batch = 0, self.schedule.batches_per_epoch  # the next step opens epoch 1
        self.status = "ready"
        self._adopt(exp)
        self.divergence: Divergence | None = None
        self.last_evaluation: Evaluation | None = None
        self.best: Evaluation | None = None  # each field the best of any evaluation so far
        self._best_test_loss, self._evals_since_best = math.inf, 0
        self.history.clear()
        self.eval_history.clear()

    def _new_optimizer(self):
        """A fresh optimiser for the network (a data-parallel trainer keeps one per replica)."""
        return make_optimizer(self.experiment.optimizer, self.network.theta.size, self.network.dtype)

    def _new_schedule(self) -> BatchSchedule:
        """The batch schedule from the start, its order drawn from the seed's shuffle stream (a
        data-parallel trainer groups these batches into iterations)."""
        train = self.experiment.training
        return BatchSchedule(len(self.data.X_train), train.batch_size, train.batch_mode,
                             train.partial_batch, stream(self.experiment.seed, SHUFFLE_STREAM))

    @property
    def completed_epochs(self) -> int:
        """Epochs whose every iteration trained; the epoch in which training diverged does not count."""
        return epochs_done(self.epoch, self.batch, self.schedule.batches_per_epoch, self.status)

    @property
    def budget_spent(self) -> bool:
        """True once the EPOCHS budget is used up; never when training until paused."""
        return self.total_iterations is not None and self.iteration >= self.total_iterations

    def _adopt(self, experiment: Experiment) -> None:
        """Make ``experiment`` current, with the settings each step reads kept at hand."""
        self.experiment = experiment
        epochs = experiment.training.epochs
        # EPOCHS in iterations; None trains until paused.
        self.total_iterations = None if epochs is None else epochs * self.schedule.batches_per_epoch
        self._eval_every = experiment.training.eval_every
        self._clip_norm = experiment.optimizer.clip_norm

    # ----- live settings -------------------------------------------------------------

    def apply_live_settings(self, experiment: Experiment) -> None:
        """Adopt changes that need no restart (see ``live_change``) without losing progress.

        A run that stopped is judged again under the new settings: with EPOCHS raised past
        the current iteration, or the target loss or patience that stopped it relaxed, it is
        "training" again and ``advance`` trains on. EPOCHS lowered to the current iteration or
        below completes any run that has not diverged; a diverged run stays diverged.
        """
        if not live_change(self.experiment, experiment):
            raise ValueError("this change needs a new Trainer")
        opt = experiment.optimizer
        self.optimizer.learning_rate = opt.learning_rate
        self.network.l1, self.network.l2 = opt.l1, opt.l2
        self._adopt(experiment)
        if self.status in STOPPED or (self.status != "diverged" and self.budget_spent):
            self.status = self._judged_status(self.last_evaluation)

    def set_weight(self, layer: int, i: int, j: int, value: float) -> None:
        """Edit one weight by hand: W[i, j] of layer ``layer`` (0-based, nearest the input first)."""
        self.network.params[layer][0][i, j] = value

    # ----- training ------------------------------------------------------------------

    def _next_batch(self) -> tuple[int, int]:
        """Advance the schedule; the batch is columns [start, stop) of ``_x`` and ``_y``."""
        batch = self.batch
        if batch == self.schedule.batches_per_epoch:
            self._start_epoch()
            batch = 0
        self.batch = batch + 1
        return self.schedule.bounds[batch]

    def _start_epoch(self) -> None:
        self.epoch += 1
        self._epoch_loss, self._epoch_samples, self._epoch_seen = 0.0, 0, 0
        order = self.schedule.epoch_order()
        if order is not None:
            np.take(self._train_x, order, axis=1, out=self._x)
            np.take(self._train_y, order, axis=1, out=self._y)
            if self._outliers is not None:
                np.take(self.data.outlier_mask, order, out=self._outliers)

    def step(self) -> StepRecord:
        """One iteration: forward, loss, backward, update."""
        return self.advance(1)

    def _step(self) -> StepRecord:
        """One iteration; callers enter np.errstate once around many of these."""
        net = self.network
        start, stop = self._next_batch()
        self.iteration += 1
        self.samples_seen += stop - start
        data_loss, penalty, ws = self._gradients(self._x[:, start:stop], self._y[:, start:stop],
                                                 self._epoch_z[:, start:stop])
        loss = data_loss + penalty
        self._epoch_loss += data_loss * (stop - start)
        self._epoch_samples += stop - start
        self._epoch_seen = max(self._epoch_seen, stop)  # columns of _epoch_z filled so far
        grad = net.grad
        global_norm = float_norm(grad)
        finite = math.isfinite(loss) and math.isfinite(global_norm)
        if finite:
            scale = 1.0 if self._clip_norm is None else clip_by_global_norm(grad, self._clip_norm, global_norm)
            squares = net.squared_norms(grad, net.theta, self.optimizer.update(net.theta, grad))
        else:  # leave the weights as they were: the last finite state stays inspectable
            scale = 1.0
            squares = net.squared_norms(grad, net.theta, grad * np.nan)
        grad_norm, weight_norm, update_ratio, activation_sums, per_layer = layer_stats(squares, scale, ws)
        divergence = None
        if not finite:
            divergence = self._locate_divergence(ws, loss, grad_norm)
        elif not math.isfinite(np.add.reduce(weight_norm)):
            divergence = Divergence(self.iteration, int(np.argmin(np.isfinite(weight_norm))) + 1, "weights")

        evaluation = None
        if divergence is not None:
            self.status, self.divergence = "diverged", divergence
        elif self.batch == self.schedule.batches_per_epoch or self._eval_every and not self.iteration % self._eval_every:
            evaluation = self._evaluate()
        else:
            self.status = "completed" if self.budget_spent else "training"
        record = StepRecord(
            self.iteration, self.epoch, self.batch, self.schedule.batches_per_epoch, self.samples_seen,
            loss, global_norm, scale != 1.0, grad_norm, weight_norm, update_ratio, activation_sums, ws.count,
            evaluation, self.status, divergence,
            0 if self._outliers is None else int(np.count_nonzero(self._outliers[start:stop])),
        )
        tested = _NO_EVALUATION if evaluation is None else (evaluation.test_loss, evaluation.test_metric)
        self.history.append(self.iteration, (self.epoch, self.batch, self.samples_seen, loss, *tested, global_norm,
                                             record.outliers), per_layer)
        return record

    def _gradients(self, x, y, outputs):
        """Fill the network's ``grad`` for the batch (x, y) and copy its output pre-activations
        into ``outputs`` (for the epoch's training metric); (data loss, penalty, the pass).
        A data-parallel trainer shares the batch out among its ranks here."""
        data_loss, penalty, ws = self.network.compute_gradients(x, y)
        np.copyto(outputs, ws.z_out)
        return data_loss, penalty, ws

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
        if not len(bad):  # every layer's norm is finite but their total is not: name the largest
            return Divergence(self.iteration, int(np.argmax(grad_norm)) + 1, "gradients")
        return Divergence(self.iteration, int(bad[-1]) + 1, "gradients")  # backprop runs top-down

    def _evaluate(self) -> Evaluation:
        """The evaluation due at an epoch end (or every ``eval_every`` iterations); updates the status."""
        ev = self._evaluate_epoch_so_far()
        self.last_evaluation = ev
        self.best = ev if self.best is None else _best_of(self.best, ev)
        self.eval_history.append(self.iteration, (ev.train_loss, ev.test_loss, ev.train_metric, ev.test_metric))
        if ev.test_loss < self._best_test_loss:
            self._best_test_loss, self._evals_since_best = ev.test_loss, 0
        else:
            self._evals_since_best += 1
        self.status = self._judged_status(ev)
        return ev

    def _judged_status(self, evaluation: Evaluation | None) -> str:
        """What the stop rules say given the latest evaluation: the EPOCHS budget first, then
        the target loss, then patience; otherwise training goes on."""
        train = self.experiment.training
        if self.budget_spent:
            return "completed"
        if train.target_loss is not None and evaluation is not None and evaluation.train_loss <= train.target_loss:
            return "target_reached"
        if train.patience is not None and self._evals_since_best >= train.patience:
            return "early_stopped"
        return "training"

    def backprop_profile(self) -> BackpropProfile:
        """Forward and backward on the first PROBE_SAMPLES training samples (the same ones
        every time, so profiles compare across iterations); training state is untouched."""
        net = self.network
        n = min(PROBE_SAMPLES, self._train_x.shape[1])
        saved = net.grad.copy()
        with np.errstate(all="ignore"):
            _, _, ws = net.compute_gradients(self._train_x[:, :n], self._train_y[:, :n])
            norms, pre_activations = net.backprop_norms(ws)
            clipped = [np.clip(z, HISTOGRAM_EDGES[0], HISTOGRAM_EDGES[-1]) for z in pre_activations]  # into the end bins
            histograms = np.array([np.histogram(z, HISTOGRAM_EDGES)[0] for z in clipped], dtype=np.int64)
            histograms = histograms.reshape(len(clipped), len(HISTOGRAM_EDGES) - 1)
        np.copyto(net.grad, saved)
        return BackpropProfile(norms, histograms, HISTOGRAM_EDGES)

    def evaluate(self) -> Evaluation:
        """Data loss and accuracy (classification) or R^2 (regression) of the current weights
        over the full training and test sets."""
        with np.errstate(all="ignore"):
            train_loss, train_metric = self._loss_and_metric(self._train_x, self._train_y)
            test_loss, test_metric = self._loss_and_metric(self._test_x, self._test_y)
        return Evaluation(train_loss, test_loss, self.metric_name, train_metric, test_metric)

    def _evaluate_epoch_so_far(self) -> Evaluation:
        """Test metrics with the current weights; training metrics averaged over the batches
        trained so far this epoch, each measured when it trained (as Keras reports them).
        This spares a forward pass over the whole training set at every evaluation."""
        seen = self._epoch_seen
        with np.errstate(all="ignore"):
            test_loss, test_metric = self._loss_and_metric(self._test_x, self._test_y)
            train_metric = metric_value(self.experiment.network.task, self._epoch_z[:, :seen], self._y[:, :seen])
        return Evaluation(self._epoch_loss / self._epoch_samples, test_loss, self.metric_name,
                          train_metric, test_metric)

    def _loss_and_metric(self, x, y) -> tuple[float, float]:
        # NumPy on both engines: over a whole set, BLAS and NumPy's vectorised tanh/exp beat the kernel's loops
        loss, z = self.network.loss_and_outputs(x, y)
        return loss, metric_value(self.experiment.network.task, z, y)

    def advance(self, count: int) -> StepRecord:
        """Up to ``count`` iterations, fewer if training stops; returns the last record.
        For callers that train in slices (the window's worker)."""
        if self.status == "diverged":
            raise RuntimeError(f"{self.divergence}; reset before training again")
        return self._train(count)

    def run(self, on_step=None, max_iterations: int | None = None) -> str:
        """Train until the EPOCHS budget, a stop condition or divergence; returns the final status.

        ``on_step(record)`` sees every record; returning True from it stops the run after the
        iteration, or on the compiled engine after the slice it belongs to (at most one
        epoch, MAX_SLICE iterations), whose later records it still sees: it sees every
        iteration trained. With EPOCHS until paused and no ``max_iterations``, only that, a
        stop rule or divergence ends the run.
        """
        limit = self.total_iterations if max_iterations is None else self.iteration + max_iterations
        if self.status != "diverged" and (limit is None or self.iteration < limit):
            self._train(None if limit is None else limit - self.iteration, on_step)
        return self.status

    def _train(self, count: int | None, on_step=None) -> StepRecord:
        """Up to ``count`` iterations (None: no limit) until a record is TERMINAL or ``on_step``
        asks to stop; the last record."""
        started, stop = self.iteration, False
        with np.errstate(all="ignore"):  # overflow is detected and reported, not printed
            while not stop and (count is None or self.iteration - started < count):
                kernel = self._kernel()
                engine = "numpy" if kernel is None else "compiled"
                if not self.engine_log or self.engine_log[-1][1] != engine:
                    self.engine_log.append((self.iteration, engine))
                if kernel is None:
                    records = [self._step()]
                else:
                    records = self._slice(kernel, None if count is None else count - (self.iteration - started),
                                          on_step is not None)
                for record in records if on_step is not None else ():
                    stop = bool(on_step(record)) or stop
                stop = stop or records[-1].status in TERMINAL
        return records[-1]

    def wait_for_engine(self) -> str:
        """Wait until the engine this trainer would use can train (the kernel compiled, or
        loaded from its cache); that engine. Headless runs call it first, so a whole run
        trains on one engine and gives the same numbers whatever the timing."""
        if self.engine == "compiled" and self._covered:
            COMPILER.wait(self.network.dtype)
        return self.engine_in_use

    @property
    def engine_in_use(self) -> str:
        """"compiled" when the next iterations train in compiled slices, else "numpy"."""
        return "numpy" if self._kernel() is None else "compiled"

    @property
    def engine_state(self) -> str:
        """Why this engine: "compiled", "numpy" (chosen), "not covered" (recurrent, data-parallel
        or wide layers, where NumPy is as fast or the kernel does not apply), "compiling" or
        "unavailable" (numba missing or failing: ``compiled.engine.unavailable()`` says why)."""
        if self.engine == "numpy":
            return "numpy"
        if not self._covered:
            return "not covered"
        if self._kernel() is not None:
            return "compiled"
        return "unavailable" if COMPILER.error else "compiling"

    def _kernel(self):
        """The compiled kernel when it trains this run now; None for NumPy steps (engine
        "numpy", a model the kernel does not cover, numba unavailable, or still compiling)."""
        if self.engine != "compiled" or not self._covered:
            return None
        return COMPILER.kernel(self.network.dtype)

    def _slice(self, kernel, count: int | None, every_record: bool) -> list[StepRecord]:
        """Up to ``count`` iterations in one compiled call, never past the end of the epoch,
        the next evaluation or the EPOCHS budget; all their records, or the last one."""
        bpe = self.schedule.batches_per_epoch
        if self.batch == bpe:
            self._start_epoch()
            self.batch = 0
        first = self.batch
        k = min(bpe - first, MAX_SLICE)
        if self._eval_every:
            k = min(k, self._eval_every - self.iteration % self._eval_every)
        if self.total_iterations is not None:  # past the budget (a step asked for anyway), one at a time
            k = min(k, max(1, self.total_iterations - self.iteration))
        if count is not None:
            k = min(k, count)
        result, self._epoch_loss = self._compiled_slices().run(kernel, self._x, self._y, self._epoch_z, self._bounds, first, k,
                                                    self.optimizer, self._clip_norm, self._epoch_loss)
        records = self._slice_records(result, first, every_record) if result.done else []
        if result.code == NON_FINITE:  # the NumPy step trains it again and says where it diverged
            records.append(self._step())
        return records

    def _compiled_slices(self) -> Slices:
        if self._slices is None:
            self._slices = Slices(self.network, self.schedule.batch_size)
        return self._slices

    def _slice_records(self, result, first: int, every_record: bool) -> list[StepRecord]:
        """Account for a compiled slice's iterations as ``_step`` does for one: counters,
        status, evaluation, history; their records (all, or the last)."""
        done, L, bpe = result.done, self.network.num_layers, self.schedule.batches_per_epoch
        bounds = self._bounds[first:first + done]
        sizes = bounds[:, 1] - bounds[:, 0]
        seen = self.samples_seen + np.cumsum(sizes)
        iterations = np.arange(self.iteration + 1, self.iteration + done + 1)
        self._epoch_samples += int(sizes.sum())
        self._epoch_seen = max(self._epoch_seen, int(bounds[:, 1].max()))
        self.iteration, self.batch, self.samples_seen = int(iterations[-1]), first + done, int(seen[-1])
        layers, last = result.layers, done - 1
        evaluation = divergence = None
        if result.code == WEIGHTS_NON_FINITE:
            divergence = Divergence(self.iteration, int(np.argmin(np.isfinite(layers[last, L:2 * L]))) + 1, "weights")
            self.status, self.divergence = "diverged", divergence
        elif self.batch == bpe or self._eval_every and not self.iteration % self._eval_every:
            evaluation = self._evaluate()
        else:
            self.status = "completed" if self.budget_spent else "training"
        rows = np.empty((done, 8 + 3 * L))  # the history's columns, as _step appends them
        rows[:, 0], rows[:, 1], rows[:, 2] = self.epoch, np.arange(first + 1, first + done + 1), seen
        rows[:, 3] = loss = result.scalars[:, 0] + result.scalars[:, 1]
        rows[:, 4:6] = _NO_EVALUATION if evaluation is None else (evaluation.test_loss, evaluation.test_metric)
        rows[:last, 4:6] = math.nan
        rows[:, 6] = result.scalars[:, 2]
        if self._outliers is None:
            rows[:, 7] = 0
        else:
            counted = np.concatenate([[0], np.cumsum(self._outliers)])
            rows[:, 7] = counted[bounds[:, 1]] - counted[bounds[:, 0]]
        rows[:, 8:] = layers
        self.history.extend(iterations, rows)
        return [StepRecord(int(iterations[i]), self.epoch, first + 1 + i, bpe, int(seen[i]), float(loss[i]),
                           float(rows[i, 6]), bool(result.scalars[i, 3] != 1.0), layers[i, :L], layers[i, L:2 * L],
                           layers[i, 2 * L:], result.stats[i], self._slices.count(int(sizes[i])),
                           evaluation if i == last else None, self.status if i == last else "training",
                           divergence if i == last else None, int(rows[i, 7]))
                for i in (range(done) if every_record else (last,))]
