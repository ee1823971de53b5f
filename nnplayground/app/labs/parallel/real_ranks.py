"""Measuring the lab's experiment on real ranks: ``nnplayground run --ranks-backend torch`` as a
child process, K processes exchanging gradients through torch.distributed (gloo).

The run is a child process (app/child.py), so the GUI thread never waits for it. The experiment is written to a temporary folder with a budget of whole epochs close
to the iterations the lab has trained (at most MAX_ITERATIONS: a few seconds), and the run
writes its summary.json there. Cancel, or closing the lab, stops the run without waiting for
it (the window stays live): a first SIGTERM makes the launcher tell rank 0 to stop after its
iteration, the next one makes it kill every rank (distributed/launch.py); only a launcher still
running after several is killed outright (its ranks would then wait for the others until their
timeout). When the application exits, ``stop_and_wait`` does the same and waits, so no process
outlives it.
"""
from __future__ import annotations

import dataclasses
import html
import json
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ....core import torch_check
from ... import labels
from ...child import CliProcess
from ...language import Retranslating
from .timeline import RankTimeline

MAX_ITERATIONS = 200


def arguments(experiment_file: Path, out: Path) -> list[str]:
    """The ``nnplayground`` arguments that train ``experiment_file`` on real ranks into ``out``."""
    return ["run", str(experiment_file), "--ranks-backend", "torch", "--out", str(out)]


