"""The canonical text form of a program and its parser.

    x1 = objects(I, T, F, T)
    x2 = ...
    O = paint(x1, x2)

One step per line; `#` starts a comment (whole-line or trailing), blank lines are ignored.
The printer names step results x1..x(n-1) and the last one O, so parse(print(p)) == p.
The parser accepts any `x<N>` names (each defined once, before use) and renumbers them.
"""

from __future__ import annotations

from arcsynth.dsl.registry import Registry, default_registry
from arcsynth.errors import ParseError
from arcsynth.program.constants import CONSTANTS
from arcsynth.program.lexer import INT, NAME, PUNCT, Token, tokenize_line
from arcsynth.program.names import INPUT_NAME, OUTPUT_NAME, is_step_variable, variable_name
from arcsynth.program.nodes import Arg, Const, Lit, PrimRef, Program, Ref, Step
from arcsynth.program.suggest import did_you_mean

__all__ = ["print_program", "print_step", "format_arg", "parse_program", "resolve_name", "step_line_numbers"]


def print_program(program: Program) -> str:
    """The canonical text: one `name = primitive(args)` line per step, newline-terminated."""
    last = len(program.steps)
    return "".join(print_step(step, position, last) + "\n"
                   for position, step in enumerate(program.steps, 1))


def print_step(step: Step, position: int, last: int) -> str:
    """One line of canonical text for `step`, the `position`-th of `last` steps."""
    args = ", ".join(format_arg(arg, last) for arg in step.args)
    return f"{variable_name(position, last)} = {step.primitive}({args})"


def format_arg(arg: Arg, last: int) -> str:
    """The text of one argument in a program of `last` steps."""
    if isinstance(arg, Ref):
        return variable_name(arg.index, last)
    if isinstance(arg, Lit):
        return str(arg.value)
    if isinstance(arg, (Const, PrimRef)):
        return arg.name
    return repr(arg)  # not an argument node; only reached when printing an error message


def resolve_name(name: str, defined: dict[str, int], registry: Registry) -> Arg:
    """The argument a name stands for; raises ValueError with the reason when it is none."""
    if name == INPUT_NAME:
        return Ref(0)
    if name in defined:
        return Ref(defined[name])
    if name == OUTPUT_NAME:
        raise ValueError("O is the program's output and cannot be used as an argument")
    if is_step_variable(name):
        raise ValueError(f"{name} is used before it is defined")
    if name in CONSTANTS:
        return Const(name)
    if name in registry:
        return PrimRef(name)
    raise ValueError(f"unknown name {name!r} (not a variable, constant or primitive)")


def _token_lines(text: str) -> list[tuple[int, tuple[Token, ...]]]:
    """(line number, tokens) of every line that holds a step, i.e. is neither blank nor comment."""
    return [(number, tokens) for number, tokens in
            ((n, tokenize_line(line, n)) for n, line in enumerate(text.splitlines(), 1)) if tokens]


def step_line_numbers(text: str) -> tuple[int, ...]:
    """The 1-based line number of each step of the program in `text` (for error messages)."""
    return tuple(number for number, _ in _token_lines(text))


def parse_program(text: str, registry: Registry | None = None) -> Program:
    """The program in `text`; raises ParseError naming the line. Types are not checked here."""
    registry = default_registry() if registry is None else registry
    lines = _token_lines(text)
    if not lines:
        raise ParseError("line 1: a program needs at least one step")
    defined: dict[str, int] = {}
    steps: list[Step] = []
    for position, (number, tokens) in enumerate(lines, 1):
        target, step = _parse_line(tokens, number, defined, registry)
        is_last = position == len(lines)
        if is_last and target != OUTPUT_NAME:
            raise ParseError(f"line {number}: the last step must assign {OUTPUT_NAME}, not {target}")
        if not is_last and target == OUTPUT_NAME:
            raise ParseError(f"line {number}: {OUTPUT_NAME} must be assigned by the last step only")
        if target != OUTPUT_NAME and not is_step_variable(target):
            raise ParseError(f"line {number}: cannot assign {target!r}; step results are named x1, x2, ... and O")
        if target in defined:
            raise ParseError(f"line {number}: {target} is assigned twice")
        defined[target] = position
        steps.append(step)
    return Program(tuple(steps))


def _parse_line(tokens: tuple[Token, ...], number: int, defined: dict[str, int],
                registry: Registry) -> tuple[str, Step]:
    cursor = _Cursor(tokens, number)
    target = cursor.expect(NAME, "a variable name").text
    cursor.expect_punct("=")
    callee = cursor.expect(NAME, "a primitive name")
    if callee.text not in registry:
        raise ParseError(f"line {number}, column {callee.column}: unknown primitive {callee.text!r}"
                         f"{did_you_mean(callee.text, registry)}")
    cursor.expect_punct("(")
    args: list[Arg] = []
    if not cursor.at_punct(")"):
        while True:
            args.append(_parse_arg(cursor, number, defined, registry))
            if cursor.at_punct(")"):
                break
            cursor.expect_punct(",")
    cursor.expect_punct(")")
    cursor.expect_end()
    return target, Step(callee.text, tuple(args))


def _parse_arg(cursor: "_Cursor", number: int, defined: dict[str, int], registry: Registry) -> Arg:
    token = cursor.next("an argument")
    if token.kind == INT:
        return Lit(int(token.text))
    if token.kind != NAME:
        raise ParseError(f"line {number}, column {token.column}: expected an argument, found {token.text!r}")
    try:
        return resolve_name(token.text, defined, registry)
    except ValueError as exc:
        raise ParseError(f"line {number}, column {token.column}: {exc}") from None


class _Cursor:
    """Reads the tokens of one line in order, raising ParseError with line and column."""

    def __init__(self, tokens: tuple[Token, ...], line_number: int) -> None:
        self._tokens = tokens
        self._line = line_number
        self._index = 0

    def _where(self) -> str:
        if self._index < len(self._tokens):
            return f"line {self._line}, column {self._tokens[self._index].column}"
        return f"line {self._line}"

    def next(self, wanted: str) -> Token:
        if self._index >= len(self._tokens):
            raise ParseError(f"{self._where()}: expected {wanted}, found the end of the line")
        token = self._tokens[self._index]
        self._index += 1
        return token

    def expect(self, kind: str, wanted: str) -> Token:
        where = self._where()
        token = self.next(wanted)
        if token.kind != kind:
            raise ParseError(f"{where}: expected {wanted}, found {token.text!r}")
        return token

    def expect_punct(self, text: str) -> None:
        where = self._where()
        token = self.next(repr(text))
        if token.kind != PUNCT or token.text != text:
            raise ParseError(f"{where}: expected {text!r}, found {token.text!r}")

    def at_punct(self, text: str) -> bool:
        return (self._index < len(self._tokens) and self._tokens[self._index].kind == PUNCT
                and self._tokens[self._index].text == text)

    def expect_end(self) -> None:
        if self._index < len(self._tokens):
            token = self._tokens[self._index]
            raise ParseError(f"line {self._line}, column {token.column}: unexpected {token.text!r} after the call")
