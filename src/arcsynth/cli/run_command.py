"""`arcsynth run`: run DSL programs on ARC tasks and report, per pair, whether the output matches.

One file: `arcsynth run prog.dsl TASK` prints a line per train and test pair; with `--trace`,
every step's value on every pair (grids drawn) and the output beside the expected grid with the
wrong cells marked. A folder: `arcsynth run programs/arc1-train --data arc1-train` runs every
`<task_id>.dsl` in it on the task its file name names, prints one line per program and
`N/M programs solve their tasks`; a file that cannot be read, parsed or type-checked, or whose
task cannot be found, does not stop the others: it is reported at the end, one line each on
stderr. Exit 0 only when every program solves its task, 1 when some do not, 2 when a program
file is bad (one line naming the file and the line) or a task cannot be found.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

from arcsynth.cli.color import color_enabled
from arcsynth.cli.options import add_data_option
from arcsynth.data import Dataset, find_task, load_dataset
from arcsynth.data.catalog import NAMED_DATASETS
from arcsynth.data.files import MAX_PROGRAM_BYTES, read_text_bounded
from arcsynth.dsl import Registry, default_registry
from arcsynth.errors import (ArcsynthError, DataError, DslTypeError, ParseError, ProgramError, UnknownTaskError,
                             UsageError, one_line)
from arcsynth.grid import is_valid_grid
from arcsynth.program import Program, StepTypeError, compile_program, parse_program, step_line_numbers
from arcsynth.program.text import print_step
from arcsynth.program.verify import ProgramVerification, verify_program
from arcsynth.report.terminal import render_grids_side_by_side
from arcsynth.report.values import describe_value
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
    parser.add_argument("--trace", action="store_true",
                        help="(one program file) print every step's value on every pair, grids drawn, and the "
                             "output beside the expected grid with the wrong cells marked")
    parser.add_argument("--no-color", action="store_true",
                        help="digits instead of colored cells (the default when not writing to a terminal or "
                             "when NO_COLOR is set)")


def read_program(path: Path, registry: Registry) -> Program:
    """The well-typed program in `path`; ProgramError in one line naming the file and line."""
    try:  # an editor's byte-order mark is not program text
        text = read_text_bounded(path, MAX_PROGRAM_BYTES, what="program file", encoding="utf-8-sig")
    except DataError as error:
        raise ProgramError(str(error)) from None
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


def _summary(outcome: ProgramVerification) -> str:
    verdict = "solved" if outcome.solved else "NOT solved"
    line = f"{outcome.task_id}: {verdict} ({outcome.matched}/{outcome.known} pairs match)"
    failure = outcome.first_failure()
    return line if failure is None else f"{line}; {failure.describe()}"


def _print_trace(program: Program, task: Task, registry: Registry, use_color: bool) -> None:
    """Every step's value on every pair, then the output beside the expected output."""
    compiled = compile_program(program, registry)
    last = len(program.steps)
    for split, pairs in (("train", task.train), ("test", task.test)):
        for index, pair in enumerate(pairs, 1):
            print(f"--- {split} {index}")
            values, error = compiled.partial_trace(pair.input)
            print("  I = the input")
            for line in describe_value(pair.input, use_color=use_color):
                print(f"    {line}".rstrip())
            for position, value in enumerate(values[1:], 1):
                print(f"  {print_step(program.steps[position - 1], position, last)}")
                if position == last and isinstance(value, np.ndarray) and is_valid_grid(value):
                    break  # the output is drawn below, beside the expected one
                for line in describe_value(value, use_color=use_color):
                    print(f"    {line}".rstrip())
            if error is not None:
                print(f"  {print_step(program.steps[len(values) - 1], len(values), last)}")
                print(f"    error: {error}")
                continue
            output = values[-1]
            if not (isinstance(output, np.ndarray) and is_valid_grid(output)):
                print("    (not a valid output grid)")
                continue
            grids, titles, marks = [output], ["output"], [pair.output]
            if pair.output is not None:
                grids.append(pair.output)
                titles.append("expected")
                marks.append(None)
            drawing = render_grids_side_by_side(grids, titles, use_color=use_color, expected=marks)
            print("\n".join(f"    {line}" for line in drawing.splitlines()))


def _run_file(path: Path, task_ref: str | None, data: str | None, registry: Registry, trace: bool = False,
              use_color: bool = False) -> int:
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
    if trace:
        _print_trace(program, task, registry, use_color)
        print("---")
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
    finder = _TaskFinder(data)
    solved, ran, bad = 0, 0, []
    for path in files:
        # A bad file (unreadable, unparsable, ill-typed, unknown task) is noted and the rest run.
        try:
            program = read_program(path, registry)
            try:
                task = finder.find(path.stem)
            except UnknownTaskError as error:
                raise UnknownTaskError(f"{path}: {error}") from None
        except ArcsynthError as error:
            bad.append(str(error))
            continue
        outcome = verify_program(program, task, registry)
        solved += outcome.solved
        ran += 1
        print(_summary(outcome), flush=True)
    print(f"{solved}/{ran} programs solve their tasks"
          + (f"; {len(bad)} of {len(files)} files could not be run (listed on stderr)" if bad else ""))
    for message in bad:
        print(one_line(f"arcsynth run: error: {message}"), file=sys.stderr)
    if bad:
        return 2
    return 0 if solved == ran else 1


def run(args: argparse.Namespace) -> int:
    """Run the program file or every program in the folder."""
    registry = default_registry()
    if args.program.is_dir():
        if args.task:
            raise UsageError("with a folder of programs the task comes from each file name; drop TASK")
        if args.trace:
            raise UsageError("--trace works on one program file, not a folder")
        return _run_folder(args.program, args.data, registry)
    if not args.program.exists():
        raise UsageError(f"{args.program}: no such program file or folder")
    return _run_file(args.program, args.task, args.data, registry, trace=args.trace,
                     use_color=color_enabled(sys.stdout, refused=args.no_color))
