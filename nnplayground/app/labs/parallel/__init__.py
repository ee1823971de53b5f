"""The parallel lab: one process against data-parallel training on K simulated ranks, trained in the lab's own worker thread."""
from .parallel_lab import ParallelLab

__all__ = ["ParallelLab"]
