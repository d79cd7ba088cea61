from arcsynth.grid import make_grid
from arcsynth.program import parse_program
from arcsynth.program.verify import ERROR, MATCH, UNKNOWN, WRONG, PairOutcome, ProgramVerification, verify_program
from arcsynth.task import Pair, Task
from tests.program.fake_primitives import FAKE_REGISTRY

A = make_grid([[1, 2], [3, 4]])


def task(*train_outputs, test_output=None) -> Task:
    return Task("t", tuple(Pair(A, out) for out in train_outputs), (Pair(A, test_output),))


def verify(text, the_task):
    return verify_program(parse_program(text, FAKE_REGISTRY), the_task, FAKE_REGISTRY)


def test_every_pair_matches():
    flipped = make_grid([[2, 1], [4, 3]])
    outcome = verify("O = flip(I)\n", task(flipped, flipped, test_output=flipped))
    assert [p.status for p in outcome.pairs] == [MATCH, MATCH, MATCH]
    assert outcome.solved and outcome.matched == 3 and outcome.first_failure() is None


def test_wrong_outputs_say_how():
    outcome = verify("O = flip(I)\n", task(A, make_grid([[1]]), test_output=None))
    assert outcome.pairs == (PairOutcome("train", 1, WRONG, "4 of 4 cells differ"),
                             PairOutcome("train", 2, WRONG, "output 2x2, expected 1x1"),
                             PairOutcome("test", 1, UNKNOWN, "no expected output"))
    assert not outcome.solved and outcome.known == 2
    assert outcome.first_failure().describe() == "train 1: wrong (4 of 4 cells differ)"


def test_running_failures_are_pair_errors():
    outcome = verify("O = divide_by_zero(I)\n", task(A))
    assert outcome.pairs[0].status == ERROR and "ZeroDivisionError" in outcome.pairs[0].detail


def test_a_task_with_no_known_output_is_not_solved():
    assert not ProgramVerification("t", (PairOutcome("test", 1, UNKNOWN),)).solved
