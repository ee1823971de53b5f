"""What goes into the PyInstaller bundle and what stays out (read by nnplayground.spec).

Kept apart from the spec so the tests can check it without running PyInstaller.
"""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Callable, Iterable

from project_version import read_version

ICON_NAME = "nnplayground"
# Resource files the app never reads: Qt Linguist's .ts sources (the app loads their .qm),
# READMEs, and the .ico/.icns that PyInstaller builds into the Windows executable and the
# macOS .app instead. The SVG and PNG icons stay: the window's icon is the SVG.
RESOURCE_SOURCES = ("*.ts", "*.pro", "README*", "*.ico", "*.icns")

# PySide6 modules nnplayground never imports. pyqtgraph imports QtSvg, QtTest, QtOpenGL and
# QtOpenGLWidgets, so those stay.
UNUSED_QT = [
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender", "QtBluetooth",
    "QtCharts", "QtConcurrent", "QtDataVisualization", "QtDBus", "QtDesigner", "QtGraphs", "QtHelp",
    "QtHttpServer", "QtLocation", "QtMultimedia", "QtMultimediaWidgets", "QtNetwork", "QtNetworkAuth",
    "QtNfc", "QtPdf", "QtPdfWidgets", "QtPositioning", "QtPrintSupport", "QtQml", "QtQuick", "QtQuick3D",
    "QtQuickControls2", "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors",
    "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine", "QtSvgWidgets",
    "QtTextToSpeech", "QtUiTools", "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick",
    "QtWebEngineWidgets", "QtWebSockets", "QtWebView", "QtXml",
]
# Installed beside nnplayground for its tests, its optional extras or as tools; none is
# needed by the window, `run` or `sweep` without --scheduler. pyqtgraph and numba try to
# import some of them (scipy, matplotlib, IPython) when present.
UNUSED_PACKAGES = [
    "tkinter", "_tkinter", "turtledemo", "idlelib", "lib2to3", "ensurepip", "pydoc_data",
    "torch", "dask", "distributed", "hypothesis", "pytest", "_pytest", "pytestqt", "sympy", "networkx",
    "IPython", "scipy", "matplotlib", "pandas", "PIL", "h5py", "cupy", "OpenGL", "jinja2", "tornado",
    "msgpack", "fsspec", "partd", "zict", "toolz", "tblib", "locket", "sortedcontainers",
    "psutil", "cloudpickle", "setuptools", "pkg_resources", "PyInstaller", "hatchling", "pip",
    "pyqtgraph.examples", "pyqtgraph.opengl", "pyqtgraph.jupyter", "numba.testing", "numba.tests",
    "numpy.tests", "numpy.f2py",
]
# Imported when present, harmlessly absent: numba reads an optional .numba_config.yaml from
# the current folder with PyYAML, and without it only warns if such a file is there.
TRIED_NOT_NEEDED = ["yaml"]
EXCLUDED_MODULES = [f"PySide6.{name}" for name in UNUSED_QT] + UNUSED_PACKAGES + TRIED_NOT_NEEDED

# Files (paths inside the bundle) the Qt hooks collect for the modules that stay but that
# nnplayground does not use. Matched with fnmatch against the bundle path, "/" separated.
UNUSED_FILES = [
    "PySide6/Qt/translations/qt_help_*", "PySide6/Qt/translations/qtconnectivity_*",
    "PySide6/Qt/translations/qtdeclarative_*", "PySide6/Qt/translations/qtlocation_*",
    "PySide6/Qt/translations/qtmultimedia_*", "PySide6/Qt/translations/qtserialport_*",
    "PySide6/Qt/translations/qtwebengine_*", "PySide6/Qt/translations/qtwebsockets_*",
    "PySide6/Qt/translations/designer_*", "PySide6/Qt/translations/linguist_*",
    "PySide6/Qt/translations/assistant_*",
    # numba's TBB threading layer: it needs a libtbb nobody ships, and numba falls back to
    # its own thread pool (nnplayground's kernel runs on one thread anyway).
    "numba/np/ufunc/tbbpool*",
]
# Linux Qt plugins nnplayground does without: the window runs on X11 (xcb) or Wayland, the
# checks offscreen. Left out: framebuffer/EGLFS/VNC platforms, evdev and TUIO input (the
# latter loads QtNetwork), the GTK3 theme (it pulls in GTK, cairo and pango from the build
# machine, which can clash with the user's own) and image formats the app never reads.
UNUSED_LINUX_PLUGINS = [
    "*/plugins/platforms/libqeglfs.so", "*/plugins/platforms/libqlinuxfb.so",
    "*/plugins/platforms/libqminimalegl.so", "*/plugins/platforms/libqvnc.so",
    "*/plugins/platforms/libqvkkhrdisplay.so", "*/plugins/egldeviceintegrations/*", "*/plugins/generic/*",
    "*/plugins/platformthemes/libqgtk3.so", "*/plugins/imageformats/libqicns.so",
    "*/plugins/imageformats/libqtga.so", "*/plugins/imageformats/libqtiff.so",
    "*/plugins/imageformats/libqwbmp.so", "*/plugins/imageformats/libqwebp.so",
]
# Libraries loaded by name at run time (ctypes, the bootloader), so no other binary lists them as needed.
LOADED_BY_NAME = ("libllvmlite", "libpython")


