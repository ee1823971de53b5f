"""Sequence experiments: the recurrent net of core/rnn.py behind the trainer's model interface.

The trainer slices batches as columns of a features-first matrix. A sequence fits that as
one column: its T inputs flattened time-major (T x input_size rows), then the row of ones.
So batching, shuffling, optimisers, records and history work for sequences unchanged.
"""
from __future__ import annotations

import numpy as np

from .datasets import Data
from .experiment import Experiment
from .network import FlatModel
from .rnn import RNN, input_size, sequence_data, workspace_elements


def build_sequence_data(experiment: Experiment, rng: np.random.Generator) -> Data:
    """Generate the sequences, split them at random; X rows are flattened sequences."""
    spec = experiment.data
    X, Y = sequence_data(spec.dataset, spec.samples, spec.sequence_length, rng)
    flat = X.reshape(len(X), -1)
    order = rng.permutation(spec.samples)
    train, test = order[:experiment.train_samples], order[experiment.train_samples:]
    dtype = np.dtype(experiment.dtype)
    arrays = dict(
        train_points=flat[train], test_points=flat[test],
        train_labels=Y[train, 0], test_labels=Y[test, 0],
        X_train=flat[train].astype(dtype), Y_train=Y[train].astype(dtype),
        X_test=flat[test].astype(dtype), Y_test=Y[test].astype(dtype),
        outlier_mask=np.zeros(len(train), bool),
    )
    for a in arrays.values():
        a.flags.writeable = False
    return Data(features=(spec.dataset,), task="regression", num_classes=0, **arrays)


class SequencePass:
    """One pass of the recurrent net as ``core.model.ForwardPass``: its predictions, and no
    hidden layers of units (the hidden state's story over time is ``backprop_norms``)."""

    def __init__(self, predictions, dtype):
        self.z_out = predictions.T  # features-first (1, n)
        self.delta_out = np.empty(self.z_out.shape, dtype)  # dL/dz, written by the loss
        self.a = ()
        self.count = np.zeros(0)

    def activation_sums(self, out) -> None:
        """Nothing to sum: ``out`` has room for no layer (6 numbers per hidden layer of units)."""


class SequenceNetwork(FlatModel):
    """A vanilla tanh RNN as two "layers" for the per-layer statistics: the recurrent layer
    (weights [W_x; W_h], bias b) and the linear output layer (W_o, b_o). MSE loss."""

    def __init__(self, experiment: Experiment):
        data, net = experiment.data, experiment.network
        self.steps, self.input_size = data.sequence_length, input_size(data.dataset)
        self.truncate = net.bptt_truncate
        self.spectral_radius = net.spectral_radius
        self.rnn = rnn = RNN(self.input_size, net.hidden[0].units, 1, experiment.dtype)
        starts = rnn.segment_starts  # [W_x, W_h, b, W_o, b_o]
        segments = np.array([starts[0], starts[2], starts[3], starts[4]], dtype=np.intp)
        mask = np.zeros_like(rnn.theta)
        mask[starts[0]:starts[2]] = 1
        mask[starts[3]:starts[4]] = 1
        sample_bytes = workspace_elements(self.steps, self.input_size, rnn.hidden, 1) * rnn.theta.itemsize
        super().__init__(rnn.theta, rnn.grad, segments, mask, loss="mse", huber_delta=1.0,
                         l1=experiment.optimizer.l1, l2=experiment.optimizer.l2, outputs=1, sample_bytes=sample_bytes)
        recurrent = rnn.M[:-1]  # [W_x; W_h]: every weight feeding the hidden state
        self.params = [(recurrent, rnn.b), (rnn.W_o, rnn.b_o)]
        self.grads = [(rnn.dM[:-1], rnn.db), (rnn.dW_o, rnn.db_o)]

    def initialize(self, scheme, rng, param=0.1, gain=1.0) -> None:
        """Recurrent weights with the experiment's spectral radius; ``gain`` scales the inputs'."""
        self.rnn.initialize(rng, self.spectral_radius, input_scale=gain)

    def _sequences(self, x) -> np.ndarray:
        return x[:-1].T.reshape(x.shape[1], self.steps, self.input_size)

    def forward(self, x, *, need_derivatives=False) -> SequencePass:
        """Predict a features-first batch of flattened sequences (no gradients)."""
        return SequencePass(self.rnn.predict(self._sequences(x)), self.dtype)

    def compute_gradients(self, x, y):
        """Fill ``grad`` by backpropagation through time; (MSE, penalty, the pass)."""
        loss = self.rnn.compute_gradients(self._sequences(x), y.T, self.truncate)
        outputs = SequencePass(self.rnn.workspace(self.steps, x.shape[1]).out, self.dtype)
        return loss, self._add_regularization() if self.l1 or self.l2 else 0.0, outputs

    def backprop_norms(self, outputs):
        """||dL/dh_t|| for t = 1..T (the backward signal through time); no pre-activations kept."""
        return self.rnn.hidden_grad_norms.copy(), []

    def output_activation(self, z):
        """The output is linear: predictions are the pre-activations themselves (copied)."""
        return np.array(z, copy=True)  # linear
