"""Labs: separate windows that each make one idea about training visible."""
from .gradient_lab import GradientLab
from .lab_tab import Remedies

__all__ = ["GradientLab", "Remedies"]
