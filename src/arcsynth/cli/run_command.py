"""`arcsynth run`: run DSL programs on ARC tasks and report, per pair, whether the output matches.

One file: `arcsynth run prog.dsl TASK` prints a line per train and test pair. A folder:
`arcsynth run programs/arc1-train --data arc1-train` runs every `<task_id>.dsl` in it on the task
its file name names, prints one line per program and `N/M programs solve their tasks`. Exit 0
only when every program solves its task, 1 otherwise, 2 when a program file cannot be read,
parsed or type-checked (one line naming the file and the line) or a task cannot be found.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from arcsynth.cli.options import add_data_option
from arcsynth.data import Dataset, find_task, load_dataset
from arcsynth.data.catalog import NAMED_DATASETS
from arcsynth.dsl import Registry, default_registry
from arcsynth.errors import DslTypeError, ParseError, ProgramError, UnknownTaskError, UsageError
from arcsynth.program import Program, StepTypeError, compile_program, parse_program, step_line_numbers
from arcsynth.program.verify import TaskOutcome, verify_program
from arcsynth.task import Task

__all__ = ["NAME", "HELP", "add_arguments", "run", "PROGRAM_SUFFIX", "read_program"]

NAME = "run"
HELP = "run DSL programs on tasks and report per pair whether the output matches"
PROGRAM_SUFFIX = ".dsl"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `arcsynth run`."""
    parser.add_argument("program", metavar="PROGRAM_FILE|FOLDER", type=Path,
                        help=f"a program file, or a folder of <task_id>{PROGRAM_SUFFIX} files")
    parser.add_argument("task", metavar="TASK_FILE|TASK_ID", nargs="?",
                        help="the task to run a program file on (default: the id in its file name); "
                             "not used with a folder")
    add_data_option(parser, None, "where to find task ids (default: every bundled dataset in turn)")


def read_program(path: Path, registry: Registry) -> Program:
    """The well-typed program in `path`; ProgramError in one line naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # an editor's byte-order mark is not program text
    except (OSError, UnicodeDecodeError) as error:
        raise ProgramError(f"{path}: cannot read: {getattr(error, 'strerror', None) or error}") from None
    try:
        program = parse_program(text, registry)
    except ParseError as error:
        raise ParseError(f"{path}: {error}") from None
    try:
        compile_program(program, registry)  # type-checks, and refuses oversize literals or lengths
    except StepTypeError as error:
        line = step_line_numbers(text)[error.position - 1]
        raise DslTypeError(f"{path}: line {line}: {error}") from None
    except ProgramError as error:
        raise ProgramError(f"{path}: {error}") from None
    return program


class _TaskFinder:
    """Finds tasks by id, loading each dataset at most once (a folder run asks for hundreds)."""

    def __init__(self, data: str | None) -> None:
        self._names = [data] if data else list(NAMED_DATASETS)
        self._loaded: dict[str, dict[str, Task]] = {}
        self._where = data if data else "any bundled dataset"

    def _tasks(self, name: str) -> dict[str, Task]:
        if name not in self._loaded:
            dataset: Dataset = load_dataset(name)
            self._loaded[name] = {task.id: task for task in dataset.tasks}
        return self._loaded[name]

    def find(self, task_id: str) -> Task:
        for name in self._names:
            task = self._tasks(name).get(task_id)
            if task is not None:
                return task
        raise UnknownTaskError(f"unknown task id {task_id!r} in {self._where}")


def _summary(outcome: TaskOutcome) -> str:
    verdict = "solved" if outcome.solved else "NOT solved"
    line = f"{outcome.task_id}: {verdict} ({outcome.matched}/{outcome.known} pairs match)"
    failure = outcome.first_failure()
    return line if failure is None else f"{line}; {failure.describe()}"


def _run_file(path: Path, task_ref: str | None, data: str | None, registry: Registry) -> int:
    program = read_program(path, registry)
    if task_ref and (Path(task_ref).suffix == ".json" or Path(task_ref).is_file()):
        task, _ = find_task(task_ref, data)
    elif task_ref:
        task = _TaskFinder(data).find(task_ref)
    else:
        try:
            task = _TaskFinder(data).find(path.stem)
        except UnknownTaskError as error:
            raise UnknownTaskError(f"{path}: {error} (the id in the file name); name the task as TASK") from None
    outcome = verify_program(program, task, registry)
    print(f"{path}: task {task.id}")
    for pair in outcome.pairs:
        print(f"  {pair.describe()}")
    print(_summary(outcome))
    return 0 if outcome.solved else 1


def _run_folder(folder: Path, data: str | None, registry: Registry) -> int:
    try:
        with os.scandir(folder):  # glob would take an unreadable folder for an empty one
            pass
    except OSError as error:
        raise UsageError(f"{folder}: cannot read ({error.strerror})") from None
    files = sorted(folder.glob(f"*{PROGRAM_SUFFIX}"))
    if not files:
        raise UsageError(f"{folder}: no {PROGRAM_SUFFIX} program files")
    # Read everything first: bad input is reported before any work, as one line.
    programs = [(path, read_program(path, registry)) for path in files]
    finder = _TaskFinder(data)
    solved = 0
    for path, program in programs:
        try:
            task = finder.find(path.stem)
        except UnknownTaskError as error:
            raise UnknownTaskError(f"{path}: {error}") from None
        outcome = verify_program(program, task, registry)
        solved += outcome.solved
        print(_summary(outcome), flush=True)
    print(f"{solved}/{len(programs)} programs solve their tasks")
    return 0 if solved == len(programs) else 1


def run(args: argparse.Namespace) -> int:
    """Run the program file or every program in the folder."""
    registry = default_registry()
    if args.program.is_dir():
        if args.task:
            raise UsageError("with a folder of programs the task comes from each file name; drop TASK")
        return _run_folder(args.program, args.data, registry)
    if not args.program.exists():
        raise UsageError(f"{args.program}: no such program file or folder")
    return _run_file(args.program, args.task, args.data, registry)
