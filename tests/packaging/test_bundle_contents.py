"""What the PyInstaller spec puts into the bundle (packaging/bundle_contents.py), checked
without running PyInstaller: the resources the app reads, the files the recipes name, and
that nothing left out is something nnplayground imports."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from nnplayground.core.presets import list_presets

ROOT = Path(__file__).resolve().parents[2]
RECIPES = ("packaging/nnplayground.spec", "packaging/build_linux.sh", "packaging/windows/nnplayground.iss",
           "packaging/macos/build_dmg.sh", ".github/workflows/installers.yml", "Makefile")


def test_every_preset_travels_to_where_the_frozen_app_looks(packaging_modules):
    from bundle_contents import app_datas
    datas = {(Path(source).name, destination) for source, destination in app_datas(ROOT)}
    for preset in list_presets():
        assert (f"{preset.name}.json", "resources/presets") in datas
    assert ("nnplayground.svg", "resources/icons") in datas  # the window's icon


def test_resource_sources_stay_out_and_subfolders_keep_their_place(packaging_modules, tmp_path):
    from bundle_contents import app_datas
    for name in ("translations/nnplayground_de.qm", "translations/nnplayground_de.ts", "guide/en/start.html",
                 "guide/en/img/plot.png", "icons/app.ico", "icons/app.icns", "icons/app.svg", "README.md"):
        path = tmp_path / "resources" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    bundled = sorted(f"{destination}/{Path(source).name}" for source, destination in app_datas(tmp_path))
    assert bundled == ["resources/guide/en/img/plot.png", "resources/guide/en/start.html",
                       "resources/icons/app.svg", "resources/translations/nnplayground_de.qm"]


def _fake_binaries():
    return [
        ("PySide6/QtGui.abi3.so", "/w/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/w/libQt6Gui.so.6", "BINARY"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libpng16.so.16", "/w/libpng16.so.16", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/w/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/w/libQt6XcbQpa.so.6", "BINARY"),
        ("libcairo.so.2", "/w/libcairo.so.2", "BINARY"),  # only the dropped GTK theme needed it
        ("libpixman-1.so.0", "/w/libpixman-1.so.0", "BINARY"),  # and this only cairo
        ("llvmlite/binding/libllvmlite.so", "/w/libllvmlite.so", "BINARY"),  # loaded by ctypes
        ("libz.so.1", "/w/libz.so.1", "BINARY"),
    ]


LINKS = {"/w/QtGui.abi3.so": ["libQt6Gui.so.6", "libc.so.6"], "/w/libQt6Gui.so.6": ["libpng16.so.16"],
         "/w/libpng16.so.16": ["libz.so.1"], "/w/libqxcb.so": ["libQt6XcbQpa.so.6"],
         "/w/libcairo.so.2": ["libpixman-1.so.0", "libpng16.so.16"], "/w/libllvmlite.so": ["libz.so.1"]}


def test_libraries_only_dropped_plugins_needed_are_dropped_too(packaging_modules):
    from bundle_contents import needed_binaries
    asked = []
    kept = needed_binaries(_fake_binaries(), lambda path: asked.append(path) or LINKS.get(path, []))
    names = [entry[0] for entry in kept]
    assert names == ["PySide6/QtGui.abi3.so", "PySide6/Qt/lib/libQt6Gui.so.6", "libQt6Gui.so.6", "libpng16.so.16",
                     "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/lib/libQt6XcbQpa.so.6",
                     "llvmlite/binding/libllvmlite.so", "libz.so.1"]
    assert "PySide6/Qt/lib/libQt6Gui.so.6" not in asked  # a SYMLINK entry's target name is never read as a file
    assert len(asked) == len(set(asked))  # each binary read once


def test_links_to_files_that_went_go_too(packaging_modules):
    from bundle_contents import without_dangling_links
    binaries = [("PySide6/Qt/lib/libQt6Gui.so.6", "/w/libQt6Gui.so.6", "BINARY"),
                ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK")]
    datas = [("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),  # its library was dropped
             ("lib/libnet.so", "../libQt6Network.so.6", "SYMLINK"),  # a link to that link
             ("lib/libgui.so", "../libQt6Gui.so.6", "SYMLINK"),
             ("resources/presets/circle.json", "/w/circle.json", "DATA")]
    kept_binaries, kept_datas = without_dangling_links(binaries, datas)
    assert kept_binaries == binaries
    assert kept_datas == [datas[2], datas[3]]


def test_unused_qt_files(packaging_modules):
    from bundle_contents import is_unused_file
    assert is_unused_file("PySide6/Qt/translations/qtwebengine_de.qm")
    assert not is_unused_file("PySide6/Qt/translations/qtbase_de.qm")  # Qt's own dialogs, translated
    gtk = "PySide6/Qt/plugins/platformthemes/libqgtk3.so"
    assert is_unused_file(gtk, linux=True) and not is_unused_file(gtk)
    for kept in ("platforms/libqxcb.so", "platforms/libqwayland.so", "platforms/libqoffscreen.so",
                 "iconengines/libqsvgicon.so", "imageformats/libqsvg.so", "imageformats/libqjpeg.so"):
        assert not is_unused_file(f"PySide6/Qt/plugins/{kept}", linux=True), kept
    assert is_unused_file("numba\\np\\ufunc\\tbbpool.cpython-311-x86_64-linux-gnu.so")  # Windows separators too


IMPORTS = """
import json, sys
import nnplayground.cli, nnplayground.sweep_cli, nnplayground.core.executors
from nnplayground.app.main_window import MainWindow
from nnplayground.core.compiled import kernel  # numba and llvmlite
print(json.dumps(sorted(sys.modules)))
"""


def test_nothing_left_out_is_imported_by_the_window_the_cli_or_the_kernel(packaging_modules):
    """A fresh interpreter (not pytest's) imports what the bundle runs; none of it may be excluded."""
    from bundle_contents import EXCLUDED_MODULES, TRIED_NOT_NEEDED
    result = subprocess.run([sys.executable, "-c", IMPORTS], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert "PySide6.QtOpenGLWidgets" in loaded and "numba" in loaded  # what the exclusions must spare
    clashes = {m.split(".")[0] for m in loaded for ex in EXCLUDED_MODULES if m == ex or m.startswith(ex + ".")}
    assert clashes <= set(TRIED_NOT_NEEDED)  # each of those an import in a try/except, said why in bundle_contents


def test_files_the_recipes_name_exist():
    named = set()
    for recipe in RECIPES:
        text = (ROOT / recipe).read_text(encoding="utf-8")
        named |= set(re.findall(r"(?<![\w$/.-])((?:packaging|resources)/[\w./-]*\w)", text))
    assert "resources/icons/nnplayground.svg" in named or "packaging/make_icons.py" in named
    missing = sorted(name for name in named if not (ROOT / name).exists())
    assert missing == []


def test_icon_sizes_the_deb_installs_are_the_ones_generated(packaging_modules):
    from make_icons import SIZES, png_name
    result = subprocess.run([sys.executable, str(packaging_modules / "make_icons.py"), "--sizes"],
                            capture_output=True, text=True, timeout=60)
    assert [int(s) for s in result.stdout.split()] == list(SIZES) == [16, 32, 48, 64, 128, 256, 512]
    import check
    assert check.ICON_SIZES == SIZES  # check.py keeps its own copy to stay free of Qt
    assert all((ROOT / "resources" / "icons" / png_name(size)).is_file() for size in SIZES)


@pytest.mark.parametrize("line", ["Exec=nnplayground", "Icon=nnplayground", "Type=Application", "Terminal=false"])
def test_desktop_entry(line):
    lines = (ROOT / "packaging" / "linux" / "nnplayground.desktop").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]" and line in lines
