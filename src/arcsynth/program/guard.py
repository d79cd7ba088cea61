"""One guarded primitive call: any failure inside becomes EvaluationError, oversize results too.

This is the one place where a primitive is called, for the interpreter and for the search
(which calls primitives directly on vectors of values), so both reject candidates alike.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from arcsynth.dsl.registry import Primitive
from arcsynth.dsl.values import Obj
from arcsynth.errors import EvaluationError
from arcsynth.program.limits import DEFAULT_LIMITS, Limits

__all__ = ["apply_primitive", "check_value"]

_MAX_MESSAGE = 200  # an exception's text may embed whole arrays; keep messages short


def apply_primitive(prim: Primitive, args: Sequence[object], limits: Limits = DEFAULT_LIMITS) -> object:
    """`prim(*args)`, with any exception and any oversize result raised as EvaluationError."""
    try:
        result = prim.function(*args)
    except EvaluationError:
        raise
    # Exception covers RecursionError, MemoryError, ValueError, ...; BaseException
    # (KeyboardInterrupt, SystemExit) must still stop the process.
    except Exception as exc:
        raise EvaluationError(f"{prim.name}: {_describe(exc)}") from exc
    check_value(result, limits, prim.name)
    return result


def check_value(value: object, limits: Limits = DEFAULT_LIMITS, where: str = "value") -> None:
    """Raise EvaluationError when `value` exceeds `limits` (sides, cells, items, integer size); cheap."""
    cells = _cells(value, limits, where)
    if cells > limits.max_cells:
        raise EvaluationError(f"{where}: result holds {cells} cells, more than {limits.max_cells}")


def _cells(value: object, limits: Limits, where: str) -> int:
    # Dispatch on the exact type first: this runs after every primitive call in the search,
    # so the common values (arrays, objects, plain ints and bools) take one comparison each.
    kind = type(value)
    if kind is np.ndarray:
        return _array_cells(value, limits, where)  # type: ignore[arg-type]
    if kind is Obj:
        return _array_cells(value.mask, limits, where)  # type: ignore[attr-defined]
    if kind is bool:
        return 0
    if kind is int:
        if not -limits.max_abs_int <= value <= limits.max_abs_int:  # type: ignore[operator]
            raise EvaluationError(f"{where}: integer result beyond +-{limits.max_abs_int}")
        return 0
    if kind is tuple or kind is list:
        if len(value) > limits.max_items:  # type: ignore[arg-type]
            raise EvaluationError(f"{where}: result has {len(value)} items, more than {limits.max_items}")  # type: ignore[arg-type]
        total = 0
        for item in value:  # type: ignore[attr-defined]
            # Objects are the common item (hundreds per noisy grid): check them inline.
            total += (_array_cells(item.mask, limits, where) if type(item) is Obj
                      else _cells(item, limits, where))
        return total
    if isinstance(value, (np.integer, int)) and not isinstance(value, (bool, np.bool_)):
        return _cells(int(value), limits, where)  # numpy scalars and int subclasses
    if isinstance(value, np.ndarray):
        return _array_cells(value, limits, where)
    return 0


def _array_cells(array: np.ndarray, limits: Limits, where: str) -> int:
    shape = array.shape
    if len(shape) == 2:
        if shape[0] > limits.max_side or shape[1] > limits.max_side:
            raise EvaluationError(f"{where}: result of shape {shape} has a side above {limits.max_side}")
    elif any(side > limits.max_side for side in shape):
        raise EvaluationError(f"{where}: result of shape {shape} has a side above {limits.max_side}")
    return array.size


def _describe(exc: BaseException) -> str:
    # One line: the message ends up in per-pair reports and logs (numpy's may span lines).
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text if len(text) <= _MAX_MESSAGE else text[:_MAX_MESSAGE] + "..."
