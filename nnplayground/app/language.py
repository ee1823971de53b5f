"""The interface language: which translation is installed, and switching it while the app runs.

Translations are Qt's own: ``resources/translations/nnplayground_<code>.ts`` is the source (kept
complete by tests/app/test_translations.py), the ``.qm`` beside it is what the app loads
(``make translations`` rebuilds both with the lupdate and lrelease that come with PySide6).
Installing or removing a translator makes Qt send every widget a LanguageChange event; widgets
rewrite their texts in ``retranslate()`` (see widgets.Retranslating), so a switch never rebuilds
a window and never touches the experiment, its runs or the training state.
"""
from __future__ import annotations

import functools

from PySide6.QtCore import QEvent, QLocale, QObject, QSettings, QTranslator, Signal
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


@functools.lru_cache(maxsize=None)
def _base_contexts(context: str) -> tuple[str, ...]:
    """The nnplayground base classes of the class named ``context``, nearest first.

    PySide's ``self.tr`` looks texts up under the name of the object's own class, while lupdate
    files them under the class whose code holds the ``tr`` call; a text written in a base class
    and shown by a subclass is found through this chain.
    """
    pending, found = [QObject], []
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__name__ == context and cls.__module__.startswith("nnplayground"):
            found = [base.__name__ for base in cls.__mro__[1:] if base.__module__.startswith("nnplayground")]
            break
    return tuple(found)


class Translator(QTranslator):
    """A QTranslator that also looks in the contexts of base classes (see _base_contexts)."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D401 - Qt's name
        text = super().translate(context, source, disambiguation, n)
        for base in _base_contexts(context) if context and not text else ():
            text = super().translate(base, source, disambiguation, n)
            if text:
                break
        # None when not found, never "": Qt would take "" for the translation and show nothing
        # (PySide's tr asks each class of the MRO in turn and stops at the first answer).
        return text or None


class Language(QObject):
    """The app's current language. ``set`` installs its translator at once; ``changed`` says so."""

    changed = Signal(str)

    def __init__(self, settings: QSettings, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        self.code = ENGLISH
        self.translator: Translator | None = None

    def start(self) -> None:
        """Install the saved choice, or the system's language the first time."""
        saved = self.settings.value(SETTING, "", type=str)
        self.set(saved if saved in LANGUAGES else system_language(), remember=False)

    def set(self, code: str, remember: bool = True) -> None:
        """Switch to ``code`` (a key of LANGUAGES); widgets retranslate through LanguageChange."""
        if code not in LANGUAGES:
            raise ValueError(f"no translation for language {code!r}; there are {', '.join(LANGUAGES)}")
        app = QApplication.instance()
        translator = None
        if code != ENGLISH:
            translator = Translator(self)
            if not translator.load(str(qm_path(code))):
                raise OSError(f"cannot read the translation {qm_path(code)}")
        if self.translator is not None:
            app.removeTranslator(self.translator)
        if translator is not None:
            app.installTranslator(translator)
        self.translator, self.code = translator, code
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
