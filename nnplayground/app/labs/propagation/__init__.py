"""The propagation inspector: every number of one training iteration on one sample."""
from .propagation_inspector import PropagationInspector

__all__ = ["PropagationInspector"]
