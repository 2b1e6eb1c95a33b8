"""Checkpoints: a model's recurrent weights as a safetensors file with the ``aelle.*`` metadata strings.

The metadata (all values strings, as safetensors requires):

==========================  ========================================================================
``aelle.run_id``            required; the Kafka key of the run's checkpoints, outcome and verdicts
``aelle.study_id``          required; the study (bundle and probe) the run belongs to
``aelle.epoch``             required integer >= 0; 0 means before any training
``aelle.total_epochs``      required integer > 0, >= epoch; training fraction = epoch / total_epochs
``aelle.val_loss``          optional number (``NaN`` for a diverged run)
``aelle.train_loss``        optional number
``aelle.arch``              optional ``rnn``, ``gru`` or ``lstm`` (inferred from the tensors otherwise)
``aelle.layer_prefix``      optional, e.g. ``rnn_layer.`` (inferred: the one prefix holding ``weight_hh_l0``)
``aelle.hparams``           optional JSON object of the run's hyperparameters
``aelle.created_at``        optional ISO-8601 instant (the monitor's publish-to-verdict latency starts here)
==========================  ========================================================================

The same rules as the Java ``CheckpointMetadata`` are checked before anything is written or sent.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, Mapping, Optional

from . import safetensors
from ._files import atomic_write, java_double

RUN_ID = "aelle.run_id"
STUDY_ID = "aelle.study_id"
EPOCH = "aelle.epoch"
TOTAL_EPOCHS = "aelle.total_epochs"
VAL_LOSS = "aelle.val_loss"
TRAIN_LOSS = "aelle.train_loss"
ARCH = "aelle.arch"
LAYER_PREFIX = "aelle.layer_prefix"
HPARAMS = "aelle.hparams"
CREATED_AT = "aelle.created_at"

ARCHS = ("rnn", "gru", "lstm")


@dataclass(frozen=True)
class CheckpointMetadata:
    """The parsed ``aelle.*`` metadata of a checkpoint (see the module docstring)."""

    run_id: str
    study_id: str
    epoch: int
    total_epochs: int
    val_loss: Optional[float] = None
    train_loss: Optional[float] = None
    arch: Optional[str] = None
    layer_prefix: Optional[str] = None
    hparams: Optional[str] = None
    created_at: Optional[str] = None

    def __post_init__(self) -> None:
        if not isinstance(self.run_id, str) or not self.run_id.strip():
            raise ValueError(f"{RUN_ID} is required")
        if not isinstance(self.study_id, str) or not self.study_id.strip():
            raise ValueError(f"{STUDY_ID} is required")
        if self.epoch < 0:
            raise ValueError(f"{EPOCH} must be >= 0, got {self.epoch}")
        if self.total_epochs <= 0:
            raise ValueError(f"{TOTAL_EPOCHS} must be > 0, got {self.total_epochs}")
        if self.epoch > self.total_epochs:
            raise ValueError(f"{EPOCH} {self.epoch} is beyond {TOTAL_EPOCHS} {self.total_epochs}")
        if self.arch is not None and self.arch not in ARCHS:
            raise ValueError(f"{ARCH} must be rnn, gru or lstm, got '{self.arch[:80]}'")
        if self.hparams is not None:
            try:
                is_object = isinstance(json.loads(self.hparams), dict)
            except ValueError:
                is_object = False
            if not is_object:
                raise ValueError(f"{HPARAMS} must be a JSON object, got '{self.hparams[:80]}'")

    @property
    def fraction(self) -> float:
        """Training fraction, epoch / total_epochs."""
        return self.epoch / self.total_epochs

    def to_dict(self) -> Dict[str, str]:
        """The metadata as safetensors strings, absent optionals left out."""
        m = {RUN_ID: self.run_id, STUDY_ID: self.study_id, EPOCH: str(self.epoch), TOTAL_EPOCHS: str(self.total_epochs)}
        if self.val_loss is not None:
            m[VAL_LOSS] = java_double(self.val_loss)
        if self.train_loss is not None:
            m[TRAIN_LOSS] = java_double(self.train_loss)
        for key, value in ((ARCH, self.arch), (LAYER_PREFIX, self.layer_prefix), (HPARAMS, self.hparams),
                           (CREATED_AT, self.created_at)):
            if value is not None:
                m[key] = value
        return m

    @classmethod
    def parse(cls, meta: Mapping[str, str]) -> "CheckpointMetadata":
        """Reads the metadata of a file; a missing or malformed value is a ``ValueError`` naming it."""
        def required(key: str) -> str:
            value = meta.get(key)
            if value is None or not value.strip():
                raise ValueError(f"required metadata {key} is missing")
            return value

        def integer(key: str) -> int:
            text = required(key).strip()
            try:
                value = int(text)
            except ValueError:
                value = None
            if value is None or not -2**31 <= value < 2**31:
                raise ValueError(f"{key} must be an integer, got '{text[:80]}'")
            return value

        def number(key: str) -> Optional[float]:
            text = meta.get(key)
            if text is None or not text.strip():
                return None
            try:
                return float(text.strip())
            except ValueError:
                raise ValueError(f"{key} must be a decimal number, got '{text[:80]}'") from None

        return cls(required(RUN_ID), required(STUDY_ID), integer(EPOCH), integer(TOTAL_EPOCHS), number(VAL_LOSS),
                   number(TRAIN_LOSS), meta.get(ARCH), meta.get(LAYER_PREFIX), meta.get(HPARAMS), meta.get(CREATED_AT))


def file_name(run_id: str, epoch: int) -> str:
    """The checkpoint's file name in a folder: ``RUN_ID-EPOCH.safetensors``, the epoch zero-padded to four digits."""
    return f"{run_id}-{epoch:04d}.safetensors"


