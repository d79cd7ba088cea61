from pathlib import Path

import numpy as np
import pytest

from arcsynth.dsl.registry import default_registry
from arcsynth.program.interpreter import run_program
from arcsynth.program.text import parse_program
from arcsynth.search.verify import verify_candidate
from arcsynth.search.views import (IDENTITY, SYMMETRY_NAMES, color_permutation, find_pair_renamers, find_swap_colors,
                                   find_symmetries, pair_color_keep, pair_color_view, permutation_swaps, task_views)
from arcsynth.task import Pair, Task

PROGRAMS = Path(__file__).resolve().parents[2] / "programs" / "arc1-train"
REGISTRY = default_registry()


def _all_grids(task):
    return [p.input for p in task.train + task.test] + [p.output for p in task.train]


def test_every_symmetry_is_found_with_its_inverse():
    found = find_symmetries(REGISTRY)
    assert [s.name for s in found] == list(SYMMETRY_NAMES)
    probe = np.arange(12, dtype=np.uint8).reshape(3, 4)
    for symmetry in found:
        assert np.array_equal(symmetry.inverse.function(symmetry.forward.function(probe)), probe)
    assert find_swap_colors(REGISTRY).name == "swap_colors"


def test_task_views_are_eight_symmetries_times_colors(training_tasks):
    task = training_tasks["f25fbde4"]
    views = task_views(task, REGISTRY)
    assert views[0] is IDENTITY
    assert len(views) == 16 and len({v.name for v in views}) == 16
    assert sum(v.perm is not None for v in views) == 8
    assert len(task_views(task, REGISTRY, colors=False)) == 8


@pytest.mark.parametrize("task_id", ["f25fbde4", "a740d043", "3c9b0459"])
def test_view_grids_round_trip(task_id, training_tasks):
    task = training_tasks[task_id]
    for view in task_views(task, REGISTRY):
        for grid in _all_grids(task):
            assert np.array_equal(view.unapply_grid(view.apply_grid(grid)), grid), view.name


def test_color_normalisation_puts_the_background_first(training_tasks):
    task = training_tasks["a740d043"]          # background 1 (blue)
    perm = color_permutation(task)
    assert sorted(perm) == list(range(10))
    assert perm[1] == 0
    view = next(v for v in task_views(task, REGISTRY) if v.name == "colors")
    viewed = view.apply_task(task)
    assert all(np.bincount(p.input.ravel()).argmax() == 0 for p in viewed.train)


def test_permutation_swaps_realise_the_permutation():
    rng = np.random.default_rng(3)
    grid = np.arange(10, dtype=np.uint8).reshape(2, 5)
    for _ in range(20):
        perm = tuple(int(c) for c in rng.permutation(10))
        out = grid.copy()
        for a, b in permutation_swaps(perm):
            out = np.where(out == a, b, np.where(out == b, a, out))
        assert np.array_equal(out, np.asarray(perm, dtype=np.uint8)[grid])


def test_color_permutation_reads_inputs_only(training_tasks):
    task = training_tasks["a740d043"]
    changed = type(task)(task.id, tuple(Pair(p.input, np.zeros((3, 3), np.uint8)) for p in task.train),
                         tuple(Pair(p.input, np.full((2, 2), 9, np.uint8)) for p in task.test))
    assert color_permutation(changed) == color_permutation(task)


def test_apply_task_never_carries_test_outputs(training_tasks):
    task = training_tasks["f25fbde4"]
    assert task.has_test_outputs
    for view in task_views(task, REGISTRY):
        viewed = view.apply_task(task)
        assert all(p.output is None for p in viewed.test)
        for original, seen in zip(task.train, viewed.train):
            assert np.array_equal(seen.output, view.apply_grid(original.output))


