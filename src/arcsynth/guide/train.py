"""Training the guide (torch, imported lazily): a generic trainer, and the guide's data and loss.

`Trainer` knows nothing about the model (minGPT style): it takes a module, a dataset that
makes batches of tensors, and a loss function; it shuffles with its own seeded generator,
steps AdamW, prints a progress bar on a stream, and writes a checkpoint after every epoch.

`train_guide` reads a synthetic-task JSONL file (see guide/synthetic.py: program,
primitives, constants, train and test pairs), encodes every task once, trains `GuideNet`
(or, with kind='baseline', the features-only logistic regression), and exports the weights
for the numpy forward pass. Same file, same seed, same thread count: same weights.

Only synthetic tasks made from training-split inputs are training data: items whose source
is a task of the held-out fold (guide/splits.py) are refused.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence, TextIO

import numpy as np

from arcsynth.dsl.registry import Registry, default_registry
from arcsynth.errors import DataError, UsageError
from arcsynth.grid import make_grid
from arcsynth.guide.dataset_io import numbered_lines
from arcsynth.guide.encode import MAX_PAIRS, N_FEATURES, encode_pairs, pair_planes, task_features
from arcsynth.guide.numpy_model import save_weights

__all__ = ["TrainerConfig", "Trainer", "GuideData", "read_items", "encode_items", "guide_loss",
           "guide_labels", "train_guide", "NET_CONFIG", "BASELINE_CONFIG"]

# The shapes trained and shipped (see GuideConfig): the network and the features-only baseline.
NET_CONFIG = {"width": 32, "pair_dim": 64, "hidden": 128}
BASELINE_CONFIG = {"width": 0, "pair_dim": 0, "hidden": 0}


@dataclass
class TrainerConfig:
    """How to train: epochs, batch size, AdamW settings, seed and CPU threads."""

    epochs: int = 8
    batch_size: int = 64
    learning_rate: float = 2e-3
    weight_decay: float = 1e-4
    grad_clip: float = 1.0
    seed: int = 0
    threads: int = 1           # fixed, so that the float sums (and the weights) are reproducible


class Trainer:
    """Trains any torch module on any batch source with any loss (minGPT style)."""

    def __init__(self, config: TrainerConfig, model, dataset, loss_fn: Callable,
                 progress: TextIO | None = None) -> None:
        self.config = config
        self.model = model
        self.dataset = dataset          # len(dataset), dataset.batch(indices) -> tuple of tensors
        self.loss_fn = loss_fn          # loss_fn(model, batch) -> scalar tensor
        self.progress = progress
        self.history: list[dict] = []
        self.callbacks: list[Callable[["Trainer", int], dict]] = []   # after each epoch: extra figures

    def run(self, checkpoint_dir: str | Path | None = None) -> list[dict]:
        """Train for config.epochs; returns one record per epoch (loss, seconds, extras)."""
        import torch
        config = self.config
        torch.manual_seed(config.seed)
        torch.set_num_threads(config.threads)
        rng = np.random.default_rng(config.seed)
        optimizer = torch.optim.AdamW(self.model.parameters(), lr=config.learning_rate,
                                      weight_decay=config.weight_decay)
        n = len(self.dataset)
        steps_per_epoch = max(1, math.ceil(n / config.batch_size))
        total_steps = steps_per_epoch * config.epochs
        schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=config.learning_rate,
                                                       total_steps=total_steps, pct_start=0.1)
        for epoch in range(1, config.epochs + 1):
            self.model.train()
            order = rng.permutation(n)
            started = time.process_time()
            running = 0.0
            for step in range(steps_per_epoch):
                batch = self.dataset.batch(order[step * config.batch_size:(step + 1) * config.batch_size])
                loss = self.loss_fn(self.model, batch)
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.model.parameters(), config.grad_clip)
                optimizer.step()
                schedule.step()
                running += loss.item()
                self._bar(epoch, step + 1, steps_per_epoch, running / (step + 1))
            record = {"epoch": epoch, "loss": round(running / steps_per_epoch, 5),
                      "cpu_seconds": round(time.process_time() - started, 1)}
            self.model.eval()
            for callback in self.callbacks:
                record.update(callback(self, epoch))
            self.history.append(record)
            self._line(json.dumps(record))
            if checkpoint_dir is not None:
                torch.save({"model": self.model.state_dict(), "optimizer": optimizer.state_dict(),
                            "epoch": epoch, "history": self.history},
                           Path(checkpoint_dir) / f"checkpoint-{epoch:03d}.pt")
        return self.history

    def _bar(self, epoch: int, step: int, steps: int, loss: float) -> None:
        if self.progress is None:
            return
        width = 30
        done = int(width * step / steps)
        self.progress.write(f"\repoch {epoch}/{self.config.epochs} [{'#' * done}{'.' * (width - done)}] "
                            f"{step}/{steps} loss {loss:.4f}")
        self.progress.flush()

    def _line(self, text: str) -> None:
        if self.progress is not None:
            self.progress.write("\n" + text + "\n")
            self.progress.flush()


# ---------------------------------------------------------------------------------------------
# The guide's data


@dataclass
class GuideData:
    """Encoded tasks: pairs int8 [N, P, 2, 30, 30], pair_mask [N, P], features [N, F],
    labels float32 [N, L] (1 = the program uses that label), sources [N] (task ids)."""

    pairs: np.ndarray
    pair_mask: np.ndarray
    features: np.ndarray
    labels: np.ndarray
    sources: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.labels)

    def subset(self, index: np.ndarray) -> "GuideData":
        return GuideData(self.pairs[index], self.pair_mask[index], self.features[index], self.labels[index],
                         [self.sources[i] for i in index])

    @classmethod
    def concat(cls, parts: Sequence["GuideData"]) -> "GuideData":
        """The items of `parts`, one after another."""
        return cls(np.concatenate([p.pairs for p in parts]), np.concatenate([p.pair_mask for p in parts]),
                   np.concatenate([p.features for p in parts]), np.concatenate([p.labels for p in parts]),
                   [source for p in parts for source in p.sources])

    def batch(self, index: Sequence[int]):
        """Tensors (planes, pair_mask, features, labels) of the items at `index`."""
        import torch
        index = np.asarray(index)
        return (torch.from_numpy(pair_planes(self.pairs[index])), torch.from_numpy(self.pair_mask[index]),
                torch.from_numpy(self.features[index]), torch.from_numpy(self.labels[index]))


def guide_loss(model, batch):
    """Mean binary cross-entropy over every label (multi-label, DeepCoder-style)."""
    from torch.nn import functional as F
    planes, mask, features, labels = batch
    return F.binary_cross_entropy_with_logits(model(planes, mask, features), labels)


def read_items(path: str | Path, limit: int | None = None) -> Iterable[tuple[int, dict]]:
    """(line number, object) of each non-empty line; UsageError naming file and line when bad."""
    count = 0
    try:
        for number, line in numbered_lines(Path(path)):
            try:
                item = json.loads(line)
            except ValueError as exc:
                raise UsageError(f"{path}:{number}: not JSON ({exc})") from None
            if not isinstance(item, dict) or not isinstance(item.get("train"), list) or not item["train"]:
                raise UsageError(f"{path}:{number}: expected an object with a non-empty 'train' list")
            yield number, item
            count += 1
            if limit is not None and count >= limit:
                return
    except DataError as exc:    # the file cannot be opened or read to its end: a bad --data
        raise UsageError(str(exc)) from None


def _heldout_sources() -> frozenset[str]:
    """Task ids that must never be training data (the held-out fold), when splits.py exists."""
    try:
        from arcsynth.guide import splits
    except ImportError:
        return frozenset()
    return frozenset(splits.heldout_fold())


def encode_items(path: str | Path, labels: Sequence[str], limit: int | None = None,
                 progress: TextIO | None = None) -> GuideData:
    """Encode every item of a JSONL file against the output `labels` of a GuideConfig."""
    position = {name: k for k, name in enumerate(labels)}
    forbidden = _heldout_sources()
    pairs, masks, features, rows, sources = [], [], [], [], []
    for number, item in read_items(path, limit):
        source = str(item.get("source", ""))
        if source.split(":")[0] in forbidden or source in forbidden:
            raise UsageError(f"{path}:{number}: source {source!r} is in the held-out fold; never train on it")
        try:
            train = [(make_grid(p["input"]), make_grid(p["output"])) for p in item["train"]]
            tests = [make_grid(p["input"]) for p in item.get("test", [])]
        except (KeyError, TypeError, ValueError) as exc:
            raise UsageError(f"{path}:{number}: bad grid ({exc})") from None
        encoded, mask = encode_pairs(train)
        pairs.append(encoded)
        masks.append(mask)
        features.append(task_features(train, tests))
        row = np.zeros(len(labels), dtype=np.float32)
        constants = item.get("constants") or {}
        names = list(item.get("primitives", []))
        names += [f"color:{c}" for c in constants.get("colors", [])]
        names += [f"int:{k}" for k in constants.get("ints", [])]
        for name in names:
            if name in position:
                row[position[name]] = 1.0
        rows.append(row)
        sources.append(source)
        if progress is not None and len(rows) % 1000 == 0:
            progress.write(f"\rencoded {len(rows)} tasks")
            progress.flush()
    if not rows:
        raise UsageError(f"{path}: no tasks")
    if progress is not None:
        progress.write(f"\rencoded {len(rows)} tasks\n")
    return GuideData(np.stack(pairs), np.stack(masks).astype(np.float32),
                     np.stack(features).astype(np.float32), np.stack(rows), sources)


def split_by_source(data: GuideData, share: float, seed: int) -> tuple[GuideData, GuideData]:
    """(train, validation): a `share` of the source tasks (all their items) goes to validation."""
    names = sorted(set(data.sources))
    rng = np.random.default_rng(seed)
    chosen = set(rng.choice(names, size=max(1, int(len(names) * share)), replace=False).tolist()) \
        if len(names) > 1 and share > 0 else set()
    val = np.array([k for k, s in enumerate(data.sources) if s in chosen], dtype=np.intp)
    train = np.array([k for k, s in enumerate(data.sources) if s not in chosen], dtype=np.intp)
    return data.subset(train), data.subset(val)


def validation_figures(model, data: GuideData, n_primitives: int, lam: float = 0.4) -> dict:
    """On `data`: mean BCE, and the mean cost (-log p) of the primitives each program used under
    the mixed prior (model normalised, lam of uniform), against the uniform cost ln(P)."""
    import torch
    if len(data) == 0:
        return {}
    losses, costs = [], []
    with torch.no_grad():
        for start in range(0, len(data), 256):
            index = np.arange(start, min(len(data), start + 256))
            planes, mask, features, labels = data.batch(index)
            logits = model(planes, mask, features)
            losses.append(float(guide_loss(model, (planes, mask, features, labels))) * len(index))
            p = torch.sigmoid(logits[:, :n_primitives]).double().numpy()
            p = p / p.sum(axis=1, keepdims=True)
            mixed = (1 - lam) * p + lam / n_primitives
            used = labels[:, :n_primitives].numpy() > 0
            for row, hit in zip(mixed, used):
                if hit.any():
                    costs.append(float(-np.log(row[hit]).mean()))
    return {"val_loss": round(sum(losses) / len(data), 5), "val_prim_cost": round(float(np.mean(costs)), 4),
            "uniform_cost": round(math.log(n_primitives), 4)}


def guide_labels(registry: Registry | None = None) -> tuple[str, ...]:
    """The output labels of a guide over `registry`: its primitives, then the constants."""
    from arcsynth.guide.model import GuideConfig
    registry = default_registry() if registry is None else registry
    return GuideConfig(primitives=tuple(sorted(registry)), n_features=N_FEATURES, **BASELINE_CONFIG).labels


def train_guide(data_path: str | Path | GuideData | Sequence[str | Path | GuideData], out_dir: str | Path, kind: str = "net", epochs: int = 8, seed: int = 0,
                limit: int | None = None, registry: Registry | None = None, val_share: float = 0.05,
                progress: TextIO | None = None, trainer_config: TrainerConfig | None = None) -> dict:
    """Train the guide (kind 'net' or 'baseline') on a synthetic JSONL file (or several, read one
    after another; `limit` applies to each; an entry may be GuideData already encoded against
    `guide_labels(registry)`, so that a caller training again encodes once); write `out_dir/guide.npz` (numpy weights), checkpoints
    and `out_dir/train-log.json`. Returns the log."""
    import torch

    from arcsynth.guide.model import GuideConfig, GuideNet
    if kind not in ("net", "baseline"):
        raise UsageError(f"unknown model kind {kind!r}; choose net or baseline")
    registry = default_registry() if registry is None else registry
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    shape = NET_CONFIG if kind == "net" else BASELINE_CONFIG
    config = GuideConfig(primitives=tuple(sorted(registry)), n_features=N_FEATURES, **shape)
    paths = [data_path] if isinstance(data_path, (str, Path, GuideData)) else list(data_path)
    data = GuideData.concat([path if isinstance(path, GuideData) else encode_items(path, config.labels, limit, progress)
                             for path in paths])
    names = ["<encoded>" if isinstance(path, GuideData) else str(path) for path in paths]
    train_set, val_set = split_by_source(data, val_share, seed)
    config.extra = {"kind": kind, "data": ",".join(Path(name).name for name in names), "items": len(train_set), "seed": seed,
                    "epochs": epochs, "max_pairs": MAX_PAIRS}
    torch.manual_seed(seed)
    model = GuideNet(config)
    trainer_config = trainer_config or TrainerConfig(epochs=epochs, seed=seed,
                                                     learning_rate=3e-3 if kind == "net" else 1e-2)
    trainer = Trainer(trainer_config, model, train_set, guide_loss, progress)
    n_prims = len(config.primitives)
    trainer.callbacks.append(lambda t, epoch: validation_figures(t.model, val_set, n_prims))
    history = trainer.run(out)
    params = {name: value.detach().cpu().numpy() for name, value in model.state_dict().items()}
    save_weights(out / "guide.npz", params, config.to_dict())
    log = {"kind": kind, "data": ",".join(names), "items": len(data), "train_items": len(train_set),
           "val_items": len(val_set), "parameters": model.num_parameters(), "seed": seed,
           "trainer": trainer_config.__dict__, "history": history}
    (out / "train-log.json").write_text(json.dumps(log, indent=1) + "\n", encoding="utf-8")
    return log
