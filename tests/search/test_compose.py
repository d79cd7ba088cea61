import numpy as np

from arcsynth.budget import Budget
from arcsynth.dsl.registry import default_registry
from arcsynth.program.interpreter import run_program
from arcsynth.program.nodes import Lit, Program, Ref, Step
from arcsynth.search import SearchConfig, search
from arcsynth.search.compose import MODES, Layer, Piece, compose, composition_program, embedded, recolored
from arcsynth.task import Pair, Task

REGISTRY = default_registry()


def _grid(rows):
    grid = np.array(rows, dtype=np.uint8)
    grid.setflags(write=False)
    return grid


def _piece(program_text_steps, inputs, depth=1, cost=1.0):
    """A piece computed by running `program` on every input, so that the test is honest about it."""
    program = Program(tuple(program_text_steps))
    grids = tuple(run_program(program, grid, REGISTRY) for grid in inputs)
    return Piece(grids, depth, cost, lambda: program)


FLIP_H = Step("flip_h", (Ref(0),))
FLIP_V = Step("flip_v", (Ref(0),))
ROT180 = Step("rot180", (Ref(0),))

INPUTS = [_grid([[1, 0, 0], [0, 2, 0], [0, 0, 0]]),
          _grid([[0, 3, 0], [0, 0, 0], [4, 0, 0]]),
          _grid([[5, 0, 6], [0, 0, 0], [0, 0, 0]])]     # the last one plays the test input


def _overlay_of_flips(grid):
    """The target rule: the left-right mirror laid over the top-bottom mirror (0 transparent)."""
    h, v = grid[:, ::-1], grid[::-1, :]
    return np.where(h != 0, h, v)


def test_two_pieces_compose_into_every_train_output_and_the_program_reproduces_them():
    pieces = [_piece([FLIP_H], INPUTS), _piece([FLIP_V], INPUTS), _piece([ROT180], INPUTS)]
    targets = [_overlay_of_flips(g) for g in INPUTS[:2]]
    found, stats = compose(targets, pieces)
    assert stats.stopped == "complete" and stats.runs >= 1
    best = found[0]
    assert best.train_solved == 2
    assert [MODES[layer.mode] for layer in best.layers][0] == "fg"
    program = composition_program(best, pieces)
    for grid in INPUTS:
        assert np.array_equal(run_program(program, grid, REGISTRY), _overlay_of_flips(grid))


def test_a_piece_that_contradicts_an_unexplained_cell_is_never_laid():
    # Only a piece with a wrong non-zero cell can explain the target's non-zero cell: no composition.
    wrong = Piece((_grid([[7, 0], [0, 0]]), _grid([[7, 0], [0, 0]])), 1, 1.0,
                  lambda: Program((Step("flip_h", (Ref(0),)),)))
    found, _ = compose([_grid([[1, 0], [0, 0]])], [wrong])
    assert found == []


def test_a_background_layer_paints_zero_where_its_piece_is_zero():
    inputs = [_grid([[1, 1], [1, 0]]), _grid([[2, 0], [2, 2]]), _grid([[0, 3], [3, 3]])]
    # Target: the input, with 0 wherever its mirror is 0 (the input kept under the mirror's non-zero cells).
    targets = [np.where(g[:, ::-1] != 0, g, 0).astype(np.uint8) for g in inputs[:2]]
    pieces = [_piece([FLIP_H, Step("flip_h", (Ref(1),))], inputs, depth=2), _piece([FLIP_H], inputs)]
    found, _ = compose(targets, pieces)
    assert found and found[0].train_solved == 2
    assert {MODES[layer.mode] for layer in found[0].layers} >= {"bg"}
    program = composition_program(found[0], pieces)
    for grid in inputs:
        assert np.array_equal(run_program(program, grid, REGISTRY), np.where(grid[:, ::-1] != 0, grid, 0))


def test_a_composition_must_set_every_test_cell():
    # The only piece leaves the test grid's corner unexplained in every mode that explains the train output.
    piece = Piece((_grid([[1, 0]]), _grid([[0, 0]])), 1, 1.0, lambda: Program((FLIP_H,)))
    found, _ = compose([_grid([[1, 5]])], [piece])
    assert found == []


def test_an_odd_train_pair_does_not_stop_the_rule_of_the_others():
    pieces = [_piece([FLIP_H], INPUTS), _piece([FLIP_V], INPUTS)]
    odd = _grid([[9, 9, 9], [9, 9, 9], [9, 9, 9]])
    targets = [_overlay_of_flips(INPUTS[0]), _overlay_of_flips(INPUTS[1]), odd]
    inputs = INPUTS[:2] + [INPUTS[0], INPUTS[2]]
    pieces = [_piece([FLIP_H], inputs), _piece([FLIP_V], inputs)]
    found, _ = compose(targets, pieces)
    assert found and found[0].train_solved == 2


def test_compose_stops_on_its_cpu_budget():
    pieces = [_piece([FLIP_H], INPUTS), _piece([FLIP_V], INPUTS)]
    found, stats = compose([_overlay_of_flips(g) for g in INPUTS[:2]], pieces, cpu_seconds=0.0)
    assert stats.stopped == "budget-cpu" and found == []


