"""The Presets menu: one submenu per topic, each preset's description readable under its name.

A menu entry holds one line of text and tooltips show only on hover, so each preset's
description follows its name as grey (disabled, unclickable) lines wrapped to a readable width.
"""
from __future__ import annotations

import textwrap

from PySide6.QtWidgets import QMenu

from ..core.presets import presets_by_topic
from . import labels

DESCRIPTION_WIDTH = 64  # characters per description line


def description_lines(description: str) -> list[str]:
    """``description`` wrapped to DESCRIPTION_WIDTH, each line indented under the preset's name."""
    # not at hyphens: a preset name ("parallel-single-process") stays whole on one line
    return ["    " + line for line in textwrap.wrap(description, DESCRIPTION_WIDTH, break_on_hyphens=False)]


def fill_preset_menu(menu: QMenu, open_preset) -> dict:
    """Fill ``menu`` with a submenu per topic; choosing a preset calls ``open_preset(name)``.
    Returns the preset actions by name."""
    actions = {}
    for topic, presets in presets_by_topic():
        submenu = menu.addMenu(labels.preset_topic(topic))
        submenu.setToolTipsVisible(True)
        for i, preset in enumerate(presets):
            if i:
                submenu.addSeparator()
            action = submenu.addAction(preset.name)
            action.triggered.connect(lambda _=False, n=preset.name: open_preset(n))
            action.setToolTip(preset.description)
            action.setStatusTip(preset.description)
            actions[preset.name] = action
            for line in description_lines(preset.description):
                submenu.addAction(line).setEnabled(False)
    return actions
