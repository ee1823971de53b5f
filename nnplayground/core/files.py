"""Writing files safely: a crash or Ctrl-C mid-write leaves the old file or the new one, never half of one."""
from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path, text: str) -> None:
    """Write a file so that a crash leaves either the old file or the new one, never half of one."""
    path = Path(path)
    tmp = temporary_sibling(path)
    try:
        with open(tmp, "x", encoding="utf-8", newline="") as f:  # plain open() keeps the umask's permissions
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def temporary_sibling(path: Path) -> Path:
    """A hidden name beside ``path`` to write first and then rename over it."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")
