"""Loading and validating ARC tasks: bundled datasets, task files, folders, Kaggle files."""

from arcsynth.data.catalog import NAMED_DATASETS
from arcsynth.data.load import Dataset, find_task, load_dataset, load_task_file
from arcsynth.data.validate import parse_grid, parse_task

__all__ = ["NAMED_DATASETS", "Dataset", "find_task", "load_dataset", "load_task_file", "parse_grid", "parse_task"]
