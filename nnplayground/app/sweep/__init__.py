"""The sweep window: a grid of runs trained in the background, as a table, a heat map and curves."""
from .sweep_window import SweepWindow

__all__ = ["SweepWindow"]