def version() -> str:
    """nnplayground's version (nnplayground/__init__.py)."""
    return read_version()


def is_unused_file(bundle_path: str, linux: bool = False) -> bool:
    """Whether the file collected at ``bundle_path`` (inside the bundle) is one nnplayground
    never loads; ``linux``: the Linux Qt plugins count too."""
    path = _slashed(bundle_path)
    patterns = UNUSED_FILES + (UNUSED_LINUX_PLUGINS if linux else [])
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns)


def needed_binaries(binaries: Iterable[tuple[str, str, str]],
                    imports: Callable[[str], Iterable[str]]) -> list[tuple[str, str, str]]:
    """The entries of a PyInstaller ``binaries`` list that something still loads: the Python
    extensions, the Qt plugins, LOADED_BY_NAME, and every shared library these need,
    directly or not (``imports(source_path)``: the names a binary links against). Once
    unused plugins are dropped, the libraries only they needed go too. SYMLINK entries all
    stay: ``without_dangling_links`` then removes those whose file went."""
    binaries = list(binaries)
    by_name: dict[str, list[tuple[str, str, str]]] = {}
    for entry in binaries:
        if entry[2] != "SYMLINK":
            by_name.setdefault(os.path.basename(entry[0]), []).append(entry)
    pending = [entry for entry in binaries if entry[2] == "EXTENSION" or entry[2] == "BINARY" and (
               "/plugins/" in _slashed(entry[0]) or os.path.basename(entry[0]).startswith(LOADED_BY_NAME))]
    needed = {os.path.basename(entry[0]) for entry in pending}
    while pending:
        for name in imports(pending.pop()[1]):
            name = os.path.basename(name)
            if name not in needed and name in by_name:
                needed.add(name)
                pending += by_name[name]
    return [entry for entry in binaries if entry[2] == "SYMLINK" or os.path.basename(entry[0]) in needed]


def without_dangling_links(*tocs: list[tuple[str, str, str]]) -> list[list[tuple[str, str, str]]]:
    """Each TOC (PyInstaller's ``binaries``, ``datas``) less its SYMLINK entries whose target
    (the relative path in the entry) is in none of them, links to such links included.
    PyInstaller files a link to a library beside it in either list."""
    while True:
        present = {_slashed(entry[0]) for toc in tocs for entry in toc}
        kept = [[entry for entry in toc if entry[2] != "SYMLINK" or _link_target(entry) in present] for toc in tocs]
        if sum(map(len, kept)) == sum(map(len, tocs)):
            return kept
        tocs = kept


def _slashed(path: str) -> str:
    return path.replace("\\", "/")


def _link_target(entry: tuple[str, str, str]) -> str:
    """Where a SYMLINK entry points, as a path inside the bundle."""
    return _slashed(os.path.normpath(os.path.join(os.path.dirname(entry[0]), entry[1])))


def resource_files(root: Path) -> list[Path]:
    """Every file of ``root``/resources the app reads at run time, sources left out."""
    folder = root / "resources"
    return sorted(path for path in folder.rglob("*") if path.is_file()
                  and not any(fnmatch.fnmatchcase(path.name, pattern) for pattern in RESOURCE_SOURCES))


def app_datas(root: Path) -> list[tuple[str, str]]:
    """PyInstaller ``datas``: each resource file into the bundle's resources/ folder, where
    nnplayground/resources.py looks for it when frozen."""
    return [(str(path), str(path.parent.relative_to(root))) for path in resource_files(root)]
