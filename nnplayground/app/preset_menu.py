"""The Presets menu: one submenu per topic, each preset's description readable under its name.

A menu entry holds one line of text and tooltips show only on hover, so each preset's
description follows its name as grey (disabled, unclickable) lines wrapped to a readable width.

The preset files are in English; ``resources/presets/translations/<language>.json`` holds each
preset's name, description and topic in another language ({file name: {field: text}}), read
through ``preset_text``.
"""
from __future__ import annotations

import functools
import json
import textwrap

from PySide6.QtWidgets import QMenu

from ..core.presets import PresetInfo, presets_by_topic, presets_dir
from . import labels
from .language import ENGLISH, current

DESCRIPTION_WIDTH = 64  # characters per description line
WIDE_LANGUAGES = ("zh_CN",)  # each character as wide as about two Latin letters
FIELDS = ("name", "description", "topic")


def translations_path(code: str):
    """The file of the presets' texts in language ``code``."""
    return presets_dir() / "translations" / f"{code}.json"


@functools.lru_cache(maxsize=None)
def preset_translations(code: str) -> dict[str, dict[str, str]]:
    """{preset file name: {field: text}} in language ``code``; empty when there is no such file
    (a damaged one counts as none: the English texts are shown instead)."""
    try:
        table = json.loads(translations_path(code).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    return table if isinstance(table, dict) else {}


def preset_text(preset: PresetInfo, field: str) -> str:
    """The preset's ``field`` (one of FIELDS) in the interface's language: in English its file
    name, its description's first line and its topic's title."""
    code = current()
    if code != ENGLISH:
        text = preset_translations(code).get(preset.name, {}).get(field)
        if isinstance(text, str) and text:
            return text
    return {"name": preset.name, "description": preset.description,
            "topic": labels.preset_topic(preset.topic)}[field]


def description_lines(description: str) -> list[str]:
    """``description`` wrapped to DESCRIPTION_WIDTH, each line indented under the preset's name."""
    width = DESCRIPTION_WIDTH // 2 if current() in WIDE_LANGUAGES else DESCRIPTION_WIDTH
    # not at hyphens: a preset name ("parallel-single-process") stays whole on one line
    return ["    " + line for line in textwrap.wrap(description, width, break_on_hyphens=False)]


def fill_preset_menu(menu: QMenu, open_preset, actions: dict) -> None:
    """Fill ``menu`` (anew) with a submenu per topic, in the interface's language; choosing a
    preset calls ``open_preset(file name)``. ``actions`` is refilled with the preset actions by
    file name."""
    for action in menu.actions():
        if action.menu() is not None:
            action.menu().deleteLater()
    menu.clear()
    actions.clear()
    for _topic, presets in presets_by_topic():
        submenu = menu.addMenu(preset_text(presets[0], "topic"))
        submenu.setToolTipsVisible(True)
        for i, preset in enumerate(presets):
            if i:
                submenu.addSeparator()
            description = preset_text(preset, "description")
            action = submenu.addAction(preset_text(preset, "name"))
            action.triggered.connect(lambda _=False, n=preset.name: open_preset(n))
            action.setToolTip(description)
            action.setStatusTip(description)
            actions[preset.name] = action
            for line in description_lines(description):
                submenu.addAction(line).setEnabled(False)
