"""Which of two published figures is higher, told only when the figures' own words make it
certain: "more than 800" is higher than 215, but "more than 800" against 900 can't be told.
A qualifier makes a figure a range; two ranges that overlap are not compared."""

from __future__ import annotations

import math

from bot.knowledge.models import Figure

# each qualifier as the range of true values it allows: (low, low open?, high, high open?)
_NEAR = 0.1  # "about 100" / "nearly 100": within a tenth of it


def _bounds(qualifier: str, value: float) -> tuple[float, bool, float, bool]:
    if qualifier == "more_than":
        return value, True, math.inf, True
    if qualifier == "at_least":
        return value, False, math.inf, True
    if qualifier == "fewer_than":
        return 0.0, False, value, True
    if qualifier == "up_to":
        return 0.0, False, value, False
    if qualifier == "nearly":
        return value * (1 - _NEAR), False, value, True
    if qualifier == "about":
        return value * (1 - _NEAR), False, value * (1 + _NEAR), False
    return value, False, value, False


def _above(a: tuple[float, bool, float, bool], b: tuple[float, bool, float, bool]) -> bool:
    """Every value range `a` allows is above every value `b` allows."""
    low, low_open = a[0], a[1]
    high, high_open = b[2], b[3]
    return low > high or (low == high and (low_open or high_open))


def order(a: Figure | float, b: Figure | float) -> int | None:
    """1 if `a` is certainly higher, -1 if certainly lower, None if equal or can't be told.
    A plain number (one the asker gave) is exact."""
    ra = _bounds(a.qualifier, a.value) if isinstance(a, Figure) else _bounds("exact", a)
    rb = _bounds(b.qualifier, b.value) if isinstance(b, Figure) else _bounds("exact", b)
    if _above(ra, rb):
        return 1
    if _above(rb, ra):
        return -1
    return None
