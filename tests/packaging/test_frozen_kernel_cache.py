"""Inside a PyInstaller bundle, code names its file relative to the bundle: the compiled
kernel must still be cached in NUMBA_CACHE_DIR (core/compiled/kernel.py, find_sources_in)."""
import sys
import types

import pytest
from numba import config, njit
from numba.core.caching import CacheImpl

from nnplayground.core.compiled import kernel

SOURCE = "def double(x):\n    return 2 * x\n"


def jit_as_bundled():
    """``double`` compiled as a bundle's code names it: by the relative file pkg/mod.py."""
    module = sys.modules["pkg_mod"]
    exec(compile(SOURCE, "pkg/mod.py", "exec"), module.__dict__)
    return njit(cache=True)(module.double)


def test_a_function_with_a_relative_file_is_cached_in_numba_cache_dir(tmp_path, monkeypatch):
    bundle, cache, elsewhere = tmp_path / "bundle", tmp_path / "cache", tmp_path / "elsewhere"
    (bundle / "pkg").mkdir(parents=True)
    (bundle / "pkg" / "mod.py").write_text(SOURCE, encoding="utf-8")
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the relative name resolves to nothing from here
    monkeypatch.setattr(config, "CACHE_DIR", str(cache))
    monkeypatch.setattr(CacheImpl, "_locator_classes", list(CacheImpl._locator_classes))
    monkeypatch.setitem(sys.modules, "pkg_mod", types.ModuleType("pkg_mod"))
    with pytest.raises(RuntimeError, match="no locator available"):
        jit_as_bundled()
    kernel.find_sources_in(str(bundle))
    double = jit_as_bundled()
    assert double(21) == 42
    cached = sorted(path.suffix for path in cache.rglob("*") if path.is_file())
    assert cached == [".nbc", ".nbi"]
    assert not (elsewhere / "__pycache__").exists() and not (bundle / "pkg" / "__pycache__").exists()
