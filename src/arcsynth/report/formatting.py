"""Numbers as people read them: percentages, dollars, seconds."""

from __future__ import annotations

__all__ = ["percent", "usd", "seconds"]


def percent(value: float | None) -> str:
    """`42.5%`, or `n/a` when unknown (no expected outputs)."""
    return "n/a" if value is None else f"{100 * value:.1f}%"


def usd(value: float | None) -> str:
    """Dollars with sense for tiny amounts: `$12.34`, `$0.0042`, `$7.9e-08`."""
    if value is None:
        return "n/a"
    if value == 0:
        return "$0"
    if abs(value) >= 1:
        return f"${value:,.2f}"
    if abs(value) >= 1e-4:
        return f"${value:.4f}"
    return f"${value:.2g}"


def seconds(value: float | None) -> str:
    """`1.23 s`, or `n/a`."""
    return "n/a" if value is None else f"{value:.3g} s"
