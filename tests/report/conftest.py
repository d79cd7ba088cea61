"""Fixtures: a dataset folder and run folders covering every case a report must show."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.report.run_factory import write_dataset, write_run


@pytest.fixture
def dataset_dir(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "data")


@pytest.fixture
def run_dir(tmp_path: Path, dataset_dir: Path) -> Path:
    return write_run(tmp_path / "run", dataset_dir)


@pytest.fixture
def unknown_run_dir(tmp_path: Path) -> Path:
    """A run whose expected outputs were unknown (test outputs withheld from the data)."""
    data = write_dataset(tmp_path / "data-unknown", with_outputs=False)
    return write_run(tmp_path / "run-unknown", data, known=False)
