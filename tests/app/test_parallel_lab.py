"""The parallel lab driven as a person would: opened from the Labs menu, K and the schedule
changed, Run pressed; the curves it draws are checked against the same runs computed here
without the lab (DataParallelTrainer and Trainer stepped directly), the speed-up curve
against collectives.speedup_curve for the edited bandwidth, and closing ends its thread."""
import numpy as np
import pytest
from qt_helpers import TIMEOUT_MS, click, menu_action, type_into

from nnplayground.app.labs import ParallelLab
from nnplayground.core import Trainer, collectives
from nnplayground.core.parallel import DataParallelTrainer
from nnplayground.core.parallel_spec import ParallelSpec

FIRST = 5  # iterations compared with the headless runs


@pytest.fixture
def lab(qtbot, main_window):
    """The parallel lab opened from the main window's Labs menu, its first snapshot in."""
    menu_action(main_window, "&Labs", "Parallel lab...").trigger()
    lab = main_window.labs["parallel"]
    wait_for(qtbot, lab, lambda s: True)
    return lab


def wait_for(qtbot, lab, condition):
    """Until the lab holds a snapshot that meets ``condition``."""
    qtbot.waitUntil(lambda: lab.snapshot is not None and condition(lab.snapshot), timeout=TIMEOUT_MS)


def choose(combo, data) -> None:
    """Pick the item holding ``data``, as a person picking it from the list."""
    combo.setCurrentIndex(combo.findData(data))


def headless(experiment, iterations):
    """The lab's settings run without the lab: the data-parallel run's loss, samples seen and
    ring error per iteration, and one process's loss with batch b over as many samples."""
    parallel = DataParallelTrainer(experiment)
    losses, samples, ring = [], [], []
    for _ in range(iterations):
        record = parallel.step()
        losses.append(record.train_loss)
        samples.append(record.samples_seen)
        ring.append(parallel.last_parallel.errors["ring"].max_rel)
    single = Trainer(experiment.replace(parallel=None))
    single_losses = [single.step().train_loss for _ in range(iterations)]
    return np.array(losses), np.array(samples), np.array(ring), np.array(single_losses)


def test_the_curves_are_the_runs_computed_without_the_lab(qtbot, main_window, lab):
    assert isinstance(lab, ParallelLab) and lab.isVisible() and lab.is_running
    type_into(qtbot, lab.ranks, "3")
    choose(lab.schedule, "epoch_blocks")
    wait_for(qtbot, lab, lambda s: (s.experiment.parallel.ranks, s.experiment.parallel.schedule) == (3, "epoch_blocks"))
    assert lab.snapshot.iteration == 0
    click(qtbot, lab.run_button)
    wait_for(qtbot, lab, lambda s: s.iteration >= FIRST)
    lab.flush()

    spec = ParallelSpec(3, "epoch_blocks", "ring", "float32", "pcie", 16.0, 5.0)  # the controls' defaults
    losses, samples, ring, single_losses = headless(main_window.experiment.replace(parallel=spec), FIRST)
    loss_plot = lab.convergence_view.loss
    parallel_curve, single_curve = loss_plot.curves[1], loss_plot.curves[0]
    np.testing.assert_array_equal(parallel_curve.yData[:FIRST], losses)
    np.testing.assert_array_equal(parallel_curve.xData[:FIRST], np.arange(1, FIRST + 1))
    # One process with batch 10 (an update per batch): its first iterations as a plain Trainer's.
    np.testing.assert_allclose(single_curve.yData[:FIRST], single_losses, rtol=1e-12)

    choose(lab.convergence_view.x_axis, "samples")
    lab.flush()
    np.testing.assert_array_equal(parallel_curve.xData[:FIRST], samples)
    assert samples[0] == main_window.experiment.train_samples  # epoch blocks: an iteration is an epoch

    lab.tabs.setCurrentWidget(lab.precision_view)
    lab.flush()
    ring_curve = lab.precision_view.errors.curves[1]
    np.testing.assert_array_equal(ring_curve.yData[:FIRST], np.where(ring > 0, ring, np.nan))
    assert "bit-identical" in lab.precision_view.identical.text()


