"""Ready-made experiments shipped as JSON files in resources/presets (file name = preset name)."""
from __future__ import annotations

import json
from pathlib import Path

from ..resources import resource_path
from .experiment import Experiment, ExperimentError


def presets_dir() -> Path:
    """The folder of the shipped preset files."""
    return resource_path("presets")


def preset_names() -> list[str]:
    """Every shipped preset's name, sorted."""
    folder = presets_dir()
    return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []


def list_presets() -> list[tuple[str, str]]:
    """(name, one-line description) for every shipped preset, sorted by name."""
    out = []
    for name in preset_names():
        try:
            d = json.loads((presets_dir() / f"{name}.json").read_text(encoding="utf-8"))
            description = d.get("description", "") if isinstance(d, dict) else ""
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            description = ""
        out.append((name, str(description).splitlines()[0] if description else ""))
    return out


def load_preset(name: str) -> Experiment:
    """The named preset as a validated Experiment; an unknown name raises ExperimentError."""
    names = preset_names()
    if name not in names:
        known = ", ".join(names) if names else "none are installed"
        raise ExperimentError("", f"unknown preset {name!r}; known presets: {known}")
    return Experiment.load(presets_dir() / f"{name}.json")
