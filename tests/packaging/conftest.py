"""packaging/ is a folder of scripts, not a package: its modules are imported from there."""
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


@pytest.fixture
def packaging_modules(monkeypatch):
    """packaging/ on sys.path for the test; its modules are then imported by name."""
    monkeypatch.syspath_prepend(str(PACKAGING))
    yield PACKAGING
    for name in ("bundle_contents", "project_version", "make_icons", "check"):
        sys.modules.pop(name, None)
