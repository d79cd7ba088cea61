"""Fuzz every command with malformed task, submission, program and run-folder files.

    .venv/bin/python bench/fuzz.py [--files 10000] [--seed 0] [--timeout 20] [--keep DIR]

Writes `--files` malformed files (seeded, so a run is reproducible), each derived from a valid
one by a structural mutation (a value replaced by a hostile one, a key dropped, an unsafe task
id, ...) or a textual one (truncation, a flipped byte, bad UTF-8, a duplicate key, deep nesting,
a multi-megabyte line, ...), and hands each to the commands that read that kind of file:

    task         show, solve (--solver transforms), eval (--solver transforms), run PROGRAM TASK
    kaggle       eval --data FILE_challenges.json (hostile ids and values in a file of tasks)
    submission   score SUBMISSION --data DATA
    program      run PROGRAM TASK
    run folder   report, export, compare, chart (one of run.json, results.json, a task record broken)

Every call runs in this process (`arcsynth.cli.main`), with a wall-clock alarm. It counts:
  tracebacks      an exception escaped main(), or "Traceback" on stderr
  hangs           no answer within --timeout CPU seconds (or ten times that in wall seconds)
  wrong exits     an exit code the command never gives for this input (e.g. 1 from show); exit 0
                  or 1 for a file that is malformed by construction; exit 2 with anything but
                  exactly one line on stderr
  unnamed         exit 2 whose line does not name the file (or run folder) that was broken
  long            exit 2 with an error line of more than MAX_LINE (300) characters (no one reads that)
The target is 0 of each. Prints the counts per command and the first few examples of each kind.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from arcsynth.cli import main
from arcsynth.errors import MAX_LINE

# ------------------------------------------------------------------------------------------ valid seeds

PROGRAMS = (
    "O = flip_h(I)\n",
    "x1 = objects_8(I)\nx2 = largest(x1)\nO = crop_to_object(I, x2)\n",
    "x1 = flip_v(I)\nx2 = hconcat(I, x1)\nO = vconcat(x2, x2)\n",
)


def _grid(rng: random.Random, height: int | None = None, width: int | None = None) -> list[list[int]]:
    height = height or rng.randint(1, 5)
    width = width or rng.randint(1, 5)
    return [[rng.randrange(10) for _ in range(width)] for _ in range(height)]


def _task(rng: random.Random) -> dict:
    """A small valid task: the answer is the input mirrored left-right."""
    def pair(with_output: bool = True) -> dict:
        grid = _grid(rng)
        return {"input": grid, "output": [row[::-1] for row in grid]} if with_output else {"input": grid}
    return {"train": [pair() for _ in range(rng.randint(1, 3))], "test": [pair() for _ in range(rng.randint(1, 2))]}


# ---------------------------------------------------------------------------------------- hostile values

HOSTILE_VALUES: tuple[Any, ...] = (
    None, True, False, -1, 10, 255, 1.5, float("nan"), float("inf"), 10**40, "1", "", "\n", "../x", [], {}, [[]],
    [[None]], [[1, 2], [3]], [[1]] * 31, [[0] * 31], [[[1]]], {"input": [[1]]}, [[1, "a"]], [[-0.0]],
)
HOSTILE_IDS = ("", "../../pwned", "/an/absolute/path", "a/b", "x" * 300, ".hidden", "a\nb", "é", "a b",
               "\x00", "..")


def _paths(node: Any, here: tuple = ()) -> list[tuple]:
    """Every place in a JSON tree, as a tuple of keys and indexes."""
    places = [here]
    if isinstance(node, dict):
        for key, value in node.items():
            places.extend(_paths(value, here + (key,)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            places.extend(_paths(value, here + (index,)))
    return places


def _parent(tree: Any, place: tuple) -> tuple[Any, Any]:
    node = tree
    for step in place[:-1]:
        node = node[step]
    return node, place[-1]


def _in_grid(place: tuple) -> bool:
    """True when the place is a grid, a row or a cell of a task (where any change of type breaks it)."""
    return any(step in ("input", "output") for step in place if isinstance(step, str))


def mutate_tree(tree: Any, rng: random.Random) -> tuple[Any, bool]:
    """(a mutated copy, whether it is malformed by construction)."""
    tree = copy.deepcopy(tree)
    places = [place for place in _paths(tree) if place]
    place = rng.choice(places)
    parent, last = _parent(tree, place)
    action = rng.random()
    if action < 0.55:
        value = rng.choice(HOSTILE_VALUES)
        old = parent[last]
        parent[last] = copy.deepcopy(value)
        # A cell, row or grid turned into something that is not a grid of 0..9 is malformed;
        # elsewhere (or a cell that stays an int 0..9) it may still be valid.
        cell_ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 9 and isinstance(old, int)
        # A test output may be null, as the task format allows: not known (data/validate.py).
        unknown_test_output = value is None and last == "output" and "test" in place
        return tree, _in_grid(place) and not cell_ok and not _same_shape_grid(old, value) and not unknown_test_output
    if action < 0.75 and isinstance(parent, dict):
        del parent[last]
        return tree, last in ("train", "test", "input") or (last == "output" and "train" in place)
    if action < 0.85 and isinstance(parent, list):
        del parent[last]
        return tree, False
    if action < 0.93 and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
        return tree, False
    parent[last] = [copy.deepcopy(parent[last])]
    return tree, _in_grid(place)


def _same_shape_grid(old: Any, new: Any) -> bool:
    """True when `new` is a grid of 0..9 that could stand where `old` stood."""
    def is_grid(value: Any) -> bool:
        return (isinstance(value, list) and 0 < len(value) <= 30 and all(isinstance(row, list) for row in value)
                and len({len(row) for row in value}) == 1 and 0 < len(value[0]) <= 30
                and all(isinstance(c, int) and not isinstance(c, bool) and 0 <= c <= 9 for row in value for c in row))
    if isinstance(old, list) and old and isinstance(old[0], list):
        return is_grid(new)
    if isinstance(old, list):  # a row: a new row of the right length would do
        return isinstance(new, list) and len(new) == len(old) and all(
            isinstance(c, int) and not isinstance(c, bool) and 0 <= c <= 9 for c in new)
    return False


_A_CELL_ONE = re.compile(r"(?<=[\[ ,])1(?=[\],])")  # a 1 standing alone as a JSON number


def mutate_text(text: str, rng: random.Random) -> tuple[bytes, bool]:
    """(mutated bytes, whether they are malformed by construction) for a JSON text."""
    data = text.encode()
    action = rng.randrange(9)
    if action == 0 and len(data) > 1:  # truncated
        return data[:rng.randrange(1, len(data) - 1)], True
    if action == 1:  # a flipped byte
        index = rng.randrange(len(data))
        return data[:index] + bytes([data[index] ^ (1 << rng.randrange(8))]) + data[index + 1:], False
    if action == 2:  # bad UTF-8
        index = rng.randrange(len(data))
        return data[:index] + b"\xff\xfe\xc3" + data[index:], True
    if action == 3:  # a duplicate key
        if data.startswith(b"{") and len(data) > 2:
            first = json.loads(text)
            if isinstance(first, dict) and first:
                key = next(iter(first))
                dup = json.dumps({key: first[key]})[1:-1]
                return ("{" + dup + "," + text[1:]).encode(), True
        return b"{}", False
    if action == 4:  # nested far too deeply
        depth = rng.choice((1000, 100_000))
        return b"[" * depth + b"]" * depth, True
    if action == 5:  # NaN and Infinity, which Python's json reads (in a value, never in a key like "k1")
        changed, count = _A_CELL_ONE.subn(rng.choice(("NaN", "Infinity", "-Infinity", "1e999")), text, count=1)
        return changed.encode(), count == 1
    if action == 6:  # empty, or only a byte-order mark, or whitespace
        return rng.choice((b"", b"\xef\xbb\xbf", b" \n ", b"null", b"[]", b"0", b'""')), True
    if action == 7:  # a huge number
        changed, count = _A_CELL_ONE.subn("9" * rng.choice((5000, 100_000)), text, count=1)
        return changed.encode(), count == 1
    return data + rng.choice((b"x", b",", b"}", b"\x00")), True


def mutate_program(text: str, rng: random.Random) -> tuple[str, bool]:
    """(a mutated DSL program, whether it is malformed by construction)."""
    lines = text.splitlines()
    action = rng.randrange(10)
    if action == 0:
        return text.replace("(", "", 1), True
    if action == 1:
        return text.replace("I", "J"), True
    if action == 2:
        return text.replace("flip", "flop", 1) if "flip" in text else text + "O = frobnicate(I)\n", True
    if action == 3:
        return "x1 = " + "9" * rng.choice((30, 5000, 3_000_000)) + "\n" + text, "9" * 30 != ""
    if action == 4:
        return "O = flip_h(" + "x" * rng.choice((100, 3_000_000)) + ")\n", True
    if action == 5:
        depth = rng.choice((100, 10_000, 200_000))
        return "O = " + "flip_h(" * depth + "I" + ")" * depth + "\n", depth > 100
    if action == 6:
        index = rng.randrange(len(text))
        return text[:index] + rng.choice(("\x00", "é", "\t", "=", ",", ")", "\r", "#", "'")) + text[index:], False
    if action == 7:
        return "", True
    if action == 8:
        return "\n".join(lines[:-1]) + "\n", len(lines) > 1
    return text + "\n".join(lines) + "\n", True  # O assigned twice


# ---------------------------------------------------------------------------------------------- calls

WALL_FACTOR = 10  # a call also counts as a hang after this many times the timeout in wall seconds
MAX_ERROR_CHARS = MAX_LINE  # an error line longer than this is a finding: a user cannot read it


class Hang(BaseException):
    """Raised by the alarm; a BaseException so that no `except Exception` in the code swallows it."""


def _alarm(signum: int, frame: object) -> None:
    raise Hang


@dataclass
class Call:
    kind: str
    command: str
    args: list[str]
    names: tuple[str, ...]  # one of these must appear in a one-line error
    must_fail: bool
    allowed: frozenset[int]


@dataclass
class Tally:
    calls: int = 0
    exits: dict[int, int] = field(default_factory=dict)
    tracebacks: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    wrong_exits: list[str] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)
    long: list[str] = field(default_factory=list)
    seconds: float = 0.0


def run_call(call: Call, timeout: float) -> tuple[int | None, str, str | None]:
    """(exit code or None, stderr, problem kind or None)."""
    out, err = io.StringIO(), io.StringIO()
    signal.setitimer(signal.ITIMER_PROF, timeout)  # CPU seconds: a loaded machine is not a hang
    signal.setitimer(signal.ITIMER_REAL, timeout * WALL_FACTOR)  # a wait that never ends is one
    escaped = None
    code: int | None = None
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(call.args)
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else 2
    except Hang:
        return None, err.getvalue(), "hang"
    except Exception:  # the finding this benchmark exists to count
        escaped = traceback.format_exc()
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
    stderr = err.getvalue()
    if escaped is not None:
        return None, escaped, "traceback"
    if "Traceback" in stderr:
        return code, stderr, "traceback"
    if code not in call.allowed or (call.must_fail and code != 2):
        return code, stderr, "wrong_exit"
    if code == 2 and len(stderr.splitlines()) != 1:
        return code, stderr, "wrong_exit"
    if code == 2 and not any(name in stderr for name in call.names):
        return code, stderr, "unnamed"
    if code == 2 and len(stderr.rstrip("\n")) > MAX_ERROR_CHARS:
        return code, stderr, "long"
    return code, stderr, None


# -------------------------------------------------------------------------------------------- the plan

class Fuzzer:
    """Writes malformed files under `root` and makes the calls that read them."""

    def __init__(self, root: Path, seed: int) -> None:
        self.root = root
        self.rng = random.Random(seed)
        self.count = 0
        self.data = root / "data"
        self.data.mkdir()
        for index in range(3):
            (self.data / f"t{index}.json").write_text(json.dumps(_task(self.rng)))
        self.good_task = self.data / "t0.json"
        self.good_program = root / "good.dsl"
        self.good_program.write_text(PROGRAMS[0])
        self.good_run = root / "good-run"
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(["eval", "--data", str(self.data), "--out", str(self.good_run), "--solver", "transforms",
                         "--workers", "1", "--quiet"])
        if code != 0:
            raise SystemExit(f"could not make the valid run folder the run-folder cases start from (exit {code})")

    def _file(self, suffix: str) -> Path:
        self.count += 1
        folder = self.root / f"f{self.count:05d}"
        folder.mkdir()
        return folder / f"case{suffix}"

    def _json_case(self, valid: Any) -> tuple[bytes, bool]:
        if self.rng.random() < 0.7:
            tree, malformed = mutate_tree(valid, self.rng)
            return json.dumps(tree).encode(), malformed
        return mutate_text(json.dumps(valid), self.rng)

    def task_calls(self) -> list[Call]:
        data, malformed = self._json_case(_task(self.rng))
        path = self._file(".json")
        path.write_bytes(data)
        names = (str(path),)
        out = path.parent / "run"
        both = frozenset({0, 1, 2})
        return [
            Call("task", "show", ["show", str(path)], names, malformed, frozenset({0, 2})),
            Call("task", "solve", ["solve", str(path), "--solver", "transforms"], names, malformed, both),
            Call("task", "eval", ["eval", "--data", str(path), "--out", str(out), "--solver", "transforms",
                                  "--workers", "1", "--quiet"], names, malformed, frozenset({0, 2})),
            Call("task", "run", ["run", str(self.good_program), str(path)], names, malformed, both),
        ]

    def kaggle_calls(self) -> list[Call]:
        tasks = {f"k{index}": _task(self.rng) for index in range(2)}
        if self.rng.random() < 0.5:
            tasks[self.rng.choice(HOSTILE_IDS)] = _task(self.rng)
            data, malformed = json.dumps(tasks).encode(), True
        else:
            data, malformed = self._json_case(tasks)
        path = self._file("_challenges.json")
        path.write_bytes(data)
        return [Call("kaggle", "eval", ["eval", "--data", str(path), "--out", str(path.parent / "run"), "--solver",
                                        "transforms", "--workers", "1", "--quiet"], (str(path),), malformed,
                     frozenset({0, 2}))]

    def submission_calls(self) -> list[Call]:
        valid = json.loads((self.good_run / "submission.json").read_text())
        data, malformed = self._json_case(valid)
        if malformed is False and self.rng.random() < 0.3:  # an id that is not in the data
            try:
                tree = json.loads(data)
            except ValueError:
                tree = None
            if isinstance(tree, dict):
                tree[self.rng.choice(HOSTILE_IDS)] = next(iter(valid.values()))
                data, malformed = json.dumps(tree).encode(), True
        path = self._file(".json")
        path.write_bytes(data)
        return [Call("submission", "score", ["score", str(path), "--data", str(self.data)], (str(path),), False,
                     frozenset({0, 2}))]

    def program_calls(self) -> list[Call]:
        text, malformed = mutate_program(self.rng.choice(PROGRAMS), self.rng)
        path = self._file(".dsl")
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        return [Call("program", "run", ["run", str(path), str(self.good_task)], (str(path),), malformed,
                     frozenset({0, 1, 2}))]

    def run_folder_calls(self) -> list[Call]:
        folder = self._file("")
        run = folder.parent / "run"
        shutil.copytree(self.good_run, run)
        choices = ["run.json", "results.json"] + [f"tasks/{path.name}" for path in (run / "tasks").glob("*.json")]
        target = run / self.rng.choice(choices)
        data, _ = self._json_case(json.loads(target.read_text()))
        target.write_bytes(data)
        names = (str(run),)
        ok = frozenset({0, 2})
        command = self.rng.choice(("report", "export", "compare", "chart"))
        args = {"report": ["report", str(run), "--out", str(folder.parent / "r.html")],
                "export": ["export", str(run), "--out", str(folder.parent / "export")],
                "compare": ["compare", str(self.good_run), str(run)],
                "chart": ["chart", str(run), "--out", str(folder.parent / "chart")]}[command]
        return [Call("run-folder", command, args, names, False, ok)]

    def calls(self, files: int) -> Iterator[list[Call]]:
        makers = [(self.task_calls, 0.35), (self.kaggle_calls, 0.1), (self.submission_calls, 0.2),
                  (self.program_calls, 0.2), (self.run_folder_calls, 0.15)]
        for _ in range(files):
            maker = self.rng.choices([m for m, _ in makers], weights=[w for _, w in makers])[0]
            yield maker()


KINDS = ("tracebacks", "hangs", "wrong_exits", "unnamed", "long")


def _short(text: str, limit: int = 300) -> str:
    if "Traceback" in text:  # the end says what and where
        text = " | ".join(line.strip() for line in text.strip().splitlines()[-4:])
    text = text.strip().replace("\n", " | ")
    return text if len(text) <= limit else text[:limit] + "..."


def main_fuzz() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="malformed files to write (default 10000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=20.0, help="CPU seconds before a call counts as a hang")
    parser.add_argument("--keep", type=Path, help="write the files here and keep them (default: a temp folder)")
    parser.add_argument("--examples", type=int, default=3, help="examples printed per kind of finding")
    parser.add_argument("--max-minutes", type=float, default=None,
                        help="stop after this many minutes of wall time and report the files done so far")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    signal.signal(signal.SIGPROF, _alarm)
    root = args.keep or Path(tempfile.mkdtemp(prefix="arcsynth-fuzz-"))
    root.mkdir(parents=True, exist_ok=True)
    tallies: dict[str, Tally] = {}
    started_cpu, started_wall = time.process_time(), time.monotonic()
    files_done = 0
    try:
        fuzzer = Fuzzer(root, args.seed)
        for calls in fuzzer.calls(args.files):
            if args.max_minutes is not None and time.monotonic() - started_wall > 60 * args.max_minutes:
                break
            files_done += 1
            for call in calls:
                tally = tallies.setdefault(f"{call.kind}:{call.command}", Tally())
                began = time.monotonic()
                code, stderr, problem = run_call(call, args.timeout)
                tally.seconds += time.monotonic() - began
                tally.calls += 1
                tally.exits[code] = tally.exits.get(code, 0) + 1
                if problem is not None:
                    getattr(tally, {"hang": "hangs", "traceback": "tracebacks", "wrong_exit": "wrong_exits",
                                    "unnamed": "unnamed", "long": "long"}[problem]).append(
                        f"{' '.join(call.args)[:200]} -> exit {code}: {_short(stderr)}")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print(f"arcsynth fuzz: {files_done} malformed files (of {args.files} asked), seed {args.seed}, timeout "
          f"{args.timeout:g} s; {time.process_time() - started_cpu:.0f} CPU-s in this process (workers not "
          f"counted), {time.monotonic() - started_wall:.0f} wall-s")
    print(f"{'kind:command':22} {'calls':>6} {'exit 0':>7} {'exit 1':>7} {'exit 2':>7} {'traceb':>7} {'hangs':>6} "
          f"{'wrong':>6} {'unnamed':>7} {'long':>5} {'wall-s':>7}")
    totals = Tally()
    for name, tally in sorted(tallies.items()):
        print(f"{name:22} {tally.calls:6d} {tally.exits.get(0, 0):7d} {tally.exits.get(1, 0):7d} "
              f"{tally.exits.get(2, 0):7d} {len(tally.tracebacks):7d} {len(tally.hangs):6d} {len(tally.wrong_exits):6d} "
              f"{len(tally.unnamed):7d} {len(tally.long):5d} {tally.seconds:7.0f}")
        totals.calls += tally.calls
        for key in KINDS:
            getattr(totals, key).extend(getattr(tally, key))
    print(f"{'total':22} {totals.calls:6d} {'':>23} {len(totals.tracebacks):7d} {len(totals.hangs):6d} "
          f"{len(totals.wrong_exits):6d} {len(totals.unnamed):7d} {len(totals.long):5d}")
    for key in KINDS:
        for example in getattr(totals, key)[:args.examples]:
            print(f"{key}: {example}")
    bad = sum(len(getattr(totals, key)) for key in KINDS)
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main_fuzz())
