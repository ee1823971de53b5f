"""Labs: separate windows that each make one idea about training visible, one sub-package each.

Pieces several labs use (the plot, the tab frame) are in ``common``; no lab imports another's.
"""
from .activation import ActivationLab
from .gradient import GradientLab, Remedies
from .parallel import ParallelLab
from .propagation import PropagationInspector

__all__ = ["ActivationLab", "GradientLab", "ParallelLab", "PropagationInspector", "Remedies"]