@pytest.mark.parametrize("task_id", ["f25fbde4", "a740d043", "7468f01a"])
def test_wrapped_program_is_the_view_conjugate(task_id, training_tasks):
    """wrap_program(P) computes v^-1(P(v(I))) for any program P, on every view."""
    task = training_tasks[task_id]
    program = parse_program((PROGRAMS / f"{task_id}.dsl").read_text(), REGISTRY)
    for view in task_views(task, REGISTRY):
        wrapped = view.wrap_program(program)
        for pair in task.train + task.test:
            expected = view.unapply_grid(run_program(program, view.apply_grid(pair.input), REGISTRY))
            assert np.array_equal(run_program(wrapped, pair.input, REGISTRY), expected), view.name


@pytest.mark.parametrize("task_id", ["f25fbde4", "a740d043"])
def test_a_program_solving_a_view_solves_the_task(task_id, training_tasks):
    """The hand-written program P solves the task; v(P) = v . P . v^-1 solves the view of it, and
    wrapping v(P) back gives a program that solves the original task (test outputs included)."""
    task = training_tasks[task_id]
    program = parse_program((PROGRAMS / f"{task_id}.dsl").read_text(), REGISTRY)
    for view in task_views(task, REGISTRY):
        if view.is_identity:
            continue
        viewed = view.apply_task(task)
        # v . P . v^-1 as a program on the view: the inverse view of the view is its wrap's mirror.
        inverse_then_program = _conjugate(view, program)
        assert verify_candidate(inverse_then_program, viewed, REGISTRY, 0.0, "test").fits_all, view.name
        back = view.wrap_program(inverse_then_program)
        candidate = verify_candidate(back, task, REGISTRY, 0.0, "test")
        assert candidate.fits_all, view.name
        for pair, prediction in zip(task.test, candidate.predictions):
            assert np.array_equal(prediction, pair.output), view.name


def _conjugate(view, program):
    """A program computing v(P(v^-1(J))) on the viewed input J, built from the view's own primitives."""
    from arcsynth.program.nodes import Lit, Program, Ref, Step
    from arcsynth.search.views import permutation_swaps as swaps_of
    steps = []
    swaps = swaps_of(view.perm) if view.perm is not None else ()
    for a, b in reversed(swaps):
        steps.append(Step(view.swap.name, (Ref(len(steps)), Lit(a), Lit(b))))
    if view.symmetry is not None:
        steps.append(Step(view.symmetry.inverse.name, (Ref(len(steps)),)))
    offset = len(steps)
    for step in program.steps:
        steps.append(Step(step.primitive, tuple(Ref(a.index + offset) if isinstance(a, Ref) else a
                                                for a in step.args)))
    if view.symmetry is not None:
        steps.append(Step(view.symmetry.forward.name, (Ref(len(steps)),)))
    for a, b in swaps:
        steps.append(Step(view.swap.name, (Ref(len(steps)), Lit(a), Lit(b))))
    return Program(tuple(steps))


def test_a_task_solvable_only_through_a_turned_view_is_found(training_tasks):
    """2013d3e2 (crop to the content, keep its top-left 3x3) turned a quarter counter-clockwise
    keeps the content's bottom-left corner: no two grid operations do that, but through the
    rot90 view it is the original task again."""
    from dataclasses import replace

    from arcsynth.search.depth2 import enumerate_depth2

    original = training_tasks["2013d3e2"]

    def turn(grid):
        out = np.ascontiguousarray(np.rot90(grid, 1))
        out.setflags(write=False)
        return out
    task = replace(original, train=tuple(Pair(turn(p.input), turn(p.output)) for p in original.train),
                   test=tuple(Pair(turn(p.input), turn(p.output)) for p in original.test))
    hidden = task.without_test_outputs()
    assert not enumerate_depth2(hidden, REGISTRY, None, [IDENTITY]).solved
    views = [v for v in task_views(hidden, REGISTRY, colors=False) if v.name in ("identity", "rot90", "rot270")]
    result = enumerate_depth2(hidden, REGISTRY, None, views)
    best = result.candidates[0]
    assert best.fits_all and best.origin == "depth2~rot90"
    assert best.program.steps[0].primitive == "rot90" and best.program.steps[-1].primitive == "rot270"
    for pair, prediction in zip(task.test, best.predictions):
        assert np.array_equal(prediction, pair.output)


