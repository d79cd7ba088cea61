import pytest

from arcsynth.errors import ParseError
from arcsynth.program import (INPUT, Const, Lit, PrimRef, Program, Ref, Step, parse_program, print_program,
                              step_line_numbers)
from tests.program.fake_primitives import FAKE_REGISTRY

CANONICAL = (
    "x1 = nonzero(I)\n"
    "x2 = where(x1, 3)\n"
    "x3 = pick(x2, T, DOWN_LEFT)\n"
    "x4 = repeat(x3, -2)\n"
    "O = apply_twice(flip, x4)\n"
)
PROGRAM = Program((
    Step("nonzero", (INPUT,)),
    Step("where", (Ref(1), Lit(3))),
    Step("pick", (Ref(2), Const("T"), Const("DOWN_LEFT"))),
    Step("repeat", (Ref(3), Lit(-2))),
    Step("apply_twice", (PrimRef("flip"), Ref(4))),
))


def parse(text: str) -> Program:
    return parse_program(text, FAKE_REGISTRY)


def test_parse_canonical_text():
    assert parse(CANONICAL) == PROGRAM


def test_print_is_canonical_text():
    assert print_program(PROGRAM) == CANONICAL


def test_round_trips():
    assert print_program(parse(CANONICAL)) == CANONICAL
    assert parse(print_program(PROGRAM)) == PROGRAM


def test_one_step_program_assigns_o():
    program = Program((Step("flip", (INPUT,)),))
    assert print_program(program) == "O = flip(I)\n"
    assert parse("O = flip(I)") == program


def test_comments_blank_lines_spacing_and_names_are_not_kept():
    text = ("# mirror, then paint\n"
            "\n"
            "x7=flip( I )   # any x<N> name\n"
            "   O = paint_all(x7 ,2)\n")
    program = parse(text)
    assert program == Program((Step("flip", (INPUT,)), Step("paint_all", (Ref(1), Lit(2)))))
    assert print_program(program) == "x1 = flip(I)\nO = paint_all(x1, 2)\n"


def test_parse_does_not_check_types():
    # Wrong argument types are the type checker's business; the parser only reads structure.
    assert parse("O = flip(T, 3)") == Program((Step("flip", (Const("T"), Lit(3))),))


@pytest.mark.parametrize("text, line, message", [
    ("", 1, "at least one step"),
    ("# only a comment\n", 1, "at least one step"),
    ("x1 = flip(I)\n", 1, "must assign O"),
    ("O = flip(I)\nx2 = flip(O)\n", 1, "last step only"),
    ("x1 = flip(I)\nx1 = flip(x1)\nO = flip(x1)\n", 2, "assigned twice"),
    ("x1 = flip(I)\nO = flip(x2)\n", 2, "before it is defined"),
    ("x1 = flip(x1)\nO = flip(x1)\n", 1, "before it is defined"),
    ("x1 = flip(I)\ny = flip(x1)\nO = flip(y)\n", 2, "cannot assign"),
    ("x01 = flip(I)\nO = flip(x01)\n", 1, "cannot assign"),
    ("O = rotate(I)\n", 1, "unknown primitive 'rotate'"),
    ("O = flip(I, banana)\n", 1, "unknown name 'banana'"),
    ("O = flip(I\n", 1, "expected ','"),
    ("O = flip(I))\n", 1, "unexpected ')'"),
    ("O = flip(I,)\n", 1, "expected an argument"),
    ("O flip(I)\n", 1, "expected '='"),
    ("O = flip I\n", 1, "expected '('"),
    ("= flip(I)\n", 1, "expected a variable name"),
    ("O = 3(I)\n", 1, "expected a primitive name"),
    ("O = flip(I) + 1\n", 1, "unexpected character '+'"),
    ("O = repeat(I, 2x)\n", 1, "cannot start with a digit"),
    ("O = repeat(I, 1234567890123456789012)\n", 1, "too long"),
    ("x1 = flip(I)\nO = flip(x1); import os\n", 2, "unexpected character ';'"),
    ("O = paint_all(I, café)\n", 1, "unexpected character 'é'"),
    ("x1 = flip(I)\n\n# note\nO = flip(O)\n", 4, "cannot be used as an argument"),
])
def test_parse_errors_are_one_line_naming_the_line(text, line, message):
    with pytest.raises(ParseError) as caught:
        parse(text)
    text_of_error = str(caught.value)
    assert "\n" not in text_of_error
    assert text_of_error.startswith(f"line {line}")
    assert message in text_of_error


def test_parse_error_names_the_column():
    with pytest.raises(ParseError, match=r"line 2, column 13: unknown name 'banana'"):
        parse("x1 = flip(I)\nO = flip(I, banana)\n")


def test_text_is_never_evaluated(tmp_path):
    # A program text that would do something if eval'd is refused as text.
    marker = tmp_path / "marker"
    with pytest.raises(ParseError):
        parse(f"O = flip(__import__('pathlib').Path({str(marker)!r}).touch())\n")
    assert not marker.exists()


def test_step_line_numbers_skip_blank_and_comment_lines():
    assert step_line_numbers("# header\n\nx1 = flip(I)\n   # note\nO = flip(x1)  # end\n") == (3, 5)
