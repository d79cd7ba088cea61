import numpy as np
import pytest

from arcsynth.budget import Budget
from arcsynth.program.interpreter import run_program
from arcsynth.program.text import parse_program, print_program
from arcsynth.search import KernelConfig, SearchConfig, choose_attempts, search
from arcsynth.search.extract import node_program
from arcsynth.search.result import Candidate
from arcsynth.search.state import ConstArg, Node
from arcsynth.dsl.registry import Registry, primitive
from arcsynth.dsl.types import GRID, Grid
from arcsynth.program.nodes import Lit
from tests.search import toy
from tests.search.toy import INPUTS, TESTS, TOY, make_task


def _solve(fn, budget=Budget(max_nodes=3000), config=None):
    task = make_task(fn, INPUTS, TESTS)
    return task, search(task.without_test_outputs(), budget, registry=TOY, config=config)


def _check_candidate(task, candidate):
    program = parse_program(candidate.text, TOY)
    assert program == candidate.program
    for pair in task.train + task.test:
        assert np.array_equal(run_program(program, pair.input, TOY), pair.output)


def test_finds_a_one_step_program():
    task, result = _solve(toy.rot90)
    assert result.solved
    best = result.candidates[0]
    assert best.text == "O = rot90(I)\n"
    assert best.fits_all and best.train_total == len(task.train)
    _check_candidate(task, best)


def test_finds_a_two_step_program_with_a_constant():
    task, result = _solve(lambda x: toy.upscale(toy.flip_h(x), 2))
    assert result.solved
    _check_candidate(task, result.candidates[0])


def test_uses_a_computed_color_state():
    def fn(x):
        return toy.replace_color(x, toy.least_color(x), 9)
    inputs = (toy.g("112", "100"), toy.g("3334", "0330"), toy.g("55", "56"))
    task = toy.make_task(fn, inputs, (toy.g("7788", "7000"),))
    result = search(task.without_test_outputs(), Budget(max_nodes=5000), registry=TOY)
    assert result.solved
    _check_candidate(task, result.candidates[0])
    assert "least_color" in result.candidates[0].text


def test_deduces_a_color_map():
    task, result = _solve(lambda x: toy.replace_color(toy.replace_color(toy.rot90(x), 1, 8), 2, 1),
                          config=SearchConfig(depth2_share=0, views_share=0, kernel=KernelConfig(max_depth=1)))
    assert result.solved
    best = result.candidates[0]
    # one step deep, the two recolorings after rot90 can only come from the color-map completer
    assert best.origin == "color-map"
    _check_candidate(task, best)


def test_stacks_partial_fits():
    def fn(x):
        return toy.overlay(toy.flip_h(x), toy.flip_v(x))
    inputs = (toy.g("100", "000", "020"), toy.g("003", "040", "000"), toy.g("000", "500", "006"))
    task = make_task(fn, inputs, (toy.g("070", "000", "008"),))
    # Partners only the input: overlay(flip_h(I), flip_v(I)) cannot be enumerated, only stacked.
    config = SearchConfig(kernel=KernelConfig(max_depth=1))
    result = search(task.without_test_outputs(), Budget(max_nodes=2000), registry=TOY, config=config)
    assert result.solved
    assert result.candidates[0].origin == "stacking"
    _check_candidate(task, result.candidates[0])


def always_fails(grid: Grid) -> Grid:
    """Refuses every grid."""
    raise ValueError("refused")


# rot90 and flip_v (two elements of the square's symmetries) and a primitive that always raises
TURN_FLIP_FAIL = Registry([primitive(toy.rot90), primitive(toy.flip_v), primitive(always_fails)])
ONLY_KERNEL = SearchConfig(depth2_share=0, views_share=0, kernel=KernelConfig(max_depth=2))


def _exhaust_depth_2(registry: Registry):
    """Search a task no program of `registry` solves, to depth 2, with room to try every program."""
    task = make_task(lambda x: toy.upscale(x, 2), (toy.g("120", "003"), toy.g("45", "60", "07")), (toy.g("12"),))
    return search(task.without_test_outputs(), Budget(max_nodes=100_000), registry=registry, config=ONLY_KERNEL)


