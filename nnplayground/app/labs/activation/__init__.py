"""The activation lab: the functions between layers and at the output, and the main window's live."""
from .activation_lab import ActivationLab

__all__ = ["ActivationLab"]
