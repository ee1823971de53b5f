"""The Guide: its pages in both languages, the numbers they compute, Try it, and a language switch."""
import math

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QKeySequence
from qt_helpers import LEFT, TIMEOUT_MS, click
from texts import english_left, plain, visible_texts

from nnplayground.app.guide import GuidePanel
from nnplayground.app.guide.guide_panel import resolve
from nnplayground.app.guide.pages import PAGE_KEYS, PAGES, PLACEHOLDER, page_html, page_path, page_title
from nnplayground.app.language import LANGUAGES
from nnplayground.app.main_window import MainWindow
from nnplayground.core.presets import load_preset, preset_names
from nnplayground.resources import resource_path

LAB_NAMES = {"open_gradient_lab": "gradient", "open_activation_lab": "activation",
             "open_parallel_lab": "parallel", "open_propagation_inspector": "propagation"}


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def test_every_page_exists_in_both_languages_with_the_same_keys_and_numbers(qapp):  # plain() lays out HTML
    for language in LANGUAGES:
        assert sorted(p.stem for p in resource_path("guide", language).glob("*.html")) == sorted(PAGE_KEYS)
    for page in PAGES:
        placeholders = [set(PLACEHOLDER.findall(page_path(language, page.key).read_text(encoding="utf-8")))
                        for language in LANGUAGES]
        assert placeholders == [set(page.values())] * len(LANGUAGES)  # every computed number shown in both
        for language in LANGUAGES:
            text = plain(page_html(language, page))
            assert len(text) > 300 and "{{" not in text
            assert has_chinese(text) == (language == "zh_CN")
            assert page_title(language, page.key) != page.key  # each file has its <title>


def test_the_numbers_on_the_pages_are_computed_not_typed():
    for page in PAGES:
        for language in LANGUAGES:
            raw = page_path(language, page.key).read_text(encoding="utf-8")
            # Whole numbers such as "100" are also the examples' premises ("100 batches"): left out.
            typed = [v for v in page.values().values() if len(v) >= 3 and not v.isdigit() and v in raw]
            assert typed == [], (page.key, language)


def test_every_try_it_names_an_existing_preset_or_lab():
    for page in PAGES:
        assert page.preset or page.lab or page.watch
        if page.preset:
            assert page.preset in preset_names()
        if page.lab:
            assert page.lab in LAB_NAMES and callable(getattr(MainWindow, page.lab))


@pytest.fixture
def shown(qtbot):
    """``shown(key)``: the plain text of page ``key`` as a Guide panel shows it (in English)."""
    def show(key: str) -> str:
        panel = GuidePanel(None)
        qtbot.addWidget(panel)
        panel.show_page(key)
        return " ".join(panel.browser.toPlainText().split())
    return show


def test_the_notes_example_of_an_epoch_is_worked_out(shown):
    text = shown("training-loop")
    assert f"{math.ceil(1000 / 100)} iterations per epoch" in text
    assert f"give {math.ceil(1000 / 300)} iterations if the last partial batch is kept and {1000 // 300} if" in text


def test_the_notes_depth_example_is_worked_out(shown):
    mantissa, exponent = f"{1.5 ** 100:.1e}".split("e")
    assert f"1.5100 = {mantissa} × 10{int(exponent)}" in shown("cause-depth")  # superscripts read as digits


def test_the_notes_rank_example_is_worked_out(shown):
    per_rank = 100 // 4
    blocks = ", ".join(f"{r * per_rank}–{(r + 1) * per_rank - 1}" for r in range(4))
    text = shown("parallel")
    assert f"{per_rank} batches per rank, rank 0 to rank 3 taking batches {blocks}" in text


def test_the_saturation_page_measures_the_sigmoids_largest_derivative(shown):
    z, h = np.linspace(-10, 10, 20_001), 1e-5

    def sigmoid(x):
        return 1 / (1 + np.exp(-x))

    finite_difference = np.max((sigmoid(z + h) - sigmoid(z - h)) / (2 * h))
    analytic = sigmoid(0.0) * (1 - sigmoid(0.0))
    assert finite_difference == pytest.approx(analytic, abs=1e-9)
    tanh_peak = np.max(1 - np.tanh(z) ** 2)
    text = shown("cause-saturation")
    assert f"max σ′ = {analytic:.4g} (tanh: max tanh′ = {tanh_peak:.4g})" in text
    assert f"more than {1 / analytic:.4g} for sigmoid" in text


def test_the_formulas_page_works_out_a_learning_rate_change_under_momentum(shown):
    velocity, buffer = 0.0, 0.0
    for _ in range(100):
        velocity, buffer = 0.9 * velocity - 0.1, 0.9 * buffer + 1
    after = 0.9 * velocity - 0.01
    torch_after = -0.01 * (0.9 * buffer + 1)
    text = shown("formulas")
    assert f"is {after:.3f} here and {torch_after:.3f} in PyTorch's form" in text
    assert f"gives the factor {1 / math.hypot(3, 4):g} = 1/5" in text


@pytest.fixture
def window(make_window):
    """A main window on xor, a preset no page's Try it loads."""
    return make_window(load_preset("xor"))


def open_guide(qtbot, window) -> GuidePanel:
    """Help > Guide, as a person picks it from the menu."""
    help_menu = next(a for a in window.menuBar().actions() if a.text() == "&Help").menu()
    action = next(a for a in help_menu.actions() if a.text() == "&Guide")
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    action.trigger()
    panel = window.guide.panel
    qtbot.waitUntil(panel.isVisible, timeout=TIMEOUT_MS)
    return panel