def test_a_failing_primitive_only_rejects_candidates():
    # Depth 1 calls always_fails on the input, depth 2 on each of the two depth-1 states.
    result = _exhaust_depth_2(TURN_FLIP_FAIL)
    assert not result.solved and result.stats.nodes == 3 + 2 * 3
    assert result.stats.failures == 3
    task = make_task(lambda x: toy.flip_v(toy.rot90(x)), INPUTS, TESTS)
    solved = search(task.without_test_outputs(), Budget(max_nodes=100_000), registry=TURN_FLIP_FAIL,
                    config=ONLY_KERNEL)
    assert solved.solved and solved.candidates[0].text == "x1 = rot90(I)\nO = flip_v(x1)\n"


def test_dedupes_equal_states():
    # Of the four depth-2 programs flip_v(flip_v(I)) is the input itself; the other three are new.
    result = _exhaust_depth_2(TURN_FLIP_FAIL)
    assert result.stats.duplicates == 1
    assert result.stats.accepted == 2 + 3


def test_node_budget_is_respected_and_deterministic():
    fn = lambda x: toy.upscale(toy.rot90(toy.flip_v(x)), 3)  # noqa: E731
    first = _solve(fn, budget=Budget(max_nodes=700))[1]
    second = _solve(fn, budget=Budget(max_nodes=700))[1]
    assert first.stats.nodes <= 700
    assert [c.text for c in first.candidates] == [c.text for c in second.candidates]
    assert first.stats.nodes == second.stats.nodes
    assert first.stats.accepted == second.stats.accepted
    assert first.stats.pushed == second.stats.pushed


def _noise_task():
    rng = np.random.default_rng(0)
    inputs = tuple(toy.make_grid(rng.integers(0, 3, (3, 3))) for _ in range(3))
    outputs = tuple(toy.make_grid(rng.integers(0, 3, (3, 3))) for _ in range(3))
    from arcsynth.task import Pair, Task
    return Task("noise", tuple(Pair(i, o) for i, o in zip(inputs, outputs)), (Pair(inputs[0]),))


def test_only_the_cpu_budget_ends_a_search_nothing_solves():
    # A task no toy program solves, so only the CPU budget can end the search.
    result = search(_noise_task(), Budget(cpu_seconds=0.3), registry=TOY)
    assert result.stats.stopped == "budget-cpu" and not result.solved


@pytest.mark.slow  # a CPU-time threshold: noisy on a shared machine, so not in the default suite
def test_cpu_budget_is_respected():
    result = search(_noise_task(), Budget(cpu_seconds=0.3), registry=TOY)
    assert result.stats.stopped == "budget-cpu"
    assert result.stats.cpu_seconds < 0.3 + 0.25


def test_kernel_reads_the_clock_even_when_node_counts_jump():
    # Completers add several nodes per frontier pop, so the count can step over every multiple
    # of CHECK_EVERY; the clock must still be read once CHECK_EVERY nodes have passed.
    from arcsynth.search.cost import CostModel
    from arcsynth.search.kernel import CHECK_EVERY, Kernel, _Stop
    task = make_task(toy.rot90, INPUTS, TESTS)
    kernel = Kernel(task, TOY, CostModel.uniform(sorted(TOY)), Budget(cpu_seconds=1e-9), KernelConfig())
    kernel.next_clock_check = CHECK_EVERY
    kernel.stats.nodes = CHECK_EVERY + 1    # CHECK_EVERY was never seen; the deadline has long passed
    with pytest.raises(_Stop, match="budget-cpu"):
        kernel._check_budget()


def test_unsolved_task_still_gives_partial_candidates():
    task = _noise_task()
    result = search(task, Budget(max_nodes=500), registry=TOY)
    assert not result.solved
    assert result.candidates, "an unsolved task still gets partial candidates"
    assert all(not c.fits_all for c in result.candidates)
    assert all(len(c.predictions) == len(task.test) for c in result.candidates)


