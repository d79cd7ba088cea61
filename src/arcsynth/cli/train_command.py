"""`arcsynth train`: train the guide on synthetic tasks (needs torch: pip install 'arcsynth[train]').

    arcsynth train --data synthetic.jsonl --out runs/guide [--epochs 8] [--seed 0] [--model net|baseline]

Writes DIR/guide.npz (the weights the numpy guide reads; copy it to
src/arcsynth/guide/weights/guide.npz to ship it), DIR/checkpoint-NNN.pt after each epoch and
DIR/train-log.json. Same data, seed and options: the same weights.
"""

from __future__ import annotations

import argparse
import json
import sys

from arcsynth.cli.options import non_negative_int, positive_int
from arcsynth.errors import UsageError

__all__ = ["NAME", "HELP", "add_arguments", "run"]

NAME = "train"
HELP = "train the guide network on synthetic tasks (JSON lines); needs the 'train' extra (torch)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `arcsynth train`."""
    parser.add_argument("--data", required=True, metavar="FILE.jsonl",
                        help="synthetic tasks, one JSON object a line (arcsynth generate)")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for weights, checkpoints and the log")
    parser.add_argument("--epochs", type=positive_int, default=8, metavar="N", help="passes over the data (default: 8)")
    parser.add_argument("--seed", type=non_negative_int, default=0, metavar="N", help="random seed (default: 0)")
    parser.add_argument("--model", choices=("net", "baseline"), default="net",
                        help="the guide network, or the features-only logistic regression (default: net)")
    parser.add_argument("--limit", type=positive_int, default=None, metavar="N", help="use the first N items only")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    """Train, then print where the weights went and the last epoch's figures."""
    try:
        import torch  # noqa: F401  (only to say plainly when it is missing)
    except ImportError:
        raise UsageError("training needs torch: pip install 'arcsynth[train]' (torch==2.13.0, CPU)") from None
    from arcsynth.guide.train import train_guide
    log = train_guide(args.data, args.out, kind=args.model, epochs=args.epochs, seed=args.seed, limit=args.limit,
                      progress=None if args.quiet else sys.stderr)
    print(f"wrote {args.out}/guide.npz ({log['parameters']} parameters, {log['train_items']} training tasks)")
    print(json.dumps(log["history"][-1]))
    return 0