def _grid(*rows):
    out = np.array([[int(c) for c in row] for row in rows], dtype=np.uint8)
    out.setflags(write=False)
    return out


def test_pair_color_keep_fixes_the_colors_the_task_fixes():
    """8 is added by every output and is in no input; 5 is in every input and no output; the
    shape colors (1, 2, 3) change from pair to pair and are renamed."""
    task = Task("toy", (Pair(_grid("115", "000"), _grid("118", "000")),
                        Pair(_grid("225", "200"), _grid("228", "200")),
                        Pair(_grid("053", "333"), _grid("083", "333"))), (Pair(_grid("445", "000"), None),))
    assert pair_color_keep(task) == (1 << 8) | (1 << 5)
    view = pair_color_view(task, REGISTRY)
    assert view is not None and view.renamers == find_pair_renamers(REGISTRY)
    viewed = view.apply_task(task)
    # pair 2: 2 (three cells) becomes 0, 0 (two cells) becomes 1; 5 and 8 stay
    assert np.array_equal(viewed.train[1].input, _grid("005", "011"))
    assert np.array_equal(viewed.train[1].output, _grid("008", "011"))
    for pair in viewed.train:
        assert np.array_equal(pair.output, np.where(pair.input == 5, 8, pair.input))
    assert all(p.output is None for p in viewed.test)


def test_pair_color_view_only_where_it_explains_the_outputs_colors(training_tasks):
    assert pair_color_view(training_tasks["aabf363d"], REGISTRY) is not None   # recolor by the dot's color
    assert pair_color_view(training_tasks["f25fbde4"], REGISTRY) is None       # one color everywhere


def test_a_program_found_in_the_pair_color_view_solves_the_task(training_tasks):
    """aabf363d: the shape takes the color of the corner dot, which differs in every pair. In the
    pair-colors view the shape is always 1 and the dot 2: two fixed-color steps solve it, and
    the wrapped program solves the task itself, test output included."""
    from arcsynth.search.depth2 import enumerate_depth2

    task = training_tasks["aabf363d"]
    view = pair_color_view(task, REGISTRY)
    program = parse_program("x1 = recolor_nonzero(I, 2)\nO = erase_isolated(x1)\n", REGISTRY)
    assert verify_candidate(program, view.apply_task(task), REGISTRY, 0.0, "test").fits_all
    wrapped = view.wrap_program(program)
    assert wrapped.steps[0].primitive == "normalize_colors" and wrapped.steps[-1].primitive == "restore_colors"
    for pair in task.train + task.test:
        assert np.array_equal(run_program(wrapped, pair.input, REGISTRY), pair.output)
        inside = run_program(program, view.apply_task(Task("t", (), (Pair(pair.input, None),))).test[0].input, REGISTRY)
        assert np.array_equal(view.unapply_prediction(inside, pair.input), pair.output)
    best = enumerate_depth2(task.without_test_outputs(), REGISTRY, None, [view]).candidates[0]
    assert best.fits_all and best.origin.endswith("~pair-colors")
    assert np.array_equal(best.predictions[0], task.test[0].output)



def test_the_pair_colors_pass_runs_first_where_colors_change_roles(training_tasks):
    """On aabf363d the task's own depth-2 pass would fit the train pairs with a color map that
    cannot know the test's colors; the pair-colors pass runs first and its program is right."""
    from arcsynth.budget import Budget
    from arcsynth.search import search

    task = training_tasks["aabf363d"]
    result = search(task.without_test_outputs(), Budget(max_nodes=6000))
    assert [run["pass"] for run in result.stats.runs][0] == "depth2-pair-colors"
    best = result.candidates[0]
    assert best.origin.endswith("~pair-colors") and best.fits_all
    assert np.array_equal(best.predictions[0], task.test[0].output)
