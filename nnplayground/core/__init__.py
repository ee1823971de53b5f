"""The NumPy core: everything that computes. Never imports Qt or anything from the app."""
from .experiment import (DataSpec, Experiment, ExperimentError, LayerSpec, NetworkSpec,
                         OptimizerSpec, TrainingSpec)
from .trainer import Divergence, Evaluation, StepRecord, Trainer

__all__ = [
    "DataSpec", "Divergence", "Evaluation", "Experiment", "ExperimentError", "LayerSpec",
    "NetworkSpec", "OptimizerSpec", "StepRecord", "Trainer", "TrainingSpec",
]
