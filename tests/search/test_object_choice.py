"""The object-choice completer on real ARC-AGI-1 training tasks."""

import numpy as np
import pytest

from arcsynth.budget import Budget
from arcsynth.data import load_dataset
from arcsynth.search import SearchConfig, search


@pytest.mark.parametrize("task_id", ["8efcae92", "be94b721", "ae4f1146"])
def test_deduces_the_selected_object(task_id):
    task = load_dataset("arc1-train").get(task_id)
    result = search(task.without_test_outputs(), Budget(max_nodes=3000), config=SearchConfig(kernel_views=()))
    best = result.candidates[0]
    assert best.fits_all and best.origin == "object-choice"
    assert "crop_to_object" in best.text
    for prediction, pair in zip(best.predictions, task.test):
        assert np.array_equal(prediction, pair.output)


def test_without_the_completer_the_same_budget_does_not_find_it():
    task = load_dataset("arc1-train").get("39a8645d")
    config = SearchConfig(kernel_views=(), object_choice=False)
    result = search(task.without_test_outputs(), Budget(max_nodes=3000), config=config)
    right = [c for c in result.candidates if c.fits_all
             and all(np.array_equal(p, pair.output) for p, pair in zip(c.predictions, task.test))]
    assert not right   # (with the policy on, a composition fits the train pairs; it is wrong on the test)
