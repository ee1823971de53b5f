"""The gradient lab: vanishing and exploding gradients, trained in the lab's own worker thread."""
from .gradient_lab import GradientLab
from .lab_tab import Remedies

__all__ = ["GradientLab", "Remedies"]
