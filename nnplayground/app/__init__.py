"""The desktop application (PySide6 + pyqtgraph). Everything that computes lives in ``core``."""
from __future__ import annotations


def main(argv=None, smoke_test: bool = False, screenshot: str | None = None) -> int:
    from .application import run

    return run(argv, smoke_test=smoke_test, screenshot=screenshot)
