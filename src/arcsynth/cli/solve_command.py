"""`arcsynth solve`: solve one task here and now; print both attempts and their programs."""

from __future__ import annotations

import argparse
import resource
import sys
import time

import numpy as np

from arcsynth.budget import DEFAULT_LEVEL, LEVELS, Budget, level_budget
from arcsynth.cli.color import color_enabled
from arcsynth.cli.options import add_data_option, add_solver_options, positive_int, positive_seconds
from arcsynth.cli.show_command import MAX_PAIRS_SHOWN, not_shown
from arcsynth.data import find_task
from arcsynth.evaluate import DEFAULT_PRICE_PER_CPU_HOUR, output_solved, usd_for_cpu_seconds
from arcsynth.report.formatting import usd
from arcsynth.report.terminal import render_grids_side_by_side, wrong_cells
from arcsynth.solver import make_solver
from arcsynth.task import Pair

__all__ = ["NAME", "HELP", "add_arguments", "run"]

NAME = "solve"
HELP = "solve one task (a task file or a task id) and print its attempts with their programs"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `arcsynth solve`."""
    parser.add_argument("task", metavar="TASK_FILE|TASK_ID", help="a task JSON file, or a task id")
    add_data_option(parser, None, "where to find a task id (default: every bundled dataset)")
    parser.add_argument("--level", default=DEFAULT_LEVEL, choices=tuple(LEVELS),
                        help=f"compute level (default: {DEFAULT_LEVEL})")
    parser.add_argument("--budget", type=positive_seconds, metavar="SECONDS", help="CPU seconds (overrides --level)")
    parser.add_argument("--nodes", type=positive_int, metavar="N", help="search-node limit")
    add_solver_options(parser)
    parser.add_argument("--all", action="store_true",
                        help=f"draw every test input (default: at most {MAX_PAIRS_SHOWN}, and how many more "
                             "there are)")
    parser.add_argument("--no-color", action="store_true", help="digits instead of colored cells (the default when not writing to a terminal or when NO_COLOR is set)")


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _verdict(output: np.ndarray, expected: np.ndarray) -> str:
    """`right`, `wrong: 3 of 9 cells (marked)`, or `wrong shape 2x2, expected 3x3`."""
    if output.shape != expected.shape:
        return (f"wrong shape {output.shape[0]}x{output.shape[1]}, "
                f"expected {expected.shape[0]}x{expected.shape[1]}")
    wrong = int(wrong_cells(output, expected).sum())
    return "right" if wrong == 0 else f"wrong: {wrong} of {expected.size} cells (marked)"


def run(args: argparse.Namespace) -> int:
    """Solve; print; 1 when the expected outputs are known and not all solved."""
    task, dataset = find_task(args.task, args.data)
    budget = Budget(cpu_seconds=args.budget or level_budget(args.level).cpu_seconds, max_nodes=args.nodes)
    solver = make_solver(args.solver, seed=args.seed, prior=args.prior)
    cpu_before, wall_before = _cpu_seconds(), time.monotonic()
    solution = solver.solve(task.without_test_outputs(), budget)
    cpu = _cpu_seconds() - cpu_before
    wall = time.monotonic() - wall_before
    use_color = color_enabled(sys.stdout, refused=args.no_color)
    print(f"task {task.id} ({dataset.name}): {len(task.train)} train pairs, {len(task.test)} test inputs")
    limit = len(task.test) if args.all else MAX_PAIRS_SHOWN
    solved_count = 0
    for index, pair in enumerate(task.test):
        attempts = solution.attempts[index] if index < len(solution.attempts) else ()
        outputs = [np.asarray(a.output) for a in attempts]
        if pair.output is not None:
            solved_count += output_solved(pair.output, outputs)
        if index < limit:
            _print_test(index, pair, attempts, outputs, use_color)
    known = sum(pair.output is not None for pair in task.test)
    if len(task.test) > limit:
        print()
        print(not_shown(len(task.test) - limit, "test inputs"))
        if known:
            print(f"{solved_count} of the {known} test inputs with a known output solved")
    price = DEFAULT_PRICE_PER_CPU_HOUR
    print(f"\ncost: {cpu:.3f} CPU-s, {wall:.3f} wall-s, {usd(usd_for_cpu_seconds(cpu, price))} "
          f"at ${price}/CPU-hour, {solution.nodes} nodes")
    return 0 if solved_count == known else 1


def _print_test(index: int, pair: Pair, attempts: tuple, outputs: list, use_color: bool) -> None:
    """One test input beside its attempts (and the expected output, with the wrong cells marked)."""
    grids = [pair.input] + outputs
    titles = [f"test {index + 1} input"] + [f"attempt {k + 1}" for k in range(len(attempts))]
    # where the answer is known, each attempt's wrong cells are marked against it
    marks = [None] + [pair.output] * len(outputs)
    if pair.output is not None:
        grids.append(pair.output)
        titles.append("expected")
        marks.append(None)
    print()
    print(render_grids_side_by_side(grids, titles, use_color=use_color, expected=marks))
    if pair.output is not None:
        for number, output in enumerate(outputs, start=1):
            print(f"attempt {number}: {_verdict(output, pair.output)}")
        solved = output_solved(pair.output, outputs)
        print(f"test {index + 1}: {'SOLVED' if solved else 'not solved'}")
    if not attempts:
        print(f"test {index + 1}: no attempt")
    for number, attempt in enumerate(attempts, start=1):
        print(f"attempt {number} program:")
        print("  " + (attempt.program or "(none)").replace("\n", "\n  "))