def budgeted(experiment, iterations: int, iterations_per_epoch: int):
    """``experiment`` with as many whole epochs as make about ``iterations`` (at least one
    epoch; no more than MAX_ITERATIONS iterations unless one epoch is longer)."""
    wanted = min(max(iterations, 1), MAX_ITERATIONS)
    epochs = max(1, wanted // iterations_per_epoch)
    return experiment.replace(training=dataclasses.replace(experiment.training, epochs=epochs))


def microseconds(seconds) -> str:
    """"123.4 µs", or "–" for a number the run could not measure (null in summary.json)."""
    return "–" if seconds is None else f"{seconds * 1e6:.1f} µs"


def describe(summary: dict) -> str:
    """One paragraph of a real-rank summary.json: replicas, gloo against the simulated sums,
    time per iteration measured and predicted, the fitted link."""
    t = summary["torch"]
    seconds, link = t["seconds_per_iteration"], t["link"]
    diffs = ", ".join(f"{labels.allreduce(name)} {'–' if d is None else f'{d:.3g}'}"
                      for name, d in summary["max_abs_diff_vs_simulated"].items())
    if link["error"] is None:
        fitted = QCoreApplication.translate("RealRanksPanel", "latency {0:.1f} µs, bandwidth {1:.3g} GB/s").format(
            link["latency_us"], link["bandwidth_gb_s"])
    else:
        fitted = QCoreApplication.translate("RealRanksPanel", "not fitted ({0})").format(html.escape(link["error"]))
    identical = QCoreApplication.translate("RealRanksPanel", "yes") if summary["replicas_identical"] else \
        QCoreApplication.translate("RealRanksPanel", "no")
    return QCoreApplication.translate(
        "RealRanksPanel",
        "<b>Measured on {0} processes</b> ({1} iterations, torch {2}, gloo): replicas bit-identical: {3}; "
        "max |Δ| of gloo's sum against the simulated ones: {4}. Time per iteration: measured {5}, "
        "predicted {6} with the fitted link, {7} with the configured one. Fitted link: {8}.").format(
        t["world_size"], summary["iterations"], t["version"], identical, diffs, microseconds(seconds["measured"]),
        microseconds(seconds["predicted_fitted_link"]), microseconds(seconds["predicted_configured_link"]), fitted)


class RealRanksPanel(Retranslating, QWidget):
    """The button, Cancel, a one-line ``state``, the measured ``timeline`` and its ``result``.

    ``child`` runs the command (its ``process`` is the QProcess of the run under way or the
    last one, None before any); ``summary_path`` the summary.json the last run writes;
    ``summary`` what it held (None until a run succeeds). ``failed`` carries a failed run's one line (the lab shows it)."""

    failed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.child = CliProcess(self)
        self.child.finished.connect(self._finished)
        self.summary_path: Path | None = None
        self.summary: dict | None = None
        self._folder: tempfile.TemporaryDirectory | None = None
        self._shown: dict | None = None  # the summary on show (a new run keeps it until it succeeds)
        self._state: tuple[str, object] = ("idle", None)  # what ``state`` says, written again on a language switch
        self.button = QPushButton(self, enabled=torch_check.available())
        self.cancel_button = QPushButton(self, enabled=False)
        self.cancel_button.clicked.connect(self.cancel)
        self.state = QLabel(self, wordWrap=True)
        row = QHBoxLayout()
        for widget in (self.button, self.cancel_button):
            row.addWidget(widget)
        row.addWidget(self.state, 1)
        self.timeline = RankTimeline(self)
        self.result = QLabel(self, wordWrap=True, textFormat=Qt.TextFormat.RichText)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.timeline, 1)
        column.addWidget(self.result)
        self.retranslate()

    def retranslate(self) -> None:
        """The buttons, their tooltips, the state line and the last measurement's words."""
        self.button.setText(self.tr("Measure on real ranks (PyTorch)"))
        if torch_check.available():
            self.button.setToolTip(self.tr(
                "Train this experiment on K processes through torch.distributed (gloo), about as many "
                "iterations as the lab has trained (at most {0}), and show what they measured").format(MAX_ITERATIONS))
        else:
            self.button.setToolTip(self.tr("Needs PyTorch, which is not installed. Install it with: {0}").format(
                torch_check.INSTALL_COMMAND))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the run on real ranks; the lab's own runs go on"))
        self.timeline.set_x_label(self.tr("measured time in a mean iteration (ms)"))
        self.state.setText(self.state_text())
        if self._shown is not None:
            self.show_summary(self._shown)
        else:
            self.timeline.set_title(self.tr("Rank timeline measured on real ranks (none yet)"))

    def state_text(self) -> str:
        """The state line in the current language."""
        kind, value = self._state
        texts = {"idle": "", "running": self.tr("Running on {0} processes…"), "cancelled": self.tr("Cancelled."),
                 "done": self.tr("Done."), "failed": self.tr("Failed: {0}")}
        return texts[kind].format(value)

    @property
    def running(self) -> bool:
        """Whether a run is under way."""
        return self.child.running

    def start(self, experiment) -> None:
        """Train ``experiment`` (with its parallel section and budget) on real ranks in the background."""
        if self.running:
            return
        if self._folder is not None:
            self._folder.cleanup()
        try:
            self._folder = tempfile.TemporaryDirectory(prefix="nnplayground-ranks-")
            folder = Path(self._folder.name)
            experiment.save(folder / "experiment.json")
        except OSError as error:  # no room in the temporary folder, say
            self._folder = None
            self._fail(self.tr("cannot write the experiment file: {0}").format(error))
            return
        self.summary_path, self.summary = folder / "out" / "summary.json", None
        self._set_busy(True, "running", experiment.parallel.ranks)
        self.child.start(arguments(folder / "experiment.json", folder / "out"))

    def cancel(self) -> None:
        """Stop the run under way without waiting (module docstring)."""
        self.child.cancel()

    def stop_and_wait(self) -> None:
        """Stop the run under way and wait until it and its ranks have ended (the application
        is exiting: no process may outlive it)."""
        self.child.stop_and_wait()

    def _set_busy(self, busy: bool, kind: str, value=None) -> None:
        self.button.setEnabled(not busy and torch_check.available())
        self.cancel_button.setEnabled(busy)
        self._state = (kind, value)
        self.state.setText(self.state_text())

    def _finished(self, outcome) -> None:
        if outcome.cancelled:
            self._set_busy(False, "cancelled")
            return
        if not outcome.ok:
            self._fail(outcome.message)
            return
        try:
            summary = json.loads(self.summary_path.read_text(encoding="utf-8"))
            self.show_summary(summary)
        except (OSError, ValueError, KeyError, TypeError) as error:
            self._fail(self.tr("cannot read {0}: {1}").format(self.summary_path, error))
            return
        self.summary = summary
        self._set_busy(False, "done")

    def _fail(self, line: str) -> None:
        self._set_busy(False, "failed", line)
        self.failed.emit(self.tr("Real ranks: {0}").format(line))

    def show_summary(self, summary: dict) -> None:
        """The measured timeline (each rank's mean compute, then its mean all-reduce) and the
        paragraph of numbers, from a real-rank summary.json."""
        self._shown = summary
        ranks = summary["torch"]["per_rank"]
        compute = [r["compute"] for r in ranks]
        self.timeline.draw_ranks(compute, compute, [r["all_reduce"] for r in ranks])
        self.timeline.set_title(self.tr("Rank timeline measured on {0} processes, mean of {1} iterations").format(
            len(ranks), summary["iterations"]))
        self.result.setText(describe(summary))