def test_node_program_shares_sub_programs():
    root = Node(0, GRID, (), None, 0.0, None, (), 0)
    a = Node(1, GRID, (), None, 1.0, "rot90", (root,), 1)
    b = Node(2, GRID, (), None, 2.0, "flip_h", (a,), 2)
    c = Node(3, GRID, (), None, 3.0, "overlay", (a, b), 3)
    program = node_program(c)
    assert print_program(program) == "x1 = rot90(I)\nx2 = flip_h(x1)\nO = overlay(x1, x2)\n"
    d = Node(4, GRID, (), None, 3.0, "upscale", (c, ConstArg(Lit(2), 2, 0.5, GRID)), 4)
    assert print_program(node_program(d)).endswith("O = upscale(x3, 2)\n")


def test_interning_distinguishes_shapes_and_matches_content():
    from arcsynth.search.cost import CostModel
    from arcsynth.search.kernel import Kernel
    task = make_task(toy.rot90, INPUTS, TESTS)
    kernel = Kernel(task, TOY, CostModel.uniform(sorted(TOY)), Budget(max_nodes=10), KernelConfig())
    a = kernel.intern(toy.g("12"))
    assert kernel.intern(toy.g("1", "2")) != a
    assert kernel.intern(toy.g("12")) == a

def test_two_distinct_attempts():
    task, result = _solve(toy.rot90)
    attempts, record = choose_attempts(result.candidates, len(task.test))
    assert len(attempts) == 1 and 1 <= len(attempts[0]) <= 2
    assert np.array_equal(attempts[0][0].output, task.test[0].output)
    assert attempts[0][0].program == result.candidates[0].text
    assert "dropped_alternatives" in record

    # Ranked candidates whose first two predict the same grid: the attempts are the first and
    # the third (distinct), the second is dropped as the same prediction, the fourth as surplus.
    def candidate(text, grid, cost):
        return Candidate(parse_program(text, TOY), text, (grid,), 3, 3, cost)

    same, other = toy.g("12"), toy.g("21")
    ranked = [candidate("O = transpose(I)\n", toy.g("33"), 4.0), candidate("O = flip_h(I)\n", same, 2.0),
              candidate("O = rot90(I)\n", same, 1.0), candidate("O = flip_v(I)\n", other, 3.0)]
    attempts, record = choose_attempts(ranked, 1)
    assert [attempt.program for attempt in attempts[0]] == ["O = rot90(I)\n", "O = flip_v(I)\n"]
    assert not np.array_equal(attempts[0][0].output, attempts[0][1].output)
    assert [(d["program"], d["reason"]) for d in record["dropped_alternatives"]] == [
        ("O = flip_h(I)\n", "same prediction"), ("O = transpose(I)\n", "third or later")]


def test_no_train_pairs():
    from arcsynth.task import Pair, Task
    result = search(Task("empty", (), (Pair(toy.g("1")),)), Budget(max_nodes=10), registry=TOY)
    assert result.candidates == ()


def test_kernel_on_a_view_finds_and_maps_back_a_program():
    def gravity_right(x):
        return toy.transpose(toy.gravity_down(toy.transpose(x)))
    inputs = (toy.g("100", "020", "300"), toy.g("0400", "5000", "0060"), toy.g("07", "80"))
    task = make_task(gravity_right, inputs, (toy.g("900", "000", "011"),))
    config = SearchConfig(depth2_share=0, views_share=0, views=("transpose",), color_views=False,
                          kernel_views=("transpose",), kernel=KernelConfig(max_depth=1))
    result = search(task.without_test_outputs(), Budget(max_nodes=3000), registry=TOY, config=config)
    assert result.solved
    best = result.candidates[0]
    assert best.origin.endswith("~transpose")
    assert best.text == "x1 = transpose(I)\nx2 = gravity_down(x1)\nO = transpose(x2)\n"
    _check_candidate(task, best)
    assert [(run["pass"], run["view"]) for run in result.stats.runs] == [("kernel", "identity"),
                                                                          ("kernel", "transpose")]


def test_later_passes_skipped_once_solved_without_a_second_opinion():
    task, result = _solve(toy.rot90, config=SearchConfig(kernel_views=("transpose",), second_opinion=False))
    assert [run["pass"] for run in result.stats.runs] == ["depth2"]
    assert result.stats.stopped == "solved"


