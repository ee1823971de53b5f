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
import re
import unicodedata

from PySide6.QtWidgets import QMenu

from ..core.presets import PresetInfo, presets_by_topic, presets_dir
from . import labels
from .language import ENGLISH, current

DESCRIPTION_WIDTH = 64  # Latin letters per description line
# What a line may break after: a word or name with the spaces after it, or one other character
# (a Chinese character or punctuation mark, with any spaces after it).
TOKENS = re.compile(r"[^\s\u2e80-\uffef]+\s*|.\s*", re.DOTALL)
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


def width(text: str) -> int:
    """``text``'s width in Latin letters: a Chinese character takes about two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def description_lines(description: str) -> list[str]:
    """``description`` wrapped to DESCRIPTION_WIDTH, each line indented under the preset's name.
    Lines break at spaces or between Chinese characters, never inside a word, a number or a
    name ("parallel-single-process", "training.batch_mode")."""
    lines, line = [], ""
    for token in TOKENS.findall(description):
        if line and width(line + token.rstrip()) > DESCRIPTION_WIDTH:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    return ["    " + text for text in (*lines, line.rstrip()) if text]


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
