"""arcsynth: solve ARC-AGI tasks by test-time search over executable programs.

The public API, for notebooks and other tools::

    import arcsynth
    task = arcsynth.load_task("007bbfb7", data="arc1-train")
    solution = arcsynth.solve(task, level="tiny")
    run = arcsynth.evaluate_dataset("arc1-eval", "runs/mine", level="tiny", limit=40)
    print(run.results.score, run.results.usd_per_task)
"""

from arcsynth.version import __version__


from arcsynth.api import evaluate_dataset, load_task, score, solve
from arcsynth.budget import LEVELS, Budget, level_budget
from arcsynth.data import Dataset, load_dataset
from arcsynth.errors import ArcsynthError, DataError, ProgramError, RunError, UnknownTaskError, UsageError
from arcsynth.evaluate import EvalSettings, RunResult, Scores, evaluate
from arcsynth.solution import Attempt, Solution, Solver
from arcsynth.solver import make_solver
from arcsynth.task import Pair, Task

__all__ = [
    "__version__",
    "load_dataset", "load_task", "Dataset", "Task", "Pair",
    "solve", "make_solver", "Solver", "Solution", "Attempt", "Budget", "LEVELS", "level_budget",
    "evaluate", "evaluate_dataset", "EvalSettings", "RunResult", "score", "Scores",
    "ArcsynthError", "UsageError", "DataError", "UnknownTaskError", "ProgramError", "RunError",
]
