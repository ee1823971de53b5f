"""The Guide: one page per concept of the notes, each with a "Try it" that shows it happening.

``GuidePanel`` is a page list beside a QTextBrowser and a Try it button; it shows the pages of
the interface's current language and rereads them on every language switch, keeping the page
open. ``Guide`` puts it in a dock of the main window on first use (Help > Guide, F1).
"Try it" loads the page's preset through the window's own ``open_preset``, opens its lab, and
points at the control or plot to watch: a blinking frame around it and a status-bar line naming it.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QDockWidget, QLabel, QListWidget, QMainWindow, QPushButton, QSplitter, QStackedWidget,
                               QTabWidget, QTextBrowser, QVBoxLayout, QWidget)

from ..file_actions import add_action
from ..language import Retranslating, current
from .pages import PAGES, Page, page_html, page_title

BLINKS = 8  # the frame shows and hides this many times in all, BLINK_MS apart
BLINK_MS = 300
MESSAGE_MS = 10_000
FRAME_STYLE = "#guide_highlight { border: 4px solid #ff7f0e; background: transparent; }"
CAPTION_STYLE = "background: #ff7f0e; color: white; padding: 2px 6px; font-weight: bold;"
DOCK_SHARE = 0.3  # of the window's width, for a page to be read beside the plots


class Highlight(QWidget):
    """A blinking orange frame over ``target``, on top of its window, with ``caption`` (what to
    watch) in its corner; it follows the target while the window lays itself out and deletes
    itself after BLINKS blinks."""

    def __init__(self, target: QWidget, caption: str):
        super().__init__(target.window())
        self.target = target
        self.caption = QLabel(caption, self, styleSheet=CAPTION_STYLE)
        self.caption.move(4, 4)
        self.setObjectName("guide_highlight")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # a frame, never in the way
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(FRAME_STYLE)
        self.blinks = 0
        self.timer = QTimer(self, interval=BLINK_MS)
        self.timer.timeout.connect(self._blink)
        self._follow()
        self.show()
        self.raise_()
        self.timer.start()

    def _follow(self) -> None:
        top = self.parentWidget()
        self.setGeometry(QRect(self.target.mapTo(top, QPoint(0, 0)), self.target.size()))

    def _blink(self) -> None:
        self.blinks += 1
        if self.blinks >= BLINKS:
            self.timer.stop()
            self.deleteLater()
            return
        self._follow()
        self.setVisible(not self.isVisible())
        self.raise_()


def resolve(root: QObject, path: str) -> QWidget:
    """The widget at the dotted attribute ``path`` from ``root`` (``root`` itself if empty)."""
    target = root
    for name in filter(None, path.split(".")):
        target = getattr(target, name)
    return target


def bring_forward(target: QWidget) -> None:
    """Make ``target`` visible: its dock shown and raised, its tab current, its window in front."""
    widget = target
    while widget is not None:
        if isinstance(widget, QDockWidget):
            widget.show()
            widget.raise_()
        stack = widget.parentWidget()
        if isinstance(stack, QStackedWidget) and isinstance(stack.parentWidget(), QTabWidget):
            stack.parentWidget().setCurrentWidget(widget)
        widget = stack
    target.window().raise_()


def try_page(window, page: Page) -> QWidget:
    """Do what ``page``'s Try it does in main window ``window``; returns the widget to watch."""
    if page.preset:
        window.open_preset(page.preset)
    root = window
    if page.lab:
        from ..labs.common import CURRENT  # the labs package is imported when a lab first opens
        root = getattr(window, page.lab)()
        if page.preset and hasattr(root, "source"):
            # A lab training "its" experiment must take the one just loaded, whatever it showed before.
            root.source.setCurrentIndex(root.source.findData(CURRENT))
    target = resolve(root, page.watch)
    bring_forward(target)
    return target


