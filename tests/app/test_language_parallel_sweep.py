"""The parallel lab and the sweep window switched to Chinese and back while they hold state: every
tab shows no English left, the words change, English comes back exactly as it was, and the
runs, the heat map's cells, the table's numbers and the curves are what they were. Every
control a person can reach has a tooltip."""
import dataclasses

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication
from qt_helpers import TIMEOUT_MS, click, menu_action
from test_sweep_window import SWEEP_TIMEOUT_MS, fill, run_to_the_end
from texts import english_left, untipped, visible_texts

from nnplayground.app.language import ENGLISH, Language
from nnplayground.core.presets import load_preset



@pytest.fixture
def language(settings):
    """The interface language, back in English after the test (the app object outlives it)."""
    language = Language(settings)
    yield language
    language.set(ENGLISH)


def switch(language, code) -> None:
    """Switch, then let the LanguageChange events Qt posts to the windows arrive."""
    language.set(code)
    QApplication.processEvents()


def tab_texts(window, tabs, draw=lambda: None) -> list[list[str]]:
    """The window's visible texts with each tab shown in turn (``draw`` draws the tab now)."""
    shown = []
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        draw()
        shown.append(visible_texts(window))
    tabs.setCurrentIndex(0)
    draw()
    return shown



def assert_bilingual(language, window, tabs, draw=lambda: None, path="") -> list[list[str]]:
    """English, then Chinese with no English left on any tab (``path``, a file path shown as it
    is, aside) and every control tipped, then English again exactly as before; returns the
    Chinese texts."""
    english = tab_texts(window, tabs, draw)
    switch(language, "zh_CN")
    chinese = tab_texts(window, tabs, draw)
    for index, texts in enumerate(chinese):
        tabs.setCurrentIndex(index)
        assert english_left([text.replace(path, "") if path else text for text in texts]) == [], tabs.tabText(index)
        assert untipped(window) == [], tabs.tabText(index)
        assert set(texts) != set(english[index])
    switch(language, ENGLISH)
    assert tab_texts(window, tabs, draw) == english
    return chinese


# ----- the parallel lab --------------------------------------------------------------------------


@pytest.fixture
def lab(qtbot, main_window):
    """The parallel lab opened from the main window's Labs menu, its first snapshot in."""
    menu_action(main_window, "&Labs", "Parallel lab...").trigger()
    lab = main_window.labs["parallel"]
    qtbot.waitUntil(lambda: lab.snapshot is not None, timeout=TIMEOUT_MS)
    return lab


def test_the_parallel_lab_speaks_chinese_and_english_again_as_it_was(qtbot, lab, language):
    for _ in range(3):
        click(qtbot, lab.step_button)
    qtbot.waitUntil(lambda: lab.snapshot.iteration == 3, timeout=TIMEOUT_MS)
    lab.flush()
    chinese = assert_bilingual(language, lab, lab.tabs, lab.flush)
    assert any("运行" == text for text in chinese[0])  # the Run button
    assert any(text.startswith("第 3 次迭代") for text in chinese[0])  # the status line, from the snapshot
    assert lab.snapshot.iteration == 3 and lab.tabs.tabText(0) == "Convergence and fitting"


