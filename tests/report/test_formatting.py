"""Costs read as positional dollars, per 1,000 tasks: never `$1.38e-05`."""

from arcsynth.report.formatting import percent, usd, usd_per_thousand


def test_small_costs_are_never_in_scientific_notation():
    for value in (1.38e-05, 2.5e-07, 1e-9, 0.0042, 0.5):
        assert "e" not in usd(value) and "e" not in usd_per_thousand(value).split(" per ")[0]
    assert usd(1.38e-05) == "$0.0000138"
    assert usd(0.0042) == "$0.00420"
    assert usd(12.345) == "$12.35" and usd(1234.5) == "$1,234.50"
    assert usd(-0.25) == "-$0.250" and usd(0) == "$0" and usd(None) == "n/a"


def test_cost_per_task_is_shown_per_thousand_tasks():
    assert usd_per_thousand(1.38e-05) == "$0.0138 per 1,000 tasks"
    assert usd_per_thousand(0.02) == "$20.00 per 1,000 tasks"
    assert usd_per_thousand(None) == "n/a"


def test_percent():
    assert percent(0.425) == "42.5%" and percent(None) == "n/a"
