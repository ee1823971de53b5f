"""Autosave and crash recovery: the window's experiment survives a crash or a kill -9.

Every AUTOSAVE_MS, if the experiment, its file or its modified state changed since the last
write, the window writes them (atomically) to one file of its own beside its settings file:
``<settings name>.autosave-<pid>-<token>.json``, with the time and the writer's boot. A clean
close removes the file. A file whose writer no longer runs (the pid in its name is gone, or
it was written before the machine last started) is therefore what a crash left behind, and
the next window to start offers to restore it. A window never takes the file of one that
still runs, in this process or another: the pid in the name says whose it is.

To offer a file a window first renames it to its own name (a rename succeeds once, so two
windows starting together cannot both offer it) and then rewrites it with its own boot: if
this window crashes while asking, the file is offered again at the next start. So there is
at most one file per running window. An unreadable file is discarded with a status message.
"""
from __future__ import annotations

import dataclasses
import json
import os
import re
import secrets
import sys
import time
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QDateTime, QObject, QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QMessageBox

from ..core import Experiment, ExperimentError
from ..core.experiment import read_experiment_text
from ..core.files import discard, process_exists, write_atomic
from .model import ExperimentModel

AUTOSAVE_MS = 5000  # at most this much work lost in a crash; a write is a few kilobytes
FORMAT = 1
BOOT_ID_FILE = Path("/proc/sys/kernel/random/boot_id")  # Linux: new at every start of the machine


def boot_id() -> str | None:
    """This boot of the machine, where the system says (Linux); else None. After a restart a
    crashed window's pid may belong to another process: the boot tells them apart."""
    try:
        return BOOT_ID_FILE.read_text(encoding="ascii").strip() or None
    except (OSError, ValueError):
        return None


def settings_folder(settings: QSettings) -> Path:
    """The folder of ``settings``' file (the per-user configuration folder where settings
    live in the Windows registry)."""
    if settings.format() == QSettings.Format.NativeFormat and sys.platform == "win32":
        return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation))
    return Path(settings.fileName()).parent


@dataclasses.dataclass(frozen=True)
class Autosaved:
    """What an autosave file holds: the experiment, the file it belongs to (or None), whether
    it had unsaved changes, when it was written (seconds since the epoch), and the boot."""

    experiment: Experiment
    path: Path | None
    modified: bool
    saved_at: float
    boot: str | None = None

    def to_json(self) -> str:
        """The autosave file's text."""
        return json.dumps({"format": FORMAT, "pid": os.getpid(), "boot": self.boot, "saved_at": self.saved_at,
                           "path": None if self.path is None else str(self.path), "modified": self.modified,
                           "experiment": self.experiment.to_dict()}, indent=1) + "\n"

    @classmethod
    def load(cls, file: Path) -> "Autosaved":
        """Read an autosave file; anything wrong with it is an ExperimentError saying what."""
        try:
            record = json.loads(read_experiment_text(file))
            if not isinstance(record, dict) or record.get("format") != FORMAT:
                raise ExperimentError("", f"not an autosave file of format {FORMAT}")
            path, saved_at, boot = record.get("path"), record.get("saved_at"), record.get("boot")
            if not (isinstance(path, (str, type(None))) and isinstance(saved_at, (int, float))
                    and isinstance(boot, (str, type(None))) and isinstance(record.get("modified"), bool)):
                raise ExperimentError("", "its path, time, boot or modified flag is missing or of the wrong type")
            experiment = Experiment.from_dict(record.get("experiment"))
        except json.JSONDecodeError as e:
            raise ExperimentError("", f"not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})") from None
        except (OSError, ValueError, RecursionError) as e:  # ValueError: Unicode, long numbers, ExperimentError
            raise ExperimentError("", str(e)) from None
        return cls(experiment, None if path is None else Path(path), record["modified"], float(saved_at), boot)


