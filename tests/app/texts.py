"""What a person reads on a window, for the language tests: every visible text, and which of
them are still English when the interface is meant to be Chinese.

Imported by plain name (``from texts import ...``), like qt_helpers.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pyqtgraph as pg
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox, QComboBox,
                               QDockWidget, QGraphicsView, QGroupBox, QHeaderView, QLabel, QLineEdit, QMainWindow,
                               QMenu, QScrollBar, QTabBar, QWidget)

from nnplayground.core.presets import list_presets
from nnplayground.resources import resource_path

TS = resource_path("translations", "nnplayground_zh_CN.ts")
# Two English words in a row (of 3+ letters): a sentence or a label nobody translated.
ENGLISH_WORDS = re.compile(r"\b[A-Za-z]{3,}\b[ ,/-]+\b[A-Za-z]{3,}\b")
# Names that stay as they are in Chinese text too; the glossary keeps "all-reduce".
# Presets' names ("batch-modes") are file names, typed on the command line as they are; only
# the hyphenated ones read as two words (a lone "circle" must still count in "circle data").
PRESET_NAMES = "|".join(rf"\b{re.escape(p.name)}\b" for p in sorted(list_presets(), key=lambda p: -len(p.name))
                        if "-" in p.name)
KEPT = re.compile(r"nnplayground|Leaky ReLU|Xavier|PyTorch|NumPy|numba|Dask|TF Playground|torch\.distributed|"
                  r"Adam|Qt |PySide6|pyqtgraph|\.json|\.csv|https?://|all-reduce|" + PRESET_NAMES, re.IGNORECASE)


def plain(text: str) -> str:
    """``text`` without HTML markup or mnemonics."""
    if "<" in text and ">" in text:
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _graphics_texts(view: QGraphicsView) -> list[str]:
    texts = []
    for item in view.scene().items() if view.scene() is not None else ():
        if not item.isVisible():
            continue
        if isinstance(item, pg.AxisItem) and item.labelText:
            texts.append(item.labelText)
        elif isinstance(item, pg.LabelItem):
            texts.append(item.text)
        elif isinstance(item, pg.TextItem):
            texts.append(item.textItem.toPlainText())
    return texts


def _menu_texts(menu: QMenu) -> list[str]:
    texts = [menu.title()]
    for action in menu.actions():
        texts += _menu_texts(action.menu()) if action.menu() else [action.text(), action.toolTip()]
    return texts


def _widget_texts(widget: QWidget) -> list[str]:
    """The texts ``widget`` itself shows (not its children's)."""
    texts = [widget.toolTip()]
    if isinstance(widget, QLabel):
        texts.append(widget.text())
    elif isinstance(widget, QAbstractButton):
        texts.append(widget.text())
    elif isinstance(widget, QGroupBox):
        texts.append(widget.title())
    elif isinstance(widget, (QDockWidget, QMainWindow)):
        texts.append(widget.windowTitle())
    elif isinstance(widget, QTabBar):
        texts += [widget.tabText(i) for i in range(widget.count())] + [widget.tabToolTip(i) for i in range(widget.count())]
    elif isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    elif isinstance(widget, QLineEdit):
        texts.append(widget.placeholderText())
    elif isinstance(widget, QHeaderView):
        model = widget.model()
        if model is not None:
            texts += [str(model.headerData(i, widget.orientation()) or "") for i in range(widget.count())]
    elif isinstance(widget, QGraphicsView):
        texts += _graphics_texts(widget)
    if isinstance(widget, QMainWindow) and widget.menuWidget() is not None:
        for action in widget.menuBar().actions():
            if action.menu():
                texts += _menu_texts(action.menu())
    return texts


def visible_texts(root: QWidget) -> list[str]:
    """Every non-empty text shown by ``root`` and its visible descendants, markup removed."""
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is root or widget.isVisibleTo(root):
            texts += [plain(text) for text in _widget_texts(widget)]
    return [text for text in texts if text]


def catalog() -> dict[str, str]:
    """English source -> Chinese translation, from the committed .ts."""
    found = {}
    for message in ET.parse(TS).getroot().iter("message"):
        translation = message.find("translation")
        found[plain(message.find("source").text or "")] = plain(translation.text or "")
    return found


def english_left(texts: list[str]) -> list[str]:
    """The texts among ``texts`` that are still English: a source text shown untranslated, or
    two English words in a row outside the names that are kept (see KEPT)."""
    sources = {source for source, translation in catalog().items() if source != translation}
    left = []
    for text in texts:
        if text in sources or ENGLISH_WORDS.search(KEPT.sub("", text)):
            left.append(text)
    return sorted(set(left))


CONTROLS = (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QComboBox, QLineEdit)
# Controls whose inner buttons, edits and scroll bars are theirs, told by their own tooltip.
WHOLES = (QAbstractItemView, QAbstractSpinBox, QComboBox, QScrollBar, QTabBar)


def untipped(root: QWidget) -> list[str]:
    """The controls a person can reach in ``root`` (and its actions) that have no tooltip,
    described for the message; parts Qt builds inside another control are that control's."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or isinstance(widget, QScrollBar) or not widget.isVisibleTo(root):
            continue
        if widget.objectName().startswith("qt_") or widget.toolTip().strip():  # qt_: a toolbar's overflow arrow
            continue
        parent = widget.parentWidget()
        while parent is not None and parent is not root and not isinstance(parent, WHOLES):
            parent = parent.parentWidget()
        if parent is None or parent is root:
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} {text!r}")
    return missing + [f"action {a.text()!r}" for a in root.actions() if not a.toolTip().strip()]
