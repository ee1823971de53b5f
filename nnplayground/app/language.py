"""The interface language: which translation is installed, and switching it while the app runs.

Translations are Qt's own: ``resources/translations/nnplayground_<code>.ts`` is the source (kept
complete by tests/app/test_translations.py), the ``.qm`` beside it is what the app loads
(``make translations`` rebuilds both with the lupdate and lrelease that come with PySide6).
Installing or removing a translator makes Qt send every widget a LanguageChange event; widgets
rewrite their texts in ``retranslate()`` (see Retranslating below), so a switch never rebuilds
a window and never touches the experiment, its runs or the training state.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QSettings, QTranslator, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication

from ..resources import resource_path

ENGLISH = "en"
LANGUAGES = {ENGLISH: "English", "zh_CN": "简体中文"}  # each in its own language, as menus show them
SETTING = "language"


def qm_path(code: str):
    """The compiled translation for ``code``."""
    return resource_path("translations", f"nnplayground_{code}.qm")


def system_language() -> str:
    """The language of the system locale if the app has it, else English."""
    names = QLocale.system().uiLanguages() or [QLocale.system().name()]
    for name in names:
        if name.replace("-", "_").startswith("zh"):
            return "zh_CN"
        if name.startswith("en"):
            return ENGLISH
    return ENGLISH


def current() -> str:
    """The language the interface speaks now (a key of LANGUAGES)."""
    app = QApplication.instance()
    code = app.property(SETTING) if app is not None else None
    return code if code in LANGUAGES else ENGLISH


class Language(QObject):
    """The app's current language. ``set`` installs its translator at once; ``changed`` says so."""

    changed = Signal(str)

    def __init__(self, settings: QSettings, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        self.code = ENGLISH
        self.translators: list[QTranslator] = []  # installed now: ours, then Qt's own

    def start(self) -> None:
        """Install the saved choice, or the system's language the first time."""
        saved = self.settings.value(SETTING, "", type=str)
        self.set(saved if saved in LANGUAGES else system_language(), remember=False)

    def set(self, code: str, remember: bool = True) -> None:
        """Switch to ``code`` (a key of LANGUAGES); widgets retranslate through LanguageChange."""
        if code not in LANGUAGES:
            raise ValueError(f"no translation for language {code!r}; there are {', '.join(LANGUAGES)}")
        app = QApplication.instance()
        translators = []
        if code != ENGLISH:
            ours = QTranslator(self)
            if not ours.load(str(qm_path(code))):
                raise OSError(f"cannot read the translation {qm_path(code)}")
            translators.append(ours)
            qt = QTranslator(self)  # Qt's own texts: dialog buttons, context menus (optional)
            if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                translators.append(qt)
        for old in self.translators:
            app.removeTranslator(old)
            old.deleteLater()  # a translator holds its whole catalog: switching back and forth must not pile them up
        for new in translators:
            app.installTranslator(new)
        self.translators, self.code = translators, code
        app.setProperty(SETTING, code)  # for current(), read by code that has no Language at hand
        if remember:
            self.settings.setValue(SETTING, code)
        self.changed.emit(code)

class Retranslating:
    """Mixin for a widget whose texts come from ``tr``: it writes them in ``retranslate()``.

    Put it before the Qt class (``class Panel(Retranslating, QWidget)``) and call
    ``self.retranslate()`` at the end of ``__init__``; every language switch calls it again.
    """

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Write every translated text of this widget (overridden)."""
        raise NotImplementedError


def fill_language_menu(menu, language: Language) -> dict[str, QAction]:
    """One checkable action per language in ``menu``, named in its own language; picking one
    switches at once. Returns the actions by language code."""
    group = QActionGroup(menu)
    actions = {}
    for code, name in LANGUAGES.items():
        action = menu.addAction(name)
        action.setCheckable(True)
        action.setChecked(code == language.code)
        action.triggered.connect(lambda _=False, c=code: language.set(c))
        group.addAction(action)
        actions[code] = action
    language.changed.connect(lambda code: actions[code].setChecked(True))
    return actions
