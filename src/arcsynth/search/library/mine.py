"""Mine a library of learned operations from verified programs (compression, in the spirit of stitch).

A candidate is a connected fragment of 2-4 steps of some program: a step returning a grid (its
root) and steps feeding it, such that the fragment reads exactly one value from outside (its
hole, a grid: the input or an earlier step) and its inner steps are used by nothing outside it,
so that one learned step can stand for it. Each constant argument of a parameter type (color,
integer, direction, boolean) is either kept fixed or made a parameter (at most `max_params`).
Fragments equal up to the order of independent steps are one (steps are taken in post-order
from the root).

Rounds, greedily as stitch does: count every candidate's uses, by distinct task; take the one
that compresses the corpus most, `tasks * (size - 1) - size` steps (each task's program loses
size - 1 steps, the library gains the fragment), fewer parameters first on a tie; rewrite every
program with it as one step; count again. A later fragment may hold an earlier learned step: its
body is written out in base primitives, so every learned operation stands alone.

The trailing color replacements and swaps that a deduced color map or a color view writes (the
search's completers and views, not search steps) are cut from each program before mining.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Iterator, Mapping, Sequence

from arcsynth.dsl.registry import Registry
from arcsynth.dsl.types import GRID, DslType
from arcsynth.errors import DslTypeError
from arcsynth.program.nodes import Arg, Const, Lit, Program, Ref, Step
from arcsynth.program.typecheck import check_program
from arcsynth.search.deduce import find_replace_color
from arcsynth.search.library.fragment import LEARNED, PARAM_TYPES, Fragment, Slot, inline_steps
from arcsynth.search.library.learned import Library
from arcsynth.search.views import find_swap_colors

__all__ = ["MinerSettings", "mine_library", "without_color_map", "compression"]


@dataclass(frozen=True)
class MinerSettings:
    """What a learned operation may be and how many are learned."""

    min_size: int = 2           # steps of a fragment (a learned step inside counts as one)
    max_size: int = 4
    max_params: int = 2         # constants made parameters (the depth-2 pass fills at most two per step)
    min_tasks: int = 2          # distinct tasks whose programs hold it
    max_operations: int = 24    # rounds
    prefix: str = "learned"     # names: learned_01, learned_02, ...


@dataclass(frozen=True)
class _Param:
    """A parameter's place in a fragment's key (numbered in slot order)."""

    number: int


@dataclass(frozen=True)
class _Occurrence:
    """Where a fragment sits in one program: its steps, root, hole and parameter values."""

    program: int
    root: int
    members: frozenset[int]
    hole: int
    values: tuple[Arg, ...]


def compression(tasks: int, size: int) -> int:
    """Steps saved over the corpus by one learned operation of `size` steps used by `tasks` tasks."""
    return tasks * (size - 1) - size


def without_color_map(program: Program, recolorings: set[str]) -> Program:
    """`program` less its trailing chain of color replacements and swaps with literal colors (what
    a deduced color map or a color view writes), unless that chain is the whole program."""
    steps = list(program.steps)
    while len(steps) > 1:
        last = steps[-1]
        if (last.primitive not in recolorings or last.args[:1] != (Ref(len(steps) - 1),)
                or not all(isinstance(a, Lit) for a in last.args[1:])):
            break
        steps.pop()
    return Program(tuple(steps))


def _groups(program: Program, root: int, max_size: int) -> Iterator[frozenset[int]]:
    """Every connected set of at least two steps holding `root` and steps feeding it."""
    seen = {frozenset({root})}
    stack = [frozenset({root})]
    while stack:
        members = stack.pop()
        if len(members) > 1:
            yield members
        if len(members) >= max_size:
            continue
        feeders = {a.index for m in members for a in program.steps[m - 1].args
                   if isinstance(a, Ref) and a.index >= 1 and a.index not in members}
        for feeder in feeders:
            grown = members | {feeder}
            if grown not in seen:
                seen.add(grown)
                stack.append(grown)


def _post_order(program: Program, members: frozenset[int], root: int) -> list[int]:
    order: list[int] = []

    def visit(position: int) -> None:
        if position in members and position not in order:
            for arg in program.steps[position - 1].args:
                if isinstance(arg, Ref):
                    visit(arg.index)
            order.append(position)
    visit(root)
    return order


def _candidates(number: int, program: Program, types: Sequence[DslType], registry: Registry,
                settings: MinerSettings) -> Iterator[tuple[tuple, _Occurrence]]:
    """(key, occurrence) of every fragment of `program` and every choice of its parameters."""
    users: dict[int, set[int]] = {}
    for position, step in enumerate(program.steps, 1):
        for arg in step.args:
            if isinstance(arg, Ref):
                users.setdefault(arg.index, set()).add(position)
    for root in range(1, len(program.steps) + 1):
        if types[root] != GRID:
            continue
        for members in _groups(program, root, settings.max_size):
            if len(members) < settings.min_size:
                continue
            if any(not users.get(m, set()) <= members for m in members if m != root):
                continue     # an inner step also feeds the rest of the program: no step saved
            outside = {a.index for m in members for a in program.steps[m - 1].args
                       if isinstance(a, Ref) and a.index not in members}
            if len(outside) != 1:
                continue
            hole = next(iter(outside))
            if types[hole] != GRID:
                continue
            order = _post_order(program, members, root)
            local = {position: k for k, position in enumerate(order, 1)}
            local[hole] = 0
            slots = []
            for k, position in enumerate(order, 1):
                prim = registry[program.steps[position - 1].primitive]
                if prim.family == LEARNED:
                    continue     # a learned step's parameters stay as they are
                for j, arg in enumerate(program.steps[position - 1].args):
                    if isinstance(arg, (Lit, Const)) and prim.arg_types[j] in PARAM_TYPES:
                        slots.append((k, j))
            for count in range(min(settings.max_params, len(slots)) + 1):
                for chosen in itertools.combinations(slots, count):
                    params = {slot: _Param(n) for n, slot in enumerate(chosen)}
                    key = tuple((program.steps[p - 1].primitive,
                                 tuple(params.get((k, j)) or (Ref(local[a.index]) if isinstance(a, Ref) else a)
                                       for j, a in enumerate(program.steps[p - 1].args)))
                                for k, p in enumerate(order, 1))
                    values = tuple(program.steps[order[k - 1] - 1].args[j] for k, j in chosen)
                    yield key, _Occurrence(number, root, members, hole, values)


def _types(program: Program, registry: Registry) -> tuple[DslType, ...] | None:
    try:
        return check_program(program, registry)
    except DslTypeError:
        return None


def _fragment(name: str, key: tuple, example: _Occurrence, learned: Mapping[str, Fragment]) -> Fragment:
    """The fragment of `key` with `example`'s parameter values shown in its body, its learned
    steps written out in base primitives."""
    steps: list[Step] = []
    slots: list[Slot] = []
    where = [0]
    for primitive, args in key:
        concrete = []
        for j, arg in enumerate(args):
            if isinstance(arg, _Param):
                concrete.append(example.values[arg.number])
            elif isinstance(arg, Ref):
                concrete.append(Ref(where[arg.index]))
            else:
                concrete.append(arg)
        inner = learned.get(primitive)
        if inner is not None:
            steps.extend(inline_steps(inner, concrete, len(steps)))
        else:
            steps.append(Step(primitive, tuple(concrete)))
            slots.extend(Slot(len(steps), j) for j, arg in enumerate(args) if isinstance(arg, _Param))
        where.append(len(steps))
    # Parameters are numbered in the key's order of steps and arguments, the order of `slots`.
    return Fragment(name, Program(tuple(steps)), tuple(slots))


def _rewritten(program: Program, occurrences: Sequence[_Occurrence], name: str) -> Program:
    """`program` with each of the non-overlapping `occurrences` (taken by root) as one step."""
    taken: list[_Occurrence] = []
    used: set[int] = set()
    for occurrence in sorted(occurrences, key=lambda o: o.root):
        if not occurrence.members & used:
            taken.append(occurrence)
            used |= occurrence.members
    removed = {m for o in taken for m in o.members if m != o.root}
    roots = {o.root: o for o in taken}
    steps: list[Step] = []
    where = [0]
    for position, step in enumerate(program.steps, 1):
        if position in removed:
            where.append(-1)
            continue
        occurrence = roots.get(position)
        if occurrence is not None:
            step = Step(name, (Ref(occurrence.hole),) + occurrence.values)
        steps.append(Step(step.primitive, tuple(Ref(where[a.index]) if isinstance(a, Ref) else a
                                                for a in step.args)))
        where.append(len(steps))
    return Program(tuple(steps))


def mine_library(programs: Sequence[tuple[str, Program]], registry: Registry,
                 settings: MinerSettings = MinerSettings()) -> Library:
    """The learned operations that compress `programs` ((task id, program) pairs, base primitives
    of `registry`) most, greedily; each with its tasks, uses and compression."""
    recolorings = {p.name for p in (find_replace_color(registry), find_swap_colors(registry)) if p is not None}
    corpus = [(task, without_color_map(program, recolorings)) for task, program in programs]
    working = registry
    fragments: list[Fragment] = []
    counts: list[dict] = []
    learned: dict[str, Fragment] = {}
    for round_number in range(1, settings.max_operations + 1):
        found: dict[tuple, list[_Occurrence]] = {}
        for number, (_, program) in enumerate(corpus):
            types = _types(program, working)
            if types is None:
                continue
            for key, occurrence in _candidates(number, program, types, working, settings):
                found.setdefault(key, []).append(occurrence)
        best = None
        for key, occurrences in found.items():
            tasks = len({corpus[o.program][0] for o in occurrences})
            if tasks < settings.min_tasks:
                continue
            params = sum(isinstance(a, _Param) for _, args in key for a in args)
            rank = (compression(tasks, len(key)), -params, len(occurrences), repr(key))
            if best is None or rank > best[0]:
                best = (rank, key, occurrences, tasks)
        if best is None or best[0][0] <= 0:
            break
        _, key, occurrences, tasks = best
        name = f"{settings.prefix}_{round_number:02d}"
        fragment = _fragment(name, key, occurrences[0], learned)
        fragment.check(registry)
        fragments.append(fragment)
        learned[name] = fragment
        counts.append({"tasks": tasks, "uses": len(occurrences), "compression": compression(tasks, len(key)),
                       "size": len(key), "task_ids": sorted({corpus[o.program][0] for o in occurrences})})
        by_program: dict[int, list[_Occurrence]] = {}
        for occurrence in occurrences:
            by_program.setdefault(occurrence.program, []).append(occurrence)
        corpus = [(task, _rewritten(program, by_program.get(number, ()), name))
                  for number, (task, program) in enumerate(corpus)]
        working = Registry([*working.values(), fragment.primitive(registry)])
    return Library(tuple(fragments), tuple(counts))
