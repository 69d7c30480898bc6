"""Which of two published figures is higher is told only when their own words make it
certain: a qualifier ("more than", "about", "up to") makes a figure a range."""

from __future__ import annotations

import pytest

from bot.comparison import order
from bot.knowledge.models import Figure


def fig(value: float, qualifier: str = "exact") -> Figure:
    return Figure(metric="arrests", value=value, qualifier=qualifier, scope="all")


@pytest.mark.parametrize(("a", "b", "expected"), [
    (fig(215), fig(32), 1),
    (fig(32), fig(215), -1),
    (fig(32), fig(32), None),
    (fig(800, "more_than"), fig(215), 1),          # above 800 is above 215
    (fig(800, "more_than"), fig(800), 1),          # "more than 800" is above exactly 800
    (fig(800, "more_than"), fig(900), None),       # 801 or 1,000: can't tell
    (fig(40000, "more_than"), fig(15000, "more_than"), None),
    (fig(100, "about"), fig(50), 1),
    (fig(100, "about"), fig(95), None),
    (fig(100, "up_to"), fig(150), -1),
    (fig(100, "nearly"), fig(100), -1),
    (14, fig(128), -1),                            # the asker's own number
    (900, fig(800, "more_than"), None),
])
def test_order_is_told_only_when_certain(a, b, expected):
    assert order(a, b) == expected
