"""The command line, run as a user would: ``python -m nnplayground ...`` in a scratch folder."""
import csv
import io
import json
import math
import os
import subprocess
import sys
import textwrap

import pytest

from nnplayground import __version__, cli
from nnplayground.core.metrics import duration
from nnplayground.core import Experiment
from nnplayground.core.presets import load_preset

REQUIRED_PRESETS = ("circle", "xor", "gaussian", "spiral", "blobs",
                    "regression-plane", "regression-sine", "outliers-regression")
HEADER_2_HIDDEN = (
    "iteration,epoch,batch,samples_seen,train_loss,test_loss,accuracy,"
    "grad_norm_1,grad_norm_2,grad_norm_3,weight_norm_1,weight_norm_2,weight_norm_3,"
    "update_ratio_1,update_ratio_2,update_ratio_3"
)


def nnp(*args, cwd):
    return subprocess.run([sys.executable, "-m", "nnplayground", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def circle_batches_per_epoch():
    exp = load_preset("circle")
    assert len(exp.network.hidden) == 2  # HEADER_2_HIDDEN depends on it
    return math.ceil(exp.train_samples / exp.training.batch_size)


def test_run_preset_writes_metrics_and_summary(tmp_path):
    result = nnp("run", "--preset", "circle", "--epochs", 3, "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no progress bar: stderr is not a terminal

    per_epoch = circle_batches_per_epoch()
    text = (tmp_path / "out" / "metrics.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == HEADER_2_HIDDEN
    rows = read_rows(tmp_path / "out" / "metrics.csv")
    assert [int(r["iteration"]) for r in rows] == list(range(1, 3 * per_epoch + 1))
    assert {int(r["epoch"]) for r in rows} == {1, 2, 3}
    evaluated = [int(r["iteration"]) for r in rows if r["accuracy"] != ""]
    assert evaluated == [per_epoch, 2 * per_epoch, 3 * per_epoch]  # epoch ends only
    assert all((r["test_loss"] == "") == (r["accuracy"] == "") for r in rows)
    assert all(math.isfinite(float(r[k])) for r in rows for k in HEADER_2_HIDDEN.split(",")
               if r[k] != "")
    assert not list((tmp_path / "out").glob(".*"))  # no temporary files left behind

    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["status"] == "completed"
    assert summary["iterations"] == 3 * per_epoch
    assert summary["epochs"] == 3
    assert summary["divergence"] is None
    assert summary["wall_seconds"] >= 0
    assert "r2" not in summary and "train_r2" not in summary
    for key in ("train_loss", "test_loss", "accuracy", "train_accuracy"):
        assert isinstance(summary[key], float) and math.isfinite(summary[key])
    assert 0.0 <= summary["accuracy"] <= 1.0
    # The summary reports the final evaluation, which is also the last CSV row.
    assert summary["test_loss"] == float(rows[-1]["test_loss"])
    assert summary["accuracy"] == float(rows[-1]["accuracy"])
    assert summary["experiment"]["training"]["epochs"] == 3
    assert summary["experiment"]["data"]["dataset"] == "circle"


def test_regression_run_has_r2_column(tmp_path):
    result = nnp("run", "--preset", "regression-sine", "--epochs", 1, "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    header = (tmp_path / "out" / "metrics.csv").read_text().splitlines()[0].split(",")
    assert header[:7] == ["iteration", "epoch", "batch", "samples_seen", "train_loss", "test_loss", "r2"]
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert {"r2", "train_r2"} <= set(summary) and "accuracy" not in summary


def test_log_every_keeps_evaluations_and_the_last_iteration(tmp_path):
    per_epoch = circle_batches_per_epoch()
    k = 7
    result = nnp("run", "--preset", "circle", "--epochs", 2, "--log-every", k, "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    logged = [int(r["iteration"]) for r in read_rows(tmp_path / "out" / "metrics.csv")]
    total = 2 * per_epoch
    expected = sorted({i for i in range(1, total + 1) if i % k == 0} | {per_epoch, total})
    assert logged == expected


def test_default_output_folder_is_under_runs(tmp_path):
    result = nnp("run", "--preset", "gaussian", "--epochs", 1, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (folder,) = (tmp_path / "runs").iterdir()
    assert folder.name.startswith("gaussian-")
    assert (folder / "metrics.csv").is_file() and (folder / "summary.json").is_file()


def test_run_from_an_experiment_file(tmp_path):
    load_preset("xor").save(tmp_path / "mine.json")
    result = nnp("run", "mine.json", "--epochs", 1, "--seed", 5, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (folder,) = (tmp_path / "runs").iterdir()
    assert folder.name.startswith("mine-")
    assert json.loads((folder / "summary.json").read_text())["experiment"]["seed"] == 5


def test_same_seed_gives_identical_metrics_and_another_seed_differs(tmp_path):
    def metrics(seed, out):
        result = nnp("run", "--preset", "circle", "--epochs", 2, "--seed", seed, "--out", out, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        return (tmp_path / out / "metrics.csv").read_bytes()

    first = metrics(7, "a")
    assert metrics(7, "b") == first
    assert metrics(8, "c") != first


def write(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return name


BAD_INPUTS = {
    "malformed JSON": lambda p: ["run", write(p, "bad.json", '{"name": "x",')],
    "unknown key": lambda p: ["run", write(p, "unknown.json", '{"name": "x", "learning_rate": 0.1}')],
    "negative layer size": lambda p: ["run", write(p, "neg.json", '{"network": {"hidden": [{"units": -3}]}}')],
    "not an object": lambda p: ["run", write(p, "list.json", "[1, 2]")],
    "nested too deeply": lambda p: ["run", write(p, "deep.json", "[" * 10_000 + "]" * 10_000)],
    "5000-digit number": lambda p: ["run", write(p, "digits.json", '{"seed": ' + "9" * 5000 + "}")],
    "huge number": lambda p: ["run", write(p, "huge.json", '{"optimizer": {"learning_rate": 1' + "0" * 400 + "}}")],
    "missing file": lambda p: ["run", "does-not-exist.json"],
    "unknown preset": lambda p: ["run", "--preset", "no-such-preset"],
    "zero epochs": lambda p: ["run", "--preset", "circle", "--epochs", "0"],
    "non-numeric epochs": lambda p: ["run", "--preset", "circle", "--epochs", "lots"],
    "negative seed": lambda p: ["run", "--preset", "circle", "--seed", "-1"],
    "file and preset": lambda p: ["run", "x.json", "--preset", "circle"],
    "neither file nor preset": lambda p: ["run"],
    "unknown command": lambda p: ["train"],
    "until paused": lambda p: ["run", write(p, "forever.json", '{"training": {"epochs": null}}')],
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_exits_2_with_one_line(tmp_path, case):
    result = nnp(*BAD_INPUTS[case](tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("nnplayground: error: "), result.stderr
    assert not (tmp_path / "runs").exists()  # nothing is written for a run that never started


def test_error_messages_name_the_problem(tmp_path):
    neg = nnp(*BAD_INPUTS["negative layer size"](tmp_path), cwd=tmp_path)
    assert "units" in neg.stderr
    unknown = nnp(*BAD_INPUTS["unknown key"](tmp_path), cwd=tmp_path)
    assert "learning_rate" in unknown.stderr
    preset = nnp(*BAD_INPUTS["unknown preset"](tmp_path), cwd=tmp_path)
    assert "no-such-preset" in preset.stderr and "circle" in preset.stderr
    deep = nnp(*BAD_INPUTS["nested too deeply"](tmp_path), cwd=tmp_path)
    assert "deep.json" in deep.stderr and "nested too deeply" in deep.stderr
    digits = nnp(*BAD_INPUTS["5000-digit number"](tmp_path), cwd=tmp_path)
    assert "digits.json" in digits.stderr and "5000 digits" in digits.stderr
    huge = nnp(*BAD_INPUTS["huge number"](tmp_path), cwd=tmp_path)
    assert "optimizer.learning_rate" in huge.stderr and "400 digits" in huge.stderr
    forever = nnp(*BAD_INPUTS["until paused"](tmp_path), cwd=tmp_path)
    assert "forever.json trains until paused" in forever.stderr and "--epochs N" in forever.stderr


def test_an_experiment_that_trains_until_paused_runs_headless_for_the_epochs_given(tmp_path):
    write(tmp_path, "forever.json", '{"training": {"batch_size": 50, "epochs": null}}')
    result = nnp("run", "forever.json", "--epochs", 2, "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    per_epoch = math.ceil(Experiment().train_samples / 50)  # the defaults fill in the rest
    assert summary["status"] == "completed" and summary["epochs"] == 2 and summary["iterations"] == 2 * per_epoch


def test_exploding_deep_net_diverges_with_exit_3(tmp_path):
    experiment = {
        "name": "too hot",
        "data": {"dataset": "circle"},
        "network": {"task": "binary", "hidden": [{"units": 8, "activation": "linear"}] * 10},
        "optimizer": {"name": "sgd", "learning_rate": 100},
        "training": {"epochs": 5},
    }
    (tmp_path / "hot.json").write_text(json.dumps(experiment))
    result = nnp("run", "hot.json", "--out", "out", cwd=tmp_path)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["status"] == "diverged"
    div = summary["divergence"]
    assert set(div) == {"iteration", "layer", "where", "message"}
    assert 1 <= div["layer"] <= 11 and div["iteration"] == summary["iterations"]
    assert f"iteration {div['iteration']}" in line and f"layer {div['layer']}" in line
    rows = read_rows(tmp_path / "out" / "metrics.csv")
    assert int(rows[-1]["iteration"]) == div["iteration"]  # the diverging step is logged


def test_presets_lists_every_required_preset(tmp_path):
    result = nnp("presets", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert set(REQUIRED_PRESETS) <= set(names)
    assert names == sorted(names)
    assert all(len(line.split(None, 1)) == 2 for line in result.stdout.splitlines())  # each has a description


def test_version(tmp_path):
    result = nnp("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"nnplayground {__version__}"


def test_run_never_imports_qt(tmp_path):
    script = textwrap.dedent("""
        import runpy, sys
        sys.argv = ["nnplayground", "run", "--preset", "circle", "--epochs", "1", "--out", "out"]
        try:
            runpy.run_module("nnplayground", run_name="__main__", alter_sys=True)
        except SystemExit as e:
            code = e.code
        else:
            code = "no exit"
        qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6"))
        print(code, qt)
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 []"


def test_screenshot_needs_the_smoke_test(tmp_path):
    result = nnp("--screenshot", "shot.png", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "nnplayground: error: --screenshot needs --smoke-test"


def test_smoke_test_trains_in_the_window_and_saves_a_screenshot(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "nnplayground", "--smoke-test", "--screenshot", "shot.png"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("smoke test: ok")
    assert (tmp_path / "shot.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "QThread" not in result.stderr  # e.g. "QThread: Destroyed while thread is still running"


class FakeTerminal(io.StringIO):
    def __init__(self, tty):
        super().__init__()
        self.tty = tty

    def isatty(self):
        return self.tty


def _records(n):
    from nnplayground.core.trainer import Trainer
    trainer = Trainer(load_preset("circle"))
    return trainer, [trainer.step() for _ in range(n)]


def test_progress_bar_draws_on_a_terminal_at_most_every_tenth_of_a_second(monkeypatch):
    trainer, records = _records(30)
    clock = iter([0.0] * 20 + [0.05] * 5 + [0.2] * 100)
    monkeypatch.setattr(cli.time, "monotonic", lambda: next(clock))
    term = FakeTerminal(tty=True)
    bar = cli.Progress(trainer.total_iterations, trainer.schedule.batches_per_epoch, 40, stream=term)
    for r in records[:-1]:
        bar.update(r)
    bar.update(records[-1], force=True)
    bar.close()
    out = term.getvalue()
    assert out.count("\r") == 3  # t=0, t=0.2 and the forced final draw
    assert out.endswith("\n")
    assert "1/40 epochs" in out and "loss " in out and "iteration 30/1,000" in out


def test_progress_bar_is_silent_when_not_a_terminal():
    trainer, records = _records(3)
    term = FakeTerminal(tty=False)
    bar = cli.Progress(trainer.total_iterations, trainer.schedule.batches_per_epoch, 40, stream=term)
    for r in records:
        bar.update(r, force=True)
    bar.close()
    assert term.getvalue() == ""


@pytest.mark.parametrize("preset,check", [
    ("vanishing-deep-sigmoid", lambda ratio: ratio < 1e-3),
    ("exploding-deep-gain", lambda ratio: ratio > 1e3),
    ("large-init", lambda ratio: ratio > 1),
    ("outliers-regression", lambda ratio: 0 < ratio < 100),
    ("rnn-long-sequence", lambda ratio: ratio < 1e-6),  # ||dL/dh_1|| / ||dL/dh_200||
])
def test_gradient_presets_report_the_first_over_last_gradient_ratio(tmp_path, preset, check):
    result = nnp("run", "--preset", preset, "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert check(summary["grad_norm_first_over_last"]), summary["grad_norm_first_over_last"]


def test_progress_shows_iterations_and_the_time_left_from_the_first_second(monkeypatch):
    """A budget of EPOCHS x samples can ask for years: the bar says so at once."""
    trainer, records = _records(11)
    clock = iter([0.0] + [1.0] * 10)  # ten iterations in the first second
    monkeypatch.setattr(cli.time, "monotonic", lambda: next(clock))
    term = FakeTerminal(tty=True)
    total = int(10 * 365.25 * 86400 * 10)  # at ten iterations a second: ten years
    bar = cli.Progress(total, trainer.schedule.batches_per_epoch, 10**9, stream=term)
    for r in records:
        bar.update(r, force=True)
    last = term.getvalue().split("\r")[-1]
    assert f"iteration 11/{total:,}" in last and "about 10 years left" in last


@pytest.mark.parametrize("seconds, text", [(42, "42 s"), (720, "12 min"), (12000, "3 h 20 min"),
                                           (12 * 86400, "12 days"), (3.2 * 365.25 * 86400, "3.2 years")])
def test_durations_read_as_a_person_says_them(seconds, text):
    assert duration(seconds) == text


# ----- the memory budget ----------------------------------------------------------------------

def big_experiment_file(folder, layers=64, units=4096):
    path = folder / "big.json"
    hidden = [{"units": units}] * layers
    path.write_text(json.dumps({"name": "big", "network": {"hidden": hidden}}), encoding="utf-8")
    return path


def test_over_the_memory_budget_exits_2_with_one_line_and_leaves_the_output_folder_alone(tmp_path):
    from nnplayground.core.memory import estimate, format_size

    big = big_experiment_file(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "metrics.csv").write_text("an earlier run\n", encoding="utf-8")
    result = nnp("run", big, "--out", out, "--max-memory", "1G", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    biggest = max(estimate(Experiment.load(big)).terms, key=lambda t: t.bytes)
    assert result.stderr == (f"nnplayground: error: network: 64 layers x 4096 units need ~{format_size(biggest.bytes)}, "
                             f"~{format_size(estimate(Experiment.load(big)).total)} in all; the limit is 1.0 GiB\n")
    assert sorted(p.name for p in out.iterdir()) == ["metrics.csv"]
    assert (out / "metrics.csv").read_text(encoding="utf-8") == "an earlier run\n"


def test_the_default_memory_budget_is_half_the_physical_memory(tmp_path):
    from nnplayground.core.memory import default_limit, format_size

    result = nnp("run", big_experiment_file(tmp_path, layers=512), cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("nnplayground: error: network: 512 layers x 4096 units need ~")
    assert result.stderr.endswith(f"the limit is {format_size(default_limit())}\n")
    assert not (tmp_path / "runs").exists()  # no output folder made


def test_max_memory_raises_the_budget_for_a_run_that_fits(tmp_path):
    result = nnp("run", "--preset", "circle", "--epochs", 1, "--out", "out", "--max-memory", "1.5GiB", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "summary.json").exists()
    refused = nnp("run", "--preset", "circle", "--epochs", 1, "--out", "small", "--max-memory", "1000", cwd=tmp_path)
    assert refused.returncode == 2 and refused.stderr.endswith("the limit is 1000 B\n")
    assert not (tmp_path / "small").exists()


@pytest.mark.parametrize("value", ["12X", "-1G", "0", "lots"])
def test_a_bad_max_memory_is_a_usage_error(tmp_path, value):
    result = nnp("run", "--preset", "circle", f"--max-memory={value}", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == ("nnplayground: error: argument --max-memory: must be "
                             + ("more than 0 bytes" if value == "0" else "a size such as 512M, 12G, 1.5GiB or a number of bytes")
                             + f"; got {value!r} (see `nnplayground run --help`)\n")
