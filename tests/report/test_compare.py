import json

import pytest

from arcsynth.report.compare import compare_runs, format_comparison
from tests.report.run_factory import write_run


def _set_score(run_dir, task_id, correct):
    path = run_dir / "tasks" / f"{task_id}.json"
    record = json.loads(path.read_text())
    for entry in record["test"]:
        entry["correct"] = correct
    record["score"] = 1.0 if correct else 0.0
    path.write_text(json.dumps(record))


def test_gained_lost_and_deltas(tmp_path, dataset_dir):
    a = write_run(tmp_path / "a", dataset_dir, level="tiny")
    b = write_run(tmp_path / "b", dataset_dir, level="low", cpu_scale=10)
    _set_score(b, "b2nearmiss", True)   # gained
    _set_score(b, "a1solved", False)    # lost
    results_b = json.loads((b / "results.json").read_text())
    results_b["score"] = 0.5
    (b / "results.json").write_text(json.dumps(results_b))
    comparison = compare_runs(a, b)
    assert [c.task_id for c in comparison.gained] == ["b2nearmiss"]
    assert [(c.task_id, c.before, c.after) for c in comparison.lost] == [("a1solved", 1.0, 0.0)]
    assert comparison.common == 6 and comparison.delta("score") == pytest.approx(0.25)
    assert comparison.figures["usd_per_task"][1] == pytest.approx(10 * comparison.figures["usd_per_task"][0])
    text = format_comparison(comparison)
    assert "gained b2nearmiss" in text.replace("  ", " ") and "lost   a1solved" in text
    assert "+25.0 pt" in text and "(x10)" in text


def test_different_task_sets_and_data_are_reported(tmp_path, dataset_dir):
    a = write_run(tmp_path / "a", dataset_dir, task_ids=["a1solved", "b2nearmiss"])
    b = write_run(tmp_path / "b", "other-data", task_ids=["b2nearmiss", "c3twotests"])
    comparison = compare_runs(a, b)
    assert comparison.only_in_a == ("a1solved",) and comparison.only_in_b == ("c3twotests",)
    assert any("data differs" in warning for warning in comparison.warnings)
    assert "only in A: 1 task(s): a1solved" in format_comparison(comparison)


def _edit(path, **changes):
    content = json.loads(path.read_text())
    content.update(changes)
    path.write_text(json.dumps(content))


def test_every_differing_setting_is_listed_before_the_figures(tmp_path, dataset_dir):
    a = write_run(tmp_path / "a", dataset_dir, level="tiny")
    b = write_run(tmp_path / "b", dataset_dir, level="low")
    _edit(b / "run.json", budget_seconds=10.0, data_version="test:2", seed=3)
    _edit(b / "results.json", budget_seconds=10.0, data_version="test:2", seed=3)
    record = json.loads((b / "tasks" / "a1solved.json").read_text())
    record["stats"] = {"prior": "count-prior-v2"}
    (b / "tasks" / "a1solved.json").write_text(json.dumps(record))
    comparison = compare_runs(a, b)
    assert not comparison.like_for_like
    assert [(d.key, d.a, d.b) for d in comparison.differences] == [
        ("data_version", "test:1", "test:2"), ("level", "tiny", "low"), ("budget_seconds", 1.0, 10.0),
        ("prior", None, "count-prior-v2"), ("seed", 0, 3)]
    text = format_comparison(comparison)
    lines = text.splitlines()
    first_figure = next(i for i, line in enumerate(lines) if line.startswith("score "))
    for needle in ("DATA MISMATCH", "data version", "level", "budget seconds", "prior", "seed"):
        assert any(needle in line for line in lines[:first_figure]), needle
    assert "5 difference(s)" in text and "test:1 -> test:2" in text.replace("  ", " ")


def test_like_for_like_runs_say_so(tmp_path, dataset_dir):
    a = write_run(tmp_path / "a", dataset_dir)
    b = write_run(tmp_path / "b", dataset_dir)
    comparison = compare_runs(a, b)
    assert comparison.like_for_like and comparison.differences == ()
    assert "like-for-like" in format_comparison(comparison).splitlines()[3]


def test_a_different_task_set_is_a_data_mismatch(tmp_path, dataset_dir):
    a = write_run(tmp_path / "a", dataset_dir)
    b = write_run(tmp_path / "b", dataset_dir, task_ids=["a1solved", "b2nearmiss"])
    text = format_comparison(compare_runs(a, b))
    assert text.splitlines()[3].startswith("DATA MISMATCH") and "task set" in text
