"""Small pieces the retranslating windows share: a trainer status as a person reads it, and
new texts for a combo box's items without touching its choice.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox

from .widgets import blocked

CONTEXT = "shown_texts"
# core.trainer's statuses (Trainer.status, a sweep row's status), as words.
STATUSES = {
    "ready": QT_TRANSLATE_NOOP("shown_texts", "ready"),
    "training": QT_TRANSLATE_NOOP("shown_texts", "training"),
    "completed": QT_TRANSLATE_NOOP("shown_texts", "completed"),
    "target_reached": QT_TRANSLATE_NOOP("shown_texts", "target reached"),
    "early_stopped": QT_TRANSLATE_NOOP("shown_texts", "stopped early"),
    "diverged": QT_TRANSLATE_NOOP("shown_texts", "diverged"),
}


def run_status(key: str) -> str:
    """A trainer status ("diverged") in the interface's language; an unknown one as it is."""
    text = STATUSES.get(key)
    return key if text is None else QCoreApplication.translate(CONTEXT, text)



def source_texts(combo: QComboBox) -> None:
    """The main window's item of a lab's source combo (labs.common.source_combo) in the
    interface's language; the presets' items are names and stay."""
    index = combo.findData("")  # labs.common.CURRENT
    if index >= 0:
        with blocked(combo):
            combo.setItemText(index, QCoreApplication.translate("LabWindow", "Main window's experiment"))
