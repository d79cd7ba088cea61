import pytest

from arcsynth.report.outcomes import NEAR_MISS_CELL_FRACTION, cell_agreement, task_outcome


def _record(attempts, expected, correct, status="ok"):
    return {"status": status, "test": [{"attempts": [{"output": a} for a in attempts], "expected": expected,
                                        "correct": correct}]}


def test_cell_agreement_is_the_share_of_equal_cells_and_none_for_another_shape():
    assert cell_agreement([[1, 2], [3, 4]], [[1, 2], [3, 0]]) == 0.75
    assert cell_agreement([[1, 2]], [[1], [2]]) is None


def test_solved_failed_and_near_miss():
    assert task_outcome(_record([[[1]]], [[1]], True)).solved
    near = task_outcome(_record([[[1] * 10]], [[1] * 9 + [2]], False))
    assert near.kind == "failed" and near.failed and near.near_miss and near.best_agreement == 0.9
    far = task_outcome(_record([[[1] * 10]], [[2] * 10], False))
    assert far.failed and not far.near_miss
    wrong_shape = task_outcome(_record([[[1]]], [[1, 1]], False))
    assert wrong_shape.failed and wrong_shape.best_agreement is None


def test_threshold_is_inclusive():
    cells = 10
    right = int(NEAR_MISS_CELL_FRACTION * cells)
    attempt = [[1] * cells]
    expected = [[1] * right + [2] * (cells - right)]
    assert task_outcome(_record([attempt], expected, False)).near_miss


@pytest.mark.parametrize("status", ["error", "timeout", "memory", "crashed"])
def test_worker_failures_are_errors_and_count_as_failed(status):
    outcome = task_outcome({"status": status, "error": "boom", "test": [{"attempts": [], "correct": False}]})
    assert outcome.kind == "error" and outcome.failed and not outcome.near_miss


def test_missing_and_unknown():
    assert task_outcome(None).kind == "missing" and task_outcome(None).failed
    unknown = task_outcome(_record([[[1]]], None, None))
    assert unknown.kind == "unknown" and not unknown.failed and not unknown.solved


def test_partial_solution_is_failed_but_not_solved():
    record = {"status": "ok", "test": [{"attempts": [{"output": [[1]]}], "expected": [[1]], "correct": True},
                                       {"attempts": [], "expected": [[2]], "correct": False}]}
    outcome = task_outcome(record)
    assert outcome.kind == "partial" and outcome.failed and not outcome.solved
