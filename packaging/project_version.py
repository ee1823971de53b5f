"""Print nnplayground's version, read from nnplayground/__init__.py (the one place it is kept).

The installer builds (the .deb control file, the Inno Setup and macOS recipes, the PyInstaller
spec) all ask this script, so no build copies the number. Reads the file as text: no import of
the package, so any Python 3 can run it, NumPy or not.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

INIT = Path(__file__).resolve().parent.parent / "nnplayground" / "__init__.py"


def read_version(init: Path = INIT) -> str:
    """The ``__version__ = "..."`` string of ``init``; ValueError if there is none."""
    found = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', init.read_text(encoding="utf-8"), re.MULTILINE)
    if found is None:
        raise ValueError(f"{init}: no __version__ = \"...\" line")
    return found.group(1)


if __name__ == "__main__":
    try:
        print(read_version())
    except (OSError, ValueError) as error:
        sys.exit(f"project_version.py: {error}")
