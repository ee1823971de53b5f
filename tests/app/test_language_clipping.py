"""The interface in Chinese at 1366x768: every window fits as in English, shows no English left
over, has a tooltip on every control, and no label, button or tab shows less of its text than it has (a text wider than its
widget is cut off).

Also run on a real X server by `make test-x11`. Needs a font with Chinese glyphs (.ci/run
installs fonts-droid-fallback); without one Qt would measure and draw empty boxes.
"""
from __future__ import annotations

import pytest
from PySide6.QtGui import QFontDatabase, QTextDocument
from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar, QToolButton, QWidget

from qt_helpers import TIMEOUT_MS
from texts import english_left, untipped, visible_texts
from test_window_sizes import behind_a_tab, check_window, resized, visible_children

SIZE = (1366, 768)
LABS = ["open_gradient_lab", "open_propagation_inspector", "open_activation_lab", "open_parallel_lab", "open_sweeps"]


def shown(root: QWidget) -> list[QWidget]:
    """``root`` and every descendant a person can see (not behind a tab, not in a closed menu)."""
    found, pending = [], [root]
    while pending:
        widget = pending.pop()
        found.append(widget)
        pending.extend(visible_children(widget))
    return found


def text_width(widget: QWidget, text: str) -> int:
    if widget.property("textFormat") is not None and "<" in text:
        document = QTextDocument()
        document.setDefaultFont(widget.font())
        document.setHtml(text)
        return int(document.idealWidth() - 2 * document.documentMargin())
    return widget.fontMetrics().horizontalAdvance(text)


def clipped_texts(root: QWidget) -> list[str]:
    """Texts cut off by their widget: a one-line label narrower than its text, a button
    narrower than its size hint, a tab narrower than the tab its text needs."""
    cut = []
    for widget in shown(root):
        if isinstance(widget, QLabel) and widget.text() and not widget.wordWrap() and widget.pixmap().isNull():
            need, room = text_width(widget, widget.text()), widget.contentsRect().width() - 2 * widget.margin()
            if need > room + 1:
                cut.append(f"label {widget.text()!r}: needs {need} px, has {room}")
        elif isinstance(widget, QAbstractButton) and not isinstance(widget, QToolButton) and widget.text():
            if widget.width() < widget.sizeHint().width():
                cut.append(f"button {widget.text()!r}: needs {widget.sizeHint().width()} px, has {widget.width()}")
        elif isinstance(widget, QTabBar) and not behind_a_tab(widget.parent()):
            for i in range(widget.count()):
                if widget.tabRect(i).width() < widget.tabSizeHint(i).width() and widget.elideMode() != 0:
                    cut.append(f"tab {widget.tabText(i)!r}: needs {widget.tabSizeHint(i).width()} px, "
                               f"has {widget.tabRect(i).width()}")
    return cut


def test_the_fonts_here_have_chinese_glyphs(qapp):
    assert QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese), \
        "no font with Chinese glyphs: install fonts-droid-fallback or fonts-noto-cjk"


def test_the_main_window_in_chinese_fits_and_cuts_no_text(qtbot, make_window, tmp_path):
    window = make_window()
    window.language_actions["zh_CN"].trigger()
    resized(qtbot, window, SIZE)
    qtbot.waitUntil(lambda: window.snapshot is not None and window.snapshot.iteration == 0, timeout=TIMEOUT_MS)
    window.flush_views()
    assert window.grab().save(str(tmp_path / "main-window-zh_CN.png"))
    check_window(window, SIZE)
    assert clipped_texts(window) == []
    window.guide.open("parallel")  # the guide's dock beside the rest
    qtbot.wait(50)
    assert window.grab().save(str(tmp_path / "main-window-guide-zh_CN.png"))
    check_window(window, SIZE)
    assert clipped_texts(window) == []
    assert english_left(visible_texts(window)) == []
    assert untipped(window) == []


@pytest.mark.parametrize("opener", LABS)
def test_every_lab_in_chinese_cuts_no_text(qtbot, make_window, tmp_path, opener):
    window = make_window()
    window.language_actions["zh_CN"].trigger()
    lab = getattr(window, opener)()
    qtbot.waitExposed(lab)
    lab.resize(min(lab.width(), SIZE[0]), min(lab.height(), SIZE[1]))
    qtbot.wait(50)
    assert lab.grab().save(str(tmp_path / f"{opener}-zh_CN.png"))
    assert clipped_texts(lab) == []
    assert english_left(visible_texts(lab)) == []
    assert untipped(lab) == []


def test_the_check_sees_a_cut_label_and_a_cut_button(qtbot):
    """What clipped_texts reports, on a panel built wrong on purpose."""
    from PySide6.QtWidgets import QPushButton
    panel = QWidget()
    label = QLabel("一段很长很长的中文标签文字", panel)
    label.setGeometry(0, 0, 40, 20)
    button = QPushButton("一个很长的按钮文字", panel)
    button.setGeometry(0, 30, 30, 20)
    QLabel("够", panel).setGeometry(0, 60, 200, 20)
    qtbot.addWidget(panel)
    panel.resize(240, 100)
    panel.show()
    qtbot.waitExposed(panel)
    cut = sorted(clipped_texts(panel))
    assert len(cut) == 2 and cut[0].startswith("button '一个") and cut[1].startswith("label '一段")
