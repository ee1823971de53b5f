"""The rank timeline: per rank, a bar for its compute and, after it, one for its all-reduce.

The Cost model tab draws two: the cost model's for the lab's last simulated iteration (every
rank starts the all-reduce when the slowest has computed), and the mean iteration measured on
real ranks (real_ranks.py), where a rank that computed sooner waits longer in the all-reduce.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from ...language import Retranslating
from ..common import LabPlot

COMPUTE_COLOR, COMMUNICATION_COLOR = "#1f77b4", "#ff7f0e"


class RankTimeline(Retranslating, LabPlot):
    """Rank 0 at the top; time in milliseconds along x (its title from ``set_x_label``);
    ``bars`` holds the compute bars of every rank, then their all-reduce bars."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.x_label = ""
        self.bars = pg.BarGraphItem(x0=[], y=[], width=[], height=0.6, brushes=[])
        self.item.addItem(self.bars)
        self.item.invertY(True)
        self.retranslate()

    def set_x_label(self, text: str) -> None:
        """The x axis's title (the owner's words, written again by it on a language switch)."""
        self.x_label = text
        self.set_labels(text, self.tr("rank"))

    def retranslate(self) -> None:
        """The axis titles and the legend."""
        self.set_x_label(self.x_label)
        self.set_extra_entries([("■", COMPUTE_COLOR, self.tr("compute")),
                                ("■", COMMUNICATION_COLOR, self.tr("all-reduce"))])

    def draw_ranks(self, compute, reduce_start, reduce) -> None:
        """Rank r computes from 0 for ``compute[r]`` seconds and all-reduces from
        ``reduce_start[r]`` for ``reduce[r]`` seconds; empty arrays clear the plot."""
        compute, reduce_start, reduce = (np.asarray(a, dtype=float) * 1e3 for a in (compute, reduce_start, reduce))
        ranks = compute.size
        if ranks == 0:
            self.bars.setOpts(x0=[], y=[], width=[], brushes=[])
            return
        brushes = [pg.mkBrush(COMPUTE_COLOR)] * ranks + [pg.mkBrush(COMMUNICATION_COLOR)] * ranks
        self.bars.setOpts(x0=np.concatenate([np.zeros(ranks), reduce_start]), y=np.tile(np.arange(ranks), 2),
                          width=np.concatenate([compute, reduce]), brushes=brushes)
        self.item.getAxis("left").setTicks([[(i, str(i)) for i in range(ranks)]])
        end = max(float(np.max(compute)), float(np.max(reduce_start + reduce)), 1e-6)
        self.item.setRange(xRange=(0, end), yRange=(-0.5, ranks - 0.5), padding=0.02)
