"""Immutable pictures of a training run, for views that must never touch the live trainer.

A worker thread takes a snapshot a few dozen times a second; everything in it is a copy
(or a read-only array that is never written again), so a view can keep and draw it while
training carries on. The decision surface and every neuron's output over the input plane
are evaluated here, on the training side, so the GUI thread only draws.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .experiment import Experiment
from .records import BackpropProfile, Divergence, Evaluation, StepRecord
from .trainer import Trainer


@dataclass(frozen=True, eq=False)
class Snapshot:
    """A trainer's state at one moment, everything a view draws: counters and status, the
    latest record and evaluation, the metric histories, the weights, biases and gradients,
    and the network's outputs over the input plane. Every array is a copy or read-only."""

    experiment: Experiment
    iteration: int
    epoch: int
    batch: int
    batches_per_epoch: int
    samples_seen: int
    total_iterations: int | None  # None: training until paused
    status: str
    divergence: Divergence | None
    record: StepRecord | None  # the latest step, None before the first
    evaluation: Evaluation | None  # the latest full evaluation
    history_x: np.ndarray  # iterations of the per-step history rows
    history: dict[str, np.ndarray]  # train_loss, grad_norm_k, weight_norm_k, update_ratio_k
    eval_x: np.ndarray
    eval_history: dict[str, np.ndarray]  # train_loss, test_loss, train_metric, test_metric
    weights: tuple[np.ndarray, ...]  # W per layer, (fan_in, fan_out)
    biases: tuple[np.ndarray, ...]
    gradients: tuple[np.ndarray, ...]  # dW of the latest step
    extent: tuple[float, float]  # the plotted input range, same for x1 and x2
    # The network's output over the input plane: [iy, ix, k] on a square grid (row 0 = lowest
    # x2) for 2-D data, [ix, k] for 1-D data. k runs over the output units: P(class 1) for
    # binary, class probabilities for multiclass, the prediction for regression.
    surface: np.ndarray
    # Every neuron's activation over a coarser grid, per layer (hidden layers then the
    # output): [iy, ix, unit] for 2-D data, [ix, unit] for 1-D data.
    neuron_maps: tuple[np.ndarray, ...]
    profile: BackpropProfile | None = None  # when the taker was asked for one (the gradient lab)
    best: Evaluation | None = None  # each field the best of any evaluation so far (Trainer.best)
    engines: tuple = ()  # Trainer.engine_log: where the engine in use changed
    engine_state: str = "numpy"  # Trainer.engine_state: which engine trains now, and why

    @property
    def engine(self) -> str:
        """The engine training now: "compiled", or "numpy" (chosen, not covered, compiling or unavailable)."""
        return "compiled" if self.engine_state == "compiled" else "numpy"


GRID_RESOLUTION = 64  # points along each axis of the input plane the output surface is drawn over
NEURON_STRIDE = 2  # neuron maps show every second of those points along each axis


class SnapshotTaker:
    """Keeps the evaluation grid of one trainer so each snapshot only runs a forward pass."""

    def __init__(self, trainer: Trainer, resolution: int = GRID_RESOLUTION, neuron_stride: int = NEURON_STRIDE,
                 profile: bool = False, plane: bool = True):
        self.trainer = trainer
        self.profile = profile
        self.neuron_stride = neuron_stride
        # Without ``plane`` (and for sequences, which have no input plane) snapshots carry no
        # output surface or neuron maps: on a deep net those cost more than a training step.
        self.grid = None
        if not plane or trainer.experiment.data.is_sequence:
            self.extent, self.is_1d, self.shape = (0.0, 1.0), True, (0,)
            return
        self.extent = trainer.data.extent
        axis = np.linspace(*self.extent, resolution)
        self.is_1d = trainer.data.train_points.shape[1] == 1
        if self.is_1d:
            points = axis[:, None]
        else:
            gx, gy = np.meshgrid(axis, axis)  # gx varies along columns, gy along rows
            points = np.column_stack([gx.ravel(), gy.ravel()])
        self.shape = (resolution,) if self.is_1d else (resolution, resolution)
        self.grid = trainer.network.inputs(trainer.data.transform(points))
        # The grid points the neuron maps show (every neuron_stride-th along each axis), in order.
        s = neuron_stride
        everything = np.arange(self.grid.shape[1]).reshape(self.shape)
        kept = everything[::s] if self.is_1d else everything[::s, ::s]
        self.map_shape, self.map_points = kept.shape, kept.ravel()

    def _maps(self, activations) -> np.ndarray:
        maps = activations.reshape(*self.shape, -1)
        s = self.neuron_stride
        return (maps[::s] if self.is_1d else maps[::s, ::s]).copy()

    def _planes(self, net) -> tuple[np.ndarray, tuple[np.ndarray, ...]]:
        """The output surface and every neuron's map over the grid, evaluated in chunks
        (``net.passes``), so the workspace stays bounded however wide the network is."""
        z = np.empty((net.output_size, self.grid.shape[1]), net.dtype)
        maps = None
        for start, stop, ws in net.passes(self.grid):
            z[:, start:stop] = ws.z_out
            if maps is None:
                maps = [np.empty((len(self.map_points), len(a)), net.dtype) for a in ws.a]
            low, high = np.searchsorted(self.map_points, (start, stop))
            columns = self.map_points[low:high] - start
            for layer_map, a in zip(maps, ws.a):
                layer_map[low:high] = a[:, columns].T
        surface = net.output_activation(z.T).reshape(*self.shape, -1)
        neuron_maps = tuple(m.reshape(*self.map_shape, -1) for m in maps) + (self._maps(surface),)
        return surface, neuron_maps

    def take(self, record: StepRecord | None = None) -> Snapshot:
        """A snapshot of the trainer now; ``record`` is the latest step's, if there was one."""
        t, net = self.trainer, self.trainer.network
        surface, neuron_maps = np.empty((0, 1)), ()
        if self.grid is not None:
            with np.errstate(all="ignore"):
                surface, neuron_maps = self._planes(net)
        return Snapshot(
            experiment=t.experiment, iteration=t.iteration, epoch=max(t.epoch, 1),
            batch=t.batch if t.epoch else 0, batches_per_epoch=t.schedule.batches_per_epoch,
            samples_seen=t.samples_seen, total_iterations=t.total_iterations, status=t.status,
            divergence=t.divergence, record=record, evaluation=t.last_evaluation,
            history_x=t.history.x, history={c: t.history.column(c) for c in t.history.columns},
            eval_x=t.eval_history.x, eval_history={c: t.eval_history.column(c) for c in t.eval_history.columns},
            weights=tuple(W.copy() for W, _ in net.params), biases=tuple(b.copy() for _, b in net.params),
            gradients=tuple(dW.copy() for dW, _ in net.grads), extent=self.extent,
            surface=surface, neuron_maps=neuron_maps,
            profile=t.backprop_profile() if self.profile else None, best=t.best,
            engines=tuple(t.engine_log), engine_state=t.engine_state,
        )
