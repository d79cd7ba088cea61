"""Writing into run folders without following planted symbolic links (issue 17, item 3)."""

from __future__ import annotations

import pytest

from arcsynth.errors import RunError
from arcsynth.evaluate.no_links import refuse_links, write_text_no_follow


def test_a_link_anywhere_below_the_root_is_named(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "tasks").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    with pytest.raises(RunError, match=r"/run/tasks: is a symbolic link"):
        refuse_links(tmp_path / "run" / "tasks" / "t1.json", tmp_path / "run")
    with pytest.raises(RunError, match=r"/run/tasks: is a symbolic link"):
        write_text_no_follow(tmp_path / "run" / "tasks" / "t1.json", "{}", tmp_path / "run")
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_the_root_itself_may_be_a_link_and_plain_files_are_written(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "named").symlink_to(tmp_path / "real", target_is_directory=True)
    write_text_no_follow(tmp_path / "named" / "a.json", "{}", tmp_path / "named")
    write_text_no_follow(tmp_path / "named" / "a.json", "[]", tmp_path / "named")  # overwrites a plain file
    assert (tmp_path / "real" / "a.json").read_text() == "[]"


def test_a_dangling_link_is_refused_too(tmp_path):
    (tmp_path / "report.html").symlink_to(tmp_path / "not-yet")
    with pytest.raises(RunError, match="report.html: is a symbolic link"):
        write_text_no_follow(tmp_path / "report.html", "<p>", tmp_path)
    assert not (tmp_path / "not-yet").exists()
