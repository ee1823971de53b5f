"""The Guide: concept pages in English and Chinese, each with a Try it (see guide_panel.py)."""
from .guide_panel import Guide, GuidePanel

__all__ = ["Guide", "GuidePanel"]
