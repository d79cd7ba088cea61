import pytest

from arcsynth.program import INPUT, Const, Lit, PrimRef, Program, Ref, Step


def test_programs_are_values():
    first = Program((Step("flip", (INPUT,)), Step("paint_all", (Ref(1), Lit(3)))))
    second = Program((Step("flip", (Ref(0),)), Step("paint_all", (Ref(1), Lit(3)))))
    assert first == second
    assert hash(first) == hash(second)
    assert len(first) == 2


def test_primitive_names_include_function_values():
    program = Program((Step("apply_twice", (PrimRef("flip"), INPUT)),))
    assert program.primitive_names() == ("apply_twice", "flip")


@pytest.mark.parametrize("make", [
    lambda: Ref(-1), lambda: Ref(True), lambda: Lit(True), lambda: Lit(1.0), lambda: Const(""),
    lambda: PrimRef(3), lambda: Step("flip", [INPUT]), lambda: Step("flip", (0,)),
    lambda: Program([Step("flip", (INPUT,))]), lambda: Program(("flip",)),
])
def test_malformed_nodes_are_refused(make):
    with pytest.raises(TypeError):
        make()


def test_nodes_are_frozen():
    step = Step("flip", (INPUT,))
    with pytest.raises(AttributeError):
        step.primitive = "other"  # type: ignore[misc]
