"""The parallel lab's three views, one tab each, every one with a short explanation above its
plots: *Convergence and fitting* (loss and train/test gap of both runs), *Precision* (the
all-reduce algorithms' rounding and the drift it causes) and *Cost model* (the speed-up over K
and the rank timeline of the last iteration). Each draws a LabSnapshot (runs.py) on ``draw``.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ....core import collectives
from ....core.parallel_spec import ALGORITHMS, Link
from ... import labels
from ...language import Retranslating
from ...plots.curves import EMPTY
from ...widgets import combo_box, set_item_texts
from ..common import LabPlot, Series
from .real_ranks import RealRanksPanel
from .runs import DRIFTS, MEASURES, RUNS
from .timeline import RankTimeline

RUN_COLORS = {"single": "#1f77b4", "parallel": "#ff7f0e"}
ALGORITHM_COLORS = {"sequential": "#2ca02c", "ring": "#d62728", "tree": "#9467bd"}
DRIFT_COLORS = ("#d62728", "#9467bd", "#8c564b", "#17becf")
EXPLANATION_STYLE = ("QLabel { background: #f4f6f8; border: 1px solid #dde1e5; border-radius: 4px;"
                     " padding: 6px; color: #222; }")


def explanation(parent, text: str) -> QLabel:
    """A word-wrapped box of rich text above a view's plots."""
    label = QLabel(text, parent, wordWrap=True, textFormat=Qt.TextFormat.RichText)
    label.setStyleSheet(EXPLANATION_STYLE)
    return label


class View(Retranslating, QWidget):
    """A tab: its ``explanation``, an optional row of ``choices`` and a grid of plots.
    ``snapshot`` is the last one drawn: a language switch draws it again in the new words."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.snapshot = None
        self.explanation = explanation(self, "")
        self.choices = QHBoxLayout()
        self.grid = QGridLayout()
        self.grid.setSpacing(6)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.explanation)
        column.addLayout(self.choices)
        column.addLayout(self.grid, 1)

    def choice(self, keys) -> tuple[QLabel, QComboBox]:
        """A label and a combo box of ``keys`` in the row above the plots; the combo redraws
        nothing itself (the lab does) and its texts come from ``retranslate``."""
        title, combo = QLabel(self), combo_box(self, [(key, key) for key in keys])
        self.choices.addWidget(title)
        self.choices.addWidget(combo)
        return title, combo

    def draw(self, snapshot) -> None:
        """Draw ``snapshot`` (overridden; subclasses first call this to remember it)."""
        self.snapshot = snapshot

    def redraw(self) -> None:
        """The last snapshot again, in the current language."""
        if self.snapshot is not None:
            self.draw(self.snapshot)


class ConvergenceView(View):
    """Loss against a chosen x axis, and the test-minus-training loss gap, of both runs."""

    X_AXES = ("iteration", "epoch", "samples", "time")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.x_title, self.x_axis = self.choice(self.X_AXES)
        self.choices.addStretch(1)
        self.loss, self.gap = LabPlot(self, log_y=True), LabPlot(self)
        self.grid.addWidget(self.loss, 0, 0)
        self.grid.addWidget(self.gap, 1, 0)
        self.retranslate()

    def x_names(self) -> dict[str, str]:
        """The x axes' names, by key."""
        return {"iteration": self.tr("iteration"), "epoch": self.tr("epoch"),
                "samples": self.tr("samples seen"), "time": self.tr("simulated time (s)")}

    def retranslate(self) -> None:
        """The explanation, the x-axis choice and the plots' words."""
        self.explanation.setText(self.tr(
            "<b>Convergence speed.</b> One process (blue) updates the weights after every batch of b samples. "
            "Data-parallel training (orange) has K ranks compute the gradients of K batches at once and makes "
            "one update from their mean. For the same samples seen it has made K times fewer updates (one per "
            "epoch with epoch blocks), so per sample it tends to learn more slowly; per iteration, or per "
            "simulated second when the ranks work at the same time, it can be ahead. Change the x axis to see "
            "both.<br><b>Fitting.</b> The lower plot is test loss minus training loss at each epoch's end, both "
            "on the whole sets. Updates from one batch follow that batch's noise; the mean of K batches' "
            "gradients is smoother. A widening gap means over-fitting, high losses with no gap under-fitting."))
        self.x_title.setText(self.tr("x axis:"))
        self.x_axis.setToolTip(self.tr("What the x axis counts: iterations, epochs, samples seen or simulated "
                                       "seconds (K ranks at once take the time of one)"))
        names = self.x_names()
        set_item_texts(self.x_axis, [names[key] for key in self.X_AXES])
        self.redraw()

    def draw(self, snapshot) -> None:
        """Both runs' loss per iteration and their gaps, against the chosen x."""
        super().draw(snapshot)
        key = self.x_axis.currentData()
        spec = snapshot.experiment.parallel
        names = {"single": self.tr("one process, batch {0}").format(snapshot.experiment.training.batch_size),
                 "parallel": self.tr("{0} ranks, {1}").format(spec.ranks, labels.schedule(spec.schedule))}
        for plot in (self.loss, self.gap):
            plot.set_series([Series(names[run], RUN_COLORS[run], dense=plot is self.loss) for run in RUNS])
        self.loss.set_labels(self.x_names()[key], self.tr("training loss per iteration"))
        self.gap.set_labels(self.x_names()[key], self.tr("test loss − training loss"))
        self.loss.set_title(self.tr("Loss: one process against data-parallel, same seed and data"))
        for i, run in enumerate(RUNS):
            curve, gap = snapshot.curves[run], snapshot.gaps[run]
            self.loss.set_curve(i, curve.x if key == "iteration" else curve.columns[key], curve.columns["loss"])
            self.gap.set_curve(i, gap.x if key == "iteration" else gap.columns[key],
                               gap.columns["test_loss"] - gap.columns["train_loss"])
        last = [snapshot.gaps[run].columns["test_loss"] - snapshot.gaps[run].columns["train_loss"] for run in RUNS]
        text = " / ".join(f"{g[-1]:+.4f}" for g in last if len(g))
        title = self.tr("Train/test gap at each epoch's end")
        self.gap.set_title(self.tr("{0} (latest {1})").format(title, text) if text else title)


