import pytest

from arcsynth.errors import ParseError
from arcsynth.program.lexer import INT, NAME, PUNCT, Token, tokenize_line


def test_tokens_with_columns():
    assert tokenize_line("x1 = f(I, -3)  # note", 1) == (
        Token(NAME, "x1", 1), Token(PUNCT, "=", 4), Token(NAME, "f", 6), Token(PUNCT, "(", 7),
        Token(NAME, "I", 8), Token(PUNCT, ",", 9), Token(INT, "-3", 11), Token(PUNCT, ")", 13))


def test_blank_and_comment_lines_have_no_tokens():
    assert tokenize_line("   \t\r", 1) == ()
    assert tokenize_line("# x1 = f(I)", 1) == ()


def test_a_lone_minus_is_no_number():
    with pytest.raises(ParseError, match="line 4, column 7: unexpected character '-'"):
        tokenize_line("O = f(- 3)", 4)


@pytest.mark.parametrize("line, message", [
    ("O = f('I')", "unexpected character \"'\""),
    ("O = f(I); g()", "unexpected character ';'"),
    ("O = f(3a)", "cannot start with a digit"),
    ("O = f(I)\x00", "unexpected character '\\x00'"),
    ("O = f(ℕ)", "unexpected character 'ℕ'"),
])
def test_anything_else_is_refused(line, message):
    with pytest.raises(ParseError) as caught:
        tokenize_line(line, 2)
    assert message in str(caught.value) and str(caught.value).startswith("line 2, column ")
