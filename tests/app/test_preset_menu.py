"""The Presets menu as a person meets it: a submenu per topic, each preset's description
readable under its name without hovering, and a click opening the preset."""
import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from qt_helpers import TIMEOUT_MS, wait_for_snapshot

from nnplayground.app import labels
from nnplayground.core.presets import TOPICS, load_preset, presets_dir


def shipped():
    """{name: (topic, description)} read straight from the preset files."""
    out = {}
    for path in sorted(presets_dir().glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        out[path.stem] = (d["topic"], d["description"])
    return out


def presets_menu(window):
    return next(a for a in window.menuBar().actions() if a.text() == "&Presets").menu()


def test_each_topic_has_a_submenu_listing_its_presets_with_their_descriptions(qtbot, main_window):
    files = shipped()
    submenus = [a.menu() for a in presets_menu(main_window).actions()]
    assert all(menu is not None for menu in submenus)
    assert [m.title() for m in submenus] == [labels.preset_topic(t) for t in TOPICS]
    for topic, menu in zip(TOPICS, submenus):
        entries = [a for a in menu.actions() if not a.isSeparator()]
        names = [a.text() for a in entries if a.isEnabled()]
        assert names == sorted(n for n, (t, _) in files.items() if t == topic)
        for name in names:  # the grey lines under a preset's name are its whole description
            i = next(k for k, a in enumerate(entries) if a.text() == name)
            lines = []
            for a in entries[i + 1:]:
                if a.isEnabled():
                    break
                lines.append(a.text().strip())
            assert " ".join(lines) == files[name][1]
        # Shown, the submenu fits a 1024-pixel-wide screen: no description runs off it.
        widest = max(QFontMetrics(menu.font()).horizontalAdvance(a.text()) for a in entries)
        assert widest < 600


def test_clicking_a_preset_in_its_submenu_opens_it(qtbot, main_window):
    menu = main_window.preset_actions["xor"].parent()
    assert menu.title() == labels.preset_topic("basics")
    menu.popup(main_window.mapToGlobal(main_window.rect().center()))
    qtbot.waitUntil(menu.isVisible, timeout=TIMEOUT_MS)
    action = main_window.preset_actions["xor"]
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    wait_for_snapshot(qtbot, main_window, lambda s: s.experiment == load_preset("xor"))
    assert main_window.experiment == load_preset("xor")
