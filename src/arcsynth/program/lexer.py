"""Tokens of one line of program text; a hand-written scanner (nothing is ever evaluated)."""

from __future__ import annotations

from dataclasses import dataclass

from arcsynth.errors import ParseError

__all__ = ["Token", "tokenize_line", "NAME", "INT", "PUNCT"]

NAME = "name"
INT = "int"
PUNCT = "punct"

_PUNCTUATION = frozenset("=(),")
_MAX_DIGITS = 18  # an integer literal in a program is small; refuse absurd ones early


@dataclass(frozen=True)
class Token:
    """A token: its kind (NAME, INT or PUNCT), its text and its 1-based column."""

    kind: str
    text: str
    column: int


def tokenize_line(line: str, line_number: int) -> tuple[Token, ...]:
    """The tokens of `line` up to an optional `#` comment."""
    tokens: list[Token] = []
    position = 0
    while position < len(line):
        char = line[position]
        if char == "#":
            break
        if char in " \t\r":
            position += 1
        elif char in _PUNCTUATION:
            tokens.append(Token(PUNCT, char, position + 1))
            position += 1
        elif char.isascii() and (char.isalpha() or char == "_"):
            end = _scan(line, position + 1, _is_name_char)
            tokens.append(Token(NAME, line[position:end], position + 1))
            position = end
        elif _is_digit(char) or (char == "-" and position + 1 < len(line) and _is_digit(line[position + 1])):
            end = _scan(line, position + 1, _is_digit)
            text = line[position:end]
            if len(text.lstrip("-")) > _MAX_DIGITS:
                raise ParseError(f"line {line_number}, column {position + 1}: integer {text[:12]}... is too long")
            if end < len(line) and _is_name_char(line[end]):
                raise ParseError(f"line {line_number}, column {position + 1}: a name cannot start with a digit")
            tokens.append(Token(INT, text, position + 1))
            position = end
        else:
            raise ParseError(f"line {line_number}, column {position + 1}: unexpected character {char!r}")
    return tuple(tokens)


def _scan(line: str, position: int, accept) -> int:
    while position < len(line) and accept(line[position]):
        position += 1
    return position


def _is_digit(char: str) -> bool:
    return "0" <= char <= "9"


def _is_name_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")
