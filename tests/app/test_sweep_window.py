"""Labs > Sweeps used as a person would: a ready-made sweep filled in, bad values named before
anything starts, a sweep trained in the background whose table, heat map and curves are the
numbers an independent Trainer gives, Stop keeping the finished rows, a run loaded into the
main window, a saved sweep opened again, and no process outliving the window."""
import dataclasses
import statistics
from pathlib import Path

import numpy as np
import pytest
from qt_helpers import LEFT, TIMEOUT_MS, click

from nnplayground.core.parallel import make_trainer
from nnplayground.core.presets import load_preset

SWEEP_TIMEOUT_MS = 120_000  # a fresh interpreter importing NumPy, then the runs, on a busy machine


def tiny_circle():
    exp = load_preset("circle")
    return exp.replace(data=dataclasses.replace(exp.data, samples=80), seed=4)



def fill(qtbot, form, values, seeds, out, epochs=2, workers=1):
    """Type the sweep of the learning rate over ``values`` into the form, as a person would."""
    form.paths[0].setCurrentIndex(form.paths[0].findData("optimizer.learning_rate"))
    for edit, text in ((form.values[0], values), (form.seeds, seeds), (form.out, str(out))):
        edit.clear()
        qtbot.keyClicks(edit, text)
    form.epochs.setValue(epochs)
    form.workers.setValue(workers)


def run_to_the_end(qtbot, lab):
    click(qtbot, lab.start_button)
    assert lab.runner.running and lab.stop_button.isEnabled() and not lab.start_button.isEnabled()
    qtbot.waitUntil(lambda: not lab.runner.running and lab.stop_button.isEnabled() is False, timeout=SWEEP_TIMEOUT_MS)


def test_a_ready_made_sweep_fills_the_form(sweeps):
    form = sweeps.form
    form.ready.setCurrentIndex(form.ready.findData("learning_rate_batch"))
    assert [c.currentData() for c in form.paths] == ["optimizer.learning_rate", "training.batch_size"]
    assert [e.text() for e in form.values] == ["0.01,0.03,0.1,0.3", "1,10,50"]
    assert form.summary.text() == "24 runs: 4 values × 3 values × 2 seeds"
    assert form.ready.currentData() == "learning_rate_batch" and sweeps.start_button.isEnabled()
    form.ready.setCurrentIndex(form.ready.findData("batch_modes"))
    assert form.source.currentData() == "batch-modes" and form.values[1].isEnabled() is False
    assert form.setting_texts() == ["training.batch_mode=shuffle,fixed,repeat_one"]


@pytest.mark.parametrize("field, text, message", [
    ("values", "0.1,fast", "optimizer.learning_rate"),
    ("values", "0.1,0.1", "a value is given twice"),
    ("seeds", "1,x", "--seeds: 'x' is not a whole number"),
])
def test_bad_values_are_named_and_nothing_starts(qtbot, sweeps, tmp_path, field, text, message):
    fill(qtbot, sweeps.form, "0.1", "1", tmp_path / "s")
    edit = sweeps.form.values[0] if field == "values" else sweeps.form.seeds
    edit.clear()
    qtbot.keyClicks(edit, text)
    assert sweeps.form.summary.text().startswith("Cannot sweep: ") and message in sweeps.form.summary.text()
    assert not sweeps.start_button.isEnabled()
    click(qtbot, sweeps.start_button)
    assert not sweeps.runner.running and not (tmp_path / "s").exists()


def independent(lr, seed, epochs=2):
    exp = tiny_circle()
    exp = exp.replace(seed=seed, optimizer=dataclasses.replace(exp.optimizer, learning_rate=lr),
                      training=dataclasses.replace(exp.training, epochs=epochs))
    trainer = make_trainer(exp)
    trainer.run()
    return trainer


def test_a_sweep_trains_in_the_background_and_every_view_shows_its_numbers(qtbot, sweeps, tmp_path):
    fill(qtbot, sweeps.form, "0.03,0.3", "1,2", tmp_path / "s")
    assert sweeps.form.summary.text() == "4 runs: 2 values × 2 seeds"
    run_to_the_end(qtbot, sweeps)
    assert sweeps.status.text() == f"Done: 4 runs (0 diverged), in {tmp_path / 's' / 'sweep.csv'}"
    assert (sweeps.progress.value(), sweeps.progress.maximum()) == (4, 4)
    trainers = {(lr, s): independent(lr, s) for lr in (0.03, 0.3) for s in (1, 2)}
    losses = {key: t.evaluate().test_loss for key, t in trainers.items()}
    table = sweeps.table
    assert table.rowCount() == 4
    shown = [(table.item(r, 0).text(), table.item(r, 1).text(), table.item(r, 4).text()) for r in range(4)]
    assert shown == [(str(lr), str(s), f"{losses[lr, s]:.4g}") for lr in (0.03, 0.3) for s in (1, 2)]
    for i, lr in enumerate((0.03, 0.3)):
        cell = [losses[lr, 1], losses[lr, 2]]
        assert sweeps.heat_map.cell_text(i, 0).startswith(f"{statistics.mean(cell):.3g}\n± {statistics.stdev(cell):.3g}")
    best = min((0.03, 0.3), key=lambda lr: losses[lr, 1] + losses[lr, 2])
    assert sweeps.heat_map.best_cell == ((0.03, 0.3).index(best), 0)
    # the curves of the first seed's runs: each iteration's batch loss, as the trainer recorded it
    for lr in (0.03, 0.3):
        x, y = sweeps.curves.curve_data(f"learning_rate={lr}, seed 1")["batch"]
        history = trainers[lr, 1].history
        assert np.array_equal(x, history.x) and np.array_equal(y, history.column("train_loss"))


