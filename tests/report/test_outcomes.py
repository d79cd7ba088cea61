import pytest

from arcsynth.evaluate import OutputAttempts, RecordedAttempt, TaskRecord
from arcsynth.report.outcomes import NEAR_MISS_CELL_FRACTION, foreground_agreement, record_outcome


def _record_of(entries, status="ok", error=None):
    return TaskRecord("t", status, tuple(entries), 1.0, 1.0, 10, error=error)


def _record(attempts, expected, correct, status="ok"):
    return _record_of([OutputAttempts(tuple(RecordedAttempt(a) for a in attempts), correct, expected)], status)


def test_foreground_agreement_counts_cells_that_are_not_background_in_either_grid():
    assert foreground_agreement([[1, 2], [3, 4]], [[1, 2], [3, 0]]) == 0.75
    assert foreground_agreement([[0, 0, 0, 5]], [[0, 0, 0, 5]]) == 1.0
    assert foreground_agreement([[0, 0, 1, 0]], [[0, 0, 0, 2]]) == 0.0  # 2 of 4 cells right overall
    assert foreground_agreement([[0, 0]], [[0, 0]]) == 1.0
    assert foreground_agreement([[1, 2]], [[1], [2]]) is None


def test_a_copy_of_the_input_on_a_black_grid_is_not_a_near_miss():
    expected = [[0] * 9 + [2]]
    copy_of_input = [[0] * 9 + [1]]  # 90% of all cells right, none of the ones that matter
    outcome = record_outcome(_record([copy_of_input], expected, False))
    assert outcome.failed and not outcome.near_miss and outcome.best_agreement == 0.0


def test_solved_failed_and_near_miss():
    assert record_outcome(_record([[[1]]], [[1]], True)).solved
    near = record_outcome(_record([[[1] * 10]], [[1] * 9 + [2]], False))
    assert near.kind == "failed" and near.failed and near.near_miss and near.best_agreement == 0.9
    far = record_outcome(_record([[[1] * 10]], [[2] * 10], False))
    assert far.failed and not far.near_miss
    wrong_shape = record_outcome(_record([[[1]]], [[1, 1]], False))
    assert wrong_shape.failed and wrong_shape.best_agreement is None


def test_threshold_is_inclusive():
    cells = 20
    right = int(NEAR_MISS_CELL_FRACTION * cells)
    attempt = [[1] * cells]
    expected = [[1] * right + [2] * (cells - right)]
    assert record_outcome(_record([attempt], expected, False)).near_miss


@pytest.mark.parametrize("status", ["error", "timeout", "memory", "crashed"])
def test_worker_failures_are_errors_and_count_as_failed(status):
    outcome = record_outcome(_record_of([OutputAttempts((), False)], status, "boom"))
    assert outcome.kind == "error" and outcome.failed and not outcome.near_miss


def test_missing_and_unknown():
    assert record_outcome(None).kind == "missing" and record_outcome(None).failed
    unknown = record_outcome(_record([[[1]]], None, None))
    assert unknown.kind == "unknown" and not unknown.failed and not unknown.solved


def test_partial_solution_is_failed_but_not_solved():
    record = _record_of([OutputAttempts((RecordedAttempt([[1]]),), True, [[1]]), OutputAttempts((), False, [[2]])])
    outcome = record_outcome(record)
    assert outcome.kind == "partial" and outcome.failed and not outcome.solved
