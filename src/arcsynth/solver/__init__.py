"""Solvers: a guide and a search wired into `solve(task, budget)`."""

from arcsynth.solver.factory import DEFAULT_SOLVER, SOLVER_FACTORIES, make_solver
from arcsynth.solver.priors import DEFAULT_PRIOR, PRIOR_FACTORIES, make_prior
from arcsynth.solver.search_solver import SearchSolver
from arcsynth.solver.transforms import TransformSolver

__all__ = ["DEFAULT_SOLVER", "SOLVER_FACTORIES", "make_solver", "TransformSolver", "SearchSolver",
           "DEFAULT_PRIOR", "PRIOR_FACTORIES", "make_prior"]
