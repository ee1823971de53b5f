"""The NumPy core: everything that computes. Never imports Qt or anything from the app."""
from .experiment import (DataSpec, Experiment, ExperimentError, LayerSpec, NetworkSpec,
                         OptimizerSpec, TrainingSpec, live_change)
from .model import ForwardPass, TrainableModel
from .records import BackpropProfile, Divergence, Evaluation, StepRecord
from .trainer import Trainer

__all__ = [
    "BackpropProfile", "DataSpec", "Divergence", "Evaluation", "Experiment", "ExperimentError", "ForwardPass",
    "LayerSpec", "NetworkSpec", "OptimizerSpec", "StepRecord", "TrainableModel", "Trainer", "TrainingSpec",
    "live_change",
]
