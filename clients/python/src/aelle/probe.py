"""Probes: the inputs (B, T, I) that drive a study's spectrum computations, and the study's settings.

One probe per study on the compacted ``aelle.probes`` topic (key study_id): a safetensors file with one tensor
``inputs`` (written as float32) and the metadata ``aelle.study_id``, ``aelle.task``, ``aelle.loss_threshold`` (final
validation loss at or below which a run counts as low error), ``aelle.le.convention`` (``reference`` or
``benettin``) and ``aelle.le.warmup``.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import safetensors
from ._files import java_double

INPUTS = "inputs"
STUDY_ID = "aelle.study_id"
TASK = "aelle.task"
LOSS_THRESHOLD = "aelle.loss_threshold"
CONVENTION = "aelle.le.convention"
WARMUP = "aelle.le.warmup"
CONVENTIONS = ("reference", "benettin")
DEFAULT_WARMUP = 500


@dataclass(frozen=True)
class Probe:
    """A parsed probe (see the module docstring)."""

    study_id: str
    task: str
    loss_threshold: float
    convention: str
    warmup: int
    inputs: np.ndarray


def _check(study_id: str, inputs: np.ndarray, loss_threshold: float, convention: str, warmup: int) -> str:
    if not isinstance(study_id, str) or not study_id.strip():
        raise ValueError(f"probe metadata {STUDY_ID} is missing")
    if inputs.ndim != 3:
        raise ValueError(f"probe 'inputs' must have shape (B, T, I), got {tuple(inputs.shape)}")
    if not math.isfinite(loss_threshold):
        raise ValueError(f"probe {LOSS_THRESHOLD} must be a finite number, got {loss_threshold}")
    if warmup < 0:
        raise ValueError(f"probe {WARMUP} must be >= 0, got {warmup}")
    if str(convention).strip().lower() not in CONVENTIONS:
        raise ValueError(f"probe {CONVENTION}: unknown spectrum convention '{convention}'; expected reference or benettin")
    return str(convention).strip().lower()


def make_probe(inputs: Any, study_id: str, task: str, loss_threshold: float, convention: str = "reference",
               warmup: int = DEFAULT_WARMUP) -> bytes:
    """The probe file as bytes, for :meth:`aelle.Publisher.publish_probe` or ``aelle-monitor publish-probe --file``.

    ``inputs``: (B, T, I) numbers (numpy array or torch tensor), e.g. a few validation sequences.
    """
    if hasattr(inputs, "detach"):
        inputs = inputs.detach().cpu().numpy()
    array = np.asarray(inputs, dtype=np.float32)
    convention = _check(study_id, array, float(loss_threshold), convention, int(warmup))
    meta = {STUDY_ID: study_id, TASK: task, LOSS_THRESHOLD: java_double(loss_threshold), CONVENTION: convention,
            WARMUP: str(int(warmup))}
    return safetensors.encode({INPUTS: array}, meta)


def parse_probe(data: bytes) -> Probe:
    """Checks a probe file as the monitor does (raises ``ValueError``)."""
    f = safetensors.decode(data)
    inputs = f.tensors.get(INPUTS)
    if inputs is None:
        raise ValueError("probe has no tensor named 'inputs'")
    m = f.metadata
    if not m.get(STUDY_ID, "").strip():
        raise ValueError(f"probe metadata {STUDY_ID} is missing")
    if m.get(LOSS_THRESHOLD) is None:
        raise ValueError(f"probe metadata {LOSS_THRESHOLD} is missing")
    try:
        threshold = float(m[LOSS_THRESHOLD].strip())
        warmup = int(m.get(WARMUP, str(DEFAULT_WARMUP)).strip())
    except ValueError:
        raise ValueError(f"probe {LOSS_THRESHOLD} or {WARMUP} is not a number") from None
    if f.dtypes[INPUTS] == "BF16":
        inputs = safetensors.bf16_to_float32(inputs)
    convention = _check(m[STUDY_ID], inputs, threshold, m.get(CONVENTION, "reference"), warmup)
    return Probe(m[STUDY_ID], m.get(TASK, "unknown"), threshold, convention, warmup, inputs)


def save_probe(path: "str | os.PathLike[str]", inputs: Any, study_id: str, task: str, loss_threshold: float,
               convention: str = "reference", warmup: int = DEFAULT_WARMUP) -> None:
    """Writes :func:`make_probe`'s bytes to ``path`` (for ``aelle-monitor publish-probe --file``)."""
    with open(path, "wb") as f:
        f.write(make_probe(inputs, study_id, task, loss_threshold, convention, warmup))
