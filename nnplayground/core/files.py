"""Writing files safely: a crash or Ctrl-C mid-write leaves the old file or the new one, never half of one;
a file written line by line (``LineFile``) always ends with a whole line, even when the disk fills up."""
from __future__ import annotations

import contextlib
import json
import os
import re
import time
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
        raise naming(error, path) from None
    except BaseException:
        discard(tmp)
        raise


def naming(error: OSError, path) -> OSError:
    """``error`` as if it had happened to ``path`` (messages name the file asked for, never a temporary)."""
    if error.errno is None:
        return error
    return type(error)(error.errno, error.strerror, str(path))


class LineFile:
    """A text file written line by line whose content on disk always ends with a whole line.

    Lines reach the system together, at most ``flush_bytes`` or ``flush_seconds`` apart (a killed
    process loses at most that much). A failed write (disk full, file too large) cuts off the
    part of a line it left and raises the error, naming the file: every line written before
    stays readable. Opening creates the file but keeps its content until ``clear``.
    """

    def __init__(self, path, flush_bytes: int = 1 << 16, flush_seconds: float = 1.0):
        self.path = Path(path)
        try:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
        except OSError as error:
            raise naming(error, self.path) from None
        self.flush_bytes, self.flush_seconds = flush_bytes, flush_seconds
        self._pending: list[bytes] = []
        self._pending_bytes = self._size = 0  # _size: the bytes of whole lines on disk
        self._next_flush = time.monotonic() + flush_seconds
        self.last_line: str | None = None  # the last whole line on disk, without its newline

    def clear(self) -> None:
        """Empty the file (what a previous writer left) before the first line."""
        try:
            os.ftruncate(self._fd, 0)
        except OSError as error:
            raise naming(error, self.path) from None

    def write_line(self, text: str) -> None:
        """Add ``text`` and a newline; written out once enough has gathered or enough time has passed."""
        line = (text + "\n").encode("utf-8")
        self._pending.append(line)
        self._pending_bytes += len(line)
        if self._pending_bytes >= self.flush_bytes or time.monotonic() >= self._next_flush:
            self.flush()

    def flush(self) -> None:
        """Hand every gathered line to the system; on failure, keep only the whole lines (see the class)."""
        data = b"".join(self._pending)
        self._pending.clear()
        self._pending_bytes = 0
        self._next_flush = time.monotonic() + self.flush_seconds
        done = 0
        view = memoryview(data)  # no copy for what is left after a short write
        try:
            while done < len(data):
                done += os.write(self._fd, view[done:])
        except OSError as error:
            done = data.rfind(b"\n", 0, done) + 1  # the whole lines that reached the file
            with contextlib.suppress(OSError):  # a truncate needs no space; if it fails, report the write
                os.ftruncate(self._fd, self._size + done)
            self._keep(data[:done])
            raise naming(error, self.path) from None
        self._keep(data)

    def _keep(self, whole_lines: bytes) -> None:
        if whole_lines:
            self._size += len(whole_lines)
            self.last_line = whole_lines[:-1].rsplit(b"\n", 1)[-1].decode("utf-8")

    def close(self) -> None:
        """Write out what is gathered, wait for it to reach the disk and close the file (closed
        even when that fails)."""
        try:
            self.flush()
            os.fsync(self._fd)
        except OSError as error:
            raise naming(error, self.path) from None
        finally:
            os.close(self._fd)

    def __enter__(self) -> LineFile:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


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


def versioned_json(text: str, expected_format: int) -> dict:
    """The JSON object in ``text`` whose "format" is ``expected_format``; a ValueError saying
    what is wrong otherwise (a caller adds the file's name)."""
    d = json.loads(text)
    if not isinstance(d, dict) or d.get("format") != expected_format:
        found = d.get("format") if isinstance(d, dict) else type(d).__name__
        raise ValueError(f"format {found!r}, expected {expected_format}")
    return d
