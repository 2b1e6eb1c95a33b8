"""Topic names of one deployment (the Java ``Topics``).

Keys: run_id for checkpoints, outcomes and verdicts; study_id for probes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields

_VALID = re.compile(r"[a-zA-Z0-9._-]{1,249}")


@dataclass(frozen=True)
class Topics:
    """The five AeLLE topics; the defaults are what ``aelle-monitor kafka`` and ``init-topics`` create."""

    checkpoints: str = "aelle.checkpoints"
    outcomes: str = "aelle.outcomes"
    probes: str = "aelle.probes"
    verdicts: str = "aelle.verdicts"
    dead_letters: str = "aelle.dead-letters"

    def __post_init__(self) -> None:
        names = [getattr(self, f.name) for f in fields(self)]
        for name in names:
            if not isinstance(name, str) or not _VALID.fullmatch(name) or name in (".", ".."):
                raise ValueError(f"'{name}' is not a valid Kafka topic name")
        if len(set(names)) != len(names):
            raise ValueError("the five topic names must differ")
