"""Dock panels that edit the experiment: each shows one with ``set_experiment`` and emits
``changed(Experiment)`` with a new, validated experiment after every edit."""
