"""The trainer's seam: the dense and the recurrent model both offer what TrainableModel names,
and their evaluation loss equals the loss computed independently from their predictions."""
import numpy as np
import pytest

from nnplayground.core import (DataSpec, Experiment, ForwardPass, LayerSpec, NetworkSpec, OptimizerSpec,
                               TrainableModel, Trainer, TrainingSpec)
from nnplayground.core.network import Network
from nnplayground.core.sequence import SequenceNetwork

EXPERIMENTS = {
    "dense": Experiment(data=DataSpec(samples=120), training=TrainingSpec(batch_size=10, epochs=3),
                        optimizer=OptimizerSpec(l2=0.01)),
    "sequence": Experiment(data=DataSpec(dataset="adding", samples=48, sequence_length=6),
                           network=NetworkSpec(task="regression", hidden=(LayerSpec(5),)),
                           training=TrainingSpec(batch_size=8, epochs=3), optimizer=OptimizerSpec(l2=0.01)),
}
MODELS = {"dense": Network, "sequence": SequenceNetwork}


def independent_loss(kind, predictions, Y):
    """Binary cross-entropy of P(class 1) for the dense experiment, mean squared error for sequences."""
    if kind == "dense":
        return float(np.mean(-(Y * np.log(predictions) + (1 - Y) * np.log(1 - predictions))))
    return float(np.mean((predictions - Y) ** 2))


@pytest.mark.parametrize("kind", EXPERIMENTS)
def test_both_models_are_trainable_models_and_their_passes_forward_passes(kind):
    trainer = Trainer(EXPERIMENTS[kind])
    net = trainer.network
    assert type(net) is MODELS[kind] and isinstance(net, TrainableModel)
    x, y = net.inputs(trainer.data.X_train[:8]), trainer.data.Y_train[:8].T.copy()
    ws = net.forward(x)
    assert isinstance(ws, ForwardPass) and ws.z_out.shape == (1, 8)
    data_loss, penalty, ws = net.compute_gradients(x, y)
    assert isinstance(ws, ForwardPass)
    assert penalty == pytest.approx(0.5 * 0.01 * sum(float(np.sum(W * W)) for W, _ in net.params))
    assert len(net.params) == len(net.grads) == net.num_layers == (2 if kind == "sequence" else 3)


@pytest.mark.parametrize("kind", EXPERIMENTS)
def test_loss_and_outputs_is_the_data_loss_of_the_predictions(kind):
    trainer = Trainer(EXPERIMENTS[kind])
    trainer.advance(7)
    net, X, Y = trainer.network, trainer.data.X_test, trainer.data.Y_test
    predictions = net.predict(X)
    loss, z = net.loss_and_outputs(net.inputs(X), Y.T.copy())
    assert loss == pytest.approx(independent_loss(kind, predictions, Y), rel=1e-10)
    np.testing.assert_allclose(net.output_activation(z.T), predictions, rtol=1e-12)
    assert trainer.evaluate().test_loss == pytest.approx(loss, rel=1e-12)  # the trainer's evaluation is this loss
    data_loss, _, _ = net.compute_gradients(net.inputs(X), Y.T.copy())
    assert data_loss == pytest.approx(loss, rel=1e-10)  # the same loss as training minimises, without the penalty


def test_an_object_missing_a_member_is_not_a_trainable_model():
    class NoLoss:
        theta = grad = np.zeros(3)
        dtype, params, grads, l1, l2, num_layers, output_size = np.dtype(float), [], [], 0.0, 0.0, 0, 1

        def inputs(self, X): ...
        def initialize(self, scheme, rng, param=0.1, gain=1.0): ...
        def forward(self, x, *, need_derivatives=False): ...
        def compute_gradients(self, x, y): ...
        def output_activation(self, z): ...
        def squared_norms(self, *vectors): ...
        def backprop_norms(self, ws): ...
        def passes(self, x): ...

    assert not isinstance(NoLoss(), TrainableModel)
    NoLoss.loss_and_outputs = lambda self, x, y: (0.0, x)
    assert isinstance(NoLoss(), TrainableModel)


def test_each_sequence_pass_holds_its_own_arrays():
    trainer = Trainer(EXPERIMENTS["sequence"])
    net = trainer.network
    first = net.forward(net.inputs(trainer.data.X_train[:4]))
    second = net.forward(net.inputs(trainer.data.X_train[4:12]))
    assert first.z_out.shape == (1, 4) and second.z_out.shape == (1, 8)
    assert first.count is not second.count and first.delta_out is not second.delta_out
    np.testing.assert_array_equal(first.z_out, net.predict(trainer.data.X_train[:4]).T)
    assert first.a == () and first.count.size == 0