def test_selecting_a_run_draws_it_and_loads_it_into_the_main_window(qtbot, sweeps, tmp_path):
    fill(qtbot, sweeps.form, "0.03,0.3", "1,2", tmp_path / "s")
    run_to_the_end(qtbot, sweeps)
    sweeps.tabs.setCurrentIndex(1)
    rect = sweeps.table.visualItemRect(sweeps.table.item(3, 0))
    qtbot.mouseClick(sweeps.table.viewport(), LEFT, pos=rect.center())
    assert [(r.values, r.seed) for r in sweeps.selected_rows()] == [((0.3,), 2)]
    assert [run[0] for run in sweeps.curves.runs] == ["learning_rate=0.3, seed 2"]
    click(qtbot, sweeps.load_button)
    main = sweeps.model.experiment
    assert (main.optimizer.learning_rate, main.seed, main.training.epochs) == (0.3, 2, 2)
    assert sweeps.status.text() == "The main window now trains learning_rate=0.3, seed 2."


def test_stop_keeps_every_finished_row(qtbot, sweeps, tmp_path):
    fill(qtbot, sweeps.form, "0.01,0.02,0.03,0.04,0.05,0.06", "1,2", tmp_path / "s", epochs=400)
    click(qtbot, sweeps.start_button)
    qtbot.waitUntil(lambda: sweeps.folder is not None and len(sweeps.folder.rows) >= 1, timeout=SWEEP_TIMEOUT_MS)
    click(qtbot, sweeps.stop_button)
    qtbot.waitUntil(lambda: not sweeps.runner.running, timeout=TIMEOUT_MS)
    done = len(sweeps.folder.rows)
    assert 1 <= done < 12 and sweeps.table.rowCount() == done
    assert sweeps.status.text() == f"Stopped: {done} of 12 runs finished; their rows are in {tmp_path / 's' / 'sweep.csv'}"
    lines = (tmp_path / "s" / "sweep.csv").read_text().splitlines()
    assert len(lines) == 1 + done
    assert sweeps.start_button.isEnabled() and sweeps.form.isEnabled()


def test_a_saved_sweep_opens_again_and_a_damaged_one_says_why(qtbot, sweeps, tmp_path):
    fill(qtbot, sweeps.form, "0.03,0.3", "1", tmp_path / "s")
    run_to_the_end(qtbot, sweeps)
    texts = [sweeps.heat_map.cell_text(i, 0) for i in range(2)]
    assert sweeps.open_folder(tmp_path / "s")
    assert [sweeps.heat_map.cell_text(i, 0) for i in range(2)] == texts and sweeps.table.rowCount() == 2
    (tmp_path / "s" / "sweep.json").write_text("{")
    assert not sweeps.open_folder(tmp_path / "s")
    assert sweeps.status.text().startswith("Cannot open the sweep: sweep.json: JSONDecodeError")
    assert sweeps.table.rowCount() == 2  # the sweep on show stays


def test_a_sweep_that_fails_says_why_in_one_line(qtbot, sweeps, tmp_path):
    fill(qtbot, sweeps.form, "0.1", "1", tmp_path / "s")
    sweeps.form.scheduler.setText("tcp://127.0.0.1:9")  # nothing listens on the discard port
    run_to_the_end(qtbot, sweeps)
    assert sweeps.status.text().startswith("The sweep failed: nnplayground: ")
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in sweeps.status.text()