def _tensors(state_dict_or_module: Any) -> Mapping[str, Any]:
    state = state_dict_or_module.state_dict() if callable(getattr(state_dict_or_module, "state_dict", None)) \
        else state_dict_or_module
    if not isinstance(state, Mapping) or not state:
        raise ValueError("expected a torch module or a non-empty mapping of tensor names to tensors")
    return state


def now_iso() -> str:
    """The current UTC instant in ISO-8601 with a ``Z``, as Java's ``Instant.toString`` writes it."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def checkpoint_bytes(state_dict_or_module: Any, run_id: str, study_id: str, epoch: int, total_epochs: int,
                     val_loss: Optional[float] = None, train_loss: Optional[float] = None,
                     hparams: Optional[Mapping[str, Any]] = None, arch: Optional[str] = None,
                     layer_prefix: Optional[str] = None, created_at: Optional[str] = None) -> bytes:
    """The checkpoint file as bytes: the module's ``state_dict()`` (or the mapping given) plus the metadata.

    ``hparams`` is a JSON-serialisable mapping; ``created_at`` defaults to now. Tensors keep their float dtype.
    """
    meta = CheckpointMetadata(run_id, study_id, int(epoch), int(total_epochs),
                              None if val_loss is None else float(val_loss),
                              None if train_loss is None else float(train_loss), arch, layer_prefix,
                              None if hparams is None else json.dumps(dict(hparams), allow_nan=False, sort_keys=True),
                              created_at if created_at is not None else now_iso())
    return safetensors.encode(_tensors(state_dict_or_module), meta.to_dict())


def save_checkpoint(state_dict_or_module: Any, dir: "str | os.PathLike[str]", run_id: str, study_id: str, epoch: int,
                    total_epochs: int, val_loss: Optional[float] = None, train_loss: Optional[float] = None,
                    hparams: Optional[Mapping[str, Any]] = None, arch: Optional[str] = None,
                    layer_prefix: Optional[str] = None) -> Path:
    """Writes ``dir/RUN_ID-EPOCH.safetensors`` atomically (a hidden temporary name, then a rename) and returns its path.

    ``aelle-monitor attach dir`` publishes each such file exactly once. See :func:`checkpoint_bytes`.
    """
    data = checkpoint_bytes(state_dict_or_module, run_id, study_id, epoch, total_epochs, val_loss, train_loss, hparams,
                            arch, layer_prefix)
    return atomic_write(dir, file_name(run_id, int(epoch)), data)


def parse_checkpoint(data: bytes) -> "tuple[CheckpointMetadata, Dict[str, Any]]":
    """Checks a checkpoint file as the monitor does; returns its metadata and tensors (raises ``ValueError``)."""
    f = safetensors.decode(data)
    return CheckpointMetadata.parse(f.metadata), f.tensors
