"""The main window's own parts switch language as a person switches it, from View > Language:
the menus, the toolbars, the status bar, the headline, the runs list and the dock titles are
all in Chinese at once, and all back in English exactly as before; nothing about the
experiment, its runs or training changes, paused or playing.

Only these parts are checked here: the data panel, the network, the plots and the labs are
checked by their own tests (the whole window is checked once they all are translated)."""
import json

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit
from qt_helpers import TIMEOUT_MS, choose_speed, click_action
from texts import english_left, plain, visible_texts

from nnplayground.app.file_actions import default_experiment
from nnplayground.app.preset_menu import FIELDS, translations_path
from nnplayground.core.presets import list_presets, load_preset, preset_names

ZH_PRESETS = json.loads(translations_path("zh_CN").read_text(encoding="utf-8"))


def menu_texts(menu) -> list[str]:
    """Every title, entry and tooltip of ``menu`` and its submenus."""
    texts = [menu.title()]
    for action in menu.actions():
        texts += menu_texts(action.menu()) if action.menu() else [action.text(), action.toolTip()]
    return texts


def area_texts(window) -> list[str]:
    """What a person reads on the main window's own parts (markup and mnemonics removed)."""
    texts = [window.windowTitle(), *(dock.windowTitle() for dock in window.docks)]
    for action in window.menuBar().actions():
        texts += menu_texts(action.menu())
    texts = [plain(text) for text in texts if text]
    for part in (window.controls, window.controls.schedule_bar, window.statusBar(), window.headline,
                 window.runs_panel):
        texts += visible_texts(part)
    return texts


def choose_language(qtbot, window, name: str) -> None:
    """View > Language > ``name``, found as a person finds it: by the Language menu's title,
    which names it in English in every language."""
    view = next(a.menu() for a in window.menuBar().actions()
                if any(s.menu() and "Language" in s.menu().title() for s in a.menu().actions()))
    language = next(a.menu() for a in view.actions() if a.menu() and "Language" in a.menu().title())
    before = window.menus.presets_menu.title()
    next(a for a in language.actions() if a.text() == name).trigger()
    qtbot.waitUntil(lambda: window.menus.presets_menu.title() != before, timeout=TIMEOUT_MS)


def numpy_engine(window) -> None:
    """Train with the NumPy engine (View > Compiled engine off): the status bar's engine then
    stays the same, where the compiled one's may change from "compiling" to ready at any moment."""
    if window.engine_action.isChecked():
        window.engine_action.trigger()


def train_and_record_a_run(qtbot, window, iterations: int) -> None:
    """Train some iterations, Reset (which records the run), and train some more."""
    numpy_engine(window)
    for _ in range(iterations):
        click_action(qtbot, window, window.controls.step_action)
    qtbot.waitUntil(lambda: window.snapshot.iteration == iterations, timeout=TIMEOUT_MS)
    click_action(qtbot, window, window.controls.reset_action)
    qtbot.waitUntil(lambda: len(window.model.runs) == 1 and window.snapshot.iteration == 0, timeout=TIMEOUT_MS)
    for _ in range(iterations):
        click_action(qtbot, window, window.controls.step_action)
    qtbot.waitUntil(lambda: window.snapshot.iteration == iterations, timeout=TIMEOUT_MS)
    window.flush_views()


def test_switching_while_paused_translates_everything_and_changes_nothing_else(qtbot, main_window):
    window = main_window
    window.runs_dock.raise_()
    train_and_record_a_run(qtbot, window, 5)
    english = area_texts(window)
    experiment, runs, snapshot = window.experiment, list(window.model.runs), window.snapshot
    assert english_left(english)  # the check finds the English it is meant to find

    choose_language(qtbot, window, "简体中文")
    chinese = area_texts(window)
    assert english_left(chinese) == [], "\n".join(english_left(chinese))
    assert "预设(P)" in chinese and "运行记录" in chinese  # the Presets menu, the Runs dock
    assert "训练损失" in visible_texts(window.headline)
    # A text the same in both languages is still shown, not left blank.
    assert window.controls.captions[window.controls.epochs].text().strip() == "EPOCHS"
    assert all(action.text() for action in window.files.export_plot_actions)
    assert window.runs_panel.table.item(0, 2).text() == "已中断"  # Reset interrupted the first run
    assert window.experiment == experiment and list(window.model.runs) == runs
    assert window.snapshot.iteration == snapshot.iteration == 5
    assert not window.controls.play_action.isChecked()

    choose_language(qtbot, window, "English")
    assert area_texts(window) == english
    assert window.experiment == experiment and list(window.model.runs) == runs
    assert window.snapshot.iteration == 5


