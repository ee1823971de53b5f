"""Atomic writes: the new text replaces the old in one rename, and nothing is left beside it."""
import os

import pytest

from nnplayground.core.files import temporary_sibling, write_atomic


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
