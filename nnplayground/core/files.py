"""Writing files safely: a crash or Ctrl-C mid-write leaves the old file or the new one, never half of one."""
from __future__ import annotations

import os
import re
from pathlib import Path


def write_atomic(path, text: str) -> None:
    """Write a file so that a crash leaves either the old file or the new one, never half of one.
    The new file reaches the disk before it takes the old one's name, and the rename before this
    returns; temporary files that killed writers left beside ``path`` are removed. An error
    names ``path``, never the temporary file."""
    path = Path(path)
    remove_orphans(path)
    tmp = temporary_sibling(path)
    try:
        with open(tmp, "x", encoding="utf-8", newline="") as f:  # plain open() keeps the umask's permissions
            f.write(text)
            f.flush()
            os.fsync(f.fileno())  # the data on disk before the rename can make it the file
        os.replace(tmp, path)
        sync_folder(path.parent)  # and the rename itself, so a power cut cannot undo it
    except OSError as error:
        discard(tmp)
        if error.errno is None:
            raise
        raise type(error)(error.errno, error.strerror, str(path)) from None
    except BaseException:
        discard(tmp)
        raise


def temporary_sibling(path: Path) -> Path:
    """A hidden name beside ``path`` to write first and then rename over it."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def remove_orphans(path: Path) -> None:
    """Remove ``path``'s temporary siblings whose writer no longer runs (killed mid-write)."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.tmp")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return  # the write itself will say what is wrong with the folder
    for name in names:
        match = pattern.fullmatch(name)
        if match and not process_exists(int(match.group(1))):
            discard(path.parent / name)


def process_exists(pid: int) -> bool:
    """True if a process ``pid`` runs (or cannot be told apart from one that does)."""
    if os.name != "posix":
        return True  # no cheap test: leave the file rather than risk a live writer's
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, and belongs to someone else
    return True


def sync_folder(folder: Path) -> None:
    """Flush ``folder``'s entries (a rename) to disk; a no-op where folders cannot be opened."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def discard(path: Path) -> None:
    """Remove ``path`` if it is there."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
