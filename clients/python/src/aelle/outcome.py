"""Outcomes: how a run ended, the value of the ``aelle.outcomes`` topic (key run_id).

JSON: ``{"run_id", "study_id", "final_val_loss", "epochs_completed", "status"}`` plus ``"audit": true`` on an audited
run. ``final_val_loss`` is ``null`` when the run never reached a finite validation loss (JSON has no NaN). The monitor
scores verdicts against completed and failed runs; ``stopped_early`` runs have no final loss to score.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Optional

from ._files import atomic_write, json_object

COMPLETED = "completed"
FAILED = "failed"
STOPPED_EARLY = "stopped_early"
STATUSES = (COMPLETED, FAILED, STOPPED_EARLY)


@dataclass(frozen=True)
class Outcome:
    """A finished run. ``audit``: an early-stopping rule would have stopped it, and it trained on to measure the rule."""

    run_id: str
    study_id: str
    final_val_loss: Optional[float]
    epochs_completed: int
    status: str = COMPLETED
    audit: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.run_id, str) or not self.run_id.strip():
            raise ValueError("outcome run_id is required")
        if not isinstance(self.study_id, str) or not self.study_id.strip():
            raise ValueError("outcome study_id is required")
        if self.status not in STATUSES:
            raise ValueError(f"outcome status must be completed, failed or stopped_early, got '{self.status}'")
        if not isinstance(self.epochs_completed, int) or isinstance(self.epochs_completed, bool) \
                or not 0 <= self.epochs_completed < 2**31:
            raise ValueError(f"outcome epochs_completed must be an integer >= 0, got {self.epochs_completed!r}")
        if not isinstance(self.audit, bool):
            raise ValueError(f"outcome audit must be true or false, got {self.audit!r}")

    def to_json(self) -> bytes:
        """The JSON the Java ``Outcome`` writes: same keys in the same order, ``null`` for a non-finite loss."""
        loss = self.final_val_loss
        node: Dict[str, Any] = {"run_id": self.run_id, "study_id": self.study_id,
                                "final_val_loss": float(loss) if loss is not None and math.isfinite(loss) else None,
                                "epochs_completed": self.epochs_completed, "status": self.status}
        if self.audit:
            node["audit"] = True
        return json.dumps(node, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")

    @classmethod
    def parse(cls, data: bytes) -> "Outcome":
        """Reads outcome JSON; anything malformed or incomplete is a ``ValueError`` naming the problem."""
        node = json_object(data, "outcome")
        for key in ("run_id", "study_id", "status"):
            if not isinstance(node.get(key), str):
                raise ValueError(f"bad outcome JSON: {key} must be a string")
        loss = node.get("final_val_loss", "missing")
        if loss is not None and (isinstance(loss, bool) or not isinstance(loss, (int, float))):
            raise ValueError(f"bad outcome JSON: final_val_loss must be a number or null, got {loss!r}")
        epochs = node.get("epochs_completed")
        if isinstance(epochs, bool) or not isinstance(epochs, int):
            raise ValueError(f"bad outcome JSON: epochs_completed must be an integer, got {epochs!r}")
        audit = node.get("audit")
        if audit is not None and not isinstance(audit, bool):
            raise ValueError(f"bad outcome JSON: audit must be true or false, got {audit!r}")
        return cls(node["run_id"], node["study_id"], None if loss is None else float(loss), epochs, node["status"],
                   bool(audit))


def file_name(run_id: str) -> str:
    """The outcome's file name in a checkpoint folder: ``RUN_ID.outcome.json``."""
    return f"{run_id}.outcome.json"


def save_outcome(dir: "str | os.PathLike[str]", run_id: str, study_id: str, final_val_loss: Optional[float],
                 epochs_completed: int, status: str = COMPLETED, audit: bool = False) -> Path:
    """Writes ``dir/RUN_ID.outcome.json`` atomically when a run ends and returns its path.

    ``status`` is ``completed``, ``failed`` or ``stopped_early``; a NaN or ``None`` loss is written as ``null``.
    """
    outcome = Outcome(run_id, study_id, final_val_loss, int(epochs_completed), status, audit)
    return atomic_write(dir, file_name(run_id), outcome.to_json())
