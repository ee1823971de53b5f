"""Atomic writes: the new text replaces the old in one rename, and nothing is left beside it."""
import os
import subprocess
import sys

import pytest

from nnplayground.core import files
from nnplayground.core.files import LineFile, temporary_sibling, write_atomic


def test_write_atomic_replaces_the_old_text_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("old\n", encoding="utf-8")
    write_atomic(path, "new\r\nline\n")
    assert path.read_bytes() == b"new\r\nline\n"  # newline="": written exactly as given
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_the_temporary_is_a_hidden_sibling_and_is_removed_when_the_rename_fails(tmp_path, monkeypatch):
    path = tmp_path / "out.csv"
    tmp = temporary_sibling(path)
    assert tmp.parent == path.parent and tmp.name.startswith(".out.csv.") and tmp != path

    def broken_replace(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(path, "text")
    assert list(tmp_path.iterdir()) == []


def test_an_error_names_the_file_asked_for_not_the_temporary(tmp_path):
    path = tmp_path / "no-such-folder" / "experiment.json"
    with pytest.raises(FileNotFoundError) as error:
        write_atomic(path, "text")
    assert error.value.filename == str(path) and ".tmp" not in str(error.value)


def test_temporaries_of_killed_writers_are_removed_and_a_live_writers_kept(tmp_path):
    path = tmp_path / "experiment.json"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # its pid now names no process
    orphan = path.with_name(f".{path.name}.{dead.pid}.tmp")
    live = path.with_name(f".{path.name}.{os.getppid()}.tmp")  # a writer that still runs
    other = tmp_path / f".other.json.{dead.pid}.tmp"  # another file's: not ours to judge
    for stale in (orphan, live, other):
        stale.write_text("half a fi", encoding="utf-8")
    write_atomic(path, "text")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, live.name, other.name])


def test_the_data_and_the_rename_reach_the_disk_before_write_atomic_returns(tmp_path, monkeypatch):
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(os.path.realpath(f"/proc/self/fd/{fd}")),
                                                 real_fsync(fd)))
    path = tmp_path / "experiment.json"
    write_atomic(path, "text")
    tmp = temporary_sibling(path)
    assert synced == [str(tmp), str(tmp_path)]  # the new file's data, then its folder (the rename)


def test_a_line_file_writes_whole_lines_in_batches_and_clears_what_was_there(tmp_path):
    path = tmp_path / "metrics.csv"
    path.write_text("an earlier run's rows\n" * 10, encoding="utf-8")
    lines = LineFile(path, flush_bytes=30, flush_seconds=3600)
    assert path.read_text(encoding="utf-8").startswith("an earlier run's rows\n")  # kept until clear
    lines.clear()
    lines.write_line("iteration,loss")  # 15 bytes: gathered, not yet written
    assert path.read_bytes() == b""
    lines.write_line("1,0.5")
    lines.write_line("2,0.25")  # 15 + 6 + 7 = 28 bytes: still below 30
    assert path.read_bytes() == b""
    lines.write_line("3,0.125")  # 36 bytes: written together, ending with a whole line
    assert path.read_bytes() == b"iteration,loss\n1,0.5\n2,0.25\n3,0.125\n"
    assert lines.last_line == "3,0.125"
    lines.write_line("4,0.0625")
    lines.close()
    assert path.read_text(encoding="utf-8").splitlines() == ["iteration,loss", "1,0.5", "2,0.25", "3,0.125", "4,0.0625"]


def test_a_line_file_writes_once_its_time_is_up(tmp_path, monkeypatch):
    clock = [0.0]
    monkeypatch.setattr(files.time, "monotonic", lambda: clock[0])
    path = tmp_path / "metrics.csv"
    with LineFile(path, flush_seconds=1.0) as lines:
        lines.write_line("a")
        assert path.read_bytes() == b""
        clock[0] = 1.0
        lines.write_line("b")
        assert path.read_bytes() == b"a\nb\n"


def test_a_line_file_that_cannot_be_made_names_it(tmp_path):
    with pytest.raises(FileNotFoundError) as error:
        LineFile(tmp_path / "no-such-folder" / "metrics.csv")
    assert error.value.filename == str(tmp_path / "no-such-folder" / "metrics.csv")
