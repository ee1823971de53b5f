"""`nnplayground run` when its output fails or a stop signal arrives: one line, the documented
exit code, every row already written kept, nothing half written, no traceback."""
import errno
import itertools
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from nnplayground import cli
from nnplayground.core import files
from nnplayground.core.trainer import Trainer

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX signals, /proc and resource limits")
# 400,000 samples: building the Trainer takes a while (start-up) and so does the final evaluation.
BIG = {"name": "big", "data": {"dataset": "spiral", "samples": 400_000},
       "network": {"hidden": [{"units": 48}, {"units": 48}]}, "training": {"epochs": 1000}}


def nnp(*args, cwd, limit_bytes=None):
    """``nnplayground ARGS`` in a subprocess; with ``limit_bytes``, no file it writes may grow past
    that size (RLIMIT_FSIZE), so a write fails with EFBIG as on a full disk."""
    limit = "" if limit_bytes is None else textwrap.dedent(f"""
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of the process dying
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit_bytes}, {limit_bytes}))
    """)
    script = textwrap.dedent("""
        import resource, runpy, signal, sys
        LIMIT
        sys.argv = ["nnplayground", *sys.argv[1:]]
        runpy.run_module("nnplayground", run_name="__main__", alter_sys=True)
    """).replace("LIMIT", limit)
    return subprocess.run([sys.executable, "-c", script, *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def one_error_line(stderr):
    assert "Traceback" not in stderr
    (line,) = stderr.splitlines()
    assert line.startswith("nnplayground: error: ")
    return line


def clean_run(tmp_path, *args):
    result = nnp("run", "--preset", "circle", *args, "--out", "clean", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return (tmp_path / "clean" / "metrics.csv").read_text(encoding="utf-8")


def no_temporaries(folder):
    return not [p for p in Path(folder).iterdir() if p.name.startswith(".")]


@posix_only
def test_a_metrics_file_too_large_stops_training_and_keeps_every_whole_row(tmp_path):
    clean = clean_run(tmp_path, "--epochs", 20)  # 500 rows, over 64 KiB: written in several batches
    limit = len(clean) // 3
    result = nnp("run", "--preset", "circle", "--epochs", 20, "--out", "out", cwd=tmp_path, limit_bytes=limit)
    assert result.returncode == 2 and result.stdout == ""
    line = one_error_line(result.stderr)
    prefix = "nnplayground: error: cannot write out/metrics.csv: File too large; training stopped at iteration "
    assert line.startswith(prefix)
    assert int(line[len(prefix):].split(",")[0]) < len(clean.splitlines()) - 1  # mid-run, not at the end
    kept = (tmp_path / "out" / "metrics.csv").read_text(encoding="utf-8")
    # Every whole row that fitted is kept, equal to the clean run's, and no part of the next one.
    assert kept.endswith("\n") and clean.startswith(kept)
    assert limit - len(clean.splitlines()[len(kept.splitlines())]) <= len(kept) <= limit
    last = kept.splitlines()[-1].split(",")[0]
    assert f"the rows up to iteration {last} are kept in it" in line
    assert not (tmp_path / "out" / "summary.json").exists()  # the run has no summary, not half of one
    assert no_temporaries(tmp_path / "out")


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to tell the metrics file by its descriptor")
def test_a_full_disk_stops_training_at_once_and_keeps_every_whole_row(tmp_path, monkeypatch, capsys):
    """ENOSPC from a write that got part of its bytes out: the part of a row is cut off."""
    clean = clean_run(tmp_path, "--epochs", 20)  # 500 rows, over 64 KiB
    room = len(clean) // 2
    monkeypatch.setattr(files.time, "monotonic", lambda: 0.0)  # rows go out every 64 KiB, never by time
    real_write, written = os.write, []

    def full_disk(fd, data):
        if not os.readlink(f"/proc/self/fd/{fd}").endswith("metrics.csv"):
            return real_write(fd, data)
        left = room - sum(written)
        if left <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written.append(real_write(fd, bytes(data[:left])))
        return written[-1]

    monkeypatch.setattr(os, "write", full_disk)
    steps, trainers = [], []
    real_run = Trainer.run
    monkeypatch.setattr(Trainer, "run", lambda self, on_step: trainers.append(self) or real_run(
        self, lambda r: steps.append(r) or on_step(r)))
    code = cli.main(["run", "--preset", "circle", "--epochs", "20", "--out", str(tmp_path / "out")])
    assert code == 2
    line = one_error_line(capsys.readouterr().err.replace(str(tmp_path) + "/", ""))
    kept = (tmp_path / "out" / "metrics.csv").read_text(encoding="utf-8")
    assert kept.endswith("\n") and clean.startswith(kept)
    assert room - len(clean.splitlines()[len(kept.splitlines())]) <= len(kept) <= room
    # the compiled engine had trained the rest of the epoch when the write failed: the message says where it stopped
    stopped = trainers[0].iteration
    assert len(steps) <= stopped < len(steps) + 25 and stopped % 25 == 0
    assert line == (f"nnplayground: error: cannot write out/metrics.csv: No space left on device; training stopped "
                    f"at iteration {stopped}, the rows up to iteration {kept.splitlines()[-1].split(',')[0]} are kept in it")
    # The first 64 KiB went out with the row that filled them, and no row was written after it.
    sizes = itertools.accumulate(len(line) + 1 for line in clean.splitlines())
    first_batch = next(n for n, size in enumerate(sizes) if size >= 1 << 16)  # line n is iteration n
    assert len(steps) == first_batch < len(clean.splitlines()) - 1
    assert not (tmp_path / "out" / "summary.json").exists() and no_temporaries(tmp_path / "out")


@posix_only
def test_a_summary_too_large_leaves_no_summary_and_every_row(tmp_path):
    clean = clean_run(tmp_path, "--epochs", 2, "--log-every", 1000)
    summary = (tmp_path / "clean" / "summary.json").stat().st_size
    assert len(clean) < summary  # a limit between the two lets metrics.csv through only
    result = nnp("run", "--preset", "circle", "--epochs", 2, "--log-every", 1000, "--out", "out",
                 cwd=tmp_path, limit_bytes=(len(clean) + summary) // 2)
    assert result.returncode == 2
    assert one_error_line(result.stderr) == ("nnplayground: error: cannot write out/summary.json: File too large; "
                                      "every row is in out/metrics.csv")
    assert (tmp_path / "out" / "metrics.csv").read_text(encoding="utf-8") == clean
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["metrics.csv"]


@pytest.mark.parametrize("blocked", ["metrics.csv", "summary.json"])
def test_a_folder_in_place_of_an_output_file_is_refused_before_training(tmp_path, blocked):
    (tmp_path / "out" / blocked).mkdir(parents=True)
    (tmp_path / "out" / blocked / "mine.txt").write_text("keep me")
    result = nnp("run", "--preset", "circle", "--epochs", 2, "--out", "out", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert one_error_line(result.stderr) == f"nnplayground: error: cannot write out/{blocked}: Is a directory"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [blocked]  # nothing trained, nothing written
    assert (tmp_path / "out" / blocked / "mine.txt").read_text() == "keep me"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_folder_is_refused_before_training(tmp_path):
    (tmp_path / "out").mkdir(mode=0o555)
    result = nnp("run", "--preset", "circle", "--out", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert one_error_line(result.stderr) == "nnplayground: error: cannot write out/metrics.csv: Permission denied"
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.skipif(not os.path.isdir("/sys/kernel"), reason="needs Linux's sysfs")
def test_a_folder_where_no_file_can_be_made_is_refused_before_training(tmp_path):
    """sysfs refuses new files even to root: the same path as a read-only folder, run by anyone."""
    with pytest.raises(PermissionError):
        open("/sys/kernel/metrics.csv", "x").close()
    result = nnp("run", "--preset", "circle", "--out", "/sys/kernel", cwd=tmp_path)
    assert result.returncode == 2
    assert one_error_line(result.stderr) == "nnplayground: error: cannot write /sys/kernel/metrics.csv: Permission denied"


def test_a_file_in_place_of_the_output_folder_is_refused(tmp_path):
    (tmp_path / "out").write_text("not a folder")
    result = nnp("run", "--preset", "circle", "--out", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert "cannot create the output folder out" in one_error_line(result.stderr)
    assert (tmp_path / "out").read_text() == "not a folder"


@posix_only
@pytest.mark.parametrize("engine, logged", [("numpy", [5, 10, 12]), ("compiled", [5, 10, 15, 20, 25])])
@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_stop_signal_between_a_step_and_its_logging_still_logs_that_step(tmp_path, monkeypatch, capsys, signame,
                                                                          engine, logged):
    """The signal lands right after iteration 12 trained, before its row is written. The NumPy
    engine stops there; the compiled one has trained its slice, the epoch to iteration 25."""
    signum = getattr(signal, signame)
    real_run = Trainer.run

    def run(self, on_step):
        def signal_then_log(record):
            if record.iteration == 12:
                os.kill(os.getpid(), signum)
            return on_step(record)
        return real_run(self, signal_then_log)

    monkeypatch.setattr(Trainer, "run", run)
    handler = signal.getsignal(signum)
    code = cli.main(["run", "--preset", "circle", "--log-every", "5", "--engine", engine, "--out", str(tmp_path / "out")])
    assert code == 128 + signum and signal.getsignal(signum) == handler  # the caller's handler is back
    captured = capsys.readouterr()
    epochs = logged[-1] // 25  # 25 iterations per epoch
    assert captured.err == "" and captured.out.startswith(f"interrupted: {epochs} epochs, {logged[-1]} iterations")
    lines = (tmp_path / "out" / "metrics.csv").read_text().splitlines()
    assert [int(row.split(",")[0]) for row in lines[1:]] == logged
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["status"] == "interrupted" and summary["iterations"] == logged[-1] and summary["accuracy"] is not None


def start(tmp_path, *args):
    (tmp_path / "big.json").write_text(json.dumps(BIG))
    return subprocess.Popen([sys.executable, "-m", "nnplayground", "run", *map(str, args)], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(condition, what):
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.005)


def rows_of(path):
    try:
        return path.read_text(encoding="utf-8").splitlines()[1:]
    except FileNotFoundError:
        return []


@posix_only
@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_stop_signal_while_training_ends_metrics_at_the_summarys_iteration(tmp_path, signame):
    out = tmp_path / "run"
    process = start(tmp_path, "--preset", "circle", "--epochs", 1_000_000, "--out", out)
    wait_for(lambda: rows_of(out / "metrics.csv"), "the first rows")  # written at least a second apart
    process.send_signal(getattr(signal, signame))
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + getattr(signal, signame)
    assert stderr == "" and stdout.startswith("interrupted: ")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    rows = rows_of(out / "metrics.csv")
    assert summary["status"] == "interrupted" and len(rows) > 1
    assert int(rows[-1].split(",")[0]) == summary["iterations"]
    assert no_temporaries(out)


def loaded(pid, library):
    """True once process ``pid`` has mapped a shared library whose name contains ``library``."""
    with open(f"/proc/{pid}/maps") as maps:
        return library in maps.read()


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc to see what the process has loaded")
def test_ctrl_c_while_the_trainer_is_built_says_so_in_one_line(tmp_path):
    process = start(tmp_path, "big.json", "--out", "out")
    wait_for(lambda: loaded(process.pid, "_multiarray_umath"), "NumPy to load")  # then the experiment loads and the Trainer builds
    assert not (tmp_path / "out").exists()  # training has not started
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and stdout == ""
    assert stderr == "nnplayground: interrupted before training started; nothing was written\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.json"]


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc to see what the process has loaded")
def test_ctrl_c_at_any_moment_of_start_up_never_prints_a_traceback(tmp_path):
    """From the loading of the command line (the interpreter's own start-up is Python's) to the
    first rows, at moments 40 ms apart: one line, exit 130."""
    for n, delay in enumerate(0.04 * k for k in range(12)):
        folder = tmp_path / str(n)
        folder.mkdir()
        # far more epochs than train before the signal, even when a busy machine delays the signal by seconds
        process = start(folder, "--preset", "circle", "--epochs", 100_000, "--out", "out")
        wait_for(lambda: loaded(process.pid, "_json."), "the command line to load")  # cli.py imports json
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
        assert "Traceback" not in stderr and len(stderr.splitlines()) <= 1, stderr
        assert process.returncode == 130, (stdout[-300:], stderr)
        started = (folder / "out").exists()
        if started:  # the run began: a whole one, stopped where metrics.csv ends
            summary = json.loads((folder / "out" / "summary.json").read_text(encoding="utf-8"))
            assert summary["iterations"] == int(rows_of(folder / "out" / "metrics.csv")[-1].split(",")[0])
            assert no_temporaries(folder / "out") and stdout.startswith("interrupted: ")
        else:
            assert stdout == "" and sorted(p.name for p in folder.iterdir()) == ["big.json"]


def metrics_open(pid):
    fds = Path(f"/proc/{pid}/fd")
    return any(os.readlink(fd).endswith("metrics.csv") for fd in fds.iterdir() if fd.exists())


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to see which files the process has open")
def test_a_second_ctrl_c_during_the_final_evaluation_ends_the_run_in_one_line(tmp_path):
    out = tmp_path / "out"
    process = start(tmp_path, "big.json", "--out", "out")
    wait_for(lambda: rows_of(out / "metrics.csv"), "the first rows")
    process.send_signal(signal.SIGINT)  # training stops, metrics.csv is closed, the evaluation begins
    wait_for(lambda: not metrics_open(process.pid), "metrics.csv to be closed")
    time.sleep(0.1)  # well inside the evaluation of 400,000 samples, which takes over a second
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and stdout == ""
    assert stderr == "nnplayground: interrupted before out/summary.json was written; every row is in out/metrics.csv\n"
    assert sorted(p.name for p in out.iterdir()) == ["metrics.csv"]
    rows = rows_of(out / "metrics.csv")
    assert [int(r.split(",")[0]) for r in rows] == list(range(1, len(rows) + 1))
