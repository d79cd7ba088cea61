"""An unknown primitive gets `did you mean ...?`, from the parser and from the type checker."""

import pytest

from arcsynth.errors import DslTypeError, ParseError
from arcsynth.program import INPUT, Program, Step, check_program, parse_program
from arcsynth.program.suggest import did_you_mean


def test_close_names_are_suggested():
    assert did_you_mean("rot91", ["rot90", "rot180", "flip_h"]) == "; did you mean 'rot90' or 'rot180'?"
    assert did_you_mean("ROT90", ["rot90", "flip_h"]) == "; did you mean 'rot90'?"
    assert did_you_mean("banana", ["rot90", "flip_h"]) == ""


def test_the_parser_suggests_the_primitive_meant():
    with pytest.raises(ParseError) as caught:
        parse_program("x1 = flip_h(I)\nO = rot91(x1)\n")
    assert "unknown primitive 'rot91'; did you mean 'rot90'" in str(caught.value)


def test_the_type_checker_suggests_the_primitive_meant():
    with pytest.raises(DslTypeError) as caught:
        check_program(Program((Step("flip_hh", (INPUT,)),)))
    assert "did you mean 'flip_h'" in str(caught.value)
