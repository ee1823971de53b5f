"""``nnplayground sweep`` as a user runs it: sweep.csv's rows, each run's metrics.csv, bad input,
the executors through the command line, and Ctrl-C keeping the finished rows."""
import csv
import io
import dataclasses
import signal
import subprocess
import sys
import time

import pytest

from nnplayground import cli
from nnplayground.sweep_cli import SweepProgress
from nnplayground.core.parallel import make_trainer
from nnplayground.core.presets import load_preset
from nnplayground.core.sweep import build_settings, expand, run_point
from nnplayground.core.sweep_results import read_folder

GRID = ["--set", "optimizer.learning_rate=0.01,0.3", "--set", "training.batch_size=10,25", "--seeds", "1,2"]


def tiny_file(tmp_path, epochs=2):
    """A small circle experiment written to a file: every run trains in milliseconds."""
    exp = load_preset("circle")
    exp = exp.replace(data=dataclasses.replace(exp.data, samples=80),
                      training=dataclasses.replace(exp.training, epochs=epochs))
    path = tmp_path / "tiny.json"
    exp.save(path)
    return exp, path


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def without_wall_time(rows):
    return [{k: v for k, v in row.items() if k != "wall_seconds"} for row in rows]


def test_sweep_writes_one_row_per_run_equal_to_a_trainer_run(tmp_path, capsys):
    exp, path = tiny_file(tmp_path)
    out = tmp_path / "out"
    assert cli.main(["sweep", str(path), *GRID, "--workers", "1", "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"8 runs (0 diverged); wrote {out / 'sweep.csv'}\n"
    rows = read_rows(out / "sweep.csv")
    assert list(rows[0]) == ["optimizer.learning_rate", "training.batch_size", "seed", "status", "train_loss",
                             "test_loss", "accuracy", "iterations", "epochs", "wall_seconds", "folder"]
    expected = [(lr, b, s) for lr in ("0.01", "0.3") for b in ("10", "25") for s in ("1", "2")]
    assert [(r["optimizer.learning_rate"], r["training.batch_size"], r["seed"]) for r in rows] == expected
    for row in rows:
        direct = exp.replace(seed=int(row["seed"]),
                             optimizer=dataclasses.replace(exp.optimizer, learning_rate=float(row["optimizer.learning_rate"])),
                             training=dataclasses.replace(exp.training, batch_size=int(row["training.batch_size"])))
        trainer = make_trainer(direct)
        assert row["status"] == trainer.run()
        evaluation = trainer.evaluate()
        assert float(row["test_loss"]) == evaluation.test_loss
        assert float(row["train_loss"]) == evaluation.train_loss
        assert float(row["accuracy"]) == evaluation.test_metric
        assert (int(row["iterations"]), int(row["epochs"])) == (trainer.iteration, 2)
        metrics = read_rows(out / row["folder"] / "metrics.csv")
        assert [int(m["iteration"]) for m in metrics] == list(range(1, trainer.iteration + 1))
        assert float(metrics[-1]["train_loss"]) == trainer.history.column("train_loss")[-1]
    assert len({r["test_loss"] for r in rows}) == len(rows)
    folder = read_folder(out)  # what the window reads back: the plan, and every row in its grid cell
    assert [s.path for s in folder.plan.settings] == ["optimizer.learning_rate", "training.batch_size"]
    assert folder.plan.seeds == (1, 2) and folder.plan.experiment == exp.to_dict()
    assert [(r.values, r.seed, r.test_loss) for r in folder.rows] == [
        ((float(r["optimizer.learning_rate"]), int(r["training.batch_size"])), int(r["seed"]), float(r["test_loss"]))
        for r in rows]


def test_the_seed_defaults_to_the_experiments(tmp_path):
    exp, path = tiny_file(tmp_path)
    exp.replace(seed=7).save(path)
    assert cli.main(["sweep", str(path), "--set", "optimizer.l2=0,0.01", "--workers", "1",
                     "--out", str(tmp_path / "out")]) == 0
    assert [r["seed"] for r in read_rows(tmp_path / "out" / "sweep.csv")] == ["7", "7"]


@pytest.mark.parametrize("args, message", [
    (["--set", "optimizer.learning_rate=0.1,-2"], "optimizer.learning_rate: must be in"),
    (["--set", "optimizer.learning_rate"], "write it as section.field=value1,value2"),
    (["--set", "training.epochs=1", "--seeds", "1,one"], "--seeds: 'one' is not a whole number"),
    (["--set", "optimizer.nme=sgd"], "optimizer.nme: unknown setting"),
    (["--set", "optimizer.l1=0", "--workers", "0"], "--workers: must be at least 1"),
])
def test_bad_input_is_one_line_and_writes_nothing(tmp_path, capsys, args, message):
    _, path = tiny_file(tmp_path)
    assert cli.main(["sweep", str(path), *args, "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_scheduler_without_dask_names_the_extra(tmp_path, capsys, monkeypatch):
    _, path = tiny_file(tmp_path)
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` now fails as if not installed
    code = cli.main(["sweep", str(path), "--set", "optimizer.l1=0", "--scheduler", "tcp://127.0.0.1:8786",
                     "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and "pip install nnplayground[cluster]" in err and err.count("\n") == 1


def test_an_unreachable_scheduler_is_one_line_and_writes_nothing(tmp_path, capsys, monkeypatch):
    import socket

    from nnplayground.core import executors

    _, path = tiny_file(tmp_path)
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{s.getsockname()[1]}"
    monkeypatch.setattr(executors, "CONNECT_SECONDS", 1)
    code = cli.main(["sweep", str(path), "--set", "optimizer.l1=0", "--scheduler", address,
                     "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and f"cannot reach the Dask scheduler at {address}" in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_serial_pool_and_dask_write_identical_rows(tmp_path):
    from dask.distributed import LocalCluster

    _, path = tiny_file(tmp_path)
    sweeps = {"serial": ["--workers", "1"], "pool": ["--workers", "2"]}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        sweeps["dask"] = ["--scheduler", cluster.scheduler_address]
        for name, option in sweeps.items():
            assert cli.main(["sweep", str(path), *GRID, *option, "--out", str(tmp_path / name)]) == 0
    serial, pool, dask = (without_wall_time(read_rows(tmp_path / name / "sweep.csv")) for name in sweeps)
    assert len(serial) == 8 and serial == pool == dask
    for row in serial:
        texts = {(tmp_path / name / row["folder"] / "metrics.csv").read_text() for name in sweeps}
        assert len(texts) == 1


def wait_for(condition, what, seconds=60):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_keeps_every_finished_row(tmp_path, workers):
    _, path = tiny_file(tmp_path, epochs=300)  # a fraction of a second a run
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "nnplayground", "sweep", str(path),
                                "--set", "optimizer.learning_rate=0.01,0.03,0.1,0.3", "--set", "optimizer.l2=0,0.001",
                                "--seeds", "1,2", "--workers", workers, "--out", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sweep_csv = out / "sweep.csv"
    wait_for(lambda: sweep_csv.exists() and len(sweep_csv.read_text().splitlines()) >= 2, "the first row")
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and stdout == ""
    rows = read_rows(sweep_csv)
    assert 1 <= len(rows) < 16
    assert stderr == f"nnplayground: interrupted: {len(rows)} of 16 runs finished, their rows are in {sweep_csv}\n"
    indices = [int(r["folder"].split("/")[1].split("-")[0]) for r in rows]
    assert indices == sorted(indices)  # in grid order
    for row in rows:
        assert row["status"] == "completed" and float(row["test_loss"]) > 0
        assert len(read_rows(out / row["folder"] / "metrics.csv")) == int(row["iterations"])
    assert sorted(p.name for p in (out / "runs").iterdir()) == sorted(r["folder"].split("/")[1] for r in rows)


def test_a_sweep_too_big_for_memory_is_refused_before_training(tmp_path, capsys):
    exp, path = tiny_file(tmp_path)
    hidden = tuple(dataclasses.replace(exp.network.hidden[0], units=4096) for _ in range(500))
    exp.replace(network=dataclasses.replace(exp.network, hidden=hidden)).save(path)  # ~hundreds of GiB
    code = cli.main(["sweep", str(path), "--set", "optimizer.l1=0,0.1", "--workers", "2",
                     "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and "the limit is" in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists()


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_the_progress_line_is_drawn_on_a_terminal_only(tmp_path):
    exp, _ = tiny_file(tmp_path)
    points = expand(exp, build_settings(exp, ["optimizer.l1=0"]), (1,))
    row = run_point(points[0]).row
    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = SweepProgress(4, stream=stream)
        progress.update(1, row)
        progress.close()
    assert pipe.getvalue() == ""
    text = terminal.getvalue()
    assert text.startswith("\r[") and text.endswith("\n")
    assert f"1/4 runs  last: run 0 completed, test loss {row.test_loss:.4g}" in text


@pytest.mark.parametrize("workers, scheduler, expected", [
    (None, None, "1"), (2, None, "1"), (1, None, None), (None, "tcp://host:8786", None)])
def test_a_pool_worker_does_its_linear_algebra_on_one_thread(workers, scheduler, expected):
    from nnplayground.sweep_cli import BLAS_THREADS, one_blas_thread_per_worker
    environ = {}
    one_blas_thread_per_worker(workers, scheduler, environ)
    assert [environ.get(name) for name in BLAS_THREADS] == [expected] * len(BLAS_THREADS)
    environ = {"OPENBLAS_NUM_THREADS": "2"}  # the person's own count stays
    one_blas_thread_per_worker(workers, scheduler, environ)
    assert environ["OPENBLAS_NUM_THREADS"] == "2"
