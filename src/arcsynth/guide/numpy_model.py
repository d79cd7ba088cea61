"""The guide network's forward pass in numpy, from an exported weights file (no torch).

Mirrors `model.GuideNet` layer for layer; a test checks the two agree within 1e-5. A weights
file is an .npz holding the network's parameters under their torch names and, under
`config`, the GuideConfig as JSON (output labels included), so it is self-describing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import numpy as np

from arcsynth.errors import UsageError

__all__ = ["NumpyGuide", "load_weights", "save_weights"]


def save_weights(path: str | Path, params: Mapping[str, np.ndarray], config: dict) -> None:
    """Write parameters (float32) and the config (JSON) to an .npz at `path`."""
    arrays = {name: np.asarray(value, dtype=np.float32) for name, value in params.items()}
    np.savez_compressed(path, config=np.array(json.dumps(config, sort_keys=True)), **arrays)


def load_weights(path: str | Path) -> tuple[dict[str, np.ndarray], dict]:
    """(parameters, config dict) of a weights file; UsageError naming the file when unreadable."""
    try:
        with np.load(path, allow_pickle=False) as data:
            config = json.loads(str(data["config"]))
            params = {name: data[name].astype(np.float64) for name in data.files if name != "config"}
    except (OSError, KeyError, ValueError) as exc:
        raise UsageError(f"{path}: not a guide weights file ({exc})") from None
    return params, config


def _conv(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, stride: int) -> np.ndarray:
    """3x3 convolution with padding 1, as torch.nn.Conv2d: x (N, C, H, W) -> (N, O, H', W')."""
    padded = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    windows = np.lib.stride_tricks.sliding_window_view(padded, (3, 3), axis=(2, 3))  # (N, C, H, W, 3, 3)
    windows = windows[:, :, ::stride, ::stride]
    out = np.tensordot(windows, weight, axes=([1, 4, 5], [1, 2, 3]))                 # (N, H', W', O)
    return out.transpose(0, 3, 1, 2) + bias[None, :, None, None]


def _relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0.0)


@dataclass(frozen=True)
class NumpyGuide:
    """The network of a weights file; `logits(planes, pair_mask, features)` as GuideNet.forward."""

    params: Mapping[str, np.ndarray]
    config: Mapping

    @classmethod
    def load(cls, path: str | Path) -> "NumpyGuide":
        params, config = load_weights(path)
        return cls(params, config)

    @property
    def labels(self) -> tuple[str, ...]:
        """Output names: primitives, then 'color:c', then 'int:k'."""
        c = self.config
        return (*c["primitives"], *(f"color:{k}" for k in c["colors"]), *(f"int:{k}" for k in c["ints"]))

    def num_parameters(self) -> int:
        return int(sum(v.size for v in self.params.values()))

    def logits(self, planes: np.ndarray, pair_mask: np.ndarray, features: np.ndarray) -> np.ndarray:
        """planes (B, P, C, 30, 30), pair_mask (B, P), features (B, F) -> logits (B, n_labels), float64."""
        p = self.params
        parts = [np.asarray(features, dtype=np.float64)]
        if self.config["width"] > 0:
            b, n_pairs = pair_mask.shape
            x = np.asarray(planes, dtype=np.float64).reshape(b * n_pairs, *planes.shape[2:])
            # Only real pairs go through the CNN; padded slots are zero after the mask anyway.
            real = np.asarray(pair_mask, dtype=bool).reshape(-1)
            vectors = np.zeros((b * n_pairs, self.config["pair_dim"]))
            if real.any():
                h = _relu(_conv(x[real], p["pairs.conv1.weight"], p["pairs.conv1.bias"], 1))   # (N, w, 30, 30)
                h = _relu(_conv(h, p["pairs.conv2.weight"], p["pairs.conv2.bias"], 2))         # (N, w, 15, 15)
                h = _relu(_conv(h, p["pairs.conv3.weight"], p["pairs.conv3.bias"], 1))         # (N, w, 15, 15)
                pooled = np.concatenate([h.mean(axis=(2, 3)), h.max(axis=(2, 3))], axis=1)      # (N, 2w)
                vectors[real] = _relu(pooled @ p["pairs.proj.weight"].T + p["pairs.proj.bias"])  # (N, D)
            vectors = vectors.reshape(b, n_pairs, -1)                                           # (B, P, D)
            mask = np.asarray(pair_mask, dtype=np.float64)[:, :, None]                          # (B, P, 1)
            count = np.maximum(mask.sum(axis=1), 1.0)                                           # (B, 1)
            parts += [(vectors * mask).sum(axis=1) / count, (vectors * mask).max(axis=1)]
        x = np.concatenate(parts, axis=1)                                                        # (B, F + 2D)
        if self.config["hidden"] <= 0:
            return x @ p["head.weight"].T + p["head.bias"]                                      # (B, n_labels)
        x = _relu(x @ p["hidden.weight"].T + p["hidden.bias"])                                  # (B, hidden)
        out = x @ p["head.weight"].T + p["head.bias"]                                           # (B, n_labels)
        if "wide.weight" in p:       # the linear path from the features (files before it lack it)
            out = out + parts[0] @ p["wide.weight"].T
        return out
