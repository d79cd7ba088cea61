"""Error messages as one bounded line (issue 17, item 7)."""

from __future__ import annotations

from arcsynth.errors import MAX_LINE, one_line


def test_a_short_message_is_kept_with_its_line_breaks_escaped():
    assert one_line("file.json: bad\nsecond\rthird") == "file.json: bad\\nsecond\\rthird"


def test_a_long_message_keeps_its_start_and_end_and_says_how_long_it_was():
    message = "programs/x.dsl: line 1: " + "I, " * 100_000 + "takes 1 argument, got 100000"
    line = one_line(message)
    assert len(line) == MAX_LINE
    assert line.startswith("programs/x.dsl: line 1: I, I,")
    assert line.endswith("takes 1 argument, got 100000")
    assert f"({len(message)} characters in all)" in line


def test_any_limit_is_kept_even_a_tiny_one():
    assert all(len(one_line("y" * 1000, limit)) <= max(limit, 40) for limit in (10, 50, 120, 300))
