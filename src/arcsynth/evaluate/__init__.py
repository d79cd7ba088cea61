"""The evaluation harness: executors, ARC scoring, price in USD, and the results store."""

from arcsynth.evaluate.dask_executor import DaskExecutor
from arcsynth.evaluate.price import DEFAULT_PRICE_PER_CPU_HOUR, usd_for_cpu_seconds
from arcsynth.evaluate.harness import EvalSettings, Progress, RunResult, evaluate
from arcsynth.evaluate.records import RECORD_SCHEMA_VERSION, OutputAttempts, RecordedAttempt, TaskRecord
from arcsynth.evaluate.run_results import RESULTS_SCHEMA_VERSION, RunResults
from arcsynth.evaluate.scoring import Scores, aggregate_scores, output_solved, score_submission
from arcsynth.evaluate.store import RunStore
from arcsynth.evaluate.submission import parse_submission

__all__ = [
    "DaskExecutor", "DEFAULT_PRICE_PER_CPU_HOUR", "usd_for_cpu_seconds", "EvalSettings", "Progress", "RunResult", "evaluate",
    "Scores", "aggregate_scores", "output_solved", "score_submission", "RunStore", "parse_submission",
    "TaskRecord", "OutputAttempts", "RecordedAttempt", "RECORD_SCHEMA_VERSION", "RunResults", "RESULTS_SCHEMA_VERSION",
]
