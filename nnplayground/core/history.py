"""Metric series kept in fixed memory however long training runs.

Rows are appended one per recorded step. When the buffer fills, every second row is
dropped and from then on only every second append is kept (the stride doubles), so the
series always spans the whole run at an even, coarser resolution.
"""
from __future__ import annotations

import numpy as np

HISTORY_ROWS = 2048  # rows a history keeps by default, however long the run


class MetricHistory:
    """Named columns of numbers against an x (the iteration), in at most ``capacity`` rows."""

    def __init__(self, columns, capacity: int = HISTORY_ROWS):
        if capacity < 2 or capacity % 2:
            raise ValueError("capacity must be an even number >= 2")
        self.columns = tuple(columns)
        self._index = {name: i for i, name in enumerate(self.columns)}
        self.capacity = capacity
        self._x = np.empty(capacity)
        self._rows = np.full((capacity, len(self.columns)), np.nan)
        self._length = 0
        self.stride = 1
        self._offered = 0

    def __len__(self) -> int:
        return self._length

    def append(self, x, *parts) -> None:
        """Offer one row, given as consecutive parts in column order (NaN where missing)."""
        self._offered += 1
        if (self._offered - 1) % self.stride:
            return
        if self._length == self.capacity:
            self._halve()
            if (self._offered - 1) % self.stride:
                return
        self._x[self._length] = x
        row, start = self._rows[self._length], 0
        for part in parts:
            row[start:start + len(part)] = part
            start += len(part)
        self._length += 1

    def extend(self, x, rows) -> None:
        """Offer ``len(x)`` rows at once, ``rows`` a (len(x), columns) array: the rows ``append``
        would keep, in a few array copies rather than one call per row."""
        x, rows = np.asarray(x), np.asarray(rows)
        done = 0
        while done < len(x):
            first = done + (-self._offered) % self.stride  # the next row the stride keeps
            if first >= len(x):  # none of the rest is kept
                self._offered += len(x) - done
                return
            if self._length == self.capacity:  # as in append: halve, then look again with the new stride
                self._halve()
                self._offered += first - done
                done = first
                continue
            kept = min(self.capacity - self._length, 1 + (len(x) - 1 - first) // self.stride)
            taken = slice(first, first + (kept - 1) * self.stride + 1, self.stride)
            self._x[self._length:self._length + kept] = x[taken]
            self._rows[self._length:self._length + kept] = rows[taken]
            self._length += kept
            end = first + (kept - 1) * self.stride + 1  # just past the last row kept
            self._offered += end - done
            done = end

    def _halve(self) -> None:
        """Keep every second row and every second append from now on (the buffer is full)."""
        half = self.capacity // 2
        self._x[:half] = self._x[0::2]
        self._rows[:half] = self._rows[0::2]
        self._length = half
        self.stride *= 2

    @property
    def x(self) -> np.ndarray:
        """The kept rows' x values (a copy)."""
        return self._x[: self._length].copy()

    def column(self, name) -> np.ndarray:
        """One column over the kept rows (a copy)."""
        return self._rows[: self._length, self._index[name]].copy()

    def clear(self) -> None:
        """Forget every row, back to keeping every append."""
        self._length, self.stride, self._offered = 0, 1, 0