class GuidePanel(Retranslating, QWidget):
    """The page list, the page and its Try it button. ``window`` is the main window Try it acts on."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.main_window = window
        self.highlight: Highlight | None = None
        self.list_title = QLabel(self)
        self.pages = QListWidget(self)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.try_button = QPushButton(self)
        self.try_button.clicked.connect(self.try_it)
        self.watch_label = QLabel(self, wordWrap=True)  # what the last Try it pointed at, until the page changes
        self.watching: str | None = None  # the page whose Try it watch_label names
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list_title)
        column.addWidget(self.pages)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.browser, 1)
        column.addWidget(self.try_button)
        column.addWidget(self.watch_label)
        splitter = QSplitter(Qt.Orientation.Vertical, self)  # a dock is tall and narrow: list above page
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([2, 5])  # in that proportion of the height it gets
        QVBoxLayout(self).addWidget(splitter)
        self.pages.addItems([page.key for page in PAGES])
        self.pages.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long titles elide
        self.pages.currentRowChanged.connect(self._show_row)
        self.retranslate()
        self.pages.setCurrentRow(0)

    @property
    def page(self) -> Page:
        """The page on show."""
        return PAGES[max(0, self.pages.currentRow())]

    def show_page(self, key: str) -> None:
        """Open the page ``key`` (a key of pages.PAGES)."""
        self.pages.setCurrentRow([page.key for page in PAGES].index(key))

    def retranslate(self) -> None:
        """The panel's texts, the page titles and the open page in the current language."""
        self.list_title.setText(self.tr("<b>Concepts</b>"))
        self.try_button.setText(self.tr("Try it"))
        self.try_button.setToolTip(self.tr("Load this page's experiment or lab and point at what to watch"))
        self.pages.setToolTip(self.tr("One page per concept of deep-learning training"))
        language = current()
        for row, page in enumerate(PAGES):
            self.pages.item(row).setText(page_title(language, page.key))
        self._show_row(self.pages.currentRow())
        if self.watching is not None:
            self.watch_label.setText(self.watch_text(self.watching))

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        bar = self.browser.verticalScrollBar()
        same = self.browser.property("page") == PAGES[row].key  # a relabel: keep the place
        keep = bar.value() if same else 0
        if not same:
            self.watch_label.clear()
            self.watching = None
        self.browser.setHtml(page_html(current(), PAGES[row]))
        self.browser.setProperty("page", PAGES[row].key)
        bar.setValue(keep)

    def watch_names(self) -> dict[str, str]:
        """What each page's Try it points at, as the status bar names it."""
        gradients = self.tr("the Gradient norms plot (bottom right)")
        return {
            "propagation": self.tr("the network diagram of the Propagation inspector: press Next to step"),
            "gradients": gradients,
            "cause-depth": gradients,
            "cause-rnn": self.tr("the RNN tab of the Gradient lab: the gradient at each time step"),
            "cause-init": self.tr("the Gradient heatmap (bottom right)"),
            "cause-saturation": self.tr("the Sigmoid tab of the Gradient lab: ordinary against large weights"),
            "cause-outliers": self.tr("the Gradient norms plot: it spikes when a batch holds an outlier"),
            "activation-roles": self.tr("the output view: linear units draw one straight boundary"),
            "activation-functions": self.tr("the Functions tab of the Activation lab"),
            "training-loop": self.tr("the Schedule toolbar: batch size, EPOCHS and seed"),
            "batch-order": self.tr("the Loss plot (bottom left)"),
            "parallel": self.tr("the batches each rank takes (Parallel lab, left column)"),
            "parallel-differences": self.tr("the Precision tab of the Parallel lab"),
            "formulas": self.tr("the Training toolbar: learning rate, optimizer and regularization"),
        }

    def watch_text(self, key: str) -> str:
        """"Watch ..." for page ``key``, in the current language."""
        return self.tr("Watch {0}.").format(self.watch_names()[key])

    def try_it(self) -> QWidget:
        """Carry out the open page's Try it; returns the widget pointed at."""
        page = self.page
        target = try_page(self.main_window, page)
        if self.highlight is not None:
            self.highlight.deleteLater()
        name = self.watch_names()[page.key]
        self.highlight = Highlight(target, name)
        self.highlight.destroyed.connect(lambda *_: setattr(self, "highlight", None))
        message, self.watching = self.watch_text(page.key), page.key
        self.watch_label.setText(message)
        self.main_window.show_message(message)
        lab = target.window()
        if lab is not self.main_window and isinstance(lab, QMainWindow):
            lab.statusBar().showMessage(message, MESSAGE_MS)
        return target


class GuideDock(Retranslating, QDockWidget):
    """The dock the Guide panel lives in."""

    def __init__(self, panel: GuidePanel, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("guide_dock")
        self.setWidget(panel)
        self.retranslate()

    def retranslate(self) -> None:
        """The dock's title."""
        self.setWindowTitle(self.tr("Guide"))


class Guide(QObject):
    """Help > Guide (F1) in ``menu`` of main window ``window``: the Guide dock, made on first use
    at the window's right (``panel`` and ``dock`` are None until then)."""

    def __init__(self, window, menu):
        super().__init__(window)
        self.window = window
        self.panel: GuidePanel | None = None
        self.dock: GuideDock | None = None
        self.action = add_action(menu, "", lambda: self.open(), QKeySequence.StandardKey.HelpContents)
        self._relabel()
        window.language.changed.connect(self._relabel)

    def _relabel(self, *_) -> None:
        self.action.setText(self.tr("&Guide"))
        self.action.setToolTip(self.tr("One page per concept, each with a Try it that shows it in the app (F1)"))

    def open(self, page: str | None = None) -> GuidePanel:
        """Show the Guide dock (on ``page`` if given); returns its panel."""
        if self.dock is None:
            self.panel = GuidePanel(self.window)
            self.dock = GuideDock(self.panel, self.window)
            self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            self.window.resizeDocks([self.dock], [int(self.window.width() * DOCK_SHARE)], Qt.Orientation.Horizontal)
        if page:
            self.panel.show_page(page)
        self.dock.show()
        self.dock.raise_()
        return self.panel