def test_a_second_opinion_runs_the_later_passes_until_two_answers_fit():
    # Every program fitting rot90's pairs predicts the same test output: the passes all run.
    task, result = _solve(toy.rot90, config=SearchConfig(kernel_views=("transpose",)))
    assert [run["pass"] for run in result.stats.runs][:2] == ["depth2", "kernel"]
    assert result.stats.stopped == "solved" and result.candidates[0].fits_all
    # One pair that rot90, flip_h and flip_v all explain, a test input they tell apart: two
    # answers fit after the depth-2 pass, which is then the only pass, and they are the attempts.
    ambiguous = make_task(toy.rot90, (toy.g("12", "21"),), (toy.g("12", "34"),))
    result = search(ambiguous.without_test_outputs(), Budget(max_nodes=3000), registry=TOY)
    assert [run["pass"] for run in result.stats.runs] == ["depth2"]
    attempts, _ = choose_attempts(result.candidates, 1)
    test = toy.g("12", "34")
    explained = {f(test).tobytes() for f in (toy.rot90, toy.flip_h, toy.flip_v)}
    assert len({a.output.tobytes() for a in attempts[0]} & explained) == 2


def test_first_fit_nodes_counts_the_states_before_the_first_fitting_program():
    from arcsynth.data import load_dataset
    from arcsynth.task import Pair, Task
    task = load_dataset("arc1-train").get("3c9b0459").without_test_outputs()     # a half turn: depth 1
    result = search(task, Budget(max_nodes=20_000))
    assert result.solved
    # the depth-2 pass goes on after its depth-1 fit: the fit comes well before its last state
    assert 0 < result.stats.first_fit_nodes < result.stats.nodes
    rng = np.random.default_rng(3)
    noise = [Pair(rng.integers(0, 9, (3, 3)).astype(np.uint8), rng.integers(0, 9, (3, 3)).astype(np.uint8))
             for _ in range(3)]
    unsolvable = search(Task("noise", tuple(noise[:2]), tuple(noise[2:])).without_test_outputs(),
                        Budget(max_nodes=300), registry=TOY)
    assert not unsolvable.solved and unsolvable.stats.first_fit_nodes is None


def test_stats_say_the_complete_depth_the_cpu_of_each_pass_and_the_states_per_cpu_second():
    task, result = _solve(toy.rot90, config=SearchConfig(second_opinion=False))
    stats = result.stats
    assert [run["pass"] for run in stats.runs] == ["depth2"]
    assert stats.complete_depth == stats.runs[0]["complete_depth"] == 2      # the toy's depth 2 is small
    assert 0 < stats.runs[0]["cpu_seconds"] <= stats.cpu_seconds
    record = stats.as_dict()
    assert record["states_per_cpu_second"] == round(stats.nodes / stats.cpu_seconds, 1)
    assert record["distinct_states_per_cpu_second"] == round(stats.accepted / stats.cpu_seconds, 1)
    # Cut short during depth 1: nothing complete; the kernel pass has its own CPU figure.
    noise = make_task(lambda x: np.zeros_like(x), INPUTS, TESTS)
    cut = search(noise.without_test_outputs(), Budget(max_nodes=4), registry=TOY,
                 config=SearchConfig(pair_colors_share=0, depth2_share=0.5, kernel_share=0.5, views_share=0))
    assert cut.stats.complete_depth == 0
    assert [run["pass"] for run in cut.stats.runs] == ["depth2", "kernel"]
    assert all(run["cpu_seconds"] >= 0 for run in cut.stats.runs)
    assert sum(run["cpu_seconds"] for run in cut.stats.runs) <= cut.stats.cpu_seconds + 1e-3


def test_color_maps_off_reaches_the_depth2_pass():
    # The input mirrored with colors 1 -> 2 -> 3 -> 1: within depth 2 only a deduced color map says so.
    cycle = np.array([0, 2, 3, 1, 4, 5, 6, 7, 8, 9], dtype=np.uint8)
    task = make_task(lambda x: cycle[x[:, ::-1]], INPUTS, TESTS).without_test_outputs()
    budget = Budget(max_nodes=3000)
    on = search(task, budget, registry=TOY)
    assert on.solved and on.candidates[0].origin == "depth2-color-map"
    off = search(task, budget, registry=TOY, config=SearchConfig(color_maps=False))
    assert not any(c.origin.endswith("color-map") for c in off.candidates)
    assert "depth2" in [run["pass"] for run in off.stats.runs]
