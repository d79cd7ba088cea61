"""Solvers by name, for the CLI and the public API."""

from __future__ import annotations

from types import MappingProxyType
from typing import Callable, Mapping

from arcsynth.errors import UsageError
from arcsynth.solution import Solver
from arcsynth.solver.priors import make_prior
from arcsynth.solver.search_solver import SearchSolver
from arcsynth.solver.transforms import TransformSolver

__all__ = ["SOLVER_FACTORIES", "DEFAULT_SOLVER", "make_solver"]

SOLVER_FACTORIES: Mapping[str, Callable[[int], Solver]] = MappingProxyType({
    "search": lambda seed: SearchSolver(seed=seed),
    "transforms": lambda seed: TransformSolver(),
})
DEFAULT_SOLVER = "search"


def make_solver(name: str | None = None, seed: int = 0, prior: str | None = None) -> Solver:
    """The solver called `name` (default: the project's best), seeded; `prior` names the prior
    of a solver that takes one (default: the solver's own, the shipped guide for search)."""
    name = name or DEFAULT_SOLVER
    try:
        factory = SOLVER_FACTORIES[name]
    except KeyError:
        raise UsageError(f"unknown solver {name!r}; choose one of {', '.join(SOLVER_FACTORIES)}") from None
    solver = factory(seed)
    if prior is not None:
        if not hasattr(solver, "prior"):
            raise UsageError(f"solver {name!r} takes no prior; --prior works with the search solver")
        solver.prior = make_prior(prior)
    return solver
