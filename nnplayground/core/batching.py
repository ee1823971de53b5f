"""The iteration/epoch schedule: which training samples each iteration sees.

One iteration trains on one batch; one epoch is a full pass over the training set, i.e.
``batches_per_epoch`` iterations (1000 samples in batches of 100: 10 iterations).
"""
from __future__ import annotations

import math

import numpy as np


class BatchSchedule:
    """Batch boundaries and the sample order of each epoch.

    mode: 'shuffle' draws a new order every epoch, 'fixed' keeps the stored order,
    'repeat_one' trains on the same single batch forever (to show memorising one batch).
    partial: 'keep' trains on the last smaller batch, 'drop' skips it.
    """

    def __init__(self, num_samples: int, batch_size: int, mode="shuffle", partial="keep", rng=None):
        self.num_samples = num_samples
        self.batch_size = min(batch_size, num_samples)
        self.mode = mode
        self.partial = partial
        self.rng = rng if rng is not None else np.random.default_rng(0)
        self.batches_per_epoch = iterations_per_epoch(num_samples, batch_size, partial)
        self._repeat_order = self.rng.permutation(num_samples) if mode == "repeat_one" else None
        self.bounds = [self._bounds(b) for b in range(self.batches_per_epoch)]  # [start, stop) per batch

    @property
    def samples_per_epoch(self) -> int:
        """Samples actually trained on in one epoch (fewer than all when the partial batch is dropped)."""
        if self.mode == "repeat_one":
            return self.batch_size * self.batches_per_epoch
        return min(self.num_samples, self.batch_size * self.batches_per_epoch)

    def epoch_order(self):
        """The sample order for the next epoch, or None to use the stored order unchanged."""
        if self.mode == "shuffle":
            return self.rng.permutation(self.num_samples)
        return self._repeat_order  # None for 'fixed'

    def _bounds(self, batch_index: int) -> tuple[int, int]:
        """[start, stop) of a 0-based batch within the epoch's order."""
        if self.mode == "repeat_one":
            return 0, self.batch_size
        start = batch_index * self.batch_size
        return start, min(start + self.batch_size, self.num_samples)


def iterations_per_epoch(num_samples: int, batch_size: int, partial="keep") -> int:
    """ceil(N / batch) when the last partial batch is kept, floor(N / batch) when dropped."""
    batch_size = min(batch_size, num_samples)
    return math.ceil(num_samples / batch_size) if partial == "keep" else num_samples // batch_size