def sweep_processes(tmp_path) -> list[int]:
    """The live processes whose command line names the sweep's folder under ``tmp_path``."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            alive = (cmdline.parent / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
            if alive and str(tmp_path / "s").encode() in cmdline.read_bytes():
                found.append(int(cmdline.parent.name))
        except OSError:  # ended while we looked
            continue
    return found


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="the sweep's processes are found through /proc")
def test_shutdown_while_a_sweep_runs_leaves_no_process(qtbot, sweeps, tmp_path):
    fill(qtbot, sweeps.form, "0.01,0.02", "1,2,3", tmp_path / "s", epochs=2000, workers=2)
    click(qtbot, sweeps.start_button)
    process = sweeps.runner.child.process
    qtbot.waitUntil(lambda: (tmp_path / "s" / "sweep.csv").exists(), timeout=SWEEP_TIMEOUT_MS)
    qtbot.waitUntil(lambda: len(sweep_processes(tmp_path)) >= 3, timeout=SWEEP_TIMEOUT_MS)  # the command, 2 workers
    sweeps.shutdown()
    assert not sweeps.runner.running and process.state() == process.ProcessState.NotRunning
    assert sweep_processes(tmp_path) == []  # the pool's workers ended with the command
    assert (tmp_path / "s" / "sweep.csv").read_text().splitlines()[0].startswith("optimizer.learning_rate,seed,")


def test_an_experiment_that_trains_until_paused_is_swept_for_a_number_of_epochs(qtbot, make_window):
    exp = tiny_circle()
    window = make_window(exp.replace(training=dataclasses.replace(exp.training, epochs=None)))
    lab = window.open_sweeps()
    assert lab.form.epochs.value() == 50 and lab.form.base().training.epochs == 50
    assert lab.form.summary.text() == "9 runs: 3 values × 3 seeds"
    lab.form.source.setCurrentIndex(lab.form.source.findData("batch-modes"))  # it trains 40 epochs of its own
    assert lab.form.epochs.value() == 0 and lab.form.base().training.epochs == 40
    lab.form.source.setCurrentIndex(lab.form.source.findData(""))  # back to the main window's: offered again
    assert lab.form.epochs.value() == 50
    lab.form.epochs.setValue(7)  # a number of the user's own stays, whatever the source
    lab.form.source.setCurrentIndex(lab.form.source.findData("batch-modes"))
    assert lab.form.epochs.value() == 7 and lab.form.base().training.epochs == 7
    lab.form.source.setCurrentIndex(lab.form.source.findData(""))
    lab.form.epochs.setValue(0)  # "as the experiment": it never ends
    assert lab.form.summary.text() == "Cannot sweep: Circle trains until paused: set the epochs every run trains"
    assert not lab.start_button.isEnabled()
    lab.shutdown()


def test_a_folder_that_cannot_be_written_is_named_and_nothing_starts(qtbot, sweeps, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    fill(qtbot, sweeps.form, "0.1", "1", blocker / "sweep")  # a folder inside a file
    click(qtbot, sweeps.start_button)
    assert not sweeps.runner.running and sweeps.start_button.isEnabled()
    assert sweeps.status.text().startswith("Cannot write the sweep's folder: ")
    assert str(blocker) in sweeps.status.text() and sweeps.statusBar().currentMessage() == sweeps.status.text()
    assert blocker.read_text() == "not a folder"


def test_sweeps_started_within_a_second_get_folders_of_their_own(qtbot, sweeps, monkeypatch, tmp_path):
    from nnplayground.app.sweep import sweep_window
    monkeypatch.setattr(sweep_window, "sweeps_folder", lambda: tmp_path / "sweeps")
    monkeypatch.setattr(sweep_window.time, "strftime", lambda _format: "20261203-120000")
    first = sweep_window.default_folder("Circle")
    first.mkdir(parents=True)
    second = sweep_window.default_folder("Circle")
    second.mkdir()
    assert [first.name, second.name, sweep_window.default_folder("Circle").name] == [
        "20261203-120000-circle", "20261203-120000-circle-2", "20261203-120000-circle-3"]


def test_stop_at_once_says_no_run_finished(qtbot, sweeps, tmp_path):
    fill(qtbot, sweeps.form, "0.1,0.3", "1", tmp_path / "s", epochs=20000)
    click(qtbot, sweeps.start_button)
    click(qtbot, sweeps.stop_button)
    qtbot.waitUntil(lambda: not sweeps.runner.running, timeout=TIMEOUT_MS)
    assert sweeps.status.text() == "Stopped before any run finished."
    assert sweeps.start_button.isEnabled()


def test_the_form_follows_the_main_windows_experiment(qtbot, sweeps):
    form, model = sweeps.form, sweeps.model
    assert form.summary.text() == "9 runs: 3 values × 3 seeds"
    exp = model.experiment
    model.propose(exp.replace(training=dataclasses.replace(exp.training, epochs=None)))  # now it never ends
    assert form.epochs.value() == 50 and form.summary.text() == "9 runs: 3 values × 3 seeds"
    model.update("optimizer", learning_rate=3.0)
    assert form.values[0].text() == "0.033,0.1,0.3"  # values typed or suggested stay as they are