class PrecisionView(View):
    """Each algorithm's combined gradient against float64, and the parameters' drift."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.measure_title, self.measure = self.choice(MEASURES)
        self.measure.setCurrentIndex(1)
        self.identical = QLabel(self, textFormat=Qt.TextFormat.RichText)
        self.choices.addSpacing(20)
        self.choices.addWidget(self.identical, 1)
        self.errors, self.drift = LabPlot(self, log_y=True), LabPlot(self, log_y=True)
        self.grid.addWidget(self.errors, 0, 0)
        self.grid.addWidget(self.drift, 1, 0)
        self.retranslate()

    def measure_names(self) -> dict[str, str]:
        """The measures' names, by key (runs.MEASURES)."""
        return {"abs": self.tr("max absolute difference"), "rel": self.tr("max relative difference"),
                "ulps": self.tr("max difference in ULPs")}

    def retranslate(self) -> None:
        """The explanation, the measure choice, the legends and the plots' words."""
        self.explanation.setText(self.tr(
            "<b>Numeric precision.</b> In exact arithmetic the all-reduce gives the same mean gradient "
            "whatever order it adds the ranks' gradients in. Floating-point addition is not associative, so the "
            "sequential, ring and tree orders round differently, most visibly when reducing in float32. The upper "
            "plot shows, per iteration, each order's combined gradient against a float64 sum of the same "
            "gradients (zero leaves a gap). The lower one shows how those roundings carry into the weights: the "
            "largest parameter difference over the largest parameter, between runs that differ only in the "
            "order, or in the reduction's dtype, or against one process with batch K·b, which is the same "
            "training in exact arithmetic."))
        self.measure_title.setText(self.tr("measure:"))
        self.measure.setToolTip(self.tr("How the upper plot compares each combined gradient with the float64 sum: "
                                        "ULPs count the float steps between them"))
        set_item_texts(self.measure, list(self.measure_names().values()))
        self.errors.set_series([Series(labels.allreduce(a), ALGORITHM_COLORS[a], dense=True) for a in ALGORITHMS])
        self.drift.set_series([Series(name, color, dense=True) for name, color in zip(self.drift_names(), DRIFT_COLORS)])
        self.drift.set_labels(self.tr("iteration"), self.tr("max |Δθ| / max |θ|"))
        self.drift.set_title(self.tr("Parameter drift between runs"))
        self.redraw()

    def drift_names(self) -> list[str]:
        """The legend of the drift curves, in runs.DRIFTS order."""
        return [self.tr("ring vs sequential"), self.tr("tree vs sequential"), self.tr("vs float64 reduction"),
                self.tr("vs one process, batch K·b")]

    def draw(self, snapshot) -> None:
        """The chosen measure per algorithm, the drifts, the replicas indicator."""
        super().draw(snapshot)
        measure, p = self.measure.currentData(), snapshot.precision
        dtype = snapshot.experiment.parallel.reduce_dtype or snapshot.experiment.dtype
        self.errors.set_labels(self.tr("iteration"), self.measure_names()[measure])
        self.errors.set_title(self.tr("Combined gradient, reduced in {0}, against a float64 sum").format(dtype))
        for i, a in enumerate(ALGORITHMS):
            self.errors.set_curve(i, p.x, p.columns[f"{a}_{measure}"])
        for i, name in enumerate(DRIFTS):
            self.drift.set_curve(i, p.x, p.columns[name])
        if snapshot.equivalent_note is not None:
            self.drift.set_title(self.tr("Parameter drift between runs (no one-process equivalent: {0})").format(
                snapshot.equivalent_note))
        ok = snapshot.replicas_identical
        self.identical.setText('<span style="color:{0}"><b>{1}</b></span> {2}'.format(
            "#2ca02c" if ok else "#d62728", "✔" if ok else "✘",
            self.tr("replicas bit-identical after every iteration") if ok else
            self.tr("replicas differ: the ranks' parameters are no longer identical")))


