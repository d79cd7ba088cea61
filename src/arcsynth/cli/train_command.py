"""`arcsynth train`: train the guide on synthetic tasks (needs torch: pip install 'arcsynth[train]').

    arcsynth train --data synthetic.jsonl --out runs/guide [--epochs 8] [--seed 0] [--model net|baseline]
    arcsynth train --data synthetic.jsonl --out runs/expert --rounds 2 [--nodes 4000] [--samples 24]
    arcsynth train --guide states --out runs/states --rounds 3 [--nodes 3000] [--fold-nodes 10000]

Writes DIR/guide.npz (the weights the numpy guide reads; copy it to
src/arcsynth/guide/weights/guide.npz to ship it), DIR/checkpoint-NNN.pt after each epoch and
DIR/train-log.json. Same data, seed and options: the same weights.

With `--rounds N`, expert iteration (arcsynth/expert.py): N rounds of searching the
training-split tasks with the current guide, turning its verified programs and (in hindsight)
the programs it ran into training items, and retraining on the data plus those items; a line
per round says how many training tasks that round's guide solved.

With `--guide states`, expert rounds of the state guide (arcsynth/expert/state_rounds.py; numpy
only, no --data): the policy over states (and with --refit-value the value model) is refitted
each round on the traces of the search it steered, and measured on the held-out fold; a line per
round says the training tasks solved and the fold's reach.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from arcsynth.cli.options import non_negative_int, positive_float, positive_int
from arcsynth.errors import UsageError

__all__ = ["NAME", "HELP", "add_arguments", "run"]

NAME = "train"
HELP = "train the guide network on synthetic tasks (JSON lines); needs the 'train' extra (torch)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `arcsynth train`."""
    parser.add_argument("--guide", choices=("prior", "states"), default="prior",
                        help="the per-task prior network (default), or the value and policy over states "
                             "(expert rounds, with --rounds)")
    parser.add_argument("--data", metavar="FILE.jsonl", nargs="+",
                        help="synthetic tasks, one JSON object a line (arcsynth generate); several files are read in "
                             "turn (needed for --guide prior)")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for weights, checkpoints and the log")
    parser.add_argument("--epochs", type=positive_int, default=8, metavar="N", help="passes over the data (default: 8)")
    parser.add_argument("--seed", type=non_negative_int, default=0, metavar="N", help="random seed (default: 0)")
    parser.add_argument("--model", choices=("net", "baseline"), default="net",
                        help="the guide network, or the features-only logistic regression (default: net)")
    parser.add_argument("--limit", type=positive_int, default=None, metavar="N", help="use the first N items only")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--rounds", type=positive_int, default=None, metavar="N",
                        help="expert iteration: N rounds of search, relabelling and retraining (default: train once)")
    parser.add_argument("--nodes", type=positive_int, default=None, metavar="N",
                        help="with --rounds: search budget per training task, in states (default: 4000; "
                             "3000 with --guide states)")
    parser.add_argument("--fold-nodes", type=positive_int, default=10000, metavar="N",
                        help="with --guide states: states per held-out fold task, to the first fit (default: 10000)")
    parser.add_argument("--fold-limit", type=positive_int, default=None, metavar="N",
                        help="with --guide states: measure only the first N held-out fold tasks")
    parser.add_argument("--policy-weight", type=positive_float, default=1.0, metavar="W",
                        help="with --guide states: the policy's weight in every search of the rounds (default: 1)")
    parser.add_argument("--init-policy", default="", metavar="POLICY.json",
                        help="with --guide states: the policy round 1 searches with (default: the bundled one)")
    parser.add_argument("--refit-value", action="store_true",
                        help="with --guide states: refit the value model too (default: the bundled one stays)")
    parser.add_argument("--samples", type=non_negative_int, default=24, metavar="N",
                        help="with --rounds: programs the search ran, relabelled per task (default: 24)")
    parser.add_argument("--solved-copies", type=positive_int, default=50, metavar="N",
                        help="with --rounds: a verified program on a real task counts as N items (default: 50)")
    parser.add_argument("--init", default=None, metavar="GUIDE.npz",
                        help="with --rounds: start from these weights instead of training on --data first")
    parser.add_argument("--task-limit", type=positive_int, default=None, metavar="N",
                        help="with --rounds: search only the first N training-split tasks")
    parser.add_argument("--workers", type=positive_int, default=2, metavar="N",
                        help="with --rounds: worker processes for the search (default: 2)")


