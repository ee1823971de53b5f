"""Which training engine runs, and the compiled kernels: found, compiled in the background, cached.

numba is imported and the kernel compiled on a background thread the first time a trainer
asks (``kernel``): until it is ready the trainer takes NumPy steps, so compiling never
delays a run or the window, and both engines share every array of the training state, so
the switch shows no jump. Compiled kernels are cached on disk in a per-user folder
(``cache_folder``), which also works inside an installed package or a bundle, where the
package's own folder is read-only. If numba cannot be imported, ``unavailable()`` says why
and everything trains on NumPy.
"""
from __future__ import annotations

import importlib.util
import os
import sys
import threading
import time
from pathlib import Path

import numpy as np

ENGINES = ("compiled", "numpy")
DEFAULT_ENGINE = "compiled"


def cache_folder() -> Path:
    """Where compiled kernels are kept: $NUMBA_CACHE_DIR if set, else nnplayground/numba in
    the user's cache folder (XDG_CACHE_HOME, ~/Library/Caches, %LOCALAPPDATA%)."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return Path(os.environ["NUMBA_CACHE_DIR"])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "nnplayground" / "numba"


class _Compiler:
    """Compiles the kernel once per dtype on a daemon thread; ``kernel`` answers at once."""

    def __init__(self):
        self._lock = threading.Lock()
        self._ready: dict[np.dtype, object] = {}
        self._pending: set[np.dtype] = set()
        self.error: str | None = None  # why the compiled engine is unavailable, once known
        self.seconds: dict[np.dtype, float] = {}  # how long each dtype took (import included for the first)

    def kernel(self, dtype):
        """The kernel module (its ``train_slice``) compiled for ``dtype`` if ready, else None
        (compiling starts)."""
        dtype = np.dtype(dtype)
        found = self._ready.get(dtype)
        if found is not None or self.error is not None:
            return found
        if importlib.util.find_spec("numba") is None:
            self.error = "numba is not installed"
            return None
        with self._lock:
            if dtype not in self._pending and dtype not in self._ready:
                self._pending.add(dtype)
                threading.Thread(target=self._compile, args=(dtype,), name=f"compile-{dtype}", daemon=True).start()
        return None

    def wait(self, dtype, timeout: float | None = None):
        """The kernel for ``dtype``, compiling it in this thread's time if need be (benchmarks,
        tests and the command line's --engine compiled); None if numba is unavailable."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.kernel(dtype) is None and self.error is None:
            if deadline is not None and time.monotonic() > deadline:
                return None
            time.sleep(0.005)
        return self._ready.get(np.dtype(dtype))

    def _compile(self, dtype) -> None:
        began = time.perf_counter()
        try:
            os.environ.setdefault("NUMBA_CACHE_DIR", str(cache_folder()))  # read when numba is imported
            from . import kernel
            from .slices import warm_up
            warm_up(kernel, dtype)
        except Exception as error:  # noqa: BLE001 - no numba, no compiler, no cache: NumPy trains on
            self.error = f"{type(error).__name__}: {error}"
        else:
            self.seconds[dtype] = time.perf_counter() - began
            self._ready[dtype] = kernel
        finally:
            with self._lock:
                self._pending.discard(dtype)


COMPILER = _Compiler()


def unavailable() -> str | None:
    """Why the compiled engine cannot run (numba missing or failing), or None."""
    return COMPILER.error
