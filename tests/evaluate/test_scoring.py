import numpy as np
import pytest

from arcsynth.evaluate import aggregate_scores, output_solved, parse_submission, score_submission
from arcsynth.errors import DataError
from arcsynth.grid import make_grid
from arcsynth.task import Pair, Task

EXPECTED = make_grid([[1, 2], [3, 4]])


def test_output_solved_needs_exact_shape_and_cells():
    assert output_solved(EXPECTED, [make_grid([[1, 2], [3, 4]])])
    assert not output_solved(EXPECTED, [make_grid([[1, 2], [3, 5]])])
    assert not output_solved(EXPECTED, [make_grid([[1, 2, 0], [3, 4, 0]])])
    assert not output_solved(EXPECTED, [make_grid([[1, 2, 3, 4]])])


def test_second_attempt_counts_third_does_not():
    wrong = make_grid([[0]])
    assert output_solved(EXPECTED, [wrong, EXPECTED])
    assert not output_solved(EXPECTED, [wrong, wrong, EXPECTED])


def test_three_scores_keep_every_task_in_the_denominator():
    scores = aggregate_scores([[True, False], [True], [False], []])
    assert scores.score == pytest.approx((0.5 + 1 + 0 + 0) / 4)
    assert scores.score_strict == pytest.approx(1 / 4)
    assert scores.score_per_output == pytest.approx(2 / 4)
    assert (scores.tasks, scores.test_outputs, scores.solved_tasks, scores.solved_outputs) == (4, 4, 1, 2)


def _task(task_id, outputs):
    return Task(task_id, (Pair(make_grid([[0]]), make_grid([[0]])),),
                tuple(Pair(make_grid([[0]]), make_grid(output)) for output in outputs))


def test_score_submission_counts_missing_tasks_and_inputs_as_wrong():
    tasks = [_task("a", [[[1]], [[2]]]), _task("b", [[[3]]]), _task("c", [[[4]]])]
    submission = parse_submission({
        "a": [{"attempt_1": [[0]], "attempt_2": [[1]]}],  # second test input missing
        "b": [{"attempt_1": [[3]], "attempt_2": [[0]]}],
    }, "s.json")
    scores = score_submission(submission, tasks)
    assert scores.score == pytest.approx((0.5 + 1 + 0) / 3)
    assert scores.score_per_output == pytest.approx(2 / 4)


def test_malformed_submission_is_a_data_error():
    with pytest.raises(DataError, match="s.json: a"):
        parse_submission({"a": {"attempt_1": [[0]]}}, "s.json")
    with pytest.raises(DataError):
        parse_submission([1], "s.json")
    assert np.asarray(parse_submission({"a": [{"attempt_1": [[5]]}]}, "s.json")["a"][0][0]).tolist() == [[5]]