def test_a_switch_mid_run_neither_stops_nor_restarts_the_lab(qtbot, make_window, language):
    # Until paused: the preset's 40 epochs can all be trained before the switch on a fast machine.
    preset = load_preset("circle")
    window = make_window(preset.replace(training=dataclasses.replace(preset.training, epochs=None)))
    menu_action(window, "&Labs", "Parallel lab...").trigger()
    lab = window.labs["parallel"]
    qtbot.waitUntil(lambda: lab.snapshot is not None, timeout=TIMEOUT_MS)
    click(qtbot, lab.run_button)
    qtbot.waitUntil(lambda: lab.snapshot.iteration >= 5, timeout=TIMEOUT_MS)
    generation, experiment, reached = lab.generation, lab.loaded, lab.snapshot.iteration
    switch(language, "zh_CN")
    assert lab.run_button.text() == "暂停" and lab.run_button.isChecked()
    qtbot.waitUntil(lambda: lab.snapshot.iteration > reached + 5, timeout=TIMEOUT_MS)  # training went on
    assert (lab.generation, lab.loaded) == (generation, experiment)  # the same runs, not new ones
    assert lab.schedule.currentData() == experiment.parallel.schedule == "per_rank_batch"
    assert lab.algorithm.currentData() == "ring" and lab.source.currentData() == ""
    click(qtbot, lab.run_button)
    qtbot.waitUntil(lambda: not lab.run_button.isChecked(), timeout=TIMEOUT_MS)
    lab.flush()
    curve = lab.convergence_view.loss.curves[1].yData.copy()
    switch(language, ENGLISH)
    assert lab.run_button.text() == "Run"
    assert np.array_equal(lab.convergence_view.loss.curves[1].yData, curve, equal_nan=True)


# ----- the sweep window ----------------------------------------------------------------------------

def table_cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_a_finished_sweep_is_shown_in_chinese_with_every_number_kept(qtbot, sweeps, language, tmp_path):
    fill(qtbot, sweeps.form, "0.03,0.3", "1,2", tmp_path / "s")
    run_to_the_end(qtbot, sweeps)
    qtbot.waitUntil(lambda: sweeps.folder is not None and len(sweeps.folder.rows) == 4, timeout=SWEEP_TIMEOUT_MS)
    sweeps.table.selectRow(2)
    cells = {key: sweeps.heat_map.cell_text(*key) for key in sweeps.heat_map.texts}
    table, curves = table_cells(sweeps.table), [data for _, data, _, _ in sweeps.curves.runs]
    chinese = assert_bilingual(language, sweeps, sweeps.tabs, path=str(tmp_path))
    assert "完成：4 个运行（0 个发散），位于 " + str(tmp_path / "s" / "sweep.csv") in chinese[0]
    assert "4 个运行：2 个取值 × 2 个种子" in chinese[0]  # the form's summary, checked again
    assert {key: sweeps.heat_map.cell_text(*key) for key in sweeps.heat_map.texts} == cells
    assert table_cells(sweeps.table) == table and [(r.values, r.seed) for r in sweeps.selected_rows()] == [((0.3,), 1)]
    for (_, data, _, _), before in zip(sweeps.curves.runs, curves, strict=True):
        assert all(np.array_equal(data[k][i], before[k][i], equal_nan=True) for k in before for i in (0, 1))


def test_in_chinese_the_sweep_table_names_its_columns_and_statuses_but_keeps_setting_paths(
        qtbot, sweeps, language, tmp_path):
    fill(qtbot, sweeps.form, "0.03,0.3", "1", tmp_path / "s")
    run_to_the_end(qtbot, sweeps)
    switch(language, "zh_CN")
    header = [sweeps.table.horizontalHeaderItem(c).text() for c in range(sweeps.table.columnCount())]
    assert header == ["optimizer.learning_rate", "种子", "状态", "训练损失", "测试损失", "测试准确率", "迭代次数", "用时 (s)"]
    assert [sweeps.table.item(r, 2).text() for r in range(2)] == ["已完成", "已完成"]
    assert sweeps.heat_map.title == "最终测试损失：单个种子"
    assert sweeps.form.paths[0].currentText() == "optimizer.learning_rate"
    assert sweeps.form.paths[1].currentText() == "（不变化其他设置）" and sweeps.form.paths[1].currentData() == ""
    # nothing in the form moved: a switch is not an edit
    assert sweeps.form.setting_texts() == ["optimizer.learning_rate=0.03,0.3"] and sweeps.form.seeds.text() == "1"
    assert sweeps.form.ready.currentData() == "" and sweeps.form.ready.currentText() == "自定义"
