"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest

from arcsynth.data import load_dataset


@pytest.fixture(scope="session")
def training_tasks() -> dict:
    """ARC-AGI-1 training tasks by id, in id order (read once per session; tasks are immutable)."""
    return {task.id: task for task in load_dataset("arc1-train").tasks}
