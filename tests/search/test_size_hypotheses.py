"""Output-size hypotheses on real ARC-AGI-1 training tasks."""

from arcsynth.data import load_dataset
from arcsynth.search.deduce import shape_hypotheses, task_facts


def _task(task_id):
    return load_dataset("arc1-train").get(task_id)


def test_content_box_predicts_a_crop():
    task = _task("1cf80156")
    assert [name for name, _ in shape_hypotheses(task)] == ["content box", "content box (0 background)"]
    facts = task_facts(task.without_test_outputs())
    assert facts.test_shapes == tuple(p.output.shape for p in task.test)


def test_scaled_input():
    task = _task("007bbfb7")
    assert "scaled 3x3" in [name for name, _ in shape_hypotheses(task)]
    assert task_facts(task.without_test_outputs()).allowed_test_shapes[0] == frozenset({(9, 9)})


def test_count_of_colors_as_a_side():
    task = _task("f8ff0b80")
    assert "colors x 1" in [name for name, _ in shape_hypotheses(task)]


def test_hypotheses_never_read_test_outputs():
    task = _task("1cf80156")
    assert task_facts(task) == task_facts(task.without_test_outputs())


def test_allowed_shapes_hold_on_almost_every_training_task():
    tasks = load_dataset("arc1-train").tasks
    right = wrong = 0
    for task in tasks:
        allowed = task_facts(task.without_test_outputs()).allowed_test_shapes
        if not allowed:
            continue
        if all(p.output.shape in shapes for p, shapes in zip(task.test, allowed)):
            right += 1
        else:
            wrong += 1
    assert right >= 340 and wrong <= 2
