"""Synthetic task generation: throughput, keep rate, and what the programs look like.

    .venv/bin/python bench/generate.py [--n 5000] [--seed 0] [--arc1-only] [--compare]

Generates `--n` items from the training splits (`arcsynth.guide.splits.training_tasks()`) and
prints: items kept per CPU-second (process time, fair under load), draws started and steps
redrawn while drawing, why whole programs were rejected, the distribution of program lengths,
of train pairs and of output-versus-input shape, the share of items per source dataset, and the
most used primitives. With --compare, the same run without running steps while drawing (every
program drawn blind, then filtered), to show what that buys.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from arcsynth.data import load_dataset
from arcsynth.dsl.registry import default_registry
from arcsynth.guide.splits import training_tasks
from arcsynth.guide.synthetic import GenerationStats, generate


def _run(n: int, seed: int, sources, run_while_drawing: bool) -> tuple[list, GenerationStats, float]:
    stats = GenerationStats()
    started = time.process_time()
    items = list(generate(n, seed, sources, run_while_drawing=run_while_drawing, stats=stats))
    return items, stats, time.process_time() - started


def _share(counter: Counter, total: int) -> str:
    return "  ".join(f"{key}: {100 * count / total:.1f}%" for key, count in sorted(counter.items()))


def _report(title: str, items: list, stats: GenerationStats, cpu: float, arc1_ids: set[str]) -> None:
    n = len(items)
    print(f"== {title}")
    print(f"items {n}  cpu {cpu:.1f}s  -> {n / cpu:.0f} items per CPU-second")
    started = stats.attempts or stats.drawn   # blind drawing starts one draw per program
    print(f"draws started {started}  programs drawn {stats.drawn}  kept {stats.kept}: keep rate "
          f"{100 * stats.kept / max(1, started):.1f}% of draws started, {100 * stats.kept / max(1, stats.drawn):.1f}% "
          "of programs drawn")
    if stats.steps_run:
        print(f"steps run while drawing {stats.steps_run}, refused and redrawn "
              f"{100 * stats.steps_refused / stats.steps_run:.1f}%")
    if stats.rejected:
        print("programs rejected: " + ", ".join(f"{reason} {count}" for reason, count in
                                                 sorted(stats.rejected.items(), key=lambda kv: -kv[1])))
    print("program length: " + _share(Counter(len(item.program) for item in items), n))
    print("train pairs: " + _share(Counter(len(item.task.train) for item in items), n))
    shapes = Counter("same" if all(p.input.shape == p.output.shape for p in (*i.task.train, *i.task.test))
                     else "other" for i in items)
    print("output shape vs input: " + _share(shapes, n))
    print("source: " + _share(Counter("arc1-train" if i.source in arc1_ids else "arc2-train only"
                                      for i in items), n))
    registry = default_registry()
    families = Counter(family for item in items
                       for family in {registry[name].family for name in item.program.primitive_names()})
    print("families (share of items using one): " + ", ".join(
        f"{family} {100 * count / n:.1f}%" for family, count in families.most_common()))
    used = Counter(name for item in items for name in set(item.program.primitive_names()))
    print(f"distinct primitives used {len(used)}; top 25 (share of items using it):")
    print("  " + ", ".join(f"{name} {100 * count / n:.1f}%" for name, count in used.most_common(25)))
    print("least used: " + ", ".join(f"{name} {count}" for name, count in used.most_common()[-8:]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--arc1-only", action="store_true")
    parser.add_argument("--compare", action="store_true", help="also run without running steps while drawing")
    args = parser.parse_args()
    started = time.process_time()
    sources = training_tasks(include_arc2=not args.arc1_only)
    arc1_ids = set(load_dataset("arc1-train").ids())
    print(f"sources {len(sources)} training tasks (loaded and filtered in "
          f"{time.process_time() - started:.1f} CPU-s)")
    items, stats, cpu = _run(args.n, args.seed, sources, True)
    _report("run each step while drawing (default)", items, stats, cpu, arc1_ids)
    if args.compare:
        items, stats, cpu = _run(args.n, args.seed, sources, False)
        _report("draw blind, filter after", items, stats, cpu, arc1_ids)


if __name__ == "__main__":
    main()