def choose(qtbot, panel, key: str) -> None:
    """Click page ``key`` in the page list."""
    item = panel.pages.item(PAGE_KEYS.index(key))
    panel.pages.scrollToItem(item)
    qtbot.mouseClick(panel.pages.viewport(), LEFT, pos=panel.pages.visualItemRect(item).center())
    assert panel.page.key == key


@pytest.mark.parametrize("page", PAGES, ids=PAGE_KEYS)
def test_try_it_loads_the_preset_or_opens_the_lab_and_points_at_what_to_watch(qtbot, window, page):
    panel = open_guide(qtbot, window)
    choose(qtbot, panel, page.key)
    click(qtbot, panel.try_button)
    root = window
    if page.lab:
        root = window.labs[LAB_NAMES[page.lab]]
        assert root.isVisible()
    if page.preset:
        preset = load_preset(page.preset)
        if preset.data.is_sequence:  # a recurrent net trains in the gradient lab's RNN tab
            tab = root.rnn_tab
            qtbot.waitUntil(lambda: tab.loaded and tab.loaded[0].network == preset.network, timeout=TIMEOUT_MS)
            assert tab.loaded[0].data == preset.data
        else:
            qtbot.waitUntil(lambda: window.model.experiment == preset, timeout=TIMEOUT_MS)
    target = resolve(root, page.watch)
    assert not target.visibleRegion().isEmpty()  # in view: not a tab at the back
    frame = panel.highlight
    assert frame is not None and frame.isVisible() and frame.parentWidget() is target.window()
    assert frame.geometry() == QRect(target.mapTo(target.window(), QPoint(0, 0)), target.size())
    name = panel.watch_names()[page.key]
    assert frame.caption.text() == name and frame.caption.isVisible()
    assert name in panel.watch_label.text() and name in window.statusBar().currentMessage()


def test_the_frame_blinks_then_goes(qtbot, window):
    panel = open_guide(qtbot, window)
    choose(qtbot, panel, "cause-init")
    click(qtbot, panel.try_button)
    frame = panel.highlight
    seen = set()
    qtbot.waitUntil(lambda: seen.add(frame.isVisible()) or seen == {True, False}, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: panel.highlight is None, timeout=TIMEOUT_MS)


def test_a_language_switch_shows_the_open_page_in_chinese_and_back(qtbot, window):
    panel = open_guide(qtbot, window)
    choose(qtbot, panel, "cause-saturation")
    english = panel.browser.toPlainText()
    english_titles = [panel.pages.item(row).text() for row in range(panel.pages.count())]
    english_texts = visible_texts(window.guide.dock)

    window.language_actions["zh_CN"].trigger()  # View > Language > 简体中文
    qtbot.waitUntil(lambda: panel.browser.toPlainText() != english, timeout=TIMEOUT_MS)
    chinese = panel.browser.toPlainText()
    assert panel.page.key == "cause-saturation"
    assert chinese.strip() == plain(page_html("zh_CN", panel.page))
    assert "max σ′ = 0.25" in chinese  # the numbers are computed in Chinese too
    assert panel.pages.currentItem().text() == page_title("zh_CN", "cause-saturation")
    assert english_left(visible_texts(window.guide.dock)) == []
    assert window.guide.dock.windowTitle() != "Guide" and panel.try_button.text() != "Try it"

    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: panel.browser.toPlainText() == english, timeout=TIMEOUT_MS)
    assert [panel.pages.item(row).text() for row in range(panel.pages.count())] == english_titles
    assert visible_texts(window.guide.dock) == english_texts
    assert panel.page.key == "cause-saturation"


def test_what_try_it_pointed_at_follows_a_language_switch(qtbot, window):
    panel = open_guide(qtbot, window)
    choose(qtbot, panel, "cause-depth")
    qtbot.mouseClick(panel.try_button, Qt.MouseButton.LeftButton)
    english = panel.watch_label.text()
    assert english.startswith("Watch the Gradient norms plot")
    window.language_actions["zh_CN"].trigger()
    qtbot.waitUntil(lambda: panel.watch_label.text() != english, timeout=TIMEOUT_MS)
    assert english_left(visible_texts(window.guide.dock)) == [] and panel.watch_label.text()
    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: panel.watch_label.text() == english, timeout=TIMEOUT_MS)


def test_every_control_of_the_panel_says_what_it_does(qtbot, window):
    panel = open_guide(qtbot, window)
    assert panel.try_button.toolTip() and panel.pages.toolTip()


def test_closing_and_reopening_the_guide_keeps_its_page_at_the_right(qtbot, window):
    panel = open_guide(qtbot, window)
    choose(qtbot, panel, "batch-order")
    window.guide.dock.close()
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=TIMEOUT_MS)
    click(qtbot, panel.try_button)
    assert panel.watch_label.text()
    assert open_guide(qtbot, window) is panel and panel.page.key == "batch-order"
    assert panel.watch_label.text()  # still what to watch on this page
    choose(qtbot, panel, "parallel")
    assert panel.watch_label.text() == ""  # another page: nothing pointed at yet
    assert window.dockWidgetArea(window.guide.dock) == Qt.DockWidgetArea.RightDockWidgetArea
