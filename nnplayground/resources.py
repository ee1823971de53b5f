"""Where shipped files live. Always find them through ``resource_path``, never the current directory.

Pure standard library, so the NumPy core may use it too.
"""
from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    """The folder holding the shipped resources (presets, icons, ...)."""
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):  # a PyInstaller bundle
        return Path(sys._MEIPASS) / "resources"
    package = Path(__file__).resolve().parent
    installed = package / "_resources"  # a wheel: pyproject.toml force-includes resources/ here
    if installed.is_dir():
        return installed
    return package.parent / "resources"  # a source checkout or an editable install


def resource_path(*parts: str) -> Path:
    """The path of a shipped file, e.g. ``resource_path("presets", "circle.json")``."""
    return resources_root().joinpath(*parts)