def test_layers_name_their_piece_and_mode():
    assert Layer(3, 1) == Layer(3, 1) and MODES[Layer(3, 1).mode] == "bg"


def _task(rule, inputs):
    train = tuple(Pair(g, _grid(rule(g))) for g in inputs[:-1])
    return Task("compose-toy", train, (Pair(inputs[-1], _grid(rule(inputs[-1]))),))


def test_search_answers_with_a_composition_when_no_single_program_fits():
    rng = np.random.default_rng(3)
    inputs = []
    for _ in range(4):
        grid = np.zeros((5, 5), dtype=np.uint8)
        grid[rng.random((5, 5)) < 0.25] = rng.integers(1, 10)
        inputs.append(_grid(grid))

    def rule(grid):   # three mirrors, each drawn over the next
        a, b, c = grid[:, ::-1], grid[::-1], grid.T
        return np.where(a != 0, a, np.where(b != 0, b, c)).astype(np.uint8)
    task = _task(rule, inputs)
    config = SearchConfig(compose_share=0.5)
    found = search(task.without_test_outputs(), Budget(max_nodes=20_000), registry=REGISTRY, config=config)
    composed = [c for c in found.candidates if c.origin == "compose" and c.fits_all]
    assert composed, [c.origin for c in found.candidates]
    assert np.array_equal(composed[0].predictions[0], task.test[0].output)
    assert any(run["pass"] == "compose" for run in found.stats.runs)
    off = search(task.without_test_outputs(), Budget(max_nodes=2_000), registry=REGISTRY,
                 config=SearchConfig(compose_share=0.0))
    assert not any(c.origin == "compose" for c in off.candidates)


def test_states_of_other_sizes_are_embedded_at_the_one_target_size():
    inputs = [_grid([[1, 2], [3, 4]]), _grid([[5, 6], [7, 8]]), _grid([[2, 2], [1, 1]])]
    state = _piece([FLIP_H], inputs)
    (piece,) = embedded([state], 3, 1)
    assert [g.shape for g in piece.grids] == [(3, 1)] * 3 and piece.depth == state.depth + 1
    program = piece.build()
    for grid, made in zip(inputs, piece.grids):
        assert np.array_equal(run_program(program, grid, REGISTRY), made)
        assert np.array_equal(made[:2, 0], grid[:, ::-1][:, 0]) and made[2, 0] == 0
    assert embedded([piece], 3, 1) == []      # already at the size: nothing to add


def test_recolored_pieces_paint_their_non_zero_cells_one_color_and_say_so_in_their_program():
    pieces = recolored([_piece([FLIP_H], INPUTS)], [4, 7])
    assert len(pieces) == 2
    for piece, color in zip(pieces, (4, 7)):
        for grid, made in zip(INPUTS, piece.grids):
            assert np.array_equal(made, np.where(grid[:, ::-1] != 0, color, 0))
            assert np.array_equal(run_program(piece.build(), grid, REGISTRY), made)


def test_holes_no_piece_sets_are_filled_from_patches_when_the_outputs_have_no_zero():
    from arcsynth.dsl.primitives.pattern import fill_zeros_by_patches
    rows = ["123123123123", "456456456456", "789789789789"] * 3
    full = _grid([[int(c) for c in row] for row in rows])
    inputs = []
    for top, left in ((1, 3), (4, 6), (2, 8)):
        holed = full.copy()
        holed[top:top + 2, left:left + 2] = 0
        inputs.append(_grid(holed))
    pieces = [_piece([FLIP_H, Step("flip_h", (Ref(1),))], inputs, depth=2)]      # the input itself
    found, _ = compose([full, full], pieces)
    assert found == []                       # the holes stay open without a fill
    found, _ = compose([full, full], pieces, fill=fill_zeros_by_patches)
    assert found and found[0].filled and found[0].train_solved == 2
    program = composition_program(found[0], pieces)
    assert program.steps[-1].primitive == "fill_zeros_by_patches"
    assert np.array_equal(run_program(program, inputs[2], REGISTRY), full)


def test_only_pieces_agreeing_with_some_output_cell_take_part_and_layers_name_the_callers_pieces():
    useless = Piece((_grid([[7, 7, 7]] * 3),) * 3, 1, 0.0, lambda: Program((FLIP_H,)))
    pieces = [useless, _piece([FLIP_H], INPUTS), _piece([FLIP_V], INPUTS)]
    found, stats = compose([_overlay_of_flips(g) for g in INPUTS[:2]], pieces)
    assert stats.pieces == 2
    assert found and {layer.piece for layer in found[0].layers} == {1, 2}
    program = composition_program(found[0], pieces)
    assert np.array_equal(run_program(program, INPUTS[2], REGISTRY), _overlay_of_flips(INPUTS[2]))
    _, capped = compose([_overlay_of_flips(g) for g in INPUTS[:2]], pieces, max_pieces=1)
    assert capped.pieces == 1
