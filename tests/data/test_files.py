"""Input files read with a bound on their size (issue 17, item 6)."""

from __future__ import annotations

import pytest

from arcsynth.data.files import read_text_bounded
from arcsynth.data.load import read_json
from arcsynth.errors import DataError


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_refused(tmp_path):
    path = tmp_path / "x.dsl"
    path.write_text("a" * 100)
    assert read_text_bounded(path, 100) == "a" * 100
    with pytest.raises(DataError, match=r"x.dsl: larger than 99 bytes, the most a program file may hold"):
        read_text_bounded(path, 99, what="program file")


def test_parsing_that_runs_out_of_memory_is_a_data_error_naming_the_file(tmp_path, monkeypatch):
    path = tmp_path / "task.json"
    path.write_text('{"train": []}')

    def no_memory(*args, **kwargs):
        raise MemoryError
    monkeypatch.setattr("arcsynth.data.load.json.loads", no_memory)
    with pytest.raises(DataError, match=r"task.json: too large to read in the memory available"):
        read_json(path)