def test_the_speed_up_follows_the_edited_bandwidth(qtbot, lab):
    lab.tabs.setCurrentWidget(lab.cost_view)
    click(qtbot, lab.step_button)
    wait_for(qtbot, lab, lambda s: s.iteration == 1)
    lab.flush()
    before = lab.cost_view.speedup.curves[1].yData.copy()  # ring, on PCIe's 16 GB/s
    type_into(qtbot, lab.bandwidth, "0.001")
    s = lab.snapshot
    expected = collectives.speedup_curve("per_rank_batch", s.batches_per_epoch, lab.batch_seconds, "ring",
                                         s.gradient_bytes, collectives.Link("pcie", 0.001e9, 5e-6))
    drawn = lab.cost_view.speedup.curves[1]
    np.testing.assert_array_equal(drawn.xData, np.arange(1, 17))
    np.testing.assert_allclose(drawn.yData, expected, rtol=1e-12)
    assert not np.allclose(before, expected)  # a 1 MB/s link is much slower: the edit took effect
    assert s.batches_per_epoch == 25  # the circle preset: 250 training samples in batches of 10


def test_the_notes_example_and_this_experiment_are_worked_out(qtbot, lab):
    notes = lab.notes_label.text()
    for part in ("rank 0: 0–24", "rank 1: 25–49", "rank 2: 50–74", "rank 3: 75–99", "25, 25, 25, 25"):
        assert part in notes
    text = lab.batches_label.text()
    assert "250 training samples in 25 batches of 10" in text and "7 iteration(s) per epoch" in text


def test_closing_the_lab_ends_its_thread_and_showing_it_starts_one(qtbot, main_window, lab):
    click(qtbot, lab.run_button)
    qtbot.waitUntil(lambda: lab.run_button.isChecked(), timeout=TIMEOUT_MS)
    thread = lab.worker_thread.thread
    lab.close()
    assert thread.isFinished() and not lab.is_running and not lab.run_button.isChecked()
    main_window.parallel_lab_action.trigger()
    assert main_window.labs["parallel"] is lab and lab.is_running
    wait_for(qtbot, lab, lambda s: s.iteration == 0)
    thread = lab.worker_thread.thread
    main_window.close()
    assert thread.isFinished() and not lab.is_running


def test_every_parallel_key_has_a_name_and_the_lab_offers_them():
    from nnplayground.app import labels
    from nnplayground.core.parallel_spec import ALGORITHMS, LINKS, SCHEDULES

    assert set(labels.SCHEDULES) == set(SCHEDULES)
    assert set(labels.ALLREDUCE) == set(ALGORITHMS)
    assert set(labels.LINKS) == set(LINKS)
    assert labels.link("pcie") == "PCIe" and labels.allreduce("ring") == "ring"


def test_settings_that_make_no_experiment_are_named_and_the_runs_stay(qtbot, main_window, lab):
    lab.tabs.setCurrentWidget(lab.precision_view)
    choose(lab.reduce_dtype, "float64")
    wait_for(qtbot, lab, lambda s: s.experiment.parallel.reduce_dtype == "float64")
    click(qtbot, lab.step_button)
    wait_for(qtbot, lab, lambda s: s.iteration == 1)
    lab.flush()
    # Reducing in float64 the orders' sums are checked against the float64 sum of the same numbers.
    errors = lab.snapshot.record.errors
    drawn = [curve.yData[0] for curve in lab.precision_view.errors.curves]
    expected = [errors[a].max_rel for a in ("sequential", "ring", "tree")]
    np.testing.assert_array_equal(np.nan_to_num(drawn), expected)  # zero differences are gaps on the log axis

    generation = lab.generation
    main_window.model.update("training", batch_mode="repeat_one")  # data-parallel needs batches to share out
    qtbot.waitUntil(lambda: "repeat_one" in lab.statusBar().currentMessage(), timeout=TIMEOUT_MS)
    assert lab.generation == generation and lab.is_running and lab.snapshot.iteration == 1


def test_without_torch_the_real_ranks_button_is_disabled_and_says_how_to_install(qtbot, monkeypatch):
    from nnplayground.core import torch_check

    monkeypatch.setattr(torch_check, "available", lambda: False)
    lab = ParallelLab()
    qtbot.addWidget(lab)
    try:
        button = lab.cost_view.real_ranks.button
        assert not button.isEnabled()
        assert "pip install nnplayground[distributed]" in button.toolTip()
    finally:
        lab.close()
