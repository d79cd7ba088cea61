"""The `arcsynth` command: subcommands, and the one place where errors become exit codes.

Exit codes: 0 success, 1 the work ran but failed (e.g. a program does not solve its task),
2 bad usage or bad input (one line on stderr, never a traceback), 130 interrupted.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Sequence

from arcsynth.version import __version__
from arcsynth.cli import eval_command, score_command, show_command, solve_command
from arcsynth.cli import dsl_command, generate_command, run_command, train_command
from arcsynth.cli import chart_command, compare_command, curve_command, export_command, report_command
from arcsynth.errors import ArcsynthError, one_line

__all__ = ["main", "build_parser", "COMMANDS", "EXIT_OK", "EXIT_FAILURE", "EXIT_USAGE"]

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

# Each command module has NAME, HELP, add_arguments(parser) and run(args) -> exit code.
COMMANDS = (eval_command, solve_command, show_command, score_command, dsl_command, run_command,
            report_command, chart_command, curve_command, compare_command, export_command, generate_command,
            train_command)


MAX_WORD = 500  # a longer run of characters in an error line is cut (a megabyte name or literal; no path)
_LONG_WORD = re.compile(r"\S{%d,}" % (MAX_WORD + 1))


def _cut(match: re.Match) -> str:
    word = match.group(0)
    return f"{word[:40]}...{word[-20:]} ({len(word)} characters)"


def error_line(message: str) -> str:
    """An error message as one short line: line breaks escaped, very long words cut in the middle,
    and the whole at most MAX_LINE characters."""
    escaped = message.replace("\r", "\\r").replace("\n", "\\n")
    return one_line(_LONG_WORD.sub(_cut, escaped))


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad usage as one line and exit code 2 (argparse's own convention)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The parser of every subcommand."""
    parser = _Parser(prog="arcsynth", description="Solve ARC-AGI tasks by test-time program search; "
                                                  "every score comes with its cost.")
    parser.add_argument("--version", action="version", version=f"arcsynth {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    for command in COMMANDS:
        sub = commands.add_parser(command.NAME, help=command.HELP, description=command.HELP)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except ArcsynthError as error:
        # One line, even when a file name or a task id holds a line break; short, even when a
        # program line or a name is megabytes long.
        print(error_line(f"arcsynth {args.command}: error: {error}"), file=sys.stderr)
        return EXIT_USAGE
    except MemoryError:
        # Whatever ran out of memory (a huge input, a tight `ulimit -v`), the user gets one line.
        print(f"arcsynth {args.command}: error: out of memory (an input too large for the memory available?)",
              file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"arcsynth {args.command}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `arcsynth dsl | head`: the reader left; nothing more to say.
        return EXIT_OK
