"""Priors by name, for the search solver, the CLI (`--prior`) and the public API."""

from __future__ import annotations

from types import MappingProxyType
from typing import Callable, Mapping

from arcsynth.errors import UsageError
from arcsynth.guide.base import Prior, UniformPrior
from arcsynth.guide.learned import LearnedPrior, bundled_weights_path
from arcsynth.guide.oracle import OraclePrior

__all__ = ["PRIOR_FACTORIES", "DEFAULT_PRIOR", "make_prior", "default_prior"]


def _guide() -> Prior:
    if bundled_weights_path() is None:
        raise UsageError("the guide prior needs the weights shipped in arcsynth/guide/weights/ (none found); "
                         "use --prior uniform")
    return LearnedPrior.bundled()


PRIOR_FACTORIES: Mapping[str, Callable[[], Prior]] = MappingProxyType({
    "guide": _guide,
    "uniform": UniformPrior,
    "oracle": OraclePrior,      # benchmark only: reads programs/arc1-train
})
DEFAULT_PRIOR = "guide"


def make_prior(name: str | None = None) -> Prior:
    """The prior called `name` (default: the shipped guide)."""
    name = name or DEFAULT_PRIOR
    try:
        factory = PRIOR_FACTORIES[name]
    except KeyError:
        raise UsageError(f"unknown prior {name!r}; choose one of {', '.join(PRIOR_FACTORIES)}") from None
    return factory()


def default_prior() -> Prior:
    """The shipped guide; the uniform prior when the package carries no weights."""
    return LearnedPrior.bundled() if bundled_weights_path() is not None else UniformPrior()