class Autosave(QObject):
    """Autosaves ``model``'s experiment beside ``settings`` for one window and offers, once
    at start, to restore what a crashed window left (see the module docstring). ``message``
    shows a passing line in the window's status bar."""

    def __init__(self, model: ExperimentModel, settings: QSettings, message: Callable[[str], None],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.model, self.message = model, message
        self.folder = settings_folder(settings)
        self.prefix = f"{Path(settings.fileName()).name}.autosave-"
        self.file = self.folder / f"{self.prefix}{os.getpid()}-{secrets.token_hex(4)}.json"
        self.boot = boot_id()
        # The state the file holds, or needs not hold: the window's experiment as it started
        # is in the settings or in its file already.
        self._start = self._written = self.state()
        self._error = ""
        self.timer = QTimer(self, interval=AUTOSAVE_MS)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()

    def state(self) -> tuple:
        """What an autosave records: the experiment, its file, whether it has unsaved changes."""
        return self.model.experiment, self.model.path, self.model.modified

    def save_now(self) -> None:
        """Write the state if it changed since the last write. A failed write says why in the
        status bar (once per reason) and is tried again at the next tick."""
        state = self.state()
        if state == self._written:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.file, Autosaved(*state, saved_at=time.time(), boot=self.boot).to_json())
        except OSError as e:
            if str(e) != self._error:
                self._error = str(e)
                self.message(self.tr("Autosave failed: {0}").format(e))
            return
        self._written, self._error = state, ""

    def finish(self) -> None:
        """The window closes cleanly: nothing to recover, so the file goes."""
        self.timer.stop()
        discard(self.file)

    # ----- recovery ------------------------------------------------------------------------------

    def orphans(self) -> list[Path]:
        """The autosave files beside the settings whose writers no longer run, newest first."""
        pattern = re.compile(rf"{re.escape(self.prefix)}(\d+)-[0-9a-f]+\.json")
        try:
            names = os.listdir(self.folder)
        except OSError:
            return []
        found = []
        for name in names:
            match = pattern.fullmatch(name)
            if match and not self._running(self.folder / name, int(match.group(1))):
                try:
                    found.append((os.stat(self.folder / name).st_mtime, self.folder / name))
                except OSError:
                    pass  # another window starting now took it
        return [file for _, file in sorted(found, reverse=True)]

    def _running(self, file: Path, pid: int) -> bool:
        try:
            boot = Autosaved.load(file).boot
        except ExperimentError:
            boot = None  # unreadable: the pid alone decides
        if boot is not None and self.boot is not None and boot != self.boot:
            return False
        return process_exists(pid)

    def offer_restore(self) -> bool:
        """If a crashed window left an autosave, ask whether to restore it; True if restored.
        Unreadable files are discarded with a message; the newest readable one is offered."""
        for orphan in self.orphans():
            try:
                os.replace(orphan, self.file)  # ours now: no other window offers it too
            except OSError:
                continue
            try:
                autosaved = Autosaved.load(self.file)
            except ExperimentError as e:
                self._drop()
                self.message(self.tr("An autosaved experiment could not be read and was discarded: {0}: {1}").format(
                    orphan.name, e))
                continue
            self._claim(autosaved)
            if self.ask(autosaved) and self.model.propose(autosaved.experiment, path=autosaved.path, saved=None):
                self._written = None
                self.save_now()
                return True
            self._drop()  # discarded, or refused by the window (the model says why)
            return False
        return False

    def _claim(self, autosaved: Autosaved) -> None:
        """Rewrite a taken file with this window's boot, so no other window takes it while we ask."""
        try:
            write_atomic(self.file, dataclasses.replace(autosaved, boot=self.boot).to_json())
        except OSError:
            pass  # it is still there under our name; only a rare race could offer it twice

    def _drop(self) -> None:
        discard(self.file)
        self._written = self._start

    def ask(self, autosaved: Autosaved) -> bool:
        """The question at start: True for Restore, False for Discard."""
        name = autosaved.path.name if autosaved.path else autosaved.experiment.name
        # One unambiguous form whatever the locale (the C locale's short form reads "2 12 2026").
        when = QDateTime.fromSecsSinceEpoch(int(autosaved.saved_at)).toString("yyyy-MM-dd HH:mm")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Restore experiment"), self.tr(
            "nnplayground did not close properly. Restore the experiment you were working on ({0}, {1})?").format(
            name, when), parent=self.parent())
        box.setObjectName("restore_dialog")
        box.setInformativeText(self.tr("Restore opens it with its changes unsaved; Discard deletes the autosaved copy."))
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore)
        box.exec()
        return box.clickedButton() is restore