def test_switching_while_playing_keeps_training(qtbot, make_window):
    window = make_window(default_experiment())  # trains until paused: no end during the test
    numpy_engine(window)
    choose_speed(window, "max")
    click_action(qtbot, window, window.controls.play_action)
    qtbot.waitUntil(lambda: window.snapshot.iteration > 10, timeout=TIMEOUT_MS)
    experiment, speed = window.experiment, window.controls.speed
    english_bar = visible_texts(window.controls.schedule_bar)

    choose_language(qtbot, window, "简体中文")
    switched_at = window.snapshot.iteration
    qtbot.waitUntil(lambda: window.snapshot.iteration > switched_at + 10, timeout=TIMEOUT_MS)
    assert window.controls.play_action.isChecked() and window.controls.play_action.text() == "暂停"
    window.flush_views()
    assert english_left(area_texts(window)) == []
    assert window.experiment == experiment and window.controls.speed == speed
    assert window.model.runs.records == []  # no run was ended by the switch

    choose_language(qtbot, window, "English")
    assert window.controls.play_action.text() == "Pause"
    assert visible_texts(window.controls.schedule_bar) == english_bar
    still = window.snapshot.iteration
    qtbot.waitUntil(lambda: window.snapshot.iteration > still, timeout=TIMEOUT_MS)


def test_every_control_of_the_toolbars_and_the_runs_panel_has_a_tooltip(qtbot, main_window):
    window = main_window
    window.runs_dock.raise_()
    controls = (QAbstractButton, QComboBox, QAbstractSpinBox, QLineEdit)
    for language in ("English", "简体中文"):
        if language != "English":
            choose_language(qtbot, window, language)
        seen = 0
        for part in (window.controls, window.controls.schedule_bar, window.runs_panel):
            for widget in (w for kind in controls for w in part.findChildren(kind)):
                inner = isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox))
                internal = widget.objectName().startswith("qt_")  # the toolbar's overflow arrow
                if widget.isVisibleTo(window) and not inner and not internal:
                    seen += 1
                    assert widget.toolTip().strip(), (language, type(widget).__name__)
        assert seen >= 20  # 4 commands, 10 fields and a button on the toolbars, 5 in the runs panel


def test_every_preset_has_its_name_description_and_topic_in_chinese():
    assert sorted(ZH_PRESETS) == preset_names()
    topics = {}
    for info in list_presets():
        texts = ZH_PRESETS[info.name]
        assert sorted(texts) == sorted(FIELDS)
        assert all(isinstance(text, str) and text.strip() for text in texts.values())
        assert texts["description"] != info.description
        topics.setdefault(info.topic, set()).add(texts["topic"])
    assert all(len(names) == 1 for names in topics.values())  # a topic has one title


def test_the_presets_menu_shows_chinese_names_and_still_opens_them(qtbot, main_window):
    window = main_window
    english = {name: action.text() for name, action in window.preset_actions.items()}
    choose_language(qtbot, window, "简体中文")
    assert {name: a.text() for name, a in window.preset_actions.items()} == {
        name: ZH_PRESETS[name]["name"] for name in english}
    spiral = window.preset_actions["spiral"]
    assert spiral.toolTip() == ZH_PRESETS["spiral"]["description"]
    assert spiral.parent().title() == ZH_PRESETS["spiral"]["topic"]
    assert english_left(menu_texts(window.menus.presets_menu)) == []
    for topic in window.menus.presets_menu.actions():  # the descriptions fit a 1024-pixel screen in Chinese too
        metrics = QFontMetrics(topic.menu().font())
        assert max(metrics.horizontalAdvance(a.text()) for a in topic.menu().actions()) < 600
    spiral.trigger()
    qtbot.waitUntil(lambda: window.snapshot.experiment == load_preset("spiral"), timeout=TIMEOUT_MS)
    choose_language(qtbot, window, "English")
    assert {name: action.text() for name, action in window.preset_actions.items()} == english
