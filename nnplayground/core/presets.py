"""Ready-made experiments shipped as JSON files in resources/presets (file name = preset name).

A preset file is an experiment file plus one key of its own, ``topic`` (one of TOPICS), by
which the window groups its Presets menu; ``Experiment.from_dict`` skips it, so a preset file
still opens as an experiment.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

from ..resources import resource_path
from .experiment import Experiment, ExperimentError

# The topics, in the order a newcomer meets them (the menu's order).
TOPICS = ("basics", "activations", "gradients", "regression", "sequences", "parallel")
OTHER_TOPIC = "other"  # a preset file with no topic, or one not in TOPICS


class PresetInfo(NamedTuple):
    """What the Presets menu and ``nnplayground presets`` show of a preset."""
    name: str
    topic: str  # one of TOPICS, or OTHER_TOPIC
    description: str  # its first line


def presets_dir() -> Path:
    """The folder of the shipped preset files."""
    return resource_path("presets")


def preset_names() -> list[str]:
    """Every shipped preset's name, sorted."""
    folder = presets_dir()
    return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []


def _preset_file(name: str):
    """The parsed JSON of preset ``name``'s file (raises OSError, UnicodeDecodeError, JSONDecodeError)."""
    return json.loads((presets_dir() / f"{name}.json").read_text(encoding="utf-8"))


def list_presets() -> list[PresetInfo]:
    """(name, topic, one-line description) for every shipped preset, sorted by name."""
    out = []
    for name in preset_names():
        try:
            d = _preset_file(name)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            d = {}
        d = d if isinstance(d, dict) else {}
        description = str(d.get("description", ""))
        topic = d.get("topic")
        out.append(PresetInfo(name, topic if topic in TOPICS else OTHER_TOPIC,
                              description.splitlines()[0] if description else ""))
    return out


def presets_by_topic() -> list[tuple[str, list[PresetInfo]]]:
    """(topic, its presets sorted by name) in TOPICS order, then OTHER_TOPIC; empty topics left out."""
    presets = list_presets()
    return [(topic, group) for topic in (*TOPICS, OTHER_TOPIC)
            if (group := [p for p in presets if p.topic == topic])]


def load_preset(name: str) -> Experiment:
    """The named preset as a validated Experiment; an unknown name raises ExperimentError."""
    names = preset_names()
    if name not in names:
        known = ", ".join(names) if names else "none are installed"
        raise ExperimentError("", f"unknown preset {name!r}; known presets: {known}")
    return Experiment.load(presets_dir() / f"{name}.json")
