"""Numbers as people read them: percentages, dollars, seconds. No scientific notation: a cost
per task of a cheap solver is shown per 1,000 tasks (`$0.0138 per 1,000 tasks`, not `$1.38e-05`)."""

from __future__ import annotations

import math

__all__ = ["percent", "usd", "usd_per_thousand", "seconds", "TASKS_PER_PRICE"]

TASKS_PER_PRICE = 1000  # costs per task are shown for this many tasks


def percent(value: float | None) -> str:
    """`42.5%`, or `n/a` when unknown (no expected outputs)."""
    return "n/a" if value is None else f"{100 * value:.1f}%"


def usd(value: float | None) -> str:
    """Dollars in positional notation: `$12.34`, `$0.0042`, `$0.0000138` (3 significant digits below $1)."""
    if value is None:
        return "n/a"
    if value == 0:
        return "$0"
    sign = "-" if value < 0 else ""
    amount = abs(value)
    if amount >= 1:
        return f"{sign}${amount:,.2f}"
    decimals = max(2, 2 - math.floor(math.log10(amount)))
    return f"{sign}${amount:.{decimals}f}"


def usd_per_thousand(per_task: float | None) -> str:
    """A cost per task as `$0.0138 per 1,000 tasks`."""
    if per_task is None:
        return "n/a"
    return f"{usd(per_task * TASKS_PER_PRICE)} per {TASKS_PER_PRICE:,} tasks"


def seconds(value: float | None) -> str:
    """`1.23 s`, or `n/a`."""
    return "n/a" if value is None else f"{value:.3g} s"
