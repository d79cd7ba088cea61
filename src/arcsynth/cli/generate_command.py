"""`arcsynth generate`: write synthetic tasks (program + pairs) made from training-split inputs.

`arcsynth generate --n 50000 --out synthetic.jsonl --seed 0` samples short programs, runs them
on augmented input grids of the training splits (ARC-AGI-1 training and ARC-AGI-2 training
minus every evaluation task and the held-out fold) and writes the informative ones, one JSON
object per line (format: arcsynth.guide.dataset_io). A progress line goes to stderr.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Iterator, TextIO

from arcsynth.cli.options import non_negative_int, positive_int
from arcsynth.errors import UsageError
from arcsynth.guide.splits import training_tasks
from arcsynth.guide.synthetic import GenerationStats, SyntheticItem, generate, write_jsonl

__all__ = ["NAME", "HELP", "add_arguments", "run"]

NAME = "generate"
HELP = "write synthetic training tasks (sampled programs run on training-split inputs) as JSONL"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `arcsynth generate`."""
    parser.add_argument("--n", type=positive_int, required=True, metavar="N", help="number of items to write")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE", help="the JSONL file to write")
    parser.add_argument("--seed", type=non_negative_int, default=0, metavar="S", help="random seed (default 0)")
    parser.add_argument("--arc1-only", action="store_true",
                        help="take inputs from ARC-AGI-1 training only (default: ARC-AGI-2 training too)")


def _progress(items: Iterator[SyntheticItem], total: int, stats: GenerationStats, stream: TextIO) -> Iterator[SyntheticItem]:
    started = time.process_time()
    every = max(1, min(1000, total // 20))
    interactive = stream.isatty()
    for done, item in enumerate(items, 1):
        yield item
        if done % every == 0 or done == total:
            cpu = time.process_time() - started
            redrawn = 100 * stats.steps_refused / max(1, stats.steps_run)
            line = (f"generate: {done}/{total} items  {stats.attempts} draws, {redrawn:.0f}% of steps redrawn  "
                    f"{done / max(cpu, 1e-9):.0f} items/cpu-s  cpu {cpu:.1f}s")
            stream.write(("\r\x1b[2K" + line) if interactive else line + "\n")
            stream.flush()
    if interactive:
        stream.write("\n")


def run(args: argparse.Namespace) -> int:
    """Generate and write the items."""
    if args.out.is_dir():
        raise UsageError(f"--out {args.out}: is a folder, expected a file name")
    if not args.out.parent.is_dir():
        raise UsageError(f"--out {args.out}: folder {args.out.parent} does not exist")
    sources = training_tasks(include_arc2=not args.arc1_only)
    stats = GenerationStats()
    items = _progress(generate(args.n, args.seed, sources, stats=stats), args.n, stats, sys.stderr)
    try:
        count = write_jsonl(items, args.out)
    except OSError as error:
        raise UsageError(f"--out {args.out}: cannot write: {error.strerror or error}") from None
    print(f"wrote {count} items from {len(sources)} source tasks to {args.out}")
    return 0
