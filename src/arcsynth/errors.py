"""Exceptions raised by arcsynth.

    ArcsynthError                 anything arcsynth raises on purpose
     +-- UsageError               bad options or arguments (CLI exit code 2)
     +-- DataError                a task file or dataset is malformed (exit 2)
     |    +-- UnknownTaskError    a task id or dataset name that does not exist (exit 2)
     +-- ProgramError             a DSL program is unusable
     |    +-- ParseError          its text form cannot be parsed
     |    +-- DslTypeError        it is not well typed in the DSL's own types
     |    +-- EvaluationError     running it failed: a primitive raised or a guard tripped;
     |                            inside the search this rejects the candidate, never more
     +-- RunError                 a results folder cannot be used (e.g. resume of another run)
"""

from __future__ import annotations

__all__ = [
    "ArcsynthError",
    "UsageError",
    "DataError",
    "UnknownTaskError",
    "ProgramError",
    "ParseError",
    "DslTypeError",
    "EvaluationError",
    "RunError",
    "one_line",
    "MAX_LINE",
]

class ArcsynthError(Exception):
    """Base class of every error arcsynth raises on purpose."""


class UsageError(ArcsynthError):
    """Bad options or arguments."""


class DataError(ArcsynthError):
    """Malformed task data; the message names the file, the task and the JSON path."""

    def __init__(self, message: str, *, file: str | None = None, task_id: str | None = None,
                 path: str | None = None) -> None:
        self.file = file
        self.task_id = task_id
        self.path = path
        self.reason = message
        where = [part for part in (file, f"task {task_id}" if task_id else None, path) if part]
        super().__init__(f"{': '.join(where)}: {message}" if where else message)


class UnknownTaskError(DataError):
    """A task id or dataset name that does not exist."""


class ProgramError(ArcsynthError):
    """A DSL program is unusable."""


class ParseError(ProgramError):
    """The text form of a program cannot be parsed."""


class DslTypeError(ProgramError):
    """A program is not well typed in the DSL's types."""


class EvaluationError(ProgramError):
    """Running a program failed; in the search this rejects the candidate."""


class RunError(ArcsynthError):
    """A results folder cannot be used as asked."""


MAX_LINE = 300  # characters of an error line, whatever the input


def one_line(message: str, limit: int = MAX_LINE) -> str:
    """`message` as one line of at most `limit` characters: line breaks escaped, and the middle of a
    longer one replaced by its length (the start names the file and place, the end often the reason)."""
    line = message.replace("\r", "\\r").replace("\n", "\\n")
    if len(line) <= limit:
        return line
    marker = f" ...({len(line)} characters in all)... "
    tail = limit // 4
    head = max(0, limit - tail - len(marker))
    return line[:head] + marker + line[len(line) - tail:]
