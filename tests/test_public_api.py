import types

import arcsynth


def _accidental_public_names(module) -> set[str]:
    """Public names of `module` that are neither in its __all__ nor submodules; and names of
    __all__ that are missing."""
    exported = set(module.__all__)
    public = {name for name in dir(module)
              if not name.startswith("_") and not isinstance(getattr(module, name), types.ModuleType)}
    return public ^ {name for name in exported if not name.startswith("_")}


def test_all_names_exist_and_nothing_else_is_public_by_accident(monkeypatch):
    for name in arcsynth.__all__:
        assert hasattr(arcsynth, name), name
    assert len(set(arcsynth.__all__)) == len(arcsynth.__all__)
    assert {"load_dataset", "load_task", "solve", "evaluate", "evaluate_dataset", "score", "LEVELS"} <= set(
        arcsynth.__all__)
    assert _accidental_public_names(arcsynth) == set()
    # the check sees a name that leaks out (e.g. a helper imported into the package namespace)
    monkeypatch.setattr(arcsynth, "leaked_helper", lambda: None, raising=False)
    assert _accidental_public_names(arcsynth) == {"leaked_helper"}


def test_load_solve_and_score_from_python(tmp_path):
    task = arcsynth.load_task("007bbfb7", data="arc1-train")
    solution = arcsynth.solve(task, level="tiny", solver="transforms")
    assert len(solution.attempts) == len(task.test)
    run = arcsynth.evaluate_dataset("arc1-train", tmp_path / "run", limit=2, workers=1, solver="transforms")
    assert run.results.tasks == 2
    submission = __import__("json").loads((tmp_path / "run" / "submission.json").read_text())
    assert arcsynth.score(submission, "arc1-train").score == run.results.score
