"""The parallel lab's "Measure on real ranks (PyTorch)" button, pressed as a person would: the
measured rank timeline and numbers are those of the summary.json the run wrote; a failing run
shows its one error line; closing the lab while the ranks run leaves nothing running.

torch is in the test extra (pyproject.toml); without it the button is disabled.
"""
import json
import sys
from pathlib import Path

import numpy as np
import pytest
from qt_helpers import TIMEOUT_MS, click, type_into

pytest.importorskip("torch")

from PySide6.QtCore import QProcess  # noqa: E402

from nnplayground.app import child  # noqa: E402
from nnplayground.core import Experiment  # noqa: E402

RUN_TIMEOUT_MS = 120_000  # K fresh interpreters importing torch, on a busy machine


@pytest.fixture
def lab(qtbot, main_window):
    """The parallel lab on two ranks, three iterations trained, the Cost model tab on show."""
    main_window.parallel_lab_action.trigger()
    lab = main_window.labs["parallel"]
    type_into(qtbot, lab.ranks, "2")
    qtbot.waitUntil(lambda: lab.snapshot is not None and lab.snapshot.experiment.parallel.ranks == 2, timeout=TIMEOUT_MS)
    for i in range(1, 4):
        click(qtbot, lab.step_button)
        qtbot.waitUntil(lambda: lab.snapshot.iteration == i, timeout=TIMEOUT_MS)
    lab.tabs.setCurrentWidget(lab.cost_view)
    return lab


def microseconds(seconds):
    return f"{seconds * 1e6:.1f} µs"


def test_the_measured_timeline_and_numbers_are_the_runs_summary(qtbot, lab):
    panel = lab.cost_view.real_ranks
    assert panel.button.isEnabled() and not panel.cancel_button.isEnabled()
    click(qtbot, panel.button)
    assert panel.running and panel.state.text() == "Running on 2 processes…" and panel.cancel_button.isEnabled()
    assert not panel.button.isEnabled()
    qtbot.waitUntil(lambda: not panel.running, timeout=RUN_TIMEOUT_MS)
    assert panel.state.text() == "Done."

    summary = json.loads(panel.summary_path.read_text(encoding="utf-8"))
    assert panel.summary == summary
    # The lab trained 3 iterations of 13 per epoch (25 batches over 2 ranks): one whole epoch.
    written = Experiment.load(panel.summary_path.parent.parent / "experiment.json")
    assert written.training.epochs == 1 and written.parallel == lab.snapshot.experiment.parallel
    assert summary["iterations"] == 13 and summary["torch"]["world_size"] == 2

    per_rank = summary["torch"]["per_rank"]
    compute = np.array([r["compute"] for r in per_rank]) * 1e3
    reduce = np.array([r["all_reduce"] for r in per_rank]) * 1e3
    bars = panel.timeline.bars.opts
    np.testing.assert_array_equal(bars["width"], np.concatenate([compute, reduce]))
    np.testing.assert_array_equal(bars["x0"], np.concatenate([np.zeros(2), compute]))  # each rank's own start
    np.testing.assert_array_equal(bars["y"], [0, 1, 0, 1])

    text = panel.result.text()
    seconds, link = summary["torch"]["seconds_per_iteration"], summary["torch"]["link"]
    assert f"replicas bit-identical: {'yes' if summary['replicas_identical'] else 'no'}" in text
    for name, difference in summary["max_abs_diff_vs_simulated"].items():
        assert f"{name} {difference:.3g}" in text
    assert f"measured {microseconds(seconds['measured'])}" in text
    assert f"{microseconds(seconds['predicted_configured_link'])} with the configured one" in text
    if link["error"] is None:  # a busy machine's times may not fit a link: then it says why
        assert f"predicted {microseconds(seconds['predicted_fitted_link'])} with the fitted link" in text
        assert f"latency {link['latency_us']:.1f} µs, bandwidth {link['bandwidth_gb_s']:.3g} GB/s" in text
    else:
        assert "not fitted" in text


def test_a_failing_run_shows_its_one_error_line(qtbot, lab, monkeypatch):
    script = ("import sys; print('progress'); sys.stderr.write('a warning first\\n"
              "nnplayground: error: the ranks could not meet\\n'); sys.exit(2)")
    monkeypatch.setattr(child, "command", lambda arguments: (sys.executable, ["-c", script]))
    panel = lab.cost_view.real_ranks
    click(qtbot, panel.button)
    qtbot.waitUntil(lambda: not panel.running, timeout=RUN_TIMEOUT_MS)
    message = lab.statusBar().currentMessage()
    assert message == "Real ranks: nnplayground: error: the ranks could not meet"
    assert panel.state.text() == "Failed: nnplayground: error: the ranks could not meet"
    assert panel.summary is None and panel.child.process.exitCode() == 2
    assert panel.button.isEnabled() and not panel.cancel_button.isEnabled()  # ready to try again


def child_pids(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended while we looked
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    """Whether process ``pid`` still runs: a zombie has ended (one whose parent ended before it
    waits for init to collect it, which in a container may never happen)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("how", ["cancel", "close", "shutdown"])
def test_cancel_or_closing_the_lab_while_the_ranks_run_stops_them_all(qtbot, lab, how):
    if not Path("/proc/self/stat").exists():
        pytest.skip("the ranks are found through /proc")
    panel = lab.cost_view.real_ranks
    click(qtbot, panel.button)
    process = panel.child.process
    # the launcher has spawned its 2 ranks (and possibly multiprocessing's resource tracker)
    qtbot.waitUntil(lambda: len(child_pids(process.processId())) >= 2, timeout=RUN_TIMEOUT_MS)
    children = child_pids(process.processId())
    if how == "shutdown":  # the application exits: everything has ended when this returns
        lab.shutdown()
    else:
        if how == "cancel":
            click(qtbot, panel.cancel_button)
        else:
            lab.close()
        assert panel.state.text() == "Running on 2 processes…"  # stopping goes on in the background
        qtbot.waitUntil(lambda: not panel.running, timeout=TIMEOUT_MS)
    assert process.state() == QProcess.ProcessState.NotRunning and not panel.running
    assert panel.state.text() == "Cancelled." and panel.summary is None
    assert panel.button.isEnabled() and not panel.cancel_button.isEnabled()
    # The ranks were ended and collected by the launcher; multiprocessing's resource tracker, if
    # any, ends by itself once they are gone (a rank left behind would wait 120 s for the others).
    qtbot.waitUntil(lambda: not any(alive(pid) for pid in children), timeout=TIMEOUT_MS)
