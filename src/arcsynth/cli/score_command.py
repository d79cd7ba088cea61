"""`arcsynth score`: score any Kaggle-format submission against known solutions.

The denominator is the whole dataset named by --data: a task the submission lacks counts as
wrong, and how many it lacks is said. Tasks of the dataset whose test outputs are unknown are
left out of the scores, and counted. `--only-submitted` scores over the submission's tasks only.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from arcsynth.cli.notes import print_dataset_warnings, print_warning
from arcsynth.cli.options import add_data_option
from arcsynth.cli.summary import format_percent
from arcsynth.data import load_dataset
from arcsynth.data.ids import check_task_id
from arcsynth.data.load import read_json
from arcsynth.data.validate import parse_grid
from arcsynth.errors import DataError, UnknownTaskError
from arcsynth.evaluate import parse_submission, score_submission

__all__ = ["NAME", "HELP", "add_arguments", "run"]

NAME = "score"
HELP = "score a Kaggle-format submission.json against the solutions of a dataset"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `arcsynth score`."""
    parser.add_argument("submission", type=Path, metavar="SUBMISSION", help="a Kaggle submission.json")
    add_data_option(parser, None, "the tasks with their solutions (required)")
    parser.add_argument("--only-submitted", action="store_true",
                        help="score over the tasks the submission names only; default: every task of --data, "
                             "those missing from the submission counting as wrong")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")


def _check_attempt_grids(raw: dict, file: str) -> None:
    """Every attempt a grid of 0..9 (an empty list stands for no answer); one line naming the place."""
    for task_id, entries in raw.items():
        for index, entry in enumerate(entries):
            for key in ("attempt_1", "attempt_2"):
                if key in entry and entry[key] != []:
                    parse_grid(entry[key], file=file, path=f"{task_id}[{index}].{key}")


def run(args: argparse.Namespace) -> int:
    """Score and print the three figures, over what, and what was left out."""
    if args.data is None:
        raise DataError("--data NAME|PATH is required: the tasks with their solutions")
    file = str(args.submission)
    raw = read_json(args.submission)
    submission = parse_submission(raw, file)
    _check_attempt_grids(raw, file)
    if not submission:
        raise DataError("no tasks in the submission: nothing to score", file=file)
    unread = [f"{task_id}[{index}]" for task_id, entries in sorted(submission.items())
              for index, attempts in enumerate(entries) if not attempts]
    entry_count = sum(len(entries) for entries in submission.values())
    if unread and len(unread) == entry_count:
        raise DataError(f"none of its {entry_count} entries has attempt_1 or attempt_2 (e.g. {unread[0]}): nothing "
                        "to score", file=file)
    dataset = load_dataset(args.data)
    print_dataset_warnings(dataset)
    by_id = {task.id: task for task in dataset.tasks}
    unknown = sorted(set(submission) - set(by_id))
    if unknown:
        check_task_id(unknown[0], file=file)  # an unsafe id is named safely (and cut short)
        raise UnknownTaskError(f"{len(unknown)} task ids are not in {dataset.name}, e.g. {unknown[0]!r}",
                               file=file)
    for task_id, entries in sorted(submission.items()):
        if len(entries) > len(by_id[task_id].test):
            raise DataError(f"{len(entries)} entries for {len(by_id[task_id].test)} test inputs", file=file,
                            path=task_id)
    chosen = tuple(by_id[task_id] for task_id in sorted(submission)) if args.only_submitted else dataset.tasks
    tasks = tuple(task for task in chosen if task.has_test_outputs)
    left_out = len(chosen) - len(tasks)
    if not tasks:
        first = chosen[0].id if chosen else "?"
        raise DataError(f"no solutions for task {first} (and {len(chosen) - 1} more); cannot score",
                        file=dataset.name)
    missing = sum(1 for task in tasks if task.id not in submission)
    scores = score_submission(submission, tasks)
    if args.json:
        print(json.dumps({"score": scores.score, "score_strict": scores.score_strict,
                          "score_per_output": scores.score_per_output, "tasks": scores.tasks,
                          "test_outputs": scores.test_outputs, "tasks_missing_from_submission": missing,
                          "tasks_without_solutions": left_out}))
    else:
        print(f"score {format_percent(scores.score)}  score_strict {format_percent(scores.score_strict)}  "
              f"score_per_output {format_percent(scores.score_per_output)}  "
              f"over {scores.tasks} tasks, {scores.test_outputs} test outputs ({dataset.name})")
        if missing:
            print(f"{missing} of the {scores.tasks} tasks are missing from the submission and count as wrong")
        if left_out:
            print(f"{left_out} task(s) left out: their test outputs are not known")
    if unread:
        print_warning(f"{file}: {len(unread)} of its {entry_count} entries have neither attempt_1 nor attempt_2 "
                      f"(e.g. {unread[0]}) and count as wrong")
    marker = args.submission.with_name(args.submission.name + ".INCOMPLETE")
    if marker.is_file():
        print_warning(f"{marker} says the run that wrote this submission did not finish")
    return 0
