"""The checks every experiment section runs on creation, and the error they raise.

Shared by core/experiment.py and the optional sections kept in their own modules (such as
core/parallel_spec.py), so each message has one wording: the field's dotted path, then
what is wrong with a short repr of the value.
"""
from __future__ import annotations

import math
import reprlib


class ExperimentError(ValueError):
    """A bad experiment description; ``field`` is the dotted path of the culprit."""

    def __init__(self, field: str, message: str):
        self.field, self.message = field, message
        super().__init__(f"{field}: {message}" if field else message)


def require(ok: bool, name: str, message: str) -> None:
    """Raise ExperimentError(name, message) unless ``ok``."""
    if not ok:
        raise ExperimentError(name, message)


_SHORT = reprlib.Repr()
_SHORT.maxstring, _SHORT.maxlong, _SHORT.maxother = 60, 30, 60
SHOWN_CHARS = 80


def shown(value) -> str:
    """repr(value) cut to a readable length: a message stays one short line whatever a file holds."""
    if isinstance(value, int) and value.bit_length() > 256:  # its digits say nothing; past 4300 repr() raises
        return f"a whole number of about {value.bit_length() * math.log10(2):.0f} digits"
    text = _SHORT.repr(value)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS - 3] + "..."


def choice(value, name, options) -> None:
    """``value`` must be one of ``options``."""
    require(value in options, name, f"must be one of {', '.join(options)}; got {shown(value)}")


def in_range(value, name, low, high, *, low_open=False, high_open=False) -> None:
    """``value`` must lie in the interval from ``low`` to ``high`` (closed unless said open)."""
    ok = (low < value if low_open else low <= value) and (value < high if high_open else value <= high)
    interval = f"{'(' if low_open else '['}{low}, {high}{')' if high_open else ']'}"
    require(ok, name, f"must be in {interval}; got {shown(value)}")
