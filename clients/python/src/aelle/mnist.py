"""Sequential MNIST (the AeLLE paper's SMNIST task) from the four standard IDX files, for examples and tests.

Each 28x28 image is read row by row: 28 time steps of 28 inputs, pixels scaled to [0, 1].
"""
from __future__ import annotations

import gzip
import os
import struct
from pathlib import Path
from typing import Tuple

import numpy as np

_FILES = {"train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
          "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")}


def _open(folder: Path, name: str):
    for candidate, opener in ((folder / f"{name}.gz", gzip.open), (folder / name, open)):
        if candidate.exists():
            return opener(candidate, "rb")
    raise FileNotFoundError(f"{name}(.gz) is not in {folder}")


def _read(folder: Path, name: str, magic: int, count: int) -> np.ndarray:
    with _open(folder, name) as f:
        dims = 3 if magic == 2051 else 1
        header = struct.unpack(f">{1 + dims}i", f.read(4 * (1 + dims)))
        if header[0] != magic:
            raise ValueError(f"{name}: magic {header[0]}, expected {magic}")
        shape = (min(count, header[1]),) + tuple(header[2:])
        if any(d <= 0 or d > 60000 for d in shape):
            raise ValueError(f"{name}: implausible shape {header[1:]}")
        data = f.read(int(np.prod(shape)))
        return np.frombuffer(data, dtype=np.uint8).reshape(shape)


def sequential_mnist(folder: "str | os.PathLike[str]", split: str = "train",
                     count: int = 60000) -> Tuple[np.ndarray, np.ndarray]:
    """The first ``count`` images of a split as float32 sequences (count, 28, 28) and their int64 labels."""
    if split not in _FILES:
        raise ValueError(f"split must be train or test, got '{split}'")
    images_name, labels_name = _FILES[split]
    images = _read(Path(folder), images_name, 2051, count)
    labels = _read(Path(folder), labels_name, 2049, count)
    return images.astype(np.float32) / 255.0, labels.astype(np.int64)