def run(args: argparse.Namespace) -> int:
    """Train, then print where the weights went and the last epoch's figures."""
    if args.guide == "states":
        if args.rounds is None:
            raise UsageError("--guide states needs --rounds N (the state guide learns only from its own search)")
        return _state_rounds(args)
    if not args.data:
        raise UsageError("--data is required (synthetic tasks; arcsynth generate makes them)")
    try:
        import torch  # noqa: F401  (only to say plainly when it is missing)
    except ImportError:
        raise UsageError("training needs torch: pip install 'arcsynth[train]' (torch==2.13.0, CPU)") from None
    if args.rounds is not None:
        return _expert(args)
    from arcsynth.guide.train import train_guide
    log = train_guide(args.data, args.out, kind=args.model, epochs=args.epochs, seed=args.seed, limit=args.limit,
                      progress=None if args.quiet else sys.stderr)
    print(f"wrote {args.out}/guide.npz ({log['parameters']} parameters, {log['train_items']} training tasks)")
    print(json.dumps(log["history"][-1]))
    return 0


def _expert(args: argparse.Namespace) -> int:
    from arcsynth.expert import ExpertConfig, expert_iteration
    for path in [*args.data, *([args.init] if args.init else [])]:
        if not Path(path).is_file():
            raise UsageError(f"{path}: no such file")
    config = ExpertConfig(rounds=args.rounds, nodes=args.nodes or 4000, samples=args.samples, workers=args.workers,
                          solved_copies=args.solved_copies,
                          kind=args.model, epochs=args.epochs, seed=args.seed, base_limit=args.limit,
                          task_limit=args.task_limit)

    def say(entry: dict) -> None:
        print(f"round {entry['round']}: {entry['tasks_solved']}/{entry['tasks']} training tasks solved; "
              f"items: {entry.get('items', 0)} ({entry['solved']} solved, {entry['hindsight']} hindsight)", flush=True)
    expert_iteration(args.data, args.out, config, init_weights=args.init,
                     progress=None if args.quiet else sys.stderr, on_round=say)
    print(f"wrote {args.out}/guide.npz and {args.out}/expert-log.json")
    return 0


def _state_rounds(args: argparse.Namespace) -> int:
    from arcsynth.expert import StateRoundsConfig, state_rounds
    from arcsynth.search.policy import load_policy_model
    if args.init_policy:
        if not Path(args.init_policy).is_file():
            raise UsageError(f"{args.init_policy}: no such file")
        try:
            load_policy_model(args.init_policy)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as error:   # json's errors are ValueErrors
            raise UsageError(f"{args.init_policy}: not a policy's weights ({error})") from None
    config = StateRoundsConfig(rounds=args.rounds, nodes=args.nodes or 3000, samples=args.samples,
                               policy_weight=args.policy_weight, fold_nodes=args.fold_nodes, workers=args.workers,
                               seed=args.seed, task_limit=args.task_limit, fold_limit=args.fold_limit,
                               init_policy=args.init_policy, refit_value=args.refit_value)

    def say(entry: dict) -> None:
        searched = (f"{entry['tasks_solved']}/{entry['tasks']} training tasks solved "
                    f"({entry['tasks_fitting']} fitting), searched with {entry['searched_with']}; "
                    if entry["round"] else f"{entry['weights']} weights; ")
        print(f"round {entry['round']}: {searched}fold {entry['fold_found']}/{entry['fold_tasks']} found, "
              f"{entry['fold_fits']} fitting, median states to the first fit {entry['fold_median_states_to_fit']}",
              flush=True)
    state_rounds(args.out, config, on_round=say)
    print(f"wrote {args.out}/policy.json and {args.out}/rounds-log.json")
    return 0
