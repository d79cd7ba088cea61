"""Published results of other systems, for the score-versus-cost chart (data: reference_systems.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from arcsynth.errors import DataError

__all__ = ["REFERENCE_FILE", "ReferencePoint", "load_reference_systems"]

REFERENCE_FILE = Path(__file__).with_name("reference_systems.json")


@dataclass(frozen=True)
class ReferencePoint:
    """One published result: a score at a cost per task, with its source and split."""

    name: str
    series: str
    label: str  # a short tag drawn next to the point ("depth 2", "low compute")
    split: str
    score: float
    usd_per_task: float
    score_is_estimate: bool
    cost_is_estimate: bool
    source: str

    @property
    def is_estimate(self) -> bool:
        return self.score_is_estimate or self.cost_is_estimate


def _point(entry: dict, price_per_cpu_hour: float, file: str, index: int) -> ReferencePoint:
    where = f"systems[{index}]"
    try:
        if "usd_per_task" in entry:
            usd = float(entry["usd_per_task"])
        else:
            usd = float(entry["cpu_seconds_per_task"]) / 3600.0 * price_per_cpu_hour
        score = float(entry["score"])
        point = ReferencePoint(entry["name"], entry.get("series", entry["name"]), entry.get("label", ""),
                               entry["split"], score, usd,
                               bool(entry["score_is_estimate"]), bool(entry["cost_is_estimate"]), entry["source"])
    except (KeyError, TypeError, ValueError) as error:
        raise DataError(f"bad reference system entry ({error!r})", file=file, path=where) from None
    if not 0.0 <= score <= 1.0 or usd <= 0:
        raise DataError("score must be in 0..1 and the cost positive", file=file, path=where)
    return point


def load_reference_systems(price_per_cpu_hour: float, path: str | Path | None = None) -> list[ReferencePoint]:
    """The reference points; CPU-second costs are priced at `price_per_cpu_hour`."""
    file = Path(path) if path is not None else REFERENCE_FILE
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise DataError(f"unreadable reference systems file ({error})", file=str(file)) from None
    return [_point(entry, price_per_cpu_hour, str(file), index) for index, entry in enumerate(raw["systems"])]