class CostView(View):
    """The speed-up over K from the cost model, and the rank timeline of the last iteration."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.speedup = LabPlot(self)
        self.timeline = RankTimeline(self)
        self.speedup.markers_when_few = False
        self.marker = pg.ScatterPlotItem(size=11, pen=pg.mkPen("k"), brush=pg.mkBrush(255, 255, 255, 0))
        self.speedup.item.addItem(self.marker)
        self.shares = QLabel(self, wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.numbers = QLabel(self, wordWrap=True)
        self.real_ranks = RealRanksPanel(self)
        self.grid.addWidget(self.speedup, 0, 0, 1, 2)
        self.grid.addWidget(self.numbers, 1, 0, 1, 2)
        self.grid.addWidget(self.timeline, 2, 0)
        self.grid.addWidget(self.real_ranks, 2, 1, 2, 1)
        self.grid.addWidget(self.shares, 3, 0)
        self.curves = None  # algorithm -> speed-up per K, as drawn
        self._speedup_drawn = None  # draw_speedup's arguments, for a language switch
        self.retranslate()

    def retranslate(self) -> None:
        """The explanation, the legend and axes, and what was drawn, in the current language."""
        self.explanation.setText(self.tr(
            "<b>What more ranks buy.</b> An iteration takes the slowest rank's compute (measured here: the real "
            "time of one batch's forward and backward pass) plus the all-reduce, modelled as latency + bytes / "
            "bandwidth per message: ring sends 2(K−1) messages of 1/K of the gradient, tree 2⌈log₂K⌉ whole "
            "ones, sequential 2(K−1) whole ones. The curve is one process's epoch time over K ranks' epoch time "
            "(the dashed line is perfect scaling). A small network's gradient is small and quick to compute, so "
            "latency weighs most and more ranks can even be slower: communication overhead eats the gain. "
            "Below: the last iteration, rank by rank; beside it, the same experiment measured on K real "
            "processes (PyTorch, gloo), whose ranks wait in the all-reduce for the slowest."))
        self.timeline.set_x_label(self.tr("simulated time in the iteration (ms)"))
        # sequential first and wider: with a small gradient it lies on the ring's line (both send 2(K-1) messages)
        self.speedup.set_series([*(Series(labels.allreduce(a), ALGORITHM_COLORS[a], width=4.0 if a == "sequential"
                                          else 2.0) for a in ALGORITHMS),
                                 Series(self.tr("perfect"), "#999999", dashed=True, width=1.0)])
        self.speedup.set_labels(self.tr("ranks K"), self.tr("speed-up per epoch"))
        if self._speedup_drawn is not None:  # the legend's new names made new, empty curves
            self.draw_speedup(*self._speedup_drawn)
        self.redraw()

    def draw_speedup(self, schedule: str, batches: int, batch_seconds: float, nbytes: int, link: Link,
                     ranks: int, algorithm: str) -> None:
        """collectives.speedup_curve for every algorithm over K = 1..16, a ring around the chosen K."""
        self._speedup_drawn = (schedule, batches, batch_seconds, nbytes, link, ranks, algorithm)
        k = np.arange(1, 17)
        if not batch_seconds > 0:  # nothing measured yet
            self.curves = None
            for curve in self.speedup.curves:
                curve.setData(EMPTY, EMPTY)
            self.marker.setData([], [])
            self.speedup.set_title(self.tr("Speed-up over K"))
            self.numbers.setText(self.tr("Press Run or Step to measure the compute time per batch."))
            return
        self.curves = {a: collectives.speedup_curve(schedule, batches, batch_seconds, a, nbytes, link)
                       for a in ALGORITHMS}
        for i, a in enumerate(ALGORITHMS):
            self.speedup.set_curve(i, k, self.curves[a])
        self.speedup.set_curve(len(ALGORITHMS), k, k)
        self.marker.setData([ranks], [self.curves[algorithm][ranks - 1]])
        self.speedup.set_title(self.tr("Speed-up over K: {0}, {1:g} GB/s, latency {2:g} µs").format(
            labels.link(link.name), link.bandwidth / 1e9, link.latency * 1e6))
        self.numbers.setText(self.tr(
            "Measured compute: {0:.1f} µs per batch; gradient: {1} bytes per rank; at K = {2} ({3}) the model "
            "predicts a speed-up of {4:.2f} per epoch.").format(batch_seconds * 1e6, nbytes, ranks,
                                                               labels.allreduce(algorithm), self.curves[algorithm][ranks - 1]))

    def draw(self, snapshot) -> None:
        """The rank timeline and the batch shares of the parallel run's last iteration."""
        super().draw(snapshot)
        r = snapshot.record
        self.timeline.set_title(self.tr("Rank timeline of iteration {0}").format(r.iteration) if r else
                                self.tr("Rank timeline (no iteration yet)"))
        if r is None:
            self.timeline.draw_ranks([], [], [])
            self.shares.setText("")
            return
        compute = np.array(r.compute_seconds)
        ranks = compute.size
        # every rank starts the all-reduce when the slowest has its gradient
        self.timeline.draw_ranks(compute, np.full(ranks, compute.max()), np.full(ranks, r.communication_seconds))
        self.shares.setText(self.tr("<b>Batches this iteration:</b> {0}").format("; ".join(
            rank_share(i, b) for i, b in enumerate(r.batches))))


def rank_share(rank: int, batches: range) -> str:
    """"rank 2: 50–74", one rank's batches."""
    return QCoreApplication.translate("ParallelLab", "rank {0}: {1}").format(rank, batch_range(batches))


def batch_range(batches: range) -> str:
    """"3", "0–24" or "idle" for a rank's batches (0-based)."""
    if len(batches) == 0:
        return QCoreApplication.translate("ParallelLab", "idle")
    return str(batches[0]) if len(batches) == 1 else f"{batches[0]}–{batches[-1]}"
