"""The Chinese translation is complete and current, and the app loads it the way Qt does.

The .ts under resources/translations is the source; these tests fail when a tr() text has no
Chinese yet, when an entry is unfinished or obsolete, when a translation drops a placeholder,
or when the shipped .qm is older than the .ts.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from nnplayground.app import language
from nnplayground.app.language import LANGUAGES, Language, qm_path
from nnplayground.resources import resource_path
from texts import KEPT

ROOT = Path(__file__).resolve().parents[2]
TS = resource_path("translations", "nnplayground_zh_CN.ts")
# {0}, {name}, %1, %n, and HTML tags must survive translation unchanged.
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d|</?[a-zA-Z][^>]*>")


def tool(name: str) -> str:
    """A Qt tool that comes with PySide6, beside this Python (the venv) or on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} not found (it comes with PySide6)"
    return found


def messages(path: Path):
    """(context, source, translation element) of every message in a .ts file."""
    for context in ET.parse(path).getroot().iter("context"):
        name = context.find("name").text or ""
        for message in context.iter("message"):
            yield name, message.find("source").text or "", message.find("translation")


def test_the_catalog_is_what_lupdate_makes_of_the_sources_now(tmp_path):
    """Every tr() text in the code has an entry, and none is left from code that is gone."""
    fresh = tmp_path / TS.name
    shutil.copy(TS, fresh)
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "nnplayground").rglob("*.py"))
    subprocess.run([tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete", "-target-language", "zh_CN",
                    *sources, "-ts", str(fresh)], cwd=ROOT, check=True, capture_output=True)
    committed = {(c, s) for c, s, _ in messages(TS)}
    current = {(c, s) for c, s, _ in messages(fresh)}
    assert sorted(current - committed) == [], "tr() texts missing from the .ts: run `make translations`"
    assert fresh.read_bytes() == TS.read_bytes(), "the .ts is not what `make translations` writes"


def test_no_entry_is_unfinished_obsolete_or_empty():
    problems = [(c, s, t.get("type")) for c, s, t in messages(TS)
                if t.get("type") is not None or not (t.text or "").strip()]
    assert problems == []
    assert len(list(messages(TS))) > 500  # the whole interface, not a sample


def test_translations_keep_placeholders_and_markup():
    wrong = [(c, s, t.text) for c, s, t in messages(TS)
             if sorted(PLACEHOLDER.findall(s)) != sorted(PLACEHOLDER.findall(t.text or ""))]
    assert wrong == []


def test_translations_are_chinese():
    """An entry copied over in English would pass the other tests; Chinese text has Han characters
    unless the source is only a name (texts.KEPT: "Leaky ReLU"), a symbol or a number."""
    han = re.compile(r"[\u4e00-\u9fff]")
    words = re.compile(r"[A-Za-z]{3,}\s+[A-Za-z]{3,}")
    untranslated = [(c, s) for c, s, t in messages(TS) if words.search(KEPT.sub("", s)) and not han.search(t.text or "")]
    assert untranslated == []


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path):
    compiled = tmp_path / "check.qm"
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(compiled)], check=True, capture_output=True)
    assert compiled.read_bytes() == qm_path("zh_CN").read_bytes(), "run `make translations`"


def test_every_language_but_english_ships_a_translation():
    assert [code for code in LANGUAGES if code != language.ENGLISH and not qm_path(code).is_file()] == []


# ----- loading ---------------------------------------------------------------------------------

def _translated_pair(context: str) -> tuple[str, str]:
    return next((s, t.text) for c, s, t in messages(TS) if c == context and s != t.text)


def test_switching_installs_and_removes_the_translation(qapp, settings):
    source, chinese = _translated_pair("MainWindow")
    switch = Language(settings)
    switch.set("zh_CN")
    assert QCoreApplication.translate("MainWindow", source) == chinese
    assert language.current() == "zh_CN"
    switch.set("en")
    assert QCoreApplication.translate("MainWindow", source) == source
    assert language.current() == "en"


def test_a_text_written_in_a_base_class_is_found_from_a_subclass(qapp, settings):
    """lupdate files a text under the class whose code calls tr(); PySide's ``self.tr`` on a
    subclass (every lab tab derives from LabTab) looks in the subclass's context, then its bases'."""
    from PySide6.QtCore import QObject

    source, chinese = _translated_pair("LabTab")
    base = type("LabTab", (QObject,), {})
    tab = type("DepthTab", (base,), {})()
    switch = Language(settings)
    switch.set("zh_CN")
    try:
        assert tab.tr(source) == chinese
    finally:
        switch.set("en")
    assert tab.tr(source) == source


def test_switching_back_and_forth_keeps_one_set_of_translators(qtbot, settings):
    from PySide6.QtCore import QTranslator

    switch = Language(settings)
    for _ in range(5):
        switch.set("zh_CN")
        switch.set("en")
    switch.set("zh_CN")
    qtbot.wait(10)  # deleteLater runs in the event loop
    assert len(switch.findChildren(QTranslator)) == len(switch.translators) >= 1
    switch.set("en")


def test_the_choice_is_remembered_and_an_unknown_one_is_named(qapp, settings):
    Language(settings).set("zh_CN")
    again = Language(settings)
    again.start()
    assert again.code == "zh_CN"
    again.set("en")
    with pytest.raises(ValueError, match="no translation for language 'fr'"):
        again.set("fr")
    assert again.code == "en"


@pytest.mark.parametrize("locale, expected", [("zh_CN.UTF-8", "zh_CN"), ("zh_TW.UTF-8", "zh_CN"),
                                              ("en_GB.UTF-8", "en"), ("de_DE.UTF-8", "en")])
def test_the_first_start_follows_the_system_locale(locale, expected):
    code = ("from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]); "
            "from nnplayground.app.language import system_language; print(system_language())")
    env = {"LANG": locale, "LC_ALL": locale, "LANGUAGE": "", "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == expected


def test_qt_own_dialog_texts_follow_the_language(qapp, settings):
    """Qt's standard buttons (a message box's Cancel) come from Qt's own translation."""
    switch = Language(settings)
    switch.set("zh_CN")
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        switch.set("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
