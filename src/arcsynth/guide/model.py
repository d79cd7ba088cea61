"""The guide network (torch; training only): demonstration pairs -> which primitives and constants.

DeepCoder-style multi-label prediction. Each train pair (input and output one-hot, cell masks,
changed cells: `encode.pair_planes`) goes through a small CNN and is pooled over space; the
pairs are pooled over the task (mean and max, so their number and order do not matter); a
vector of cheap task features joins them; an MLP gives one logit per output label: every
primitive of the vocabulary, then the colors 0..9, then the small integers used as constants.

A linear path from the task features straight to the logits runs beside the MLP (wide and
deep), so that the network starts where the features-only model ends. With `width = 0` there is
no grid encoder and with `hidden = 0` no hidden layer (and no separate linear path): both zero is
a logistic regression on the task features, the features-only baseline.

The same forward pass runs in numpy (`numpy_model.py`) from the exported weights; keep the two
in step. torch is imported only by this module and `train.py`, never when solving.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import torch
from torch import nn
from torch.nn import functional as F

from arcsynth.guide.encode import N_FEATURES, PAIR_CHANNELS

__all__ = ["GuideConfig", "GuideNet"]


@dataclass
class GuideConfig:
    """Shape of the network and the names of its outputs (saved beside the weights)."""

    primitives: tuple[str, ...] = ()          # output labels 0..P-1
    colors: tuple[int, ...] = tuple(range(10))  # output labels P..P+9: "color:c"
    ints: tuple[int, ...] = tuple(range(10))    # then "int:k"
    n_features: int = N_FEATURES
    width: int = 32        # channels of the pair CNN; 0 = no grid encoder (features only)
    pair_dim: int = 64     # size of one pair's vector
    hidden: int = 128      # hidden layer of the head; 0 = linear head (logistic regression)
    extra: dict = field(default_factory=dict)   # free-form notes (data, seed), kept in the weights file

    @property
    def labels(self) -> tuple[str, ...]:
        """Every output's name: primitive names, then 'color:c', then 'int:k'."""
        return (*self.primitives, *(f"color:{c}" for c in self.colors), *(f"int:{k}" for k in self.ints))

    def to_dict(self) -> dict:
        """JSON-able form (tuples as lists)."""
        out = asdict(self)
        for key in ("primitives", "colors", "ints"):
            out[key] = list(out[key])
        return out

    @classmethod
    def from_dict(cls, raw: dict) -> "GuideConfig":
        """Inverse of to_dict."""
        values = dict(raw)
        for key in ("primitives", "colors", "ints"):
            if key in values:
                values[key] = tuple(values[key])
        return cls(**values)


class PairEncoder(nn.Module):
    """One pair's planes -> a vector: three 3x3 convolutions (the second with stride 2), then
    mean and max over space."""

    def __init__(self, config: GuideConfig) -> None:
        super().__init__()
        w = config.width
        self.conv1 = nn.Conv2d(PAIR_CHANNELS, w, 3, padding=1)
        self.conv2 = nn.Conv2d(w, w, 3, stride=2, padding=1)
        self.conv3 = nn.Conv2d(w, w, 3, padding=1)
        self.proj = nn.Linear(2 * w, config.pair_dim)

    def forward(self, planes: torch.Tensor) -> torch.Tensor:
        # planes: (N, C, 30, 30) with N = batch * pairs; channels-last memory is the same numbers,
        # stored so that torch's CPU convolutions run faster (forward and backward)
        planes = planes.contiguous(memory_format=torch.channels_last)
        x = F.relu(self.conv1(planes))          # (N, w, 30, 30)
        x = F.relu(self.conv2(x))               # (N, w, 15, 15)
        x = F.relu(self.conv3(x))               # (N, w, 15, 15)
        pooled = torch.cat([x.mean(dim=(2, 3)), x.amax(dim=(2, 3))], dim=1)   # (N, 2w)
        return F.relu(self.proj(pooled))        # (N, pair_dim)


class GuideNet(nn.Module):
    """(planes, pair_mask, features) -> logits over `config.labels`."""

    def __init__(self, config: GuideConfig) -> None:
        super().__init__()
        self.config = config
        self.pairs = PairEncoder(config) if config.width > 0 else None
        joined = config.n_features + (2 * config.pair_dim if self.pairs is not None else 0)
        n_out = len(config.labels)
        if config.hidden > 0:
            self.hidden = nn.Linear(joined, config.hidden)
            self.head = nn.Linear(config.hidden, n_out)
            self.wide = nn.Linear(config.n_features, n_out, bias=False)
        else:
            self.hidden = None
            self.head = nn.Linear(joined, n_out)
            self.wide = None

    def forward(self, planes: torch.Tensor, pair_mask: torch.Tensor, features: torch.Tensor) -> torch.Tensor:
        # planes: (B, P, C, 30, 30); pair_mask: (B, P) 1 = a real pair; features: (B, F)
        parts = [features]
        if self.pairs is not None:
            b, p = pair_mask.shape
            flat = planes.reshape(b * p, *planes.shape[2:])                                     # (B*P, C, 30, 30)
            # Only the real pairs go through the CNN (as in numpy_model): the padded slots are
            # zeroed by the mask below anyway, and skipping them saves about a quarter of the work.
            real = pair_mask.reshape(-1) > 0                                                    # (B*P,)
            vectors = flat.new_zeros(b * p, self.config.pair_dim)
            vectors = vectors.index_put((real,), self.pairs(flat[real])).reshape(b, p, -1)     # (B, P, D)
            mask = pair_mask.unsqueeze(-1)                                                      # (B, P, 1)
            count = mask.sum(dim=1).clamp(min=1.0)                                              # (B, 1)
            mean = (vectors * mask).sum(dim=1) / count                                          # (B, D)
            # vectors are >= 0 (ReLU), so zeroing the padded pairs leaves the max of the real ones
            biggest = (vectors * mask).amax(dim=1)                                              # (B, D)
            parts += [mean, biggest]
        x = torch.cat(parts, dim=1)                    # (B, F + 2D)
        if self.hidden is None:
            return self.head(x)                        # (B, n_labels)
        x = F.relu(self.hidden(x))                     # (B, hidden)
        return self.head(x) + self.wide(features)      # (B, n_labels)

    def num_parameters(self) -> int:
        """Trainable parameters."""
        return sum(p.numel() for p in self.parameters() if p.requires_grad)
